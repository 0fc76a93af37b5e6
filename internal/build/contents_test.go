package build

import (
	"archive/zip"
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestVerseAndStruckText: the rich edition's song is set as verse — every line its own line in the
// print book and the handouts, never run into the next — and its struck words are still text,
// drawn struck through in print and <del> in the EPUB; a note after an exclamation mark is a note.
func TestVerseAndStruckText(t *testing.T) {
	out := buildRich(t)
	verse := []string{"Arise, ye workers from your slumbers,", "Arise, ye prisoners of want,", "Away with all your superstitions,",
		"Servile masses, arise, arise!8", "We will change henceforth the old tradition,", "And spurn the dust to win the prize!"}
	for _, pdf := range []string{"a-rich-edition.pdf", "handouts/essay-a4.pdf"} {
		text := sharedTool(t, "pdftotext", filepath.Join(out, pdf), "-")
		lines := map[string]bool{}
		for _, l := range strings.Split(text, "\n") {
			lines[strings.TrimSpace(l)] = true
		}
		for _, v := range verse {
			if !lines[v] {
				t.Errorf("%s: the verse line %q is not a line of its own:\n%s", pdf, v, text)
			}
		}
		if !strings.Contains(squash(text), "the first draft the final words. Hurrah!7") {
			t.Errorf("%s: the struck words or the note after the exclamation mark are lost:\n%s", pdf, text)
		}
	}
	page := unzipFile(t, filepath.Join(out, "a-rich-edition.epub"), "EPUB/xhtml/essay.xhtml")
	for _, want := range []string{"<del>the first draft</del>", `<div class="verse" epub:type="z3998:poem">`, `<p class="line">Arise, ye workers from your slumbers,</p>`, "Hurrah!<sup>"} {
		if !strings.Contains(page, want) {
			t.Errorf("essay.xhtml lacks %s", want)
		}
	}
}

// TestTable: the rich edition's GFM table is a table everywhere: rows side by side in print with
// the numbers right-aligned as the source's colons ask, a tagged Table whose header cells are
// column headers and whose Caption comes first, and an HTML table with <caption> and
// <th scope="col"> in the EPUB; the note in a cell is a note.
func TestTable(t *testing.T) {
	out := buildRich(t)
	pdf := filepath.Join(out, "a-rich-edition.pdf")
	layout := sharedTool(t, "pdftotext", "-layout", pdf, "-")
	var row string
	for _, l := range strings.Split(layout, "\n") {
		if strings.Contains(l, "1847") {
			row = l
		}
	}
	// Right-aligned: "14 kr." ends where "22 kr." and "7 kr." end in their columns, so the
	// shorter "7 kr." starts one figure further right than "14 kr." does.
	if !strings.Contains(squash(row), "1847 14 kr. 22 kr. After the failure") {
		t.Errorf("the row for 1847 is not one line of cells side by side: %q\n%s", row, layout)
	}
	// Every row, in the source's order, is a line of its cells side by side (a remark that wraps
	// begins on that line).
	src, err := os.ReadFile("../gen/rich/01-essay.md")
	if err != nil {
		t.Fatal(err)
	}
	var rows [][]string
	for _, l := range strings.Split(string(src), "\n") {
		if f := strings.Split(strings.Trim(l, "| "), " | "); len(f) == 4 && strings.HasPrefix(f[0], "18") {
			rows = append(rows, f)
		}
	}
	var lines []string
	for _, l := range strings.Split(layout, "\n") {
		if f := strings.Fields(l); len(f) > 0 && len(f[0]) == 4 && strings.HasPrefix(f[0], "18") {
			lines = append(lines, squash(l))
		}
	}
	if len(lines) != len(rows) {
		t.Errorf("%d rows in the source, %d row lines in the PDF", len(rows), len(lines))
	}
	for i := 0; i < min(len(rows), len(lines)); i++ {
		r := rows[i]
		want := strings.Join([]string{r[0], r[1], r[2], strings.Fields(r[3])[0]}, " ")
		if !strings.HasPrefix(lines[i], want) {
			t.Errorf("row %d reads %q in the PDF, want it to begin %q", i+1, lines[i], want)
		}
	}
	var seven, fourteen int
	for _, l := range strings.Split(layout, "\n") {
		if i := strings.Index(l, "1846"); i >= 0 {
			seven = strings.Index(l, "7 kr.")
		}
		if strings.Contains(l, "1847") {
			fourteen = strings.Index(l, "14 kr.")
		}
	}
	if seven <= fourteen {
		t.Errorf("the second column is not right-aligned: \"7 kr.\" at column %d, \"14 kr.\" at %d", seven, fourteen)
	}
	structure := sharedTool(t, "pdfinfo", "-struct-text", pdf)
	for _, want := range []string{"Table (block)\n      Caption\n        \"Prices of bread in the market", "TH:", "/Scope /Column", "TD", `"1847 "`} {
		if !strings.Contains(structure, want) {
			t.Errorf("the PDF's structure tree lacks %s", want)
		}
	}
	if !strings.Contains(squash(sharedTool(t, "pdftotext", pdf, "-")), "6. A note from a table cell.") {
		t.Errorf("the note from the table cell is not at the foot of the page")
	}
	page := unzipFile(t, filepath.Join(out, "a-rich-edition.epub"), "EPUB/xhtml/essay.xhtml")
	for _, want := range []string{`<th scope="col">Year</th>`, `<th scope="col" class="align-right">Rye loaf (6 lb)</th>`,
		`<td class="align-right">14 kr.</td>`, `href="#note-6"`,
		"<table>\n<caption><p class=\"caption\"><span id=\"ref-prices\">Prices of bread</span> in the market of the district town, 1846–1880, as the leaflet gives them.</p></caption>\n<thead>"} {
		if !strings.Contains(page, want) {
			t.Errorf("essay.xhtml lacks %s", want)
		}
	}
}

// TestNoRawMarkdown: no Markdown syntax reaches a reader. Every text of the rich edition — each
// PDF as pdftotext reads it, each EPUB page with its markup stripped — is free of table pipes,
// note and image brackets and strike tildes.
func TestNoRawMarkdown(t *testing.T) {
	out := buildRich(t)
	// The source of every construct colophon reads: tables, notes, images, struck text, verse and
	// passages (":::"), spans, definition lists (" : "), and what check refuses (index entries, LaTeX, citations
	// left unread, math, attribute braces).
	raw := []string{"|", "[^", "![", "~~", ":::", "]{", " : ", "\\index", "\\text", "[@", "$", "{."}
	scan := func(what, text string) {
		for _, r := range raw {
			if i := strings.Index(text, r); i >= 0 {
				t.Errorf("%s: raw Markdown %q in %q", what, r, text[max(0, i-40):min(len(text), i+40)])
			}
		}
	}
	tags := regexp.MustCompile(`<[^>]*>`)
	texts := 0
	err := filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, path)
		switch filepath.Ext(path) {
		case ".pdf":
			scan(rel, sharedTool(t, "pdftotext", path, "-"))
			texts++
		case ".epub":
			zr, err := zip.OpenReader(path)
			if err != nil {
				return err
			}
			defer zr.Close()
			for _, f := range zr.File {
				if strings.HasSuffix(f.Name, ".xhtml") {
					scan(rel+"!"+f.Name, html.UnescapeString(tags.ReplaceAllString(unzipFile(t, path, f.Name), " ")))
					texts++
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if texts < 10 {
		t.Fatalf("only %d texts scanned; the build made fewer PDFs and EPUB pages than it should", texts)
	}
}

// TestFigures: the rich edition's two facsimiles are pictures in the book, each handout and the
// booklets — the JPEG as it is (pdfimages says "jpeg"), the PNG losslessly at its own pixels —
// each with its caption on its page. The JPEG is too tall for what is left of its page: it
// floats to the next page while the paragraph after it stays on the first, and the note its
// caption cites is at the foot of the figure's page. The figure is a tagged Figure with its alt
// text and a bounding box; the EPUB has <figure> with <img alt> and <figcaption>, and the
// page-break marker of the book page the facsimile has to itself.
func TestFigures(t *testing.T) {
	out := buildRich(t)
	type pic struct {
		w, h    string
		enc     string
		caption string
	}
	pics := []pic{
		{"1240", "1754", "jpeg", "Facsimile of the first page of the letter, with the stamp of the receiving office.3"},
		{"900", "600", "image", "The leaflet as it was posted in the town, reduced."},
	}
	for _, pdf := range []string{"a-rich-edition.pdf", "handouts/essay-a4.pdf", "handouts/essay-letter.pdf", "handouts/a-rich-edition-booklet-a4.pdf", "handouts/a-rich-edition-booklet-letter.pdf"} {
		path := filepath.Join(out, pdf)
		if _, err := os.Stat(path); err != nil {
			t.Errorf("%s was not built: %v", pdf, err)
			continue
		}
		list := sharedTool(t, "pdfimages", "-list", path)
		var rows [][]string
		for _, l := range strings.Split(list, "\n")[2:] {
			if f := strings.Fields(l); len(f) > 9 && f[2] == "image" {
				rows = append(rows, f)
			}
		}
		for _, p := range pics {
			var row []string
			for _, r := range rows {
				if r[3] == p.w && r[4] == p.h {
					row = r
				}
			}
			if row == nil {
				t.Errorf("%s: no %s × %s picture in pdfimages -list:\n%s", pdf, p.w, p.h, list)
				continue
			}
			if row[8] != p.enc {
				t.Errorf("%s: the %s × %s picture is encoded %q, want %q (a JPEG goes in as it is)", pdf, p.w, p.h, row[8], p.enc)
			}
			// In drawing order (-raw): a booklet's side holds two pages, which the default reading order interleaves.
			page := sharedTool(t, "pdftotext", "-raw", "-f", row[0], "-l", row[0], path, "-")
			if !strings.Contains(squash(strings.ReplaceAll(page, "-\n", "")), p.caption) {
				t.Errorf("%s: the caption %q is not on page %s with its picture:\n%s", pdf, p.caption, row[0], page)
			}
			if p.enc == "jpeg" {
				if !strings.Contains(squash(page), "3. A note from a caption") {
					t.Errorf("%s: the caption's note is not at the foot of the figure's page %s:\n%s", pdf, row[0], page)
				}
				n, _ := strconv.Atoi(row[0])
				before := sharedTool(t, "pdftotext", "-f", strconv.Itoa(n-1), "-l", strconv.Itoa(n-1), path, "-")
				if !strings.Contains(squash(before), "The text goes on after the facsimile") {
					t.Errorf("%s: the paragraph after the facsimile is not on page %d, before the page the figure floated to:\n%s", pdf, n-1, before)
				}
			}
		}
	}
	book := filepath.Join(out, "a-rich-edition.pdf")
	structure := sharedTool(t, "pdfinfo", "-struct-text", book)
	if c := strings.Count(structure, "Figure:\n       /Placement /Block\n       /BBox ["); c != 2 {
		t.Errorf("%d tagged Figures with a bounding box, want 2:\n%s", c, structure)
	}
	raw, err := os.ReadFile(book)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(raw), "/S /Figure") || !strings.Contains(string(raw), "/Alt (A printed leaflet: a black headline bar over two columns of text, in a frame)") {
		t.Error("the book's Figure elements lack their alt text")
	}
	page := unzipFile(t, filepath.Join(out, "a-rich-edition.epub"), "EPUB/xhtml/essay.xhtml")
	// The facsimile has its book page to itself: the EPUB's marker for that page is in the figure.
	var facPage string
	for _, l := range strings.Split(sharedTool(t, "pdfimages", "-list", book), "\n") {
		if f := strings.Fields(l); len(f) > 4 && f[3] == "1240" {
			facPage = f[0]
		}
	}
	marker := "<figure>\n<span epub:type=\"pagebreak\" role=\"doc-pagebreak\" id=\"page-" + facPage + "\" aria-label=\"" + facPage + "\"/>\n<img src=\"../images/image-1.jpg\" alt=\"The first page of the letter"
	for _, want := range []string{marker, "<figcaption><p class=\"caption\">Facsimile of the <span id=\"ref-facsimile\">first page"} {
		if !strings.Contains(page, want) {
			t.Errorf("essay.xhtml lacks %s", want)
		}
	}
}

package build

import (
	"archive/zip"
	"html"
	"io/fs"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"colophon/internal/gen"
)

// TestVerseAndStruckText: the rich edition's song is set as verse — every line its own line in the
// print book and the handouts, never run into the next — and its struck words are still text,
// drawn struck through in print and <del> in the EPUB; a note after an exclamation mark is a note.
func TestVerseAndStruckText(t *testing.T) {
	out := buildRich(t, "epub", "pdf", "handouts")
	verse := []string{"Arise, ye workers from your slumbers,", "Arise, ye prisoners of want,", "Away with all your superstitions,",
		"Servile masses, arise, arise!8", "We will change henceforth the old tradition,", "And spurn the dust to win the prize!"}
	for _, pdf := range []string{"a-rich-edition.pdf", "handouts/essay-a4.pdf"} {
		text := tool(t, "pdftotext", filepath.Join(out, pdf), "-")
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
// column headers, and an HTML table with <th scope="col"> in the EPUB; the note in a cell is a note.
func TestTable(t *testing.T) {
	out := buildRich(t, "epub", "pdf")
	pdf := filepath.Join(out, "a-rich-edition.pdf")
	layout := tool(t, "pdftotext", "-layout", pdf, "-")
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
	structure := tool(t, "pdfinfo", "-struct-text", pdf)
	for _, want := range []string{"Table (block)", "TH:", "/Scope /Column", "TD", `"1847 "`} {
		if !strings.Contains(structure, want) {
			t.Errorf("the PDF's structure tree lacks %s", want)
		}
	}
	if !strings.Contains(squash(tool(t, "pdftotext", pdf, "-")), "6. A note from a table cell.") {
		t.Errorf("the note from the table cell is not at the foot of the page")
	}
	page := unzipFile(t, filepath.Join(out, "a-rich-edition.epub"), "EPUB/xhtml/essay.xhtml")
	for _, want := range []string{`<th scope="col">Year</th>`, `<th scope="col" class="align-right">Rye loaf (6 lb)</th>`,
		`<td class="align-right">14 kr.</td>`, `href="#note-6"`} {
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
	raw := []string{"|", "[^", "![", "~~", "::: verse"}
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
			scan(rel, tool(t, "pdftotext", path, "-"))
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

// buildRich builds the rich edition's outputs of the kinds named (all when none) into a
// temporary folder and returns it.
func buildRich(t *testing.T, only ...string) string {
	t.Helper()
	dir := t.TempDir()
	if err := gen.WriteRich(dir); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	if _, err := Run(Options{Dir: dir, Out: out, Only: only}, All); err != nil {
		t.Fatal(err)
	}
	return out
}

package epub

import (
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"colophon/internal/fontfile"
	"colophon/internal/testkit"
	"colophon/internal/validate"
)

// TestCalibre converts the seed EPUB as a user making a Kindle file or a text would, with calibre's
// own ebook-convert and ebook-meta: the text holds none of the hidden navigation (landmarks, the
// print edition's page list), the AZW3 has one cover page, not calibre's and the book's, and the
// library view shows an author.
func TestCalibre(t *testing.T) {
	convert := validate.Tool(t, "ebook-convert")
	_, data := build(t, testkit.Seed(t))
	in := writeTemp(t, data)
	dir := filepath.Dir(in)

	txt := filepath.Join(dir, "seed.txt")
	validate.Output(t, convert, in, txt)
	raw, err := os.ReadFile(txt)
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	for _, hidden := range []string{"Landmarks", "Start of text", "Pages of the print edition"} {
		if strings.Contains(text, hidden) {
			t.Errorf("calibre's text shows the hidden navigation %q", hidden)
		}
	}
	if !strings.Contains(text, "Contents") || !strings.Contains(text, "While reading lately the articles") {
		t.Errorf("calibre's text lacks the contents or the letters:\n%s", text)
	}

	// AZW3, read back as an EPUB by calibre: count the pages in its reading order that show an
	// image. The seed's only image is the cover.
	azw3 := filepath.Join(dir, "seed.azw3")
	validate.Output(t, convert, in, azw3)
	back := filepath.Join(dir, "back.epub")
	validate.Output(t, convert, azw3, back)
	if n := imagePages(t, back); n != 1 {
		t.Errorf("the AZW3 has %d pages with a cover image, want 1", n)
	}

	meta := validate.Output(t, "ebook-meta", in)
	m := regexp.MustCompile(`(?m)^Author\(s\)\s*:\s*(.*)$`).FindStringSubmatch(meta)
	if m == nil || strings.TrimSpace(m[1]) == "" || strings.HasPrefix(m[1], "Unknown") {
		t.Errorf("ebook-meta shows no author:\n%s", meta)
	}
}

// imagePages counts the spine documents of an EPUB that hold an image.
func imagePages(t *testing.T, epubPath string) int {
	t.Helper()
	raw, err := os.ReadFile(epubPath)
	if err != nil {
		t.Fatal(err)
	}
	files := entries(t, raw)
	var opfPath string
	for name := range files {
		if strings.HasSuffix(name, ".opf") {
			opfPath = name
		}
	}
	opf := files[opfPath]
	hrefs := map[string]string{}
	for _, m := range regexp.MustCompile(`<item\b[^>]*>`).FindAllString(opf, -1) {
		id := regexp.MustCompile(`\bid="([^"]*)"`).FindStringSubmatch(m)
		href := regexp.MustCompile(`\bhref="([^"]*)"`).FindStringSubmatch(m)
		if id != nil && href != nil {
			hrefs[id[1]] = path.Join(path.Dir(opfPath), href[1])
		}
	}
	n := 0
	for _, m := range regexp.MustCompile(`<itemref\b[^>]*idref="([^"]*)"`).FindAllStringSubmatch(opf, -1) {
		page := files[hrefs[m[1]]]
		if strings.Contains(page, "<img") || strings.Contains(page, "<image") {
			n++
		}
	}
	return n
}

// TestNavAndNotesStyle: the navigation document links the book's stylesheet (reading systems that
// show it showed an unstyled list); no rule is left on the notes' container, which stays when a
// reading system hides the note asides to show them as pop-ups (Foliate left a lone line under
// each letter); and the notes have a heading, for reading with the CSS off.
func TestNavAndNotesStyle(t *testing.T) {
	_, data := build(t, testkit.Seed(t))
	files := entries(t, data)
	if !strings.Contains(files["EPUB/nav.xhtml"], `<link rel="stylesheet" type="text/css" href="css/colophon.css"/>`) {
		t.Errorf("nav.xhtml links no stylesheet:\n%s", files["EPUB/nav.xhtml"])
	}
	if strings.Contains(files["EPUB/package.opf"], `idref="nav"`) {
		t.Errorf("the navigation document is in the reading order")
	}
	for _, rule := range regexp.MustCompile(`(?s)([^{}]+)\{([^}]*)\}`).FindAllStringSubmatch(stylesheet, -1) {
		for _, sel := range strings.Split(rule[1], ",") {
			if sel = strings.TrimSpace(sel); (sel == ".notes" || sel == "section.notes") && strings.Contains(rule[2], "border") {
				t.Errorf("the notes' container has a border, left behind when the notes are hidden: %s", rule[0])
			}
		}
	}
	letter := files["EPUB/xhtml/letter-against-criticism.xhtml"]
	if !regexp.MustCompile(`<section class="notes"[^>]*>\s*<h2 class="notes-heading"[^>]*>Notes</h2>`).MatchString(letter) {
		t.Errorf("the notes have no heading:\n%s", letter)
	}
}

// TestEPUBFonts: the seed EPUB is under 400 KB (its four full faces made it 3.4 MB): it ships only
// the faces its text is set in, cut to the edition's characters. Gentium reserves its name under
// the OFL, so the cut fonts are renamed; the CSS declares them under the edition's family.
func TestEPUBFonts(t *testing.T) {
	b, data := build(t, testkit.Seed(t))
	if len(data) > 400_000 {
		t.Errorf("the seed EPUB is %d bytes, want under 400 KB", len(data))
	}
	files := entries(t, data)
	var shipped []string
	for name, f := range files {
		if !strings.HasPrefix(name, "EPUB/fonts/") {
			continue
		}
		shipped = append(shipped, name)
		tables, err := fontfile.Tables([]byte(f))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if fontfile.HasReservedNames(tables["name"]) && strings.Contains(fontfile.PostScriptName([]byte(f)), "Gentium") {
			t.Errorf("%s is a cut Gentium still named %q", name, fontfile.PostScriptName([]byte(f)))
		}
		if len(f) > 300_000 {
			t.Errorf("%s is %d bytes: not cut", name, len(f))
		}
	}
	sort.Strings(shipped)
	if strings.Join(shipped, " ") != "EPUB/fonts/italic.ttf EPUB/fonts/regular.ttf" {
		t.Errorf("fonts shipped: %v, want the regular and italic the seed's text uses", shipped)
	}
	css := files["EPUB/css/colophon.css"]
	if !strings.Contains(css, `font-family: "`+b.Fonts.Family+`"; font-style: italic; font-weight: normal; src: url("../fonts/italic.ttf")`) ||
		strings.Contains(css, "bold.ttf") {
		t.Errorf("the CSS does not declare exactly the shipped faces:\n%s", css)
	}
}

// TestCalibreRich converts the rich edition's EPUB to text with calibre, as the seed's test does:
// the table's header cells stay apart ("YearRye loaf" ran together), a table's caption is not run
// into its header row, nor a figure's caption into the paragraph after it ("office.3 The text
// goes on").
func TestCalibreRich(t *testing.T) {
	convert := validate.Tool(t, "ebook-convert")
	_, data := build(t, testkit.Rich(t))
	in := writeTemp(t, data)
	txt := filepath.Join(filepath.Dir(in), "rich.txt")
	validate.Output(t, convert, in, txt)
	raw, err := os.ReadFile(txt)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(raw), "\n")
	line := func(s string) string {
		for _, l := range lines {
			if strings.Contains(l, s) {
				return l
			}
		}
		t.Fatalf("calibre's text lacks %q", s)
		return ""
	}
	head := line("Remarks of the committee")
	for _, cell := range []string{"Year", "Rye loaf (6 lb)", "Wheat loaf", "Remarks of the committee"} {
		if !regexp.MustCompile(`(^|\s)` + regexp.QuoteMeta(cell) + `(\s|$)`).MatchString(head) {
			t.Errorf("calibre's text runs the header cell %q into its neighbours: %q", cell, head)
		}
	}
	if strings.Contains(head, "Prices of bread") {
		t.Errorf("calibre's text runs the table's caption into its header: %q", head)
	}
	if l := line("with the stamp of the receiving office"); strings.Contains(l, "The text goes on") {
		t.Errorf("calibre's text runs the figure's caption into the next paragraph: %q", l)
	}
	if l := line("The leaflet as it was posted in the town"); strings.Contains(l, "A last paragraph") {
		t.Errorf("calibre's text runs the leaflet's caption into the text after it: %q", l)
	}
}

// The stylesheet indents a paragraph after a list, a quotation, code or a definition list, as
// print does (print indents every paragraph but the first after a heading, verse or rule), and
// after a table or figure one that would be indented without it (print may float them past it).
func TestIndentAfterBlocks(t *testing.T) {
	for _, sel := range []string{".text p + p", ".text ul + p", ".text ol + p", ".text blockquote + p", ".text pre + p", ".text dl + p",
		".text p + table + p", ".text ul + table + p", ".text pre + table + p", ".text p + figure + p", ".text dl + figure + p"} {
		if !regexp.MustCompile(`(^|[\s,}])` + regexp.QuoteMeta(sel) + `[^{]*\{[^}]*text-indent: 1\.2em`).MatchString(stylesheet) {
			t.Errorf("the stylesheet does not indent %q", sel)
		}
	}
	for _, sel := range []string{"h2 + table + p", "h2 + figure + p", "hr + p"} {
		if regexp.MustCompile(regexp.QuoteMeta(sel) + `[^{]*\{[^}]*text-indent: 1\.2em`).MatchString(stylesheet) {
			t.Errorf("the stylesheet indents %q", sel)
		}
	}
}

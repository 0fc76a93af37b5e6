package build

import (
	"archive/zip"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"colophon/internal/testkit"
	"colophon/internal/typeset"
	"colophon/internal/validate"
)

// TestLanguagesEdition builds the edition in four languages by two translators (one document in
// its original German) and checks what its readers and cataloguers see: hyphenated line ends in
// the German, French and Russian documents at breaks their languages' patterns allow; each
// language's quotation marks; the credits on the title page, at each document's opening and in
// each handout's footer; the MARC record's languages and translators; and every validator.
func TestLanguagesEdition(t *testing.T) {
	dir := testkit.LanguagesDir(t)
	b := testkit.Languages(t)
	out := t.TempDir()
	res, err := Run(Options{Dir: dir, Out: out}, All)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) > 0 {
		t.Errorf("warnings for languages colophon hyphenates: %v", res.Warnings)
	}

	// Hyphenation: in each handout, `pdftotext -raw` keeps the hyphens that end lines. A word broken
	// there must be one the document's patterns break at that place.
	for _, d := range b.Documents {
		if d.Language == "en" {
			continue
		}
		h, err := typeset.NewHyphenator(d.Language)
		if err != nil {
			t.Fatal(err)
		}
		words := map[string]bool{}
		src, err := os.ReadFile(filepath.Join(dir, d.Path))
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range strings.FieldsFunc(string(src), func(r rune) bool { return !unicode.IsLetter(r) }) {
			words[w] = true
		}
		raw := tool(t, "pdftotext", "-raw", filepath.Join(out, "handouts", d.ID+"-a4.pdf"), "-")
		lines := strings.Split(raw, "\n")
		breaks := 0
		for i := 0; i+1 < len(lines); i++ {
			end := strings.Fields(lines[i])
			next := strings.Fields(lines[i+1])
			if len(end) == 0 || len(next) == 0 || !strings.HasSuffix(end[len(end)-1], "-") {
				continue
			}
			head := strings.TrimLeftFunc(strings.TrimSuffix(end[len(end)-1], "-"), func(r rune) bool { return !unicode.IsLetter(r) })
			tail := strings.TrimRightFunc(next[0], func(r rune) bool { return !unicode.IsLetter(r) })
			word := head + tail
			if !words[word] {
				continue // a hyphen of the text itself ("Eisen- und Stahlindustrie")
			}
			breaks++
			at := len([]rune(head))
			ok := false
			for _, p := range h.Points(word) {
				ok = ok || p == at
			}
			if !ok {
				t.Errorf("%s (%s): %q broken after %q, where its patterns allow %v", d.ID, d.Language, word, head, h.Points(word))
			}
		}
		if breaks == 0 {
			t.Errorf("%s (%s): no hyphenated line end in its handout:\n%s", d.ID, d.Language, raw)
		}
	}

	// Quotation marks, as the EPUB holds the text.
	epub := filepath.Join(out, b.Name+".epub")
	for id, want := range map[string][]string{
		"lied":    {"„Das ist die Straße, die wir gemeinsam gehen werden“"},
		"lettre":  {"«\u202fC’est le chemin de la fraternité\u202f»", "déclaré\u202f:", "contredit\u202f!", "davantage\u202f?"},
		"pismo":   {"«Это наша общая дорога»"},
		"leaflet": {"“Nothing about us without us,”"},
	} {
		page := unzipFile(t, epub, "EPUB/xhtml/"+id+".xhtml")
		for _, w := range want {
			if !strings.Contains(page, w) {
				t.Errorf("%s.xhtml lacks %q", id, w)
			}
		}
	}

	// Credits: the title page names both translators and no language, each document its own credit
	// under its title, each handout's footer that document's.
	book := filepath.Join(out, b.Name+".pdf")
	front := squash(tool(t, "pdftotext", "-f", "1", "-l", "4", book, "-"))
	for _, w := range []string{"Translated by Anna Weber and Pierre Martin", "Edited by Jean Dupont", "With notes by Olga Ivanova"} {
		if !strings.Contains(front, w) {
			t.Errorf("the title page lacks %q:\n%s", w, front)
		}
	}
	if strings.Contains(front, "Translated from the") {
		t.Errorf("the title page credits one source language for all:\n%s", front)
	}
	credits := map[string]string{
		"leaflet": "Translated from the German by Anna Weber.",
		"lied":    "Original text.",
		"lettre":  "Translated from the Polish by Pierre Martin.",
		"pismo":   "Translated from the Ukrainian by Pierre Martin and Anna Weber.",
	}
	all := squash(tool(t, "pdftotext", book, "-"))
	for id, c := range credits {
		if !strings.Contains(all, c) {
			t.Errorf("the book lacks %s's credit %q", id, c)
		}
		// In a document of another language than the edition's, the credit — colophon's words,
		// in English — says so.
		tag := `<p class="translation-credit">`
		if id != "leaflet" {
			tag = `<p class="translation-credit" lang="en" xml:lang="en">`
		}
		if page := unzipFile(t, epub, "EPUB/xhtml/"+id+".xhtml"); !strings.Contains(page, tag+c) {
			t.Errorf("%s.xhtml lacks its credit %s%s", id, tag, c)
		}
		for _, sheet := range []string{"a4", "letter"} {
			text := squash(tool(t, "pdftotext", filepath.Join(out, "handouts", id+"-"+sheet+".pdf"), "-"))
			foot := text[strings.LastIndex(text, "Voices of"):] // the footer is the page's last line
			if !strings.Contains(foot, strings.TrimSuffix(c, ".")) || !strings.Contains(foot, "page 1 of 1") {
				t.Errorf("%s-%s's footer lacks %q:\n%s", id, sheet, c, foot)
			}
		}
	}

	// MARC: every text and source language in 041, a 546 on the mix, a 700 for each translator.
	marc := filepath.Join(out, "library", b.Name+"-print-marc.xml")
	dump, err := exec.Command(validate.Tool(t, "yaz-marcdump"), "-i", "marcxml", "-o", "line", marc).CombinedOutput()
	if err != nil {
		t.Fatalf("yaz-marcdump: %v\n%s", err, dump)
	}
	for _, w := range []string{"041 1  $a eng $a ger $a fre $a rus $h ger $h pol $h ukr", "546    $a Text in English, German, French and Russian, translated from the German, Polish and Ukrainian; some texts in the original German.",
		"700 1  $a Weber, Anna, $e translator. $4 trl", "700 1  $a Martin, Pierre, $e translator. $4 trl"} {
		if !strings.Contains(string(dump), w) {
			t.Errorf("MARC lacks %q:\n%s", w, dump)
		}
	}

	// Every validator, as for the seed.
	if pdfs := validateOutputs(t, out, res); pdfs < 10 {
		t.Errorf("only %d PDFs built", pdfs)
	}
	var pdfs []string
	for _, o := range res.Outputs {
		// The printer's files are PDF/X, not PDF/A: TestPrintersFiles checks them. Links (the
		// bag's files, the web edition's downloads) are the bytes of outputs checked here.
		if strings.HasSuffix(o.Path, ".pdf") && o.Link == "" && !strings.HasPrefix(o.Path, "print/") {
			pdfs = append(pdfs, filepath.Join(out, o.Path))
		}
	}
	for p, findings := range validate.PDFA(t, pdfs...) {
		for _, f := range findings {
			t.Errorf("PDFBox %s: %s", filepath.Base(p), f)
		}
	}
}

// squash joins pdftotext's lines and runs of spaces into single spaces.
func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

// unzipFile is one file of a zip (an EPUB).
func unzipFile(t *testing.T, zipPath, name string) string {
	t.Helper()
	zr, err := zip.OpenReader(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	f, err := zr.Open(name)
	if err != nil {
		t.Fatalf("%s in %s: %v", name, zipPath, err)
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

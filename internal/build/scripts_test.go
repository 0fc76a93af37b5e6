package build

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"colophon/internal/gen"
	"colophon/internal/validate"
)

// TestScriptsEdition builds the edition in three scripts — a Hebrew letter, an English letter
// quoting a passage in Arabic, a German letter with a Greek word — with the built-in fallback
// fonts, and checks what readers get: the Hebrew and the Arabic in logical order from pdftotext,
// dir and lang where they belong in the EPUB, colophon's own words tagged with the edition's
// language inside the German and Hebrew documents (EPUB lang, PDF structure /Lang), and every
// validator.
func TestScriptsEdition(t *testing.T) {
	dir := t.TempDir()
	if err := gen.WriteScripts(dir); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	// The book, its EPUB and the handouts hold everything this edition tests; the covers,
	// printer's files and records are the seed's and the other editions' to test.
	res, err := Run(Options{Dir: dir, Out: out, Only: []string{"epub", "pdf", "handouts"}}, All)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) > 0 {
		t.Errorf("warnings: %v", res.Warnings) // Hebrew is not hyphenated by custom: no warning
	}
	book := filepath.Join(out, "letters-in-three-scripts.pdf")

	// Logical order. The Hebrew handout's text, as pdftotext gives it, holds the letter's words
	// in the order written, and so does the book's page with the Arabic passage, phrase by
	// phrase. Where poppler's own reordering goes wrong, at the edges between the directions, is
	// left out: it loses the space between a number and a Hebrew word ("10של"), puts a comma
	// after a Hebrew word before the next one (",אך"), and on a page of English orders each run
	// of Arabic between two commas by itself.
	bidiMarks := strings.NewReplacer("\u202a", "", "\u202b", "", "\u202c", "", "\u200e", "", "\u200f", "")
	hebrew := squash(bidiMarks.Replace(tool(t, "pdftotext", filepath.Join(out, "handouts", "mikhtav-a4.pdf"), "-")))
	for _, w := range []string{"מכתב אל המערכת", "לכבוד המערכת,", "קראנו בעיון את המאמר שפורסם בגיליון מספר", "הדברים נכתבו בחיפזון",
		"של רבים מחברינו בעיר", "ותקוותנו שיתפרסמו במלואם.", "כך כתב גם V. Gorbunov", "במכתבו הקודם", "קבוצת קוראים מקייב", "התאריך נכתב בכתב יד בראש הדף."} {
		if !strings.Contains(hebrew, w) {
			t.Errorf("the Hebrew handout's text lacks %q in logical order:\n%s", w, hebrew)
		}
	}
	arabic := squash(bidiMarks.Replace(tool(t, "pdftotext", book, "-")))
	for _, w := range []string{"السلام عليكم", "ونتمنى لكم سنة سعيدة", "وإلى اللقاء في القاهرة", "vom λόγος der Geschichte"} {
		if !strings.Contains(arabic, w) {
			t.Errorf("the book's text lacks %q in logical order", w)
		}
	}

	// Citations, in the text and in a note, and the reference list at the end of the book and
	// of the EPUB.
	for _, w := range []string{"the catalogue lists (Haddad 1955, 12–14).", "see (Levin and Weber 1962).", "References",
		"Haddad, Karim. 1955. A Catalogue of Books Sent Abroad. Cairo: Dar al-Maaref.",
		"Levin, Miriam, and Anna Weber. 1962. “Parcels and Customs in the 1950s.” Archival Notes 4: 101–118."} {
		if !strings.Contains(arabic, w) {
			t.Errorf("the book's text lacks %q", w)
		}
	}
	// The reference list is in the book's contents, with the page it opens on, and its bookmarks.
	pages := strings.Split(tool(t, "pdftotext", "-layout", book, "-"), "\f")
	refPage := 0
	for i, p := range pages {
		if strings.HasPrefix(strings.TrimSpace(p), "References") {
			refPage = i + 1
		}
	}
	if refPage == 0 {
		t.Error("no page opens with the reference list")
	}
	contents := regexp.MustCompile(`(?m)^\s*Contents\s*$`)
	entry := regexp.MustCompile(`(?m)^\s*References\s+(\d+)\s*$`)
	listed := false
	for _, p := range pages {
		if contents.MatchString(p) {
			if m := entry.FindStringSubmatch(p); m == nil || m[1] != strconv.Itoa(refPage) {
				t.Errorf("the contents do not list References on page %d:\n%s", refPage, p)
			}
			listed = true
		}
	}
	if !listed {
		t.Error("no contents page")
	}
	if outline := tool(t, "qpdf", "--json", "--json-key=outlines", book); !strings.Contains(outline, `"title": "References"`) {
		t.Errorf("the bookmarks lack References:\n%s", outline)
	}
	if refs := unzipFile(t, filepath.Join(out, "letters-in-three-scripts.epub"), "EPUB/xhtml/bibliography.xhtml"); !strings.Contains(refs, `<p class="reference">Haddad, Karim. 1955. <em>A Catalogue of Books Sent Abroad</em>. Cairo: Dar al-Maaref.</p>`) {
		t.Errorf("the EPUB's reference list:\n%s", refs)
	}

	// The EPUB: the Hebrew document's page is right to left, the Arabic passage a paragraph in
	// Arabic and right to left, the Greek word in Greek; colophon's words in the German and Hebrew
	// documents are English.
	epub := filepath.Join(out, "letters-in-three-scripts.epub")
	he := unzipFile(t, epub, "EPUB/xhtml/mikhtav.xhtml")
	if !strings.Contains(he, `<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="he" xml:lang="he" dir="rtl">`) {
		t.Errorf("the Hebrew page is not lang=he dir=rtl:\n%s", he[:min(len(he), 400)])
	}
	if ar := unzipFile(t, epub, "EPUB/xhtml/letter.xhtml"); !strings.Contains(ar, `<p lang="ar" xml:lang="ar" dir="rtl">السلام عليكم،`) {
		t.Errorf("the Arabic passage is not a paragraph lang=ar dir=rtl:\n%s", ar)
	}
	if ar := unzipFile(t, epub, "EPUB/xhtml/letter.xhtml"); !strings.Contains(ar, "<div lang=\"fr\" xml:lang=\"fr\">\n<p>Colis de livres imprimés, sans valeur commerciale.<sup><a epub:type=\"noteref\" role=\"doc-noteref\" id=\"noteref-2\" href=\"#note-2\" aria-label=\"Note 2\" lang=\"en\" xml:lang=\"en\">2</a></sup></p>\n<p>Vérifié le 3 octobre.</p>\n</div>") {
		t.Errorf("the French passage is not a div lang=fr with its two paragraphs and an English note reference:\n%s", ar)
	}
	for _, w := range []string{"Colis de livres imprimés, sans valeur commerciale.2", "Vérifié le 3 octobre."} {
		if !strings.Contains(arabic, w) {
			t.Errorf("the book's text lacks the French passage's %q", w)
		}
	}
	de := unzipFile(t, epub, "EPUB/xhtml/brief.xhtml")
	if !strings.Contains(de, `<span lang="el" xml:lang="el">λόγος</span>`) {
		t.Errorf("the Greek word is not tagged:\n%s", de)
	}
	for id, page := range map[string]string{"brief": de, "mikhtav": he} {
		rtl := id == "mikhtav"
		checkOwnWords(t, id, page, rtl)
	}

	// The PDF's structure: colophon's words inside the German and Hebrew documents (their
	// credits) are English, with /Lang; the Arabic passage's paragraph is /Lang (ar).
	qdf := filepath.Join(t.TempDir(), "q.pdf")
	if b, err := exec.Command(validate.Tool(t, "qpdf"), "--qdf", "--object-streams=disable", book, qdf).CombinedOutput(); err != nil {
		t.Fatalf("qpdf: %v\n%s", err, b)
	}
	var credits, paras, spans, divs, notes []string // the structure elements' dictionaries
	for _, obj := range strings.Split(readFile(t, qdf), "endobj") {
		if !strings.Contains(obj, "/Type /StructElem") {
			continue
		}
		switch {
		case strings.Contains(obj, "/S /TranslationCredit\n"):
			credits = append(credits, obj)
		case strings.Contains(obj, "/S /P\n"):
			paras = append(paras, obj)
		case strings.Contains(obj, "/S /Span\n"):
			spans = append(spans, obj)
		case strings.Contains(obj, "/S /Div\n"):
			divs = append(divs, obj)
		case strings.Contains(obj, "/S /Note\n"):
			notes = append(notes, obj)
		}
	}
	// The Greek word in the German letter is a Span in Greek; the French passage of the English
	// letter a Div in French holding its two paragraphs, and the note it cites is in English.
	if len(spans) != 1 || !strings.Contains(spans[0], "/Lang (el)") {
		t.Errorf("the PDF's Span elements, want one in Greek: %q", spans)
	}
	if len(divs) != 1 || !strings.Contains(divs[0], "/Lang (fr)") || strings.Count(divs[0][strings.Index(divs[0], "/K"):strings.Index(divs[0], "]")], " 0 R") != 3 {
		t.Errorf("the PDF's Div elements, want one in French with two paragraphs and the note the first cites: %q", divs)
	}
	english := 0
	for _, n := range notes {
		if strings.Contains(n, "/Lang (en)") {
			english++
		}
	}
	if english != 1 {
		t.Errorf("%d notes carry /Lang (en), want 1: the one the French passage cites", english)
	}
	if len(credits) != 3 {
		t.Fatalf("%d TranslationCredit elements, want 3", len(credits))
	}
	langs := 0
	for _, c := range credits {
		if strings.Contains(c, "/Lang (en)") {
			langs++
		}
	}
	if langs != 2 { // the German's and the Hebrew's; the English letter's is in its own language
		t.Errorf("%d of the credits carry /Lang (en), want 2: %q", langs, credits)
	}
	arabicP := 0
	for _, p := range paras {
		if strings.Contains(p, "/Lang (ar)") {
			arabicP++
		}
	}
	if arabicP != 1 {
		t.Errorf("%d P elements with /Lang (ar), want 1: the Arabic passage", arabicP)
	}

	if pdfs := validateOutputs(t, out, res); pdfs < 7 {
		t.Errorf("only %d PDFs built", pdfs)
	}
}

// checkOwnWords: every string colophon writes itself into a document's page — the credit, the
// notes' heading, the note references' and back-links' labels — carries the edition's language
// (English), with dir="ltr" on a right-to-left page.
func checkOwnWords(t *testing.T, id, page string, rtl bool) {
	t.Helper()
	attrs := `lang="en" xml:lang="en"`
	if rtl {
		attrs += ` dir="ltr"`
	}
	for _, re := range []string{
		`<p class="translation-credit"[^>]*>`,
		`<h2 class="notes-heading"[^>]*>`,
		`<a epub:type="noteref"[^>]*>`,
		`<a href="#noteref-[0-9]+" role="doc-backlink"[^>]*>`,
	} {
		found := regexp.MustCompile(re).FindAllString(page, -1)
		if len(found) == 0 {
			t.Errorf("%s: no %s", id, re)
		}
		for _, el := range found {
			if !strings.Contains(el, attrs) {
				t.Errorf("%s: %s is not tagged %s", id, el, attrs)
			}
		}
	}
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

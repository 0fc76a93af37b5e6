package build

import (
	"path/filepath"
	"strings"
	"testing"

	"colophon/internal/gen"
)

// TestVerseAndStruckText: the rich edition's song is set as verse — every line its own line in the
// print book and the handouts, never run into the next — and its struck words are still text,
// drawn struck through in print and <del> in the EPUB; a note after an exclamation mark is a note.
func TestVerseAndStruckText(t *testing.T) {
	dir := t.TempDir()
	if err := gen.WriteRich(dir); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	if _, err := Run(Options{Dir: dir, Out: out, Only: []string{"epub", "pdf", "handouts"}}, All); err != nil {
		t.Fatal(err)
	}
	verse := []string{"Arise, ye workers from your slumbers,", "Arise, ye prisoners of want,", "Away with all your superstitions,",
		"Servile masses, arise, arise!6", "We will change henceforth the old tradition,", "And spurn the dust to win the prize!"}
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
		if !strings.Contains(squash(text), "the first draft the final words. Hurrah!5") {
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

package pdf

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"colophon/internal/edition"
	"colophon/internal/testkit"
	"colophon/internal/typeset"
)

// Handouts are A4 (595×842 pt) or Letter (612×792 pt); every page has the footer with the
// edition's title, the translator's credit and "page N of M"; each note starts on the page of its
// reference.
func TestHandouts(t *testing.T) {
	b := testkit.Seed(t)
	sizes := map[string][2]float64{"a4": {595.276, 841.89}, "letter": {612, 792}}
	for di, d := range b.Documents {
		for sheet, size := range sizes {
			bk, err := typeset.TypesetHandout(b, di, sheet, nil)
			if err != nil {
				t.Fatal(err)
			}
			data, err := bytesOf(Book(b, bk, Meta{Title: d.TitleText()}, nil))
			if err != nil {
				t.Fatal(err)
			}
			p := filepath.Join(t.TempDir(), "h.pdf")
			os.WriteFile(p, data, 0o644)
			info := run(t, "pdfinfo", p)
			if countSize(info, size[0], size[1]) != 1 {
				t.Errorf("%s %s: size:\n%s", d.ID, sheet, info)
			}
			if out := run(t, "qpdf", "--check", p); !strings.Contains(out, "No syntax or stream encoding errors found") {
				t.Errorf("qpdf: %s", out)
			}
			m := len(bk.Pages)
			for n := 1; n <= m; n++ {
				text := strings.Join(strings.Fields(run(t, "pdftotext", "-f", fmt.Sprint(n), "-l", fmt.Sprint(n), p, "-")), " ")
				for _, want := range []string{fmt.Sprintf("page %d of %d", n, m), "Translated from the Russian by Tahir Asghar", "Two Anonymous Letters"} {
					if !strings.Contains(text, want) {
						t.Errorf("%s %s page %d lacks %q in its footer", d.ID, sheet, n, want)
					}
				}
				for _, note := range d.Notes {
					if pageOf(bk, typeset.RefAnchor(di, note.Number)) != n {
						continue
					}
					start := letters(edition.BlocksText(note.Blocks))
					if !strings.Contains(letters(text), start[:min(40, len(start))]) {
						t.Errorf("%s %s: note %d is not on page %d with its reference", d.ID, sheet, note.Number, n)
					}
				}
			}
		}
	}
}

func pageOf(bk *typeset.Book, anchor string) int {
	for _, p := range bk.Pages {
		for _, a := range p.Anchors {
			if a.Name == anchor {
				return p.Number
			}
		}
	}
	return -1
}

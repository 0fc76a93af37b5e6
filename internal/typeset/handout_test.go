package typeset

import (
	"slices"
	"testing"
	"unicode/utf8"

	"colophon/internal/testkit"
)

// TestHandoutMeasure counts the characters, spaces included, of a handout's full lines of text
// (justified to the measure, at the body's size: not the last line of a paragraph, not a note)
// on both sheets, for the seed and a generated edition: the median is to lie in the 60–75 that a
// reader's eye follows, and nine lines in ten within 55–80.
func TestHandoutMeasure(t *testing.T) {
	for _, name := range []string{"seed", "generated"} {
		counts := handoutLineLengths(t, name)
		if len(counts) < 40 {
			t.Fatalf("%s: only %d full lines in the handouts", name, len(counts))
		}
		slices.Sort(counts)
		median := counts[len(counts)/2]
		within := 0
		for _, n := range counts {
			if n >= 55 && n <= 80 {
				within++
			}
		}
		t.Logf("%s: %d full lines, median %d characters, %d–%d, %d within 55–80", name, len(counts), median, counts[0], counts[len(counts)-1], within)
		if median < 60 || median > 75 {
			t.Errorf("%s: the handouts' full lines hold %d characters at the median; want 60–75", name, median)
		}
		if within*10 < len(counts)*9 {
			t.Errorf("%s: %d of %d full lines hold 55–80 characters; want nine in ten", name, within, len(counts))
		}
	}
}

// handoutLineLengths sets every document of an edition as handouts on both sheets and gives the
// characters of each full line of body text.
func handoutLineLengths(t *testing.T, which string) []int {
	b := testkit.Seed(t)
	if which == "generated" {
		b = testkit.Generated(t, 20, 1)
	}
	var out []int
	for doc := range b.Documents {
		bks, err := TypesetHandouts(b, doc, []string{"a4", "letter"}, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, bk := range bks {
			g := bk.Geometry
			for _, p := range bk.Pages {
				for _, pl := range p.Placed {
					ln := pl.Line
					if pl.Role != RoleText || len(ln.Glyphs) == 0 || float64(ln.Glyphs[0].Size) != g.Size ||
						ln.Width != g.Measure || ln.Natural < 0.97*ln.Width {
						continue
					}
					out = append(out, lineChars(ln))
				}
			}
		}
	}
	return out
}

// lineChars counts a line's characters and the spaces between its runs (a gap between two runs
// is a space: the setter drops the spaces' glyphs and places the words apart).
func lineChars(ln *Line) int {
	n := 0
	for i, gl := range ln.Glyphs {
		n += utf8.RuneCountInString(gl.Text)
		if i > 0 {
			prev := ln.Glyphs[i-1]
			if gl.X > prev.X+prev.Width+0.5 {
				n++
			}
		}
	}
	return n
}

// TestTitlesBalanced: a document's title of two or more lines is set on the narrowest measure that
// keeps its number of lines, so no line of it is much shorter than the others (the seed's first
// title at the handouts' measure had been "…the Criticism of J.V." over "Stalin"), in the book
// and the handouts alike.
func TestTitlesBalanced(t *testing.T) {
	b := testkit.Seed(t)
	books := []*Book{typeset(t, b, b.Print.Trim.Name)}
	for doc := range b.Documents {
		bks, err := TypesetHandouts(b, doc, []string{"a4", "letter"}, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		books = append(books, bks...)
	}
	titles := 0
	for _, bk := range books {
		for _, p := range bk.Pages {
			var widths []float64
			for _, pl := range p.Placed {
				if pl.Line.Struct != nil && pl.Line.Struct.Type == "H1" && pl.Doc >= 0 {
					widths = append(widths, pl.Line.Natural)
				}
			}
			if len(widths) < 2 {
				continue
			}
			titles++
			if longest := slices.Max(widths); slices.Min(widths) < 0.6*longest {
				t.Errorf("page %d: a title's lines are %.0f pt wide: one under 0.6 of the longest", p.Number, widths)
			}
		}
	}
	if titles < 3 {
		t.Errorf("%d titles of two or more lines; the seed's two titles set in the book and on two sheets have more", titles)
	}
}

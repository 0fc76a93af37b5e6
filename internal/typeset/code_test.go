package typeset

import (
	"math"
	"strings"
	"testing"
)

// TestCodeBlockLines sets a code block with an indented line too long for the measure, and a
// paragraph with inline code: code is set in the monospace family and never hyphenated, each
// line of the block flush left at its indentation (four leading spaces are four of the face's
// spaces), a row of spaces inside a line kept ("x  = 1" has two), the long line broken between
// words with its spaces at their natural width, and the
// text around the inline code in the edition's face.
func TestCodeBlockLines(t *testing.T) {
	b := project(t, map[string]string{"a.md": "# T\n\nText with `inline code` in it.\n\n```\nfunc main() {\n    x  = 1\n" +
		"    fmt.Println(extraordinarily incomprehensibilities counterrevolutionaries internationalisation characteristically)\n}\n```\n"})
	bk := typeset(t, b, "a5")
	fs := bk.Fonts
	var code []Placed
	for _, p := range bk.Pages {
		for _, pl := range p.Placed {
			if pl.Line.Struct != nil && pl.Line.Struct.Type == "CodeLine" {
				code = append(code, pl)
			}
			if strings.Contains(lineText(pl.Line), "inline code") {
				for _, g := range pl.Line.Glyphs {
					if mono := strings.Contains(g.Text, "inline") || strings.Contains(g.Text, "code"); mono != fs.IsMono(g.Style) && strings.TrimSpace(g.Text) != "" {
						t.Errorf("%q is set in style %d (monospace: %v)", g.Text, g.Style, fs.IsMono(g.Style))
					}
				}
			}
		}
	}
	if len(code) < 5 || len(code) > 7 {
		t.Fatalf("%d lines of code set, want the long line broken between its words: 5 to 7", len(code))
	}
	for _, pl := range code {
		t.Logf("%6.2f %q", pl.X, lineText(pl.Line))
	}
	space := fs.Width(code[0].Line.Glyphs[0].Style, " ", float64(code[0].Line.Glyphs[0].Size))
	if d := code[1].X - code[0].X; math.Abs(d-4*space) > 0.01 {
		t.Errorf("the indented line stands %.2f pt right of the first, want 4 spaces, %.2f pt", d, 4*space)
	}
	for i, pl := range code {
		text := lineText(pl.Line)
		if pl.Line.Hyphenated || pl.Line.BreakHyphen || pl.Line.Cut {
			t.Errorf("code line %d is broken inside a word: %q", i, text)
		}
		for _, g := range pl.Line.Glyphs {
			if !fs.IsMono(g.Style) {
				t.Errorf("code line %d: %q in style %d, not the monospace family", i, g.Text, g.Style)
			}
		}
		// Ragged: the words stand as many spaces apart as the source has, as the face sets them.
		for k := 1; k < len(pl.Line.Glyphs); k++ {
			prev, g := pl.Line.Glyphs[k-1], pl.Line.Glyphs[k]
			want := space
			if prev.Text == "x" {
				want = 2 * space
			}
			if gap := g.X - (prev.X + prev.Width); gap > 0.01 && math.Abs(gap-want) > 0.01 {
				t.Errorf("code line %d: %.2f pt between %q and %q, want %.2f pt", i, gap, prev.Text, g.Text, want)
			}
		}
	}
}

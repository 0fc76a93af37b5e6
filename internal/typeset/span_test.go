package typeset

import (
	"strings"
	"testing"

	defaultFonts "colophon/fonts"
	"colophon/internal/edition"
)

// TestSpanTextSet: a bracketed span's text is set with the words around it, in its own styles,
// and nothing of its brackets or braces is.
func TestSpanTextSet(t *testing.T) {
	in := []edition.Inline{
		{Kind: edition.Text, Text: "Before "},
		{Kind: edition.Span, Attr: &edition.Attr{}, Children: []edition.Inline{{Kind: edition.Text, Text: "inside "}, {Kind: edition.Emph, Children: []edition.Inline{{Kind: edition.Text, Text: "emphasised"}}}}},
		{Kind: edition.Text, Text: " after."},
	}
	fonts, err := NewFonts(edition.Fonts{Family: defaultFonts.Family, Regular: defaultFonts.Regular, Italic: defaultFonts.Italic, Bold: defaultFonts.Bold, BoldItalic: defaultFonts.BoldItalic})
	if err != nil {
		t.Fatal(err)
	}
	s := &Setter{Fonts: fonts, Hyph: &Hyphenator{}, Word: 0}
	lines := s.SetParagraph(in, ParaStyle{Size: 10, Leading: 12, Align: Left}, 400)
	var words []string
	italic := false
	for _, ln := range lines {
		for _, g := range ln.Glyphs {
			words = append(words, g.Text)
			if g.Text == "emphasised" && g.Style == Italic {
				italic = true
			}
		}
	}
	if got := strings.Join(words, " "); got != "Before inside emphasised after." {
		t.Fatalf("set %q", got)
	}
	if !italic {
		t.Fatal("the emphasis inside the span is not italic")
	}
	if s.Word != 4 {
		t.Fatalf("counted %d running-text words, want 4", s.Word)
	}
}

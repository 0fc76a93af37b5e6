package typeset

import (
	"testing"
	"unicode/utf8"

	"colophon/fonts"
	"colophon/internal/edition"
)

// FuzzParagraph sets arbitrary text at an arbitrary measure: it must never panic, always end,
// and set no line wider than the measure unless the line holds a single box (one character wider
// than a very narrow measure), which is then reported as overfull.
func FuzzParagraph(f *testing.F) {
	fs, err := NewFonts(edition.Fonts{Family: fonts.Family, Regular: fonts.Regular, Italic: fonts.Italic, Bold: fonts.Bold, BoldItalic: fonts.BoldItalic})
	if err != nil {
		f.Fatal(err)
	}
	h, _ := NewHyphenator("en")
	for _, s := range []string{
		"While reading lately the articles, in which each author according to his capacity and ability is trying to kick Stalin’s corpse.",
		"https://example.org/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		"a\u00a0b\u00a0c\u00a0d mothers-in-law — dashes – and… ellipses",
		"",
	} {
		f.Add(s, 300.0, true)
	}
	f.Fuzz(func(t *testing.T, text string, width float64, justify bool) {
		if !utf8.ValidString(text) || width != width || width < 5 || width > 2000 || len(text) > 20000 {
			return
		}
		s := &Setter{Fonts: fs, Hyph: h, Word: 0}
		ps := ParaStyle{Size: 10, Leading: 12.5, Align: Left, Hyphenate: true}
		if justify {
			ps.Align = Justify
		}
		in := []edition.Inline{{Kind: edition.Text, Text: text}, {Kind: edition.Emph, Children: []edition.Inline{{Kind: edition.Text, Text: text}}}}
		for _, l := range s.SetParagraph(in, ps, width) {
			if l.Natural > width+0.01 {
				boxes := 0
				for _, g := range l.Glyphs {
					boxes += utf8.RuneCountInString(g.Text)
				}
				if boxes > 1 {
					t.Fatalf("a line of %d characters is %.2f pt wide in %.2f pt", boxes, l.Natural, width)
				}
				if l.Overfull == 0 {
					t.Fatalf("an overfull line is not reported")
				}
			}
		}
	})
}

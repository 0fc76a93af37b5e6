package typeset

import (
	"strings"
	"testing"

	"colophon/fonts"
	"colophon/internal/edition"
)

// scriptFonts are the default faces with the built-in Hebrew and Arabic fallbacks.
func scriptFonts(t *testing.T) *Fonts {
	t.Helper()
	fs, err := NewFonts(edition.Fonts{Family: fonts.Family, Regular: fonts.Regular, Italic: fonts.Italic, Bold: fonts.Bold, BoldItalic: fonts.BoldItalic,
		Fallback: []edition.FallbackFont{
			{Family: fonts.HebrewFamily, Faces: [4][]byte{fonts.HebrewRegular, fonts.HebrewRegular, fonts.HebrewBold, fonts.HebrewBold}},
			{Family: fonts.ArabicFamily, Faces: [4][]byte{fonts.ArabicRegular, fonts.ArabicRegular, fonts.ArabicBold, fonts.ArabicBold}},
		}})
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

// TestRightToLeftParagraph: a Hebrew paragraph is set right to left — its first word at the
// right end of the line, the line flush right — in the Hebrew fallback face, while a Latin name
// inside it keeps its own order and the edition's face. It was set left to right in a face
// without Hebrew.
func TestRightToLeftParagraph(t *testing.T) {
	s := &Setter{Fonts: scriptFonts(t), Hyph: &Hyphenator{}, Word: -1}
	in := []edition.Inline{{Kind: edition.Text, Text: "כך כתב גם V. Gorbunov היום"}}
	lines := s.SetParagraph(in, ParaStyle{Size: 10, Leading: 12, Align: Left, RTL: true}, 300)
	if len(lines) != 1 {
		t.Fatalf("%d lines", len(lines))
	}
	x := map[string]float64{}
	for _, g := range lines[0].Glyphs {
		x[strings.TrimSpace(g.Text)] = g.X
		if strings.ContainsRune(g.Text, 'כ') && (g.Style.Family() != 1 || !g.RTL()) {
			t.Errorf("%q: family %d, right to left %v; want the Hebrew fallback, right to left", g.Text, g.Style.Family(), g.RTL())
		}
		if strings.Contains(g.Text, "Gorbunov") && (g.Style.Family() != 0 || g.RTL()) {
			t.Errorf("%q: family %d, right to left %v; want the edition's face, left to right", g.Text, g.Style.Family(), g.RTL())
		}
	}
	if !(x["כך"] > x["כתב"] && x["כתב"] > x["גם"] && x["גם"] > x["Gorbunov"] && x["V."] < x["Gorbunov"] && x["Gorbunov"] > x["היום"]) {
		t.Errorf("words not in right-to-left order: %v", x)
	}
	last := lines[0].Glyphs[0]
	for _, g := range lines[0].Glyphs {
		if g.X > last.X {
			last = g
		}
	}
	if end := last.X + last.Width; end < 299.9 || end > 300.1 {
		t.Errorf("the line ends at %.2f, not flush right at 300", end)
	}
}

// TestArabicInEnglish: an Arabic phrase in an English paragraph runs right to left inside it, in
// the Arabic fallback face, shaped with its joining forms (narrower than its letters set apart).
func TestArabicInEnglish(t *testing.T) {
	fs := scriptFonts(t)
	s := &Setter{Fonts: fs, Hyph: &Hyphenator{}, Word: -1}
	in := []edition.Inline{{Kind: edition.Text, Text: "He wrote السلام عليكم at the end."}}
	lines := s.SetParagraph(in, ParaStyle{Size: 10, Leading: 12, Align: Left}, 400)
	x := map[string]float64{}
	for _, g := range lines[0].Glyphs {
		x[strings.TrimSpace(g.Text)] = g.X
	}
	if !(x["wrote"] < x["عليكم"] && x["عليكم"] < x["السلام"] && x["السلام"] < x["at"]) {
		t.Errorf("the Arabic words are not right to left inside the English: %v", x)
	}
	face := fs.Face(inFamily(Regular, 2))
	joined := face.WidthDir("عليكم", 10, true)
	apart := 0.0
	for _, r := range "عليكم" {
		apart += face.WidthDir(string(r), 10, true)
	}
	if joined >= apart {
		t.Errorf("عليكم is %.2f pt joined and %.2f pt in isolated letters: not shaped", joined, apart)
	}
}

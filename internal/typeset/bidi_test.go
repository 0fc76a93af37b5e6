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

// TestSmallCaps: [RGANI]{.smallcaps} is set in the face's own small capitals (Gentium has smcp
// and c2sc): other glyphs than the capitals', narrower; a face without them gets its capitals at
// four fifths of the size.
func TestSmallCaps(t *testing.T) {
	s := &Setter{Fonts: scriptFonts(t), Hyph: &Hyphenator{}, Word: -1}
	span := func(text string) []edition.Inline {
		return []edition.Inline{{Kind: edition.Span, Attr: &edition.Attr{Classes: []string{"smallcaps"}}, Children: []edition.Inline{{Kind: edition.Text, Text: text}}}}
	}
	caps := s.SetParagraph(span("RGANI"), ParaStyle{Size: 10, Leading: 12, Align: Left}, 300)[0].Glyphs[0]
	plain := s.SetParagraph([]edition.Inline{{Kind: edition.Text, Text: "RGANI"}}, ParaStyle{Size: 10, Leading: 12, Align: Left}, 300)[0].Glyphs[0]
	if !caps.Caps || caps.Width >= plain.Width {
		t.Errorf("small capitals: caps %v, %.2f pt wide against %.2f pt for the capitals", caps.Caps, caps.Width, plain.Width)
	}
	face := s.Fonts.Face(Regular)
	if a, b := face.ShapeWith("RGANI", false, true).Glyphs[0].ID, face.Shape("RGANI").Glyphs[0].ID; a == b {
		t.Errorf("the small capital R is the capital's glyph %d", a)
	}
	if lower := face.ShapeWith("rgani", false, true); lower.Glyphs[0].ID != face.ShapeWith("RGANI", false, true).Glyphs[0].ID {
		t.Errorf("r and R are not the same small capital")
	}
	// A face without small capitals: the Hebrew fallback stands in for a Latin one here, its
	// letters made capitals and smaller; the run is not marked Caps (no feature to apply).
	hs := &Setter{Fonts: &Fonts{Family: "H", Families: []string{"H"}, faces: readSlots(s.Fonts.Face(inFamily(Regular, 1)), s.Fonts.Face(inFamily(Regular, 1)), s.Fonts.Face(inFamily(Regular, 1)), s.Fonts.Face(inFamily(Regular, 1)))}, Hyph: &Hyphenator{}, Word: -1}
	g := hs.SetParagraph(span("שלום"), ParaStyle{Size: 10, Leading: 12, Align: Left}, 300)[0].Glyphs[0]
	if g.Caps || g.Size != 8 {
		t.Errorf("made small capitals: caps %v at %.1f pt, want the face's letters at 8 pt", g.Caps, g.Size)
	}
}

// TestFallbackKeepsStyle: a space or digit after an italic word stays in its own run's style:
// "Notes 4" with "Notes" in italic sets " 4" upright (the fallback's choice of family for weak
// characters once took the italic face with it).
func TestFallbackKeepsStyle(t *testing.T) {
	s := &Setter{Fonts: scriptFonts(t), Hyph: &Hyphenator{}, Word: -1}
	in := []edition.Inline{{Kind: edition.Emph, Children: []edition.Inline{{Kind: edition.Text, Text: "Notes"}}}, {Kind: edition.Text, Text: " 4: 101."}}
	for _, g := range s.SetParagraph(in, ParaStyle{Size: 10, Leading: 12, Align: Left}, 300)[0].Glyphs {
		if want := map[bool]Style{true: Italic, false: Regular}[g.Text == "Notes"]; g.Style != want {
			t.Errorf("%q in style %d, want %d", g.Text, g.Style, want)
		}
	}
}

// readSlots are slots of faces already read, for a test's own Fonts.
func readSlots(faces ...*Face) []*faceSlot {
	out := make([]*faceSlot, len(faces))
	for i, f := range faces {
		out[i] = &faceSlot{f: f}
		out[i].once.Do(func() {})
	}
	return out
}

// TestFaceReadOnFirstUse: the fallback families are read when a text first asks for them. One
// that cannot be read does not stop NewFonts (the sources' check parsed every file already, so
// this is rare), but the text set with its stand-in is not kept: Err names the face, and the
// build fails with it (build.run). A face never asked for is never read, and is no error.
func TestFaceReadOnFirstUse(t *testing.T) {
	damaged := []byte("\x00\x01\x00\x00 not a font")
	fs, err := NewFonts(edition.Fonts{Family: fonts.Family, Regular: fonts.Regular, Italic: fonts.Italic, Bold: fonts.Bold, BoldItalic: fonts.BoldItalic,
		Fallback: []edition.FallbackFont{{Family: "Damaged", Faces: [4][]byte{damaged, damaged, damaged, damaged}}}})
	if err != nil {
		t.Fatalf("NewFonts read a face no text asked for: %v", err)
	}
	hebrew := inFamily(Regular, 1)
	if fs.faces[hebrew].asked.Load() {
		t.Fatal("the fallback face was read before any text asked for it")
	}
	s := &Setter{Fonts: fs, Hyph: &Hyphenator{}, Word: -1}
	s.SetParagraph([]edition.Inline{{Kind: edition.Text, Text: "plain Latin text"}}, ParaStyle{Size: 10, Leading: 12, Align: Left}, 300)
	if err := fs.Err(); err != nil {
		t.Fatalf("Latin text asked for the fallback face: %v", err)
	}
	// A character the edition's face lacks sends faceFor to the fallback family.
	s.SetParagraph([]edition.Inline{{Kind: edition.Text, Text: "כך"}}, ParaStyle{Size: 10, Leading: 12, Align: Left}, 300)
	err = fs.Err()
	if err == nil || !strings.Contains(err.Error(), "font 4:") {
		t.Fatalf("Err = %v; want the damaged face, font 4", err)
	}
	if f := fs.Face(hebrew); f == nil || f != fs.Face(Regular) {
		t.Errorf("the damaged face's stand-in is %v; want the edition's regular face", f)
	}
}

// TestFallbackRunsByCharacter: every character of the runs fallbackRuns gives is in the face
// faceFor chooses for it, given the character before: the whole runs it keeps (a run in its own
// face after the edition's family) included. Random runs of Latin, Hebrew, Arabic, digits and
// punctuation in the four styles.
func TestFallbackRunsByCharacter(t *testing.T) {
	fs := scriptFonts(t)
	alphabet := []rune("abcXYZ éçßאבגשלוםسلامعربي 0123456789.,;:!?()«»–—’")
	seed := uint32(1)
	next := func(n int) int { seed = seed*1664525 + 1013904223; return int(seed>>8) % n }
	for trial := 0; trial < 2000; trial++ {
		var rs []run
		for k := next(4) + 1; k > 0; k-- {
			var b strings.Builder
			for n := next(12) + 1; n > 0; n-- {
				b.WriteRune(alphabet[next(len(alphabet))])
			}
			rs = append(rs, run{text: b.String(), style: Style(next(4))})
		}
		out := fs.fallbackRuns(rs)
		// The characters of the pieces, in order, with the style each was given.
		type got struct {
			c     rune
			style Style
		}
		var pieces []got
		for _, p := range out {
			for _, c := range p.text {
				pieces = append(pieces, got{c, p.style})
			}
		}
		i := 0
		prev, havePrev := Regular, false
		for _, r := range rs {
			for _, c := range r.text {
				want := fs.faceFor(c, r.style, prev, havePrev)
				if i >= len(pieces) || pieces[i].c != c || pieces[i].style != want {
					t.Fatalf("runs %v: character %d (%q) in style %v; want %v", rs, i, c, pieces[min(i, len(pieces)-1)].style, want)
				}
				prev, havePrev = want, true
				i++
			}
		}
		if i != len(pieces) {
			t.Fatalf("runs %v: %d characters out, %d in", rs, len(pieces), i)
		}
	}
}

// TestFaceHasRemembers: Has, asked once (the cmap looked up) and again (the answer remembered),
// says what the cmap says for every character of the Basic Multilingual Plane and a few past it.
func TestFaceHasRemembers(t *testing.T) {
	fs := scriptFonts(t)
	for _, st := range []Style{Regular, inFamily(Regular, 1)} {
		f := fs.Face(st)
		for pass := 0; pass < 2; pass++ {
			for r := rune(0); r < 1<<16+512; r++ {
				g, ok := f.Font.NominalGlyph(r)
				if want := ok && g != 0; f.Has(r) != want {
					t.Fatalf("style %v, pass %d: Has(U+%04X) = %v, the cmap says %v", st, pass, r, !want, want)
				}
			}
		}
	}
}

package epub

import (
	"strings"
	"testing"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"colophon/internal/edition"
	"colophon/internal/testkit"
	"colophon/internal/typeset"
)

// TestSmallCapsKept: the title page sets the publisher in small capitals (CSS font-variant,
// which a reading system draws through the font's smcp lookup), so the regular face the EPUB
// ships keeps the small capitals of the publisher's letters, with their outlines. Cut without
// them, the lookup led to emptied glyphs and "Colophon Archive Editions" showed as "C A E".
func TestSmallCapsKept(t *testing.T) {
	b, data := build(t, testkit.Seed(t))
	files := entries(t, data)
	if css := files["EPUB/css/colophon.css"]; !strings.Contains(css, ".titlepage .publisher { margin-top: 4em; font-variant: small-caps;") {
		t.Fatalf("the title page no longer sets the publisher in small capitals: the test means nothing")
	}
	regular := []byte(files["EPUB/fonts/regular.ttf"])
	checkSmallCaps(t, regular, b.Publisher)

	// The rich edition's [RGANI]{.smallcaps}, in a term of a definition list: bold.
	_, data = build(t, testkit.Rich(t))
	checkSmallCaps(t, []byte(entries(t, data)["EPUB/fonts/bold.ttf"]), "RGANI")
}

// checkSmallCaps: every letter of text, set in the face's small capitals, is a glyph other than
// its own (the font has small capitals for it) that has an outline in the face.
func checkSmallCaps(t *testing.T, face []byte, text string) {
	t.Helper()
	fonts, err := typeset.NewFonts(edition.Fonts{Family: "F", Regular: face, Italic: face, Bold: face, BoldItalic: face})
	if err != nil {
		t.Fatal(err)
	}
	f, err := sfnt.Parse(face)
	if err != nil {
		t.Fatal(err)
	}
	var buf sfnt.Buffer
	for _, word := range strings.Fields(text) {
		plain := fonts.Face(typeset.Regular).Shape(word).Glyphs
		caps := fonts.Face(typeset.Regular).ShapeWith(word, false, true).Glyphs
		if len(plain) != len(caps) {
			t.Fatalf("%q: %d glyphs, %d in small capitals", word, len(plain), len(caps))
		}
		for i, g := range caps {
			if g.ID == plain[i].ID {
				t.Errorf("%q: glyph %d is not a small capital (the face has none for it)", word, i)
				continue
			}
			segs, err := f.LoadGlyph(&buf, sfnt.GlyphIndex(g.ID), fixed.I(1000), nil)
			if err != nil || len(segs) == 0 {
				t.Errorf("%q: the small capital of its letter %d (glyph %d) was cut from the face: %v", word, i, g.ID, err)
			}
		}
	}
}

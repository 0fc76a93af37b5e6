package typeset

import (
	"encoding/binary"
	"testing"

	"golang.org/x/image/font/sfnt"

	"colophon/fonts"
	"colophon/internal/edition"
	"colophon/internal/fontfile"
)

// damage writes patch over one table of a font (or, with where's high bit set, over its record in
// the directory), as fontfile's FuzzSubset does: damage that reaches past the first checks.
func damage(font []byte, where uint8, off uint32, patch []byte) []byte {
	data := append([]byte(nil), font...)
	n := int(binary.BigEndian.Uint16(data[4:]))
	rec := data[12+16*(int(where&0x7f)%n):]
	if where&0x80 != 0 {
		copy(rec[8+off%8:16], patch)
		return data
	}
	start, length := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
	if length > 0 {
		copy(data[start+off%length:start+length], patch)
	}
	return data
}

// FuzzFont holds check to its promise for the edition's fonts: a face that check accepts
// (fontfile.Check and the coverage reader's parse) is one the typesetter reads and shapes with —
// kerning, ligatures, marks — and sets a paragraph in, and one whose shaped glyphs the PDF's
// subsetter cuts, without a panic or an error.
//
//	go test -run '^$' -fuzz FuzzFont ./internal/typeset
func FuzzFont(f *testing.F) {
	f.Add(uint8(0), uint32(0), []byte{}, "Office affluence")
	for where := uint8(0); where < 18; where++ {
		f.Add(where, uint32(64), []byte{0xff, 0xff, 0xff, 0xff}, "fjord — «ёж» Ω é")
		f.Add(where|0x80, uint32(4), []byte{0x00, 0x00, 0x10, 0x00}, "AVA Wa To.")
	}
	h, _ := NewHyphenator("en")
	f.Fuzz(func(t *testing.T, where uint8, off uint32, patch []byte, text string) {
		if len(patch) > 64 || len(text) > 200 {
			return
		}
		data := damage(fonts.Regular, where, off, patch)
		if fontfile.Check(data) != nil {
			return
		}
		if _, err := sfnt.Parse(data); err != nil {
			return // check refuses it too
		}
		face, err := newFace(data)
		if err != nil {
			t.Fatalf("check accepted a font the typesetter cannot read: %v", err)
		}
		sh := face.Shape(text)
		glyphs := []int{}
		for _, g := range sh.Glyphs {
			glyphs = append(glyphs, int(g.ID))
		}
		if _, _, err := fontfile.Subset(data, glyphs, map[rune]int{}); err != nil {
			t.Fatalf("check accepted a font whose shaped glyphs the PDF's subsetter refuses: %v", err)
		}
		fs := &Fonts{faces: readSlots(face, face, face, face), Data: [][]byte{data, data, data, data}, Families: []string{"F"}}
		s := &Setter{Fonts: fs, Hyph: h, Word: 0}
		s.SetParagraph([]edition.Inline{{Kind: edition.Text, Text: text}}, ParaStyle{Size: 10, Leading: 12.5, Hyphenate: true}, 300)
	})
}

// A running head with no room at all — folios as wide as the measure, as a font with wide digits
// makes them — is left out rather than panicking.
func TestFitTextWithoutRoom(t *testing.T) {
	fs, err := NewFonts(edition.Fonts{Regular: fonts.Regular, Italic: fonts.Italic, Bold: fonts.Bold, BoldItalic: fonts.BoldItalic})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"", " ", "Head"} {
		if got := fitText(fs, s, 10, -50); got != "" && got != "Head" {
			t.Errorf("fitText(%q) = %q", s, got)
		}
	}
}

package fontfile

import (
	"encoding/binary"
	"testing"

	"colophon/fonts"
)

// damage writes patch over one table of a font, at an offset in it, or — when where's high bit is
// set — over that table's record in the directory (its offset and length), as a damaged download
// or a careless tool leaves a font: the rest of the file stays as it was, so the damage reaches
// past the first checks, which noise from the start of the file would not.
func damage(font []byte, where uint8, off uint32, patch []byte) []byte {
	data := append([]byte(nil), font...)
	n := int(binary.BigEndian.Uint16(data[4:]))
	rec := data[12+16*(int(where&0x7f)%n):]
	if where&0x80 != 0 {
		copy(rec[8+off%8:16], patch)
		return data
	}
	start, length := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
	if length == 0 {
		return data
	}
	at := start + off%length
	copy(data[at:start+length], patch)
	return data
}

// FuzzSubset holds Check to its promise for the subsetters: a font it accepts is one the PDF's
// subsetter (Subset) and the EPUB's (ForEPUB, SubsetKeepingIDs) cut without a panic or an error,
// whatever glyphs and characters are asked for.
//
//	go test -run '^$' -fuzz FuzzSubset ./internal/fontfile
func FuzzSubset(f *testing.F) {
	f.Add(uint8(0), uint32(0), []byte{}, []byte("Kommunist"))
	for where := uint8(0); where < 18; where++ {
		f.Add(where, uint32(40), []byte{0xff, 0xff, 0xff, 0xff}, []byte("office"))
		f.Add(where|0x80, uint32(4), []byte{0x00, 0x00, 0x10, 0x00}, []byte("Ж"))
	}
	f.Fuzz(func(t *testing.T, where uint8, off uint32, patch, text []byte) {
		if len(patch) > 64 || len(text) > 64 {
			return
		}
		data := damage(fonts.Regular, where, off, patch)
		if Check(data) != nil {
			return
		}
		t0, _ := Tables(data)
		numGlyphs := int(binary.BigEndian.Uint16(t0["maxp"][4:]))
		// Glyphs from the text's bytes, characters from its runes.
		var glyphs []int
		keep := map[int]bool{0: true}
		for i := 0; i+1 < len(text); i += 2 {
			g := int(binary.BigEndian.Uint16(text[i:])) % numGlyphs
			glyphs = append(glyphs, g)
			keep[g] = true
		}
		runes := []rune(string(text))
		cmap := map[rune]int{}
		for i, r := range runes {
			if len(glyphs) > 0 {
				cmap[r] = glyphs[i%len(glyphs)]
			}
		}
		if _, _, err := Subset(data, glyphs, cmap); err != nil {
			t.Fatalf("Check accepted a font the PDF's subsetter refuses: %v", err)
		}
		if _, err := ForEPUB(data, runes, "Regular", runes[:len(runes)/2]); err != nil {
			t.Fatalf("Check accepted a font the EPUB's subsetter refuses: %v", err)
		}
		if _, err := SubsetKeepingIDs(data, keep, cmap, "Colophon Subset AAAAAA", "Regular"); err != nil {
			t.Fatalf("Check accepted a font SubsetKeepingIDs refuses: %v", err)
		}
		PostScriptName(data)
	})
}

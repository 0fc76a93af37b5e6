package fontfile

import (
	"encoding/binary"
	"testing"

	"golang.org/x/image/font/sfnt"

	"colophon/fonts"
)

// The binary-search hints of the table directory and of the format 4 cmap are what the OpenType
// specification computes: searchRange = unit × 2^⌊log2 n⌋, entrySelector = ⌊log2 n⌋,
// rangeShift = unit × n − searchRange.
func TestSubsetSearchHints(t *testing.T) {
	for _, c := range []struct{ n, pow, log int }{{1, 1, 0}, {2, 2, 1}, {5, 4, 2}, {16, 16, 4}, {17, 16, 4}} {
		if pow, log := searchParams(c.n); pow != c.pow || log != c.log {
			t.Errorf("searchParams(%d) = %d, %d; want %d, %d", c.n, pow, log, c.pow, c.log)
		}
	}
	f, err := sfnt.Parse(fonts.Regular)
	if err != nil {
		t.Fatal(err)
	}
	var buf sfnt.Buffer
	cmap := map[rune]int{}
	var glyphs []int
	for _, r := range "Kommunist, 1956 — «ёж»" {
		g, err := f.GlyphIndex(&buf, r)
		if err != nil {
			t.Fatal(err)
		}
		cmap[r] = int(g)
		glyphs = append(glyphs, int(g))
	}
	data, _, err := Subset(fonts.Regular, glyphs, cmap)
	if err != nil {
		t.Fatal(err)
	}
	be := binary.BigEndian
	check := func(what string, n, unit int, hints []byte) {
		pow, log := searchParams(n)
		got := [3]int{int(be.Uint16(hints)), int(be.Uint16(hints[2:])), int(be.Uint16(hints[4:]))}
		if want := [3]int{unit * pow, log, unit*n - unit*pow}; got != want {
			t.Errorf("%s of %d entries: searchRange, entrySelector, rangeShift = %v, want %v", what, n, got, want)
		}
	}
	check("table directory", int(be.Uint16(data[4:])), 16, data[6:])
	tables, err := Tables(data)
	if err != nil {
		t.Fatal(err)
	}
	cm := tables["cmap"]
	sub := cm[be.Uint32(cm[8:]):] // the one subtable, format 4
	if be.Uint16(sub) != 4 {
		t.Fatalf("cmap subtable format %d", be.Uint16(sub))
	}
	check("cmap format 4", int(be.Uint16(sub[6:]))/2, 2, sub[8:])
}

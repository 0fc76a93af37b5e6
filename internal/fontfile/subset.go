// Package fontfile cuts TrueType fonts down to the glyphs an edition uses: renumbered for a PDF's
// CID fonts, or with glyph ids kept for an EPUB (whose reading systems shape with the font's own
// layout tables), and finds which glyphs the font's substitutions can make of a set of characters.
package fontfile

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
)

// Subset cuts a TrueType font down to the given glyphs (with the glyphs their composite glyphs
// are built from, and glyph 0), renumbered in their order, with a format 4 cmap for the characters
// in cmap (original glyph ids). It returns the font and the original id of each new glyph. The
// layout tables (GSUB, GPOS, Graphite) go: shaping was done before, on the whole font.
func Subset(data []byte, glyphs []int, cmap map[rune]int) ([]byte, []int, error) {
	tables, err := Tables(data)
	if err != nil {
		return nil, nil, err
	}
	for _, need := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap", "name", "post"} {
		if _, ok := tables[need]; !ok {
			return nil, nil, fmt.Errorf("font has no %s table", need)
		}
	}
	head, hhea, maxp := tables["head"], tables["hhea"], tables["maxp"]
	numGlyphs := int(binary.BigEndian.Uint16(maxp[4:]))
	longLoca := binary.BigEndian.Uint16(head[50:]) == 1
	loca := func(g int) (int, int) {
		if longLoca {
			return int(binary.BigEndian.Uint32(tables["loca"][4*g:])), int(binary.BigEndian.Uint32(tables["loca"][4*g+4:]))
		}
		return 2 * int(binary.BigEndian.Uint16(tables["loca"][2*g:])), 2 * int(binary.BigEndian.Uint16(tables["loca"][2*g+2:]))
	}
	glyf := tables["glyf"]
	glyph := func(g int) ([]byte, error) {
		if g < 0 || g >= numGlyphs {
			return nil, fmt.Errorf("glyph %d out of range", g)
		}
		a, b := loca(g)
		if a > b || b > len(glyf) {
			return nil, errors.New("damaged loca table")
		}
		return glyf[a:b], nil
	}

	// The glyphs to keep: .notdef, the ones asked for, and every component of a composite.
	keep := map[int]bool{0: true}
	for _, g := range glyphs {
		keep[g] = true
	}
	queue := make([]int, 0, len(keep))
	for g := range keep {
		queue = append(queue, g)
	}
	for len(queue) > 0 {
		g := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		data, err := glyph(g)
		if err != nil {
			return nil, nil, err
		}
		err = components(data, func(off int) {
			c := int(binary.BigEndian.Uint16(data[off:]))
			if !keep[c] {
				keep[c] = true
				queue = append(queue, c)
			}
		})
		if err != nil {
			return nil, nil, err
		}
	}
	old := make([]int, 0, len(keep))
	for g := range keep {
		old = append(old, g)
	}
	sort.Ints(old)
	newID := map[int]int{}
	for i, g := range old {
		newID[g] = i
	}

	// glyf and loca, long offsets, each glyph 4-byte aligned; composite references renumbered.
	var newGlyf []byte
	newLoca := make([]byte, 4*(len(old)+1))
	for i, g := range old {
		binary.BigEndian.PutUint32(newLoca[4*i:], uint32(len(newGlyf)))
		data, err := glyph(g)
		if err != nil {
			return nil, nil, err
		}
		start := len(newGlyf)
		newGlyf = append(newGlyf, data...)
		copyData := newGlyf[start:]
		_ = components(copyData, func(off int) {
			binary.BigEndian.PutUint16(copyData[off:], uint16(newID[int(binary.BigEndian.Uint16(copyData[off:]))]))
		})
		for len(newGlyf)%4 != 0 {
			newGlyf = append(newGlyf, 0)
		}
	}
	binary.BigEndian.PutUint32(newLoca[4*len(old):], uint32(len(newGlyf)))

	// hmtx: a full metric for every kept glyph.
	hm := tables["hmtx"]
	nh := int(binary.BigEndian.Uint16(hhea[34:]))
	var newHmtx []byte
	for _, g := range old {
		var adv, lsb uint16
		if g < nh {
			adv, lsb = binary.BigEndian.Uint16(hm[4*g:]), binary.BigEndian.Uint16(hm[4*g+2:])
		} else {
			adv = binary.BigEndian.Uint16(hm[4*(nh-1):])
			lsb = binary.BigEndian.Uint16(hm[4*nh+2*(g-nh):])
		}
		newHmtx = binary.BigEndian.AppendUint16(newHmtx, adv)
		newHmtx = binary.BigEndian.AppendUint16(newHmtx, lsb)
	}

	out := map[string][]byte{
		"glyf": newGlyf, "loca": newLoca, "hmtx": newHmtx,
		"cmap": cmap4(cmap, newID), "name": tables["name"],
	}
	h := append([]byte(nil), head...)
	binary.BigEndian.PutUint32(h[8:], 0)  // checkSumAdjustment, set below
	binary.BigEndian.PutUint16(h[50:], 1) // long loca
	out["head"] = h
	hh := append([]byte(nil), hhea...)
	binary.BigEndian.PutUint16(hh[34:], uint16(len(old)))
	out["hhea"] = hh
	mp := append([]byte(nil), maxp...)
	binary.BigEndian.PutUint16(mp[4:], uint16(len(old)))
	out["maxp"] = mp
	post := append([]byte(nil), tables["post"][:32]...)
	binary.BigEndian.PutUint32(post[0:], 0x00030000) // version 3: no glyph names
	out["post"] = post
	for _, tag := range []string{"OS/2", "cvt ", "fpgm", "prep", "gasp"} {
		if t, ok := tables[tag]; ok {
			out[tag] = t
		}
	}
	return writeFont(out), old, nil
}

// Tables returns the font's tables by tag.
func Tables(data []byte) (map[string][]byte, error) {
	if len(data) < 12 {
		return nil, errors.New("not a font")
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	if len(data) < 12+16*n {
		return nil, errors.New("truncated table directory")
	}
	t := map[string][]byte{}
	for i := 0; i < n; i++ {
		rec := data[12+16*i:]
		off, length := int(binary.BigEndian.Uint32(rec[8:])), int(binary.BigEndian.Uint32(rec[12:]))
		if off < 0 || length < 0 || off+length > len(data) {
			return nil, fmt.Errorf("table %q lies outside the file", rec[:4])
		}
		t[string(rec[:4])] = data[off : off+length]
	}
	return t, nil
}

// components calls fn with the offset of each component glyph index of a composite glyph.
func components(g []byte, fn func(off int)) error {
	if len(g) < 10 || int16(binary.BigEndian.Uint16(g)) >= 0 {
		return nil // empty or simple glyph
	}
	const (
		argsAreWords = 0x0001
		haveScale    = 0x0008
		moreComps    = 0x0020
		haveXYScale  = 0x0040
		haveTwoByTwo = 0x0080
	)
	off := 10
	for {
		if off+4 > len(g) {
			return errors.New("damaged composite glyph")
		}
		flags := binary.BigEndian.Uint16(g[off:])
		fn(off + 2)
		off += 4
		if flags&argsAreWords != 0 {
			off += 4
		} else {
			off += 2
		}
		switch {
		case flags&haveScale != 0:
			off += 2
		case flags&haveXYScale != 0:
			off += 4
		case flags&haveTwoByTwo != 0:
			off += 8
		}
		if flags&moreComps == 0 {
			return nil
		}
	}
}

// cmap4 is a cmap table with one Windows Unicode BMP (3,1) format 4 subtable, one segment a
// character.
func cmap4(cmap map[rune]int, newID map[int]int) []byte {
	var rs []rune
	for r := range cmap {
		if r < 0xFFFF {
			rs = append(rs, r)
		}
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i] < rs[j] })
	segs := len(rs) + 1
	sub := make([]byte, 16+8*segs)
	be := binary.BigEndian
	be.PutUint16(sub[0:], 4)
	be.PutUint16(sub[2:], uint16(len(sub)))
	be.PutUint16(sub[6:], uint16(2*segs))
	sr, sel := searchParams(segs)
	be.PutUint16(sub[8:], uint16(2*sr))
	be.PutUint16(sub[10:], uint16(sel))
	be.PutUint16(sub[12:], uint16(2*segs-2*sr))
	ends, starts := 14, 16+2*segs
	deltas, ranges := starts+2*segs, starts+4*segs
	for i, r := range rs {
		be.PutUint16(sub[ends+2*i:], uint16(r))
		be.PutUint16(sub[starts+2*i:], uint16(r))
		be.PutUint16(sub[deltas+2*i:], uint16(newID[cmap[r]]-int(r)))
		be.PutUint16(sub[ranges+2*i:], 0)
	}
	last := len(rs)
	be.PutUint16(sub[ends+2*last:], 0xFFFF)
	be.PutUint16(sub[starts+2*last:], 0xFFFF)
	be.PutUint16(sub[deltas+2*last:], 1)
	head := []byte{0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12}
	return append(head, sub...)
}

// writeFont lays out a font file: the table directory, then the tables in tag order, each 4-byte
// aligned with its checksum, and head's checkSumAdjustment.
func writeFont(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	n := len(tags)
	be := binary.BigEndian
	out := make([]byte, 12+16*n)
	be.PutUint32(out[0:], 0x00010000)
	be.PutUint16(out[4:], uint16(n))
	sr, sel := searchParams(n)
	be.PutUint16(out[6:], uint16(16*sr))
	be.PutUint16(out[8:], uint16(sel))
	be.PutUint16(out[10:], uint16(16*n-16*sr))
	headAt := 0
	for i, tag := range tags {
		t := tables[tag]
		off := len(out)
		if tag == "head" {
			headAt = off
		}
		rec := out[12+16*i:]
		copy(rec, tag)
		be.PutUint32(rec[4:], checksum(t))
		be.PutUint32(rec[8:], uint32(off))
		be.PutUint32(rec[12:], uint32(len(t)))
		out = append(out, t...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	be.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	return out
}

func checksum(b []byte) uint32 {
	var s uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		s += binary.BigEndian.Uint32(w[:])
	}
	return s
}

// searchParams gives the binary-search hints TrueType keeps beside its sorted arrays (the table
// directory, a format 4 cmap's segments): the largest power of two not above n, and its log2.
func searchParams(n int) (pow, log int) {
	pow = 1
	for pow*2 <= n {
		pow *= 2
		log++
	}
	return pow, log
}

package fontfile

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"unicode/utf16"

	gofont "github.com/go-text/typesetting/font"
)

// SubsetKeepingIDs cuts a TrueType font for an EPUB: the outlines of the glyphs not in keep are
// emptied, but every glyph keeps its id, so the font's own layout tables (GSUB ligatures, GPOS
// kerning, GDEF) stay valid and reading systems shape the text as the full font would; the cmap
// maps only the given characters. When the font has Reserved Font Names (the SIL Open Font
// License's), the subset is a Modified Version that may not carry them: it is renamed to
// rename (family) — the copyright, licence and licence URL records stay.
func SubsetKeepingIDs(data []byte, keep map[int]bool, cmap map[rune]int, rename, style string) ([]byte, error) {
	tables, err := Tables(data)
	if err != nil {
		return nil, err
	}
	for _, need := range []string{"head", "maxp", "loca", "glyf", "cmap", "name"} {
		if _, ok := tables[need]; !ok {
			return nil, fmt.Errorf("font has no %s table", need)
		}
	}
	head, maxp := tables["head"], tables["maxp"]
	if len(head) < 54 || len(maxp) < 6 {
		return nil, errors.New("damaged head or maxp table")
	}
	numGlyphs := int(binary.BigEndian.Uint16(maxp[4:]))
	longLoca := binary.BigEndian.Uint16(head[50:]) == 1
	locaT, glyf := tables["loca"], tables["glyf"]
	if (longLoca && len(locaT) < 4*(numGlyphs+1)) || (!longLoca && len(locaT) < 2*(numGlyphs+1)) {
		return nil, errors.New("damaged loca table")
	}
	loca := func(g int) (int, int) {
		if longLoca {
			return int(binary.BigEndian.Uint32(locaT[4*g:])), int(binary.BigEndian.Uint32(locaT[4*g+4:]))
		}
		return 2 * int(binary.BigEndian.Uint16(locaT[2*g:])), 2 * int(binary.BigEndian.Uint16(locaT[2*g+2:]))
	}
	// Composite glyphs need their components.
	queue := make([]int, 0, len(keep))
	all := map[int]bool{0: true}
	for g := range keep {
		all[g] = true
		queue = append(queue, g)
	}
	for len(queue) > 0 {
		g := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		if g < 0 || g >= numGlyphs {
			continue
		}
		a, b := loca(g)
		if a > b || b > len(glyf) {
			return nil, errors.New("damaged loca table")
		}
		if err := components(glyf[a:b], func(off int) {
			c := int(binary.BigEndian.Uint16(glyf[a+off:]))
			if !all[c] {
				all[c] = true
				queue = append(queue, c)
			}
		}); err != nil {
			return nil, err
		}
	}
	var newGlyf []byte
	newLoca := make([]byte, 4*(numGlyphs+1))
	for g := 0; g < numGlyphs; g++ {
		binary.BigEndian.PutUint32(newLoca[4*g:], uint32(len(newGlyf)))
		if !all[g] {
			continue
		}
		a, b := loca(g)
		newGlyf = append(newGlyf, glyf[a:b]...)
		for len(newGlyf)%4 != 0 {
			newGlyf = append(newGlyf, 0)
		}
	}
	binary.BigEndian.PutUint32(newLoca[4*numGlyphs:], uint32(len(newGlyf)))

	out := map[string][]byte{}
	for tag, t := range tables {
		switch tag {
		case "DSIG", "hdmx", "LTSH", "VDMX": // signatures and per-size tables no longer true
		case "Silf", "Glat", "Gloc", "Feat", "Sill", "Silt": // Graphite: reading systems shape with OpenType
		default:
			out[tag] = t
		}
	}
	identity := map[int]int{}
	for _, g := range cmap {
		identity[g] = g
	}
	out["glyf"], out["loca"], out["cmap"] = newGlyf, newLoca, cmap4(cmap, identity)
	h := append([]byte(nil), head...)
	binary.BigEndian.PutUint32(h[8:], 0)  // checkSumAdjustment, set by writeFont
	binary.BigEndian.PutUint16(h[50:], 1) // long loca
	out["head"] = h
	if post, ok := tables["post"]; ok && len(post) >= 32 {
		p := append([]byte(nil), post[:32]...)
		binary.BigEndian.PutUint32(p[0:], 0x00030000) // no glyph names: they name glyphs that are gone
		out["post"] = p
	}
	if rename != "" && HasReservedNames(tables["name"]) {
		out["name"] = renamed(tables["name"], rename, style)
	}
	return writeFont(out), nil
}

// HasReservedNames says whether a font's name table declares Reserved Font Names (the OFL's).
func HasReservedNames(name []byte) bool {
	for _, r := range nameRecords(name) {
		if (r.id == 0 || r.id == 13) && bytes.Contains(bytes.ToLower([]byte(r.text)), []byte("reserved font name")) {
			return true
		}
	}
	return false
}

type nameRecord struct {
	platform, encoding, language, id uint16
	text                             string
}

// nameRecords reads the Windows Unicode records of a name table.
func nameRecords(t []byte) []nameRecord {
	if len(t) < 6 {
		return nil
	}
	be := binary.BigEndian
	n, strOff := int(be.Uint16(t[2:])), int(be.Uint16(t[4:]))
	var out []nameRecord
	for i := 0; i < n && 6+12*i+12 <= len(t); i++ {
		r := t[6+12*i:]
		pl, enc, lang, id := be.Uint16(r), be.Uint16(r[2:]), be.Uint16(r[4:]), be.Uint16(r[6:])
		length, off := int(be.Uint16(r[8:])), int(be.Uint16(r[10:]))
		if pl != 3 || strOff+off+length > len(t) {
			continue
		}
		raw := t[strOff+off : strOff+off+length]
		u := make([]uint16, len(raw)/2)
		for k := range u {
			u[k] = be.Uint16(raw[2*k:])
		}
		out = append(out, nameRecord{pl, enc, lang, id, string(utf16.Decode(u))})
	}
	return out
}

// renamed is a name table for the subset: the original's copyright (0), trademark (7), licence
// (13) and licence URL (14) records, and new family, style, unique, full and PostScript names.
func renamed(old []byte, family, style string) []byte {
	ps := ""
	for _, r := range family + "-" + style {
		if r < 128 && r != ' ' {
			ps += string(r)
		}
	}
	recs := []nameRecord{}
	for _, r := range nameRecords(old) {
		if r.id == 0 || r.id == 7 || r.id == 13 || r.id == 14 {
			recs = append(recs, r)
		}
	}
	for id, text := range map[uint16]string{1: family, 2: style, 3: ps, 4: family + " " + style, 6: ps} {
		recs = append(recs, nameRecord{3, 1, 0x409, id, text})
	}
	sort.Slice(recs, func(i, j int) bool {
		a, b := recs[i], recs[j]
		if a.encoding != b.encoding {
			return a.encoding < b.encoding
		}
		if a.language != b.language {
			return a.language < b.language
		}
		return a.id < b.id
	})
	be := binary.BigEndian
	head := make([]byte, 6+12*len(recs))
	be.PutUint16(head[2:], uint16(len(recs)))
	be.PutUint16(head[4:], uint16(len(head)))
	var strs []byte
	for i, r := range recs {
		enc := utf16.Encode([]rune(r.text))
		raw := make([]byte, 2*len(enc))
		for k, u := range enc {
			be.PutUint16(raw[2*k:], u)
		}
		rec := head[6+12*i:]
		be.PutUint16(rec, r.platform)
		be.PutUint16(rec[2:], r.encoding)
		be.PutUint16(rec[4:], r.language)
		be.PutUint16(rec[6:], r.id)
		be.PutUint16(rec[8:], uint16(len(raw)))
		be.PutUint16(rec[10:], uint16(len(strs)))
		strs = append(strs, raw...)
	}
	return append(head, strs...)
}

// ForEPUB cuts a face for an EPUB to the given characters and every glyph the font's default
// substitutions can make of them, keeping glyph ids and layout tables (SubsetKeepingIDs); of the
// characters among them that the text sets in small capitals (smallCaps), the small capitals'
// glyphs too, which CSS's font-variant draws through the kept smcp and c2sc lookups. A font
// with Reserved Font Names is renamed "Colophon Subset XXXXXX" (a tag derived from the subset),
// with the given style name.
func ForEPUB(data []byte, runes []rune, style string, smallCaps []rune) ([]byte, error) {
	face, err := gofont.ParseTTF(bytes.NewReader(WithoutOutlines(data)))
	if err != nil {
		return nil, err
	}
	keep := map[int]bool{0: true}
	cmap := map[rune]int{}
	for _, r := range runes {
		if g, ok := face.NominalGlyph(r); ok && g != 0 {
			cmap[r] = int(g)
			keep[int(g)] = true
		}
	}
	CloseOverGSUB(face.Font, keep)
	sc := map[int]bool{}
	for _, r := range smallCaps {
		if g, ok := cmap[r]; ok {
			sc[g] = true
		}
	}
	KeepSmallCaps(face.Font, keep, sc)
	// The new name is derived from what the subset holds, so it is the same on every build.
	h := sha256.New()
	h.Write(data)
	for _, r := range runes {
		fmt.Fprintf(h, "%d,", r)
	}
	if len(sc) > 0 {
		h.Write([]byte("small capitals:"))
		for _, g := range slices.Sorted(maps.Keys(sc)) {
			fmt.Fprintf(h, "%d,", g)
		}
	}
	sum := h.Sum(nil)
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	return SubsetKeepingIDs(data, keep, cmap, "Colophon Subset "+string(tag), style)
}

// PostScriptName is a font's PostScript name (name ID 6), or "".
func PostScriptName(data []byte) string {
	t, err := Tables(data)
	if err != nil {
		return ""
	}
	for _, r := range nameRecords(t["name"]) {
		if r.id == 6 {
			return r.text
		}
	}
	return ""
}

// Assign says which family sets each character, as the typesetter chooses: the first font, of
// the edition's family then its fallbacks in order, that has it. It returns the characters of
// each font; a character none has is left out.
func Assign(fonts [][]byte, runes []rune) ([][]rune, error) {
	faces := make([]*gofont.Face, len(fonts))
	for i, data := range fonts {
		f, err := gofont.ParseTTF(bytes.NewReader(WithoutOutlines(data)))
		if err != nil {
			return nil, err
		}
		faces[i] = f
	}
	out := make([][]rune, len(fonts))
	for _, r := range runes {
		for i, f := range faces {
			if g, ok := f.NominalGlyph(r); ok && g != 0 {
				out[i] = append(out[i], r)
				break
			}
		}
	}
	return out, nil
}

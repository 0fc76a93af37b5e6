package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math"
	"sort"
	"strings"
	"sync"
	"unicode"

	gofont "github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/font/opentype/tables"

	"colophon/internal/edition"
	"colophon/internal/fontfile"
	"colophon/internal/typeset"
)

// face is one face ready to embed: cut once per build to the glyphs the edition can use, and
// every object a PDF needs of it prepared once — compressed font program, widths, CIDSet and
// ToUnicode map — so that each PDF of the build writes the same bytes without work of its own.
type face struct {
	name      string    // "ABCDEF+Family-Style": a subset's name carries a six-letter tag (ISO 32000 9.6.4)
	cid       []int32   // original glyph id → CID in the subset (its new glyph id), -1 when cut
	file      []byte    // FontFile2, deflated
	fileLen   int       // its length before compression (/Length1)
	widths    string    // the /W array
	cidset    []byte    // CIDSet, deflated
	toUnicode []byte    // the ToUnicode CMap, deflated
	text      []string  // CID → the text the ToUnicode map gives for it
	scale     float64   // font units → thousandths of an em
	adv       []int32   // CID → advance, font units
	w1000     []float64 // CID → its width in /W, thousandths of an em
	descr     string    // the FontDescriptor's metrics and flags
}

// faces are the edition's faces (its four, then its fallback families') prepared for a build, each when a PDF first draws with it
// (a face no output uses, such as a bold italic the text never asks for, costs nothing).
type faces struct {
	fonts     *typeset.Fonts
	runesOnce sync.Once
	runes     []rune
	codeRunes []rune      // the characters of code, which the monospace face is cut to
	smallCaps []rune      // the characters set in small capitals, whose small capitals are kept
	once      []sync.Once // by style
	prepare   sync.Once   // Prepare's
	f         []*face
	err       []error
	b         *edition.Book
}

// get prepares a face on first use.
func (s *faces) get(st typeset.Style) (*face, error) {
	s.runesOnce.Do(func() {
		s.runes, s.smallCaps, s.codeRunes = edition.Runes(s.b), []rune(edition.SmallCapsText(s.b)), edition.CodeRunes(s.b)
	})
	// A face that stands in for another (bold: regular) is the other: one font in the PDF, under
	// its own name.
	for k := typeset.Style(0); k < st; k++ {
		if bytes.Equal(s.fonts.Data[k], s.fonts.Data[st]) {
			return s.get(k)
		}
	}
	s.once[st].Do(func() {
		// A face may be prepared on a goroutine of its own (Prepare), outside the recover
		// boundary of the writer that asked: a panic in reading a damaged font is its error.
		defer func() {
			if p := recover(); p != nil {
				s.f[st], s.err[st] = nil, fmt.Errorf("preparing font %d: %v", st, p)
			}
		}()
		runes, smallCaps := s.runes, s.smallCaps
		if s.fonts.IsMono(st) {
			runes, smallCaps = s.codeRunes, nil // only code is set in it
		}
		s.f[st], s.err[st] = prepareFace(s.fonts.Data[st], s.fonts.Face(st), s.fonts.Families[st.Family()], st, runes, smallCaps)
		if s.err[st] != nil {
			s.err[st] = fmt.Errorf("preparing font %d: %w", st, s.err[st])
		}
	})
	return s.f[st], s.err[st]
}

// prepareFace cuts one face to the glyphs of the edition's characters and every glyph the
// shaper's substitutions can make of them (ligatures, contextual forms), and builds its objects.
func prepareFace(data []byte, tf *typeset.Face, family string, st typeset.Style, runes, smallCaps []rune) (*face, error) {
	fnt := tf.Font
	gf := gofont.NewFace(fnt)
	cmap := map[rune]int{}
	keep := map[int]bool{0: true}
	for _, r := range runes {
		if g, ok := gf.NominalGlyph(r); ok && g != 0 {
			cmap[r] = int(g)
			keep[int(g)] = true
		}
	}
	fontfile.CloseOverGSUB(fnt, keep)
	sc := map[int]bool{}
	for _, r := range smallCaps {
		if g, ok := cmap[r]; ok {
			sc[g] = true
		}
	}
	fontfile.KeepSmallCaps(fnt, keep, sc)
	list := make([]int, 0, len(keep))
	for g := range keep {
		list = append(list, g)
	}
	sort.Ints(list)
	sub, old, err := fontfile.Subset(data, list, cmap)
	if err != nil {
		return nil, err
	}
	f := &face{scale: 1000 / tf.Upem, fileLen: len(sub), file: deflate(sub)}
	f.cid = make([]int32, old[len(old)-1]+1)
	for i := range f.cid {
		f.cid[i] = -1
	}
	for i, g := range old {
		if g < len(f.cid) {
			f.cid[g] = int32(i)
		}
	}
	// Widths, as the font program has them (a validator compares the two); kerning is drawn as
	// adjustments between glyphs, never by changing a width. They are written to a thousandth,
	// as the adjustments are: rounded to whole units (a 2,048-unit em's 986 is 481.445 of 1,000),
	// every glyph of every word needed an adjustment of its rounding, and the text's TJ arrays
	// held a number between any two glyphs, which poppler's text extraction read at some 20 ms a
	// page.
	f.adv = make([]int32, len(old))
	f.w1000 = make([]float64, len(old))
	var w strings.Builder
	w.WriteString("[")
	for i, g := range old {
		f.adv[i] = int32(gf.HorizontalAdvance(gofont.GID(g)))
		f.w1000[i] = math.Round(float64(f.adv[i])*f.scale*1000) / 1000
		if i%16 == 0 {
			fmt.Fprintf(&w, "\n%d [", i)
		}
		w.Write(appendNum(nil, f.w1000[i]))
		if i%16 == 15 || i == len(old)-1 {
			w.WriteString("]")
		} else {
			w.WriteString(" ")
		}
	}
	w.WriteString("]")
	f.widths = w.String()
	// CIDSet: one bit per CID present, most significant bit first (PDF/A-1 requires it of subsets).
	set := make([]byte, (len(old)+7)/8)
	for i := range old {
		set[i/8] |= 0x80 >> (i % 8)
	}
	f.cidset = deflate(set)
	f.text = toUnicodeText(fnt, cmap, old)
	f.toUnicode = deflate(toUnicodeCMap(f.text))
	// The font's own PostScript name: never a name made from the edition's family and the style,
	// which would name a stand-in (or a mislabelled file) as the face it is not.
	ps := psFamily(fontfile.PostScriptName(data))
	if ps == "Font" {
		ps = psFamily(family) + "-" + [4]string{"Regular", "Italic", "Bold", "BoldItalic"}[st.Base()]
	}
	f.name = subsetTag(sub) + "+" + ps
	f.descr = descriptor(gf, data, f.scale, st)
	return f, nil
}

func roundi(v float64) int {
	if v < 0 {
		return -int(-v + 0.5)
	}
	return int(v + 0.5)
}

// subsetTag is six capital letters derived from the subset's bytes.
func subsetTag(sub []byte) string {
	h := sha256.Sum256(sub)
	tag := make([]byte, 6)
	for k := range tag {
		tag[k] = 'A' + h[k]%26
	}
	return string(tag)
}

// psFamily is a name as a PostScript name allows: ASCII letters, digits and hyphens.
func psFamily(family string) string {
	fam := strings.Map(func(r rune) rune {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-') {
			return r
		}
		return -1
	}, family)
	if fam == "" {
		fam = "Font"
	}
	return fam
}

// toUnicodeText gives each CID the text it stands for: its character, the lowest when the cmap maps
// several to one glyph, or for a glyph no character maps to (a ligature), the characters the
// ligature lookups build it from.
func toUnicodeText(fnt *gofont.Font, cmap map[rune]int, old []int) []string {
	byGlyph := map[int]string{}
	rs := make([]rune, 0, len(cmap))
	for r := range cmap {
		rs = append(rs, r)
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i] < rs[j] })
	for _, r := range rs {
		if _, ok := byGlyph[cmap[r]]; !ok {
			byGlyph[cmap[r]] = string(r)
		}
	}
	// Ligatures: components' texts joined; the forms single and alternate substitutions make of a
	// glyph (Arabic's initial, medial and final forms, small capitals): that glyph's text. Repeated
	// until every glyph made of such glyphs is known.
	// The lookups of c2sc first: a small capital that both a capital and its lower case become
	// reads as the capital, as the abbreviations set in small capitals are written.
	order := []int{}
	for _, ft := range fnt.GSUB.Features {
		if ft.Tag.String() == "c2sc" {
			for _, li := range ft.LookupListIndices {
				order = append(order, int(li))
			}
		}
	}
	for li := range fnt.GSUB.Lookups {
		order = append(order, li)
	}
	for pass := 0; pass < 3; pass++ {
		for _, li := range order {
			if li >= len(fnt.GSUB.Lookups) {
				continue
			}
			lk := fnt.GSUB.Lookups[li]
			for _, st := range lk.Subtables {
				switch s := st.(type) {
				case tables.SingleSubs:
					switch d := s.Data.(type) {
					case tables.SingleSubstData1:
						for _, g := range fontfile.Coverage(d.Coverage) {
							inherit(byGlyph, int(g), int(g)+int(d.DeltaGlyphID))
						}
					case tables.SingleSubstData2:
						for i, g := range fontfile.Coverage(d.Coverage) {
							if i < len(d.SubstituteGlyphIDs) {
								inherit(byGlyph, int(g), int(d.SubstituteGlyphIDs[i]))
							}
						}
					}
				case tables.AlternateSubs:
					for i, g := range fontfile.Coverage(s.Coverage) {
						if i < len(s.AlternateSets) {
							for _, o := range s.AlternateSets[i].AlternateGlyphIDs {
								inherit(byGlyph, int(g), int(o))
							}
						}
					}
				case tables.LigatureSubs:
					for i, g := range fontfile.Coverage(s.Coverage) {
						first, ok := byGlyph[int(g)]
						if !ok || i >= len(s.LigatureSets) {
							continue
						}
						for _, lig := range s.LigatureSets[i].Ligatures {
							if _, done := byGlyph[int(lig.LigatureGlyph)]; done {
								continue
							}
							text := first
							for _, c := range lig.ComponentGlyphIDs {
								t, ok := byGlyph[int(c)]
								if !ok {
									text = ""
									break
								}
								text += t
							}
							if text != "" {
								byGlyph[int(lig.LigatureGlyph)] = text
							}
						}
					}
				}
			}
		}
	}
	out := make([]string, len(old))
	for i, g := range old {
		out[i] = byGlyph[g]
	}
	return out
}

// inherit gives glyph to the text of glyph from, when from has one and to none yet.
func inherit(byGlyph map[int]string, from, to int) {
	if t, ok := byGlyph[from]; ok {
		if _, done := byGlyph[to]; !done {
			byGlyph[to] = t
		}
	}
}

// toUnicodeCMap writes the CMap that maps each CID to its text, for text extraction, search and
// screen readers.
func toUnicodeCMap(text []string) []byte {
	var b bytes.Buffer
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	var entries []string
	for cid, t := range text {
		if t == "" {
			continue
		}
		var hex strings.Builder
		for _, u := range utf16Units(t) {
			fmt.Fprintf(&hex, "%04X", u)
		}
		entries = append(entries, fmt.Sprintf("<%04X> <%s>\n", cid, hex.String()))
	}
	for len(entries) > 0 {
		n := min(len(entries), 100)
		fmt.Fprintf(&b, "%d beginbfchar\n", n)
		for _, e := range entries[:n] {
			b.WriteString(e)
		}
		b.WriteString("endbfchar\n")
		entries = entries[n:]
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	return b.Bytes()
}

func utf16Units(s string) []uint16 {
	var out []uint16
	for _, r := range s {
		if r >= 0x10000 {
			r -= 0x10000
			out = append(out, uint16(0xD800+(r>>10)), uint16(0xDC00+(r&0x3FF)))
			continue
		}
		out = append(out, uint16(r))
	}
	return out
}

// descriptor is the FontDescriptor's metrics, in thousandths of an em, from the font's head, hhea,
// OS/2 and post tables.
func descriptor(fnt *gofont.Face, data []byte, scale float64, st typeset.Style) string {
	tabs, _ := fontfile.Tables(data)
	head, os2, post := tabs["head"], tabs["OS/2"], tabs["post"]
	i16 := func(b []byte, off int) float64 {
		if off+2 > len(b) {
			return 0
		}
		return float64(int16(binary.BigEndian.Uint16(b[off:])))
	}
	bbox := [4]float64{i16(head, 36), i16(head, 38), i16(head, 40), i16(head, 42)}
	ext, _ := fnt.FontHExtents()
	ascent, descent := float64(ext.Ascender), float64(ext.Descender)
	capH := i16(os2, 88)
	if capH == 0 {
		capH = ascent * 0.7
	}
	italic := 0.0
	if len(post) >= 8 {
		italic = float64(int32(binary.BigEndian.Uint32(post[4:]))) / 65536
	}
	flags := 32 | 2 // nonsymbolic, serif
	if st.Base() == typeset.Italic || st.Base() == typeset.BoldItalic {
		flags |= 64
	}
	stemV := 80
	if st.Base() == typeset.Bold || st.Base() == typeset.BoldItalic {
		stemV = 140
	}
	return fmt.Sprintf("/Flags %d /FontBBox [%d %d %d %d] /ItalicAngle %s /Ascent %d /Descent %d /CapHeight %d /StemV %d",
		flags, roundi(bbox[0]*scale), roundi(bbox[1]*scale), roundi(bbox[2]*scale), roundi(bbox[3]*scale), num(italic),
		roundi(ascent*scale), roundi(descent*scale), roundi(capH*scale), stemV)
}

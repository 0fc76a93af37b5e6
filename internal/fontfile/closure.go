package fontfile

import (
	"encoding/binary"
	"slices"
	"sort"

	gofont "github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/font/opentype/tables"
)

// substituting are the GSUB features HarfBuzz applies to horizontal text by default: any glyph
// they can produce from the edition's characters must be in the subset. Besides the common ones,
// right-to-left text's (rtla, rtlm), Arabic joining's (isol, init, medi, fina and their variants,
// stch) and the Indic shapers' (nukt … haln).
var substituting = map[string]bool{"ccmp": true, "locl": true, "rlig": true, "calt": true, "clig": true, "liga": true,
	"rclt": true, "rvrn": true, "ltra": true, "ltrm": true, "frac": true, "numr": true, "dnom": true,
	"rtla": true, "rtlm": true, "isol": true, "init": true, "medi": true, "med2": true, "fina": true, "fin2": true,
	"fin3": true, "stch": true, "nukt": true, "akhn": true, "rphf": true, "rkrf": true, "pref": true, "blwf": true,
	"abvf": true, "half": true, "pstf": true, "vatu": true, "cjct": true, "pres": true, "abvs": true, "blws": true,
	"psts": true, "haln": true}

// SmallCapsFeatures are the features small capitals are set with: capitals and lower case to
// small capitals. An edition that sets small capitals keeps their glyphs too (CloseOverGSUB's extra).
var SmallCapsFeatures = []string{"c2sc", "smcp"}

// KeepSmallCaps adds to keep the glyphs of the small capitals of sc, the glyphs of the characters
// set in small capitals: what the c2sc and smcp features make of them, and the default
// substitutions of those. Only the text set so needs them (the closure over every character of
// the edition would keep a small capital of each).
func KeepSmallCaps(fnt *gofont.Font, keep, sc map[int]bool) {
	if len(sc) == 0 {
		return
	}
	CloseOverGSUB(fnt, sc, SmallCapsFeatures...)
	for g := range sc {
		keep[g] = true
	}
}

// CloseOverGSUB adds to keep every glyph the default substitutions (and the extra features named)
// can make from glyphs in keep,
// until nothing more is added. Lookups reached only through contextual lookups (not named by any
// feature) are followed too when the features use contextual lookups; the result may hold a few
// glyphs too many, never one too few.
func CloseOverGSUB(fnt *gofont.Font, keep map[int]bool, extra ...string) {
	gsub := fnt.GSUB
	used := map[int]bool{}
	named := map[int]bool{}
	for _, feat := range gsub.Features {
		for _, li := range feat.LookupListIndices {
			named[int(li)] = true
			if tag := string(tagBytes(feat.Tag)); substituting[tag] || slices.Contains(extra, tag) {
				used[int(li)] = true
			}
		}
	}
	contextual := false
	for li := range used {
		if li >= len(gsub.Lookups) {
			continue
		}
		for _, st := range gsub.Lookups[li].Subtables {
			switch st.(type) {
			case tables.ContextualSubs, tables.ChainedContextualSubs:
				contextual = true
			}
		}
	}
	if contextual {
		for li := range gsub.Lookups {
			if !named[li] {
				used[li] = true
			}
		}
	}
	order := make([]int, 0, len(used))
	for li := range used {
		if li < len(gsub.Lookups) {
			order = append(order, li)
		}
	}
	sort.Ints(order)
	for changed := true; changed; {
		changed = false
		add := func(g tables.GlyphID) {
			if !keep[int(g)] {
				keep[int(g)] = true
				changed = true
			}
		}
		for _, li := range order {
			for _, st := range gsub.Lookups[li].Subtables {
				switch s := st.(type) {
				case tables.SingleSubs:
					switch d := s.Data.(type) {
					case tables.SingleSubstData1:
						for _, g := range Coverage(d.Coverage) {
							if keep[int(g)] {
								add(tables.GlyphID(int(g) + int(d.DeltaGlyphID)))
							}
						}
					case tables.SingleSubstData2:
						for i, g := range Coverage(d.Coverage) {
							if keep[int(g)] && i < len(d.SubstituteGlyphIDs) {
								add(d.SubstituteGlyphIDs[i])
							}
						}
					}
				case tables.MultipleSubs:
					for i, g := range Coverage(s.Coverage) {
						if keep[int(g)] && i < len(s.Sequences) {
							for _, o := range s.Sequences[i].SubstituteGlyphIDs {
								add(o)
							}
						}
					}
				case tables.AlternateSubs:
					for i, g := range Coverage(s.Coverage) {
						if keep[int(g)] && i < len(s.AlternateSets) {
							for _, o := range s.AlternateSets[i].AlternateGlyphIDs {
								add(o)
							}
						}
					}
				case tables.LigatureSubs:
					for i, g := range Coverage(s.Coverage) {
						if !keep[int(g)] || i >= len(s.LigatureSets) {
							continue
						}
						for _, lig := range s.LigatureSets[i].Ligatures {
							all := true
							for _, c := range lig.ComponentGlyphIDs {
								all = all && keep[int(c)]
							}
							if all {
								add(lig.LigatureGlyph)
							}
						}
					}
				case tables.ReverseChainSingleSubs:
					for _, o := range s.SubstituteGlyphIDs {
						add(o)
					}
				}
			}
		}
	}
}

func tagBytes(t ot.Tag) []byte {
	var b [4]byte
	binary.BigEndian.PutUint32(b[:], uint32(t))
	return b[:]
}

// Coverage lists a coverage table's glyphs in the order of their coverage index.
func Coverage(c tables.Coverage) []tables.GlyphID {
	switch c := c.(type) {
	case tables.Coverage1:
		return c.Glyphs
	case tables.Coverage2:
		out := make([]tables.GlyphID, c.Len())
		for _, r := range c.Ranges {
			for g := int(r.StartGlyphID); g <= int(r.EndGlyphID); g++ {
				if k := int(r.StartCoverageIndex) + g - int(r.StartGlyphID); k < len(out) {
					out[k] = tables.GlyphID(g)
				}
			}
		}
		return out
	}
	return nil
}

// WithoutOutlines returns a copy of a TrueType file whose loca table is renamed, so that go-text
// does not read the glyph outlines: shaping needs none of them (extents are not asked for), and
// reading Gentium's 17,000 glyphs was a tenth of the seed build's time. The outlines the PDF
// embeds are cut from the original file. The post table is renamed too: go-text reads every
// glyph's name from it (version 2), which colophon never asks for — a sixth of the time of
// reading the faces, 6 ms of each build's CPU — and it is otherwise only the underline's place
// and the fixed-pitch flag, which colophon does not use either.
func WithoutOutlines(data []byte) []byte {
	if len(data) < 12 {
		return data
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	if len(data) < 12+16*n {
		return data
	}
	out := append([]byte(nil), data...)
	for i := 0; i < n; i++ {
		switch tag := out[12+16*i:][:4]; string(tag) {
		case "loca":
			copy(tag, "xloc")
		case "post":
			copy(tag, "xpst")
		}
	}
	return out
}

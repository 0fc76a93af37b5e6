package fontfile

import (
	"bytes"
	"encoding/binary"
	"fmt"

	gofont "github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/font/opentype/tables"
)

// Damaged is the answer for a font one of whose tables cannot be used: which table, and why.
type Damaged struct {
	Table string
	Why   string
}

func (d *Damaged) Error() string { return fmt.Sprintf("damaged %s table (%s)", d.Table, d.Why) }

// maxAdvance bounds a glyph's advance width, in ems: the widest glyphs of real fonts (Arabic
// ligatures such as U+FDFD) are a few ems; an advance of tens of ems is noise in the hmtx table,
// and text set with it runs off the page.
const maxAdvance = 8

// Check reads every table of a TrueType font that colophon's libraries read — the shaper's
// (go-text: cmap, GSUB, GPOS, GDEF, kern, hhea, hmtx, head, maxp, post, name, OS/2), the PDF and
// EPUB subsetters' (glyf, loca, hmtx, name, post) — as strictly as the most demanding of them,
// so that a font that passes is one the build can use, and a damaged one is refused by check,
// with the table named, rather than failing the build or losing its ligatures without a word.
// go-text ignores damage to a table it counts as optional and has panicked on a damaged cmap;
// each table is read under recover, and a panic is reported as damage to that table.
func Check(data []byte) error {
	t, err := Tables(data)
	if err != nil {
		return &Damaged{"directory", err.Error()}
	}
	for _, need := range []string{"head", "maxp", "cmap", "hhea", "hmtx", "loca", "glyf", "name", "post"} {
		if _, ok := t[need]; !ok {
			return &Damaged{need, "the font has none"}
		}
	}
	var numGlyphs, upem, nh int
	var longLoca bool
	var loca []uint32
	steps := []struct {
		table string
		check func() error
	}{
		{"head", func() error {
			h := t["head"]
			if len(h) < 54 {
				return fmt.Errorf("%d bytes, not 54", len(h))
			}
			if _, _, err := tables.ParseHead(h); err != nil {
				return err
			}
			if binary.BigEndian.Uint32(h[12:]) != 0x5F0F3CF5 {
				return fmt.Errorf("its magic number is wrong")
			}
			upem = int(binary.BigEndian.Uint16(h[18:]))
			if upem < 16 || upem > 16384 {
				return fmt.Errorf("%d units per em", upem)
			}
			switch binary.BigEndian.Uint16(h[50:]) {
			case 0:
			case 1:
				longLoca = true
			default:
				return fmt.Errorf("unknown loca format %d", binary.BigEndian.Uint16(h[50:]))
			}
			return nil
		}},
		{"maxp", func() error {
			m, _, err := tables.ParseMaxp(t["maxp"])
			if err != nil {
				return err
			}
			if numGlyphs = int(m.NumGlyphs); numGlyphs == 0 {
				return fmt.Errorf("no glyphs")
			}
			return nil
		}},
		{"hhea", func() error {
			h := t["hhea"]
			if _, _, err := tables.ParseHhea(h); err != nil {
				return err
			}
			if binary.BigEndian.Uint16(h) != 1 || binary.BigEndian.Uint16(h[32:]) != 0 {
				return fmt.Errorf("version %d, metric format %d", binary.BigEndian.Uint16(h), binary.BigEndian.Uint16(h[32:]))
			}
			nh = int(binary.BigEndian.Uint16(h[34:]))
			if nh == 0 || nh > numGlyphs {
				return fmt.Errorf("%d long metrics for %d glyphs", nh, numGlyphs)
			}
			return nil
		}},
		{"hmtx", func() error {
			hm, _, err := tables.ParseHmtx(t["hmtx"], nh, numGlyphs-nh)
			if err != nil {
				return err
			}
			for g, m := range hm.Metrics {
				if int(m.AdvanceWidth) > maxAdvance*upem {
					return fmt.Errorf("glyph %d is %.0f em wide", g, float64(m.AdvanceWidth)/float64(upem))
				}
			}
			return nil
		}},
		{"loca", func() error {
			var err error
			if loca, err = tables.ParseLoca(t["loca"], numGlyphs, longLoca); err != nil {
				return err
			}
			for g := 0; g < numGlyphs; g++ {
				if loca[g] > loca[g+1] {
					return fmt.Errorf("glyph %d ends before it begins", g)
				}
			}
			return nil
		}},
		{"glyf", func() error {
			glyf := t["glyf"]
			if end := int(loca[numGlyphs]); end > len(glyf) {
				return fmt.Errorf("cut short: %d bytes where the loca table reaches %d", len(glyf), end)
			}
			if _, err := tables.ParseGlyf(glyf, loca); err != nil {
				return err
			}
			for g := 0; g < numGlyphs; g++ {
				data := glyf[loca[g]:loca[g+1]]
				var bad error
				err := components(data, func(off int) {
					if c := int(binary.BigEndian.Uint16(data[off:])); c >= numGlyphs && bad == nil {
						bad = fmt.Errorf("glyph %d is made of glyph %d, which the font does not have", g, c)
					}
				})
				if err == nil {
					err = bad
				}
				if err != nil {
					return fmt.Errorf("glyph %d: %v", g, err)
				}
			}
			return nil
		}},
		{"cmap", func() error {
			raw, _, err := tables.ParseCmap(t["cmap"])
			if err != nil {
				return err
			}
			cm, _, err := gofont.ProcessCmap(raw, 0)
			if err != nil {
				return err
			}
			// colophon sets characters up to U+FFFF: each must map to a glyph the font has. A
			// damaged format 12 subtable can claim billions of characters: a million are read.
			it := cm.Iter()
			for n := 0; it.Next() && n < 1<<20; n++ {
				if r, g := it.Char(); r <= 0xFFFF && int(g) >= numGlyphs {
					return fmt.Errorf("U+%04X maps to glyph %d of %d", r, g, numGlyphs)
				}
			}
			return nil
		}},
		{"post", func() error {
			p := t["post"]
			if len(p) < 32 {
				return fmt.Errorf("%d bytes", len(p))
			}
			switch v := binary.BigEndian.Uint32(p); v {
			case 0x00010000, 0x00020000, 0x00025000, 0x00030000:
			default:
				return fmt.Errorf("unknown version %08x", v)
			}
			_, _, err := tables.ParsePost(p)
			return err
		}},
		{"name", func() error {
			n := t["name"]
			if _, _, err := tables.ParseName(n); err != nil {
				return err
			}
			if len(n) < 6 {
				return fmt.Errorf("%d bytes", len(n))
			}
			count, storage := int(binary.BigEndian.Uint16(n[2:])), int(binary.BigEndian.Uint16(n[4:]))
			if 6+12*count > len(n) || storage > len(n) {
				return fmt.Errorf("%d records do not fit in %d bytes", count, len(n))
			}
			for i := 0; i < count; i++ {
				rec := n[6+12*i:]
				length, off := int(binary.BigEndian.Uint16(rec[8:])), int(binary.BigEndian.Uint16(rec[10:]))
				if storage+off+length > len(n) {
					return fmt.Errorf("record %d lies outside the table", i)
				}
			}
			return nil
		}},
		{"OS/2", func() error {
			o, ok := t["OS/2"]
			if !ok {
				return nil
			}
			if len(o) < 78 {
				return fmt.Errorf("%d bytes", len(o))
			}
			v := binary.BigEndian.Uint16(o)
			if need := map[uint16]int{0: 78, 1: 86, 2: 96, 3: 96, 4: 96, 5: 100}[v]; need == 0 || len(o) < need {
				return fmt.Errorf("version %d in %d bytes", v, len(o))
			}
			_, _, err := tables.ParseOs2(o)
			return err
		}},
		{"GDEF", func() error {
			if g, ok := t["GDEF"]; ok {
				_, _, err := tables.ParseGDEF(g)
				return err
			}
			return nil
		}},
		{"GSUB", func() error { return checkLayout(t, "GSUB") }},
		{"GPOS", func() error { return checkLayout(t, "GPOS") }},
		{"kern", func() error {
			if k, ok := t["kern"]; ok {
				_, _, err := tables.ParseKern(k)
				return err
			}
			return nil
		}},
	}
	for _, s := range steps {
		if err := guarded(s.check); err != nil {
			return &Damaged{s.table, err.Error()}
		}
	}
	// The shaper's own reading of the whole font, as the build makes it.
	if err := guarded(func() error {
		_, err := gofont.ParseTTF(bytes.NewReader(WithoutOutlines(data)))
		return err
	}); err != nil {
		return &Damaged{"font", err.Error()}
	}
	return nil
}

// guarded runs a check, turning a panic inside the font library into an error: the check's
// verdict on a table the library cannot read.
func guarded(check func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the font library failed on it: %v", r)
		}
	}()
	return check()
}

// checkLayout reads a GSUB or GPOS table and each of its lookups, as go-text's shaper does
// (which drops the whole table, and with it every ligature or kerning pair, on one bad lookup).
func checkLayout(t map[string][]byte, tag string) error {
	raw, ok := t[tag]
	if !ok {
		return nil
	}
	layout, _, err := tables.ParseLayout(raw)
	if err != nil {
		return err
	}
	n := uint16(len(layout.LookupList.Lookups))
	// Features name lookups by index, and the shaper indexes its lookups with them unchecked
	// (FuzzFont found a GPOS feature naming lookup 48 of 9 panicking go-text's HarfBuzz).
	features := layout.FeatureList.Features
	if layout.FeatureVariations != nil {
		for _, v := range layout.FeatureVariations.FeatureVariationRecords {
			for _, sub := range v.Substitutions.Substitutions {
				features = append(features, sub.AlternateFeature)
			}
		}
	}
	for i, f := range features {
		for _, l := range f.LookupListIndices {
			if l >= n {
				return fmt.Errorf("feature %d names lookup %d of %d", i, l, n)
			}
		}
	}
	for i, lk := range layout.LookupList.Lookups {
		if tag == "GSUB" {
			subs, err := lk.AsGSUBLookups()
			if err != nil {
				return fmt.Errorf("lookup %d: %v", i, err)
			}
			for _, s := range subs {
				if ext, ok := s.(tables.ExtensionSubs); ok {
					if s, err = ext.Resolve(); err != nil {
						return fmt.Errorf("lookup %d: %v", i, err)
					}
				}
				switch s := s.(type) {
				case tables.MultipleSubs:
					err = s.Sanitize()
				case tables.LigatureSubs:
					err = s.Sanitize()
				case tables.ContextualSubs:
					err = s.Sanitize(n)
				case tables.ReverseChainSingleSubs:
					err = s.Sanitize()
				}
				if err != nil {
					return fmt.Errorf("lookup %d: %v", i, err)
				}
			}
			continue
		}
		subs, err := lk.AsGPOSLookups()
		if err != nil {
			return fmt.Errorf("lookup %d: %v", i, err)
		}
		for _, s := range subs {
			if ext, ok := s.(tables.ExtensionPos); ok {
				if s, err = ext.Resolve(); err != nil {
					return fmt.Errorf("lookup %d: %v", i, err)
				}
			}
			switch s := s.(type) {
			case tables.SinglePos:
				err = s.Sanitize()
			case tables.PairPos:
				err = s.Sanitize()
			case tables.MarkBasePos:
				err = s.Sanitize()
			case tables.MarkLigPos:
				err = s.Sanitize()
			case tables.ContextualPos:
				err = s.Sanitize(n)
			}
			if err != nil {
				return fmt.Errorf("lookup %d: %v", i, err)
			}
		}
	}
	return nil
}

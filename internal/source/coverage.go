package source

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"golang.org/x/image/font/sfnt"

	"colophon/internal/edition"
)

// coverage knows which characters every face of the edition can draw. A character missing from a
// font would print as a blank or a box, silently losing text, so it is an error in the sources.
type coverage struct {
	family string
	faces  []*sfnt.Font
	buf    sfnt.Buffer
	known  map[rune]bool
	// bad holds, per file, the characters already reported from its raw text.
	bad map[string]map[rune]bool
}

// maxCharReports bounds the character findings per file; a file of 5,000 emoji needs one line, not 5,000.
const maxCharReports = 10

// checkTrueType refuses what the PDF library cannot embed: CFF-flavoured OpenType and non-fonts.
func checkTrueType(data []byte) error {
	if len(data) < 12 {
		return fmt.Errorf("not a font file")
	}
	switch string(data[:4]) {
	case "OTTO":
		return fmt.Errorf("is OpenType with CFF outlines (.otf), which the PDF writer cannot embed; use a TrueType (.ttf) version")
	case "\x00\x01\x00\x00", "true":
	default:
		return fmt.Errorf("is not a TrueType font")
	}
	if _, err := sfnt.Parse(data); err != nil {
		return fmt.Errorf("is damaged: %v", err)
	}
	return nil
}

func newCoverage(f edition.Fonts) (*coverage, error) {
	c := &coverage{family: f.Family, known: map[rune]bool{}, bad: map[string]map[rune]bool{}}
	for _, data := range [][]byte{f.Regular, f.Italic, f.Bold, f.BoldItalic} {
		ft, err := sfnt.Parse(data)
		if err != nil {
			return c, err
		}
		c.faces = append(c.faces, ft)
	}
	return c, nil
}

// has reports whether every face has a glyph for r. Line ends and tabs are layout, not glyphs.
func (c *coverage) has(r rune) bool {
	if r == '\n' || r == '\t' {
		return true
	}
	if ok, seen := c.known[r]; seen {
		return ok
	}
	ok := true
	for _, f := range c.faces {
		if gi, err := f.GlyphIndex(&c.buf, r); err != nil || gi == 0 {
			ok = false
			break
		}
	}
	c.known[r] = ok
	return ok
}

func (c *coverage) message(r rune) string {
	if r > 0xFFFF {
		return fmt.Sprintf("character %q (U+%04X) is beyond U+FFFF, which the PDF writer cannot set; replace it", r, r)
	}
	return fmt.Sprintf("character %q (U+%04X) is not in the edition's fonts (%s); replace it or name fonts that have it in book.yaml", r, r, c.family)
}

// checkText scans a whole source file, so each finding has its exact line and column.
func (c *coverage) checkText(ds *edition.Diagnostics, f *textFile) {
	n := 0
	seen := map[rune]bool{}
	c.bad[f.path] = seen
	for i := 0; i < len(f.data); {
		r, size := utf8.DecodeRune(f.data[i:])
		if r > 0xFFFF || !c.has(r) {
			seen[r] = true
			n++
			if n <= maxCharReports {
				ds.Add(f.pos(i), "%s", c.message(r))
			}
		}
		i += size
	}
	if n > maxCharReports {
		ds.Add(f.pos(len(bytes.TrimRight(f.data, "\n"))), "%d more characters the fonts cannot draw in this file", n-maxCharReports)
	}
}

// checkString scans one printed value of book.yaml.
func (c *coverage) checkString(ds *edition.Diagnostics, at edition.Pos, s string) {
	for i, r := range s {
		if r > 0xFFFF || !c.has(r) {
			ds.Add(runeCol(at, s, i), "%s", c.message(r))
			return
		}
	}
}

// checkModel catches characters that appear only after parsing, such as "&#x1F600;" entities,
// reporting them at their paragraph.
func (c *coverage) checkModel(ds *edition.Diagnostics, d *edition.Document) {
	seen := c.bad[d.Path]
	check := func(at edition.Pos, s string) {
		for _, r := range s {
			if (r > 0xFFFF || !c.has(r)) && !seen[r] {
				seen[r] = true
				ds.Add(at, "%s", c.message(r))
			}
		}
	}
	var blocks func([]edition.Block)
	blocks = func(bs []edition.Block) {
		for _, b := range bs {
			check(b.Pos, b.Text)
			check(b.Pos, edition.PlainText(b.Inlines))
			blocks(b.Children)
		}
	}
	blocks(d.Blocks)
	for _, n := range d.Notes {
		blocks(n.Blocks)
	}
	at := edition.Pos{Path: d.Path, Line: 1, Col: 1}
	for _, part := range [][]edition.Inline{d.Title, d.Dateline, d.Salutation, d.Signature, d.Archive} {
		check(at, edition.PlainText(part))
	}
}

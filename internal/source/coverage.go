package source

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/unicode/norm"

	"colophon/internal/edition"
)

// coverage knows which characters the edition's fonts can draw: its four faces, and for what
// they lack its fallback families'. A character missing from every font would print as a blank or
// a box, silently losing text, so it is an error in the sources.
type coverage struct {
	families []string
	faces    [][4]*sfnt.Font // by family, the edition's first
	buf      sfnt.Buffer
	known    map[rune]bool
	// bmp is known for the characters up to U+FFFF (0 not yet asked, 1 drawn, 2 not): a file is
	// checked character by character, and a map lookup each made a 46 MB file take seconds.
	bmp *[0x10000]uint8
	// bad holds, per file, the characters already reported from its raw text.
	bad map[string]map[rune]bool
	// mono is the monospace family code is set in, regular and bold, and its name: code is set
	// in it alone, so a character of code it lacks is an error even when the text's faces have it.
	mono       [2]*sfnt.Font
	monoFamily string
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
	return nil
}

// familyName is the family a font file names itself (its typographic family, else its family).
func familyName(data []byte) string {
	f, err := sfnt.Parse(data)
	if err != nil {
		return "fallback font"
	}
	var buf sfnt.Buffer
	for _, id := range []sfnt.NameID{sfnt.NameIDTypographicFamily, sfnt.NameIDFamily} {
		if s, err := f.Name(&buf, id); err == nil && strings.TrimSpace(s) != "" {
			return strings.TrimSpace(s)
		}
	}
	return "fallback font"
}

func newCoverage(f edition.Fonts) (*coverage, error) {
	c := &coverage{families: f.FamilyNames(), known: map[rune]bool{}, bad: map[string]map[rune]bool{}, bmp: new([0x10000]uint8)}
	for _, fam := range f.Families() {
		var faces [4]*sfnt.Font
		for i, data := range fam {
			ft, err := sfnt.Parse(data)
			if err != nil {
				return c, err
			}
			faces[i] = ft
		}
		c.faces = append(c.faces, faces)
	}
	if f.HasMono() {
		c.monoFamily = f.Mono.Family
		for i, data := range [2][]byte{f.Mono.Faces[0], f.Mono.Faces[2]} {
			ft, err := sfnt.Parse(data)
			if err != nil {
				return c, err
			}
			c.mono[i] = ft
		}
	}
	return c, nil
}

// monoHas reports whether the monospace face draws r, upright and bold.
func (c *coverage) monoHas(r rune) bool {
	for _, ft := range c.mono {
		if ft == nil {
			return true // no monospace family: code is set in the text's faces
		}
		if gi, err := ft.GlyphIndex(&c.buf, r); err != nil || gi == 0 {
			return false
		}
	}
	return true
}

// checkCode checks a piece of code, text that starts at byte off of a source whose positions pos
// gives, against the monospace face: one finding per run of characters it lacks. A character no
// font of the edition has is reported by checkText already, and is not reported again.
func (c *coverage) checkCode(ds *edition.Diagnostics, pos func(int) edition.Pos, off int, s string) {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == '\n' || r == '\t' || !c.drawable(r) || c.monoHas(r) {
			i += size
			continue
		}
		end := i
		var bad []rune
		for end < len(s) {
			r, size := utf8.DecodeRuneInString(s[end:])
			if r == '\n' || !c.drawable(r) || (c.monoHas(r) && !unicode.In(r, unicode.Common, unicode.Inherited)) {
				break
			}
			if !c.monoHas(r) {
				bad = append(bad, r)
			}
			end += size
		}
		what := fmt.Sprintf("character %q (U+%04X)", bad[0], bad[0])
		if len(bad) > 1 {
			what = fmt.Sprintf("%d characters, %s,", len(bad), snippet(s[i:end]))
		}
		ds.Add(pos(off+i), "%s in code cannot be drawn in %s, the monospace face code is set in: write %s outside the code, or replace %s",
			what, c.monoFamily, map[bool]string{true: "them", false: "it"}[len(bad) > 1], map[bool]string{true: "them", false: "it"}[len(bad) > 1])
		i = end
	}
}

// has reports whether r can be drawn in every style: in each, by the edition's face or a fallback
// family's. Line ends and tabs are layout, not glyphs.
func (c *coverage) has(r rune) bool {
	if r == '\n' || r == '\t' {
		return true
	}
	if r < rune(len(c.bmp)) {
		switch c.bmp[r] {
		case 1:
			return true
		case 2:
			return false
		}
	} else if ok, seen := c.known[r]; seen {
		return ok
	}
	ok := c.hasGlyph(r)
	if !ok {
		// A composed character the fonts lack is drawn from its parts when they have them all:
		// the shaper decomposes it, as HarfBuzz does.
		if d := []rune(norm.NFD.String(string(r))); len(d) > 1 {
			ok = true
			for _, p := range d {
				ok = ok && c.hasGlyph(p)
			}
		}
	}
	if r < rune(len(c.bmp)) {
		c.bmp[r] = 2
		if ok {
			c.bmp[r] = 1
		}
	} else {
		c.known[r] = ok
	}
	return ok
}

// hasGlyph reports whether every style has a glyph for r, in the edition's face or a fallback's.
func (c *coverage) hasGlyph(r rune) bool {
	ok := true
	for st := 0; st < 4 && ok; st++ {
		ok = slices.ContainsFunc(c.faces, func(fam [4]*sfnt.Font) bool {
			gi, err := fam[st].GlyphIndex(&c.buf, r)
			return err == nil && gi != 0
		})
	}
	return ok
}

func (c *coverage) drawable(r rune) bool { return r <= 0xFFFF && c.has(r) }

// message describes a run of characters no font can draw: how many, which, in what script, and a
// font that has them.
func (c *coverage) message(run string) string { return c.messageAfter(run, 0) }

// messageAfter is message for a run that follows the character before (0 for none): a control
// character is named as one, and a combining mark with the letter it would sit on.
func (c *coverage) messageAfter(run string, before rune) string {
	var bad []rune
	for _, r := range run {
		if !c.drawable(r) {
			bad = append(bad, r)
		}
	}
	switch r := bad[0]; {
	case unicode.IsControl(r):
		return fmt.Sprintf("control character U+%04X in the text: remove it (it is not text and prints as nothing or a box)", r)
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc) && before != 0 && []rune(run)[0] == r:
		return fmt.Sprintf("combining mark U+%04X after %q cannot be drawn: no composed character joins it to %q, and none of the edition's fonts (%s) has a glyph for it; write the letter another way or add a font that has the mark to fonts.fallback in book.yaml", r, string(before), string(before), strings.Join(c.families, ", "))
	}
	if len(bad) == 1 && bad[0] > 0xFFFF {
		return fmt.Sprintf("character %q (U+%04X) is beyond U+FFFF, which the PDF writer cannot set; replace it", bad[0], bad[0])
	}
	script := scriptOf(bad[0])
	what, it, verb := fmt.Sprintf("character %q (U+%04X)", bad[0], bad[0]), "it", "is"
	if len(bad) > 1 {
		what, it, verb = fmt.Sprintf("%d characters", len(bad)), "them", "are"
	}
	if script != "" {
		what += " in " + script + " script"
	}
	if len(bad) > 1 {
		what += ", " + snippet(run) + ","
	}
	fonts := strings.Join(c.families, ", ")
	if script == "" {
		return fmt.Sprintf("%s %s in none of the edition's fonts (%s): replace %s, or add a font that has %s to fonts.fallback in book.yaml", what, verb, fonts, it, it)
	}
	return fmt.Sprintf("%s %s in none of the edition's fonts (%s): add a font that has %s to fonts.fallback in book.yaml, %s", what, verb, fonts, it, suggestFont(script))
}

// scriptOf is the Unicode script of r by its English name ("Devanagari", "Old Italic"), or "".
func scriptOf(r rune) string {
	if r > 0xFFFF {
		return ""
	}
	for _, name := range scriptNames {
		if unicode.Is(unicode.Scripts[name], r) {
			return strings.ReplaceAll(name, "_", " ")
		}
	}
	return ""
}

// scriptNames are Unicode's scripts but the two that belong to none (Common, Inherited), sorted.
var scriptNames = func() []string {
	var out []string
	for name := range unicode.Scripts {
		if name != "Common" && name != "Inherited" {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}()

// notoSerif are the scripts Debian's fonts-noto-core has a Noto Serif family for (TrueType); the
// others have a Noto Sans one.
var notoSerif = []string{"Ahom", "Armenian", "Balinese", "Bengali", "Devanagari", "Dogra", "Ethiopic",
	"Georgian", "Grantha", "Gujarati", "Gurmukhi", "Hebrew", "Kannada", "Khmer", "Khojki", "Lao", "Malayalam",
	"Myanmar", "Sinhala", "Tamil", "Tangut", "Telugu", "Thai", "Tibetan", "Yezidi"}

// suggestFont names a font that has a script, as advice.
func suggestFont(script string) string {
	switch script {
	case "Latin", "Greek", "Cyrillic":
		return "such as Noto Serif (Debian's fonts-noto-core)"
	case "Arabic":
		return "such as Noto Naskh Arabic (Debian's fonts-noto-core; colophon's built-in fallback, unless fonts.fallback names others)"
	case "Hebrew":
		return "such as Noto Serif Hebrew (Debian's fonts-noto-core; colophon's built-in fallback, unless fonts.fallback names others)"
	case "Han", "Hiragana", "Katakana", "Hangul", "Bopomofo":
		return "a TrueType (.ttf) one: colophon cannot embed the CFF-flavoured .otf and .ttc files most CJK fonts come as"
	}
	name := "Noto Sans " + script
	if slices.Contains(notoSerif, strings.ReplaceAll(script, " ", "_")) {
		name = "Noto Serif " + script
	}
	return "such as " + name + " (Debian's fonts-noto-core)"
}

// badRun finds the run of characters no font can draw that starts at s[i]: it goes on over
// further such characters and the spaces, punctuation and marks between them, so that one word
// or phrase in a script the fonts lack is one finding. It returns the run's end.
func (c *coverage) badRun(s []byte, i int) int {
	end := i
	for j := i; j < len(s); {
		r, size := utf8.DecodeRune(s[j:])
		switch {
		case r == '\n':
			return end
		case !c.drawable(r):
			end = j + size
		case !unicode.In(r, unicode.Common, unicode.Inherited):
			return end
		}
		j += size
	}
	return end
}

// checkText scans a whole source file, so each finding has its exact line and column.
func (c *coverage) checkText(ds *edition.Diagnostics, f *textFile) {
	n := 0
	seen := map[rune]bool{}
	c.bad[f.path] = seen
	for i := 0; i < len(f.data); {
		r, size := utf8.DecodeRune(f.data[i:])
		if c.drawable(r) {
			i += size
			continue
		}
		end := c.badRun(f.data, i)
		for _, r := range string(f.data[i:end]) {
			if !c.drawable(r) {
				seen[r] = true
			}
		}
		n++
		if n <= maxCharReports {
			var before rune
			if i > 0 {
				before, _ = utf8.DecodeLastRune(f.data[:i])
			}
			ds.Add(f.pos(i), "%s", c.messageAfter(string(f.data[i:end]), before))
		}
		i = end
	}
	if n > maxCharReports {
		ds.Add(f.pos(len(bytes.TrimRight(f.data, "\n"))), "%d more runs of characters the fonts cannot draw in this file", n-maxCharReports)
	}
}

// checkString scans one printed value of book.yaml.
func (c *coverage) checkString(ds *edition.Diagnostics, at edition.Pos, s string) {
	for i, r := range s {
		if !c.drawable(r) {
			ds.Add(runeCol(at, s, i), "%s", c.message(s[i:c.badRun([]byte(s), i)]))
			return
		}
	}
}

// checkModel catches characters that appear only after parsing, such as "&#x1F600;" entities,
// reporting them at their paragraph.
func (c *coverage) checkModel(ds *edition.Diagnostics, d *edition.Document) {
	seen := c.bad[d.Path]
	check := func(at edition.Pos, s string) {
		for i, r := range s {
			if !c.drawable(r) && !seen[r] {
				end := c.badRun([]byte(s), i)
				for _, r := range s[i:end] {
					seen[r] = true
				}
				ds.Add(at, "%s", c.message(s[i:end]))
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
	for _, part := range d.Parts() {
		check(at, edition.PlainText(part))
	}
}

// Package typeset sets an edition into pages: boxes, glue and penalties built from the model with
// the widths of the shaped text, Knuth–Plass total-fit line breaking with Liang hyphenation, and a
// page builder that puts each note at the foot of the page where it is cited. It is pure Go and
// knows nothing of PDF: internal/pdf draws what it decides.
package typeset

import (
	"bytes"
	"fmt"
	"hash/maphash"
	"math"
	"sync"
	"sync/atomic"
	"unicode"

	"github.com/go-text/typesetting/di"
	gofont "github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"

	"colophon/internal/edition"
	"colophon/internal/fontfile"
)

// Style is a face: the low two bits say regular, italic, bold or bold italic, the rest which
// family (0 the edition's, 1 its first fallback family, …).
type Style uint8

const (
	Regular Style = iota
	Italic
	Bold
	BoldItalic
)

// Glyph is one glyph of shaped text, in the font's own units (so shaping is done once for every
// size): its id in the font, its advance with kerning applied, its offset from the pen (marks
// placed by GPOS), and the byte offset in the text of the cluster it draws. A ligature is one glyph
// whose cluster covers several characters.
type Glyph struct {
	ID      uint16
	XOff    int16
	YOff    int16
	Adv     int32
	Cluster int32
}

// Shaped is a string set in one face: its glyphs and their total advance, in font units.
type Shaped struct {
	Glyphs  []Glyph
	Advance int32
}

// features are the OpenType features colophon relies on: kerning and standard ligatures. Both
// are among HarfBuzz's defaults (with mark positioning and the required substitutions); they are
// named so that the choice is visible. colophon sets no letter-spaced text, which must not be
// ligated.
var features = []shaping.FontFeature{
	{Tag: ot.MustNewTag("kern"), Value: 1},
	{Tag: ot.MustNewTag("liga"), Value: 1},
}

// Face measures and shapes text in one font through HarfBuzz (go-text's port): kerning from
// GPOS (or the old kern table) and standard ligatures from GSUB. Measured widths are the shaped
// advances, and the PDF writer draws exactly these glyphs at exactly these advances.
type Face struct {
	Font *gofont.Font // the parsed tables, read only: shared by every shaper
	Upem float64
	// Shaping the same piece of text again is common (words repeat), so results are kept, keyed by
	// the text; a box and the run it becomes carry theirs on to the PDF writer rather than look it
	// up again. Paragraphs are set on all cores at once, and almost every call is a read.
	cache  shapeCache
	pool   sync.Pool
	space  *Shaped // a space, which the PDF writer draws after almost every word
	hyphen *Shaped // a hyphen, which every hyphenated word's breaks are measured with
	// has remembers Has for the characters of the Basic Multilingual Plane, two bits each (01
	// has, 10 has not, 00 not asked yet): every character of every paragraph asks which face
	// it is set in (fallbackRuns), and the cmap's lookup, a binary search, was 3 % of a build.
	has [1 << 16 / 16]atomic.Uint32
}

// shaper is one HarfBuzz shaper with a face of its own: go-text's faces and shapers keep caches
// and may not be shared between goroutines.
type shaper struct {
	hb   shaping.HarfbuzzShaper
	face *gofont.Face
	rs   []rune
}

func newFace(data []byte) (*Face, error) {
	gf, err := gofont.ParseTTF(bytes.NewReader(fontfile.WithoutOutlines(data)))
	if err != nil {
		return nil, err
	}
	f := &Face{Font: gf.Font, Upem: float64(gf.Font.Upem()), cache: shapeCache{seed: maphash.MakeSeed()}}
	f.pool.New = func() any { return &shaper{face: gofont.NewFace(f.Font)} }
	f.space, f.hyphen = f.Shape(" "), f.Shape("-")
	return f, nil
}

// Space is a space shaped in the face, left to right.
func (f *Face) Space() *Shaped { return f.space }

// HyphenWidth is the width of a hyphen at size.
func (f *Face) HyphenWidth(size float64) float64 { return float64(f.hyphen.Advance) * size / f.Upem }

// Shape sets s in the face, left to right: its glyphs, advances and clusters, in font units.
func (f *Face) Shape(s string) *Shaped { return f.ShapeDir(s, false) }

// ShapeDir sets s in the face in a direction. Right to left, the glyphs come in the order they
// are drawn, from the left: the text's last character first (HarfBuzz's visual order), with the
// joining forms of Arabic and the mirrored brackets right-to-left text takes.
func (f *Face) ShapeDir(s string, rtl bool) *Shaped { return f.ShapeWith(s, rtl, false) }

// smallCaps are the features small capitals are set with where the face has them: capitals and
// lower case to small capitals.
var smallCaps = append([]shaping.FontFeature{{Tag: ot.MustNewTag("c2sc"), Value: 1}, {Tag: ot.MustNewTag("smcp"), Value: 1}}, features...)

// HasSmallCaps says whether the face has small capitals of its own (GSUB smcp); a face without
// is given small capitals made of its capitals at a smaller size (the typesetter's appendItems).
func (f *Face) HasSmallCaps() bool {
	for _, ft := range f.Font.GSUB.Features {
		if ft.Tag == ot.MustNewTag("smcp") {
			return true
		}
	}
	return false
}

// ShapeWith sets s in a direction, in small capitals (the face's own) when caps is set.
func (f *Face) ShapeWith(s string, rtl, caps bool) *Shaped {
	key := s
	if rtl || caps {
		flags := byte('0')
		if rtl {
			flags++
		}
		if caps {
			flags += 2
		}
		key = "\x00" + string(flags) + s // no text holds a NUL (check refuses it)
	}
	if v := f.cache.load(key); v != nil {
		return v
	}
	sh := f.pool.Get().(*shaper)
	defer f.pool.Put(sh)
	sh.rs = sh.rs[:0]
	offsets := make([]int32, 0, len(s))
	for i, r := range s {
		sh.rs = append(sh.rs, r)
		offsets = append(offsets, int32(i))
	}
	script := language.Latin
	for _, r := range sh.rs {
		if unicode.IsLetter(r) {
			script = language.LookupScript(r)
			break
		}
	}
	dir := di.DirectionLTR
	if rtl {
		dir = di.DirectionRTL
	}
	feats := features
	if caps {
		feats = smallCaps
	}
	out := sh.hb.ShapeNoExtents(shaping.Input{
		Text: sh.rs, RunStart: 0, RunEnd: len(sh.rs), Direction: dir, Face: sh.face,
		Size: fixed.I(int(f.Upem)), Script: script, FontFeatures: feats,
	})
	res := &Shaped{Glyphs: make([]Glyph, len(out.Glyphs))}
	for i, g := range out.Glyphs {
		cl := int32(len(s))
		if g.ClusterIndex < len(offsets) {
			cl = offsets[g.ClusterIndex]
		}
		adv := int32(g.Advance.Round())
		res.Glyphs[i] = Glyph{ID: uint16(g.GlyphID), Adv: adv, XOff: int16(g.XOffset.Round()), YOff: int16(g.YOffset.Round()), Cluster: cl}
		res.Advance += adv
	}
	return f.cache.loadOrStore(key, res)
}

// shapeCache is a face's shaped texts by key: shards of a plain map under a read-write lock
// each. sync.Map boxed every key looked up (a string made an interface) and hashed it as one:
// 5 % of a 250-document build's CPU went to its lookups.
type shapeCache struct {
	seed   maphash.Seed // set when the face is made; which shard holds a key changes nothing made
	shards [32]struct {
		mu sync.RWMutex
		m  map[string]*Shaped
	}
}

func (c *shapeCache) shard(key string) int {
	return int(maphash.String(c.seed, key) % uint64(len(c.shards)))
}

func (c *shapeCache) load(key string) *Shaped {
	s := &c.shards[c.shard(key)]
	s.mu.RLock()
	v := s.m[key]
	s.mu.RUnlock()
	return v
}

// loadOrStore keeps v under key unless another goroutine kept one first, and returns the one
// kept: every caller then shares one result.
func (c *shapeCache) loadOrStore(key string, v *Shaped) *Shaped {
	s := &c.shards[c.shard(key)]
	s.mu.Lock()
	defer s.mu.Unlock()
	if old, ok := s.m[key]; ok {
		return old
	}
	if s.m == nil {
		s.m = map[string]*Shaped{}
	}
	s.m[key] = v
	return v
}

// Width is the width of s in points at the given size: its shaped advance.
func (f *Face) Width(s string, size float64) float64 {
	return float64(f.Shape(s).Advance) * size / f.Upem
}

// WidthDir is the width of s set in a direction (Arabic's joining forms have widths of their own).
func (f *Face) WidthDir(s string, size float64, rtl bool) float64 {
	return float64(f.ShapeDir(s, rtl).Advance) * size / f.Upem
}

// WidthWith is the width of s set in a direction, in small capitals when caps is set.
func (f *Face) WidthWith(s string, size float64, rtl, caps bool) float64 {
	return float64(f.ShapeWith(s, rtl, caps).Advance) * size / f.Upem
}

// Has reports whether the face has a glyph for r.
func (f *Face) Has(r rune) bool {
	if r < 0 || r >= 1<<16 {
		g, ok := f.Font.NominalGlyph(r)
		return ok && g != 0
	}
	w, shift := &f.has[r>>4], uint(r&15)*2
	switch w.Load() >> shift & 3 {
	case 1:
		return true
	case 2:
		return false
	}
	g, ok := f.Font.NominalGlyph(r)
	has := ok && g != 0
	if has {
		w.Or(1 << shift)
	} else {
		w.Or(2 << shift)
	}
	return has
}

// Missing is the first character of s the face has no glyph for, or -1.
func (f *Face) Missing(s string) rune {
	sh := f.Shape(s)
	for _, g := range sh.Glyphs {
		if g.ID == 0 {
			r := []rune(s[g.Cluster:])
			if len(r) > 0 {
				return r[0]
			}
		}
	}
	return -1
}

// Fonts are the faces of the edition: its family's four, then each fallback family's four, then
// the monospace family's four when it has one. A Style is the index of a face here (see Style).
type Fonts struct {
	Family   string
	Families []string // every family's name, the edition's first, the monospace one last
	faces    []*faceSlot
	Data     [][]byte // the font files, for the PDF writer to embed, by Style
	// lists are list items set from plain strings, for every book of a build (listLines).
	lists sync.Map // listKey → []*Line
	// text is how many families text is set in (the edition's and its fallbacks); the monospace
	// family, if any, is the one after them, and only code is set in it.
	text int
}

// faceSlot is one font file's face, read when first asked for (read): a file that serves several
// styles (bold: regular, a fallback without italics) has one slot.
type faceSlot struct {
	once  sync.Once
	asked atomic.Bool // read has been called: Err waits for it
	data  []byte
	f     *Face
	err   error
	// standIn is the face set in place of this one when its file cannot be read: the build then
	// fails with err (Fonts.Err), so what was set with the stand-in is never written.
	standIn func() *Face
}

func (fs *faceSlot) read() *Face {
	fs.asked.Store(true)
	fs.once.Do(func() {
		fs.f, fs.err = newFace(fs.data)
		if fs.err != nil && fs.standIn != nil {
			fs.f = fs.standIn()
		}
	})
	return fs.f
}

// eager are the faces NewFonts reads at once, side by side: the edition's regular, italic and
// bold, which nearly every book sets text in. The others (bold italic, the fallback families, the
// monospace family) are read when a text first asks for one: in an edition without Hebrew,
// Arabic or code, reading them was half the faces' time, and a fifth of the seed's book PDF.
// Every file was parsed already by the sources' check (source/coverage.go), so one that cannot
// be read here is rare; when it is, Err says so and the build fails.
var eager = []Style{Regular, Italic, Bold}

// NewFonts reads the edition's faces, its fallback families' and its monospace family's.
func NewFonts(f edition.Fonts) (*Fonts, error) {
	fs := &Fonts{Family: f.Family, Families: f.FamilyNames()}
	for _, fam := range f.Families() {
		fs.Data = append(fs.Data, fam[:]...)
	}
	fs.text = len(fs.Families)
	if f.HasMono() {
		fs.Families = append(fs.Families, f.Mono.Family)
		fs.Data = append(fs.Data, f.Mono.Faces[:]...)
	}
	fs.faces = make([]*faceSlot, len(fs.Data))
	for i, data := range fs.Data {
		if k := firstSame(fs.Data, i); k < i {
			fs.faces[i] = fs.faces[k]
			continue
		}
		fs.faces[i] = &faceSlot{data: data}
		if i > 0 {
			fs.faces[i].standIn = fs.faces[0].read
		}
	}
	// Reading a face's layout tables takes a few milliseconds: the eager ones are read at once.
	var wg sync.WaitGroup
	for _, st := range eager {
		if int(st) < len(fs.faces) {
			wg.Go(func() { fs.faces[st].read() })
		}
	}
	wg.Wait()
	for _, st := range eager {
		if int(st) < len(fs.faces) && fs.faces[st].err != nil {
			return nil, fmt.Errorf("font %d: %w", st, fs.faces[st].err)
		}
	}
	return fs, nil
}

// Err is the first error in reading a face read on first use, after NewFonts: the build that
// set text with its stand-in must fail with it.
func (fs *Fonts) Err() error {
	for i, slot := range fs.faces {
		if !slot.asked.Load() {
			continue // never asked for: nothing was set in it
		}
		if slot.read(); slot.err != nil { // read waits for a reading under way
			return fmt.Errorf("font %d: %w", i, slot.err)
		}
	}
	return nil
}

// firstSame is the first face whose file is face i's.
func firstSame(data [][]byte, i int) int {
	for k := 0; k < i; k++ {
		if len(data[k]) == len(data[i]) && (len(data[i]) == 0 || &data[k][0] == &data[i][0] || bytes.Equal(data[k], data[i])) {
			return k
		}
	}
	return i
}

// Face returns the face of a style.
func (fs *Fonts) Face(s Style) *Face { return fs.faces[s].read() }

// Code is the style code is set in where the text around it is in style st: the monospace
// family's face of st's weight (it has no italic of its own), or st itself when there is none.
func (fs *Fonts) Code(st Style) Style {
	if len(fs.Families) == fs.text {
		return st
	}
	return inFamily(st, fs.text)
}

// IsMono says whether a style is the monospace family's.
func (fs *Fonts) IsMono(st Style) bool { return len(fs.Families) > fs.text && st.Family() == fs.text }

// Styles is how many faces there are: four for each family.
func (fs *Fonts) Styles() int { return len(fs.faces) }

// PointSize rounds a type size to the hundredth of a point the PDF is written with, so that text
// is measured at exactly the size it is drawn at.
func PointSize(s float64) float64 { return math.Round(s*100) / 100 }

// Package typeset sets an edition into pages: boxes, glue and penalties built from the model with
// real glyph widths, Knuth–Plass total-fit line breaking with Liang hyphenation, and a page builder
// that puts each note at the foot of the page where it is cited. It is pure Go and knows nothing of
// PDF: internal/pdf draws what it decides.
package typeset

import (
	"fmt"
	"math"
	"sync"
	"sync/atomic"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"colophon/internal/edition"
)

// Style is one of the four faces of the edition's family.
type Style int

const (
	Regular Style = iota
	Italic
	Bold
	BoldItalic
)

// Face measures text in one font. Widths are kept in thousandths of an em, rounded, exactly as the
// PDF writer records them, so that what is measured here is what is drawn.
type Face struct {
	font *sfnt.Font
	upem float64
	mu   sync.Mutex
	buf  sfnt.Buffer
	// bmp caches the widths of the Basic Multilingual Plane, where all text is (the loader
	// refuses anything above it), as width+1 so that zero means "not looked up yet". Reads are
	// atomic: paragraphs are set on all cores at once.
	bmp [0x10000]atomic.Int32
}

func newFace(data []byte) (*Face, error) {
	f, err := sfnt.Parse(data)
	if err != nil {
		return nil, err
	}
	return &Face{font: f, upem: float64(f.UnitsPerEm())}, nil
}

// Units is the advance of r in thousandths of an em.
func (f *Face) Units(r rune) int {
	if r >= 0 && r < 0x10000 {
		if w := f.bmp[r].Load(); w > 0 {
			return int(w - 1)
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	w := 0
	if gi, err := f.font.GlyphIndex(&f.buf, r); err == nil && gi != 0 {
		adv, err := f.font.GlyphAdvance(&f.buf, gi, fixed.I(int(f.upem)), font.HintingNone)
		if err == nil {
			w = int(math.Round(float64(adv) / 64 * 1000 / f.upem))
		}
	}
	if r >= 0 && r < 0x10000 {
		f.bmp[r].Store(int32(w + 1))
	}
	return w
}

// Width is the width of s in points at the given size.
func (f *Face) Width(s string, size float64) float64 {
	u := 0
	for _, r := range s {
		u += f.Units(r)
	}
	return float64(u) * size / 1000
}

// Fonts are the four faces of the edition.
type Fonts struct {
	Family string
	faces  [4]*Face
	Data   [4][]byte // the font files, for the PDF writer to embed
}

// NewFonts reads the edition's faces.
func NewFonts(f edition.Fonts) (*Fonts, error) {
	fs := &Fonts{Family: f.Family, Data: [4][]byte{f.Regular, f.Italic, f.Bold, f.BoldItalic}}
	for i, data := range fs.Data {
		face, err := newFace(data)
		if err != nil {
			return nil, fmt.Errorf("font %d: %w", i, err)
		}
		fs.faces[i] = face
	}
	return fs, nil
}

// Face returns the face of a style.
func (fs *Fonts) Face(s Style) *Face { return fs.faces[s] }

// PointSize rounds a type size to the hundredth of a point the PDF is written with (fpdf prints two
// decimals), so that text is measured at exactly the size it is drawn at.
func PointSize(s float64) float64 { return math.Round(s*100) / 100 }

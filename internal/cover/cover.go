// Package cover makes the edition's front cover image, shared by the EPUB, the OPDS feed and the
// print cover: the image named in book.yaml when there is one, otherwise a typographic cover set
// from the title, subtitle, translator's credit and publisher in the edition's own fonts.
package cover

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"path/filepath"
	"strings"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"colophon/internal/edition"
)

// Size of a generated cover in pixels: the 1:1.6 portrait most ebook stores ask for.
const (
	Width  = 1600
	Height = 2560
)

// Image is the cover's bytes and media type.
type Image struct {
	Data      []byte
	MediaType string // image/png or image/jpeg
	Ext       string // ".png" or ".jpg"
	Width     int
	Height    int
}

// Alt is the cover's text alternative: what it shows, in words.
func Alt(b *edition.Book) string {
	s := "Cover: " + b.Title
	if b.Subtitle != "" {
		s += ". " + b.Subtitle
	}
	if c := b.TranslatorCredit(); c != "" {
		s += ". " + strings.TrimSuffix(c, ".")
	}
	return s + "."
}

// Make returns the cover named in book.yaml, or sets one.
func Make(b *edition.Book) (*Image, error) {
	if b.Cover != "" {
		data, err := edition.ReadRegular(filepath.Join(b.Dir, filepath.FromSlash(b.Cover)))
		if err != nil {
			return nil, err
		}
		cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("cover %s: %v", b.Cover, err)
		}
		if format == "jpeg" {
			return &Image{data, "image/jpeg", ".jpg", cfg.Width, cfg.Height}, nil
		}
		return &Image{data, "image/png", ".png", cfg.Width, cfg.Height}, nil
	}
	return generate(b)
}

// The cover's colours: ink on a warm paper, with a deep red for the rules. Text is drawn as
// coverage into 16 steps from paper to ink, so the image is a small palette PNG.
var (
	paper  = color.RGBA{0xf3, 0xec, 0xdc, 0xff}
	ink    = color.RGBA{0x22, 0x1e, 0x1a, 0xff}
	accent = color.RGBA{0x8c, 0x1c, 0x13, 0xff}
)

const ramp = 16 // palette entries 0..15: paper → ink; 16: accent

func palette() color.Palette {
	p := make(color.Palette, 0, ramp+1)
	for i := 0; i < ramp; i++ {
		mix := func(a, b uint8) uint8 { return uint8((int(a)*(ramp-1-i) + int(b)*i) / (ramp - 1)) }
		p = append(p, color.RGBA{mix(paper.R, ink.R), mix(paper.G, ink.G), mix(paper.B, ink.B), 0xff})
	}
	return append(p, accent)
}

type setter struct {
	cov   *image.Alpha // text coverage
	img   *image.Paletted
	faces map[string]*opentype.Font
}

func generate(b *edition.Book) (*Image, error) {
	s := &setter{
		cov:   image.NewAlpha(image.Rect(0, 0, Width, Height)),
		img:   image.NewPaletted(image.Rect(0, 0, Width, Height), palette()),
		faces: map[string]*opentype.Font{},
	}
	for name, data := range map[string][]byte{"regular": b.Fonts.Regular, "italic": b.Fonts.Italic, "bold": b.Fonts.Bold} {
		f, err := opentype.Parse(data)
		if err != nil {
			return nil, fmt.Errorf("cover font %s: %v", name, err)
		}
		s.faces[name] = f
	}
	// Frame: a heavy and a hairline rule, inset from the edge.
	s.frame(64, 10)
	s.frame(92, 3)

	// Each text has a room of its own and is fitted to it (fit.go): the title from 420 down to
	// two lines of the subtitle above the translator's credit, the subtitle what is left, the
	// credit and the publisher to above their rules and the frame.
	const titleTop, creditTop, frameIn = 420, Height - 560, Height - 100
	titleRoom := creditTop - 60 - 190 - titleTop
	if b.Subtitle != "" {
		titleRoom -= 151 // two of the subtitle's lines (58 px, leading 1.3) at least
	}
	y := titleTop
	var err error
	if y, err = s.paragraph("bold", b.Title, 104, 1.22, y, titleRoom); err != nil {
		return nil, err
	}
	y += 70
	s.rule(Width/2-120, y, 240, 6)
	y += 120
	if b.Subtitle != "" {
		if y, err = s.paragraph("italic", b.Subtitle, 58, 1.3, y, creditTop-60-y); err != nil {
			return nil, err
		}
	}
	if c := strings.TrimSuffix(b.TranslatorCredit(), "."); c != "" {
		if _, err := s.paragraph("regular", c, 56, 1.3, creditTop, Height-330-20-creditTop); err != nil {
			return nil, err
		}
	}
	if b.Publisher != "" {
		s.rule(Width/2-60, Height-330, 120, 3)
		if _, err := s.paragraph("regular", strings.ToUpper(b.Publisher), 40, 1.3, Height-240, frameIn-(Height-240)); err != nil {
			return nil, err
		}
	}
	// Coverage becomes palette steps; rules were painted directly and are not in the coverage.
	for i, a := range s.cov.Pix {
		if a != 0 {
			s.img.Pix[i] = uint8(int(a) * (ramp - 1) / 255)
		}
	}
	var buf bytes.Buffer
	// Best speed: the image is a few flat colours, so the file is still small (about 80 kB),
	// and better compression costs more time than the rest of the build together.
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, s.img); err != nil {
		return nil, err
	}
	return &Image{buf.Bytes(), "image/png", ".png", Width, Height}, nil
}

func (s *setter) frame(inset, w int) {
	s.rule(inset, inset, Width-2*inset, w)
	s.rule(inset, Height-inset-w, Width-2*inset, w)
	for y := inset; y < Height-inset; y++ {
		for x := 0; x < w; x++ {
			s.img.Pix[y*Width+inset+x] = ramp
			s.img.Pix[y*Width+Width-inset-w+x] = ramp
		}
	}
}

// rule paints a filled accent rectangle, clipped to the image.
func (s *setter) rule(x, y, w, h int) {
	for j := max(y, 0); j < min(y+h, Height); j++ {
		for i := max(x, 0); i < min(x+w, Width); i++ {
			s.img.Pix[j*Width+i] = ramp
		}
	}
}

// measure is the width the cover's text is set in.
const measure = Width - 2*220

// paragraph sets text centred in lines no wider than the measure, its first baseline at top plus
// the size, fitted to a room of the given height (Fit), and returns the y below its last line.
func (s *setter) paragraph(face, text string, size, leading float64, top, room int) (int, error) {
	drawers := map[float64]*font.Drawer{}
	drawer := func(sz float64) (*font.Drawer, error) {
		if d, ok := drawers[sz]; ok {
			return d, nil
		}
		f, err := opentype.NewFace(s.faces[face], &opentype.FaceOptions{Size: sz, DPI: 72, Hinting: font.HintingNone})
		if err != nil {
			return nil, err
		}
		d := &font.Drawer{Dst: s.cov, Src: image.Opaque, Face: f}
		drawers[sz] = d
		return d, nil
	}
	defer func() {
		for _, d := range drawers {
			d.Face.Close()
		}
	}()
	var ferr error
	text, size = Fit(text, size, leading, float64(room), func(t string, sz float64) int {
		d, err := drawer(sz)
		if err != nil {
			ferr = err
			return 0
		}
		return len(breakLines(d, t))
	})
	if ferr != nil {
		return top, ferr
	}
	d, err := drawer(size)
	if err != nil {
		return top, err
	}
	lines := breakLines(d, text)
	y := float64(top) + size
	for _, l := range lines {
		w := d.MeasureString(l)
		d.Dot = fixed.Point26_6{X: (fixed.I(Width) - w) / 2, Y: fixed.I(int(y))}
		d.DrawString(l)
		y += size * leading
	}
	return int(y - size*leading + size*0.4), nil
}

// breakLines breaks text into lines no wider than the measure, at spaces, and inside a word that
// is wider than the measure by itself.
func breakLines(d *font.Drawer, text string) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		try := strings.TrimSpace(line + " " + w)
		if d.MeasureString(try) <= fixed.I(measure) {
			line = try
			continue
		}
		if line != "" {
			lines = append(lines, line)
		}
		line = w
		for d.MeasureString(line) > fixed.I(measure) {
			rs := []rune(line)
			n := 1
			for n < len(rs) && d.MeasureString(string(rs[:n+1])) <= fixed.I(measure) {
				n++
			}
			lines = append(lines, string(rs[:n]))
			line = string(rs[n:])
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

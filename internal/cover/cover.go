// Package cover makes the edition's front cover image, shared by the EPUB, the OPDS feed and the
// print cover: the image named in book.yaml when there is one, otherwise the typographic cover
// drawn in pixels from the title, subtitle, translator's credit and publisher in the edition's own
// fonts. Its design — colours, frames, each text's face, size, place and room — is typeset.Cover,
// which the wrap cover's front (typeset.WrapCover) follows too.
package cover

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"path/filepath"
	"strings"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"colophon/internal/edition"
	"colophon/internal/typeset"
)

// Size of a generated cover in pixels: the 1:1.6 portrait most ebook stores ask for.
const (
	Width  = typeset.CoverWidth
	Height = typeset.CoverHeight
)

// design is the typographic cover's.
var design = &typeset.Cover

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
	if c := b.CoverCredit(); c != "" {
		s += ". " + c
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

// Text is drawn as coverage into 16 steps from the design's paper to its ink, so the image is a
// small palette PNG.

const ramp = 16 // palette entries 0..15: paper → ink; 16: accent

func palette() color.Palette {
	paper, ink := design.Paper.RGBA(), design.Ink.RGBA()
	p := make(color.Palette, 0, ramp+1)
	for i := 0; i < ramp; i++ {
		mix := func(a, b uint8) uint8 { return uint8((int(a)*(ramp-1-i) + int(b)*i) / (ramp - 1)) }
		p = append(p, color.RGBA{mix(paper.R, ink.R), mix(paper.G, ink.G), mix(paper.B, ink.B), 0xff})
	}
	return append(p, design.Accent.RGBA())
}

type setter struct {
	cov *image.Alpha // text coverage
	// inked bounds every pixel the text may have covered: the coverage is turned into palette
	// steps there only, not over the whole 1,600 × 2,560 cover (that pass was a fifth of its
	// making).
	inked image.Rectangle
	img   *image.Paletted
	faces map[typeset.Style]*opentype.Font
}

// The lines of the ebook cover's texts are this many times their size apart (the title's a
// little closer); each text's first line stands its size below where the design puts the text.
const (
	titleLeading = 1.22
	leading      = 1.3
)

func generate(b *edition.Book) (*Image, error) {
	s := &setter{
		cov:   image.NewAlpha(image.Rect(0, 0, Width, Height)),
		img:   image.NewPaletted(image.Rect(0, 0, Width, Height), palette()),
		faces: map[typeset.Style]*opentype.Font{},
	}
	for _, f := range []struct {
		st   typeset.Style
		name string
		data []byte
	}{{typeset.Regular, "regular", b.Fonts.Regular}, {typeset.Italic, "italic", b.Fonts.Italic}, {typeset.Bold, "bold", b.Fonts.Bold}} {
		font, err := opentype.Parse(f.data)
		if err != nil {
			return nil, fmt.Errorf("cover font %s: %v", f.name, err)
		}
		s.faces[f.st] = font
	}
	d := design
	for _, f := range d.Frames {
		s.frame(int(f.Inset), int(f.Width))
	}

	// Each text has a room of its own and is fitted to it (typeset.Fit): the title from its top
	// down to two lines of the subtitle above the translator's credit, the subtitle what is left,
	// the credit and the publisher to above their rules and the frame.
	titleTop, creditTop, frameIn := int(d.TitleTop), Height-int(d.CreditTop), Height-int(d.FrameRoom)
	titleRoom := creditTop - int(d.SubtitleRoom) - int(d.RuleRoom) - titleTop
	if b.Subtitle != "" {
		titleRoom -= 151 // two of the subtitle's lines (58 px, leading 1.3) at least
	}
	y := titleTop
	var err error
	if y, err = s.paragraph(d.Title, b.Title, titleLeading, y, titleRoom); err != nil {
		return nil, err
	}
	y += int(d.RuleGap)
	s.rule(Width/2-int(d.Rule.W)/2, y, int(d.Rule.W), int(d.Rule.H))
	y += int(d.SubtitleGap)
	if b.Subtitle != "" {
		if y, err = s.paragraph(d.Subtitle, b.Subtitle, leading, y, creditTop-int(d.SubtitleRoom)-y); err != nil {
			return nil, err
		}
	}
	if c := b.CoverCredit(); c != "" {
		if _, err := s.paragraph(d.Credit, c, leading, creditTop, int(d.CreditRoom)); err != nil {
			return nil, err
		}
	}
	if b.Publisher != "" {
		r, top := d.PublisherRule, Height-int(d.PublisherTop)
		s.rule(Width/2-int(r.W)/2, Height-int(d.PublisherRuleTop), int(r.W), int(r.H))
		if _, err := s.paragraph(d.Publisher, strings.ToUpper(b.Publisher), leading, top, frameIn-top); err != nil {
			return nil, err
		}
	}
	// Coverage becomes palette steps; rules were painted directly and are not in the coverage.
	in := s.inked.Intersect(s.cov.Rect)
	for y := in.Min.Y; y < in.Max.Y; y++ {
		row := s.cov.Pix[y*Width+in.Min.X : y*Width+in.Max.X]
		out := s.img.Pix[y*Width+in.Min.X : y*Width+in.Max.X]
		for i, a := range row {
			if a != 0 {
				out[i] = uint8(int(a) * (ramp - 1) / 255)
			}
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

// paragraph sets a text of the design centred in lines no wider than the design's measure, its
// first baseline at top plus the size, fitted to a room of the given height (typeset.Fit), and
// returns the y below its last line.
func (s *setter) paragraph(t typeset.CoverText, text string, leading float64, top, room int) (int, error) {
	size := t.Size
	drawers := map[float64]*font.Drawer{}
	drawer := func(sz float64) (*font.Drawer, error) {
		if d, ok := drawers[sz]; ok {
			return d, nil
		}
		f, err := opentype.NewFace(s.faces[t.Style], &opentype.FaceOptions{Size: sz, DPI: 72, Hinting: font.HintingNone})
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
	text, size = typeset.Fit(text, size, leading, float64(room), func(text string, sz float64) int {
		d, err := drawer(sz)
		if err != nil {
			ferr = err
			return 0
		}
		return len(breakLines(d, text))
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
		// The glyphs' outlines' bounds, two pixels wider for the rasteriser's antialiased edge.
		b, _ := d.BoundString(l)
		s.inked = s.inked.Union(image.Rect(b.Min.X.Floor()-2, b.Min.Y.Floor()-2, b.Max.X.Ceil()+2, b.Max.Y.Ceil()+2))
		drawString(d, s.cov, l)
		y += size * leading
	}
	return int(y - size*leading + size*0.4), nil
}

// drawString is font.Drawer's DrawString into the coverage: the same glyphs at the same places,
// each laid over what is there as image/draw's Over lays an opaque colour through a mask, in the
// same 16-bit arithmetic (TestDrawStringAsDrawer), but on the coverage's bytes directly. Drawn
// through image/draw, an image.Alpha is read and written a pixel at a time through interfaces,
// which was a fifth of the cover's making. A mask of another kind is drawn by image/draw.
func drawString(d *font.Drawer, dst *image.Alpha, text string) {
	const m = 0xffff
	prev := rune(-1)
	for _, c := range text {
		if prev >= 0 {
			d.Dot.X += d.Face.Kern(prev, c)
		}
		dr, mask, maskp, advance, _ := d.Face.Glyph(d.Dot, c)
		if !dr.Empty() {
			if ma, ok := mask.(*image.Alpha); ok {
				// image/draw's clip: within the destination and within the mask.
				r := dr.Intersect(dst.Rect).Intersect(ma.Rect.Add(dr.Min.Sub(maskp)))
				mp := maskp.Add(r.Min.Sub(dr.Min))
				for y := r.Min.Y; y < r.Max.Y; y++ {
					row := dst.Pix[dst.PixOffset(r.Min.X, y):dst.PixOffset(r.Max.X, y)]
					mrow := ma.Pix[ma.PixOffset(mp.X, mp.Y+y-r.Min.Y):]
					for x, v := range row {
						if a := uint32(mrow[x]) * 0x101; a != 0 {
							row[x] = uint8((uint32(v)*0x101*(m-a) + m*a) / m >> 8)
						}
					}
				}
			} else {
				draw.DrawMask(dst, dr, d.Src, image.Point{}, mask, maskp, draw.Over)
			}
		}
		d.Dot.X += advance
		prev = c
	}
}

// breakLines breaks text into lines no wider than the design's measure, at spaces, and inside a
// word that is wider than the measure by itself.
func breakLines(d *font.Drawer, text string) []string {
	measure := Width - 2*int(design.Margin)
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

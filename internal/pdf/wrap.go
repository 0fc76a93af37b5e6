package pdf

import (
	"fmt"
	"image/color"
	"strings"

	"github.com/boombuler/barcode/ean"

	"colophon/internal/cover"
	"colophon/internal/edition"
	"colophon/internal/typeset"
)

const inch = 72.0

// WrapBleed is the bleed print-on-demand services ask for on a full-wrap cover: 0.125 in.
const WrapBleed = 0.125 * inch

// minSpineText is the narrowest spine that carries text: below a quarter inch printers ask for
// none, since a small drift of the fold would put letters on the covers.
const minSpineText = 0.25 * inch

// Wrap is the geometry of a full-wrap cover, in points.
type Wrap struct {
	TrimW, TrimH float64 // one cover panel
	Spine        float64
	Bleed        float64
	W, H         float64 // the whole sheet: 2 × trim width + spine + 2 × bleed, trim height + 2 × bleed
	Pages        int
	PaperIn      float64
}

// WrapGeometry computes the cover for an interior of pages pages on paper of the given thickness
// per page (inches): spine = pages × thickness.
func WrapGeometry(trim string, pages int, paperIn float64) Wrap {
	t := edition.TrimSizes[trim]
	w := Wrap{TrimW: t[0] * inch / 25.4, TrimH: t[1] * inch / 25.4, Bleed: WrapBleed, Pages: pages, PaperIn: paperIn}
	w.Spine = float64(pages) * paperIn * inch
	w.W = 2*w.TrimW + w.Spine + 2*w.Bleed
	w.H = w.TrimH + 2*w.Bleed
	return w
}

// Details are the dimensions the build prints and the manifest records, in inches and millimetres.
func (w Wrap) Details() map[string]any {
	r := func(pt float64) float64 { return float64(int(pt/inch*10000+0.5)) / 10000 }
	m := func(pt float64) float64 { return float64(int(pt/inch*25.4*100+0.5)) / 100 }
	return map[string]any{
		"interior_pages": w.Pages, "paper_in_per_page": w.PaperIn,
		"spine_in": r(w.Spine), "spine_mm": m(w.Spine),
		"width_in": r(w.W), "height_in": r(w.H), "width_mm": m(w.W), "height_mm": m(w.H),
		"bleed_in": r(w.Bleed), "trim_width_in": r(w.TrimW), "trim_height_in": r(w.TrimH),
	}
}

var (
	paperRGB  = [3]int{0xf3, 0xec, 0xdc}
	inkRGB    = [3]int{0x22, 0x1e, 0x1a}
	accentRGB = [3]int{0x8c, 0x1c, 0x13}
)

// CoverOptions say for which printer a wrap cover is made.
type CoverOptions struct {
	// PDFX, when set, makes the printer's file: PDF/X-1a:2001 for this condition, in CMYK.
	PDFX string
	// Service gives the safety distance from trim and folds, and the pages a spine needs for text.
	Service edition.Service
}

// WrapCover draws the full-wrap print cover: back (description, publisher, ISBN barcode), spine
// (title and publisher along it when it is wide enough) and front (the cover image named in the
// edition, or the typographic design of the ebook cover, in vector). It is an untagged PDF/A-1b:
// a cover is a picture of a book, not a text to read.
func WrapCover(b *edition.Book, fonts *typeset.Fonts, w Wrap, front *cover.Image, opt CoverOptions, res *Resources) (File, error) {
	d := newDoc(b, fonts, w.W, w.H, Meta{Title: b.Title + " (cover)", Untagged: true, PDFX: opt.PDFX}, nil, res)
	safety := opt.Service.CoverSafety * inch
	d.boxes = fmt.Sprintf(" /TrimBox [%s %s %s %s] /BleedBox [0 0 %s %s]", num(w.Bleed), num(w.Bleed), num(w.W-w.Bleed), num(w.H-w.Bleed), num(w.W), num(w.H))
	p := d.addPage()
	d.fillRGB(p, paperRGB)
	d.rect(p, 0, 0, w.W, w.H)

	backX := w.Bleed
	spineX := w.Bleed + w.TrimW
	frontX := spineX + w.Spine
	top := w.Bleed
	set := &typeset.Setter{Fonts: fonts, Hyph: &typeset.Hyphenator{}, Word: -1}
	text := func(s string) []edition.Inline { return []edition.Inline{{Kind: edition.Text, Text: s}} }
	// para sets a paragraph centred (or as asked) in a panel and returns the y below it.
	para := func(x, y, width float64, s string, size float64, st typeset.Style, al typeset.Align) float64 {
		if s == "" {
			return y
		}
		ps := typeset.ParaStyle{Size: size, Leading: size * 1.3, Style: st, Align: al, Hyphenate: al == typeset.Justify}
		for _, ln := range set.SetParagraph(text(s), ps, width) {
			y += ps.Leading
			d.drawLine(p, typeset.Placed{X: x, Y: y, Line: ln}, fonts, 0)
		}
		return y
	}
	ink := func() { d.fillRGB(p, inkRGB) }
	// fitted is a text and size that fit in a room of the given height (cover.Fit), set as para
	// sets it.
	fitted := func(s string, size float64, st typeset.Style, al typeset.Align, width, room float64) (string, float64) {
		return cover.Fit(s, size, 1.3, room, func(t string, sz float64) int {
			ps := typeset.ParaStyle{Size: sz, Leading: sz * 1.3, Style: st, Align: al, Hyphenate: al == typeset.Justify}
			return len(set.SetParagraph(text(t), ps, width))
		})
	}

	// Front.
	if b.Cover != "" {
		img, err := d.image(p, front)
		if err != nil {
			return nil, err
		}
		// Fill the front panel and its bleed, cropping the image's overflow by the page edge.
		pw, ph := w.TrimW+w.Bleed, w.H
		iw, ih := float64(front.Width), float64(front.Height)
		scale := max(pw/iw, ph/ih)
		dw, dh := iw*scale, ih*scale
		x, y := frontX+(pw-dw)/2, (ph-dh)/2
		fmt.Fprintf(p.c, "q %s 0 0 %s %s %s cm /%s Do Q\n", num(dw), num(dh), num(x), num(p.pdfY(y+dh)), img)
	} else {
		u := w.TrimW / cover.Width // the ebook cover's pixels, scaled to the panel
		// The frames keep the service's safety distance from the trim and the spine fold.
		in := max(64*u, safety)
		frame(d, p, frontX+in, top+in, w.TrimW-2*in, w.TrimH-2*in, 10*u)
		frame(d, p, frontX+in+28*u, top+in+28*u, w.TrimW-2*in-56*u, w.TrimH-2*in-56*u, 3*u)
		m := 220 * u
		ink()
		// The rooms of the ebook cover's texts (internal/cover), scaled.
		creditTop := w.TrimH - 560*u
		titleRoom := creditTop - 250*u - 420*u
		if b.Subtitle != "" {
			titleRoom -= 2 * 58 * 1.3 * u // two of the subtitle's lines at least
		}
		title, size := fitted(b.Title, 104*u, typeset.Bold, typeset.Center, w.TrimW-2*m, titleRoom)
		y := para(frontX+m, top+420*u-size*0.3, w.TrimW-2*m, title, size, typeset.Bold, typeset.Center)
		d.fillRGB(p, accentRGB)
		d.rect(p, frontX+w.TrimW/2-120*u, y+70*u, 240*u, 6*u)
		ink()
		sub, size := fitted(b.Subtitle, 58*u, typeset.Italic, typeset.Center, w.TrimW-2*m, top+creditTop-60*u-(y+120*u))
		y = para(frontX+m, y+120*u, w.TrimW-2*m, sub, size, typeset.Italic, typeset.Center)
		credit, size := fitted(strings.TrimSuffix(b.TranslatorCredit(), "."), 56*u, typeset.Regular, typeset.Center, w.TrimW-2*m, 210*u)
		para(frontX+m, top+creditTop, w.TrimW-2*m, credit, size, typeset.Regular, typeset.Center)
		if b.Publisher != "" {
			d.fillRGB(p, accentRGB)
			d.rect(p, frontX+w.TrimW/2-60*u, top+w.TrimH-330*u, 120*u, 3*u)
			ink()
			pub, size := fitted(strings.ToUpper(b.Publisher), 40*u, typeset.Regular, typeset.Center, w.TrimW-2*m, 160*u)
			para(frontX+m, top+w.TrimH-280*u, w.TrimW-2*m, pub, size, typeset.Regular, typeset.Center)
		}
	}
	ink()

	// Spine: title and publisher read from top to bottom, as on English-language books: the text
	// runs down the page with the tops of the letters towards the front.
	if w.Spine >= minSpineText && w.Pages >= opt.Service.SpineTextMin {
		size := min(w.Spine*0.45, 12)
		title := b.ShortTitle
		if title == "" {
			title = b.Title
		}
		face := fonts.Face(typeset.Regular)
		avail := w.TrimH - 1.2*inch
		pub := b.Publisher
		pw := face.Width(pub, size*0.8)
		title = fitSpine(face, title, size, avail-pw-0.5*inch)
		base := spineX + w.Spine/2 - size*0.35
		down := [4]float64{0, -1, 1, 0}
		d.textAt(p, typeset.Regular, size, down, base, p.pdfY(top+0.6*inch), title, false, false, "", fonts)
		if pub != "" {
			d.textAt(p, typeset.Regular, PointSize(size*0.8), down, base, p.pdfY(top+0.6*inch+avail-pw), pub, false, false, "", fonts)
		}
	}

	// Back: the description, the publisher, and the ISBN as an EAN-13 barcode.
	m := 0.6 * inch
	y := top + 0.9*inch
	// The texts end above the publisher's line and the barcode's box, fitted to the room left.
	bottom := top + w.TrimH - 0.9*inch - 12
	if b.ISBN != "" {
		bottom = min(bottom, top+w.TrimH-max(safety, 0.25*inch)-eanBoxH-12)
	}
	title, size := fitted(b.Title, 13, typeset.Bold, typeset.Left, w.TrimW-2*m, w.TrimH/4)
	y = para(backX+m, y, w.TrimW-2*m, title, size, typeset.Bold, typeset.Left)
	credit := b.TranslatorCredit()
	creditRoom := 0.0
	if credit != "" {
		creditRoom = 10 + 2*10.5*1.3
	}
	desc, size := fitted(b.Description, 10.5, typeset.Regular, typeset.Justify, w.TrimW-2*m, bottom-(y+8)-creditRoom)
	y = para(backX+m, y+8, w.TrimW-2*m, desc, size, typeset.Regular, typeset.Justify)
	if credit != "" {
		credit, size = fitted(credit, 10.5, typeset.Italic, typeset.Left, w.TrimW-2*m, creditRoom-10)
		para(backX+m, y+10, w.TrimW-2*m, credit, size, typeset.Italic, typeset.Left)
	}
	pub, size := fitted(b.Publisher, 10, typeset.Regular, typeset.Left, w.TrimW/2, 0.9*inch-max(safety, 0.25*inch)-6)
	para(backX+m, top+w.TrimH-0.9*inch, w.TrimW/2, pub, size, typeset.Regular, typeset.Left)
	if b.ISBN != "" {
		// The barcode's box sits at the lower right of the back, the service's safety distance
		// (at least a quarter inch) from the spine fold and the trim.
		clear := max(safety, 0.25*inch)
		if err := barcodeEAN(d, p, fonts, b, backX+w.TrimW-clear, top+w.TrimH-clear); err != nil {
			return nil, err
		}
	}
	// Fold marks at the spine's edges, in the bleed.
	d.strokeRGB(p, inkRGB)
	p.c.WriteString("0.25 w\n")
	for _, x := range []float64{spineX, frontX} {
		d.line(p, x, 0, x, w.Bleed*0.6)
		d.line(p, x, w.H-w.Bleed*0.6, x, w.H)
	}
	return d.finish()
}

// PointSize rounds a size as the typesetter does.
func PointSize(s float64) float64 { return typeset.PointSize(s) }

// fitSpine shortens the spine's title to whole words that fit.
func fitSpine(f *typeset.Face, s string, size, width float64) string {
	words := strings.Fields(s)
	for n := len(words); n > 0; n-- {
		t := strings.Join(words[:n], " ")
		if n < len(words) {
			t = strings.TrimRight(t, ",;:") + "…"
		}
		if f.Width(t, size) <= width {
			return t
		}
	}
	return ""
}

// frame draws a rectangle outline of filled accent bars, like the ebook cover's.
func frame(d *doc, p *page, x, y, w, h, t float64) {
	d.fillRGB(p, accentRGB)
	d.rect(p, x, y, w, t)
	d.rect(p, x, y+h-t, w, t)
	d.rect(p, x, y, t, h)
	d.rect(p, x+w-t, y, t, h)
}

// EAN-13 at 100 %: a 0.33 mm module, 22.85 mm bars, and with its quiet zones and digits a symbol of
// 37.29 × 25.93 mm (GS1 General Specifications).
const (
	eanModule = 0.33 * inch / 25.4
	eanBars   = 22.85 * inch / 25.4
	eanWidth  = 37.29 * inch / 25.4
	eanHeight = 25.93 * inch / 25.4
	// eanBoxH is the height of the barcode's white box: the ISBN's line (12 pt), a gap, and the
	// symbol with its digits.
	eanBoxH = 12 + 2 + max(eanHeight, eanBars+13)
)

// barcodeEAN draws the ISBN as an EAN-13 symbol at 100 % on a white box whose lower right corner
// is (right, bottom): the bars with their quiet zones, the digits below, and the ISBN as the
// edition writes it (hyphenated, when it is) above.
func barcodeEAN(d *doc, p *page, fonts *typeset.Fonts, b *edition.Book, right, bottom float64) error {
	isbn := b.ISBN
	code, err := ean.Encode(isbn)
	if err != nil {
		return fmt.Errorf("barcode for ISBN %s: %v", isbn, err)
	}
	bounds := code.Bounds()
	bw := float64(bounds.Dx()) * eanModule
	label := "ISBN " + b.ISBNText
	if b.ISBNText == "" {
		label = "ISBN " + isbn
	}
	face := fonts.Face(typeset.Regular)
	labelH := 12.0
	boxH := eanBoxH
	x0, y0 := right-eanWidth, bottom-boxH
	d.fillRGB(p, [3]int{255, 255, 255})
	d.rect(p, x0, y0, eanWidth, boxH)
	d.fillRGB(p, [3]int{0, 0, 0})
	// 11 modules of quiet zone on the left, 7 on the right.
	x := x0 + 11*eanModule
	y := y0 + labelH + 2
	d.text(p, typeset.Regular, 8, x0+(eanWidth-face.Width(label, 8))/2, y-3, label, fonts)
	dark := func(i int) bool { return isDark(code.At(bounds.Min.X+i, bounds.Min.Y)) }
	for i := 0; i < bounds.Dx(); {
		if !dark(i) {
			i++
			continue
		}
		j := i
		for j < bounds.Dx() && dark(j) {
			j++
		}
		d.rect(p, x+float64(i)*eanModule, y, float64(j-i)*eanModule, eanBars)
		i = j
	}
	digits := isbn[:1] + " " + isbn[1:7] + " " + isbn[7:]
	d.text(p, typeset.Regular, 9, x+(bw-face.Width(digits, 9))/2, y+eanBars+9, digits, fonts)
	return nil
}

func isDark(c color.Color) bool {
	r, g, b, _ := c.RGBA()
	return r+g+b < 3*0x8000
}

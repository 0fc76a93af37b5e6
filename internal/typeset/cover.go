package typeset

import (
	"fmt"
	"image/color"
	"strings"

	"github.com/boombuler/barcode/ean"

	"colophon/internal/edition"
	"colophon/internal/print"
)

// The covers' layout lives here: the typographic design of the front (the ebook cover, which
// internal/cover draws in pixels, and the wrap cover's front when the edition has no picture of its
// own) and the full-wrap print cover (WrapCover). Lengths of the design are in the ebook cover's
// pixels, CoverWidth × CoverHeight; the wrap scales them to its front panel.

// RGB is a colour, 0–255 a channel.
type RGB [3]uint8

// RGBA is the colour as Go's image package has it.
func (c RGB) RGBA() color.RGBA { return color.RGBA{c[0], c[1], c[2], 0xff} }

// Size of the ebook cover in pixels: the 1:1.6 portrait most ebook stores ask for.
const (
	CoverWidth  = 1600
	CoverHeight = 2560
)

// Cover is the typographic cover's design: ink on a warm paper, a deep red for the rules.
var Cover = struct {
	Paper, Ink, Accent RGB
	// Frames are a heavy rule and a hairline inside it, each its inset from the edge and width.
	Frames [2]struct{ Inset, Width float64 }
	// Margin is the text's distance from the sides; the texts are centred between.
	Margin float64
	// Title, Subtitle, Credit (the translator's) and Publisher are each text's face and size.
	Title, Subtitle, Credit, Publisher CoverText
	// TitleTop is where the title begins, from the top; the rule under it is RuleGap below it
	// and the subtitle SubtitleGap below that. CreditTop, PublisherRuleTop and PublisherTop are
	// from the foot.
	TitleTop, RuleGap, SubtitleGap float64
	Rule, PublisherRule            struct{ W, H float64 }
	CreditTop, PublisherRuleTop    float64
	PublisherTop                   float64
	// Each text is fitted to a room of its own (Fit): the title's ends RuleRoom (the rule and the
	// gap under it) and SubtitleRoom above the credit's top, less two of the subtitle's lines when
	// there is a subtitle; the subtitle's SubtitleRoom above the credit; the credit's is
	// CreditRoom tall; the publisher's ends FrameRoom from the foot.
	RuleRoom, SubtitleRoom, CreditRoom, FrameRoom float64
}{
	Paper:  RGB{0xf3, 0xec, 0xdc},
	Ink:    RGB{0x22, 0x1e, 0x1a},
	Accent: RGB{0x8c, 0x1c, 0x13},
	Frames: [2]struct{ Inset, Width float64 }{{64, 10}, {92, 3}},
	Margin: 220,
	Title:  CoverText{Bold, 104}, Subtitle: CoverText{Italic, 58}, Credit: CoverText{Regular, 56}, Publisher: CoverText{Regular, 40},
	TitleTop: 420, RuleGap: 70, SubtitleGap: 120,
	Rule: struct{ W, H float64 }{240, 6}, PublisherRule: struct{ W, H float64 }{120, 3},
	CreditTop: 560, PublisherRuleTop: 330, PublisherTop: 240,
	RuleRoom: 190, SubtitleRoom: 60, CreditRoom: 210, FrameRoom: 100,
}

// CoverText is one text of the cover: its face and size.
type CoverText struct {
	Style Style
	Size  float64
}

// Art is one thing drawn on a cover, in order, each over the ones before: Paint, Box, Text, Run,
// Image, Stroke.
type Art interface{ art() }

// Paint sets the colour the boxes and text that follow are filled with.
type Paint struct{ Colour RGB }

// Box is a filled rectangle, its top left corner at X, Y.
type Box struct{ X, Y, W, H float64 }

// Text is a set line.
type Text struct{ Placed Placed }

// Run is a run of text in one style and size, its baseline's left end at X, Y; Turned, it is
// turned a quarter clockwise and reads down, as a spine's title does.
type Run struct {
	Style  Style
	Size   float64
	X, Y   float64
	Text   string
	Turned bool
}

// Image is the edition's cover picture, W × H with its top left corner at X, Y; the sheet's edges
// crop what lies beyond them.
type Image struct{ X, Y, W, H float64 }

// Stroke draws lines in a colour.
type Stroke struct {
	Colour RGB
	Marks  Marks
}

func (Paint) art()  {}
func (Box) art()    {}
func (Text) art()   {}
func (Run) art()    {}
func (Image) art()  {}
func (Stroke) art() {}

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
func WrapGeometry(trim print.Trim, pages int, paperIn float64) Wrap {
	w := Wrap{TrimW: trim.W * inch / 25.4, TrimH: trim.H * inch / 25.4, Bleed: WrapBleed, Pages: pages, PaperIn: paperIn}
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

// WrapOptions say what a wrap cover is laid out for.
type WrapOptions struct {
	// Service gives the safety distance from trim and folds, and the pages a spine needs for text.
	Service print.Service
	// ImageW and ImageH are the pixels of the edition's cover picture, when it has one.
	ImageW, ImageH int
}

// WrapCover lays out the full-wrap print cover on one sheet: back (title, description, credit,
// publisher, ISBN barcode), spine (authors, title and publisher along it when it is wide enough) and front
// (the edition's cover picture, filling the panel and its bleed, or the typographic design),
// with fold marks at the spine's edges in the bleed.
func WrapCover(b *edition.Book, fonts *Fonts, w Wrap, opt WrapOptions) (Sheet, error) {
	c := &wrapArt{fonts: fonts, set: &Setter{Fonts: fonts, Hyph: &Hyphenator{}, Word: -1}}
	sh := Sheet{W: w.W, H: w.H, Boxes: &Boxes{Trim: [4]float64{w.Bleed, w.Bleed, w.W - w.Bleed, w.H - w.Bleed}, Bleed: [4]float64{0, 0, w.W, w.H}}}
	safety := opt.Service.CoverSafety * inch
	c.add(Paint{Cover.Paper}, Box{0, 0, w.W, w.H})

	backX := w.Bleed
	spineX := w.Bleed + w.TrimW
	frontX := spineX + w.Spine
	top := w.Bleed
	ink := Paint{Cover.Ink}

	// Front.
	if b.Cover != "" {
		// Fill the front panel and its bleed; the sheet's edge crops the picture's overflow.
		pw, ph := w.TrimW+w.Bleed, w.H
		iw, ih := float64(opt.ImageW), float64(opt.ImageH)
		scale := max(pw/iw, ph/ih)
		dw, dh := iw*scale, ih*scale
		c.add(Image{frontX + (pw-dw)/2, (ph - dh) / 2, dw, dh})
	} else {
		c.front(b, w, frontX, top, safety)
	}
	c.add(ink)

	// Spine: the authors, the title and the publisher read from top to bottom, as on
	// English-language books: the text runs down the page with the tops of the letters towards
	// the front. The authors are named in full, by their surnames when the full names leave the
	// title no room, and left off only when even those do; an edition without an author (the
	// seed's letters are anonymous) names none.
	if w.Spine >= minSpineText && w.Pages >= opt.Service.SpineTextMin {
		size := min(w.Spine*0.45, 12)
		title := b.ShortTitle
		if title == "" {
			title = b.Title
		}
		face := fonts.Face(Regular)
		width := func(t string) float64 { return face.Width(t, size) }
		avail := w.TrimH - 1.2*inch
		pub := b.Publisher
		pw := face.Width(pub, size*0.8)
		title = strings.Join(strings.Fields(title), " ")
		gap := 0.35 * inch
		room := avail - pw - 0.5*inch
		var full, surnames []string
		for _, a := range b.Authors() {
			f := strings.Fields(a.Name)
			if len(f) == 0 {
				continue
			}
			full = append(full, strings.Join(f, " "))
			surnames = append(surnames, f[len(f)-1])
		}
		by := ""
		for _, names := range [][]string{full, surnames} {
			if len(names) > 0 && width(edition.JoinNames(names))+gap+width(title) <= room {
				by = edition.JoinNames(names)
				break
			}
		}
		base := spineX + w.Spine/2 - size*0.35
		y := top + 0.6*inch
		if by != "" {
			c.add(Run{Style: Regular, Size: size, X: base, Y: y, Text: by, Turned: true})
			y += width(by) + gap
			room -= width(by) + gap
		}
		// Whole words that fit, or none.
		title, _ = fitWords(title, room, width)
		c.add(Run{Style: Regular, Size: size, X: base, Y: y, Text: title, Turned: true})
		if pub != "" {
			c.add(Run{Style: Regular, Size: PointSize(size * 0.8), X: base, Y: top + 0.6*inch + avail - pw, Text: pub, Turned: true})
		}
	}

	// Back: the title, the description, the credit, the publisher, and the ISBN as an EAN-13
	// barcode. The texts end above the publisher's line and the barcode's box, fitted to the
	// room left.
	m := 0.6 * inch
	y := top + 0.9*inch
	bottom := top + w.TrimH - 0.9*inch - 12
	if b.ISBN != "" {
		bottom = min(bottom, top+w.TrimH-max(safety, 0.25*inch)-eanBoxH-12)
	}
	title, size := c.fitted(b.Title, 13, Bold, Left, w.TrimW-2*m, w.TrimH/4)
	y = c.para(backX+m, y, w.TrimW-2*m, title, size, Bold, Left)
	credit := edition.Sentence(b.CoverCredit())
	creditRoom := 0.0
	if credit != "" {
		creditRoom = 10 + 2*10.5*1.3
	}
	desc, size := c.fitted(b.Description, 10.5, Regular, Justify, w.TrimW-2*m, bottom-(y+8)-creditRoom)
	y = c.para(backX+m, y+8, w.TrimW-2*m, desc, size, Regular, Justify)
	if credit != "" {
		credit, size = c.fitted(credit, 10.5, Italic, Left, w.TrimW-2*m, creditRoom-10)
		c.para(backX+m, y+10, w.TrimW-2*m, credit, size, Italic, Left)
	}
	pub, size := c.fitted(b.Publisher, 10, Regular, Left, w.TrimW/2, 0.9*inch-max(safety, 0.25*inch)-6)
	c.para(backX+m, top+w.TrimH-0.9*inch, w.TrimW/2, pub, size, Regular, Left)
	if b.ISBN != "" {
		// The barcode's box sits at the lower right of the back, the service's safety distance
		// (at least a quarter inch) from the spine fold and the trim.
		clear := max(safety, 0.25*inch)
		if err := c.barcode(b, backX+w.TrimW-clear, top+w.TrimH-clear); err != nil {
			return Sheet{}, err
		}
	}
	// Fold marks at the spine's edges, in the bleed.
	fold := Marks{Width: 0.25}
	for _, x := range []float64{spineX, frontX} {
		fold.Lines = append(fold.Lines, Segment{x, 0, x, w.Bleed * 0.6}, Segment{x, w.H - w.Bleed*0.6, x, w.H})
	}
	c.add(Stroke{Cover.Ink, fold})
	sh.Art = c.art
	return sh, nil
}

// front lays out the typographic design on the wrap's front panel, scaled from the ebook
// cover's pixels. Its frames keep the service's safety distance from the trim and the spine fold.
// The texts are set with the typesetter (centred lines, 1.3 × their size apart), each paragraph's
// first baseline 1.3 × its size below the y it is given, and fitted to the design's rooms. The
// ebook cover sets its lines itself (internal/cover, greedily, with x/image), so where the
// fronts' lines fall differs a little: the credit's and publisher's baselines, and the subtitle's
// under a title of more than one line, by up to a few dozen of the design's pixels.
func (c *wrapArt) front(b *edition.Book, w Wrap, frontX, top, safety float64) {
	d := &Cover
	u := w.TrimW / CoverWidth // the ebook cover's pixels, scaled to the panel
	in := max(d.Frames[0].Inset*u, safety)
	gap := d.Frames[1].Inset - d.Frames[0].Inset
	c.frame(frontX+in, top+in, w.TrimW-2*in, w.TrimH-2*in, d.Frames[0].Width*u)
	c.frame(frontX+in+gap*u, top+in+gap*u, w.TrimW-2*in-2*gap*u, w.TrimH-2*in-2*gap*u, d.Frames[1].Width*u)
	m := d.Margin * u
	ink, accent := Paint{d.Ink}, Paint{d.Accent}
	c.add(ink)
	creditTop := w.TrimH - d.CreditTop*u
	titleRoom := creditTop - (d.SubtitleRoom+d.RuleRoom)*u - d.TitleTop*u
	if b.Subtitle != "" {
		titleRoom -= 2 * d.Subtitle.Size * 1.3 * u // two of the subtitle's lines at least
	}
	title, size := c.fitted(b.Title, d.Title.Size*u, d.Title.Style, Center, w.TrimW-2*m, titleRoom)
	y := c.para(frontX+m, top+d.TitleTop*u-size*0.3, w.TrimW-2*m, title, size, d.Title.Style, Center)
	c.add(accent, Box{frontX + w.TrimW/2 - d.Rule.W/2*u, y + d.RuleGap*u, d.Rule.W * u, d.Rule.H * u}, ink)
	sub, size := c.fitted(b.Subtitle, d.Subtitle.Size*u, d.Subtitle.Style, Center, w.TrimW-2*m, top+creditTop-d.SubtitleRoom*u-(y+d.SubtitleGap*u))
	y = c.para(frontX+m, y+d.SubtitleGap*u, w.TrimW-2*m, sub, size, d.Subtitle.Style, Center)
	credit, size := c.fitted(b.CoverCredit(), d.Credit.Size*u, d.Credit.Style, Center, w.TrimW-2*m, d.CreditRoom*u)
	c.para(frontX+m, top+creditTop, w.TrimW-2*m, credit, size, d.Credit.Style, Center)
	if b.Publisher != "" {
		c.add(accent, Box{frontX + w.TrimW/2 - d.PublisherRule.W/2*u, top + w.TrimH - d.PublisherRuleTop*u, d.PublisherRule.W * u, d.PublisherRule.H * u}, ink)
		// The vector's publisher stands 40 px higher than the ebook cover's, with 160 px of room.
		pub, size := c.fitted(strings.ToUpper(b.Publisher), d.Publisher.Size*u, d.Publisher.Style, Center, w.TrimW-2*m, 160*u)
		c.para(frontX+m, top+w.TrimH-(d.PublisherTop+d.Publisher.Size)*u, w.TrimW-2*m, pub, size, d.Publisher.Style, Center)
	}
}

// fitted is a text and size that fit in a room of the given height (Fit), set as para sets it.
func (c *wrapArt) fitted(s string, size float64, st Style, al Align, width, room float64) (string, float64) {
	return Fit(s, size, 1.3, room, func(t string, sz float64) int {
		ps := ParaStyle{Size: sz, Leading: sz * 1.3, Style: st, Align: al, Hyphenate: al == Justify}
		return len(c.set.SetParagraph(text(t), ps, width))
	})
}

// wrapArt is a cover's artwork being laid out.
type wrapArt struct {
	fonts *Fonts
	set   *Setter
	art   []Art
}

func (c *wrapArt) add(a ...Art) { c.art = append(c.art, a...) }

// para sets a paragraph in a panel and returns the y of its last baseline (y itself when s is
// empty); its lines are 1.3 × the size apart, the first that far below y.
func (c *wrapArt) para(x, y, width float64, s string, size float64, st Style, al Align) float64 {
	if s == "" {
		return y
	}
	ps := ParaStyle{Size: size, Leading: size * 1.3, Style: st, Align: al, Hyphenate: al == Justify}
	for _, ln := range c.set.SetParagraph(text(s), ps, width) {
		y += ps.Leading
		c.add(Text{Placed{X: x, Y: y, Line: ln}})
	}
	return y
}

// frame is a rectangle outline of filled accent bars, like the ebook cover's.
func (c *wrapArt) frame(x, y, w, h, t float64) {
	c.add(Paint{Cover.Accent}, Box{x, y, w, t}, Box{x, y + h - t, w, t}, Box{x, y, t, h}, Box{x + w - t, y, t, h})
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

// barcode lays out the ISBN as an EAN-13 symbol at 100 % on a white box whose lower right corner
// is (right, bottom): the bars with their quiet zones, the digits below, and the ISBN as the
// edition writes it (hyphenated, when it is) above.
func (c *wrapArt) barcode(b *edition.Book, right, bottom float64) error {
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
	face := c.fonts.Face(Regular)
	labelH := 12.0
	boxH := eanBoxH
	x0, y0 := right-eanWidth, bottom-boxH
	c.add(Paint{RGB{255, 255, 255}}, Box{x0, y0, eanWidth, boxH}, Paint{RGB{0, 0, 0}})
	// 11 modules of quiet zone on the left, 7 on the right.
	x := x0 + 11*eanModule
	y := y0 + labelH + 2
	c.add(Run{Style: Regular, Size: 8, X: x0 + (eanWidth-face.Width(label, 8))/2, Y: y - 3, Text: label})
	dark := func(i int) bool {
		r, g, b, _ := code.At(bounds.Min.X+i, bounds.Min.Y).RGBA()
		return r+g+b < 3*0x8000
	}
	for i := 0; i < bounds.Dx(); {
		if !dark(i) {
			i++
			continue
		}
		j := i
		for j < bounds.Dx() && dark(j) {
			j++
		}
		c.add(Box{x + float64(i)*eanModule, y, float64(j-i) * eanModule, eanBars})
		i = j
	}
	digits := isbn[:1] + " " + isbn[1:7] + " " + isbn[7:]
	c.add(Run{Style: Regular, Size: 9, X: x + (bw-face.Width(digits, 9))/2, Y: y + eanBars + 9, Text: digits})
	return nil
}

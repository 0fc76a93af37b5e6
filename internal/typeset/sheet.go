package typeset

import "slices"

// A Sheet is one page of a PDF as it is printed or shown: its size, the page boxes a printer
// trims by, the typeset pages placed on it — one for a page of the book, two side by side on a
// booklet's sheet, none for a blank page padding the printer's interior — the marks around them,
// and a cover's artwork. The PDF layer draws sheets as they are: every position on one is decided
// here.
type Sheet struct {
	W, H  float64
	Boxes *Boxes // nil for none
	Pages []Placement
	// Crop are crop marks, drawn before the pages; Fold are fold marks, drawn over them.
	Crop, Fold *Marks
	// Art is a cover's artwork, drawn in its order after everything else.
	Art []Art
}

// Boxes are a printed sheet's TrimBox and BleedBox, each x0, y0, x1, y1 from the sheet's bottom
// left corner, as PDF gives page boxes.
type Boxes struct {
	Trim, Bleed [4]float64
}

// Placement is a typeset page on a sheet, moved by DX, DY from where its own layout puts it.
type Placement struct {
	Page   *Page
	DX, DY float64
}

// Marks are hairlines around the printed area: crop marks or fold marks.
type Marks struct {
	Width float64 // line width, points
	Dash  float64 // dash and gap length; 0 for solid lines
	Lines []Segment
}

// Segment is a straight line from X1, Y1 to X2, Y2, from the sheet's top left corner.
type Segment struct{ X1, Y1, X2, Y2 float64 }

// slug is the room outside the bleed of a printer's interior where its crop marks go.
const slug = 18.0

// readerSheets are the book's pages as a reader's PDF shows them: a sheet per page, the page's own size;
// with a bleed, grown by it on every side with TrimBox and BleedBox and crop marks in the bleed's
// corners, short of the trim so that a cut a little off does not show them.
func readerSheets(pages []*Page, g Geometry) []Sheet {
	pw, ph := g.W+2*g.Bleed, g.H+2*g.Bleed
	var boxes *Boxes
	var crop *Marks
	if g.Bleed > 0 {
		boxes = &Boxes{Trim: [4]float64{g.Bleed, g.Bleed, g.Bleed + g.W, g.Bleed + g.H}, Bleed: [4]float64{0, 0, pw, ph}}
		crop = cropMarks(g, 0)
	}
	out := make([]Sheet, len(pages))
	for i, p := range pages {
		out[i] = Sheet{W: pw, H: ph, Boxes: boxes, Pages: []Placement{{Page: p}}, Crop: crop}
	}
	return out
}

// Moved is bk with its text block where geometry g puts it, g being bk's but for the inside and
// outside margins (Geometry.SameBlock): the same pages, each drawn moved across by the difference
// (the interior's sheets, Interior). The pages are shared with bk, not copied.
func Moved(bk *Book, g Geometry) *Book {
	setOn := &bk.Geometry
	if bk.setOn != nil {
		setOn = bk.setOn
	}
	// Field by field, not a copy of *bk: its lazily made anchorPages may be being written.
	m := &Book{Geometry: g, Fonts: bk.Fonts, Pages: bk.Pages, DocStart: bk.DocStart,
		BackStart: bk.BackStart, Overfull: bk.Overfull, Root: bk.Root, setOn: setOn}
	m.Sheets = make([]Sheet, len(bk.Sheets))
	for i, sh := range bk.Sheets {
		sh.Pages = slices.Clone(sh.Pages)
		for k := range sh.Pages {
			sh.Pages[k].DX += m.moved(sh.Pages[k].Page) - bk.moved(sh.Pages[k].Page)
		}
		m.Sheets[i] = sh
	}
	return m
}

// moved is how far across page p is drawn from where it was set (Moved).
func (bk *Book) moved(p *Page) float64 {
	if bk.setOn == nil {
		return 0
	}
	return bk.Geometry.Left(p.Number) - bk.setOn.Left(p.Number)
}

// Interior is the printer's interior: the book's pages padded with blank sheets to pages, TrimBox
// and BleedBox on every sheet, and with a bleed, each page grown by it and by a slug beyond it,
// where the crop marks go, so that nothing of them lies inside the bleed.
func Interior(bk *Book, pages int) []Sheet {
	g := bk.Geometry
	margin := 0.0
	if g.Bleed > 0 {
		margin = slug
	}
	pw, ph := g.W+2*g.Bleed+2*margin, g.H+2*g.Bleed+2*margin
	boxes := &Boxes{
		Trim:  [4]float64{margin + g.Bleed, margin + g.Bleed, margin + g.Bleed + g.W, margin + g.Bleed + g.H},
		Bleed: [4]float64{margin, margin, pw - margin, ph - margin},
	}
	var crop *Marks
	if margin > 0 {
		crop = cropMarks(g, margin)
	}
	out := make([]Sheet, max(pages, len(bk.Pages)))
	for i := range out {
		out[i] = Sheet{W: pw, H: ph, Boxes: boxes, Crop: crop}
		if i < len(bk.Pages) {
			p := bk.Pages[i]
			out[i].Pages = []Placement{{Page: p, DX: margin + bk.moved(p), DY: margin}}
		}
	}
	return out
}

// cropMarks are the trim lines' extensions: in the bleed's corners from the page edge to short of
// the trim (slug 0), or in a slug of that width beyond the bleed, from the page edge to 3 pt short
// of the bleed.
func cropMarks(g Geometry, slug float64) *Marks {
	b := g.Bleed
	pw, ph := g.W+2*b+2*slug, g.H+2*b+2*slug
	reach, far := b*0.6, func(edge float64) float64 { return edge - b*0.6 }
	if slug > 0 {
		reach, far = slug-3, func(edge float64) float64 { return edge - slug + 3 }
	}
	m := &Marks{Width: 0.25}
	for _, x := range []float64{slug + b, slug + b + g.W} {
		m.Lines = append(m.Lines, Segment{x, 0, x, reach}, Segment{x, far(ph), x, ph})
	}
	for _, y := range []float64{slug + b, slug + b + g.H} {
		m.Lines = append(m.Lines, Segment{0, y, reach, y}, Segment{far(pw), y, pw, y})
	}
	return m
}

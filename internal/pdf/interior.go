package pdf

import (
	"fmt"

	"colophon/internal/edition"
	"colophon/internal/typeset"
)

// slug is the room outside the bleed where a printer's file carries its crop marks.
const slug = 18.0

// Interior draws the printer's interior: PDF/X-1a:2001 for the printing condition, the pages in
// gray, no links or bookmarks, padded with blank pages to pages, and TrimBox and BleedBox on every
// page. With a bleed the page grows by a slug beyond it, where the crop marks go, so that nothing
// of them lies inside the bleed.
func Interior(b *edition.Book, bk *typeset.Book, pages int, condition string, res *Resources) (File, error) {
	g := bk.Geometry
	margin := 0.0
	if g.Bleed > 0 {
		margin = slug
	}
	pw, ph := g.W+2*g.Bleed+2*margin, g.H+2*g.Bleed+2*margin
	d := newDoc(b, bk.Fonts, pw, ph, Meta{Title: b.Title + " (interior)", PDFX: condition}, nil, res)
	d.boxes = fmt.Sprintf(" /TrimBox [%s %s %s %s] /BleedBox [%s %s %s %s]",
		num(margin+g.Bleed), num(margin+g.Bleed), num(margin+g.Bleed+g.W), num(margin+g.Bleed+g.H),
		num(margin), num(margin), num(pw-margin), num(ph-margin))
	d.preparePictures(bk.Pages)
	for i := 0; i < max(pages, len(bk.Pages)); i++ {
		p := d.addPage()
		if margin > 0 {
			printersMarks(d, p, g, margin)
		}
		if i < len(bk.Pages) {
			d.drawPage(p, bk.Pages[i], bk.Fonts, margin, margin, false)
		}
	}
	return d.finish()
}

// printersMarks draws crop marks in the slug: the trim lines' extensions, from the page edge to
// short of the bleed.
func printersMarks(d *doc, p *page, g typeset.Geometry, m float64) {
	p.c.WriteString("0.25 w\n")
	pw, ph := g.W+2*g.Bleed+2*m, g.H+2*g.Bleed+2*m
	for _, x := range []float64{m + g.Bleed, m + g.Bleed + g.W} {
		d.line(p, x, 0, x, m-3)
		d.line(p, x, ph-m+3, x, ph)
	}
	for _, y := range []float64{m + g.Bleed, m + g.Bleed + g.H} {
		d.line(p, 0, y, m-3, y)
		d.line(p, pw-m+3, y, pw, y)
	}
}

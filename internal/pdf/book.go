// Package pdf is colophon's PDF layer: it draws typeset pages — the book, handouts, booklets and
// the wrap cover — and writes the file itself: objects, fonts cut and compressed once per build
// and shared by every PDF of it, glyphs drawn as the shaper placed them, link annotations,
// bookmarks, the structure tree of a tagged PDF (PDF/UA-1) and the PDF/A-1 requirements
// (output intent, XMP, CIDSet, trailer /ID). It decides nothing about layout; internal/typeset
// did that. The same pages give the same bytes on every build.
package pdf

import (
	"fmt"

	"colophon/internal/edition"
	"colophon/internal/typeset"
)

// Book draws the typeset book (the book interior, or a handout: any typeset pages at their trim).
// res are the build's shared faces and pictures (nil: the PDF's own).
func Book(b *edition.Book, bk *typeset.Book, meta Meta, res *Resources) (File, error) {
	g := bk.Geometry
	pw, ph := g.W+2*g.Bleed, g.H+2*g.Bleed
	d := newDoc(b, bk.Fonts, pw, ph, meta, bk.Root, res)
	if g.Bleed > 0 {
		// Trim and bleed boxes on every page; the bleed box is the whole page.
		d.boxes = fmt.Sprintf(" /TrimBox [%s %s %s %s] /BleedBox [0 0 %s %s]", num(g.Bleed), num(g.Bleed), num(g.Bleed+g.W), num(g.Bleed+g.H), num(pw), num(ph))
	}
	d.preparePictures(bk.Pages)
	for _, tp := range bk.Pages {
		p := d.addPage()
		if g.Bleed > 0 {
			d.beginArtifact(p, "<</Type /Pagination>>")
			cropMarks(d, p, g)
		}
		d.drawPage(p, tp, bk.Fonts, 0, 0, true)
	}
	return d.finish()
}

// cropMarks draws the trim lines' extensions in the corners of the bleed, short of the trim so
// that a cut a little off does not show them.
func cropMarks(d *doc, p *page, g typeset.Geometry) {
	fmt.Fprintf(p.c, "0.25 w\n")
	b := g.Bleed
	l := b * 0.6
	pw, ph := g.W+2*b, g.H+2*b
	for _, x := range []float64{b, b + g.W} {
		d.line(p, x, 0, x, l)
		d.line(p, x, ph-l, x, ph)
	}
	for _, y := range []float64{b, b + g.H} {
		d.line(p, 0, y, l, y)
		d.line(p, pw-l, y, pw, y)
	}
}

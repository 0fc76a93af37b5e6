package typeset

import "math"

// widenFor gives the margins a printer asks for, in points. A wider inside margin is taken from
// the outside one first: the text block moves outward with its measure, and the printer's pages
// are then the book's own, line for line and page for page, so that the page numbers the EPUB's
// page-list, the index and the cross-references give hold for the printed copy too (Moved). It
// moves only as far as leaves the outside margin as wide as the printer's least and as the
// trim's own inside margin, so that the page never looks heavier outside than in; what is still
// missing narrows the measure.
func (g *Geometry) widenFor(minInner, minOuter float64) {
	if d := minOuter - g.Outer; d > 0 {
		g.Outer += d
		g.Measure -= d
	}
	if d := minInner - g.Inner; d > 0 {
		move := min(d, max(0, g.Outer-max(minOuter, g.Inner))) // what the outside can give
		g.Inner += d
		g.Outer -= move
		g.Measure -= d - move
	}
}

// SameBlock says whether books set on g and h have the same lines on the same pages: their
// pages, text blocks and type are one size, wherever the block sits across the page.
func (g Geometry) SameBlock(h Geometry) bool {
	return g.W == h.W && g.H == h.H && g.Bleed == h.Bleed && g.Top == h.Top && g.Measure == h.Measure &&
		g.TextHeight == h.TextHeight && g.Size == h.Size && g.Leading == h.Leading
}

// keepHeadsInside moves the text block down, and shortens it by whole lines, until the running
// heads above it and the folios below it keep edge points from the trim: a printer's safety
// margin (Lulu asks for half an inch on every side, and a trim's running head sits nearer the top
// than that). A text line's box is taken as preflight takes it, from 0.2 em below its baseline
// to 0.8 em above.
func (g *Geometry) keepHeadsInside(edge float64) {
	if edge <= 0 {
		return
	}
	headSize := g.Size * 0.9 // the folio's; the running head is smaller still
	headTop := g.Top - 1.5*g.Leading - 0.8*headSize
	if d := edge - headTop; d > 0 {
		g.Top += d
	}
	// The lowest text on a page is an opening page's folio, two lines under the text block.
	room := g.H - edge - 0.2*headSize - 2*g.Leading - g.Top
	if lines := math.Floor(room/g.Leading + 1e-9); lines*g.Leading < g.TextHeight {
		g.TextHeight = lines * g.Leading
	}
}

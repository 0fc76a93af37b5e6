package typeset

import "math"

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

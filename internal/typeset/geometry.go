package typeset

import (
	"math"

	"colophon/internal/print"
)

const mm = 72 / 25.4 // points per millimetre

// Geometry is the page: trim, margins, text block and type size, in points.
type Geometry struct {
	W, H       float64 // trim
	Bleed      float64
	Inner      float64 // gutter-side margin
	Outer      float64
	Top        float64 // trim edge to the top of the text block
	Measure    float64
	TextHeight float64 // a whole number of lines
	Size       float64 // body type size
	Leading    float64
}

// NewGeometry derives margins and type size from the trim. The measure aims at about 30 ems
// (some 65 characters a line); margins share what is left, two parts inside to three outside,
// with a bottom margin larger than the top, as in classical book pages.
func NewGeometry(trim print.Trim, bleedMM, fontSize float64) Geometry {
	g := Geometry{W: trim.W * mm, H: trim.H * mm, Bleed: bleedMM * mm}
	g.Size = PointSize(fontSize)
	if g.Size == 0 {
		switch {
		case trim.W < 150:
			g.Size = 10.5
		case trim.W < 180:
			g.Size = 11
		default:
			g.Size = 12
		}
	}
	g.Leading = math.Round(g.Size*1.28*4) / 4
	minMargins := 0.26 * g.W
	g.Measure = math.Min(g.W-minMargins, 30*g.Size)
	g.Inner = (g.W - g.Measure) * 2 / 5
	g.Outer = g.W - g.Measure - g.Inner
	g.Top = 0.085 * g.H
	bottom := 0.12 * g.H
	lines := math.Floor((g.H - g.Top - bottom) / g.Leading)
	g.TextHeight = lines * g.Leading
	return g
}

// Left is the x of the text block's left edge on a page: recto pages have the gutter on the left.
func (g Geometry) Left(page int) float64 {
	if page%2 == 1 {
		return g.Bleed + g.Inner
	}
	return g.Bleed + g.Outer
}

// TopY is the y of the text block's top, from the top of the (bleed-enlarged) page.
func (g Geometry) TopY() float64 { return g.Bleed + g.Top }

package typeset

import (
	"math"
	"testing"

	"colophon/internal/print"
)

// TestWidenFor checks where a printer's wider gutter comes from on A5 (its own margins: inside
// 43.6 pt, outside 65.4 pt). Up to the outside margin's excess over the inside one the text block
// moves across, measure unchanged, so that the interior can be the book's own pages; beyond that
// the measure narrows; and a printer's least outside margin is kept.
func TestWidenFor(t *testing.T) {
	base := NewGeometry(print.A5, 0, 0)
	if !(base.Outer > base.Inner) {
		t.Fatalf("A5's outside margin %.1f pt is not wider than its inside %.1f pt: the test needs one that is", base.Outer, base.Inner)
	}
	spare := base.Outer - base.Inner
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	cases := []struct {
		name                     string
		minInner, minOuter       float64
		inner, outer, narrowedBy float64
	}{
		{"nothing asked", 0, 0, base.Inner, base.Outer, 0},
		{"half the spare room", base.Inner + spare/2, 0, base.Inner + spare/2, base.Outer - spare/2, 0},
		{"all of it", base.Inner + spare, 0, base.Outer, base.Inner, 0},
		{"more than the outside can give", base.Inner + spare + 10, 0, base.Outer + 10, base.Inner, 10},
		{"the outside kept at the printer's least", base.Inner + spare, base.Inner + 5, base.Outer, base.Inner + 5, 5},
	}
	for _, c := range cases {
		g := base
		g.widenFor(c.minInner, c.minOuter)
		if !near(g.Inner, c.inner) || !near(g.Outer, c.outer) || !near(base.Measure-g.Measure, c.narrowedBy) {
			t.Errorf("%s: inside %.2f, outside %.2f, measure narrowed by %.2f pt; want %.2f, %.2f, %.2f",
				c.name, g.Inner, g.Outer, base.Measure-g.Measure, c.inner, c.outer, c.narrowedBy)
		}
		if !near(g.Inner+g.Outer+g.Measure, g.W) {
			t.Errorf("%s: margins and measure add up to %.2f pt on a page %.2f pt wide", c.name, g.Inner+g.Outer+g.Measure, g.W)
		}
		if g.SameBlock(base) != (c.narrowedBy == 0) {
			t.Errorf("%s: SameBlock says %v with the measure narrowed by %.2f pt", c.name, g.SameBlock(base), base.Measure-g.Measure)
		}
	}
}

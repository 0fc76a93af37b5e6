package typeset

import "colophon/internal/print"

// SaddleOrder gives, for a book of n pages, the pages on each side of each sheet of a saddle-
// stitched booklet, in printing order: front of the first sheet, its back, front of the second…
// Each side is a pair (left, right); 0 stands for a blank page added to make the count a multiple
// of four. For 8 pages: 8|1, 2|7, 6|3, 4|5.
func SaddleOrder(n int) [][2]int {
	total := (n + 3) / 4 * 4
	page := func(p int) int {
		if p > n {
			return 0
		}
		return p
	}
	var sides [][2]int
	for k := 0; k < total/4; k++ {
		sides = append(sides,
			[2]int{page(total - 2*k), page(2*k + 1)},
			[2]int{page(2*k + 2), page(total - 2*k - 1)})
	}
	return sides
}

// BookletSheet is a sheet a booklet is printed on (landscape, points) and the trim of the book
// set for it.
type BookletSheet struct {
	W, H float64
	Trim print.Trim
}

// BookletSheets are the sheets booklets are printed on: A5 pages on A4, 5.5×8.5 in pages on US
// Letter.
var BookletSheets = map[string]BookletSheet{
	"a4":     {297 * 72 / 25.4, 210 * 72 / 25.4, print.A5},
	"letter": {11 * 72, 8.5 * 72, print.Digest},
}

// Impose lays the book out for saddle stitching on a sheet of BookletSheets: two pages side by
// side on each side of a sheet, in saddle order, meeting at the sheet's centre line (any spare
// width is shared by the outer edges), with a fold mark at the top and bottom of the spine. The
// pages are placed, not copied: drawn, the links inside the book still work and the structure
// reads the book in its own order whatever order the sheets put the pages in.
func Impose(bk *Book, sheet string) []Sheet {
	s := BookletSheets[sheet]
	g := bk.Geometry
	x0 := (s.W - 2*g.W) / 2
	y0 := (s.H - g.H) / 2
	fold := &Marks{Width: 0.3, Dash: 2, Lines: []Segment{{s.W / 2, 0, s.W / 2, 12}, {s.W / 2, s.H - 12, s.W / 2, s.H}}}
	var out []Sheet
	for _, side := range SaddleOrder(len(bk.Pages)) {
		sh := Sheet{W: s.W, H: s.H, Fold: fold}
		for i, n := range side {
			if n == 0 {
				continue
			}
			// A page is placed where its own layout expects it, shifted to its half of the sheet.
			sh.Pages = append(sh.Pages, Placement{Page: bk.Pages[n-1], DX: x0 + float64(i)*g.W, DY: y0})
		}
		out = append(out, sh)
	}
	return out
}

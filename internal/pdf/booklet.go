package pdf

import (
	"colophon/internal/edition"
	"colophon/internal/typeset"
)

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

// BookletSheets are the sheets booklets are printed on (landscape, points) with the trim of the
// book set for them: A5 pages on A4, 5.5×8.5 in pages on US Letter.
var BookletSheets = map[string]struct {
	W, H float64
	Trim string
}{
	"a4":     {297 * 72 / 25.4, 210 * 72 / 25.4, "a5"},
	"letter": {11 * 72, 8.5 * 72, "5.5x8.5in"},
}

// Booklet imposes the book for saddle stitching: two pages side by side on each side of a sheet,
// in saddle order, with a fold mark at the top and bottom of the spine. The pages are drawn, not
// copied, so the links inside the book still work, and the structure tree reads the book in its
// own order whatever order the sheets put the pages in.
func Booklet(b *edition.Book, bk *typeset.Book, sheet string, res *Resources) (File, error) {
	s := BookletSheets[sheet]
	g := bk.Geometry
	d := newDoc(b, bk.Fonts, s.W, s.H, Meta{Title: b.Title + " (booklet)"}, bk.Root, res)
	// Two pages meet at the sheet's centre line; any spare width is shared by the outer edges.
	x0 := (s.W - 2*g.W) / 2
	y0 := (s.H - g.H) / 2
	d.preparePictures(bk.Pages)
	for _, side := range SaddleOrder(len(bk.Pages)) {
		p := d.addPage()
		for i, n := range side {
			if n == 0 {
				continue
			}
			// A page is drawn where its own layout expects it, shifted to its half of the sheet.
			d.drawPage(p, bk.Pages[n-1], bk.Fonts, x0+float64(i)*g.W, y0, false)
		}
		d.beginArtifact(p, "<</Type /Layout>>")
		p.c.WriteString("0.3 w [2 2] 0 d\n")
		d.line(p, s.W/2, 0, s.W/2, 12)
		d.line(p, s.W/2, s.H-12, s.W/2, s.H)
		p.c.WriteString("[] 0 d\n")
		d.endMarked(p)
	}
	return d.finish()
}

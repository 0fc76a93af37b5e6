package typeset

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"colophon/internal/print"
	"colophon/internal/testkit"
)

func TestSaddleOrder(t *testing.T) {
	for _, c := range []struct {
		n    int
		want string
	}{
		{4, "4|1 2|3"},
		{8, "8|1 2|7 6|3 4|5"},
		{12, "12|1 2|11 10|3 4|9 8|5 6|7"},
		{6, "0|1 2|0 6|3 4|5"}, // padded to 8: pages 7 and 8 are blank
	} {
		var got []string
		for _, s := range SaddleOrder(c.n) {
			got = append(got, fmt.Sprintf("%d|%d", s[0], s[1]))
		}
		if strings.Join(got, " ") != c.want {
			t.Errorf("%d pages: got %s, want %s", c.n, strings.Join(got, " "), c.want)
		}
	}
}

// Impose puts two pages on each side of a sheet in saddle order, meeting at the centre line, and
// fold marks at the top and bottom of the fold.
func TestImpose(t *testing.T) {
	bk := typeset(t, testkit.Seed(t), "a5")
	s := BookletSheets["a4"]
	sides := Impose(bk, "a4")
	order := SaddleOrder(len(bk.Pages))
	if len(sides) != len(order) {
		t.Fatalf("%d sides, want %d", len(sides), len(order))
	}
	for i, side := range sides {
		if side.W != s.W || side.H != s.H || side.Fold == nil || len(side.Fold.Lines) != 2 || side.Fold.Lines[0].X1 != s.W/2 {
			t.Errorf("side %d: %g × %g, fold %+v", i+1, side.W, side.H, side.Fold)
		}
		k := 0
		for half, n := range order[i] {
			if n == 0 {
				continue
			}
			pl := side.Pages[k]
			k++
			left := pl.DX // the page's own left edge is at 0
			if pl.Page != bk.Pages[n-1] || math.Abs(left+float64(1-half)*bk.Geometry.W-s.W/2) > 1e-9 {
				t.Errorf("side %d: page %d at %g, want its %s edge at the centre line", i+1, n, left, []string{"right", "left"}[half])
			}
		}
		if k != len(side.Pages) {
			t.Errorf("side %d: %d pages placed, want %d", i+1, len(side.Pages), k)
		}
	}
}

// Crop marks lie outside what is printed: in the bleed of a reader's PDF with a bleed, outside the
// BleedBox (in the slug) of the printer's interior; a PDF without a bleed has none.
func TestCropMarks(t *testing.T) {
	b := testkit.Seed(t)
	plain := typeset(t, b, "a5")
	if s := plain.Sheets[0]; s.Crop != nil || s.Boxes != nil || s.W != plain.Geometry.W {
		t.Errorf("a book without a bleed has marks or boxes: %+v", s)
	}
	bk, err := Typeset(b, Options{Trim: print.A5, BleedMM: 3})
	if err != nil {
		t.Fatal(err)
	}
	g := bk.Geometry
	outside := func(name string, s Sheet, trim [4]float64) {
		for _, l := range s.Crop.Lines {
			for _, p := range [][2]float64{{l.X1, s.H - l.Y1}, {l.X2, s.H - l.Y2}} {
				if p[0] > trim[0]+1e-9 && p[0] < trim[2]-1e-9 && p[1] > trim[1]+1e-9 && p[1] < trim[3]-1e-9 {
					t.Errorf("%s: a crop mark at %v reaches inside %v", name, p, trim)
				}
			}
		}
	}
	for _, s := range bk.Sheets {
		if s.Boxes == nil || s.Crop == nil || len(s.Crop.Lines) != 8 {
			t.Fatalf("a book with a bleed: %+v", s)
		}
		outside("book", s, s.Boxes.Trim)
	}
	for i, s := range Interior(bk, len(bk.Pages)+3) {
		if i >= len(bk.Pages) && len(s.Pages) != 0 {
			t.Errorf("padding sheet %d holds a page", i+1)
		}
		if s.W != g.W+2*g.Bleed+2*slug {
			t.Errorf("interior sheet %d is %g wide", i+1, s.W)
		}
		outside("interior", s, s.Boxes.Bleed)
	}
}

// Running heads at the head of the page are headers; folios of opening pages and a handout's
// footer are in the foot margin, marked so.
func TestFoot(t *testing.T) {
	b := testkit.Seed(t)
	check := func(name string, bk *Book) {
		for _, p := range bk.Pages {
			for _, pl := range p.Placed {
				if pl.Role != RoleHead && pl.Role != RoleFolio {
					if pl.Foot {
						t.Errorf("%s page %d: text marked as in the foot margin", name, p.Number)
					}
					continue
				}
				below := pl.Y > bk.Geometry.TopY()+bk.Geometry.TextHeight
				if pl.Foot != below {
					t.Errorf("%s page %d: %q at y %g marked foot %v", name, p.Number, lineText(pl.Line), pl.Y, pl.Foot)
				}
			}
		}
	}
	check("book", typeset(t, b, "a5"))
	h, err := TypesetHandout(b, 0, "a4", nil)
	if err != nil {
		t.Fatal(err)
	}
	check("handout", h)
}

func TestWrapGeometry(t *testing.T) {
	for _, c := range []struct {
		trim    print.Trim
		pages   int
		paper   float64
		spineIn float64
	}{
		{print.SixByNine, 200, 0.002252, 0.4504}, // white
		{print.SixByNine, 200, 0.0025, 0.5},      // cream
		{print.A5, 12, 0.0025, 0.03},
	} {
		w := WrapGeometry(c.trim, c.pages, c.paper)
		if math.Abs(w.Spine/72-c.spineIn) > 1e-9 {
			t.Errorf("%s %d pages: spine %.4f in, want %.4f", c.trim.Name, c.pages, w.Spine/72, c.spineIn)
		}
		if math.Abs(w.W-(2*w.TrimW+w.Spine+2*0.125*72)) > 1e-9 || math.Abs(w.H-(w.TrimH+2*0.125*72)) > 1e-9 {
			t.Errorf("%s: sheet %.2f×%.2f pt does not follow the formula", c.trim.Name, w.W, w.H)
		}
	}
	w := WrapGeometry(print.SixByNine, 200, 0.0025)
	if got := fmt.Sprintf("%.4f", w.W/72); got != "12.7500" { // 2×6 + 0.5 + 0.25
		t.Errorf("6x9 in, 200 pages on cream: %s in wide, want 12.7500", got)
	}
}

// The wrap cover's layout: the spine carries the title, shortened to whole words that fit, only
// from the service's page count; the barcode keeps the service's distance from the spine fold and
// the trim; a cover picture fills the front panel and its bleed.
func TestWrapCoverLayout(t *testing.T) {
	b := testkit.Rich(t)
	fonts, err := NewFonts(b.Fonts)
	if err != nil {
		t.Fatal(err)
	}
	svc := print.Services["kdp"]
	runs := func(s Sheet) (turned []Run) {
		for _, a := range s.Art {
			if r, ok := a.(Run); ok && r.Turned {
				turned = append(turned, r)
			}
		}
		return turned
	}
	thin, err := WrapCover(b, fonts, WrapGeometry(b.Print.Trim, svc.SpineTextMin-2, 0.01), WrapOptions{Service: svc})
	if err != nil {
		t.Fatal(err)
	}
	if turned := runs(thin); len(turned) > 0 {
		t.Errorf("%d pages, fewer than %s's %d: the spine carries %v", svc.SpineTextMin-2, svc.Name, svc.SpineTextMin, turned)
	}
	w := WrapGeometry(b.Print.Trim, 400, 0.0025)
	thick, err := WrapCover(b, fonts, w, WrapOptions{Service: svc})
	if err != nil {
		t.Fatal(err)
	}
	// The spine reads the author (TestSpineNamesAuthors), the title and the publisher; the
	// title ends before the publisher begins.
	turned := runs(thick)
	if len(turned) != 3 || !strings.HasPrefix(b.Title, strings.TrimSuffix(turned[1].Text, "…")) {
		t.Fatalf("the spine's author, title and publisher: %v", turned)
	}
	title, pub := turned[1], turned[2]
	if end := title.Y + fonts.Face(Regular).Width(title.Text, title.Size); end > pub.Y {
		t.Errorf("the spine's title ends at %g pt, past the publisher's start at %g pt", end, pub.Y)
	}
	// The barcode's white box: the first box of that colour is the barcode's.
	var white *Box
	for i, a := range thick.Art {
		if p, ok := a.(Paint); ok && p.Colour == (RGB{255, 255, 255}) {
			bx := thick.Art[i+1].(Box)
			white = &bx
			break
		}
	}
	if white == nil {
		t.Fatal("no barcode box")
	}
	safety := svc.CoverSafety * inch
	if right := w.Bleed + w.TrimW - (white.X + white.W); right < safety-1e-9 {
		t.Errorf("the barcode is %g pt from the spine fold, want %g", right, safety)
	}
	if bottom := w.Bleed + w.TrimH - (white.Y + white.H); bottom < safety-1e-9 {
		t.Errorf("the barcode is %g pt from the trim, want %g", bottom, safety)
	}
	pictured := *b
	pictured.Cover = "covers/cover.jpg"
	withPicture, err := WrapCover(&pictured, fonts, w, WrapOptions{Service: svc, ImageW: 800, ImageH: 1280})
	if err != nil {
		t.Fatal(err)
	}
	var img *Image
	for _, a := range withPicture.Art {
		if i, ok := a.(Image); ok {
			img = &i
		}
	}
	frontX := w.Bleed + w.TrimW + w.Spine
	if img == nil || img.X > frontX+1e-9 || img.X+img.W < w.W-1e-9 || img.Y > 1e-9 || img.Y+img.H < w.H-1e-9 {
		t.Errorf("the cover picture %+v does not fill the front panel from %g and its bleed", img, frontX)
	}
}

package build

import (
	"math"
	"strings"
	"testing"

	"colophon/internal/print"
	"colophon/internal/testkit"
	"colophon/internal/typeset"
)

// TestGutterSettles sets a generated edition for a service whose gutter steps are placed so that
// the count crosses three of them: the trim's count asks for the first step's margin, the book set
// with it crosses into the second step, set with that into the third, and with that into the
// fourth. The interior must come out with the fourth step's margin and the count that margin
// gives, after four settings (the interior used to be set three times at most, and the last
// count was not checked); bounded at two, the build must stop and name the step the count fell in.
func TestGutterSettles(t *testing.T) {
	r := newResources(testkit.Load(t, testkit.GeneratedDir(t, 20, 5)), nil)
	facts, err := r.Facts()
	if err != nil {
		t.Fatal(err)
	}
	fonts, err := r.Fonts()
	if err != nil {
		t.Fatal(err)
	}
	b := r.Edition
	pagesAt := func(inside float64) int {
		bk, err := typeset.Typeset(b, typeset.Options{Trim: b.Print.Trim, Fonts: fonts, Hyphenators: r.Hyphenators(), MinInner: inside * 72, MinOuter: 0.25 * 72})
		if err != nil {
			t.Fatal(err)
		}
		return print.DefaultService.Padded(len(bk.Pages))
	}
	const mA, mB, mC, mD = 1.0, 1.6, 2.0, 2.4 // inches: all wider than A5's own inside margin (0.58 in)
	p0 := facts.Printed
	pA, pB, pC, pD := pagesAt(mA), pagesAt(mB), pagesAt(mC), pagesAt(mD)
	if !(p0 < pA && pA < pB && pB < pC) {
		t.Fatalf("the edition does not grow with its gutter (%d, %d, %d, %d pages at the trim's, %.1f, %.1f and %.1f in): choose another", p0, pA, pB, pC, mA, mB, mC)
	}
	svc := print.Service{Name: "a test service", Outside: 0.25, PageMultiple: 2,
		Gutter: []print.GutterStep{{MaxPages: p0, Inside: mA}, {MaxPages: pA, Inside: mB}, {MaxPages: pB, Inside: mC}, {MaxPages: 1 << 30, Inside: mD}}}

	bk, pages, err := settleGutter(r, svc, gutterPasses)
	if err != nil {
		t.Fatal(err)
	}
	if got := bk.Geometry.Inner / 72; got < mD-0.001 || pages != pD {
		t.Errorf("settled at a %.3f in gutter and %d pages; want %.1f in and %d pages (counts %d → %d → %d → %d → %d)", got, pages, mD, pD, p0, pA, pB, pC, pD)
	}
	if pages <= svc.Gutter[2].MaxPages || svc.Inside(pages)*72 > bk.Geometry.Inner+0.01 {
		t.Errorf("%d pages with a %.3f in gutter: the service asks for %.3f in", pages, bk.Geometry.Inner/72, svc.Inside(pages))
	}

	_, _, err = settleGutter(r, svc, 2)
	if err == nil {
		t.Fatal("set at most twice, a count that crosses two steps settled")
	}
	for _, want := range []string{"did not settle", "1.600 in gutter", "2.000 in", svc.StepName(pB)} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error %q does not say %q", err, want)
		}
	}
	t.Logf("pages %d (trim) → %d (%.1f in) → %d (%.1f in) → %d (%.1f in) → %d (%.1f in); bounded: %v", p0, pA, mA, pB, mB, pC, mC, pD, mD, err)
}

// TestInteriorIsTheBook: where the service's gutter can be taken from the outside margin, the
// interior is the print book itself, moved across (so the page numbers of the EPUB's page-list,
// the index and the cross-references hold for the printed copy): the same pages, not set again,
// the inside margin the service asks for, and each page drawn by the difference of the margins.
func TestInteriorIsTheBook(t *testing.T) {
	r := newResources(testkit.Load(t, testkit.GeneratedDir(t, 20, 5)), nil)
	pb, err := r.PrintBook()
	if err != nil {
		t.Fatal(err)
	}
	g := pb.Geometry
	inside := (g.Inner + (g.Outer-g.Inner)/2) / 72 // half the room the outside margin can give
	svc := print.Service{Name: "a test service", Outside: 0.25, PageMultiple: 2, Gutter: []print.GutterStep{{MaxPages: 1 << 30, Inside: inside}}}
	bk, pages, err := settleGutter(r, svc, gutterPasses)
	if err != nil {
		t.Fatal(err)
	}
	if len(bk.Pages) != len(pb.Pages) || &bk.Pages[0] != &pb.Pages[0] {
		t.Fatalf("the interior has %d pages, set again; the book has %d: it should be the book's own", len(bk.Pages), len(pb.Pages))
	}
	if pages != svc.Padded(len(pb.Pages)) {
		t.Errorf("the interior is padded to %d pages; the service prints %d", pages, svc.Padded(len(pb.Pages)))
	}
	if got := bk.Geometry.Inner / 72; got < inside-0.001 || bk.Geometry.Measure != g.Measure {
		t.Errorf("the interior's inside margin is %.3f in and its measure %.1f pt; want %.3f in and the book's %.1f pt", got, bk.Geometry.Measure, inside, g.Measure)
	}
	moved := bk.Geometry.Inner - g.Inner
	sheets, book := typeset.Interior(bk, pages), typeset.Interior(pb, pages)
	for _, i := range []int{0, 1, len(pb.Pages) - 1} {
		want := moved // a recto's text block moves away from the spine, a verso's toward its left edge
		if pb.Pages[i].Number%2 == 0 {
			want = -moved
		}
		if d := sheets[i].Pages[0].DX - book[i].Pages[0].DX; math.Abs(d-want) > 1e-9 {
			t.Errorf("page %d is drawn %.2f pt across from the book's; want %.2f", pb.Pages[i].Number, d, want)
		}
	}
}

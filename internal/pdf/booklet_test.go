package pdf

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"colophon/internal/testkit"
	"colophon/internal/typeset"
)

// Each sheet side of the seed's booklet shows its two pages' folios in saddle order.
func TestBookletSides(t *testing.T) {
	b := testkit.Seed(t)
	for sheet, s := range typeset.BookletSheets {
		bk, err := typeset.Typeset(b, typeset.Options{Trim: s.Trim})
		if err != nil {
			t.Fatal(err)
		}
		sides := typeset.Impose(bk, sheet)
		data, err := bytesOf(Booklet(b, bk, sides, nil))
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(t.TempDir(), "booklet.pdf")
		os.WriteFile(p, data, 0o644)
		order := typeset.SaddleOrder(len(bk.Pages))
		if len(sides) != len(order) {
			t.Errorf("%s: %d sheet sides imposed, the saddle order has %d", sheet, len(sides), len(order))
		}
		info := run(t, "pdfinfo", p)
		if !strings.Contains(info, fmt.Sprintf("Pages:           %d", len(order))) {
			t.Errorf("%s: want %d sheet sides:\n%s", sheet, len(order), info)
		}
		if countSize(info, s.W, s.H) != 1 {
			t.Errorf("%s: sheet size:\n%s", sheet, info)
		}
		if out := run(t, "qpdf", "--check", p); !strings.Contains(out, "No syntax or stream encoding errors found") {
			t.Errorf("qpdf: %s", out)
		}
		// A page's folio, when it has one, is on the half of the sheet where the order puts it.
		for i, side := range order {
			for half, n := range side {
				if n == 0 || !hasFolio(bk.Pages[n-1]) {
					continue
				}
				x := 0.0
				if half == 1 {
					x = s.W / 2
				}
				text := run(t, "pdftotext", "-f", fmt.Sprint(i+1), "-l", fmt.Sprint(i+1), "-x", fmt.Sprint(int(x)), "-y", "0", "-W", fmt.Sprint(int(s.W/2)), "-H", fmt.Sprint(int(s.H)), p, "-")
				if !containsWord(text, fmt.Sprint(n)) {
					t.Errorf("%s side %d: page %d not on the %s half:\n%s", sheet, i+1, n, []string{"left", "right"}[half], text)
				}
			}
		}
	}
}

func hasFolio(p *typeset.Page) bool {
	for _, pl := range p.Placed {
		if pl.Role == typeset.RoleFolio {
			return true
		}
	}
	return false
}

func containsWord(text, w string) bool {
	for _, f := range strings.Fields(text) {
		if f == w {
			return true
		}
	}
	return false
}

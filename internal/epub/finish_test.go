package epub

import (
	"strings"
	"testing"

	"github.com/beevik/etree"

	"colophon/internal/testkit"
)

// TestPageFrameOnly: finish edits a page's frame and puts the body's content back as colophon's
// XHTML writer made it. Each page must then be exactly what parsing the whole page with etree and
// writing it again gives — what finish wrote when it parsed every page whole — on the seed (with
// its register) and on the rich edition, whose pages hold every construct.
func TestPageFrameOnly(t *testing.T) {
	for name, b := range map[string]func() []byte{
		"seed": func() []byte { _, d := build(t, testkit.Seed(t)); return d },
		"rich": func() []byte { _, d := build(t, testkit.Rich(t)); return d },
	} {
		pages := 0
		for file, page := range entries(t, b()) {
			if !strings.HasPrefix(file, pagesDir) || !strings.HasSuffix(file, ".xhtml") {
				continue
			}
			pages++
			doc := etree.NewDocument()
			if err := doc.ReadFromString(page); err != nil {
				t.Fatalf("%s %s: %v", name, file, err)
			}
			again, err := doc.WriteToString()
			if err != nil {
				t.Fatal(err)
			}
			if again != page {
				t.Errorf("%s %s: the page is not as etree writes it whole:\n%s", name, file, firstDiff(page, again))
			}
		}
		if pages < 5 {
			t.Errorf("%s: only %d pages", name, pages)
		}
	}
}

func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-60)
	return "written: …" + a[from:min(len(a), i+60)] + "\netree:   …" + b[from:min(len(b), i+60)]
}

// TestBodyContent: the body's content is found between its start and end tags; a page without a
// body, or with an empty one, is an error rather than a page written without its text.
func TestBodyContent(t *testing.T) {
	page := `<html><head><title>a &lt;body&gt;</title></head><body epub:type="bodymatter"><p>x</p>` + "\n" + `</body></html>`
	inner, at, err := bodyContent([]byte(page))
	if err != nil || string(inner) != "<p>x</p>\n" || page[:at[0]] != `<html><head><title>a &lt;body&gt;</title></head><body epub:type="bodymatter">` {
		t.Errorf("got %q at %v, %v", inner, at, err)
	}
	for _, bad := range []string{`<html><head/></html>`, `<html><body/></html>`, `<html><body></html>`} {
		if _, _, err := bodyContent([]byte(bad)); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}

package build

import (
	"archive/zip"
	"bytes"
	"html"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"colophon/internal/testkit"
	"colophon/internal/typeset"
	"colophon/internal/validate"
)

var (
	markerRe = regexp.MustCompile(`<span epub:type="pagebreak" role="doc-pagebreak" id="page-(\d+)" aria-label="(\d+)"/>`)
	tagRe    = regexp.MustCompile(`<[^>]+>`)
	// inlineRe are the elements that stand inside a word (a register entry's anchor, its link to a
	// note: <span id="reg-pospelov-3">Pospelov</span>.), which must not part it from its stop.
	inlineRe = regexp.MustCompile(`</?(span|a)\b[^>]*>`)
	pageRe   = regexp.MustCompile(`(?s)<page [^>]*>(.*?)</page>`)
	wordRe   = regexp.MustCompile(`<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>`)
	listRe   = regexp.MustCompile(`<a href="xhtml/[^"#]+#page-(\d+)">(\d+)</a>`)
)

// The EPUB's page-list ties it to the print book: one entry per printed page holding text of a
// document, and after each marker the very word that page begins with in pdftotext (or, when the
// page begins with the end of a word hyphenated on the page before, the whole of that word).
func TestPageListMatchesPrint(t *testing.T) {
	for _, c := range []struct {
		name, dir string
		minPages  int
	}{{"seed", testkit.SeedDir(t), 10}, {"generated", testkit.GeneratedDir(t, 20, 5), 50}} {
		t.Run(c.name, func(t *testing.T) {
			var out string
			var res *Result
			if c.name == "seed" {
				out, res = builtSeed(t)
			} else {
				out = t.TempDir()
				var err error
				if res, err = Run(Options{Dir: c.dir, Out: out, Only: []string{"epub", "pdf"}}, All); err != nil {
					t.Fatal(err)
				}
			}
			var epubData, pdfPath []byte
			for _, o := range res.Outputs {
				switch {
				case filepath.Ext(o.Path) == ".epub":
					var err error
					if epubData, err = os.ReadFile(filepath.Join(out, o.Path)); err != nil {
						t.Fatal(err)
					}
				case filepath.Dir(o.Path) == "." && filepath.Ext(o.Path) == ".pdf": // the book
					pdfPath = []byte(filepath.Join(out, o.Path))
				}
			}
			b := testkit.Load(t, c.dir)
			bk, err := typeset.Typeset(b, typeset.Options{Trim: b.Print.Trim})
			if err != nil {
				t.Fatal(err)
			}
			if len(bk.Pages) < c.minPages {
				t.Fatalf("only %d pages", len(bk.Pages))
			}
			// Pages that hold text of a document.
			var textPages []int
			for _, p := range bk.Pages {
				for _, pl := range p.Placed {
					if pl.Role == typeset.RoleText && pl.Doc >= 0 && !p.Front {
						textPages = append(textPages, p.Number)
						break
					}
				}
			}
			// The word after each marker, from the EPUB's XHTML.
			zr, _ := zip.NewReader(bytes.NewReader(epubData), int64(len(epubData)))
			after := map[int]string{}
			var nav string
			for _, f := range zr.File {
				r, _ := f.Open()
				data, _ := io.ReadAll(r)
				r.Close()
				s := string(data)
				if f.Name == "EPUB/nav.xhtml" {
					nav = s
				}
				for _, m := range markerRe.FindAllStringSubmatchIndex(s, -1) {
					n, _ := strconv.Atoi(s[m[2]:m[3]])
					rest := html.UnescapeString(tagRe.ReplaceAllString(inlineRe.ReplaceAllString(s[m[1]:], ""), " "))
					if fs := strings.Fields(rest); len(fs) > 0 {
						after[n] = fs[0]
					}
				}
			}
			list := listRe.FindAllStringSubmatch(nav, -1)
			if len(list) != len(textPages) {
				t.Errorf("page-list has %d entries; %d pages hold text", len(list), len(textPages))
			}
			for i, m := range list {
				if i < len(textPages) && m[1] != strconv.Itoa(textPages[i]) {
					t.Errorf("page-list entry %d is page %s, want %d", i, m[1], textPages[i])
				}
			}
			// The first word of each page inside the text block, from pdftotext.
			first := pdfFirstWords(t, string(pdfPath), bk)
			for _, n := range textPages {
				e, p := after[n], first[n]
				if e == "" {
					t.Errorf("page %d: no marker in the EPUB", n)
					continue
				}
				if e != p && !(strings.HasSuffix(e, p) && len(p) < len(e)) {
					t.Errorf("page %d: the EPUB marker is before %q, the printed page begins with %q", n, e, p)
				}
			}
		})
	}
}

func pdfFirstWords(t *testing.T, path string, bk *typeset.Book) map[int]string {
	out := validate.Output(t, "pdftotext", "-bbox", path, "-")
	top := bk.Geometry.TopY()
	first := map[int]string{}
	for i, pm := range pageRe.FindAllStringSubmatch(string(out), -1) {
		for _, m := range wordRe.FindAllStringSubmatch(pm[1], -1) {
			y, _ := strconv.ParseFloat(m[1], 64)
			if y >= top-2 { // below the running head: the text block
				first[i+1] = html.UnescapeString(m[2])
				break
			}
		}
	}
	return first
}

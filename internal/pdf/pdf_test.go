package pdf

import (
	"bytes"
	"fmt"
	"html"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"colophon/internal/edition"
	"colophon/internal/print"
	"colophon/internal/testkit"
	"colophon/internal/typeset"
	"colophon/internal/validate"
)

func TestMain(m *testing.M) { testkit.Main(m) }

// seedBook is the seed's book at its trim with a bleed of bleed millimetres, typeset and drawn
// once per test binary, and the PDF's path.
func seedBook(t *testing.T, bleed float64) (*edition.Book, *typeset.Book, string) {
	t.Helper()
	type key struct{ bleed float64 }
	type made struct {
		bk   *typeset.Book
		path string
	}
	b := testkit.Seed(t)
	m := testkit.Once(t, key{bleed}, func() (made, error) {
		bk, path, err := drawBook(b, bleed, testkit.Folder(t, "seed-book"))
		return made{bk, path}, err
	})
	return b, m.bk, m.path
}

// drawBook typesets and draws the book, writing the PDF into dir.
func drawBook(b *edition.Book, bleed float64, dir string) (*typeset.Book, string, error) {
	bk, err := typeset.Typeset(b, typeset.Options{Trim: b.Print.Trim, BleedMM: bleed})
	if err != nil {
		return nil, "", err
	}
	data, err := Book(b, bk, Meta{}, nil)
	if err != nil {
		return nil, "", err
	}
	p := filepath.Join(dir, fmt.Sprintf("book-%g.pdf", bleed))
	return bk, p, os.WriteFile(p, data.Bytes(), 0o644)
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	return validate.Output(t, name, args...)
}

func TestValidators(t *testing.T) {
	_, bk, p := seedBook(t, 0)
	fonts := run(t, "pdffonts", p)
	rows := strings.Split(strings.TrimSpace(fonts), "\n")[2:]
	// Only the faces the book uses are embedded: regular, italic (datelines, heads) and bold
	// (the title page).
	if len(rows) != 3 {
		t.Errorf("pdffonts lists %d fonts, want the 3 faces the book uses:\n%s", len(rows), fonts)
	}
	for _, r := range rows {
		c := strings.Fields(r)
		if c[len(c)-5] != "yes" || c[len(c)-4] != "yes" {
			t.Errorf("font not embedded and subset: %s", r)
		}
	}
	if out := run(t, "qpdf", "--check", p); !strings.Contains(out, "No syntax or stream encoding errors found") {
		t.Errorf("qpdf --check:\n%s", out)
	}
	// Bookmarks for the front matter and each letter, with their Unicode titles.
	outline := run(t, "qpdf", "--json", "--json-key=outlines", p)
	for _, want := range []string{`"title": "Title page"`, `"title": "Credits"`, `"title": "Contents"`,
		`"title": "Anonymous Letter to the Editorial Board of ‘Kommunist’ Against the Criticism of J.V. Stalin"`,
		`"title": "Anonymous Letter from City Gorky to the Journal ‘Kommunist’ Against the Criticism of J.V. Stalin"`} {
		if !strings.Contains(outline, want) {
			t.Errorf("outline lacks %s:\n%s", want, outline)
		}
	}
	info := run(t, "pdfinfo", p)
	for _, want := range []string{"Title:           Two Anonymous Letters", "Author:          Tahir Asghar (translator)",
		"Subject:         Two anonymous letters", "Keywords:        Stalin", "Creator:         colophon",
		"CreationDate:    Sun Nov  1 00:00:00 2026 UTC", "Metadata Stream: yes", "Tagged:          yes",
		fmt.Sprintf("Pages:           %d", len(bk.Pages))} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
	if countSize(info, 148*72/25.4, 210*72/25.4) != 1 {
		t.Errorf("the page is not A5:\n%s", info)
	}
}

// With a bleed the page grows by it on every side and carries the trim and bleed boxes.
func TestBleed(t *testing.T) {
	_, bk, p := seedBook(t, 3)
	out := run(t, "pdfinfo", "-box", "-f", "1", "-l", strconv.Itoa(len(bk.Pages)), p)
	w, h := 148*72/25.4, 210*72/25.4
	b := 3 * 72 / 25.4
	if n := countSize(out, w+2*b, h+2*b); n != len(bk.Pages) {
		t.Errorf("%d of %d pages are trim plus bleed in size:\n%s", n, len(bk.Pages), out)
	}
	trim := fmt.Sprintf("TrimBox: %10.2f %8.2f %8.2f %8.2f", b, b, w+b, h+b)
	if n := strings.Count(out, trim); n != len(bk.Pages) {
		t.Errorf("%d pages have TrimBox %q, want %d", n, trim, len(bk.Pages))
	}
	if n := strings.Count(out, "BleedBox:"); n != len(bk.Pages) {
		t.Errorf("BleedBox on %d of %d pages", n, len(bk.Pages))
	}
	raw, _ := os.ReadFile(p)
	if c := bytes.Count(raw, []byte("/TrimBox [")); c != len(bk.Pages) {
		t.Errorf("/TrimBox written %d times", c)
	}
	if out := run(t, "qpdf", "--check", p); !strings.Contains(out, "No syntax or stream encoding errors found") {
		t.Errorf("qpdf --check:\n%s", out)
	}
}

var (
	pageRe = regexp.MustCompile(`(?s)<page [^>]*>(.*?)</page>`)
	wordRe = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>`)
)

type word struct {
	y    float64
	text string
}

// bboxPages reads every word of the PDF with its position, as pdftotext sees it.
func bboxPages(t *testing.T, p string) [][]word {
	out := run(t, "pdftotext", "-bbox", p, "-")
	var pages [][]word
	for _, pm := range pageRe.FindAllStringSubmatch(out, -1) {
		var ws []word
		for _, m := range wordRe.FindAllStringSubmatch(pm[1], -1) {
			y, _ := strconv.ParseFloat(m[3], 64)
			ws = append(ws, word{y: y, text: html.UnescapeString(m[4])})
		}
		pages = append(pages, ws)
	}
	return pages
}

func letters(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}

// pdftotext recovers every word of both letters in reading order, and each note's text is on the
// page of its reference. Words are compared as their letters run together, so a hyphenated word
// split over two lines joins up, and the order of every letter is checked.
func TestTextInReadingOrder(t *testing.T) {
	b, bk, p := seedBook(t, 0)
	pages := bboxPages(t, p)
	if len(pages) != len(bk.Pages) {
		t.Fatalf("pdftotext sees %d pages, the book has %d", len(pages), len(bk.Pages))
	}
	g := bk.Geometry
	var body, notesText strings.Builder
	pageNotes := make([]string, len(pages))
	for i, ws := range pages {
		pg := bk.Pages[i]
		if pg.Doc < 0 || pg.Front {
			continue
		}
		noteTop := g.TopY() + g.TextHeight + 1
		for _, r := range pg.Rules {
			noteTop = r.Y
		}
		for _, w := range ws {
			switch {
			case w.y < g.TopY(): // running head
			case w.y > g.TopY()+g.TextHeight+2: // folio at the foot
			case w.y > noteTop:
				notesText.WriteString(w.text + " ")
				pageNotes[i] += w.text + " "
			default:
				body.WriteString(w.text + " ")
			}
		}
	}
	var model strings.Builder
	for _, d := range b.Documents {
		model.WriteString(edition.PlainText(d.Title) + " " + edition.PlainText(d.Dateline) + " " + edition.PlainText(d.Salutation) + " ")
		model.WriteString(edition.BlocksText(d.Blocks))
		model.WriteString(edition.PlainText(d.Signature) + " ")
		for _, e := range d.Endorsements {
			model.WriteString(edition.PlainText(e) + " ")
		}
		model.WriteString(edition.PlainText(d.Archive) + " ")
	}
	got, want := letters(body.String()), letters(model.String())
	if got != want {
		i := 0
		for i < len(got) && i < len(want) && got[i] == want[i] {
			i++
		}
		t.Errorf("the PDF's running text differs from the model's at letter %d:\npdf:   …%s…\nmodel: …%s…", i, got[max(0, i-40):min(len(got), i+40)], want[max(0, i-40):min(len(want), i+40)])
	}
	// Each note begins on the page that cites it.
	for di, d := range b.Documents {
		for _, n := range d.Notes {
			ref := -1
			for pi, pg := range bk.Pages {
				for _, a := range pg.Anchors {
					if a.Name == typeset.RefAnchor(di, n.Number) {
						ref = pi
					}
				}
			}
			start := letters(edition.BlocksText(n.Blocks))
			start = start[:min(40, len(start))]
			if ref < 0 || !strings.Contains(letters(pageNotes[ref]), start) {
				t.Errorf("%s note %d: its text is not at the foot of page %d, where it is cited", d.Path, n.Number, ref+1)
			}
		}
	}
}

func TestReproducible(t *testing.T) {
	// Two books made afresh, from two loads of the sources, each with resources of its own.
	var pdfs [2][]byte
	for i := range pdfs {
		_, p, err := drawBook(testkit.Load(t, testkit.SeedDir(t)), 3, t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		pdfs[i], _ = os.ReadFile(p)
	}
	da, db := pdfs[0], pdfs[1]
	if !bytes.Equal(da, db) {
		t.Error("two PDFs of the same sources differ")
	}
}

// BenchmarkBook times typesetting and drawing the seed's book, as the build does it.
func BenchmarkBook(b *testing.B) {
	ed := testkit.Seed(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		bk, err := typeset.Typeset(ed, typeset.Options{Trim: print.A5})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Book(ed, bk, Meta{}, nil); err != nil {
			b.Fatal(err)
		}
	}
}

var sizeRe = regexp.MustCompile(`size:\s+([\d.]+) x ([\d.]+) pts`)

// countSize counts the pages pdfinfo reports as w × h points, to the hundredth of a point.
func countSize(info string, w, h float64) int {
	n := 0
	for _, m := range sizeRe.FindAllStringSubmatch(info, -1) {
		pw, _ := strconv.ParseFloat(m[1], 64)
		ph, _ := strconv.ParseFloat(m[2], 64)
		if math.Abs(pw-w) < 0.01 && math.Abs(ph-h) < 0.01 {
			n++
		}
	}
	return n
}

// bytesOf joins a PDF's pieces, for tests that read it whole.
func bytesOf(f File, err error) ([]byte, error) { return f.Bytes(), err }

// text draws a run of glyphs with its baseline's left end at x, y (from the top left), shaped by
// the face exactly as the typesetter measured it: each glyph at its shaped advance, so kerning is
// drawn as adjustments in the TJ array and ligatures as their own glyphs.
func (d *doc) text(p *page, st typeset.Style, size float64, x, y float64, s string, fonts *typeset.Fonts) {
	d.textAt(p, st, size, [4]float64{1, 0, 0, 1}, x, p.pdfY(y), s, false, false, "", fonts)
}

package build

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"colophon/internal/edition"
	"colophon/internal/testkit"
)

// bboxWord is a word as pdftotext -bbox gives it.
type bboxWord struct {
	x0, y0, x1, y1 float64
	text           string
}

var (
	bboxPageRe = regexp.MustCompile(`(?s)<page [^>]*>(.*?)</page>`)
	bboxWordRe = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
)

// bboxLines reads pdftotext -bbox's output into pages of lines, each line its words left to
// right (words whose tops are within a point of each other are one line).
func bboxLines(out string) [][][]bboxWord {
	var pages [][][]bboxWord
	for _, pm := range bboxPageRe.FindAllStringSubmatch(out, -1) {
		var words []bboxWord
		for _, m := range bboxWordRe.FindAllStringSubmatch(pm[1], -1) {
			x0, _ := strconv.ParseFloat(m[1], 64)
			y0, _ := strconv.ParseFloat(m[2], 64)
			x1, _ := strconv.ParseFloat(m[3], 64)
			y1, _ := strconv.ParseFloat(m[4], 64)
			words = append(words, bboxWord{x0, y0, x1, y1, html.UnescapeString(m[5])})
		}
		slices.SortStableFunc(words, func(a, b bboxWord) int {
			if a.y0 < b.y0-1 {
				return -1
			}
			if a.y0 > b.y0+1 {
				return 1
			}
			switch {
			case a.x0 < b.x0:
				return -1
			case a.x0 > b.x0:
				return 1
			}
			return 0
		})
		// Note numbers are set small and raised: not words of the cells.
		var heights []float64
		for _, w := range words {
			heights = append(heights, w.y1-w.y0)
		}
		slices.Sort(heights)
		kept := words[:0]
		for _, w := range words {
			if len(heights) == 0 || w.y1-w.y0 > 0.75*heights[len(heights)/2] {
				kept = append(kept, w)
			}
		}
		words = kept
		var lines [][]bboxWord
		for _, w := range words {
			if n := len(lines); n > 0 && w.y0-lines[n-1][0].y0 < 1 {
				lines[n-1] = append(lines[n-1], w)
				continue
			}
			lines = append(lines, []bboxWord{w})
		}
		pages = append(pages, lines)
	}
	return pages
}

// readTable reads a table back from a PDF's pages as pdftotext places its words, guided by the
// source's rows (the header first) only to know where the table begins and ends: on each page,
// from a line beginning with the header's first word (the header, or its repeat on a following
// page), a line that begins at the first column's left edge starts a row when the row before has
// its first cell whole, a line that begins further right goes on with the row, and any other
// line ends the table on that page. The columns are the stretches of the page no word crosses
// (wider than a space, narrower than the columns' padding). Each cell's lines are joined with a
// space, or without one after a hyphen that ends a line of the cell when the source has none
// there. Repeated headers are returned as rows too, flagged.
// inRow reports whether every word of a line stands in the source row's cells: a line that
// starts right of the first column is the row's next line only then, and otherwise the text after
// the table (a paragraph's indented first line).
func inRow(ln []bboxWord, row []string) bool {
	text := strings.Join(row, " ")
	for _, w := range ln {
		if !strings.Contains(text, strings.TrimSuffix(w.text, "-")) {
			return false
		}
	}
	return true
}

func readTable(t *testing.T, pages [][][]bboxWord, src [][]string) (rows [][]string, repeats []bool) {
	t.Helper()
	cols := len(src[0])
	headFirst := strings.Fields(src[0][0])[0]
	next := 0 // the source row the next row read should be
	for pi, lines := range pages {
		start := -1
		for i, ln := range lines {
			if ln[0].text == headFirst {
				start = i
				break
			}
		}
		if start < 0 {
			continue
		}
		left := lines[start][0].x0
		var rowLines [][][]bboxWord  // the page's rows, each its lines
		var rowSrc []int             // the source row each is read as
		col0 := func(r int) string { // the first column's text of a row so far
			var parts []string
			for _, ln := range rowLines[r] {
				if ln[0].x0 < left+1 {
					parts = append(parts, ln[0].text)
				}
			}
			return joinCell(parts, src[rowSrc[r]][0])
		}
		lastY := lines[start][0].y0
		for _, ln := range lines[start:] {
			x := ln[0].x0
			n := len(rowLines)
			gap := ln[0].y0 - lastY
			lastY = ln[0].y0
			switch {
			case gap > 3*(ln[0].y1-ln[0].y0):
				// Far below the last row: the foot of the page.
			case x < left-1:
			case x > left+1 && n > 0 && inRow(ln, src[rowSrc[n-1]]):
				rowLines[n-1] = append(rowLines[n-1], ln)
				continue
			case x > left+1:
			case n > 0 && col0(n-1) != src[rowSrc[n-1]][0]:
				rowLines[n-1] = append(rowLines[n-1], ln) // the first cell goes on
				continue
			case ln[0].text == headFirst && n == 0:
				rowLines, rowSrc = append(rowLines, [][]bboxWord{ln}), append(rowSrc, 0)
				next = max(next, 1)
				continue
			case next < len(src) && strings.HasPrefix(src[next][0], strings.TrimSuffix(ln[0].text, "-")):
				rowLines, rowSrc = append(rowLines, [][]bboxWord{ln}), append(rowSrc, next)
				next++
				continue
			}
			break
		}
		if len(rowLines) == 0 {
			continue
		}
		// The columns: the stretches words cover, joined across gaps narrower than the padding.
		type span struct{ x0, x1 float64 }
		var spans []span
		for _, rl := range rowLines {
			for _, ln := range rl {
				for _, w := range ln {
					spans = append(spans, span{w.x0, w.x1})
				}
			}
		}
		slices.SortFunc(spans, func(a, b span) int {
			switch {
			case a.x0 < b.x0:
				return -1
			case a.x0 > b.x0:
				return 1
			}
			return 0
		})
		var colSpans []span
		for _, s := range spans {
			if n := len(colSpans); n > 0 && s.x0 < colSpans[n-1].x1+4.5 {
				colSpans[n-1].x1 = max(colSpans[n-1].x1, s.x1)
				continue
			}
			colSpans = append(colSpans, s)
		}
		if len(colSpans) != cols {
			t.Fatalf("page %d: the table's words make %d columns, not %d: %v", pi+1, len(colSpans), cols, colSpans)
		}
		for r, rl := range rowLines {
			cells := make([]string, cols)
			for c, cs := range colSpans {
				var parts []string
				for _, ln := range rl {
					var words []string
					for _, w := range ln {
						if w.x0 >= cs.x0-0.5 && w.x1 <= cs.x1+0.5 {
							words = append(words, w.text)
						}
					}
					if len(words) > 0 {
						parts = append(parts, strings.Join(words, " "))
					}
				}
				cells[c] = joinCell(parts, src[rowSrc[r]][c])
			}
			rows = append(rows, cells)
			repeats = append(repeats, rowSrc[r] == 0 && len(rows) > 1)
		}
	}
	return rows, repeats
}

// joinCell joins a cell's lines: after a line ending in a hyphen, without a space and without
// the hyphen unless the source has it there.
func joinCell(parts []string, want string) string {
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			prev := parts[i-1]
			if strings.HasSuffix(prev, "-") {
				cut := strings.TrimSuffix(b.String(), "-")
				if strings.Contains(want, cut+strings.TrimSuffix(p, "-")) {
					b.Reset()
					b.WriteString(cut)
				}
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(p)
	}
	return b.String()
}

// sourceRows are the table's rows as the source writes them: each cell's plain text without
// its note references' numbers (which readTable leaves out), its spaces collapsed.
func sourceRows(bl edition.Block) [][]string {
	var plain func(b *strings.Builder, in []edition.Inline)
	plain = func(b *strings.Builder, in []edition.Inline) {
		for _, x := range in {
			switch x.Kind {
			case edition.Text, edition.Code, edition.Image:
				b.WriteString(x.Text)
			case edition.LineBreak:
				b.WriteByte(' ')
			case edition.NoteRef:
			default:
				plain(b, x.Children)
			}
		}
	}
	var rows [][]string
	for _, r := range bl.Children {
		var cells []string
		for _, c := range r.Children {
			var b strings.Builder
			plain(&b, c.Inlines)
			cells = append(cells, strings.Join(strings.Fields(b.String()), " "))
		}
		rows = append(rows, cells)
	}
	return rows
}

// checkTable compares every cell of a table read back from the PDF with the source's.
func checkTable(t *testing.T, name, pdfPath string, bl edition.Block) {
	t.Helper()
	src := sourceRows(bl)
	got, repeats := readTable(t, bboxLines(tool(t, "pdftotext", "-bbox", pdfPath, "-")), src)
	var body [][]string
	for i, r := range got {
		if repeats[i] {
			if !slices.Equal(r, src[0]) {
				t.Errorf("%s: a repeated header reads %q; want %q", name, r, src[0])
			}
			continue
		}
		body = append(body, r)
	}
	if len(body) != len(src) {
		t.Fatalf("%s: %d rows read back from the PDF; the source has %d (read: %q)", name, len(body), len(src), body)
	}
	for i := range src {
		for c := range src[i] {
			if body[i][c] != src[i][c] {
				t.Errorf("%s: row %d, column %d reads %q in the PDF; the source has %q", name, i, c+1, body[i][c], src[i][c])
			}
		}
	}
	t.Logf("%s: %d rows, %d cells whole, %d repeated headers", name, len(src), len(src)*len(src[0]), len(got)-len(body))
}

func firstTable(t *testing.T, b *edition.Book) edition.Block {
	for _, d := range b.Documents {
		for _, bl := range d.Blocks {
			if bl.Kind == edition.Table {
				return bl
			}
		}
	}
	t.Fatal("no table")
	return edition.Block{}
}

// Every cell of the rich edition's table, and of a ledger whose first column is narrow beside a
// column of long text, and of a table of long German compounds, comes back from the PDF's text
// (pdftotext -bbox) as the source writes it: no word cut without a hyphen, no cell run into its
// neighbour.
func TestTableCellsInPDF(t *testing.T) {
	out := buildRich(t)
	checkTable(t, "rich", filepath.Join(out, "a-rich-edition.pdf"), firstTable(t, testkit.Rich(t)))

	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "source"), 0o755)
	os.WriteFile(filepath.Join(dir, "source", "book.yaml"), []byte("title: Tables\nlanguage: de\ndate: 2026-01-01\n"), 0o644)
	var ledger strings.Builder
	ledger.WriteString("# Ledger\n\nBefore.\n\n| No. | Status | Amount |\n|---|---|---:|\n")
	for i := 1; i <= 45; i++ {
		fmt.Fprintf(&ledger, "| row%02d | Received, entered in the register of incoming correspondence and passed to the department for an answer within the month | %d.%02d |\n", i, i*7, i)
	}
	os.WriteFile(filepath.Join(dir, "source", "a.md"), []byte(ledger.String()), 0o644)
	os.WriteFile(filepath.Join(dir, "source", "b.md"), []byte("# Komposita\n\nVorher.\n\n| Bezeichnung | Bundesfestungsverwaltungskommission | Unterstützungskassen | Arbeiterschutzbestimmungen |\n|---|---|---|---|\n"+
		"| Gewerkschaftsvertretung | Landesverteidigungsministerium | Eisenbahnverwaltung | Staatsangehörigkeitsbescheinigung |\n\nNachher.\n"), 0o644)
	if _, err := Run(Options{Dir: dir, Out: filepath.Join(dir, "build"), Only: []string{"pdf"}}, All); err != nil {
		t.Fatal(err)
	}
	b := testkit.Load(t, dir)
	pdfPath := filepath.Join(dir, "build", "tables.pdf")
	checkTable(t, "ledger", pdfPath, firstTable(t, &edition.Book{Documents: b.Documents[:1]}))
	checkTable(t, "German compounds", pdfPath, firstTable(t, &edition.Book{Documents: b.Documents[1:]}))
}

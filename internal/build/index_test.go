package build

import (
	"encoding/xml"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"colophon/internal/edition"
	"colophon/internal/testkit"
	"colophon/internal/typeset"
	"colophon/internal/validate"
)

// The book's index, read back with pdftotext: for every entry of the register, the pages it lists
// are exactly the body pages on which one of its forms stands, as the pages' own text shows it —
// forms matched as whole words, the longest first (the Molotov motor factory is not Molotov,
// Stalinist is not Stalin), in the text block (running heads and folios cut away) — and a note
// locator (9n2) is given exactly where a form stands in that note at the foot of that page.
func TestIndexLocatorsAreThePagesOfTheForms(t *testing.T) {
	out, _ := builtSeed(t)
	b := testkit.Seed(t)
	if b.Register.Entry("molotov-factory") == nil || b.Register.Entry("molotov") == nil || b.Register.Entry("stalin") == nil {
		t.Fatal("the seed's register has not the entries the hard cases need: molotov, molotov-factory, stalin")
	}
	checkIndex(t, b, filepath.Join(out, b.Name+".pdf"))
}

// The same for an edition of 200 generated documents whose register has entries for the names
// the generator uses.
func TestIndexOfGeneratedEdition(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 200-document book")
	}
	dir := testkit.GeneratedRegisterDir(t, 200, 1)
	b := testkit.GeneratedRegister(t, 200, 1)
	if b.Register == nil || len(b.Register.Entries) != 19 {
		t.Fatalf("the generated edition's register has not the generator's 19 names")
	}
	out := filepath.Join(testkit.Folder(t, "builds"), "generated-register-200")
	if _, err := Run(Options{Dir: dir, Out: out, Only: []string{"pdf"}}, All); err != nil {
		t.Fatal(err)
	}
	checkIndex(t, b, filepath.Join(out, b.Name+".pdf"))
}

// place is where a form stands: a page, and the note it is in (0: the text).
type place struct{ page, note int }

func checkIndex(t *testing.T, b *edition.Book, pdf string) {
	t.Helper()
	bk, err := typeset.Typeset(b, typeset.Options{Trim: b.Print.Trim})
	if err != nil {
		t.Fatal(err)
	}
	pages := readBBox(t, pdf)
	if len(pages) != len(bk.Pages) {
		t.Fatalf("the PDF has %d pages, the typeset book %d: the test reads the wrong book", len(pages), len(bk.Pages))
	}
	g := bk.Geometry
	// The text of a page between two heights, line by line, as pdftotext reads it.
	crop := func(page int, top, bottom float64) string {
		var ls []string
		for _, l := range pages[page-1] {
			if l.YMin >= top && l.YMin < bottom {
				ls = append(ls, lineString(l))
			}
		}
		return strings.Join(ls, "\n")
	}
	// Where the forms stand, page by page: the text above the notes' rule, then each note.
	want := map[*edition.Entry]map[place]bool{}
	m := newMatcher(b.Register)
	var body []int
	for _, p := range bk.Pages {
		if p.Front || p.Blank || p.Doc < 0 {
			continue
		}
		body = append(body, p.Number)
	}
	top, bottom := g.TopY()-2, g.TopY()+g.TextHeight+2
	rule := func(n int) float64 {
		r := bottom
		for _, x := range bk.Pages[n-1].Rules {
			if x.Notes {
				r = min(r, x.Y)
			}
		}
		return r
	}
	// The text above the rule, and the notes under it.
	regions := func(n int) (string, string) { return crop(n, top, rule(n)), crop(n, rule(n), bottom) }
	// A form hyphenated at the foot of a page stands on this page: its end is the first word of
	// the same part (text, or notes: a note goes on at the foot of the next page) of the next.
	join := func(s string, next string) string {
		if t := strings.TrimSpace(s); strings.HasSuffix(t, "-") {
			if f := strings.Fields(next); len(f) > 0 {
				return strings.TrimSuffix(t, "-") + f[0]
			}
		}
		return s
	}
	lastNote := 0
	for k, n := range body {
		text, notes := regions(n)
		if k+1 < len(body) {
			nextText, nextNotes := regions(body[k+1])
			text, notes = join(text, nextText), join(notes, nextNotes)
		}
		for _, e := range m.find(text) {
			add(want, e, place{n, 0})
		}
		for _, nt := range splitNotes(notes, lastNote) {
			for _, e := range m.find(nt.text) {
				add(want, e, place{n, nt.number})
			}
			lastNote = nt.number
		}
	}
	// The index as printed: its entries in the order of the columns and pages, an entry going on
	// from a column to the next, or from a page to the next.
	got := map[*edition.Entry]map[place]bool{}
	var entries []string
	for _, p := range bk.Pages {
		if strings.HasPrefix(p.Section, "Index") {
			entries = indexEntries(pages[p.Number-1], p, g, entries)
		}
	}
	if len(entries) == 0 {
		t.Fatal("the book has no index")
	}
	for _, entry := range entries {
		e, locs := parseEntry(b.Register, entry)
		if e == nil {
			t.Errorf("the index entry %q names no entry of the register", entry)
			continue
		}
		if got[e] != nil {
			t.Errorf("%s is in the index twice", e.Name)
		}
		got[e] = map[place]bool{}
		for _, l := range locs {
			got[e][l] = true
		}
	}
	for _, e := range b.Register.Entries {
		w, g := keys(want[e]), keys(got[e])
		if !slices.Equal(w, g) {
			var only, missing []string
			for _, x := range g {
				if !slices.Contains(w, x) {
					only = append(only, x)
				}
			}
			for _, x := range w {
				if !slices.Contains(g, x) {
					missing = append(missing, x)
				}
			}
			t.Errorf("%s: the index lists %v where no form stands, and not %v where one does (page n note; note 0 is the text)", e.Name, only, missing)
		}
	}
	// The seed's hard cases: the factory is indexed, and Molotov is not where only it stands.
	if e := b.Register.Entry("molotov-factory"); e != nil && len(got[e]) == 0 {
		t.Errorf("the Molotov motor factory is not in the index")
	}
}

// readBBox reads every page's lines with pdftotext -bbox-layout, in one run.
func readBBox(t *testing.T, pdf string) [][]indexLineBox {
	raw := validate.Output(t, "pdftotext", "-bbox-layout", pdf, "-")
	var pages [][]indexLineBox
	d := xml.NewDecoder(strings.NewReader(raw))
	d.Strict = false
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "page":
			pages = append(pages, nil)
		case "line":
			var l indexLineBox
			if err := d.DecodeElement(&l, &se); err == nil && len(pages) > 0 {
				pages[len(pages)-1] = append(pages[len(pages)-1], l)
			}
		}
	}
	return pages
}

func add(m map[*edition.Entry]map[place]bool, e *edition.Entry, p place) {
	if m[e] == nil {
		m[e] = map[place]bool{}
	}
	m[e][p] = true
}

func keys(m map[place]bool) []string {
	var out []string
	for p := range m {
		out = append(out, fmt.Sprintf("%dn%d", p.page, p.note))
	}
	sort.Strings(out)
	return out
}

// matcher finds the register's forms in text as whole words, the longest first where forms
// overlap: the test's own reading of the rule the loader follows, on the printed text.
type matcher struct {
	forms []form
}

type form struct {
	text  string
	entry *edition.Entry
}

func newMatcher(r *edition.Register) *matcher {
	m := &matcher{}
	for _, e := range r.Entries {
		for _, f := range e.Forms {
			m.forms = append(m.forms, form{f, e})
		}
	}
	sort.SliceStable(m.forms, func(i, j int) bool { return len(m.forms[i].text) > len(m.forms[j].text) })
	return m
}

var lineHyphen = regexp.MustCompile(`(\p{L})[-\x{ad}]\n(\p{Ll})`)

// find is the entries whose forms stand in text: whole words (a digit after one is a note's
// number), a form's spaces any run of spaces or line ends, hyphenation at line ends undone.
func (m *matcher) find(text string) []*edition.Entry {
	text = lineHyphen.ReplaceAllString(text, "$1$2")
	text = strings.Join(strings.Fields(text), " ")
	var out []*edition.Entry
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if i > 0 {
			if prev, _ := utf8.DecodeLastRuneInString(text[:i]); unicode.IsLetter(prev) || unicode.IsDigit(prev) {
				i += n
				continue
			}
		}
		matched := 0
		for _, f := range m.forms {
			if strings.HasPrefix(text[i:], f.text) {
				end := i + len(f.text)
				if end < len(text) {
					if next, _ := utf8.DecodeRuneInString(text[end:]); unicode.IsLetter(next) {
						continue // "Stalinist"
					}
				}
				out = append(out, f.entry)
				matched = len(f.text)
				break
			}
		}
		_ = r
		if matched > 0 {
			i += matched
		} else {
			i += n
		}
	}
	return out
}

// note is the text of one note at the foot of a page, by its number.
type footNote struct {
	number int
	text   string
}

var noteStart = regexp.MustCompile(`(?m)^(\d+)\. `)

// splitNotes cuts the foot of a page into its notes: each begins with its number; text before
// the first is the end of a note continued from the page before (carried).
func splitNotes(s string, carried int) []footNote {
	var out []footNote
	at := noteStart.FindAllStringSubmatchIndex(s, -1)
	if len(at) == 0 || at[0][0] > 0 && strings.TrimSpace(s[:at[0][0]]) != "" {
		end := len(s)
		if len(at) > 0 {
			end = at[0][0]
		}
		out = append(out, footNote{carried, s[:end]})
	}
	for k, a := range at {
		n, _ := strconv.Atoi(s[a[2]:a[3]])
		end := len(s)
		if k+1 < len(at) {
			end = at[k+1][0]
		}
		out = append(out, footNote{n, s[a[1]:end]})
	}
	return out
}

type indexLineBox struct {
	XMin  float64     `xml:"xMin,attr"`
	YMin  float64     `xml:"yMin,attr"`
	Words []indexWord `xml:"word"`
}

type indexWord struct {
	Text string `xml:",chardata"`
}

// indexEntries reads an index page's entries: lines in two columns, the left read first; a line
// at a column's left edge begins an entry, an indented one goes on with the entry before (on this
// page or the last).
func indexEntries(lines []indexLineBox, p *typeset.Page, g typeset.Geometry, out []string) []string {
	left := g.Left(p.Number) + g.Bleed
	mid := left + g.Measure/2
	colX := []float64{left, mid + 0.75*g.Size} // the columns' edges (typeset/index.go: a gutter of 1.5 em)
	var cols [2][]indexLineBox
	for _, l := range lines {
		if l.YMin < g.TopY()-2 || l.YMin > g.TopY()+g.TextHeight+2 || strings.HasPrefix(lineString(l), "Index") {
			continue // the running head, the folio, the heading
		}
		c := 0
		if l.XMin > mid {
			c = 1
		}
		cols[c] = append(cols[c], l)
	}
	for c, col := range cols {
		sort.SliceStable(col, func(i, j int) bool { return col[i].YMin < col[j].YMin })
		for _, l := range col {
			if l.XMin < colX[c]+1 || len(out) == 0 {
				out = append(out, lineString(l))
			} else {
				out[len(out)-1] += " " + lineString(l)
			}
		}
	}
	return out
}

func lineString(l indexLineBox) string {
	var ws []string
	for _, w := range l.Words {
		ws = append(ws, w.Text)
	}
	return strings.Join(ws, " ")
}

var locator = regexp.MustCompile(`^(\d+)(?:–(\d+)|n(\d+))?$`)

// parseEntry reads "Stalin, Joseph Vissarionovich, 7–8, 9n1": the entry whose heading begins it,
// and its locators as places (a range as each of its pages).
func parseEntry(r *edition.Register, s string) (*edition.Entry, []place) {
	var best *edition.Entry
	for _, e := range r.Entries {
		if strings.HasPrefix(s, e.Name+", ") && (best == nil || len(e.Name) > len(best.Name)) {
			best = e
		}
	}
	if best == nil {
		return nil, nil
	}
	var out []place
	for _, l := range strings.Split(strings.TrimPrefix(s, best.Name+", "), ", ") {
		m := locator.FindStringSubmatch(strings.TrimSpace(l))
		if m == nil {
			return nil, nil
		}
		first, _ := strconv.Atoi(m[1])
		switch {
		case m[2] != "":
			last, _ := strconv.Atoi(m[2])
			for p := first; p <= last; p++ {
				out = append(out, place{p, 0})
			}
		case m[3] != "":
			n, _ := strconv.Atoi(m[3])
			out = append(out, place{first, n})
		default:
			out = append(out, place{first, 0})
		}
	}
	return best, out
}

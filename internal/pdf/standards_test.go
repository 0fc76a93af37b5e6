package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"colophon/internal/cover"
	"colophon/internal/edition"
	"colophon/internal/print"
	"colophon/internal/testkit"
	"colophon/internal/typeset"
	"colophon/internal/validate"
)

// made is a PDF the tests made, with the typeset book it draws (nil for the cover).
type made struct {
	path string
	bk   *typeset.Book
	doc  int // the document of a handout, -1 for the whole book
}

// testEditions are the editions whose every PDF the standards tests check: the seed, and the
// rich edition (every construct, pictures, an ISBN).
func testEditions(t *testing.T) []namedEdition {
	return []namedEdition{{"seed", testkit.Seed(t)}, {"rich", testkit.Rich(t)}}
}

type namedEdition struct {
	name string
	b    *edition.Book
}

// makeAll writes every PDF of an edition a build makes — the book, each handout on both sheets,
// both booklets and the wrap cover — once per test binary, sharing faces and pictures as a
// build does.
func makeAll(t *testing.T, name string, b *edition.Book) []made {
	t.Helper()
	type key struct{ name string }
	return testkit.Once(t, key{name}, func() ([]made, error) {
		out := testkit.Folder(t, "all-"+name)
		res := NewResources(b, nil)
		var all []made
		write := func(name string, data File, err error, bk *typeset.Book, doc int) error {
			if err != nil {
				return fmt.Errorf("%s: %v", name, err)
			}
			p := filepath.Join(out, name)
			all = append(all, made{path: p, bk: bk, doc: doc})
			return os.WriteFile(p, data.Bytes(), 0o644)
		}
		bk, err := typeset.Typeset(b, typeset.Options{Trim: b.Print.Trim})
		if err != nil {
			return nil, err
		}
		data, err := Book(b, bk, Meta{}, res)
		if err := write("book.pdf", data, err, bk, -1); err != nil {
			return nil, err
		}
		for i, d := range b.Documents {
			bks, err := typeset.TypesetHandouts(b, i, []string{"a4", "letter"}, bk.Fonts, nil)
			if err != nil {
				return nil, err
			}
			for k, h := range bks {
				data, err := Book(b, h, Meta{Title: d.TitleText()}, res)
				if err := write(d.ID+"-"+[]string{"a4", "letter"}[k]+".pdf", data, err, h, i); err != nil {
					return nil, err
				}
			}
		}
		for _, sheet := range []string{"a4", "letter"} {
			sb, err := typeset.Typeset(b, typeset.Options{Trim: typeset.BookletSheets[sheet].Trim, Fonts: bk.Fonts})
			if err != nil {
				return nil, err
			}
			data, err := Booklet(b, sb, typeset.Impose(sb, sheet), res)
			if err := write("booklet-"+sheet+".pdf", data, err, sb, -1); err != nil {
				return nil, err
			}
		}
		img, err := cover.Make(b)
		if err != nil {
			return nil, err
		}
		w := typeset.WrapGeometry(b.Print.Trim, len(bk.Pages), b.Print.PaperIn)
		sheet, err := typeset.WrapCover(b, bk.Fonts, w, typeset.WrapOptions{Service: print.DefaultService, ImageW: img.Width, ImageH: img.Height})
		if err != nil {
			return nil, err
		}
		data, err = WrapCover(b, bk.Fonts, sheet, img, CoverOptions{}, res)
		return all, write("wrap.pdf", data, err, nil, -1)
	})
}

// TestPDFA: PDFBox's preflight finds every PDF of the seed edition and of the rich test edition
// valid PDF/A-1b, and each declares what it is: PDF/A-1a and PDF/UA-1 when tagged, 1b otherwise.
func TestPDFA(t *testing.T) {
	for _, e := range testEditions(t) {
		all := makeAll(t, e.name, e.b)
		var paths []string
		for _, m := range all {
			paths = append(paths, m.path)
		}
		for path, findings := range validate.PDFA(t, paths...) {
			for _, f := range findings {
				t.Errorf("%s: %s", filepath.Base(path), f)
			}
		}
		for _, m := range all {
			raw, err := os.ReadFile(m.path)
			if err != nil {
				t.Fatal(err)
			}
			want := []string{"<pdfaid:part>1</pdfaid:part>", "<pdfaid:conformance>A</pdfaid:conformance>", "<pdfuaid:part>1</pdfuaid:part>",
				"/MarkInfo <</Marked true>>", "/StructTreeRoot", "/DisplayDocTitle true", "/GTS_PDFA1", "/CIDSet", "/ID [<"}
			if m.bk == nil {
				want = []string{"<pdfaid:conformance>B</pdfaid:conformance>", "/GTS_PDFA1", "/ID [<"}
			}
			for _, w := range want {
				if !bytes.Contains(raw, []byte(w)) {
					t.Errorf("%s lacks %s", filepath.Base(m.path), w)
				}
			}
			if m.bk != nil && bytes.Contains(raw, []byte("/EmbeddedFiles")) {
				t.Errorf("%s has embedded files", filepath.Base(m.path))
			}
		}
	}
}

// snode is an element of the structure tree as pdfinfo -struct-text prints it.
type snode struct {
	typ, id string
	inline  bool
	attrs   []string // "/Scope /Column", as poppler prints an element's attributes
	items   []sitem
}

type sitem struct {
	text string
	kid  *snode
}

var structLine = regexp.MustCompile(`^(\s*)(?:"(.*)"|Object \d+ \d+|(\w+)(?: <([^>]*)>)?(?: \((block|inline)\))?:?)$`)

// attrLine is an attribute poppler prints under an element whose type it ends with a colon.
var attrLine = regexp.MustCompile(`^\s+(/\w+ .*)$`)

// parseStruct reads pdfinfo -struct-text's tree: two spaces of indent per level, an element's
// type (and ID), its text in quotes, annotations as "Object N 0".
func parseStruct(t *testing.T, out string) *snode {
	t.Helper()
	root := &snode{typ: "root"}
	stack := []*snode{root}
	for _, line := range strings.Split(strings.TrimRight(out, "\n"), "\n") {
		if a := attrLine.FindStringSubmatch(line); a != nil {
			last := stack[len(stack)-1]
			last.attrs = append(last.attrs, a[1])
			continue
		}
		m := structLine.FindStringSubmatch(line)
		if m == nil {
			t.Fatalf("pdfinfo -struct-text: cannot read %q", line)
		}
		depth := len(m[1])/2 + 1
		if depth > len(stack) {
			t.Fatalf("pdfinfo -struct-text: %q is too deep", line)
		}
		parent := stack[depth-1]
		switch {
		case strings.HasPrefix(strings.TrimSpace(line), "\""):
			parent.items = append(parent.items, sitem{text: m[2]})
		case m[3] != "":
			n := &snode{typ: m[3], id: m[4], inline: m[5] == "inline" && m[3] != "Note"}
			parent.items = append(parent.items, sitem{kid: n})
			stack = append(stack[:depth], n)
		}
	}
	return root
}

// text is the element's text, its kids' included, unless skip says to leave a kid out.
func (n *snode) text(skip func(*snode) bool) string {
	var b strings.Builder
	for _, it := range n.items {
		if it.kid == nil {
			b.WriteString(it.text)
			continue
		}
		if skip != nil && skip(it.kid) {
			continue
		}
		b.WriteString(it.kid.text(skip))
		if !it.kid.inline {
			b.WriteString(" ")
		}
	}
	return b.String()
}

func (n *snode) walk(fn func(n *snode, parent *snode, i int)) {
	for i, it := range n.items {
		if it.kid != nil {
			fn(it.kid, n, i)
			it.kid.walk(fn)
		}
	}
}

// words splits text into words, joining a word broken at a line's end (by a soft hyphen, which
// the break's hyphen stands for, or after a hyphen of the text) with its rest.
func words(s string) []string {
	f := strings.Fields(s)
	var out []string
	for i := 0; i < len(f); i++ {
		w := f[i]
		for (strings.HasSuffix(w, "\u00ad") || (strings.HasSuffix(w, "-") && len(w) > 1)) && i+1 < len(f) {
			i++
			w = strings.TrimSuffix(w, "\u00ad") + f[i]
		}
		// poppler's structure reader shows a hyphen the break added as a hyphen, its text reader as
		// the soft hyphen it stands for: compare words without either.
		out = append(out, strings.NewReplacer("\u00ad", "", "-", "").Replace(w))
	}
	return out
}

// lineWords are the words of a set line as pdftotext reads them: a hyphen the line break added
// reads as the soft hyphen it stands for.
func lineWords(l *typeset.Line) []string {
	var b strings.Builder
	for i, g := range l.Glyphs {
		text := g.Text
		if l.BreakHyphen && i == len(l.Glyphs)-1 {
			text = strings.TrimSuffix(text, "-") + "\u00ad"
		}
		b.WriteString(text)
		b.WriteString(" ")
	}
	return strings.Fields(b.String())
}

// TestStructure reads each tagged PDF's structure with poppler and checks that every word
// pdftotext extracts from the page bodies is in a structure element, in reading order; that no
// running head or folio is; that each note is a Note after the element citing it; and that the
// H1s are the documents' titles, which are the contents.
func TestStructure(t *testing.T) {
	for _, e := range testEditions(t) {
		b, all := e.b, makeAll(t, e.name, e.b)
		for _, m := range all {
			if m.bk == nil || strings.Contains(m.path, "booklet") {
				continue // booklets draw the same pages in the order of the sheets
			}
			checkStructure(t, b, m)
		}
	}
}

func checkStructure(t *testing.T, b *edition.Book, m made) {
	name := filepath.Base(m.path)
	tree := parseStruct(t, validate.Output(t, "pdfinfo", "-struct-text", m.path))
	isNote := func(n *snode) bool { return n.typ == "Note" }

	// The page bodies as pdftotext reads them: the text block above the notes' rule, and the notes
	// below it, cropped by the page's geometry, so that running heads and folios (above and below
	// the text block) are left out.
	g := m.bk.Geometry
	crop := func(page int, top, bottom float64) []string {
		return strings.Fields(validate.Output(t, "pdftotext", "-f", strconv.Itoa(page), "-l", strconv.Itoa(page),
			"-x", "0", "-y", strconv.Itoa(int(top)), "-W", strconv.Itoa(int(g.W+2*g.Bleed)+1), "-H", strconv.Itoa(int(bottom-top)+1), m.path, "-"))
	}
	var body, noteWords []string
	for _, p := range m.bk.Pages {
		top, bottom := g.TopY()-2, g.TopY()+g.TextHeight+2
		rule := bottom
		for _, r := range p.Rules {
			if r.Notes {
				rule = min(rule, r.Y)
			}
		}
		ws := crop(p.Number, top, rule)
		for _, pl := range p.Placed {
			if pl.Line.Struct != nil && pl.Line.Struct.Type == typeset.Artifact {
				// pdftotext may read an ornament's spaced stars as one word.
				ws = remove(ws, strings.Join(lineWords(pl.Line), ""))
				for _, w := range lineWords(pl.Line) {
					ws = remove(ws, w)
				}
			}
		}
		body = append(body, ws...)
		if rule < bottom {
			noteWords = append(noteWords, crop(p.Number, rule, bottom)...)
		}
	}
	all := append(words(strings.Join(body, " ")), words(strings.Join(noteWords, " "))...)
	// Every word is in the tree, and nothing else is (so no head or folio is).
	tagged := words(tree.text(nil))
	if extra, missing := multisetDiff(tagged, all); len(extra)+len(missing) > 0 {
		t.Errorf("%s: the words in the structure tree are not the words on the pages: %q in the tree only, %q on the pages only", name, extra, missing)
	}
	// Without the notes, the tree reads as the pages do. pdftotext reads a table by where its
	// words sit, not cell by cell (a header's second line after the next cell's first), so each
	// table is compared as the words it holds, in any order, at its place in the text.
	got, want := words(tree.text(isNote)), words(strings.Join(body, " "))
	// A figure that did not fit where it is cited floats to the next page, so its caption is read
	// in its place in the tree and where it was printed on the pages: each caption is taken out of
	// both (contents_test checks that it is printed on its picture's page).
	tree.walk(func(n, _ *snode, _ int) {
		switch n.typ {
		case "Table":
			tw := words(n.text(isNote))
			got, want = sortedSpan(got, tw), sortedSpan(want, tw)
		case "Caption":
			cw := words(n.text(isNote))
			got, want = cutSpan(got, cw), cutSpan(want, cw)
		}
	})
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("%s: the structure's reading order differs from the pages':\n%s", name, diffWords(got, want))
	}
	// Each note follows the element that cites it (or the notes that element cites before it).
	notes := 0
	tree.walk(func(n, parent *snode, i int) {
		if n.typ != "Note" {
			return
		}
		notes++
		num := regexp.MustCompile(`-(\d+)$`).FindStringSubmatch(n.id)
		if num == nil {
			t.Errorf("%s: a Note without an ID: %q", name, n.id)
			return
		}
		k := i - 1
		for k >= 0 && (parent.items[k].kid == nil || parent.items[k].kid.typ == "Note") {
			k--
		}
		if k < 0 || !citesNote(parent.items[k].kid, num[1]) {
			t.Errorf("%s: note %s does not follow the element citing it", name, n.id)
		}
	})
	cited := 0
	for i, d := range b.Documents {
		if m.doc < 0 || m.doc == i {
			cited += len(d.Notes)
		}
	}
	if notes != cited {
		t.Errorf("%s: %d Note elements, want %d", name, notes, cited)
	}
	// The H1s are the documents' titles, in order, then the back matter's headings (the
	// references, the notes on persons, the indexes); the contents list them in that order.
	var h1, toc []string
	tree.walk(func(n, _ *snode, _ int) {
		switch n.typ {
		case "H1":
			h1 = append(h1, strings.Join(strings.Fields(n.text(func(k *snode) bool { return k.typ == "Link" })), " "))
		case "TOCI":
			toc = append(toc, strings.Join(strings.Fields(n.text(nil)), " "))
		}
	})
	var titles []string
	for i, d := range b.Documents {
		if m.doc < 0 || m.doc == i {
			titles = append(titles, strings.Join(strings.Fields(d.TitleText()), " "))
		}
	}
	if m.doc < 0 {
		if len(b.Bibliography) > 0 {
			titles = append(titles, b.Say("bibliography"))
		}
		titles = append(titles, typeset.BackTitles(b)...)
	}
	if strings.Join(h1, "\n") != strings.Join(titles, "\n") {
		t.Errorf("%s: H1s %q, want the titles %q", name, h1, titles)
	}
	if m.doc < 0 {
		// Each contents entry is an H1, in order (the contents may leave one out).
		j := 0
		for _, e := range toc {
			for j < len(h1) && !strings.HasPrefix(e, h1[j]) {
				j++
			}
			if j == len(h1) {
				t.Errorf("%s: contents entry %q is not an H1 in order", name, e)
			}
		}
		if len(toc) != len(h1) {
			t.Errorf("%s: %d contents entries for %d H1s", name, len(toc), len(h1))
		}
	}
}

func citesNote(n *snode, num string) bool {
	found := false
	var look func(n *snode)
	look = func(n *snode) {
		for _, it := range n.items {
			if it.kid == nil {
				continue
			}
			if it.kid.typ == "Link" && strings.TrimSpace(it.kid.text(nil)) == num {
				found = true
			}
			if it.kid.typ != "Note" {
				look(it.kid)
			}
		}
	}
	look(n)
	return found
}

// multisetDiff lists the words only a has and only b has, counting repeats.
func multisetDiff(a, b []string) (onlyA, onlyB []string) {
	count := map[string]int{}
	for _, w := range a {
		count[w]++
	}
	for _, w := range b {
		count[w]--
	}
	keys := make([]string, 0, len(count))
	for w := range count {
		keys = append(keys, w)
	}
	sort.Strings(keys)
	for _, w := range keys {
		for n := count[w]; n > 0; n-- {
			onlyA = append(onlyA, w)
		}
		for n := count[w]; n < 0; n++ {
			onlyB = append(onlyB, w)
		}
	}
	return onlyA, onlyB
}

// remove takes the first occurrence of w out of ws.
// sortedSpan sorts the first run of ws that holds exactly the words of span, in any order.
func sortedSpan(ws, span []string) []string {
	key := slices.Sorted(slices.Values(span))
	for i := 0; i+len(span) <= len(ws); i++ {
		if slices.Equal(slices.Sorted(slices.Values(ws[i:i+len(span)])), key) {
			return slices.Concat(ws[:i], key, ws[i+len(span):])
		}
	}
	return ws
}

// cutSpan removes the first run of ws that is span.
func cutSpan(ws, span []string) []string {
	for i := 0; i+len(span) <= len(ws); i++ {
		if slices.Equal(ws[i:i+len(span)], span) {
			return slices.Concat(ws[:i], ws[i+len(span):])
		}
	}
	return ws
}

func remove(ws []string, w string) []string {
	for i, x := range ws {
		if x == w {
			return append(ws[:i:i], ws[i+1:]...)
		}
	}
	return ws
}

// diffWords shows where two word lists first differ.
func diffWords(got, want []string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	lo := max(0, i-5)
	return "structure: " + strings.Join(got[lo:min(len(got), i+8)], " ") + "\npages:     " + strings.Join(want[lo:min(len(want), i+8)], " ")
}

// content returns the decompressed content stream of a PDF with one page.
func content(t *testing.T, pdf []byte) string {
	t.Helper()
	m := regexp.MustCompile(`(?s)/Contents (\d+) 0 R`).FindSubmatch(pdf)
	if m == nil {
		t.Fatal("no /Contents")
	}
	at := bytes.Index(pdf, []byte("\n"+string(m[1])+" 0 obj\n"))
	s := bytes.Index(pdf[at:], []byte("stream\n")) + at + len("stream\n")
	e := bytes.Index(pdf[s:], []byte("\nendstream")) + s
	r, err := zlib.NewReader(bytes.NewReader(pdf[s:e]))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// oneLine draws s in a PDF of one page, tagged as a paragraph.
func oneLine(t *testing.T, s string, size float64) (*edition.Book, *typeset.Fonts, []byte) {
	t.Helper()
	b := testkit.Seed(t)
	fonts, err := typeset.NewFonts(b.Fonts)
	if err != nil {
		t.Fatal(err)
	}
	d := newDoc(b, fonts, 600, 200, Meta{}, nil, nil)
	p := d.addPage()
	d.text(p, typeset.Regular, size, 20, 100, s, fonts)
	data, err := bytesOf(d.finish())
	if err != nil {
		t.Fatal(err)
	}
	return b, fonts, data
}

var tjRe = regexp.MustCompile(`\[((?:<[0-9A-F]{4}>|-?[\d.]+|\s)*)\] TJ`)

// TestKerning: the font kerns "To" (the o tucks under the T's arm), and the content stream moves
// the o by exactly that much: its position is not the T's advance from the width table.
func TestKerning(t *testing.T) {
	_, fonts, data := oneLine(t, "To", 100)
	face := fonts.Face(typeset.Regular)
	kerned := face.Shape("To").Glyphs[0].Adv
	plain := face.Shape("T").Advance
	if kerned >= plain {
		t.Fatalf("the font does not kern To: %d ≥ %d", kerned, plain)
	}
	m := tjRe.FindStringSubmatch(content(t, data))
	if m == nil {
		t.Fatalf("no TJ in:\n%s", content(t, data))
	}
	parts := regexp.MustCompile(`<[0-9A-F]{4}>|-?[\d.]+`).FindAllString(m[1], -1)
	if len(parts) != 3 || !strings.HasPrefix(parts[0], "<") || !strings.HasPrefix(parts[2], "<") {
		t.Fatalf("TJ for To is %q, want glyph, adjustment, glyph", m[0])
	}
	adj, _ := strconv.ParseFloat(parts[1], 64)
	want := float64(plain-kerned) * 1000 / face.Upem
	// The width table rounds the T's width to a thousandth of an em; the adjustment makes up for it.
	if math.Abs(adj-want) > 0.6 || adj <= 0 {
		t.Errorf("the o is moved %.3f/1000 em to the left, want the kern %.3f", adj, want)
	}
}

// TestLigatures: "office", "first" and "fluent" are set with the font's ffi, fi and fl ligatures,
// and pdftotext still reads them as plain letters (through the ToUnicode map).
func TestLigatures(t *testing.T) {
	const line = "office first fluent"
	_, fonts, data := oneLine(t, line, 12)
	face := fonts.Face(typeset.Regular)
	for _, w := range strings.Fields(line) {
		if n := len(face.Shape(w).Glyphs); n >= len(w) {
			t.Errorf("%q is set in %d glyphs: no ligature", w, n)
		}
	}
	c := content(t, data)
	if strings.Contains(c, "ActualText") {
		t.Errorf("ligatures need no ActualText: the ToUnicode map gives their letters:\n%s", c)
	}
	p := filepath.Join(t.TempDir(), "lig.pdf")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(strings.Fields(validate.Output(t, "pdftotext", p, "-")), " "); got != line {
		t.Errorf("pdftotext reads %q, want %q", got, line)
	}
}

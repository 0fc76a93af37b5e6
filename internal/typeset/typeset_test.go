package typeset

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"colophon/internal/edition"
	"colophon/internal/print"
	"colophon/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

func project(t testing.TB, docs map[string]string) *edition.Book {
	t.Helper()
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "source"), 0o755)
	os.WriteFile(filepath.Join(dir, "source", "book.yaml"), []byte("title: T\nlanguage: en\ndate: 2026-01-01\n"), 0o644)
	for name, text := range docs {
		os.WriteFile(filepath.Join(dir, "source", name), []byte(text), 0o644)
	}
	return testkit.Load(t, dir)
}

// typeset sets the book at a trim of print.Trims, by name.
func typeset(t testing.TB, b *edition.Book, trim string) *Book {
	t.Helper()
	bk, err := Typeset(b, Options{Trim: print.Trims[trim]})
	if err != nil {
		t.Fatal(err)
	}
	return bk
}

// No line is wider than the measure, on every trim, except one holding a single unbreakable box.
func TestNoLineWiderThanMeasure(t *testing.T) {
	b := testkit.Generated(t, 12, 1)
	for trim := range print.Trims {
		bk := typeset(t, b, trim)
		lines := 0
		for _, p := range bk.Pages {
			for _, pl := range p.Placed {
				if pl.Role == RoleHead || pl.Role == RoleFolio {
					continue
				}
				lines++
				if pl.Line.Natural > pl.Line.Width+0.01 || pl.Line.Overfull > 0 {
					t.Errorf("%s page %d: line %.2f pt wide in a %.2f pt measure: %q", trim, p.Number, pl.Line.Natural, pl.Line.Width, lineText(pl.Line))
				}
				if right := pl.X + pl.Line.Natural; right > bk.Geometry.Left(p.Number)+bk.Geometry.Measure+0.01 && len(pl.Line.Glyphs) > 0 && pl.Line.Glyphs[0].X >= 0 {
					t.Errorf("%s page %d: line ends at %.2f, past the text block", trim, p.Number, right)
				}
			}
		}
		if lines < 100 {
			t.Errorf("%s: only %d lines set", trim, lines)
		}
		if len(bk.Overfull) > 0 {
			t.Errorf("%s: overfull lines reported: %v", trim, bk.Overfull)
		}
	}
}

// No page begins with the last line of a paragraph (widow) or ends with its first (orphan), and
// each note starts on the page of its reference.
func TestWidowsOrphansAndNotePlacement(t *testing.T) {
	for seed := int64(1); seed <= 3; seed++ {
		b := testkit.Generated(t, 15, seed)
		bk := typeset(t, b, "a5")
		count := map[int]int{} // lines per paragraph
		for _, p := range bk.Pages {
			for _, pl := range p.Placed {
				if pl.Role == RoleText {
					count[pl.Line.Para]++
				}
			}
		}
		for _, p := range bk.Pages {
			var text []*Line
			for _, pl := range p.Placed {
				if pl.Role == RoleText {
					text = append(text, pl.Line)
				}
			}
			if len(text) == 0 {
				continue
			}
			// Lines of the page's first and last paragraphs that are on this page.
			firstPara, lastPara := text[0].Para, text[len(text)-1].Para
			on := func(para int) int {
				n := 0
				for _, l := range text {
					if l.Para == para {
						n++
					}
				}
				return n
			}
			if n := on(firstPara); n < count[firstPara] && n < 2 {
				t.Errorf("seed %d page %d begins with a widow (%d of %d lines)", seed, p.Number, n, count[firstPara])
			}
			if n := on(lastPara); n < count[lastPara] && n < 2 {
				t.Errorf("seed %d page %d ends with an orphan (%d of %d lines)", seed, p.Number, n, count[lastPara])
			}
			// Every note cited on the page begins on it.
			anchors := map[string]bool{}
			for _, a := range p.Anchors {
				anchors[a.Name] = true
			}
			for _, pl := range p.Placed {
				if pl.Role != RoleText {
					continue
				}
				for _, g := range pl.Line.Glyphs {
					if g.Note() != nil && !anchors[NoteAnchor(pl.Doc, g.Note().Number)] {
						t.Errorf("seed %d page %d: note %d of document %d is cited but does not begin here", seed, p.Number, g.Note().Number, pl.Doc)
					}
				}
			}
		}
	}
}

// A note too long for the room left on its page continues on the next.
func TestLongNoteSplitsAcrossPages(t *testing.T) {
	var long []string
	for i := 0; i < 60; i++ {
		long = append(long, fmt.Sprintf("Sentence %d of a very long editorial note that runs on and on.", i))
	}
	var body []string
	for i := 0; i < 12; i++ {
		body = append(body, "A paragraph of running text that fills the page before the note is cited and keeps going for a while longer.")
	}
	body = append(body, "The reference to the long note.[^long]", "Text after the reference, which carries on for a few more lines so that the page has more to hold.")
	b := project(t, map[string]string{"a.md": "# A Title\n\n" + strings.Join(body, "\n\n") + "\n\n[^long]: " + strings.Join(long, " ") + "\n"})
	bk := typeset(t, b, "a5")
	pagesWithNote := 0
	refPage := 0
	for _, p := range bk.Pages {
		has := false
		for _, pl := range p.Placed {
			if pl.Role == RoleNote {
				has = true
			}
			for _, g := range pl.Line.Glyphs {
				if g.Note() != nil && pl.Role == RoleText {
					refPage = p.Number
				}
			}
		}
		if has {
			pagesWithNote++
			if refPage == 0 {
				t.Errorf("note lines on page %d before the reference", p.Number)
			}
		}
	}
	if pagesWithNote < 2 {
		t.Errorf("the long note is on %d page(s); it must split across at least two", pagesWithNote)
	}
	start := 0
	for _, p := range bk.Pages {
		for _, a := range p.Anchors {
			if a.Name == NoteAnchor(0, 1) {
				start = p.Number
			}
		}
	}
	if start != refPage {
		t.Errorf("the note begins on page %d, its reference is on page %d", start, refPage)
	}
}

// A 200-character URL is broken where it must be, preferably after its punctuation, so no line
// runs past the margin; every character is still there, in order, and nothing hangs.
func TestUnbreakableString(t *testing.T) {
	url := "https://example.org/" + strings.Repeat("abcdefghij", 18)
	b := project(t, map[string]string{"a.md": "# T\n\nBefore the address there is ordinary text, then " + url + " and after it more ordinary text that fills another line or two of the paragraph.\n"})
	bk := typeset(t, b, "a5")
	if len(bk.Overfull) != 0 {
		t.Errorf("overfull lines: %v", bk.Overfull)
	}
	var all strings.Builder
	lines := 0
	for _, p := range bk.Pages {
		for _, pl := range p.Placed {
			if pl.Role != RoleText || pl.Doc != 0 {
				continue
			}
			if pl.Line.Natural > pl.Line.Width+0.01 {
				t.Errorf("line too wide: %q", lineText(pl.Line))
			}
			for _, g := range pl.Line.Glyphs {
				all.WriteString(g.Text)
			}
			lines++
		}
	}
	if !strings.Contains(strings.ReplaceAll(all.String(), " ", ""), url) {
		t.Errorf("the URL is not all there, in order:\n%s", all.String())
	}
	if lines < 4 {
		t.Errorf("%d lines: the URL was not broken over lines", lines)
	}
}

// A word of 100,000 characters is set over many lines, quickly, none of them too wide.
func TestHugeWord(t *testing.T) {
	b := project(t, map[string]string{"a.md": "# T\n\n" + strings.Repeat("x", 100000) + "\n"})
	bk := typeset(t, b, "a5")
	if len(bk.Overfull) != 0 || len(bk.Pages) < 20 {
		t.Errorf("%d pages, overfull %v", len(bk.Pages), bk.Overfull)
	}
}

func dump(bk *Book) string {
	var b strings.Builder
	for _, p := range bk.Pages {
		fmt.Fprintf(&b, "page %d blank=%v doc=%d\n", p.Number, p.Blank, p.Doc)
		for _, pl := range p.Placed {
			fmt.Fprintf(&b, "%.3f %.3f %d", pl.X, pl.Y, pl.Role)
			for _, g := range pl.Line.Glyphs {
				fmt.Fprintf(&b, " [%.3f %q %d %.2f]", g.X, g.Text, g.Style, g.Size)
			}
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func TestSameInputSameOutput(t *testing.T) {
	b := testkit.Generated(t, 6, 7)
	if dump(typeset(t, b, "a5")) != dump(typeset(t, b, "a5")) {
		t.Error("two settings of the same book differ")
	}
}

// The seed edition: letters open on rectos, versos left blank are blank, notes sit with their
// references, and the contents carry the pages the letters open on.
func TestSeedBook(t *testing.T) {
	b := testkit.Seed(t)
	bk := typeset(t, b, "a5")
	for i, start := range bk.DocStart {
		if start%2 != 1 {
			t.Errorf("letter %d opens on page %d, a verso", i+1, start)
		}
		if bk.Pages[start-2].Number%2 == 0 && bk.Pages[start-2].Blank && len(bk.Pages[start-2].Placed) != 0 {
			t.Errorf("blank page %d is not blank", start-1)
		}
	}
	for _, p := range bk.Pages {
		if p.Blank && len(p.Placed)+len(p.Rules) > 0 {
			t.Errorf("blank page %d has content", p.Number)
		}
	}
	contents := ""
	for _, p := range bk.Pages {
		for _, a := range p.Anchors {
			if a.Name == "contents" {
				for _, pl := range p.Placed {
					contents += lineText(pl.Line) + "\n"
				}
			}
		}
	}
	for i, start := range bk.DocStart {
		if !strings.Contains(contents, fmt.Sprint(start)) {
			t.Errorf("contents lack page %d of letter %d:\n%s", start, i+1, contents)
		}
	}
}

// The page builder alone, on paragraphs of every length from one to twelve lines in a random
// order: no page may begin with a paragraph's last line alone or end with its first alone.
func TestPageBuilderWidowsOrphans(t *testing.T) {
	g := NewGeometry(print.A5, 0, 0)
	l := &layout{g: g, doc: 0}
	lengths := []int{}
	x := uint32(12345)
	for i := 0; i < 400; i++ {
		x = x*1664525 + 1013904223 // a fixed linear congruential sequence: the same every run
		lengths = append(lengths, 1+int(x>>16)%12)
	}
	for _, n := range lengths {
		lines := make([]*Line, n)
		for i := range lines {
			lines[i] = &Line{Leading: g.Leading, FirstWord: -1}
		}
		l.add(lines, 0, false, RoleText)
		if n%5 == 0 {
			l.space(g.Leading / 2)
		}
	}
	pb := &pageBuilder{g: g, noteLd: g.Leading * 0.8}
	pb.build(l.list)
	count := map[int]int{}
	for _, it := range l.list {
		if it.line != nil {
			count[it.line.Para]++
		}
	}
	if len(pb.pages) < 20 {
		t.Fatalf("only %d pages", len(pb.pages))
	}
	for _, p := range pb.pages {
		paras := []int{}
		for _, pl := range p.Placed {
			paras = append(paras, pl.Line.Para)
		}
		if len(paras) == 0 {
			continue
		}
		on := func(para int) int {
			n := 0
			for _, q := range paras {
				if q == para {
					n++
				}
			}
			return n
		}
		first, last := paras[0], paras[len(paras)-1]
		if n := on(first); n < count[first] && n < 2 {
			t.Errorf("page %d begins with a widow: %d of %d lines", p.Number, n, count[first])
		}
		if n := on(last); n < count[last] && n < 2 {
			t.Errorf("page %d ends with an orphan: %d of %d lines", p.Number, n, count[last])
		}
		h := 0.0
		for range p.Placed {
			h += g.Leading
		}
		if h > g.TextHeight+0.01 {
			t.Errorf("page %d holds %.1f pt of text in %.1f pt", p.Number, h, g.TextHeight)
		}
	}
}

// Never more than two hyphenated lines in a row, on a narrow measure where hyphens are many.
func TestHyphensInARow(t *testing.T) {
	b := testkit.Generated(t, 20, 11)
	fonts, err := NewFonts(b.Fonts)
	if err != nil {
		t.Fatal(err)
	}
	h, _ := NewHyphenator("en")
	s := &Setter{Fonts: fonts, Hyph: h, Word: -1}
	hyphenated := 0
	for _, d := range b.Documents {
		for _, bl := range d.Blocks {
			if bl.Kind != edition.Paragraph {
				continue
			}
			run := 0
			for _, l := range s.SetParagraph(bl.Inlines, ParaStyle{Size: 10, Leading: 12.5, Align: Justify, Hyphenate: true}, 160) {
				if l.Hyphenated {
					run++
					hyphenated++
				} else {
					run = 0
				}
				if run > 2 {
					t.Fatalf("%s: three hyphenated lines in a row", d.Path)
				}
			}
		}
	}
	if hyphenated < 20 {
		t.Errorf("only %d hyphenated lines: the test is not exercising hyphenation", hyphenated)
	}
}

func BenchmarkTypesetSeed(b *testing.B) {
	bk := testkit.Seed(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Typeset(bk, Options{Trim: print.A5}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTypeset100(b *testing.B) {
	bk := testkit.Generated(b, 100, 1)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Typeset(bk, Options{Trim: print.A5}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestCreditsIdentifier: the printed credits show the print ISBN, or no identifier at all (the
// EPUB's urn:uuid: means nothing on paper).
func TestCreditsIdentifier(t *testing.T) {
	frontText := func(bk *Book) string {
		var s strings.Builder
		for _, p := range bk.Pages {
			if !p.Front {
				continue
			}
			for _, pl := range p.Placed {
				s.WriteString(lineText(pl.Line) + "\n")
			}
		}
		return s.String()
	}
	seed := frontText(typeset(t, testkit.Seed(t), "a5"))
	if strings.Contains(seed, "urn:") || strings.Contains(seed, "Identifier") {
		t.Errorf("the seed's credits print an identifier:\n%s", seed)
	}
	rich := testkit.Rich(t)
	// lineText joins a line's runs without the spaces between them; the ISBN is hyphenated by the
	// ISBN Agency's ranges.
	if got := frontText(typeset(t, rich, "royal")); !strings.Contains(got, "ISBN978-0-306-40615-7") || strings.Contains(got, "..") {
		t.Errorf("the rich edition's credits lack ISBN %s, or have a doubled full stop:\n%s", rich.ISBN, got)
	}
}

// TestNoSpaceStretchedPastMax: no interword space is set wider than maxSpace times its natural
// width, on the fuzz corpus, on German compounds at the notes' measure (a note once set its first
// word "Unter" alone across the measure with a 40-point gap), and at a measure of 20 characters.
// Where the breaks leave a line too short, it ends ragged instead.
func TestNoSpaceStretchedPastMax(t *testing.T) {
	fs, err := NewFonts(testkit.Seed(t).Fonts)
	if err != nil {
		t.Fatal(err)
	}
	type para struct {
		text  string
		width float64
	}
	german := "Unter Berücksichtigung der Arbeiterschutzbestimmungen und der Sozialversicherungsgesetzgebung wurde die Gewerkschaftsversammlung der Metallarbeiterschaft einberufen."
	cases := []para{
		{german, 30 * 10.5}, // the book's notes' measure
		{german, 34 * 11.5}, // a handout's
		{german, 20 * 5},    // about twenty characters
		{"While reading lately the articles, in which each author according to his capacity and ability is trying to kick Stalin’s corpse, one involuntarily begins to ask the question.", 20 * 5},
	}
	files, err := filepath.Glob("testdata/fuzz/FuzzParagraph/*")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(data), "\n")
		if len(lines) < 3 {
			continue
		}
		text, err1 := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(lines[1], "string("), ")"))
		width, err2 := strconv.ParseFloat(strings.TrimSuffix(strings.TrimPrefix(lines[2], "float64("), ")"), 64)
		if err1 != nil || err2 != nil || width < 5 || width > 2000 || !utf8.ValidString(text) {
			continue
		}
		cases = append(cases, para{text, width})
	}
	for _, lang := range []string{"en", "de"} {
		h, err := NewHyphenator(lang)
		if err != nil {
			t.Fatal(err)
		}
		s := &Setter{Fonts: fs, Hyph: h, Word: -1}
		for _, c := range cases {
			ps := ParaStyle{Size: 8.6, Leading: 10.8, Align: Justify, Hyphenate: true}
			for _, l := range s.SetParagraph([]edition.Inline{{Kind: edition.Text, Text: c.text}}, ps, c.width) {
				for i := 1; i < len(l.Glyphs); i++ {
					prev, g := l.Glyphs[i-1], l.Glyphs[i]
					gap := g.X - (prev.X + prev.Width)
					natural := fs.Face(prev.Style).Width(" ", float64(prev.Size))
					if gap > maxSpace*natural+0.01 {
						t.Errorf("%s, %.0f pt: a space of %.1f pt (natural %.1f) in %q", lang, c.width, gap, natural, lineText(l))
					}
				}
			}
		}
	}
}

// A table longer than a page breaks between rows and sets its header row again at the head of
// each following page, as an artifact: the tagged header stays the first page's, once.
func TestTableHeaderRepeats(t *testing.T) {
	var src strings.Builder
	src.WriteString("# T\n\nBefore.\n\n| Year | Fond | Opis | Remarks |\n|---|---:|---:|---|\n")
	for i := range 120 {
		fmt.Fprintf(&src, "| %d | %d | %d | Row %d of the register |\n", 1800+i, i, 2*i, i)
	}
	src.WriteString("\nAfter.\n")
	bk := typeset(t, project(t, map[string]string{"a.md": src.String()}), "a5")
	var tablePages []*Page
	heads := 0
	for _, p := range bk.Pages {
		rows := false
		for _, pl := range p.Placed {
			if strings.HasPrefix(lineText(pl.Line), "18") {
				rows = true
			}
			if lineText(pl.Line) == "Year" && pl.Line.Struct != nil && pl.Line.Struct.Type == "TH" {
				heads++
			}
		}
		if rows {
			tablePages = append(tablePages, p)
		}
	}
	if len(tablePages) < 3 {
		t.Fatalf("120 rows set on %d pages; want at least 3", len(tablePages))
	}
	if heads != 1 {
		t.Errorf("the tagged header row is set %d times; want once", heads)
	}
	for _, p := range tablePages[1:] {
		var first *Placed
		for k := range p.Placed {
			if p.Placed[k].Role != RoleText {
				continue // running heads and folios
			}
			if first == nil || p.Placed[k].Y < first.Y {
				first = &p.Placed[k]
			}
		}
		if lineText(first.Line) != "Year" || first.Line.Struct == nil || first.Line.Struct.Type != Artifact {
			t.Errorf("page %d begins with %q (%v), not the repeated header", p.Number, lineText(first.Line), first.Line.Struct)
		}
		if len(p.Rules) < 2 {
			t.Errorf("page %d: the repeated header has no rules", p.Number)
		}
		// The page-list marks where the page's own text begins: its first row, not the repeat.
		if _, w := p.FirstWord(); w == first.Line.FirstWord || w < 0 {
			t.Errorf("page %d: the page-list marks word %d, the repeated header's", p.Number, w)
		}
	}
}

// TestFigureFloats: a portrait facsimile cited after the first paragraphs of a page does not fit
// in what is left of it: it goes to the top of the next page with its caption and the note its
// caption cites, while the paragraphs after it fill the first page, which is left no emptier than
// a page of text. Two figures keep their order; a figure still waiting when its document ends gets
// a page before the next document opens.
func TestFigureFloats(t *testing.T) {
	var src strings.Builder
	src.WriteString("# A\n\n")
	for i := range 14 {
		fmt.Fprintf(&src, "Paragraph %d of the letter, long enough to run to three lines or four on an A5 page, so that a page holds a handful of them and the figure can be seen to float past some.\n\n", i)
	}
	b := project(t, map[string]string{"a.md": src.String(), "b.md": "# B\n\nThe second document.\n"})
	tall := &edition.Picture{Path: "tall.png", Format: "png", Width: 1000, Height: 1400}
	wide := &edition.Picture{Path: "wide.png", Format: "png", Width: 1000, Height: 500}
	note := &edition.Note{Number: 1, Label: "1", Blocks: []edition.Block{{Kind: edition.Paragraph, Inlines: text("A note from the caption.")}}}
	d := &b.Documents[0].Blocks
	fig := func(p *edition.Picture, caption []edition.Inline) edition.Block {
		return edition.Block{Kind: edition.Figure, Picture: p, Alt: "a page", Inlines: caption}
	}
	// After the third paragraph: the tall one (with a note), then the wide one right after it.
	*d = slices.Insert(*d, 3, fig(tall, append(text("The tall facsimile."), edition.Inline{Kind: edition.NoteRef, Note: note})), fig(wide, text("The wide one.")))
	// And one at the very end of the document.
	*d = append(*d, fig(wide, text("The last one.")))
	b.Documents[0].Notes = []*edition.Note{note}
	bk := typeset(t, b, "a5")

	pageOf := func(s string) int {
		for _, p := range bk.Pages {
			for _, pl := range p.Placed {
				// lineText joins the runs without the spaces between them.
				if strings.Contains(lineText(pl.Line), strings.ReplaceAll(s, " ", "")) {
					return p.Number
				}
			}
		}
		t.Fatalf("%q is on no page", s)
		return 0
	}
	var pics []struct {
		page int
		pc   Picture
	}
	for _, p := range bk.Pages {
		for _, pc := range p.Pictures {
			pics = append(pics, struct {
				page int
				pc   Picture
			}{p.Number, pc})
		}
	}
	if len(pics) != 3 || pics[0].pc.Picture != tall || pics[1].pc.Picture != wide {
		t.Fatalf("pictures placed: %+v", pics)
	}
	g := bk.Geometry
	first := pageOf("Paragraph 3 ")
	if pics[0].page <= first-1 || pics[0].page != pageOf("The tall facsimile.") || pics[0].page != pageOf("A note from the caption.") {
		t.Errorf("the tall figure is on page %d, its caption on %d, its note on %d; the paragraph after it on %d",
			pics[0].page, pageOf("The tall facsimile."), pageOf("A note from the caption."), first)
	}
	if pics[0].page == pageOf("Paragraph 2 ") {
		t.Errorf("the tall figure was not floated: it is on page %d with the paragraph before it", pics[0].page)
	}
	if y := pics[0].pc.Y; y > g.TopY()+1 {
		t.Errorf("the floated figure is not at the top of its page: y %.1f, text block top %.1f", y, g.TopY())
	}
	if pics[1].page < pics[0].page {
		t.Errorf("the figures changed order: the wide one on page %d, the tall one on %d", pics[1].page, pics[0].page)
	}
	// The page the tall figure left is full: its last line is within two lines of the text block's foot.
	before := bk.Pages[pics[0].page-2]
	last := 0.0
	for _, pl := range before.Placed {
		if pl.Role == RoleText {
			last = max(last, pl.Y)
		}
	}
	if foot := g.TopY() + g.TextHeight; last < foot-2*g.Leading-g.Leading {
		t.Errorf("page %d, which the figure floated from, ends at %.0f, short of the foot %.0f", before.Number, last, foot)
	}
	if pics[2].page >= pageOf("The second document.") {
		t.Errorf("the last figure (page %d) is not set before the next document opens (page %d)", pics[2].page, pageOf("The second document."))
	}
}

// TestListItemBeginningWithFigure: the item's number stands beside the top of its picture.
func TestListItemBeginningWithFigure(t *testing.T) {
	b := project(t, map[string]string{"a.md": "# A\n\n1. placeholder\n2. The second item.\n"})
	item := &b.Documents[0].Blocks[0].Children[0]
	item.Children = []edition.Block{{Kind: edition.Figure, Alt: "a sheet", Inlines: text("The first sheet."),
		Picture: &edition.Picture{Path: "sheet.png", Format: "png", Width: 300, Height: 200}}}
	bk := typeset(t, b, "a5")
	for _, p := range bk.Pages {
		if len(p.Pictures) == 0 {
			continue
		}
		pc := p.Pictures[0]
		for _, pl := range p.Placed {
			if len(pl.Line.Glyphs) > 0 && pl.Line.Glyphs[0].Text == "1." && pl.Line.Glyphs[0].Lbl {
				if pl.X >= pc.X || pl.Y < pc.Y || pl.Y > pc.Y+bk.Geometry.Leading {
					t.Errorf("the label is at (%.0f, %.0f), the picture's top left at (%.0f, %.0f)", pl.X, pl.Y, pc.X, pc.Y)
				}
				return
			}
		}
		t.Fatal("no label \"1.\" on the figure's page")
	}
	t.Fatal("no picture placed")
}

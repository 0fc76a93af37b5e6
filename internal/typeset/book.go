package typeset

import (
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"colophon/internal/edition"
	"colophon/internal/print"
)

// Book is the edition set in pages.
type Book struct {
	Geometry Geometry
	Fonts    *Fonts
	Pages    []*Page
	// Sheets are the pages as a reader's PDF shows them: one a sheet, with a bleed grown by it,
	// with their boxes and crop marks.
	Sheets   []Sheet
	DocStart []int // the page each document opens on
	// BackStart is the page each part after the documents opens on (the reference list), in the
	// contents' order.
	BackStart []int
	Overfull  []string // lines that stick out of the measure (unbreakable material), for the report
	Root      *Struct  // the logical structure: a Document element, for tagged PDF

	anchorPages map[string]int // TargetPage's, made when first asked
	// setOn is the geometry the pages were set on, when the book is drawn on another (Moved).
	setOn *Geometry
}

// Outline is every bookmark, in page order.
func (bk *Book) Outline() []OutlineEntry {
	var out []OutlineEntry
	for _, p := range bk.Pages {
		out = append(out, p.Outline...)
	}
	return out
}

// Options choose the page.
type Options struct {
	Trim     print.Trim
	BleedMM  float64
	FontSize float64
	// Fonts, when set, are the edition's faces already read; sharing them between the books of
	// one build shares their width caches and the PDF writer's font subsets. Nil reads them.
	Fonts *Fonts
	// Hyphenators, when set, are the build's: its books share each language's memo. Nil makes
	// the book's own.
	Hyphenators *Hyphenators
	// MinInner and MinOuter, in points, are the least inside and outside margins a printer asks
	// for; where the trim's own margins are narrower, the text block moves or its measure gives
	// way (Geometry.widenFor).
	MinInner, MinOuter float64
	// Cache, when set, keeps the documents this book sets and gives those set before from the
	// same sources (colophon watch and serve: DocCache).
	Cache *DocCache
}

// BookGeometry is the page Typeset sets a book on: the trim's, with the margins a printer asks
// for (Options.MinInner, MinOuter).
func BookGeometry(opt Options) Geometry {
	g := NewGeometry(opt.Trim, opt.BleedMM, opt.FontSize)
	g.widenFor(opt.MinInner, opt.MinOuter)
	g.keepHeadsInside(opt.MinOuter)
	return g
}

// Typeset sets the whole book: front matter, contents with page numbers, and each document
// opening on a recto. The contents are laid out, the book is paginated, and the contents are set
// again with the real numbers until nothing moves (twice, in practice).
func Typeset(b *edition.Book, opt Options) (*Book, error) {
	fonts, err := opt.Fonts, error(nil)
	if fonts == nil {
		if fonts, err = NewFonts(b.Fonts); err != nil {
			return nil, err
		}
	}
	hyph := opt.Hyphenators
	if hyph == nil {
		hyph = NewHyphenators()
	}
	g := BookGeometry(opt)
	var starts, backStarts []int
	var bk *Book
	var docs *docLists
	all := make([]int, len(b.Documents))
	for i := range all {
		all[i] = i
	}
	xr := newXRefs(b, all)
	back := newBackMemo()
	passes := 4
	if xr.any() {
		passes = xrefPasses
	}
	for pass := 0; pass < passes; pass++ {
		l := &layout{b: b, g: g, fonts: fonts, starts: starts, backStarts: backStarts, hyph: hyph, docs: docs, xr: xr, cache: opt.Cache, back: back}
		if bk, err = l.run(); err != nil {
			return nil, err
		}
		docs = l.docs
		now := bk.AnchorPages()
		refsSettled := !xr.any() || xr.settled(now)
		if equalInts(bk.DocStart, starts) && equalInts(bk.BackStart, backStarts) && refsSettled {
			return bk, nil
		}
		starts, backStarts = bk.DocStart, bk.BackStart
		if !refsSettled {
			// The documents that hold references are set again with the pages this pass gave.
			xr.pages = now
			if pass+1 >= xrefFixAfter && !xr.fixed {
				xr.fixed, xr.digits = true, digitsOf(len(bk.Pages))
			}
			docs.redo = xr.docs
		}
	}
	if xr.any() && !xr.settled(bk.AnchorPages()) {
		return nil, fmt.Errorf("the cross-references' pages did not settle in %d passes", passes)
	}
	return bk, nil
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

type layout struct {
	b      *edition.Book
	g      Geometry
	fonts  *Fonts
	starts []int // document opening pages from the previous pass, for the contents
	// backStarts are the opening pages of the parts after the documents, from the previous pass.
	backStarts []int
	hyph       *Hyphenators
	set        *Setter
	list       []vitem
	doc        int
	keep       int // lines that must follow before a page may break (a heading keeps two with it)
	notes      map[*edition.Note]*noteBlock
	over       []string
	// warn holds mistakes in the sources that only setting them reveals (a table too wide for
	// the measure at any size), at their source position: they stop the build.
	warn    []edition.Diagnostic
	paras   int
	rtl     bool    // the text being set is right to left: its paragraphs, notes and lists mirrored
	docLang string  // the language of the document being set
	passage string  // the language of the passage (::: {lang=xx}) being set, "" outside one
	figures int     // figures set so far in the document, for the EPUB's page markers
	parent  *Struct // the element new paragraphs are added to
	root    *Struct // a handout's Document element, shared by the sheets that share its lines
	// docs are the documents' vertical lists, kept from the first pass: only the front matter
	// changes when the contents get their page numbers, and the documents that hold
	// cross-references when the pages they print change.
	docs *docLists
	// xr are the book's cross-references and the pages the last pass found their targets on.
	xr *xrefs
	// paraBase is the number of the book's paragraphs before a document's, as its lines were
	// last numbered with.
	paraBase int
	// cache, when set, holds documents set before (DocCache).
	cache *DocCache
	// back holds the register's back matter as the last pass set it (index.go); a handout,
	// which has none, has none.
	back *backMemo
}

type docLists struct {
	items []vitem
	// whole is the list items stand in, behind front items of the front matter: the next pass
	// writes its front matter over those when it has as many.
	whole []vitem
	front int
	over  []string
	warn  []edition.Diagnostic
	sects []*Struct
	// subs are each document's own layout, kept for the next pass; redo says which documents
	// that pass sets again (nil: none).
	subs []*layout
	redo []bool
}

// Paragraph styles, scaled from the body size.
func (l *layout) body() ParaStyle {
	return ParaStyle{Size: l.g.Size, Leading: l.g.Leading, Align: Justify, Indent: l.g.Size, Hyphenate: true, RTL: l.rtl}
}

// style is a paragraph style of the document being set; Left and Right are its start and end
// (mirrored in a right-to-left document).
func (l *layout) style(size, leadingFactor float64, st Style, al Align) ParaStyle {
	s := l.g.Size * size
	return ParaStyle{Size: s, Leading: l.g.Leading * leadingFactor, Style: st, Align: al, RTL: l.rtl}
}

func (l *layout) hyphenator(lang string) *Hyphenator { return l.hyph.For(lang) }

// language sets what follows in a language — its direction, its hyphenation, the language its
// spans are told from — until the function it returns puts back what was before.
func (l *layout) language(lang string) (restore func()) {
	hyph, set, rtl := l.set.Hyph, l.set.Lang, l.rtl
	l.set.Hyph, l.set.Lang, l.rtl = l.hyphenator(lang), lang, RightToLeft(lang)
	return func() { l.set.Hyph, l.set.Lang, l.rtl = hyph, set, rtl }
}

func (l *layout) run() (*Book, error) {
	l.set = &Setter{Fonts: l.fonts, Hyph: l.hyphenator(l.b.Language), Lang: l.b.Language, Word: -1, XRef: l.resolver()}
	l.notes = map[*edition.Note]*noteBlock{}
	l.doc = -1
	root := &Struct{Type: "Document", Doc: -1}
	l.parent = newStruct(root, "Sect", -1)
	l.frontMatter()
	if d := l.docs; d != nil && d.redo == nil {
		if len(l.list) == d.front {
			// The front matter has as many items as in the pass that put the documents' items
			// behind it: it is written over that pass's, and the documents' are not copied
			// again (at 1,000 documents a copy is some 40 MB).
			copy(d.whole, l.list)
			l.list = d.whole[:d.front+len(d.items)]
		} else {
			front := len(l.list)
			l.list = append(l.list, d.items...)
			d.whole, d.front, d.items = l.list, front, l.list[front:len(l.list):len(l.list)]
		}
		l.over = append(l.over, d.over...)
	} else {
		front, over := len(l.list), len(l.over)
		docs := l.documents(l.docs)
		l.list = append(l.list, docs.items...)
		l.over = append(l.over, docs.over...)
		docs.items, docs.over = l.list[front:len(l.list):len(l.list)], l.over[over:len(l.over):len(l.over)]
		docs.whole, docs.front = l.list, front
		l.docs = docs
	}
	if len(l.docs.warn) > 0 {
		return nil, edition.Diagnostics(l.docs.warn)
	}
	root.Kids = append(root.Kids, l.docs.sects...)
	back := l.backParts()
	for _, p := range back {
		if p.set != nil {
			root.Kids = append(root.Kids, p.set(l))
		}
	}
	pb := &pageBuilder{g: l.g, noteLd: l.noteStyle().Leading}
	pb.build(l.list)
	// The indexes, made as pages from where the occurrences are on the pages made so far
	// (index.go).
	var pages map[string]int
	bodyPages := map[int]bool{}
	first := true
	for _, p := range back {
		if p.index == nil {
			continue
		}
		if pages == nil {
			pages = (&Book{Pages: pb.pages}).AnchorPages()
			for _, pg := range pb.pages {
				if !pg.Front && !pg.Blank && pg.Doc >= 0 {
					bodyPages[pg.Number] = true
				}
			}
		}
		root.Kids = append(root.Kids, l.indexPages(pb, *p.index, first, pages, func(n int) bool { return bodyPages[n] }))
		first = false
	}
	bk := &Book{Geometry: l.g, Fonts: l.fonts, Pages: pb.pages, Overfull: l.over, Root: root}
	bk.DocStart = make([]int, len(l.b.Documents))
	bk.BackStart = make([]int, len(back))
	for _, p := range pb.pages {
		for _, a := range p.Anchors {
			if d, ok := docOfAnchor(a.Name); ok && d < len(bk.DocStart) {
				bk.DocStart[d] = p.Number
			}
			for i, part := range back {
				if a.Name == part.anchor {
					bk.BackStart[i] = p.Number
				}
			}
		}
	}
	l.heads(bk)
	bk.Sheets = readerSheets(bk.Pages, bk.Geometry)
	return bk, nil
}

// documents sets every document's vertical list — or, given the last pass's lists, only the
// documents it says to set again. Documents do not depend on one another until pages are made,
// so they are set on all cores, each by a layout of its own (setter, notes), sharing the
// hyphenators and their memos, and their lists joined in order.
func (l *layout) documents(prev *docLists) *docLists {
	n := len(l.b.Documents)
	subs := make([]*layout, n)
	var todo []int
	cached := func(i int) bool { return l.cache != nil && (l.xr == nil || !l.xr.docs[i]) }
	for i := 0; i < n; i++ {
		if prev != nil && !prev.redo[i] {
			subs[i] = prev.subs[i]
			continue
		}
		if prev == nil && cached(i) {
			if sub := l.cache.take(l.cache.key(l.b, i, l.g)); sub != nil {
				subs[i] = sub
				continue
			}
		}
		todo = append(todo, i)
	}
	// The notes on persons, when this pass can set them, go first to a core: job -1.
	var early []*edition.Entry
	if prev == nil {
		early = l.earlyPersonNotes()
	}
	earlyLines := make([][]*Line, len(early))
	if len(early) > 0 {
		todo = append([]int{-1}, todo...)
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(runtime.GOMAXPROCS(0), len(todo)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// The setter's scratch (its item list, the bidi state) goes from each document this
			// core sets to the next, and no document keeps it: a document's layout is kept to the
			// end of the book (and by watch's cache), and at 1,000 documents their setters' lists
			// held 170 MB of a 390 MB live heap, which the collector worked through under the
			// memory limit.
			var scratch Setter
			for i := range next {
				if i < 0 {
					set := &Setter{Fonts: l.fonts, Hyph: l.hyphenator(l.b.Language), Lang: l.b.Language, Word: -1}
					scratch.handOver(set)
					for k, e := range early {
						earlyLines[k] = l.personNote(set, e)
					}
					set.handOver(&scratch)
					continue
				}
				sub := &layout{b: l.b, g: l.g, fonts: l.fonts, hyph: l.hyph, xr: l.xr}
				sub.set = &Setter{Fonts: l.fonts, Word: -1, XRef: sub.resolver()}
				scratch.handOver(sub.set)
				sub.notes = map[*edition.Note]*noteBlock{}
				sub.root = sub.document(i, l.b.Documents[i])
				sub.set.handOver(&scratch)
				subs[i] = sub
				if prev == nil && cached(i) {
					l.cache.put(l.cache.key(l.b, i, l.g), sub)
				}
			}
		}()
	}
	for _, i := range todo {
		next <- i
	}
	close(next)
	wg.Wait()
	for k, e := range early {
		l.back.notes[e.ID] = earlyLines[k]
	}
	out := &docLists{subs: subs}
	total := 0
	for _, sub := range subs {
		total += len(sub.list)
	}
	out.items = make([]vitem, 0, total) // the book's list, made once: a vitem is large
	for _, sub := range subs {
		// Paragraph numbers run through the book (a document kept from the last pass has its
		// lines numbered from where it began then).
		l.renumber(sub)
		l.paras += sub.paras
		out.items = append(out.items, sub.list...)
		out.over = append(out.over, sub.over...)
		out.warn = append(out.warn, sub.warn...)
		out.sects = append(out.sects, sub.root)
	}
	return out
}

// renumber numbers a document's lines from the paragraphs before it in this book. A document
// taken from the cache may be shared with another book of the build: the cache's lock keeps two
// from numbering it at once (two books at one geometry number it alike).
func (l *layout) renumber(sub *layout) {
	if l.cache != nil {
		l.cache.mu.Lock()
		defer l.cache.mu.Unlock()
	}
	if d := l.paras - sub.paraBase; d != 0 {
		for _, it := range sub.list {
			if it.line != nil {
				it.line.Para += d
			}
		}
	}
	sub.paraBase = l.paras
}

// add appends lines as vertical items; breakOK follows the widow and orphan rules: no page may end
// after a paragraph's first line or before its last, and kept material holds two lines after it.
func (l *layout) add(lines []*Line, x float64, keepWithNext bool, role Role) {
	n := len(lines)
	l.paras++
	for i, ln := range lines {
		k := i + 1
		// A page should not end with a hyphenated word either (TeX's \brokenpenalty, made a rule).
		ok := k == n || (k >= 2 && n-k >= 2)
		if l.keep > 0 {
			ok = false
			l.keep--
		}
		if keepWithNext {
			ok = false
		}
		if ln.Overfull > 0.5 {
			l.over = append(l.over, fmt.Sprintf("a line %.1f pt wider than the measure: %q", ln.Overfull, lineText(ln)))
		}
		ln.Para = l.paras
		it := vitem{line: ln, x: x, height: ln.Leading, breakOK: ok, doc: l.doc, role: role}
		if ln.Hyphenated {
			it.penalty = brokenPenalty // a page had rather not end in a hyphenated word
		}
		for _, note := range ln.Notes {
			it.notes = append(it.notes, l.noteBlock(note))
		}
		l.list = append(l.list, it)
	}
	if keepWithNext {
		l.keep = 2
	}
}

func lineText(ln *Line) string {
	var b strings.Builder
	for _, g := range ln.Glyphs {
		b.WriteString(g.Text)
	}
	s := b.String()
	if r := []rune(s); len(r) > 60 {
		s = string(r[:60]) + "…"
	}
	return s
}

func (l *layout) space(h float64) {
	l.list = append(l.list, vitem{height: h, doc: l.doc})
}

// mark puts anchors and bookmarks at the next item.
func (l *layout) mark(anchor string, outline string) {
	it := vitem{doc: l.doc}
	if anchor != "" {
		it.anchors = []string{anchor}
	}
	if outline != "" {
		it.outline = []OutlineEntry{{Title: outline}}
	}
	l.list = append(l.list, it)
}

// para sets a paragraph as an element of type tag under the current parent.
func (l *layout) para(tag string, in []edition.Inline, ps ParaStyle, x, width float64, keepWithNext bool) *Struct {
	if len(in) == 0 {
		return nil
	}
	st := newStruct(l.parent, tag, l.doc)
	lines := l.set.SetBalanced(in, ps, width) // a centred one balanced, as SetParagraph else
	tagLines(lines, st)
	l.add(lines, x, keepWithNext, RoleText)
	return st
}

// codeBlock sets a code block line by line in the monospace face, flush left and never
// hyphenated (a line longer than the measure breaks where it must, ragged). A line's leading
// spaces are its indentation: the setter would drop them as the space before a line, so they
// are taken off and the line set that many of the face's spaces to the right (a tab to the next
// multiple of four columns), where a reader's eye and pdftotext's layout find the columns.
func (l *layout) codeBlock(bl edition.Block, x, width float64) {
	ps := l.style(0.9, 0.9, l.fonts.Code(Regular), Left)
	space := l.fonts.Width(ps.Style, " ", PointSize(ps.Size))
	for _, src := range strings.Split(strings.TrimRight(bl.Text, "\n"), "\n") {
		if strings.TrimSpace(src) == "" {
			l.space(ps.Leading)
			continue
		}
		cols, i := 0, 0
		for ; i < len(src) && (src[i] == ' ' || src[i] == '\t'); i++ {
			if src[i] == '\t' {
				cols += 4 - cols%4
			} else {
				cols++
			}
		}
		indent := min(float64(cols)*space, width/2) // a deep indent still leaves half the measure
		l.para("CodeLine", text(src[i:]), ps, x+indent, width-indent, false)
	}
}

func tagLines(lines []*Line, st *Struct) {
	for _, ln := range lines {
		ln.Struct = st
	}
}

func text(s string) []edition.Inline { return []edition.Inline{{Kind: edition.Text, Text: s}} }

func (l *layout) noteStyle() ParaStyle {
	ps := l.style(0.82, 0.8, Regular, Justify)
	ps.Hyphenate = true
	return ps
}

// noteBlock sets a note once: its number (linking back to the reference), then its text.
func (l *layout) noteBlock(n *edition.Note) *noteBlock {
	if nb, ok := l.notes[n]; ok {
		return nb
	}
	saved := l.set.Word
	l.set.Word = -1
	// A note is in its document's language, also when a passage in another cites it.
	defer l.language(l.docLang)()
	ps := l.noteStyle()
	nb := &noteBlock{doc: l.doc, note: n}
	// The note follows the element that cites it in the structure, as a Note with its number as
	// the label (the number links back to the reference).
	elem := newStruct(l.parent, "Note", l.doc)
	elem.Note = n
	if l.passage != "" && l.passage != l.docLang {
		elem.Lang = l.docLang // inside a passage's element, which has another language
	}
	lbl := newStruct(elem, "Lbl", l.doc)
	num := edition.Inline{Kind: edition.Link, URL: "#" + RefAnchor(l.doc, n.Number), Children: text(strconv.Itoa(n.Number) + ".")}
	first := true
	for _, bl := range n.Blocks {
		in := bl.Inlines
		if first {
			in = append([]edition.Inline{num, {Kind: edition.Text, Text: " "}}, in...)
		}
		p := ps
		if !first {
			p.Indent = ps.Size
		}
		st := newStruct(elem, "P", l.doc)
		if first {
			st.Lbl = lbl
		}
		lines := l.set.SetParagraph(in, p, l.g.Measure)
		markLabel(lines)
		tagLines(lines, st)
		nb.lines = append(nb.lines, lines...)
		first = false
	}
	if len(nb.lines) == 0 {
		st := newStruct(elem, "P", l.doc)
		st.Lbl = lbl
		nb.lines = l.set.SetParagraph([]edition.Inline{num}, ps, l.g.Measure)
		markLabel(nb.lines)
		tagLines(nb.lines, st)
	}
	l.set.Word = saved
	l.notes[n] = nb
	return nb
}

// markLabel marks the first run of a note's first line, its number, as the note's label.
func markLabel(lines []*Line) {
	if len(lines) > 0 && len(lines[0].Glyphs) > 0 && lines[0].Glyphs[0].Link() != "" {
		lines[0].Glyphs[0].Lbl = true
	}
}

// frontMatter: half-title, a blank verso, the title page, the credits on its verso, the contents.
func (l *layout) frontMatter() {
	b, g := l.b, l.g
	l.list = append(l.list, vitem{newRecto: true, front: true, doc: -1})
	l.space(g.TextHeight / 4)
	l.para("HalfTitle", text(b.Title), l.style(1.15, 1.15, Regular, Center), 0, g.Measure, true)

	l.list = append(l.list, vitem{newRecto: true, front: true, doc: -1})
	l.mark("title-page", "Title page")
	l.space(g.TextHeight / 8)
	l.para("BookTitle", text(b.Title), l.style(1.6, 1.5, Bold, Center), 0, g.Measure, true)
	if b.Subtitle != "" {
		l.space(g.Leading)
		l.para("Subtitle", text(b.Subtitle), l.style(1.1, 1.1, Italic, Center), 0, g.Measure, true)
	}
	for _, a := range b.Authors() {
		l.space(2 * g.Leading)
		l.para("Byline", text(a.Name), l.style(1.2, 1.2, Regular, Center), 0, g.Measure, true)
	}
	if c := b.TranslatorCredit(); c != "" {
		l.space(3 * g.Leading)
		l.para("Byline", text(strings.TrimSuffix(c, ".")), l.style(1, 1, Regular, Center), 0, g.Measure, true)
	}
	for i, c := range b.TitlePageCredits() {
		if i == 0 {
			l.space(g.Leading)
		}
		l.para("Byline", text(c), l.style(0.95, 1, Regular, Center), 0, g.Measure, true)
	}
	if b.Publisher != "" {
		used := 0.0
		for k := len(l.list) - 1; k >= 0 && !l.list[k].newRecto; k-- {
			used += l.list[k].height
		}
		pub := l.set.SetParagraph(text(b.Publisher), l.style(0.95, 1, Regular, Center), g.Measure)
		tagLines(pub, newStruct(l.parent, "Publisher", -1))
		if rest := g.TextHeight - used - float64(len(pub))*g.Leading; rest > 0 {
			l.space(rest)
		}
		l.add(pub, 0, true, RoleText)
	}

	// Credits, set at the foot of the title page's verso.
	l.list = append(l.list, vitem{newPage: true, front: true, doc: -1})
	l.mark("credits", b.Say("credits"))
	small := l.style(0.85, 0.85, Regular, Left)
	var paras [][]*Line
	addp := func(s string) {
		if s != "" {
			lines := l.set.SetParagraph(text(s), small, g.Measure)
			tagLines(lines, newStruct(l.parent, "Credit", -1))
			paras = append(paras, lines)
		}
	}
	addp(b.Title + ".")
	addp(b.TranslatorCredit())
	for _, c := range b.Contributors {
		if c.Role != "translator" {
			addp(edition.RoleLabel(c.Role) + ": " + c.Name + ".")
		}
	}
	if b.Source != "" {
		addp(edition.Sentence("Source: " + b.Source))
	}
	addp(b.Rights)
	pub := b.Publisher
	if d, err := time.Parse("2006-01-02", b.Date); err == nil {
		if pub != "" {
			pub += ", "
		}
		pub += d.Format("2 January 2006")
	}
	addp(pub + ".")
	for _, e := range b.EditionLines() {
		addp(e)
	}
	// A printed book shows its ISBN, or nothing: the EPUB's urn:uuid: identifier means nothing on
	// paper.
	if b.ISBN != "" {
		addp("ISBN " + b.ISBNText)
	}
	addp("Set in " + b.Fonts.Family + " with colophon.")
	h := 0.0
	for _, p := range paras {
		h += float64(len(p))*small.Leading + 0.5*g.Leading
	}
	if rest := g.TextHeight - h; rest > 0 {
		l.space(rest)
	}
	for _, p := range paras {
		l.add(p, 0, false, RoleText)
		l.space(0.5 * g.Leading)
	}

	// Contents.
	l.list = append(l.list, vitem{newRecto: true, front: true, doc: -1})
	l.mark("contents", b.Say("contents"))
	l.space(3 * g.Leading)
	l.para("ContentsHeading", text(b.Say("contents")), l.style(1.45, 1.4, Regular, Center), 0, g.Measure, true)
	l.space(2 * g.Leading)
	toc := newStruct(l.parent, "TOC", -1)
	// entry is one line of the contents: a title linked to its place, and its page; under a
	// document's title its dating, in italic, without its note references (the notes are the
	// text's). The page number ends the entry's last line, so that it is read after the dating,
	// as it is drawn.
	entry := func(title, anchor string, starts []int, i int, dateline []edition.Inline) {
		numW := l.fonts.Face(Regular).Width("0000", g.Size)
		in := []edition.Inline{{Kind: edition.Link, URL: "#" + anchor, Children: []edition.Inline{{Kind: edition.Text, Text: title}}}}
		lines := l.set.SetParagraph(in, ParaStyle{Size: g.Size, Leading: g.Leading, Align: Left}, g.Measure-numW-g.Size)
		tocItem := newStruct(toc, "TOCI", -1)
		tagLines(lines, tocItem)
		num := ""
		if i < len(starts) {
			num = strconv.Itoa(starts[i])
		}
		var dl []*Line
		if len(dateline) > 0 {
			dl = l.set.SetParagraph(withoutNotes(dateline), l.style(1, 1, Italic, Left), g.Measure-numW-g.Size)
			tagLines(dl, tocItem)
		}
		all := append(lines, dl...)
		last := all[len(all)-1]
		w := l.fonts.Face(Regular).Width(num, g.Size)
		last.Glyphs = append(last.Glyphs, Glyphs{X: g.Measure - w, Text: num, Size: float32(g.Size), Width: w, Ref: &Ref{Link: "#" + anchor}})
		l.add(lines, 0, len(dl) > 0, RoleText)
		if len(dl) > 0 {
			l.add(dl, 0, false, RoleText)
		}
		l.space(0.5 * g.Leading)
	}
	for i, d := range b.Documents {
		title := d.TitleText()
		if n := b.DocumentNumber(i); n != "" {
			title = n + "  " + title
		}
		entry(title, DocAnchor(i), l.starts, i, d.Dateline)
	}
	for i, p := range l.backParts() {
		entry(p.title, p.anchor, l.backStarts, i, nil)
	}
}

// backPart is a part of the book after the documents, listed after them in the contents and the
// bookmarks: the reference list, the notes on persons, the indexes (index.go).
type backPart struct {
	anchor, title string
	set           func(l *layout) *Struct // sets the part, opening with l.mark(anchor, title)
	// index is an index, made as pages once the pages before it are (set is nil).
	index *backSection
}

func (l *layout) backParts() []backPart {
	var parts []backPart
	if len(l.b.Bibliography) > 0 {
		parts = append(parts, backPart{anchor: "references", title: l.b.Say("bibliography"), set: (*layout).bibliography})
	}
	for _, sec := range backSections(l.b) {
		if sec.persons {
			parts = append(parts, backPart{anchor: sec.anchor, title: sec.title, set: func(l *layout) *Struct { return l.personNotes(sec) }})
			continue
		}
		parts = append(parts, backPart{anchor: sec.anchor, title: sec.title, index: &sec})
	}
	return parts
}

// document sets one document: it opens on a recto with its title sunk a few lines, then its
// dateline, salutation, text, signature, and the archive's endorsements and reference.
func (l *layout) document(i int, d *edition.Document) *Struct {
	g := l.g
	l.doc = i
	sect := &Struct{Type: "Sect", Doc: i}
	if d.Language != "" && d.Language != l.b.Language {
		sect.Lang = d.Language
	}
	l.parent = sect
	l.keep = 0
	l.figures = 0
	l.docLang = d.Language
	defer l.language(d.Language)()
	l.set.Word = 0
	sink := l.opening(i)
	l.mark(DocAnchor(i), d.TitleText())
	l.space(sink)
	if n := l.b.DocumentNumber(i); n != "" {
		// The number stands over the title, in the heading (a screen reader hears "No. 3" then
		// the title, as the contents reads). It is not running text: the EPUB's page-break
		// markers count the title's words only.
		h1 := newStruct(l.parent, "H1", l.doc)
		words := l.set.Word
		l.set.Word = -1
		lines := l.set.SetParagraph(text(n), l.style(1, 1.3, Regular, Center), g.Measure)
		l.set.Word = words
		lines = append(lines, l.set.SetBalanced(d.Title, l.style(1.45, 1.45, Regular, Center), g.Measure)...)
		tagLines(lines, h1)
		l.add(lines, 0, true, RoleText)
	} else {
		l.para("H1", d.Title, l.style(1.45, 1.45, Regular, Center), 0, g.Measure, true)
	}
	if len(d.Dateline) > 0 {
		l.space(0.5 * g.Leading)
		l.para("Dateline", d.Dateline, l.style(1, 1, Italic, Center), 0, g.Measure, true)
	}
	// Where the documents' translations differ, each names its own under the dateline. It is not
	// running text of the document (the EPUB's page-break markers do not count it).
	if l.b.MixedCredits() {
		if c := l.b.DocumentCredit(d); c != "" {
			saved := l.set.Word
			l.set.Word = -1
			l.space(0.5 * g.Leading)
			// colophon's words, in their own language and its direction (English in a Hebrew
			// document).
			lang := l.b.CreditLanguage(d)
			ps := l.style(0.9, 0.9, Italic, Center)
			ps.RTL = RightToLeft(lang)
			if st := l.para("TranslationCredit", text(c), ps, 0, g.Measure, true); st != nil && lang != d.Language {
				st.Lang = lang
			}
			l.set.Word = saved
		}
	}
	l.space(2 * g.Leading)
	if len(d.Salutation) > 0 {
		l.para("Salutation", d.Salutation, l.style(1, 1, Regular, Left), 0, g.Measure, true)
	}
	l.blocks(d.Blocks, 0, g.Measure, true)
	closing := len(l.list)
	if len(d.Signature) > 0 {
		l.space(0.5 * g.Leading)
		l.para("Signature", d.Signature, l.style(1, 1, Italic, Right), 0, g.Measure, false)
	}
	small := l.style(0.9, 0.9, Regular, Left)
	if len(d.Endorsements) > 0 || len(d.Archive) > 0 {
		l.space(g.Leading)
	}
	for _, e := range d.Endorsements {
		l.para("Endorsement", e, small, 0, g.Measure, false)
		l.space(0.3 * g.Leading)
	}
	if len(d.Archive) > 0 {
		l.para("ArchivalReference", d.Archive, small, 0, g.Measure, false)
	}
	keepClosing(l.list, closing)
	l.set.Word = -1
	return sect
}

// keepClosing keeps a document's closing apparatus — signature, endorsements, archival reference,
// the items from closing on — together on one page, and with the last line of the text before it
// (with the widow rule, the last two lines of its paragraph): the note about the envelope and the
// archival reference were parted, the reference alone on a page.
func keepClosing(list []vitem, closing int) {
	if closing >= len(list) {
		return
	}
	last := -1
	for k := closing; k < len(list); k++ {
		if list[k].line != nil || len(list[k].cells) > 0 {
			last = k
		}
	}
	if last < 0 {
		return
	}
	for k := closing; k < last; k++ {
		list[k].breakOK = false
	}
	for k := closing - 1; k >= 0 && !list[k].newPage && !list[k].newRecto; k-- {
		if list[k].line != nil || len(list[k].cells) > 0 || list[k].figure != nil {
			list[k].breakOK = false
			break
		}
	}
}

// blocks sets running text at an indent x and width. first says the first paragraph follows a
// heading and is not indented; so is a paragraph after verse or a rule, and after a table or
// figure what would be without it.
func (l *layout) blocks(bs []edition.Block, x, width float64, first bool) {
	g := l.g
	for _, bl := range bs {
		switch bl.Kind {
		case edition.Paragraph:
			ps := l.body()
			if first {
				ps.Indent = 0
			}
			if bl.Lang != "" {
				// A passage in another language: its direction, its hyphenation, its tag.
				outer := l.set.Lang
				restore := l.language(bl.Lang)
				ps.RTL = l.rtl
				if st := l.para("P", bl.Inlines, ps, x, width, false); st != nil && bl.Lang != outer {
					st.Lang = bl.Lang
				}
				restore()
			} else {
				l.para("P", bl.Inlines, ps, x, width, false)
			}
			first = false
		case edition.Passage:
			// Blocks in another language (::: {lang=xx}): an element with its language, whose
			// paragraphs, lists and verse are set in its direction and hyphenated by its patterns.
			saved, savedPassage := l.parent, l.passage
			l.parent = newStruct(l.parent, "Div", l.doc)
			if bl.Lang != l.set.Lang {
				l.parent.Lang = bl.Lang
			}
			l.passage = bl.Lang
			restore := l.language(bl.Lang)
			l.blocks(bl.Children, x, width, first)
			restore()
			l.parent, l.passage = saved, savedPassage
			first = false
		case edition.Heading:
			l.space(g.Leading)
			al := Center
			if bl.Level > 2 {
				al = Left
			}
			l.para("H"+strconv.Itoa(min(max(bl.Level, 2), 6)), bl.Inlines, l.style(1, 1, Italic, al), x, width, true)
			l.space(0.5 * g.Leading)
			first = true
		case edition.Quote:
			l.space(0.5 * g.Leading)
			saved := l.parent
			l.parent = newStruct(l.parent, "BlockQuote", l.doc)
			l.blocks(bl.Children, x+1.5*g.Size, width-3*g.Size, true)
			l.parent = saved
			l.space(0.5 * g.Leading)
			first = false
		case edition.List:
			n := bl.Start
			if n == 0 {
				n = 1
			}
			saved := l.parent
			list := newStruct(l.parent, "L", l.doc)
			for _, it := range bl.Children {
				label := "•"
				if bl.Ordered {
					label = strconv.Itoa(n) + "."
					n++
				}
				li := newStruct(list, "LI", l.doc)
				lbl := newStruct(li, "Lbl", l.doc)
				l.parent = newStruct(li, "LBody", l.doc)
				start := len(l.list)
				bodyX := x + 1.5*g.Size
				if l.rtl {
					bodyX = x // the indent, and the label in it, are at the right
				}
				l.blocks(it.Children, bodyX, width-1.5*g.Size, true)
				// The label hangs in the indent, on the item's first line, or beside the top of
				// the picture when the item begins with a figure.
				w := l.fonts.Face(Regular).Width(label, g.Size)
				labelX := -0.5*g.Size - w
				if l.rtl {
					labelX = width - 1.5*g.Size + 0.5*g.Size
				}
				for k := start; k < len(l.list); k++ {
					if f := l.list[k].figure; f != nil {
						lab := &Line{Glyphs: []Glyphs{{Text: label, Size: float32(g.Size), Width: w, Lbl: true}}, Leading: g.Leading, FirstWord: -1, Struct: l.parent}
						l.parent.Lbl = lbl
						l.list[k].cells = append(l.list[k].cells, cellLine{x: labelX, dy: f.dy, line: lab})
						break
					}
					if ln := l.list[k].line; ln != nil {
						ln.Glyphs = append([]Glyphs{{X: labelX, Text: label, Size: float32(g.Size), Width: w, Lbl: true}}, ln.Glyphs...)
						if ln.Struct != nil {
							ln.Struct.Lbl = lbl
						}
						break
					}
				}
			}
			l.parent = saved
			first = false
		case edition.CodeBlock:
			l.codeBlock(bl, x+g.Size, width-g.Size)
			first = false
		case edition.DefinitionList:
			l.definitions(bl, x, width)
			first = false
		case edition.Verse:
			l.verse(bl, x, width)
			first = true
		case edition.Table:
			// A table or figure may float to the next page, the text after it moving up to
			// where it stood: the paragraph after it is indented as it would be without it
			// (first is left as it was), else after a floated table it would run on from the
			// paragraph before as if it were that paragraph's.
			l.table(bl, x, width)
		case edition.Figure:
			l.figure(bl, x, width)
		case edition.Rule:
			l.space(0.5 * g.Leading)
			// The asterisks are ornament, not words of the text (the EPUB has an <hr/>).
			saved := l.set.Word
			l.set.Word = -1
			l.para(Artifact, text("*   *   *"), l.style(1, 1, Regular, Center), x, width, false)
			l.set.Word = saved
			l.space(0.5 * g.Leading)
			first = true
		}
	}
}

// definitions sets a definition list with hanging terms: each term in bold at the list's edge,
// kept with what follows, its descriptions under it indented by 1.5 em (at the right in a
// right-to-left document). Tagged PDF has no definition list: it is an L whose items' labels are
// the terms and whose bodies are the descriptions.
func (l *layout) definitions(bl edition.Block, x, width float64) {
	g := l.g
	indent := 1.5 * g.Size
	bodyX := x + indent
	if l.rtl {
		bodyX = x
	}
	saved := l.parent
	list := newStruct(l.parent, "L", l.doc)
	l.space(0.3 * g.Leading)
	var li *Struct
	for i, it := range bl.Children {
		if it.Kind == edition.DefinitionTerm {
			if i == 0 || bl.Children[i-1].Kind != edition.DefinitionTerm {
				li = newStruct(list, "LI", l.doc)
				if i > 0 {
					l.space(0.3 * g.Leading)
				}
			}
			ps := l.style(1, 1, Bold, Left)
			ps.Hyphenate = true
			lines := l.set.SetParagraph(it.Inlines, ps, width)
			tagLines(lines, newStruct(li, "Lbl", l.doc))
			l.add(lines, x, true, RoleText)
			continue
		}
		if li == nil {
			li = newStruct(list, "LI", l.doc)
		}
		l.parent = newStruct(li, "LBody", l.doc)
		l.blocks(it.Children, bodyX, width-indent, true)
		l.parent = saved
	}
	l.space(0.3 * g.Leading)
}

// bibliography sets the reference list after the documents, opening on a recto: its heading,
// then each work with a hanging indent, tagged BibEntry.
func (l *layout) bibliography() *Struct {
	g := l.g
	saved, savedDoc := l.parent, l.doc
	l.doc = -1
	sect := &Struct{Type: "Sect", Doc: -1}
	l.parent = sect
	l.list = append(l.list, vitem{newRecto: true, doc: -1})
	l.mark("references", l.b.Say("bibliography"))
	l.space(3 * g.Leading)
	l.para("H1", text(l.b.Say("bibliography")), l.style(1.45, 1.45, Regular, Center), 0, g.Measure, true)
	l.space(2 * g.Leading)
	hang := 1.5 * g.Size
	ps := l.style(0.9, 0.9, Regular, Justify)
	ps.Hyphenate = true
	for _, ref := range l.b.Bibliography {
		st := newStruct(l.parent, "BibEntry", -1)
		lines := l.set.SetParagraph(ref.Inlines, ps, g.Measure-hang)
		for k, ln := range lines {
			if k == 0 {
				shift(ln, -hang) // the first line at the margin, the others hanging in
			}
		}
		tagLines(lines, st)
		l.add(lines, hang, false, RoleText)
		l.space(0.3 * g.Leading)
	}
	l.parent, l.doc = saved, savedDoc
	return sect
}

// verse sets a poem: indented, each line ragged and unhyphenated, a line too long for the measure
// turning over with a deeper indent; a space between stanzas, and no stanza leaves a single line
// at the foot or head of a page (the widow and orphan rules apply to the stanza as a whole).
func (l *layout) verse(bl edition.Block, x, width float64) {
	g := l.g
	indent, hang := 1.5*g.Size, 1.5*g.Size
	saved := l.parent
	verse := newStruct(l.parent, "Verse", l.doc)
	l.space(0.5 * g.Leading)
	for i, st := range bl.Children {
		if i > 0 {
			l.space(0.6 * g.Leading)
		}
		stanza := newStruct(verse, "Stanza", l.doc)
		var lines []*Line
		for _, vl := range st.Children {
			ps := ParaStyle{Size: g.Size, Leading: g.Leading, Align: Left, RTL: l.rtl}
			set := l.set.SetParagraph(vl.Inlines, ps, width-indent-hang)
			tagLines(set, newStruct(stanza, "VerseLine", l.doc))
			for k, ln := range set {
				switch {
				case k > 0 && !l.rtl:
					shift(ln, hang) // a turnover line hangs further in
				case k == 0 && l.rtl:
					shift(ln, hang) // from the right: the first line stands out, turnovers hang in
				}
			}
			lines = append(lines, set...)
		}
		l.parent = stanza
		if l.rtl {
			l.add(lines, x+indent-hang, false, RoleText) // the indent at the right
		} else {
			l.add(lines, x+indent, false, RoleText)
		}
		l.parent = saved
	}
	l.space(0.5 * g.Leading)
}

// heads adds running heads and folios: the book's title on versos, the document's short title on
// rectos, the folio at the outer corner; on opening pages no head and the folio at the foot; on
// front matter and blank pages neither.
func (l *layout) heads(bk *Book) {
	g := l.g
	headStyle := l.style(0.85, 1, Italic, Left)
	folioSize := PointSize(g.Size * 0.9)
	setter := &Setter{Fonts: l.fonts, Hyph: &Hyphenator{}, Word: -1}
	for _, p := range bk.Pages {
		if p.Blank || p.Front || p.Doc < 0 && p.Section == "" {
			continue
		}
		left := g.Left(p.Number)
		num := strconv.Itoa(p.Number)
		fw := l.fonts.Face(Regular).Width(num, folioSize)
		folio := &Line{Glyphs: []Glyphs{{Text: num, Size: float32(folioSize), Width: fw}}, Leading: g.Leading, FirstWord: -1}
		if p.Opening {
			p.Placed = append(p.Placed, Placed{X: left + (g.Measure-fw)/2, Y: g.TopY() + g.TextHeight + 2*g.Leading, Line: folio, Role: RoleFolio, Doc: p.Doc, Foot: true})
			continue
		}
		y := g.TopY() - 1.5*g.Leading
		var head string
		if p.Number%2 == 0 {
			head = l.b.ShortTitle
			if head == "" {
				head = l.b.Title
			}
			p.Placed = append(p.Placed, Placed{X: left, Y: y, Line: folio, Role: RoleFolio, Doc: p.Doc})
		} else if p.Doc < 0 {
			head = p.Section // the back matter's part: "Index"
			p.Placed = append(p.Placed, Placed{X: left + g.Measure - fw, Y: y, Line: folio, Role: RoleFolio, Doc: p.Doc})
		} else {
			d := l.b.Documents[p.Doc]
			head = d.ShortTitle
			if head == "" {
				head = d.TitleText()
			}
			if n := l.b.DocumentNumber(p.Doc); n != "" {
				head = n + " · " + head
			}
			p.Placed = append(p.Placed, Placed{X: left + g.Measure - fw, Y: y, Line: folio, Role: RoleFolio, Doc: p.Doc})
		}
		head = fitText(l.fonts, head, headStyle.Size, g.Measure-4*fw-2*g.Size)
		hl := setter.SetParagraph(text(head), ParaStyle{Size: headStyle.Size, Leading: g.Leading, Style: Italic, Align: Center}, g.Measure)
		if len(hl) > 0 {
			p.Placed = append(p.Placed, Placed{X: left, Y: y, Line: hl[0], Role: RoleHead, Doc: p.Doc})
		}
	}
}

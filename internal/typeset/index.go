package typeset

import (
	"bytes"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"colophon/internal/edition"
)

// The print book's apparatus on the register (source/register.yaml): after the last document
// (and the references), the notes on persons — each person with dates and note — and the index,
// one for each kind of entry the register has ("Index of persons", "Index of places", "Index of
// organisations"; a register of one kind has one "Index"), set in two columns. A locator is a
// body page on which one of the entry's forms begins (so a form hyphenated across a line or a page
// counts where it begins), read from the book's final pagination; a form in a note gives the page
// with the note's number (9n2); consecutive pages collapse into a range (10–12). Front matter and
// running heads hold no occurrences (the contents and heads are set from plain text), so they
// never count. Each locator links to the occurrence. The structure is an Index element holding an
// L of one LI per entry, its text in the LBody.

// backMemo keeps the lines of the notes on persons and of the index entries from one pass of a
// book to the next. Only the contents' page numbers and the locators change between passes, and
// a register of three hundred entries otherwise sets its notes and index again in every pass:
// a person's note is set once (unless it holds a cross-reference, whose page may move), an
// index entry again only when its locators changed. The lines are re-tagged and re-added each
// pass, as the structure tree and the paragraph numbers are the pass's own.
type backMemo struct {
	notes map[string][]*Line
	index map[string]memoEntry
}

func newBackMemo() *backMemo {
	return &backMemo{notes: map[string][]*Line{}, index: map[string]memoEntry{}}
}

type memoEntry struct {
	key   string // the locators as printed, with the anchors they link to
	lines []*Line
}

// locatorKey is what an index entry's lines are set from, besides its heading.
func locatorKey(locs []Locator) string {
	var b strings.Builder
	for _, lc := range locs {
		b.WriteString(lc.String())
		b.WriteByte(' ')
		b.WriteString(lc.Anchor)
		b.WriteByte(' ')
	}
	return b.String()
}

// hasXRef says whether inlines hold a cross-reference, whose printed page can change between
// passes.
func hasXRef(in []edition.Inline) bool {
	for _, x := range in {
		if x.Kind == edition.XRef || hasXRef(x.Children) {
			return true
		}
	}
	return false
}

// backSection is a part of the back matter listed in the contents and the bookmarks.
type backSection struct {
	title, anchor string
	kind          edition.EntryKind // an index's kind
	persons       bool              // the notes on persons
}

// backSections are the register's parts of the back matter, in the order printed.
func backSections(b *edition.Book) []backSection {
	reg := b.Register
	if reg == nil {
		return nil
	}
	var out []backSection
	if len(persons(reg)) > 0 {
		out = append(out, backSection{title: b.Say("personnotes"), anchor: "persons", persons: true})
	}
	var kinds []edition.EntryKind
	for _, k := range edition.EntryKinds {
		if len(indexed(reg.Of(k))) > 0 {
			kinds = append(kinds, k)
		}
	}
	for _, k := range kinds {
		title := b.Say("index")
		if len(kinds) > 1 {
			title = b.Say("index-" + k.Key())
		}
		out = append(out, backSection{title: title, anchor: "index-" + k.Key(), kind: k})
	}
	return out
}

// persons are the persons the notes on persons hold: those with dates or a note (the EPUB's
// glossary holds the same).
func persons(r *edition.Register) []*edition.Entry {
	var out []*edition.Entry
	for _, e := range r.Of(edition.Person) {
		if e.Dates != "" || len(e.Note) > 0 {
			out = append(out, e)
		}
	}
	return out
}

// BackTitles are the headings of the register's parts of the back matter, in the order printed:
// "Notes on persons", then the indexes.
func BackTitles(b *edition.Book) []string {
	var out []string
	for _, s := range backSections(b) {
		out = append(out, s.title)
	}
	return out
}

// indexed are the entries that stand somewhere in the texts: an entry nothing matches has no
// locator to print (check warns of it).
func indexed(es []*edition.Entry) []*edition.Entry {
	var out []*edition.Entry
	for _, e := range es {
		if len(e.Occurrences) > 0 {
			out = append(out, e)
		}
	}
	return out
}

// sorted are entries in the order of their headings as an English index sorts them (letters
// before accents, case ignored), ties by id. Each heading's collation key is made once and the
// keys compared as bytes: comparing the headings themselves made their keys again at every
// comparison, and every handout sorts its persons (a 250-document edition with a 300-entry
// register made 7.9 MB of the collator's garbage for sixty documents' handouts).
func sorted(b *edition.Book, es []*edition.Entry) []*edition.Entry {
	tag := language.English
	if t, err := language.Parse(b.Language); err == nil {
		tag = t
	}
	c := collate.New(tag, collate.Loose)
	type keyed struct {
		key []byte
		e   *edition.Entry
	}
	var buf collate.Buffer // the keys stay valid in it until it is reset
	ks := make([]keyed, len(es))
	for i, e := range es {
		ks[i] = keyed{c.KeyFromString(&buf, e.Name), e}
	}
	slices.SortStableFunc(ks, func(x, y keyed) int {
		if r := bytes.Compare(x.key, y.key); r != 0 {
			return r
		}
		return strings.Compare(x.e.ID, y.e.ID)
	})
	out := make([]*edition.Entry, len(ks))
	for i, k := range ks {
		out[i] = k.e
	}
	return out
}

// Locator is one place of an entry in the index: pages First to Last (a range when they differ),
// or a note on page First (Note > 0); Anchor is the occurrence it links to.
type Locator struct {
	First, Last, Note int
	Anchor            string
}

// String is the locator as printed: "7", "10–12", "9n2".
func (l Locator) String() string {
	switch {
	case l.Note > 0:
		return strconv.Itoa(l.First) + "n" + strconv.Itoa(l.Note)
	case l.Last > l.First:
		return strconv.Itoa(l.First) + "–" + strconv.Itoa(l.Last)
	}
	return strconv.Itoa(l.First)
}

// Locators are an entry's places on the body pages of a book, from where its occurrences' anchors
// are (pages: AnchorPages): pages in the text, ranges of consecutive ones collapsed, and pages of
// notes with their numbers, in page order (a page's note after the page).
func Locators(e *edition.Entry, pages map[string]int, body func(page int) bool) []Locator {
	// The occurrences on body pages, in text or in notes, each page (and note) with its first
	// occurrence's anchor: sorted stably, so the first of a page stays first.
	type place struct {
		page, note int
		id         string
	}
	var text, notes []place
	for _, o := range e.Occurrences {
		p := pages[o.ID]
		if p == 0 || !body(p) {
			continue
		}
		if o.Part == edition.InNote && o.Note != nil {
			notes = append(notes, place{p, o.Note.Number, o.ID})
			continue
		}
		text = append(text, place{page: p, id: o.ID})
	}
	slices.SortStableFunc(text, func(a, b place) int { return a.page - b.page })
	slices.SortStableFunc(notes, func(a, b place) int {
		if a.page != b.page {
			return a.page - b.page
		}
		return a.note - b.note
	})
	var out []Locator
	for i, t := range text {
		if i > 0 && text[i-1].page == t.page {
			continue // the page's first occurrence is its anchor
		}
		if n := len(out); n > 0 && out[n-1].Last == t.page-1 {
			out[n-1].Last = t.page
			continue
		}
		out = append(out, Locator{First: t.page, Last: t.page, Anchor: t.id})
	}
	var ns []Locator
	for i, n := range notes {
		if i > 0 && notes[i-1].page == n.page && notes[i-1].note == n.note {
			continue
		}
		ns = append(ns, Locator{First: n.page, Last: n.page, Note: n.note, Anchor: n.id})
	}
	// Merge: a note's locator goes after the page or range that reaches its page.
	var merged []Locator
	i := 0
	for _, r := range out {
		for i < len(ns) && ns[i].First < r.First {
			merged = append(merged, ns[i])
			i++
		}
		merged = append(merged, r)
		for i < len(ns) && ns[i].First <= r.Last {
			merged = append(merged, ns[i])
			i++
		}
	}
	return append(merged, ns[i:]...)
}

// personNotes sets the notes on persons, opening on a recto: each person, in the index's order,
// with a hanging indent: the heading in bold, the dates, then the note.
func (l *layout) personNotes(sec backSection) *Struct {
	g := l.g
	saved, savedDoc := l.parent, l.doc
	l.doc = -1
	sect := &Struct{Type: "Sect", Doc: -1}
	l.parent = sect
	l.list = append(l.list, vitem{newRecto: true, doc: -1, section: sec.title})
	l.mark(sec.anchor, sec.title)
	l.space(3 * g.Leading)
	l.para("H1", text(sec.title), l.style(1.45, 1.45, Regular, Center), 0, g.Measure, true)
	l.space(2 * g.Leading)
	for _, e := range sorted(l.b, persons(l.b.Register)) {
		st := newStruct(l.parent, "PersonNote", -1)
		lines, ok := l.back.notes[e.ID]
		if !ok {
			lines = l.personNote(l.set, e)
			if !hasXRef(e.Note) {
				l.back.notes[e.ID] = lines
			}
		}
		tagLines(lines, st)
		l.add(lines, personHang*g.Size, false, RoleText)
		l.space(0.3 * g.Leading)
	}
	l.parent, l.doc = saved, savedDoc
	return sect
}

// personHang is the notes on persons' hanging indent, in ems of the text.
const personHang = 1.5

// personNote sets one person's note with set: the heading in bold, the dates, then the note, its
// first line hanging.
func (l *layout) personNote(set *Setter, e *edition.Entry) []*Line {
	in := []edition.Inline{{Kind: edition.Strong, Children: text(e.Name)}}
	if e.Dates != "" {
		in = append(in, edition.Inline{Kind: edition.Text, Text: " (" + e.Dates + ")"})
	}
	if len(e.Note) > 0 {
		stop := ". "
		if e.Dates == "" && strings.HasSuffix(e.Name, ".") {
			stop = " " // "Gorbunov, V." has its stop
		}
		in = append(in, edition.Inline{Kind: edition.Text, Text: stop})
		in = append(in, e.Note...)
	}
	hang := personHang * l.g.Size
	ps := l.style(0.9, 0.9, Regular, Justify)
	ps.Hyphenate = true
	lines := set.SetParagraph(in, ps, l.g.Measure-hang)
	if len(lines) > 0 {
		shift(lines[0], -hang)
		lines[0].Anchors = append(lines[0].Anchors, EntryAnchor(e.ID))
	}
	return lines
}

// earlyPersonNotes are the notes on persons the first pass of a book can set beside its
// documents, on a core of the documents' (those without a cross-reference, which are set
// again in each pass): they depend on nothing the documents decide. nil when the book has none
// or they are set already.
func (l *layout) earlyPersonNotes() []*edition.Entry {
	if l.back == nil || len(l.back.notes) > 0 || l.b.Register == nil {
		return nil
	}
	for _, sec := range backSections(l.b) {
		if sec.persons {
			var out []*edition.Entry
			for _, e := range persons(l.b.Register) {
				if !hasXRef(e.Note) {
					out = append(out, e)
				}
			}
			return out
		}
	}
	return nil
}

// indexLine is a line of an index on its way to a column: its x in the column, and what it
// carries with it.
type indexLine struct {
	line    *Line
	x       float64
	gap     bool     // a space between letters of the alphabet, dropped at a column's head
	anchors []string // the entry's anchor, on its first line
	first   bool     // an entry's first line
	last    bool     // an entry's last line
}

// indexPages sets one index after the pages made so far: on a recto (first) or the next page,
// its heading across the measure, then its entries in two columns, the columns of its last page
// balanced.
func (l *layout) indexPages(pb *pageBuilder, sec backSection, first bool, pages map[string]int, body func(int) bool) *Struct {
	g := l.g
	sect := &Struct{Type: "Sect", Doc: -1}
	h1 := newStruct(sect, "H1", -1)
	idx := newStruct(sect, "Index", -1)
	list := newStruct(idx, "L", -1)
	size := l.g.Size * 0.9
	leading := l.g.Leading * 0.9
	gutter := 1.5 * g.Size
	colW := (g.Measure - gutter) / 2
	hang := g.Size
	ps := ParaStyle{Size: size, Leading: leading, Align: Left}
	var lines []indexLine
	prevInitial := ""
	for _, e := range sorted(l.b, indexed(l.b.Register.Of(sec.kind))) {
		locs := Locators(e, pages, body)
		if len(locs) == 0 {
			continue
		}
		if ini := initial(e.Name); prevInitial != "" && ini != prevInitial {
			lines = append(lines, indexLine{gap: true})
		}
		prevInitial = initial(e.Name)
		li := newStruct(list, "LI", -1)
		lbody := newStruct(li, "LBody", -1)
		// Entry ids are unique across the register's kinds (check refuses a duplicate), so one
		// map serves every index.
		key := locatorKey(locs)
		kept, ok := l.back.index[e.ID]
		set := kept.lines
		if !ok || kept.key != key {
			in := text(e.Name)
			for _, lc := range locs {
				in = append(in, edition.Inline{Kind: edition.Text, Text: ", "},
					edition.Inline{Kind: edition.Link, URL: "#" + lc.Anchor, Children: text(lc.String())})
			}
			set = l.set.SetParagraph(in, ps, colW-hang)
			l.back.index[e.ID] = memoEntry{key, set}
		}
		tagLines(set, lbody)
		for k, ln := range set {
			il := indexLine{line: ln, x: hang, first: k == 0, last: k == len(set)-1}
			if k == 0 {
				il.x = 0
				if sec.kind != edition.Person {
					il.anchors = []string{EntryAnchor(e.ID)}
				}
			}
			lines = append(lines, il)
		}
	}
	// The first index opens on a recto, the next on the page after; its heading, then the columns.
	pb.front = false
	if first {
		pb.newRecto()
	}
	pb.opening = true
	var page *Page
	newPage := func() *Page {
		p := pb.newPage()
		p.Section = sec.title
		return p
	}
	page = newPage()
	page.Outline = append(page.Outline, OutlineEntry{Title: sec.title, Page: page.Number, Y: g.TopY()})
	page.Anchors = append(page.Anchors, Anchor{Name: sec.anchor, Y: g.TopY()})
	head := l.set.SetParagraph(text(sec.title), l.style(1.45, 1.45, Regular, Center), g.Measure)
	tagLines(head, h1)
	y := g.TopY() + 3*g.Leading
	left := g.Left(page.Number)
	for _, ln := range head {
		page.Placed = append(page.Placed, Placed{X: left, Y: y + baseline(ln.Leading, ln), Line: ln, Role: RoleText, Doc: -1})
		y += ln.Leading
	}
	top := y + 2*g.Leading
	for len(lines) > 0 {
		rows := int((g.TopY() + g.TextHeight - top + 0.01) / leading)
		if rows < 1 {
			page = newPage()
			top = g.TopY()
			continue
		}
		// The lines this page holds, and where the first column ends: balanced on the last page.
		n := min(len(lines), 2*rows)
		split := min(n, rows)
		if n < 2*rows {
			split = (n + 1) / 2
		}
		// A column does not end with an entry's first line when the entry goes on, nor begin
		// with a space.
		if split < n && lines[split-1].first && !lines[split-1].last && split > 1 {
			split--
		}
		cols := [][]indexLine{lines[:split], lines[split:n]}
		if len(cols[1]) > rows {
			cols[1] = cols[1][:rows]
			n = split + rows
		}
		left := g.Left(page.Number)
		for c, col := range cols {
			x := left + float64(c)*(colW+gutter)
			cy := top
			for k, il := range col {
				if il.gap {
					if k > 0 {
						cy += leading
					}
					continue
				}
				for _, a := range il.anchors {
					page.Anchors = append(page.Anchors, Anchor{Name: a, Y: cy})
				}
				page.Placed = append(page.Placed, Placed{X: x + il.x, Y: cy + baseline(leading, il.line), Line: il.line, Role: RoleText, Doc: -1})
				cy += leading
			}
		}
		lines = lines[n:]
		for len(lines) > 0 && lines[0].gap {
			lines = lines[1:]
		}
		if len(lines) > 0 {
			page = newPage()
			top = g.TopY()
		}
	}
	return sect
}

// initial is the letter a heading is filed under, for the spaces between letters.
func initial(name string) string {
	for _, r := range name {
		return strings.ToUpper(string(r))
	}
	return ""
}

// handoutPersons lists at a handout's end the persons its document names, with their dates, in
// the index's order: a reader of the handout alone has no notes on persons to turn to. It is an
// element of its own after the document (a heading and a list); nil when nobody is named.
func (l *layout) handoutPersons(doc int) *Struct {
	if l.b.Register == nil {
		return nil
	}
	named := l.b.Register.In(l.b.Documents[doc], edition.Person)
	if len(named) == 0 {
		return nil
	}
	g := l.g
	saved := l.parent
	sect := &Struct{Type: "Sect", Doc: doc}
	l.parent = sect
	l.doc = doc
	words := l.set.Word
	l.set.Word = -1 // colophon's list, not the document's words
	l.space(1.5 * g.Leading)
	l.para("H2", text(l.b.Say("handout-persons")), l.style(0.9, 0.9, Italic, Left), 0, g.Measure, true)
	l.space(0.3 * g.Leading)
	list := newStruct(sect, "L", doc)
	hang := 1.5 * g.Size
	ps := l.style(0.85, 0.85, Regular, Left)
	for _, e := range sorted(l.b, named) {
		s := e.Name
		if e.Dates != "" {
			s += " (" + e.Dates + ")"
		}
		body := newStruct(newStruct(list, "LI", doc), "LBody", doc)
		lines := l.fonts.listLines(l.set, s, ps, g.Measure-hang, hang)
		tagLines(lines, body)
		l.add(lines, hang, false, RoleText)
	}
	l.set.Word = words
	l.parent = saved
	return sect
}

// listKey is what a list line set from a plain string is set from.
type listKey struct {
	text, lang  string
	ps          ParaStyle
	width, hang float64
}

// listLines sets s as a list item with a hanging indent: its first line hang to the left. The
// same item stands in many handouts of one build (a person named in a hundred documents), so
// the lines are set once for all of them, in the build's fonts, and each handout gets copies
// of its own (the lines' glyphs are shared, and read only once set).
func (fs *Fonts) listLines(set *Setter, s string, ps ParaStyle, width, hang float64) []*Line {
	k := listKey{text: s, lang: set.Lang, ps: ps, width: width, hang: hang}
	v, ok := fs.lists.Load(k)
	if !ok {
		lines := set.SetParagraph(text(s), ps, width)
		if len(lines) > 0 {
			shift(lines[0], -hang)
		}
		v, _ = fs.lists.LoadOrStore(k, lines)
	}
	tmpl := v.([]*Line)
	out := make([]*Line, len(tmpl))
	for i, ln := range tmpl {
		c := *ln
		out[i] = &c
	}
	return out
}

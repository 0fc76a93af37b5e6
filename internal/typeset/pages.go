package typeset

import (
	"fmt"
	"strconv"
	"strings"

	"colophon/internal/edition"
)

// The page builder: TeX's, simplified. Lines and spaces are added to a page while they fit with
// the notes they cite; a page may end only where breakOK allows (between paragraphs, and inside
// a paragraph where neither a single first line nor a single last line would be left alone); a
// note cited on a page begins at that page's foot, and one too long for the room left continues
// on the next page, above that page's own notes.

// vitem is an entry of a section's vertical list.
type vitem struct {
	line     *Line // nil for vertical space
	x        float64
	height   float64
	breakOK  bool    // a page may end after this item
	penalty  float64 // what ending a page after it costs, beyond the room left unused
	notes    []*noteBlock
	anchors  []string
	outline  []OutlineEntry
	newRecto bool // start a new recto page here (the item itself is empty)
	newPage  bool // start a new page here
	front    bool // with newRecto or newPage: the pages that follow are front matter
	// section, with newRecto or newPage, names the back matter's part the pages that follow are
	// in ("Notes on persons"), for their running heads.
	section string
	doc     int // the document the item belongs to, -1 for front matter
	role    Role
	// cells are the lines of a table row beside each other, placed from the item's top left;
	// rules are drawn at the item's top (Y 0) or bottom (Y = height).
	cells []cellLine
	rules []Rule
	// head is a table's header row, set again (as an artifact) above this row when the row
	// begins a page.
	head *vitem
	// figure is a picture placed in the item, whose cells are its caption; the page builder
	// floats it to the top of the next page when it does not fit on this one.
	figure *figureBox
	// table marks a whole table (tables.go), which floats as a figure does; above is the room
	// over it, dropped at the top of a page.
	table bool
	above float64
	// moved marks a floating item set on a later page than the text around it in the source.
	moved bool
}

// figureBox is a picture in a figure item: its offset from the item's top left, its size in
// points, and above, the room kept over it when it is not the first thing on a page.
type figureBox struct {
	dx, dy, w, h float64
	above        float64
	index        int // the figure's number in its document, from 0
	pic          *edition.Picture
	st           *Struct
}

// Picture is a picture at its place on a page: its top left corner from the page's, its size in
// points, and its Figure element.
type Picture struct {
	X, Y, W, H float64
	Picture    *edition.Picture
	Struct     *Struct
	Doc        int
	Index      int // the figure's number in its document, from 0
}

// cellLine is a line of a table cell: its x from the row's left, its slot's top from the row's.
type cellLine struct {
	x, dy float64
	line  *Line
}

// noteBlock is a note set in lines, ready for the foot of a page.
type noteBlock struct {
	doc   int
	note  *edition.Note
	lines []*Line
}

// NoteAnchor and RefAnchor name the places a note and its reference are, for links both ways.
func NoteAnchor(doc, n int) string { return fmt.Sprintf("note-%d-%d", doc, n) }
func RefAnchor(doc, n int) string  { return fmt.Sprintf("noteref-%d-%d", doc, n) }

// DocAnchor names the opening of a document, for the contents.
func DocAnchor(doc int) string { return "doc-" + strconv.Itoa(doc) }

// docOfAnchor reads DocAnchor's name back: "doc-" and digits only, nothing after them, so that
// another anchor that starts so (a register occurrence, a user's id) is never taken for a
// document's opening. A page of a large register's index holds thousands of anchors, so this is
// a prefix test, not a scan.
func docOfAnchor(name string) (int, bool) {
	digits, ok := strings.CutPrefix(name, "doc-")
	if !ok || digits == "" || len(digits) > 9 {
		return 0, false
	}
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return 0, false
		}
	}
	d, err := strconv.Atoi(digits)
	return d, err == nil
}

// noteLine is one line of a note on its way to a page.
type noteLine struct {
	line  *Line
	first bool // the note's first line, which carries the anchor of the note
	block *noteBlock
	index int // line index within the block
}

// Role says what a placed line is, for the drawing and for tests.
type Role int

const (
	RoleText Role = iota
	RoleNote
	RoleHead
	RoleFolio
)

// Placed is a line at its place on a page: x of its left edge and y of its baseline, both from the
// top left corner of the page (including bleed).
type Placed struct {
	X, Y float64
	Line *Line
	Role Role
	Doc  int
	// Foot marks a running head or folio set in the foot margin, under the text block (a
	// handout's footer, an opening page's folio): tagged PDF calls it a footer, not a header.
	Foot bool
	// Moved marks a line of a table that floated here, past text after it in the source.
	Moved bool
}

// Rule is a horizontal line.
type Rule struct {
	X, Y, W, Thickness float64
	Notes              bool // the rule that parts the notes from the text above them
}

// Anchor is a named place links can point to.
type Anchor struct {
	Name string
	Y    float64
}

// OutlineEntry is a bookmark.
type OutlineEntry struct {
	Title string
	Level int
	Page  int
	Y     float64
}

// Page is one page of the book.
type Page struct {
	Number  int
	Blank   bool // left blank on purpose: no head, no folio, nothing
	Opening bool // first page of a document or section: no running head, folio at the foot
	Doc     int  // the document whose text is on the page, -1 for none
	Front   bool // front matter: no heads or folios
	// Section is the part of the back matter the page is in ("Index"), for its running head;
	// "" elsewhere.
	Section  string
	Placed   []Placed
	Pictures []Picture
	Rules    []Rule
	Anchors  []Anchor
	Outline  []OutlineEntry
}

// FirstWord is the running-text word the page begins with — the whole word, when the page begins
// with the end of one hyphenated on the page before — as its document and index, or (-1, -1)
// when the page holds no running text.
//
// A table that floated here from the page before is set above text that comes before it in
// the source: the page begins, in reading order, with that text, and the table's words belong to
// the page before, as a floated figure's place in the EPUB does.
func (p *Page) FirstWord() (doc, word int) {
	for _, moved := range []bool{false, true} {
		for _, pl := range p.Placed {
			if pl.Role == RoleText && pl.Line.FirstWord >= 0 && pl.Moved == moved {
				return pl.Doc, pl.Line.FirstWord
			}
		}
	}
	return -1, -1
}

type pageBuilder struct {
	g       Geometry
	pages   []*Page
	carry   []noteLine
	noteLd  float64
	front   bool
	section string  // the back matter's part the pages are in
	opening bool    // the next page opens a section
	floats  []vitem // figures waiting for the top of the next page
}

// footHeight is the height the notes take at the foot of a page: a skip with a short rule, then
// the lines.
func (pb *pageBuilder) footHeight(n int) float64 {
	if n == 0 {
		return 0
	}
	return pb.g.Leading + float64(n)*pb.noteLd
}

func noteLines(blocks []*noteBlock) []noteLine {
	var out []noteLine
	for _, b := range blocks {
		for i, l := range b.lines {
			out = append(out, noteLine{line: l, first: i == 0, block: b, index: i})
		}
	}
	return out
}

// state is a possible end of page: after item end, with notes lines kept on the page.
type state struct {
	end   int
	notes []noteLine // all note lines cited so far on the page (carry first)
	keep  int        // how many of notes are set on this page; the rest carry over
	cost  float64
}

// brokenPenalty is what ending a page with a hyphenated word costs, in the units of pageCost (TeX's
// \brokenpenalty plays this part): more than ending the page two lines higher costs even on a page
// already four lines short (100 × (6² − 4²)), so that a page ends in a hyphen only when no break
// near it is allowed. At the foot of a recto the reader turns the leaf in the middle of the word:
// rectoBrokenPenalty is added there.
const (
	brokenPenalty      = 3000
	rectoBrokenPenalty = 2000
)

// pageCost rates a page break by the room it leaves unused, squared so that one long gap costs
// more than the same room spread over two pages.
func (pb *pageBuilder) pageCost(h float64, notes int, penalty float64) float64 {
	short := (pb.g.TextHeight - h - pb.footHeight(notes)) / pb.g.Leading
	if short < 0 {
		short = 0
	}
	return 100*short*short + penalty
}

// build lays out a vertical list into pages.
func (pb *pageBuilder) build(list []vitem) {
	i := 0
	for i < len(list) {
		if list[i].newRecto || list[i].newPage {
			pb.flushFloats()
			pb.flushCarry(list[i].doc)
			if list[i].newRecto {
				pb.newRecto()
			}
			pb.front = list[i].front
			pb.section = list[i].section
			pb.opening = true
			i++
			continue
		}
		// Spaces at the top of a page are dropped.
		if list[i].line == nil && len(list[i].cells) == 0 && len(list[i].anchors) == 0 && len(list[i].outline) == 0 {
			i++
			continue
		}
		i = pb.fillPage(list, i)
	}
	pb.flushFloats()
	pb.flushCarry(-1)
}

// fillPage sets one page starting at list[start] and returns the index of the first item not set.
// Figures that floated from the page before go first, at the top. A figure that does not fit in
// what is left of this page floats on to the next, and the text after it fills this one: a
// figure never leaves a gap at a page's foot.
func (pb *pageBuilder) fillPage(list []vitem, start int) int {
	h := 0.0
	notes := append([]noteLine(nil), pb.carry...)
	var top []vitem
	for len(pb.floats) > 0 {
		f := pb.floats[0]
		fh := f.height
		if h == 0 {
			fh -= f.aboveRoom()
		}
		nn := append(append([]noteLine(nil), notes...), noteLines(f.notes)...)
		if _, ok := pb.fit(h+fh, nn); !ok && len(top) > 0 {
			break
		}
		f.moved = true
		top = append(top, f)
		h, notes = h+fh, nn
		pb.floats = pb.floats[1:]
	}
	more := start < len(list) && !list[start].newRecto && !list[start].newPage
	if more && list[start].head != nil {
		h += list[start].head.height
	}
	var good *state
	var deferred []int // figures of this stretch that float on to the next page
	j := start
	for ; j < len(list) && !list[j].newRecto && !list[j].newPage; j++ {
		it := list[j]
		ih := it.height
		if it.floats() && h == 0 {
			ih -= it.aboveRoom() // no room over a figure at the top of a page
		}
		nh := h + ih
		nn := notes
		if len(it.notes) > 0 {
			nn = append(append([]noteLine(nil), notes...), noteLines(it.notes)...)
		}
		keep, ok := pb.fit(nh, nn)
		// Figures keep their order: once one floats, the ones after it float too.
		if it.floats() && (!ok || len(deferred) > 0 || len(pb.floats) > 0) && (h > 0 || len(top) > 0) {
			deferred = append(deferred, j)
			continue
		}
		if !ok {
			break
		}
		h, notes = nh, nn
		last := j == len(list)-1 || list[j+1].newRecto || list[j+1].newPage
		if it.breakOK || last {
			pen := it.penalty
			if it.line != nil && it.line.Hyphenated && (len(pb.pages)+1)%2 == 1 {
				pen += rectoBrokenPenalty
			}
			cost := pb.pageCost(h, keep, pen)
			if last {
				cost = 0 // a section's last page may be short
			}
			if good == nil || cost <= good.cost {
				good = &state{end: j, notes: notes, keep: keep, cost: cost}
			}
		}
	}
	switch {
	case good != nil:
	case j > start && len(deferred) < j-start:
		// No legal break fits: break where the page is full, the lesser evil than a page too long.
		keep, _ := pb.fit(h, notes)
		good = &state{end: j - 1, notes: notes, keep: keep}
	case len(top) > 0 || !more:
		// Only the floated figures fit: they have the page to themselves.
		keep, _ := pb.fit(h, notes)
		good = &state{end: start - 1, notes: notes, keep: keep}
		deferred = nil
	default:
		// A single item taller than the page: set it alone.
		good = &state{end: start, notes: append(append([]noteLine(nil), notes...), noteLines(list[start].notes)...)}
		good.keep = len(good.notes)
		deferred = nil
	}
	// One allocation for the page's items (a vitem is large, and a book has thousands of pages).
	items := make([]vitem, 0, len(top)+1+max(good.end-start+1, 0))
	items = append(items, top...)
	if more && good.end >= start && list[start].head != nil {
		items = append(items, *list[start].head)
	}
	for k := start; k <= good.end; k++ {
		if len(deferred) > 0 && deferred[0] == k {
			pb.floats = append(pb.floats, list[k])
			deferred = deferred[1:]
			continue
		}
		items = append(items, list[k])
	}
	pb.emit(items, good.notes[:good.keep])
	pb.carry = append([]noteLine(nil), good.notes[good.keep:]...)
	return good.end + 1
}

// flushFloats sets figures still waiting when a section ends on pages of their own, before the
// next section opens.
func (pb *pageBuilder) flushFloats() {
	for len(pb.floats) > 0 {
		pb.fillPage(nil, 0)
	}
}

// fit reports whether text of height h and the note lines fit on a page, and how many note lines
// go on it: all if they fit, else as many as fit, as long as every note cited on the page begins
// on it.
func (pb *pageBuilder) fit(h float64, notes []noteLine) (int, bool) {
	if h > pb.g.TextHeight+0.01 {
		return 0, false
	}
	if h+pb.footHeight(len(notes)) <= pb.g.TextHeight+0.01 {
		return len(notes), true
	}
	room := int((pb.g.TextHeight - h - pb.g.Leading + 0.01) / pb.noteLd)
	// Every note that begins in the list must begin on this page.
	need := 0
	for k, nl := range notes {
		if nl.first {
			need = k + 1
		}
	}
	if room >= need && room >= 1 {
		return room, true
	}
	return 0, false
}

func (pb *pageBuilder) newPage() *Page {
	p := &Page{Number: len(pb.pages) + 1, Doc: -1, Front: pb.front, Opening: pb.opening, Section: pb.section}
	pb.opening = false
	pb.pages = append(pb.pages, p)
	return p
}

// newRecto makes sure the next page is a recto, adding a blank verso if needed.
func (pb *pageBuilder) newRecto() {
	if len(pb.pages)%2 == 1 {
		p := pb.newPage()
		p.Blank = true
		p.Opening = false
	}
}

// emit places items and note lines on a new page.
func (pb *pageBuilder) emit(items []vitem, notes []noteLine) {
	p := pb.newPage()
	left := pb.g.Left(p.Number)
	y := pb.g.TopY()
	for _, it := range items {
		if it.floats() && y == pb.g.TopY() {
			y -= it.aboveRoom()
		}
		if f := it.figure; f != nil {
			if p.Doc < 0 {
				p.Doc = it.doc
			}
			p.Pictures = append(p.Pictures, Picture{X: left + it.x + f.dx, Y: y + f.dy, W: f.w, H: f.h, Picture: f.pic, Struct: f.st, Doc: it.doc, Index: f.index})
		}
		for _, a := range it.anchors {
			p.Anchors = append(p.Anchors, Anchor{Name: a, Y: y})
		}
		for _, o := range it.outline {
			o.Page, o.Y = p.Number, y
			p.Outline = append(p.Outline, o)
		}
		for _, r := range it.rules {
			p.Rules = append(p.Rules, Rule{X: left + it.x + r.X, Y: y + r.Y, W: r.W, Thickness: r.Thickness})
		}
		for _, c := range it.cells {
			place(p, it, c.line, left+it.x+c.x, y+c.dy, c.line.Leading)
		}
		if it.line != nil {
			place(p, it, it.line, left+it.x, y, it.height)
		}
		y += it.height
	}
	pb.placeNotes(p, notes)
}

// place puts a line of item it on the page in a slot of the height given whose top is at y, with
// an anchor for each note it cites.
func place(p *Page, it vitem, ln *Line, x, y, slot float64) {
	if p.Doc < 0 && it.doc >= 0 {
		p.Doc = it.doc
	}
	for _, g := range ln.Glyphs {
		if g.Note() != nil {
			p.Anchors = append(p.Anchors, Anchor{Name: RefAnchor(it.doc, g.Note().Number), Y: y})
		}
	}
	for _, a := range ln.Anchors {
		p.Anchors = append(p.Anchors, Anchor{Name: a, Y: y})
	}
	p.Placed = append(p.Placed, Placed{X: x, Y: y + baseline(slot, ln), Line: ln, Role: it.role, Doc: it.doc, Moved: it.moved})
}

// baseline puts a line's baseline in its slot the way TeX's \baselineskip does: the slot's depth
// below the baseline is a fixed share of the leading.
func baseline(slot float64, l *Line) float64 { return slot - 0.24*l.Leading }

func (pb *pageBuilder) placeNotes(p *Page, notes []noteLine) {
	if len(notes) == 0 {
		return
	}
	left := pb.g.Left(p.Number)
	bottom := pb.g.TopY() + pb.g.TextHeight
	y := bottom - float64(len(notes))*pb.noteLd
	rule := Rule{X: left, Y: y - 0.45*pb.g.Leading, W: pb.g.Measure / 3, Thickness: 0.4, Notes: true}
	if notes[0].line.RTL {
		rule.X += pb.g.Measure * 2 / 3 // right-to-left notes: the rule at the right, where they begin
	}
	p.Rules = append(p.Rules, rule)
	for _, nl := range notes {
		if p.Doc < 0 {
			p.Doc = nl.block.doc
		}
		if nl.first {
			p.Anchors = append(p.Anchors, Anchor{Name: NoteAnchor(nl.block.doc, nl.block.note.Number), Y: y})
		}
		for _, a := range nl.line.Anchors {
			p.Anchors = append(p.Anchors, Anchor{Name: a, Y: y})
		}
		p.Placed = append(p.Placed, Placed{X: left, Y: y + baseline(pb.noteLd, nl.line), Line: nl.line, Role: RoleNote, Doc: nl.block.doc})
		y += pb.noteLd
	}
}

// flushCarry sets note lines still waiting at the end of a document on pages of their own.
func (pb *pageBuilder) flushCarry(doc int) {
	for len(pb.carry) > 0 {
		keep, _ := pb.fit(0, pb.carry)
		if keep == 0 {
			keep = len(pb.carry)
		}
		pb.emit(nil, pb.carry[:keep])
		pb.carry = pb.carry[keep:]
	}
}

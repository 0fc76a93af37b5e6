package pdf

import (
	"bytes"
	"fmt"
	"maps"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"colophon/internal/edition"
	"colophon/internal/typeset"
)

// doc is one PDF being drawn: its pages and their content streams, link annotations, bookmarks,
// the structure tree of a tagged PDF, and the shared faces it uses.
type doc struct {
	f      *file
	b      *edition.Book
	meta   Meta
	res    *Resources
	faces  *faces
	fonts  []ref // Type0 font objects by style, numbered when a face is first used
	pages  []*page
	pagesR ref
	w, h   float64 // the size of a page added with addPage
	// pictures are the image XObjects written so far, each once however many pages show it.
	pictures map[pictureKey]ref
	// anchors are where named places are: the page and its height from the top.
	anchors     map[string]dest
	outline     []bookmark
	tags        *tagger        // nil for an untagged PDF
	link0       openLink       // the link the last line ended in, which the next line's first run may go on
	span0       openSpan       // the words in another language the last run was, which the next may go on
	compressing chan struct{}  // a slot for each page being compressed
	pending     sync.WaitGroup // pages being compressed
	// bookPage is the number of the typeset page being drawn, which orders content in the tree.
	bookPage int
	err      error
}

// openLink is a Link element a line ended in, with where it goes and the element it is in.
type openLink struct {
	elem *elem
	dest string
	leaf *elem
}

type openSpan struct {
	elem   *elem
	lang   string
	parent *elem
}

// langSpan is the Span element, with its /Lang, of words in another language than their
// paragraph's ([λόγος]{lang=el}): runs in one language that follow each other in one element, on
// a line or over a line's end, share one.
func (d *doc) langSpan(parent *elem, lang string) *elem {
	if s := d.span0; s.elem != nil && s.parent == parent && s.lang == lang {
		return s.elem
	}
	e := d.tags.child(parent, "Span", "")
	e.lang = lang
	d.span0 = openSpan{elem: e, lang: lang, parent: parent}
	return e
}

type dest struct {
	page *page
	y    float64
}

type bookmark struct {
	title string
	level int
	page  *page
	y     float64
}

// page is one page being drawn.
type page struct {
	ref           ref
	w, h          float64
	boxes         string        // the TrimBox and BleedBox entries, or ""
	c             *bytes.Buffer // the content being drawn; nil once the page is closed
	z             []byte        // the content, compressed, once the page is closed
	annots        []annot
	structParents int
	images        map[string]ref // resource name → image XObject
	// The text state, so that Tf is written only when the face or size changes.
	font int
	size float64
	// The element whose marked-content sequence is open, and whether it is an artifact.
	open     *elem
	artifact bool
}

type annot struct {
	ref      ref
	x, y, w  float64 // from the top left
	h        float64
	uri      string
	anchor   string
	contents string
	key      int // StructParent key past the pages', -1 untagged
}

// Meta is what a PDF's Info dictionary and XMP say, beyond the edition's own metadata.
type Meta struct {
	Title string // defaults to the edition's title
	// Untagged marks a PDF with no structure (the wrap cover, an image of a cover): it declares
	// PDF/A-1b rather than PDF/A-1a and PDF/UA-1.
	Untagged bool
	// PDFX, when set, makes a printer's file: PDF/X-1a:2001 for this printing condition
	// ("FOGRA39"), untagged, without links or bookmarks, its colours in CMYK or gray.
	PDFX string
}

// newDoc starts a PDF of pages w × h points drawn with fonts. res are the build's shared faces and
// pictures; nil gives the PDF resources of its own.
func newDoc(b *edition.Book, fonts *typeset.Fonts, w, h float64, meta Meta, root *typeset.Struct, res *Resources) *doc {
	if meta.Title == "" {
		meta.Title = b.Title
	}
	version := "1.4" // PDF/A-1 is based on PDF 1.4
	if meta.PDFX != "" {
		version = "1.3" // PDF/X-1a:2001 on PDF 1.3
		meta.Untagged = true
	}
	if res == nil {
		res = NewResources(b, nil)
	}
	d := &doc{f: newFile(version), b: b, meta: meta, w: w, h: h, anchors: map[string]dest{}, compressing: make(chan struct{}, runtime.GOMAXPROCS(0)), res: res}
	d.faces = res.facesFor(fonts)
	d.fonts = make([]ref, fonts.Styles())
	d.pagesR = d.f.alloc()
	if !meta.Untagged {
		if root == nil {
			root = &typeset.Struct{Type: "Document", Doc: -1}
		}
		d.tags = newTagger(d, root)
	}
	return d
}

func (d *doc) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf(format, args...)
	}
}

// addPage starts a new page of the document's size, closing the one before: its content is
// compressed then, and the buffer it was drawn in is drawn in again.
func (d *doc) addPage() *page { return d.newPage(d.w, d.h, "") }

// newPage starts a new page w × h points, with boxes (its TrimBox and BleedBox, or "") in its
// dictionary.
func (d *doc) newPage(w, h float64, boxes string) *page {
	d.closePage()
	p := &page{ref: d.f.alloc(), w: w, h: h, boxes: boxes, font: -1, structParents: -1, c: pageBuffers.Get().(*bytes.Buffer)}
	if d.tags != nil {
		p.structParents = len(d.tags.parent)
		d.tags.parent = append(d.tags.parent, nil)
	}
	d.pages = append(d.pages, p)
	return p
}

// closePage compresses the last page's content, on another core while the next page is drawn
// (at most a few pages wait at a time, so memory stays bounded).
func (d *doc) closePage() {
	if len(d.pages) == 0 {
		return
	}
	p := d.pages[len(d.pages)-1]
	if p.c == nil {
		return
	}
	d.endMarked(p)
	buf := p.c
	p.c = nil
	d.compressing <- struct{}{}
	d.pending.Add(1)
	go func() {
		defer d.pending.Done()
		p.z = d.res.deflatePage(buf.Bytes())
		buf.Reset()
		pageBuffers.Put(buf)
		<-d.compressing
	}()
}

var pageBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// pdfY turns a distance from the top of the page into PDF's y, which grows upwards.
func (p *page) pdfY(y float64) float64 { return p.h - y }

// beginArtifact and beginContent open marked-content sequences; endMarked closes the open one.
// Consecutive material of one element shares a sequence.
func (d *doc) beginArtifact(p *page, props string) {
	if d.tags == nil {
		return
	}
	if p.artifact && p.open == nil {
		return
	}
	d.endMarked(p)
	if props == "" {
		p.c.WriteString("/Artifact BMC\n")
	} else {
		fmt.Fprintf(p.c, "/Artifact %s BDC\n", props)
	}
	p.artifact = true
}

func (d *doc) beginContent(p *page, e *elem) {
	if d.tags == nil || (p.open == e && !p.artifact) {
		return
	}
	d.endMarked(p)
	mcid := d.tags.content(e, p)
	fmt.Fprintf(p.c, "%s <</MCID %d>> BDC\n", name(e.typ), mcid)
	p.open = e
}

func (d *doc) endMarked(p *page) {
	if p.open != nil || p.artifact {
		p.c.WriteString("EMC\n")
	}
	p.open, p.artifact = nil, false
}

// textAt draws a run with the text matrix [m0 m1 m2 m3 x y] (x, y in PDF's coordinates). actual,
// when not empty, is what the run stands for when that is not its characters (a hyphen added at a
// line break stands for a soft hyphen). A right-to-left run (rtl) is shaped so: its glyphs come
// from HarfBuzz in drawing order, left to right on the page, the text's last character first.
func (d *doc) textAt(p *page, st typeset.Style, size float64, m [4]float64, x, y float64, s string, space, rtl bool, actual string, fonts *typeset.Fonts) {
	d.textSpaced(p, st, size, m, x, y, s, nil, space, rtl, rtl, false, actual, fonts)
}

// textSpaced is textAt with the run's space at its left (spaceLeft) or right, wherever the run
// runs: on a line of mixed directions the space after a left-to-right number in Hebrew text is
// at its left.
func (d *doc) textSpaced(p *page, st typeset.Style, size float64, m [4]float64, x, y float64, s string, shaped *typeset.Shaped, space, rtl, spaceLeft, caps bool, actual string, fonts *typeset.Fonts) {
	fc, err := d.faces.get(st)
	if err != nil {
		d.fail("%v", err)
		return
	}
	if shaped == nil {
		shaped = fonts.Face(st).ShapeWith(s, rtl, caps)
	}
	glyphs := shaped.Glyphs
	if rtl {
		glyphs = marksAfterBases(glyphs)
	}
	// The run's glyphs, in the order they are drawn: the word's, and its space, drawn as the
	// font's space glyph (a space of its own in the shape cache, rather than every word shaped
	// again with a space after it). Right to left, the space after a word is at its left. The
	// two are walked where they lie, never copied together: drawing does this for every word.
	parts := [2][]typeset.Glyph{glyphs}
	if space {
		sp := fonts.Face(st).Space().Glyphs
		if spaceLeft {
			parts = [2][]typeset.Glyph{sp, glyphs}
			for _, g := range sp {
				x -= float64(g.Adv) * size / fonts.Face(st).Upem * m[0]
			}
		} else {
			parts[1] = sp
		}
	}
	// The text the run stands for is s, and a space after it when it has one.
	text := runText{s, space}
	// Every glyph must be one the font has and the subset kept: anything else would print as
	// nothing, which is an error, never a blank. And the glyphs' own Unicode values (the
	// ToUnicode map) should give back the text.
	at, same, count := 0, true, 0
	for _, part := range parts {
		count += len(part)
		for _, g := range part {
			if g.ID == 0 || int(g.ID) >= len(fc.cid) || fc.cid[g.ID] < 0 {
				r := []rune(text.String()[min(int(g.Cluster), text.len()):])
				if len(r) == 0 {
					r = []rune{0xfffd}
				}
				if g.ID == 0 {
					d.fail("the font %s has no glyph for %q (U+%04X)", fc.name, r[0], r[0])
				} else {
					d.fail("character %q (U+%04X) is not in the fonts prepared for this edition", r[0], r[0])
				}
				return
			}
			if t := fc.text[fc.cid[g.ID]]; same && t != "" && text.hasAt(at, t) {
				at += len(t)
			} else {
				same = false
			}
		}
	}
	if d.fonts[st] == 0 {
		d.fonts[st] = d.f.alloc()
	}
	// When the glyphs' own Unicode values would not give back the text (one glyph drawn for two
	// characters, such as a no-break space drawn as a space), the run says what it stands for.
	if actual == "" && !(same && at == text.len()) {
		actual = text.String()
	}
	// The replacement text goes on a marked-content sequence of its own: in a tagged PDF, a new
	// sequence of the same element with /ActualText among its properties (poppler's structure
	// reader stops reading an element's text at a Span nested in it); otherwise a Span.
	reopen := (*elem)(nil)
	if actual != "" {
		if d.tags != nil && p.open != nil {
			reopen = p.open
			d.endMarked(p)
			mcid := d.tags.content(reopen, p)
			b := append(p.c.AvailableBuffer(), name(reopen.typ)...)
			b = append(b, " <</MCID "...)
			b = strconv.AppendInt(b, int64(mcid), 10)
			b = append(b, " /ActualText "...)
			b = appendTextString(b, actual)
			p.c.Write(append(b, ">> BDC\n"...))
			p.open = reopen
		} else {
			b := append(p.c.AvailableBuffer(), "/Span <</ActualText "...)
			b = appendTextString(b, actual)
			p.c.Write(append(b, ">> BDC\n"...))
		}
	}
	b := p.c.AvailableBuffer()
	b = append(b, "BT\n"...)
	if p.font != int(st) || p.size != size {
		b = append(b, "/F"...)
		b = strconv.AppendInt(b, int64(st), 10)
		b = append(b, ' ')
		b = appendNum(b, size)
		b = append(b, " Tf\n"...)
		p.font, p.size = int(st), size
	}
	if m == [4]float64{1, 0, 0, 1} {
		// Upright text, nearly every run: a text object's matrix starts as the identity, so a
		// move to the run's place is the same matrix as "1 0 0 1 x y Tm", in half the bytes.
		b = appendNum(b, x)
		b = append(b, ' ')
		b = appendNum(b, y)
		b = append(b, " Td\n["...)
	} else {
		for _, v := range m {
			b = appendNum(b, v)
			b = append(b, ' ')
		}
		b = appendNum(b, x)
		b = append(b, ' ')
		b = appendNum(b, y)
		b = append(b, " Tm\n["...)
	}
	// Glyphs with nothing between them go in one string: <003c004f0050> rather than a string a
	// glyph. Content streams are most of what a build compresses, and later reads back (the
	// printer's preflight), so their length is time.
	inArray, inString := true, false
	closeString := func() {
		if inString {
			b = append(b, '>')
			inString = false
		}
	}
	i := -1
	for _, part := range parts {
		for _, g := range part {
			i++
			cid := fc.cid[g.ID]
			if g.YOff != 0 {
				// A mark raised or lowered by GPOS: drawn on its own with a text rise.
				closeString()
				if inArray {
					b = append(b, "] TJ\n"...)
				}
				b = appendNum(b, float64(g.YOff)*size/fc.unitsPerEm())
				b = append(b, " Ts\n"...)
				inArray = false
			}
			if !inArray {
				b = append(b, '[')
				inArray = true
			}
			if g.XOff != 0 {
				closeString()
				if c := b[len(b)-1]; c >= '0' && c <= '9' || c == '.' {
					b = append(b, ' ') // after the last glyph's adjustment: two numbers, not one
				}
				b = appendNum(b, -float64(g.XOff)*fc.scale)
				b = append(b, ' ')
			}
			if !inString {
				b = append(b, '<')
				inString = true
			}
			b = append(b, hexDigit[cid>>12&15], hexDigit[cid>>8&15], hexDigit[cid>>4&15], hexDigit[cid&15])
			// The pen moves by the width in /W less the adjustment: make that the shaped advance.
			adj := fc.w1000[cid] - float64(g.Adv)*fc.scale
			if g.XOff != 0 {
				adj += float64(g.XOff) * fc.scale
			}
			if math.Abs(adj) >= 0.0005 && i < count-1 {
				closeString()
				b = appendNum(b, adj)
			}
			if g.YOff != 0 {
				closeString()
				b = append(b, "] TJ\n0 Ts\n"...)
				inArray = false
			}
		}
	}
	closeString()
	if inArray {
		b = append(b, "] TJ\n"...)
	}
	p.c.Write(b)
	p.c.WriteString("ET\n")
	if reopen != nil {
		d.endMarked(p) // the element's next run opens a sequence of its own
	} else if actual != "" {
		p.c.WriteString("EMC\n")
	}
}

// runText is a run's text with the space drawn after it, without making the string of the two:
// drawing compares every word's glyphs with its text, and the string was most of the cost.
type runText struct {
	s     string
	space bool
}

func (t runText) len() int {
	if t.space {
		return len(t.s) + 1
	}
	return len(t.s)
}

// hasAt says whether the text has p at byte offset at.
func (t runText) hasAt(at int, p string) bool {
	if at+len(p) > t.len() {
		return false
	}
	if at+len(p) <= len(t.s) {
		return t.s[at:at+len(p)] == p
	}
	// p runs into the space: its last byte is the space, the rest the end of s.
	return p[len(p)-1] == ' ' && t.s[at:] == p[:len(p)-1]
}

func (t runText) String() string {
	if t.space {
		return t.s + " "
	}
	return t.s
}

// marksAfterBases puts each mark of a right-to-left run after the letter it sits on. A
// right-to-left run is drawn in visual order, its glyphs as HarfBuzz gives them from the left
// (the text's last character first), each with its own Unicode value in the ToUnicode map: the
// order text extractors expect (poppler turns visual order back into logical order by the bidi
// algorithm), while the run's /ActualText gives the text in logical order to readers of the
// structure. HarfBuzz puts a cluster's marks (vowel points, Arabic's tanwin) before their letter;
// poppler attaches a mark to the glyph before it, so it then set a raised mark on a line of its
// own. A mark moved after its letter is drawn at the same place: its offset less the letter's
// advance.
func marksAfterBases(gs []typeset.Glyph) []typeset.Glyph {
	moved := false
	for i := 0; i+1 < len(gs); i++ {
		if gs[i].Adv == 0 && gs[i+1].Cluster == gs[i].Cluster {
			moved = true
			break
		}
	}
	if !moved {
		return gs
	}
	out := make([]typeset.Glyph, 0, len(gs))
	for i := 0; i < len(gs); {
		j := i
		for j < len(gs) && gs[j].Cluster == gs[i].Cluster {
			j++
		}
		// The cluster gs[i:j]: its marks (no advance) before its letter.
		base := -1
		for k := i; k < j; k++ {
			if gs[k].Adv != 0 {
				base = k
				break
			}
		}
		if base <= i {
			out = append(out, gs[i:j]...)
		} else {
			out = append(out, gs[base])
			for k := i; k < j; k++ {
				if k == base {
					continue
				}
				g := gs[k]
				g.XOff -= int16(gs[base].Adv)
				out = append(out, g)
			}
		}
		i = j
	}
	return out
}

func (fc *face) unitsPerEm() float64 { return 1000 / fc.scale }

const hexDigit = "0123456789ABCDEF"

// rule draws a horizontal line from x, y (from the top left) w long.
func (d *doc) rule(p *page, x, y, w, thickness float64) {
	fmt.Fprintf(p.c, "%s w %s %s m %s %s l S\n", num(thickness), num(x), num(p.pdfY(y)), num(x+w), num(p.pdfY(y)))
}

// line draws a line between two points (from the top left).
func (d *doc) line(p *page, x1, y1, x2, y2 float64) {
	fmt.Fprintf(p.c, "%s %s m %s %s l S\n", num(x1), num(p.pdfY(y1)), num(x2), num(p.pdfY(y2)))
}

// rect fills a rectangle whose top left corner is x, y.
func (d *doc) rect(p *page, x, y, w, h float64) {
	fmt.Fprintf(p.c, "%s %s %s %s re f\n", num(x), num(p.pdfY(y+h)), num(w), num(h))
}

// fillRGB and strokeRGB set colours given in RGB (0–255): in DeviceRGB, which the sRGB output
// intent qualifies, or for a printer's file in DeviceCMYK.
func (d *doc) fillRGB(p *page, c typeset.RGB) { d.colour(p, c, "rg", "k") }

func (d *doc) strokeRGB(p *page, c typeset.RGB) { d.colour(p, c, "RG", "K") }

func (d *doc) colour(p *page, rgb typeset.RGB, rgbOp, cmykOp string) {
	c := [3]int{int(rgb[0]), int(rgb[1]), int(rgb[2])}
	if d.meta.PDFX == "" {
		fmt.Fprintf(p.c, "%s %s %s %s\n", num(float64(c[0])/255), num(float64(c[1])/255), num(float64(c[2])/255), rgbOp)
		return
	}
	k := cmyk(c)
	fmt.Fprintf(p.c, "%s %s %s %s %s\n", num(k[0]), num(k[1]), num(k[2]), num(k[3]), cmykOp)
}

// cmyk converts an RGB colour to CMYK with all of its grey in black, the usual separation for
// text and rules (a printer's own colour management refines it against the output intent).
func cmyk(c [3]int) [4]float64 {
	r, g, b := float64(c[0])/255, float64(c[1])/255, float64(c[2])/255
	k := 1 - max(r, g, b)
	if k >= 1 {
		return [4]float64{0, 0, 0, 1}
	}
	return [4]float64{(1 - r - k) / (1 - k), (1 - g - k) / (1 - k), (1 - b - k) / (1 - k), k}
}

// link adds a link annotation over a box given from the top left: to a named place in the
// document (anchor) or to a URI.
func (d *doc) link(p *page, x, y, w, h float64, anchor, uri, contents string, e *elem) {
	a := annot{ref: d.f.alloc(), x: x, y: y, w: w, h: h, anchor: anchor, uri: uri, contents: contents, key: -1}
	if d.tags != nil && e != nil {
		a.key = d.tags.annot(e, a.ref)
	}
	p.annots = append(p.annots, a)
}

// anchorsOf is kept for symmetry with drawing: anchors are recorded as pages are drawn.
func (d *doc) anchor(name string, p *page, y float64) { d.anchors[name] = dest{page: p, y: y} }

// drawPage draws a typeset page on p, moved by dx, dy.
func (d *doc) drawPage(p *page, tp *typeset.Page, fonts *typeset.Fonts, dx, dy float64, bookmarks bool) {
	d.bookPage = tp.Number
	for _, a := range tp.Anchors {
		d.anchor(a.Name, p, a.Y+dy)
	}
	if bookmarks && d.meta.PDFX == "" {
		for _, o := range tp.Outline {
			d.outline = append(d.outline, bookmark{title: o.Title, level: o.Level, page: p, y: o.Y + dy})
		}
	}
	for _, r := range tp.Rules {
		d.beginArtifact(p, "<</Type /Layout>>")
		d.rule(p, r.X+dx, r.Y+dy, r.W, r.Thickness)
	}
	for _, pc := range tp.Pictures {
		d.drawPicture(p, pc, dx, dy)
	}
	for _, pl := range tp.Placed {
		pl.X += dx
		pl.Y += dy
		d.drawLine(p, pl, fonts, tp.Number)
	}
	d.endMarked(p)
}

// drawLine draws a placed line, each run inside the structure element it belongs to, or as an
// artifact (running heads, folios, ornaments).
func (d *doc) drawLine(p *page, pl typeset.Placed, fonts *typeset.Fonts, pageNo int) {
	var leaf *elem
	switch {
	case d.tags == nil:
	case pl.Role == typeset.RoleHead || pl.Role == typeset.RoleFolio:
		sub := "/Header"
		if pl.Foot {
			sub = "/Footer"
		}
		d.beginArtifact(p, "<</Type /Pagination /Subtype "+sub+">>")
	case pl.Line.Struct != nil && pl.Line.Struct.Type == typeset.Artifact:
		d.beginArtifact(p, "")
	case pl.Line.Struct != nil:
		leaf = d.tags.of(pl.Line.Struct)
	default:
		// Text with no element (none is made so, but it must never be left untagged).
		leaf = &elem{ref: d.f.alloc(), typ: "P"}
		d.tags.extra = append(d.tags.extra, leaf)
	}
	var lastAnnot *annot // the link annotation of the previous run, which a run to the same place extends
	lastDest := ""
	if d.link0.leaf != leaf || leaf == nil {
		d.link0 = openLink{}
	}
	for i := range pl.Line.Glyphs {
		g := &pl.Line.Glyphs[i] // a run is some 200 bytes: copied a run at a time, it was a tenth of drawing
		if g.Pic() != nil {
			if p.open != nil && p.open.typ == "Link" {
				d.endMarked(p)
			}
			d.drawInline(p, *g, pl.X+g.X, pl.Y, leaf)
			lastAnnot, lastDest, d.link0 = nil, "", openLink{}
			continue
		}
		size := float64(g.Size)
		x, y := pl.X+g.X, pl.Y-float64(g.Rise)
		var target *elem
		if leaf != nil {
			target = leaf
			if g.Lbl && pl.Line.Struct.Lbl != nil {
				target = d.tags.of(pl.Line.Struct.Lbl)
			}
			if lang := g.Lang(); lang != "" {
				target = d.langSpan(target, lang)
			} else {
				d.span0 = openSpan{}
			}
		}
		var anchor, uri, contents string
		if g.Ref != nil {
			switch link := g.Ref.Link; {
			case g.Ref.Note != nil:
				anchor = typeset.NoteAnchor(pl.Doc, g.Ref.Note.Number)
				contents = fmt.Sprintf("Note %d", g.Ref.Note.Number)
			case strings.HasPrefix(link, "#"):
				anchor = link[1:]
				contents = "Go to " + describeAnchor(anchor, g.Text)
			case link != "":
				uri = link
				contents = "Link to " + link
			}
		}
		if d.meta.PDFX != "" {
			anchor, uri = "", "" // a printer's file has no annotations
		}
		dest := anchor + "\x00" + uri
		linked := anchor != "" || uri != ""
		// Words are drawn one run at a time, each placed where the line's spacing puts it; a run
		// followed by a space in the line (or ending the line) carries a real space character, so
		// that text extraction and screen readers reading the structure get words, not one string.
		space, rtlSpace := false, g.RTL()
		switch {
		case pl.Line.Bidi && i < len(pl.Line.Glyphs)-1:
			// The space after the run is where the bidi ordering put it, at the run's right or left.
			space, rtlSpace = g.Space != 0, g.Space < 0
		case i == len(pl.Line.Glyphs)-1:
			space = !strings.HasSuffix(g.Text, "-") && !strings.HasSuffix(g.Text, "\u00ad")
			rtlSpace = pl.Line.RTL // the line's end is at its left
		default:
			space = pl.Line.Glyphs[i+1].X-(g.X+g.Width) > 0.05*size
		}
		extend := linked && lastAnnot != nil && dest == lastDest
		if target != nil && linked {
			switch {
			case extend && p.open != nil && p.open.typ == "Link":
				target = p.open // the same link goes on: one element for it
			case i == 0 && d.link0.elem != nil && d.link0.dest == dest && !g.Lbl:
				target = d.link0.elem // a link that goes on from the line before
			default:
				target = d.tags.link(target)
			}
			d.link0 = openLink{elem: target, dest: dest, leaf: leaf}
		} else if target != nil && p.open != nil && p.open.typ == "Link" {
			d.endMarked(p)
		}
		if !linked {
			d.link0 = openLink{}
		}
		if target != nil {
			d.beginContent(p, target)
		}
		actual := ""
		if pl.Line.BreakHyphen && i == len(pl.Line.Glyphs)-1 && strings.HasSuffix(g.Text, "-") {
			actual = strings.TrimSuffix(g.Text, "-") + "\u00ad"
		}
		d.textSpaced(p, g.Style, size, [4]float64{1, 0, 0, 1}, x, p.pdfY(y), g.Text, g.Shaped, space, g.RTL(), rtlSpace, g.Caps, actual, fonts)
		if g.Strike {
			// Struck out in the original: drawn with the words (the text under it stays text).
			rise, thick := g.StrikeLine()
			fmt.Fprintf(p.c, "%s w %s %s m %s %s l S\n", num(thick), num(x), num(p.pdfY(y)+rise), num(x+g.Width), num(p.pdfY(y)+rise))
		}
		if !linked {
			lastAnnot, lastDest = nil, ""
			continue
		}
		if extend {
			lastAnnot.w = x + g.Width - lastAnnot.x
			continue
		}
		top, height := g.LinkArea()
		d.link(p, x, y-top, g.Width, height, anchor, uri, contents, target)
		lastAnnot, lastDest = &p.annots[len(p.annots)-1], dest
	}
	if p.open != nil && p.open.typ == "Link" {
		d.endMarked(p)
	}
}

// describeAnchor says where an internal link goes, for its /Contents.
func describeAnchor(anchor, text string) string {
	switch {
	case strings.HasPrefix(anchor, "noteref-"):
		return "the reference to note " + strings.TrimSuffix(text, ".")
	case strings.HasPrefix(anchor, "doc-"):
		if _, err := strconv.Atoi(text); err == nil {
			return "page " + text
		}
		return "“" + text + "”"
	}
	return text
}

// finish writes the pages, fonts, annotations, outline, structure, metadata and catalog.
func (d *doc) finish() (File, error) {
	d.closePage()
	d.pending.Wait()
	if d.err != nil {
		return nil, d.err
	}
	f := d.f
	// The pages' streams and what follows them, about: one allocation for a handout, the first
	// of the pieces (object.go) for a book.
	size := 64 << 10
	for _, p := range d.pages {
		size += len(p.z) + 512
	}
	f.buf.Grow(min(size, pieceRoom))
	// Fonts: the shared, prepared objects of each face used.
	var fontRes strings.Builder
	written := map[*face]ref{}
	for st, r := range d.fonts {
		if r == 0 {
			continue
		}
		fc, _ := d.faces.get(typeset.Style(st)) // prepared when first drawn with
		if same, ok := written[fc]; ok {
			// A stand-in face: the same font object.
			fmt.Fprintf(&fontRes, "/F%d %s ", st, same)
			f.obj(r, "null")
			continue
		}
		written[fc] = r
		cidFont, descr, file, cidset, toUni := f.alloc(), f.alloc(), f.alloc(), f.alloc(), f.alloc()
		f.obj(r, fmt.Sprintf("<</Type /Font /Subtype /Type0 /BaseFont %s /Encoding /Identity-H /DescendantFonts [%s] /ToUnicode %s>>",
			name(fc.name), cidFont, toUni))
		f.obj(cidFont, fmt.Sprintf("<</Type /Font /Subtype /CIDFontType2 /BaseFont %s /CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>> /FontDescriptor %s /CIDToGIDMap /Identity /W %s>>",
			name(fc.name), descr, fc.widths))
		f.obj(descr, fmt.Sprintf("<</Type /FontDescriptor /FontName %s %s /FontFile2 %s /CIDSet %s>>", name(fc.name), fc.descr, file, cidset))
		f.stream(file, fmt.Sprintf("/Length1 %d /Filter /FlateDecode", fc.fileLen), fc.file)
		f.stream(cidset, "/Filter /FlateDecode", fc.cidset)
		f.stream(toUni, "/Filter /FlateDecode", fc.toUnicode)
		fmt.Fprintf(&fontRes, "/F%d %s ", st, r)
	}
	// Pages.
	var kids strings.Builder
	var scratch []byte
	for _, p := range d.pages {
		kids.WriteString(p.ref.String() + " ")
		content := f.alloc()
		f.stream(content, "/Filter /FlateDecode", p.z)
		// A book's index makes tens of thousands of links: each is written by appending to one
		// buffer, without fmt.
		var annots strings.Builder
		for _, a := range p.annots {
			annots.WriteString(a.ref.String() + " ")
			b := append(scratch[:0], "<</Type /Annot /Subtype /Link /Rect ["...)
			b = appendNum(b, a.x)
			b = append(b, ' ')
			b = appendNum(b, p.pdfY(a.y+a.h))
			b = append(b, ' ')
			b = appendNum(b, a.x+a.w)
			b = append(b, ' ')
			b = appendNum(b, p.pdfY(a.y))
			b = append(b, "] /Border [0 0 0] /F 4 /Contents "...)
			b = appendTextString(b, a.contents)
			if a.key >= 0 {
				b = append(b, " /StructParent "...)
				b = strconv.AppendInt(b, int64(len(d.pages)+a.key), 10)
			}
			if a.uri != "" {
				b = append(b, " /A <</S /URI /URI "...)
				b = appendLiteral(b, asciiURI(a.uri))
				b = append(b, ">>"...)
			} else if t, ok := d.anchors[a.anchor]; ok {
				b = append(b, " /Dest ["...)
				b = appendRef(b, t.page.ref)
				b = append(b, " /XYZ 0 "...)
				b = appendNum(b, t.page.pdfY(t.y))
				b = append(b, " null]"...)
			} else {
				b = append(b, " /Dest ["...)
				b = appendRef(b, p.ref)
				b = append(b, " /XYZ null null null]"...)
			}
			b = append(b, ">>"...)
			f.objBytes(a.ref, b)
			scratch = b
		}
		var res strings.Builder
		fmt.Fprintf(&res, "<</Font <<%s>>", fontRes.String())
		if len(p.images) > 0 {
			res.WriteString(" /XObject <<")
			for _, n := range slices.Sorted(maps.Keys(p.images)) {
				fmt.Fprintf(&res, "/%s %s ", n, p.images[n])
			}
			res.WriteString(">>")
		}
		res.WriteString(">>")
		body := fmt.Sprintf("<</Type /Page /Parent %s /MediaBox [0 0 %s %s]%s /Resources %s /Contents %s",
			d.pagesR, num(p.w), num(p.h), p.boxes, res.String(), content)
		if len(p.annots) > 0 {
			body += " /Annots [" + strings.TrimSpace(annots.String()) + "]"
		}
		if p.structParents >= 0 {
			body += fmt.Sprintf(" /StructParents %d /Tabs /S", p.structParents)
		}
		f.obj(p.ref, body+">>")
	}
	f.obj(d.pagesR, fmt.Sprintf("<</Type /Pages /Kids [%s] /Count %d>>", strings.TrimSpace(kids.String()), len(d.pages)))

	var catalog strings.Builder
	fmt.Fprintf(&catalog, "<</Type /Catalog /Pages %s", d.pagesR)
	if out := d.writeOutline(); out != 0 {
		fmt.Fprintf(&catalog, " /Outlines %s /PageMode /UseOutlines", out)
	}
	if d.tags != nil {
		root := d.tags.write(nil)
		fmt.Fprintf(&catalog, " /StructTreeRoot %s /MarkInfo <</Marked true>>", root)
	}
	fmt.Fprintf(&catalog, " /Lang %s /ViewerPreferences <</DisplayDocTitle true>>", textString(d.b.Language))
	meta := f.alloc()
	f.stream(meta, "/Type /Metadata /Subtype /XML", xmp(d.b, d.meta))
	var intent ref
	switch d.meta.PDFX {
	case "":
		icc := f.addStream("/N 3 /Filter /FlateDecode", srgbDeflated())
		intent = f.add(fmt.Sprintf("<</Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1) /RegistryName (http://www.color.org) /Info (sRGB IEC61966-2.1) /DestOutputProfile %s>>", icc))
	case "FOGRA39":
		icc := f.addStream("/N 4 /Filter /FlateDecode", isoCoatedDeflated())
		intent = f.add(fmt.Sprintf("<</Type /OutputIntent /S /GTS_PDFX /OutputConditionIdentifier (FOGRA39) /OutputCondition (Offset printing on coated paper, ISO 12647-2) /RegistryName (http://www.color.org) /Info (ISO Coated v2 300%% \\(basICColor\\)) /DestOutputProfile %s>>", icc))
	default:
		// A registered condition named by its identifier only: the printer has its profile.
		intent = f.add(fmt.Sprintf("<</Type /OutputIntent /S /GTS_PDFX /OutputConditionIdentifier %s /RegistryName (http://www.color.org) /Info %s>>", literal(d.meta.PDFX), literal(d.meta.PDFX)))
	}
	fmt.Fprintf(&catalog, " /Metadata %s /OutputIntents [%s]>>", meta, intent)
	root := f.add(catalog.String())
	info := f.add(infoDict(d.b, d.meta))
	return f.finish(root, info)
}

// asciiURI percent-encodes what a URI action may not hold as is (it is an ASCII string).
func asciiURI(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x21 || c > 0x7e {
			fmt.Fprintf(&b, "%%%02X", c)
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// writeOutline writes the bookmarks as a tree by level, each item with its /Count, and returns the
// outline's root (0 when there are none).
func (d *doc) writeOutline() ref {
	if len(d.outline) == 0 {
		return 0
	}
	type node struct {
		bm   bookmark
		ref  ref
		kids []*node
	}
	root := &node{ref: d.f.alloc()}
	stack := []*node{root}
	for _, bm := range d.outline {
		n := &node{bm: bm, ref: d.f.alloc()}
		for len(stack) > bm.level+1 {
			stack = stack[:len(stack)-1]
		}
		parent := stack[len(stack)-1]
		parent.kids = append(parent.kids, n)
		stack = append(stack, n)
	}
	var count func(n *node) int
	count = func(n *node) int {
		c := len(n.kids)
		for _, k := range n.kids {
			c += count(k)
		}
		return c
	}
	var write func(n *node, parent ref)
	write = func(n *node, parent ref) {
		for i, k := range n.kids {
			var b strings.Builder
			fmt.Fprintf(&b, "<</Title %s /Parent %s /Dest [%s /XYZ 0 %s null]", textString(k.bm.title), parent, k.bm.page.ref, num(k.bm.page.pdfY(k.bm.y)))
			if i > 0 {
				fmt.Fprintf(&b, " /Prev %s", n.kids[i-1].ref)
			}
			if i < len(n.kids)-1 {
				fmt.Fprintf(&b, " /Next %s", n.kids[i+1].ref)
			}
			if len(k.kids) > 0 {
				fmt.Fprintf(&b, " /First %s /Last %s /Count %d", k.kids[0].ref, k.kids[len(k.kids)-1].ref, count(k))
			}
			d.f.obj(k.ref, b.String()+">>")
			write(k, k.ref)
		}
	}
	write(root, root.ref)
	d.f.obj(root.ref, fmt.Sprintf("<</Type /Outlines /First %s /Last %s /Count %d>>", root.kids[0].ref, root.kids[len(root.kids)-1].ref, count(root)))
	return root.ref
}

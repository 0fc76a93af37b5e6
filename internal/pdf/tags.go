package pdf

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"

	"colophon/internal/typeset"
)

// elem is a structure element of a tagged PDF: one of the typeset book's elements, or a Link made
// while drawing (a note reference, a link in the text, a contents entry's page number).
type elem struct {
	ref    ref
	typ    string
	s      *typeset.Struct // nil for Links
	kids   []kid           // content, in drawing order (elements with typeset kids take those instead)
	page   ref             // the page its first content is on
	id     string          // a Note's /ID
	alt    string          // /Alt
	lang   string          // /Lang
	hasAny bool            // holds content in this PDF, or an element that does
	bbox   [4]float64      // a Figure's bounding box on its page, PDF coordinates
	inline bool            // a Figure in a line of text
}

// kid is one item of an element's content: a marked-content sequence on a page, a child element,
// or an annotation (OBJR).
type kid struct {
	order int // where the content is in the book (page and place), for booklets drawn out of order
	mcid  int
	page  ref
	child *elem
	annot ref
}

// tagger builds the structure tree while pages are drawn.
type tagger struct {
	d      *doc
	root   *typeset.Struct
	elems  map[*typeset.Struct]*elem
	parent [][]ref // per page (StructParents index): the element of each MCID
	annots []ref   // per StructParent index past the pages': the Link element of an annotation
	extra  []*elem // content with no element of its own (kept, as P under the document)
	seq    int
}

func newTagger(d *doc, root *typeset.Struct) *tagger {
	return &tagger{d: d, root: root, elems: map[*typeset.Struct]*elem{}}
}

// of returns the element of a typeset element, making it on first use.
func (t *tagger) of(s *typeset.Struct) *elem {
	if e, ok := t.elems[s]; ok {
		return e
	}
	e := &elem{ref: t.d.f.alloc(), typ: s.Type, s: s, lang: s.Lang, alt: s.Alt}
	if s.Note != nil {
		e.id = fmt.Sprintf("note-%d-%d", s.Doc, s.Note.Number)
	}
	t.elems[s] = e
	return e
}

// link makes a Link element inside parent.
func (t *tagger) link(parent *elem) *elem {
	e := &elem{ref: t.d.f.alloc(), typ: "Link"}
	t.seq++
	parent.kids = append(parent.kids, kid{child: e, order: t.d.bookPage<<32 | t.seq})
	return e
}

// child makes an element of type typ, with alternative text alt, inside parent: a picture in a
// line of text.
func (t *tagger) child(parent *elem, typ, alt string) *elem {
	e := &elem{ref: t.d.f.alloc(), typ: typ, alt: alt}
	t.seq++
	parent.kids = append(parent.kids, kid{child: e, order: t.d.bookPage<<32 | t.seq})
	return e
}

// content records a marked-content sequence of e on page p and returns its MCID.
func (t *tagger) content(e *elem, p *page) int {
	mcid := len(t.parent[p.structParents])
	t.parent[p.structParents] = append(t.parent[p.structParents], e.ref)
	t.seq++
	e.kids = append(e.kids, kid{mcid: mcid, page: p.ref, order: t.d.bookPage<<32 | t.seq})
	if e.page == 0 {
		e.page = p.ref
	}
	return mcid
}

// annot records a link annotation of element e and returns its index among the annotations: its
// StructParent key is the number of pages plus that index.
func (t *tagger) annot(e *elem, annot ref) int {
	e.kids = append(e.kids, kid{annot: annot})
	t.annots = append(t.annots, e.ref)
	return len(t.annots) - 1
}

// write writes the tree: StructTreeRoot, every element with content, the parent tree, the role
// map and the ID tree. Elements are written in the typeset tree's order, which is reading order.
func (t *tagger) write(pagesRefs []ref) ref {
	f := t.d.f
	rootRef := f.alloc()
	doc := &elem{ref: f.alloc(), typ: "Document"}
	var ids [][2]string
	var walk func(s *typeset.Struct) *elem
	walk = func(s *typeset.Struct) *elem {
		if s.Type == typeset.Artifact {
			return nil
		}
		e, ok := t.elems[s]
		if len(s.Kids) > 0 {
			var kids []kid
			for _, c := range s.Kids {
				if ce := walk(c); ce != nil {
					kids = append(kids, kid{child: ce})
				}
			}
			if len(kids) == 0 {
				return nil
			}
			if !ok {
				e = t.of(s)
			}
			e.kids = kids
			for _, k := range kids {
				if e.page == 0 && k.child.page != 0 {
					e.page = k.child.page
				}
			}
			return e
		}
		if !ok || len(e.kids) == 0 {
			return nil
		}
		sortKids(e)
		return e
	}
	for _, c := range t.root.Kids {
		if ce := walk(c); ce != nil {
			doc.kids = append(doc.kids, kid{child: ce})
		}
	}
	for _, e := range t.extra {
		doc.kids = append(doc.kids, kid{child: e})
	}
	// A book with an index has tens of thousands of elements: each is written by appending to
	// one buffer, without fmt.
	var emit func(e *elem, parent ref)
	var scratch []byte
	emit = func(e *elem, parent ref) {
		b := append(scratch[:0], "<</Type /StructElem /S "...)
		b = appendName(b, e.typ)
		b = append(b, " /P "...)
		b = appendRef(b, parent)
		if e.page != 0 {
			b = append(b, " /Pg "...)
			b = appendRef(b, e.page)
		}
		if e.id != "" {
			b = append(b, " /ID "...)
			b = appendLiteral(b, e.id)
			ids = append(ids, [2]string{e.id, e.ref.String()})
		}
		if e.alt != "" {
			b = append(b, " /Alt "...)
			b = appendTextString(b, e.alt)
		}
		if e.lang != "" {
			b = append(b, " /Lang "...)
			b = appendTextString(b, e.lang)
		}
		if e.s != nil && e.s.Scope != "" {
			b = append(b, " /A <</O /Table /Scope /"...)
			b = append(b, e.s.Scope...)
			b = append(b, ">>"...)
		}
		if e.bbox != [4]float64{} {
			placement := "/Block"
			if e.inline {
				placement = "/Inline"
			}
			b = append(b, " /A <</O /Layout /Placement "...)
			b = append(b, placement...)
			b = append(b, " /BBox ["...)
			for i, v := range e.bbox {
				if i > 0 {
					b = append(b, ' ')
				}
				b = appendNum(b, v)
			}
			b = append(b, "]>>"...)
		}
		b = append(b, " /K ["...)
		for _, k := range e.kids {
			switch {
			case k.child != nil:
				b = append(b, ' ')
				b = appendRef(b, k.child.ref)
			case k.annot != 0:
				b = append(b, " <</Type /OBJR /Obj "...)
				b = appendRef(b, k.annot)
				b = append(b, ">>"...)
			case k.page == e.page:
				b = append(b, ' ')
				b = strconv.AppendInt(b, int64(k.mcid), 10)
			default:
				b = append(b, " <</Type /MCR /Pg "...)
				b = appendRef(b, k.page)
				b = append(b, " /MCID "...)
				b = strconv.AppendInt(b, int64(k.mcid), 10)
				b = append(b, ">>"...)
			}
		}
		b = append(b, "]>>"...)
		f.objBytes(e.ref, b)
		scratch = b
		for _, k := range e.kids {
			if k.child != nil {
				emit(k.child, e.ref)
			}
		}
	}
	doc.page = 0
	emit(doc, rootRef)
	// Elements numbered while drawing but left out of the tree (no content here) are written as
	// empty objects, so that the file has no numbered object missing.
	seen := map[ref]bool{}
	var mark func(e *elem)
	mark = func(e *elem) {
		seen[e.ref] = true
		for _, k := range e.kids {
			if k.child != nil {
				mark(k.child)
			}
		}
	}
	mark(doc)
	var orphans []ref
	for _, e := range t.elems {
		if !seen[e.ref] {
			orphans = append(orphans, e.ref)
		}
	}
	sort.Slice(orphans, func(i, j int) bool { return orphans[i] < orphans[j] })
	for _, r := range orphans {
		f.obj(r, "null")
	}

	// The parent tree: page StructParents → array of elements by MCID; annotation StructParent →
	// its Link element.
	var pt strings.Builder
	pt.WriteString("<</Nums [")
	for i, els := range t.parent {
		fmt.Fprintf(&pt, " %d [", i)
		for _, r := range els {
			pt.WriteString(" " + r.String())
		}
		pt.WriteString("]")
	}
	for i, r := range t.annots {
		fmt.Fprintf(&pt, " %d %s", len(t.parent)+i, r)
	}
	pt.WriteString("]>>")
	parentTree := f.add(pt.String())

	var rm strings.Builder
	rm.WriteString("<<")
	for _, k := range slices.Sorted(maps.Keys(typeset.RoleMap)) {
		fmt.Fprintf(&rm, "%s %s ", name(k), name(typeset.RoleMap[k]))
	}
	rm.WriteString(">>")

	var root strings.Builder
	fmt.Fprintf(&root, "<</Type /StructTreeRoot /K %s /ParentTree %s /ParentTreeNextKey %d /RoleMap %s",
		doc.ref, parentTree, len(t.parent)+len(t.annots), rm.String())
	if len(ids) > 0 {
		sort.Slice(ids, func(i, j int) bool { return ids[i][0] < ids[j][0] })
		root.WriteString(" /IDTree <</Names [")
		for _, id := range ids {
			fmt.Fprintf(&root, " %s %s", literal(id[0]), id[1])
		}
		fmt.Fprintf(&root, "] /Limits [%s %s]>>", literal(ids[0][0]), literal(ids[len(ids)-1][0]))
	}
	root.WriteString(">>")
	f.obj(rootRef, root.String())
	return rootRef
}

// sortKids puts content in the book's order: a booklet draws pages in the order of its sheets.
func sortKids(e *elem) {
	sort.SliceStable(e.kids, func(i, j int) bool { return e.kids[i].order < e.kids[j].order })
	e.page = 0
	for _, k := range e.kids {
		if k.child != nil {
			sortKids(k.child)
		}
		if e.page == 0 {
			if k.page != 0 {
				e.page = k.page
			} else if k.child != nil {
				e.page = k.child.page
			}
		}
	}
}

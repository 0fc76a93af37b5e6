package source

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"colophon/internal/edition"
)

// Cross-references, [#target]: the target is a document (the name of its file without the
// extension, 02-letter-from-gorky, or its id without the number, letter-from-gorky), a note of a
// document (letter-from-gorky^1, by the label its source writes; ^1 alone in the same document),
// an id given with a span, [words]{#id} — in a figure's caption it is the figure, in a table's
// the table — or a register entry's id. The syntax sits beside the citations' [@key] and the
// notes' [^label], and refers to the ids spans give with {#id}. Targets are resolved once every
// document is read, since a reference may point forward; one that names nothing is an error at
// its place.

type xrefNode struct {
	ast.BaseInline
	name   string
	offset int // of the '['
}

var kindXRef = ast.NewNodeKind("XRef")

func (n *xrefNode) Kind() ast.NodeKind { return kindXRef }

func (n *xrefNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Name": n.name}, nil)
}

type xrefParser struct{}

func (xrefParser) Trigger() []byte { return []byte{'['} }

func (xrefParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) < 4 || line[1] != '#' {
		return nil
	}
	end := -1
	for i := 2; i < len(line); i++ {
		c := line[i]
		if c == ']' {
			end = i
			break
		}
		if !isNameByte(c) && c != '^' {
			return nil
		}
	}
	if end <= 2 {
		return nil
	}
	if end+1 < len(line) && strings.IndexByte("([{", line[end+1]) >= 0 {
		return nil // a link's or a span's text that begins with '#'
	}
	block.Advance(end + 1)
	return &xrefNode{name: string(line[2:end]), offset: seg.Start}
}

// xrefUse is a cross-reference as met: its target, to be resolved, and where it stands.
type xrefUse struct {
	target *edition.Target
	pos    edition.Pos
}

// spanID is an id given with a span, {#id}, and where.
type spanID struct {
	id   string
	pos  edition.Pos
	attr *edition.Attr
}

func (c *converter) xref(x *xrefNode) edition.Inline {
	t := &edition.Target{Name: x.name, Doc: -1}
	c.proj.xrefs = append(c.proj.xrefs, xrefUse{target: t, pos: c.pos(x.offset)})
	return edition.Inline{Kind: edition.XRef, Target: t}
}

// resolveXRefs resolves every cross-reference of the edition, and checks the ids spans give:
// each once in the edition, and none a document's name.
func (p *project) resolveXRefs(b *edition.Book) {
	docs := map[string]int{}
	for i, d := range b.Documents {
		docs[d.ID] = i
		docs[strings.TrimSuffix(filepath.Base(d.Path), filepath.Ext(d.Path))] = i
	}
	// Where each span id stands: its document, and whether it names a figure or a table.
	type place struct {
		doc  int
		kind edition.TargetKind
	}
	places := map[*edition.Attr]place{}
	from := map[*edition.Target]int{}
	for i, d := range b.Documents {
		var in func([]edition.Inline, edition.TargetKind)
		in = func(xs []edition.Inline, k edition.TargetKind) {
			for _, x := range xs {
				if x.Kind == edition.Span && x.Attr != nil && x.Attr.ID != "" {
					places[x.Attr] = place{i, k}
				}
				if x.Kind == edition.XRef {
					from[x.Target] = i
				}
				in(x.Children, k)
			}
		}
		var blocks func([]edition.Block)
		blocks = func(bs []edition.Block) {
			for _, bl := range bs {
				k := edition.TargetSpan
				switch bl.Kind {
				case edition.Figure:
					k = edition.TargetFigure
				case edition.Table:
					k = edition.TargetTable
				}
				in(bl.Inlines, k)
				blocks(bl.Children)
			}
		}
		for _, part := range d.Parts() {
			in(part, edition.TargetSpan)
		}
		blocks(d.Blocks)
		for _, n := range d.Notes {
			blocks(n.Blocks)
		}
	}
	ids := map[string]spanID{}
	for _, s := range p.spanIDs {
		if first, dup := ids[s.id]; dup {
			p.ds.Add(s.pos, "the id #%s is given twice (first at %s:%d:%d): an id names one place", s.id, first.pos.Path, first.pos.Line, first.pos.Col)
			continue
		}
		if i, ok := docs[s.id]; ok {
			p.ds.Add(s.pos, "the id #%s is also the name of the document %s: give the span another", s.id, b.Documents[i].Path)
			continue
		}
		if e := b.Register.Entry(s.id); e != nil {
			p.ds.Add(s.pos, "the id #%s is also the id of a register entry (source/register.yaml:%d): give the span another", s.id, e.Pos.Line)
			continue
		}
		ids[s.id] = s
	}
	for _, u := range p.xrefs {
		t := u.target
		here := -1 // the document the reference stands in
		if f, ok := from[t]; ok {
			here = f
		}
		name, label, isNote := strings.Cut(t.Name, "^")
		switch {
		case isNote:
			d := here
			if name != "" {
				i, ok := docs[name]
				if !ok {
					p.ds.Add(u.pos, "cross-reference [#%s]: there is no document %s%s", t.Name, name, closestName(name, docs, ""))
					continue
				}
				d = i
			} else if d < 0 {
				p.ds.Add(u.pos, "cross-reference [#%s]: a note without its document's name can only be referred to from within a document: write [#name^%s]", t.Name, label)
				continue
			}
			var n *edition.Note
			for _, x := range b.Documents[d].Notes {
				if x.Label == label {
					n = x
				}
			}
			if n == nil {
				p.ds.Add(u.pos, "cross-reference [#%s]: %s has no note [^%s]", t.Name, b.Documents[d].Path, label)
				continue
			}
			t.Kind, t.Doc, t.Note = edition.TargetNote, d, n
		default:
			if i, ok := docs[name]; ok {
				if e := b.Register.Entry(name); e != nil {
					p.ds.Add(u.pos, "cross-reference [#%s]: both the document %s and the register entry at source/register.yaml:%d are called %s: rename the entry's id", t.Name, b.Documents[i].Path, e.Pos.Line, name)
					continue
				}
				t.Kind, t.Doc = edition.TargetDocument, i
				continue
			}
			if e := b.Register.Entry(name); e != nil {
				t.Kind, t.ID, t.Entry = edition.TargetEntry, name, e
				continue
			}
			if s, ok := ids[name]; ok {
				pl, ok := places[s.attr]
				if !ok {
					// An id outside the documents' text (a register entry's note): nowhere to go.
					p.ds.Add(u.pos, "cross-reference [#%s]: the id stands outside the documents, where nothing can point to it", t.Name)
					continue
				}
				t.Kind, t.Doc, t.ID = pl.kind, pl.doc, name
				continue
			}
			known := map[string]int{}
			for k, v := range docs {
				known[k] = v
			}
			for k := range ids {
				known[k] = 0
			}
			if b.Register != nil {
				for _, e := range b.Register.Entries {
					known[e.ID] = 0
				}
			}
			p.ds.Add(u.pos, "cross-reference [#%s]: no document, note, id or register entry of the edition is called %s%s", t.Name, name, closestName(name, known, ""))
		}
	}
}

// closestName suggests the known name closest to a mistyped one.
func closestName(got string, known map[string]int, suffix string) string {
	names := make([]string, 0, len(known))
	for k := range known {
		names = append(names, k)
	}
	sort.Strings(names)
	if c := Closest(got, names); c != "" {
		return fmt.Sprintf(" (did you mean [#%s%s]?)", c, suffix)
	}
	return ""
}

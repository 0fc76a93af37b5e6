package source

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	fnast "github.com/yuin/goldmark/extension/ast"

	"colophon/internal/edition"
)

// noteDef is a footnote definition as found in the body.
type noteDef struct {
	label  string
	blocks []edition.Block
	pos    edition.Pos
	used   bool
}

// collectDefs converts the body's footnote definitions and reports labels defined twice.
// goldmark parses each "[^label]:" into a Footnote node; their positions are found by scanning the
// source for the label at the start of a line, in order, since the nodes carry none of their own.
func collectDefs(c *converter, doc ast.Node, bodyStart int, f *textFile) (map[string]*noteDef, []*noteDef) {
	defs := map[string]*noteDef{}
	var order []*noteDef
	seen := map[string]int{}
	starts := defStarts(f, bodyStart)
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		fn, ok := n.(*fnast.Footnote)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		label := string(fn.Ref)
		seen[label]++
		p := f.pos(bodyStart)
		if at := starts[label]; len(at) >= seen[label] {
			p = f.pos(at[seen[label]-1])
		}
		sub := *c
		sub.inNote = true
		d := &noteDef{label: label, blocks: sub.blocks(fn, 1), pos: p}
		if first, dup := defs[label]; dup {
			c.ds.Add(p, "note [^%s] is defined twice (first at line %d)", label, first.pos.Line)
			return ast.WalkSkipChildren, nil
		}
		if len(d.blocks) == 0 {
			c.ds.Add(p, "note [^%s] is empty", label)
		}
		for _, b := range d.blocks {
			// The foot of a page holds paragraphs: anything else in a note would be printed as
			// bare text or not at all.
			if b.Kind != edition.Paragraph {
				c.ds.Add(b.Pos, "note [^%s] holds %s; a note holds paragraphs only, set at the foot of the page: move it into the text", label, blockNames[b.Kind])
			}
		}
		defs[label] = d
		order = append(order, d)
		return ast.WalkSkipChildren, nil
	})
	return defs, order
}

// blockNames name the blocks a note may not hold, for the diagnostic.
var blockNames = map[edition.BlockKind]string{
	edition.Heading: "a heading", edition.Quote: "a block quotation", edition.List: "a list",
	edition.CodeBlock: "a code block", edition.Rule: "a rule", edition.Verse: "verse",
	edition.Table: "a table", edition.Figure: "a figure",
}

// defStarts finds, in one pass over the body, the byte offset of every line that begins (after up
// to three spaces) with "[^label]:", by label in order; goldmark's Footnote nodes carry no position.
// A label is one or more characters, none of them "]" or white space. The scan jumps from one "[^"
// to the next rather than trying a regular expression at every line: with (?m)^ the expression
// was tried at every byte, a third of loading a 250-document edition.
func defStarts(f *textFile, bodyStart int) map[string][]int {
	out := map[string][]int{}
	body := f.data[bodyStart:]
	for off := 0; ; {
		k := bytes.Index(body[off:], []byte("[^"))
		if k < 0 {
			return out
		}
		i := off + k
		off = i + 2
		ls := i // the line's start, before up to three spaces
		for ls > 0 && body[ls-1] == ' ' {
			ls--
		}
		if i-ls > 3 || ls > 0 && body[ls-1] != '\n' {
			continue
		}
		j := i + 2
		for j < len(body) && body[j] != ']' && !isSpaceRE(body[j]) {
			j++
		}
		if j == i+2 || j+1 >= len(body) || body[j] != ']' || body[j+1] != ':' {
			continue
		}
		label := string(body[i+2 : j])
		out[label] = append(out[label], bodyStart+i)
		off = j + 2
	}
}

// isSpaceRE is a regular expression's \s: tab, newline, form feed, carriage return and space.
func isSpaceRE(c byte) bool {
	return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
}

// resolveNotes numbers notes in order of first reference and points each NoteRef inline at its note.
// refs are the references in reading order, which is also the order walkRefs visits them.
func resolveNotes(d *edition.Document, refs []noteUse, defs map[string]*noteDef, order []*noteDef, ds *edition.Diagnostics) {
	i := 0
	walkRefs(d, func(in *edition.Inline) {
		use := refs[i]
		i++
		def, ok := defs[use.label]
		if !ok {
			ds.Add(use.pos, "note reference [^%s] has no definition: add a line \"[^%s]: …\"", use.label, use.label)
			return
		}
		if def.used {
			ds.Add(use.pos, "note [^%s] is referenced twice: give each reference its own note", use.label)
			return
		}
		def.used = true
		n := &edition.Note{Number: len(d.Notes) + 1, Label: use.label, Blocks: def.blocks, Ref: use.pos, Def: def.pos}
		d.Notes = append(d.Notes, n)
		in.Note = n
	})
	for _, def := range order {
		if !def.used {
			ds.Add(def.pos, "note [^%s] is defined but never referenced", def.label)
		}
	}
}

// walkRefs visits every NoteRef inline of a document in reading order.
func walkRefs(d *edition.Document, fn func(*edition.Inline)) {
	var inl func([]edition.Inline)
	inl = func(xs []edition.Inline) {
		for i := range xs {
			if xs[i].Kind == edition.NoteRef {
				fn(&xs[i])
			}
			inl(xs[i].Children)
		}
	}
	var blk func([]edition.Block)
	blk = func(bs []edition.Block) {
		for i := range bs {
			inl(bs[i].Inlines)
			blk(bs[i].Children)
		}
	}
	inl(d.Title)
	inl(d.Dateline)
	inl(d.Salutation)
	blk(d.Blocks)
	inl(d.Signature)
	for _, e := range d.Endorsements {
		inl(e)
	}
	inl(d.Archive)
}

package source

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"colophon/internal/edition"
)

// passageNode is a passage of several blocks in another language, written as a fenced div with a
// language (pandoc's syntax):
//
//	::: {lang=fr}
//	Nous avons bien reçu votre colis.
//
//	Rien n'a été perdu.
//	:::
//
// Its lines are Markdown like the rest of the document (paragraphs, lists, quotations, verse,
// notes); the passage only says which language they are in. A paragraph in another language on
// its own is written more shortly as one span, [words]{lang=ar} (see language.go).
type passageNode struct {
	ast.BaseBlock
	attrs  []spanAttr
	bad    string // the braces could not be read as attributes: why
	at     int    // byte offset of the fence
	braces int    // byte offset of the '{'
	inner  int    // fences opened inside and not yet closed (verse, passages)
	closed bool
}

var kindPassage = ast.NewNodeKind("Passage")

func (n *passageNode) Kind() ast.NodeKind { return kindPassage }

func (n *passageNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

type passageParser struct{}

func (passageParser) Trigger() []byte { return []byte{':'} }

// passageFence reads a line "::: {…}" and returns what is between the braces and where they
// begin in the line; ok is false for any other line (verse's fence among them).
func passageFence(line []byte) (attrs []byte, at int, ok bool) {
	l := bytes.TrimRight(line, " \t\r\n")
	lead := len(l) - len(bytes.TrimLeft(l, " "))
	if lead > 3 || !bytes.HasPrefix(l[lead:], []byte(":::")) || isVerseFence(l) {
		return nil, 0, false
	}
	rest := bytes.TrimLeft(l[lead:], ":")
	open := len(l) - len(bytes.TrimLeft(rest, " \t"))
	rest = l[open:]
	if len(rest) < 2 || rest[0] != '{' || rest[len(rest)-1] != '}' {
		return nil, 0, false
	}
	return rest[1 : len(rest)-1], open, true
}

func (passageParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	attrs, at, ok := passageFence(line)
	if !ok {
		return nil, parser.NoChildren
	}
	n := &passageNode{at: seg.Start, braces: seg.Start + at}
	n.attrs, n.bad = parseSpanAttrs(attrs, seg.Start+at+1)
	reader.AdvanceToEOL()
	return n, parser.HasChildren
}

func (passageParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	n := node.(*passageNode)
	line, _ := reader.PeekLine()
	if line == nil {
		return parser.Close
	}
	// A fence inside (verse, another passage) is closed by the next closing fence: the passage
	// lets that one through to the block it closes.
	if _, _, ok := passageFence(line); ok || isVerseFence(line) {
		n.inner++
		return parser.Continue | parser.HasChildren
	}
	if isClosingFence(line) {
		if n.inner > 0 {
			n.inner--
			return parser.Continue | parser.HasChildren
		}
		n.closed = true
		reader.AdvanceToEOL()
		return parser.Close
	}
	return parser.Continue | parser.HasChildren
}

func (passageParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {}

func (passageParser) CanInterruptParagraph() bool { return true }

func (passageParser) CanAcceptIndentedLine() bool { return false }

// fencedPassage converts a passage: its language, checked as a span's, and its blocks.
func (c *converter) fencedPassage(n *passageNode, depth int) edition.Block {
	b := edition.Block{Kind: edition.Passage, Pos: c.pos(n.at)}
	switch {
	case n.bad != "":
		c.ds.Add(c.pos(n.braces), "cannot read the passage's attributes: %s (write ::: {lang=fr})", n.bad)
	case !n.closed:
		c.ds.Add(b.Pos, "the passage begun here is never closed: end it with a line \":::\"")
	}
	for _, a := range n.attrs {
		at := c.pos(a.offset)
		switch {
		case a.kind != '=' || a.key != "lang":
			c.ds.Add(at, "a passage says only its language, as lang=: ::: {lang=fr} (%s means nothing to colophon here)", string(a.kind)+a.key)
		case b.Lang != "":
			c.ds.Add(at, "lang= is given twice in one passage")
		default:
			b.Lang = checkLang(c.ds, at, a.value)
		}
	}
	if b.Lang == "" && n.bad == "" {
		c.ds.Add(b.Pos, "a passage needs its language: ::: {lang=fr}")
	}
	b.Children = c.blocks(n, depth+1)
	return b
}

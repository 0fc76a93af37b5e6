package source

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// noteRefNode is a footnote reference [^label] as written, resolved or not.
//
// goldmark's own footnote inline parser turns a reference to a missing definition back into plain
// text and its transformer drops definitions nobody refers to; `check` must report both, so we keep
// goldmark's block parser for definitions and read references with this parser, resolving them
// ourselves in notes.go.
type noteRefNode struct {
	ast.BaseInline
	Label  string
	Offset int // byte offset of the '[' in the parsed text
}

var kindNoteRef = ast.NewNodeKind("NoteRef")

func (n *noteRefNode) Kind() ast.NodeKind { return kindNoteRef }

func (n *noteRefNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Label": n.Label}, nil)
}

type noteRefParser struct{}

func (noteRefParser) Trigger() []byte { return []byte{'['} }

func (noteRefParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) < 4 || line[1] != '^' {
		return nil
	}
	end := bytes.IndexByte(line[2:], ']')
	if end <= 0 {
		return nil
	}
	label := line[2 : 2+end]
	if bytes.ContainsAny(label, " \t[^") {
		return nil
	}
	block.Advance(end + 3)
	return &noteRefNode{Label: string(label), Offset: seg.Start}
}

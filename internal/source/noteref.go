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

// Trigger includes '!': "Hello![^2]" would otherwise be read as the start of an image, losing the
// reference (goldmark's link parser takes "![" as an image's opener).
func (noteRefParser) Trigger() []byte { return []byte{'[', '!'} }

func (noteRefParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) > 0 && line[0] == '!' {
		if len(line) < 5 || line[1] != '[' || line[2] != '^' {
			return nil
		}
		// The exclamation mark is text; the reference after it is read at the next '['.
		block.Advance(1)
		return ast.NewTextSegment(text.NewSegment(seg.Start, seg.Start+1))
	}
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

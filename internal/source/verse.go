package source

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// verseNode is a poem or song written as a fenced block:
//
//	::: verse
//	First line of the first stanza,
//	its second line.
//
//	The second stanza.
//	:::
//
// Its lines are kept as written (each a line of verse; a blank line separates stanzas) and read
// as Markdown one by one when the model is made. The fence is the fenced-div syntax pandoc and
// other Markdown tools know, with the class "verse".
type verseNode struct {
	ast.BaseBlock
}

var kindVerse = ast.NewNodeKind("Verse")

func (n *verseNode) Kind() ast.NodeKind { return kindVerse }

func (n *verseNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

func (n *verseNode) IsRaw() bool { return true }

type verseParser struct{}

func (verseParser) Trigger() []byte { return []byte{':'} }

func isVerseFence(line []byte) bool {
	l := bytes.TrimSpace(line)
	if !bytes.HasPrefix(l, []byte(":::")) {
		return false
	}
	rest := bytes.TrimSpace(bytes.TrimLeft(l, ":"))
	rest = bytes.Trim(rest, "{}. ")
	return string(rest) == "verse"
}

func isClosingFence(line []byte) bool {
	l := bytes.TrimSpace(line)
	return len(l) >= 3 && len(bytes.Trim(l, ":")) == 0
}

func (verseParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, _ := reader.PeekLine()
	if !isVerseFence(line) {
		return nil, parser.NoChildren
	}
	reader.AdvanceToEOL() // goldmark moves to the next line itself
	return &verseNode{}, parser.NoChildren
}

func (verseParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, seg := reader.PeekLine()
	if line == nil {
		return parser.Close
	}
	if isClosingFence(line) {
		reader.AdvanceToEOL()
		return parser.Close
	}
	node.Lines().Append(seg)
	reader.AdvanceToEOL()
	return parser.Continue | parser.NoChildren
}

func (verseParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {}

func (verseParser) CanInterruptParagraph() bool { return true }

func (verseParser) CanAcceptIndentedLine() bool { return false }

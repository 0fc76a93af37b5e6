package source

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Constructs colophon does not print, found in the text so that they are refused at their
// position rather than printed as their source: LaTeX commands (\textit{…}, and \index{…}, which
// the register replaces), math between dollars ($x^2$, $$…$$, as pandoc reads it), and braces of
// attributes that follow no span ({.smallcaps} after a word). Text in a code span is never
// looked at: `$x$` prints as written.

// refusedNode is one such construct: what it is and its source.
type refusedNode struct {
	ast.BaseInline
	what   string // "latex", "index", "math", "attributes"
	source string
	offset int
}

var kindRefused = ast.NewNodeKind("Refused")

func (n *refusedNode) Kind() ast.NodeKind { return kindRefused }

func (n *refusedNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

type refusedParser struct{}

func (refusedParser) Trigger() []byte { return []byte{'\\', '$', '{'} }

func (refusedParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	end, what := 0, ""
	switch line[0] {
	case '\\':
		end, what = latexCommand(line)
	case '$':
		end, what = dollarMath(line)
	case '{':
		end, what = strayAttributes(line)
	}
	if end == 0 {
		return nil
	}
	block.Advance(end)
	return &refusedNode{what: what, source: string(line[:end]), offset: seg.Start}
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// latexCommand reads \name with its arguments in braces or brackets on the same line; a
// backslash before anything but a letter is Markdown's escape, left alone.
func latexCommand(line []byte) (int, string) {
	i := 1
	for i < len(line) && isLetter(line[i]) {
		i++
	}
	if i == 1 {
		return 0, ""
	}
	name := string(line[1:i])
	if i < len(line) && line[i] == '*' {
		i++
	}
	for i < len(line) && (line[i] == '{' || line[i] == '[') {
		j := closing(line, i)
		if j < 0 {
			break
		}
		i = j + 1
	}
	if name == "index" {
		return i, "index"
	}
	return i, "latex"
}

// closing is the index of the bracket that closes line[open], counting nesting, or -1.
func closing(line []byte, open int) int {
	o, c := line[open], byte('}')
	if o == '[' {
		c = ']'
	}
	depth := 0
	for j := open; j < len(line); j++ {
		switch line[j] {
		case '\\':
			j++
		case o:
			depth++
		case c:
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return -1
}

// dollarMath reads math as pandoc does: $$…$$, or $…$ where the opening dollar is followed by a
// non-space, the closing one follows a non-space and is not followed by a digit ("$5 and $10" is
// money, not math).
func dollarMath(line []byte) (int, string) {
	if len(line) > 2 && line[1] == '$' {
		for j := 2; j+1 < len(line); j++ {
			if line[j] == '$' && line[j+1] == '$' && j > 2 {
				return j + 2, "math"
			}
		}
		return 0, ""
	}
	if len(line) < 3 || line[1] == ' ' || line[1] == '\t' || line[1] == '\n' {
		return 0, ""
	}
	for j := 2; j < len(line); j++ {
		switch {
		case line[j] == '\\':
			j++
		case line[j] == '$' && line[j-1] != ' ' && line[j-1] != '\t' && !(j+1 < len(line) && line[j+1] >= '0' && line[j+1] <= '9'):
			return j + 1, "math"
		}
	}
	return 0, ""
}

// strayAttributes reads {.class}, {#id} or {key=value} braces that no span before them took.
func strayAttributes(line []byte) (int, string) {
	if len(line) < 3 {
		return 0, ""
	}
	i := 1
	for i < len(line) && line[i] == ' ' {
		i++
	}
	if i >= len(line) {
		return 0, ""
	}
	switch c := line[i]; {
	case c == '.' || c == '#':
		if i+1 >= len(line) || !isLetter(line[i+1]) {
			return 0, ""
		}
	case isLetter(c):
		j := i
		for j < len(line) && (isLetter(line[j]) || line[j] == '-' || line[j] == '_') {
			j++
		}
		if j >= len(line) || line[j] != '=' {
			return 0, ""
		}
	default:
		return 0, ""
	}
	j := closing(line, 0)
	if j < 0 {
		return 0, ""
	}
	return j + 1, "attributes"
}

// refusal is what check says of a refused construct.
func refusal(n *refusedNode) string {
	src := n.source
	if r := []rune(src); len(r) > 40 {
		src = string(r[:40]) + "…"
	}
	src = `"` + src + `"` // as written: %q would double its backslashes
	switch n.what {
	case "index":
		return "an index entry " + src + " is not allowed: colophon makes the index from source/register.yaml (see the README's register), not from marks in the text; remove it and name the person or place there"
	case "latex":
		return "LaTeX " + src + " is not allowed: write Markdown (*emphasis*, **strong**, [text]{.smallcaps}), or put it in a code span to print it as written"
	case "math":
		return "math " + src + " is not allowed: colophon sets no formulas; write it in words or with Unicode characters (x², ½, −), or in a code span to print it as written"
	}
	return "attributes " + src + " follow no span: put the words they are for in brackets, [words]" + n.source
}

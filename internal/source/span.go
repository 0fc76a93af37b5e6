package source

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"colophon/internal/edition"
)

// Bracketed spans, pandoc's `[text]{#id .class key=value}`: a stretch of inline text with
// attributes. The text is Markdown like any other (emphasis, notes, links inside it); the braces
// say what the stretch is. Every writer carries the text; the attributes mean something only where
// a feature of colophon gives them a meaning (spanClasses, spanKeys), and any other is an error, so
// that a mistyped attribute is never silently ignored.

// spanClasses and spanKeys are the attributes colophon knows, each with what it does (the
// diagnostic for an unknown one lists them). A feature that gives spans a meaning adds its own.
var (
	spanClasses = map[string]string{}
	spanKeys    = map[string]string{}
)

// maxSpanScan bounds how far past a '[' the parser looks for the "]{" that makes it a span: a
// span's text is a phrase, and a paragraph of brackets must not make parsing quadratic.
const maxSpanScan = 2000

// spanAttr is one attribute as written: kind '#' (id), '.' (class) or '=' (key=value), and the
// byte offset where it begins, for diagnostics.
type spanAttr struct {
	kind       byte
	key, value string
	offset     int
}

// spanNode is a bracketed span once closed: its children are the text.
type spanNode struct {
	ast.BaseInline
	attrs  []spanAttr
	bad    string // the braces could not be read as attributes: why
	offset int    // byte offset of the '[' in the parsed text
	braces int    // byte offset of the '{'
}

var kindSpan = ast.NewNodeKind("Span")

func (n *spanNode) Kind() ast.NodeKind { return kindSpan }

func (n *spanNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// spanOpen is a '[' that a "]{…}" further on closes, standing in the tree until then: the text in
// between is parsed as usual, then moved into the span (as goldmark's link parser does with a
// link's text).
type spanOpen struct {
	ast.BaseInline
	seg    text.Segment // the '['
	close  int          // byte offset of the ']' that closes it
	end    int          // byte offset just past the '}'
	attrs  []spanAttr
	bad    string
	braces int
	bottom ast.Node // the last emphasis delimiter before the span: emphasis inside is resolved inside
}

var kindSpanOpen = ast.NewNodeKind("SpanOpen")

func (n *spanOpen) Kind() ast.NodeKind { return kindSpanOpen }

func (n *spanOpen) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

var spanStackKey = parser.NewContextKey()

type spanParser struct{}

// Trigger is both brackets: '[' opens a span when a "]{" closes it, ']' closes it.
func (spanParser) Trigger() []byte { return []byte{'[', ']'} }

func (spanParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) == 0 {
		return nil
	}
	stack, _ := pc.Get(spanStackKey).([]*spanOpen)
	if line[0] == '[' {
		closeAt, braces, end, ok := scanSpan(block)
		if !ok {
			return nil // a link's text, or plain brackets: the link parser's
		}
		op := &spanOpen{seg: text.NewSegment(seg.Start, seg.Start+1), close: closeAt, end: end, braces: braces, bottom: pc.LastDelimiter()}
		op.attrs, op.bad = parseSpanAttrs(block.Source()[braces+1:end-1], braces+1)
		pc.Set(spanStackKey, append(stack, op))
		block.Advance(1)
		return op
	}
	// A ']': it closes the innermost open span if it is that span's. Spans whose ']' was taken by
	// something else (it cannot be, as scanSpan reads code spans and escapes, but a parser of
	// goldmark's might) go back to being text.
	for len(stack) > 0 && stack[len(stack)-1].close < seg.Start {
		abandonSpan(stack[len(stack)-1])
		stack = stack[:len(stack)-1]
	}
	pc.Set(spanStackKey, stack)
	if len(stack) == 0 || stack[len(stack)-1].close != seg.Start {
		return nil
	}
	op := stack[len(stack)-1]
	pc.Set(spanStackKey, stack[:len(stack)-1])
	parser.ProcessDelimiters(op.bottom, pc)
	span := &spanNode{attrs: op.attrs, bad: op.bad, offset: op.seg.Start, braces: op.braces}
	holder := op.Parent()
	for c := op.NextSibling(); c != nil; {
		next := c.NextSibling()
		holder.RemoveChild(holder, c)
		span.AppendChild(span, c)
		c = next
	}
	holder.RemoveChild(holder, op)
	block.Advance(op.end - seg.Start)
	return span
}

// CloseBlock turns the openers of spans that never closed back into text.
func (spanParser) CloseBlock(parent ast.Node, block text.Reader, pc parser.Context) {
	stack, _ := pc.Get(spanStackKey).([]*spanOpen)
	for i := len(stack) - 1; i >= 0; i-- {
		abandonSpan(stack[i])
	}
	pc.Set(spanStackKey, nil)
}

func abandonSpan(op *spanOpen) {
	if p := op.Parent(); p != nil {
		p.ReplaceChild(p, op, ast.NewTextSegment(op.seg))
	}
}

// scanSpan looks ahead from a '[' for the ']' that matches it (brackets nest; backslash escapes
// and code spans are skipped) followed at once by braces closed on the same line. It returns the
// offsets of the ']', the '{' and just past the '}'. The reader is left where it was.
func scanSpan(block text.Reader) (closeAt, braces, end int, ok bool) {
	// Most brackets are not spans: when no "]{" follows within reach, there is nothing to scan.
	// (The source is read as written, line prefixes of quotations included: a superset of the
	// paragraph's text, so a span is never missed.)
	_, at := block.PeekLine()
	rest := block.Source()[at.Start:]
	if len(rest) > maxSpanScan {
		rest = rest[:maxSpanScan]
	}
	if !bytes.Contains(rest, []byte("]{")) {
		return 0, 0, 0, false
	}
	l, pos := block.Position()
	defer block.SetPosition(l, pos)
	depth, tick, read := 0, 0, 0
	first := true
	for read < maxSpanScan {
		line, seg := block.PeekLine()
		if line == nil {
			return 0, 0, 0, false
		}
		for i := 0; i < len(line) && read+i < maxSpanScan; i++ {
			c := line[i]
			switch {
			case first && i == 0:
				depth = 1
			case c == '`':
				n := 1
				for i+n < len(line) && line[i+n] == '`' {
					n++
				}
				if tick == 0 {
					tick = n
				} else if tick == n {
					tick = 0
				}
				i += n - 1
			case tick > 0:
			case c == '\\':
				i++
			case c == '[':
				depth++
			case c == ']':
				depth--
				if depth > 0 {
					continue
				}
				if i+1 >= len(line) || line[i+1] != '{' {
					return 0, 0, 0, false
				}
				close := closingBrace(line[i+1:])
				if close < 0 {
					return 0, 0, 0, false
				}
				return seg.Start + i, seg.Start + i + 1, seg.Start + i + 1 + close + 1, true
			}
		}
		first = false
		read += len(line)
		block.AdvanceLine()
	}
	return 0, 0, 0, false
}

// closingBrace is the index of the '}' that closes the braces s begins with, skipping quoted
// values, or -1 when the line does not close them.
func closingBrace(s []byte) int {
	var quote byte
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0 && c == '\\':
			i++
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
		case c == '"' || c == '\'':
			quote = c
		case c == '}':
			return i
		case c == '\n' || c == '{':
			return -1
		}
	}
	return -1
}

// parseSpanAttrs reads what is between the braces: items parted by spaces, each "#id", ".class"
// or "key=value" (the value bare, or quoted with " or '). base is the offset of s in the source.
// When s is not made of such items it returns why.
func parseSpanAttrs(s []byte, base int) ([]spanAttr, string) {
	var out []spanAttr
	i := 0
	name := func(start int) int {
		j := start
		for j < len(s) && (isNameByte(s[j])) {
			j++
		}
		return j
	}
	for {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		if i >= len(s) {
			return out, ""
		}
		at := base + i
		switch c := s[i]; {
		case c == '#' || c == '.':
			j := name(i + 1)
			if j == i+1 {
				return nil, fmt.Sprintf("%q must be followed by a name", string(c))
			}
			out = append(out, spanAttr{kind: c, key: string(s[i+1 : j]), offset: at})
			i = j
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			j := name(i)
			key := string(s[i:j])
			if j >= len(s) || s[j] != '=' {
				return nil, fmt.Sprintf("%q is not an attribute: write .%s for a class or %s=value", key, key, key)
			}
			j++
			var val strings.Builder
			if j < len(s) && (s[j] == '"' || s[j] == '\'') {
				q := s[j]
				j++
				for j < len(s) && s[j] != q {
					if s[j] == '\\' && j+1 < len(s) {
						j++
					}
					val.WriteByte(s[j])
					j++
				}
				if j >= len(s) {
					return nil, fmt.Sprintf("the value of %s is not closed with %c", key, q)
				}
				j++
			} else {
				for j < len(s) && s[j] != ' ' && s[j] != '\t' {
					val.WriteByte(s[j])
					j++
				}
			}
			out = append(out, spanAttr{kind: '=', key: key, value: val.String(), offset: at})
			i = j
		default:
			return nil, fmt.Sprintf("%q cannot begin an attribute", string(c))
		}
	}
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == ':' || c == '.' || c >= 0x80
}

// span converts a bracketed span, checking each attribute against those colophon knows.
func (c *converter) span(x *spanNode) edition.Inline {
	in := edition.Inline{Kind: edition.Span, Attr: &edition.Attr{}, Children: c.inlines(x)}
	if x.bad != "" {
		c.ds.Add(c.pos(x.braces), "cannot read the span's attributes: %s (write [text]{.class}, [text]{#id} or [text]{key=value})", x.bad)
		return in
	}
	for _, a := range x.attrs {
		at := c.pos(a.offset)
		switch a.kind {
		case '#':
			// An id names the span as the target of cross-references (xref.go).
			if in.Attr.ID != "" {
				c.ds.Add(at, "a span has one id; #%s is its second", a.key)
				continue
			}
			if strings.Contains(a.key, ":") {
				c.ds.Add(at, "the id #%s has a colon, which the EPUB's ids cannot hold: write #%s", a.key, strings.ReplaceAll(a.key, ":", "-"))
				continue
			}
			in.Attr.ID = a.key
			c.proj.spanIDs = append(c.proj.spanIDs, spanID{id: a.key, pos: at, attr: in.Attr})
		case '.':
			if _, ok := spanClasses[a.key]; !ok {
				c.ds.Add(at, "unknown span class .%s%s", a.key, knownList(a.key, spanClasses, ".", ""))
				continue
			}
			in.Attr.Classes = append(in.Attr.Classes, a.key)
		case '=':
			if _, ok := spanKeys[a.key]; !ok {
				c.ds.Add(at, "unknown span attribute %s=%s%s", a.key, a.value, knownList(a.key, spanKeys, "", "="))
				continue
			}
			if _, dup := in.Attr.Value(a.key); dup {
				c.ds.Add(at, "%s= is given twice in one span", a.key)
				continue
			}
			switch a.key {
			case "lang":
				checkLang(c.ds, at, a.value)
			case "index":
				c.checkIndexMark(at, a.value)
			}
			in.Attr.Pairs = append(in.Attr.Pairs, [2]string{a.key, a.value})
		}
	}
	return in
}

// knownList says which attributes of a kind colophon knows, with the closest to what was written.
func knownList(got string, known map[string]string, prefix, suffix string) string {
	if len(known) == 0 {
		if prefix == "." {
			return ": colophon knows no span classes"
		}
		return ": colophon knows no span attributes"
	}
	names := make([]string, 0, len(known))
	for k := range known {
		names = append(names, k)
	}
	sort.Strings(names)
	hint := ""
	if c := Closest(got, names); c != "" {
		hint = fmt.Sprintf(" (did you mean %s%s%s?)", prefix, c, suffix)
	}
	var list []string
	for _, n := range names {
		list = append(list, prefix+n+suffix+" ("+known[n]+")")
	}
	return hint + "; colophon knows " + strings.Join(list, ", ")
}

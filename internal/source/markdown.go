package source

import (
	"fmt"
	"net/url"
	"strings"
	"sync"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	fnast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"colophon/internal/edition"
)

// markdownFor is the parser a document in the given language goes through: CommonMark, footnote
// definitions (goldmark's block parser), our note references, and the typographer for the
// language's quotation marks, dashes and ellipses. Parsers are made once per language.
func markdownFor(lang string) goldmark.Markdown {
	key := quoteStyle(lang)
	markdownsMu.Lock()
	defer markdownsMu.Unlock()
	if md, ok := markdowns[key]; ok {
		return md
	}
	md := goldmark.New(
		goldmark.WithExtensions(extension.NewTypographer(extension.WithTypographicSubstitutions(typography(key))), extension.Strikethrough, extension.Table, extension.DefinitionList),
		goldmark.WithParserOptions(
			parser.WithBlockParsers(util.Prioritized(extension.NewFootnoteBlockParser(), 999), util.Prioritized(verseParser{}, 50), util.Prioritized(passageParser{}, 51)),
			parser.WithInlineParsers(util.Prioritized(refusedParser{}, 90), util.Prioritized(noteRefParser{}, 101), util.Prioritized(xrefParser{}, 130), util.Prioritized(citationParser{}, 140), util.Prioritized(spanParser{}, 150)),
		),
	)
	markdowns[key] = md
	return md
}

var (
	markdownsMu sync.Mutex
	markdowns   = map[string]goldmark.Markdown{}
)

// quotes are a language's quotation marks, outer and inner, as its typesetting tradition has them
// (the typographer makes them from straight quotes: "…" outer, '…' inner).
var quotes = map[string][4]string{
	"en": {"“", "”", "‘", "’"},
	"de": {"„", "“", "‚", "‘"},
	"cs": {"„", "“", "‚", "‘"},
	"fr": {"«\u202f", "\u202f»", "“", "”"}, // guillemets with narrow no-break spaces inside
	"ru": {"«", "»", "„", "“"},
	"uk": {"«", "»", "„", "“"},
	"pl": {"„", "”", "«", "»"},
}

// quoteStyle is the language whose quotation marks a language tag takes: its primary subtag when
// colophon knows it, else English.
func quoteStyle(lang string) string {
	primary := strings.ToLower(strings.SplitN(lang, "-", 2)[0])
	if _, ok := quotes[primary]; ok {
		return primary
	}
	return "en"
}

// typography is what the typographer puts in: the characters themselves, since goldmark's
// defaults are HTML entities and the model holds text, not HTML.
func typography(style string) extension.TypographicSubstitutions {
	q := quotes[style]
	return extension.TypographicSubstitutions{
		extension.LeftDoubleQuote:  []byte(q[0]),
		extension.RightDoubleQuote: []byte(q[1]),
		extension.LeftSingleQuote:  []byte(q[2]),
		extension.RightSingleQuote: []byte(q[3]),
		extension.EnDash:           []byte("–"),
		extension.EmDash:           []byte("—"),
		extension.Ellipsis:         []byte("…"),
		extension.LeftAngleQuote:   []byte("«"),
		extension.RightAngleQuote:  []byte("»"),
		extension.Apostrophe:       []byte("’"),
	}
}

// frenchSpacing puts a narrow no-break space (U+202F) before ; : ! and ? in French text, as French
// typography has it, in place of a space typed there or where there was none. A colon inside a
// word or an address ("https://", "10:30") is left alone: the mark must end a word.
func frenchSpacing(s string) string {
	if !strings.ContainsAny(s, ";:!?") {
		return s
	}
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		if strings.ContainsRune(";:!?", r) && i > 0 && (i+1 == len(rs) || unicode.IsSpace(rs[i+1]) || strings.ContainsRune(";:!?»)\u202f", rs[i+1])) {
			prev := rs[i-1]
			switch {
			case prev == ' ' || prev == '\u00a0':
				// Replace the typed space.
				str := b.String()
				b.Reset()
				b.WriteString(strings.TrimSuffix(strings.TrimSuffix(str, " "), "\u00a0"))
				b.WriteRune('\u202f')
			case prev != '\u202f' && !strings.ContainsRune(";:!?", prev):
				b.WriteRune('\u202f')
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

// maxDepth bounds nesting of block quotes and lists: deeper nesting is an error, not a stack overflow.
const maxDepth = 32

// converter turns goldmark's AST of one text (a document body or a front matter value) into the model.
type converter struct {
	src  []byte
	pos  func(off int) edition.Pos // source position of a byte offset in src
	ds   *edition.Diagnostics
	proj *project
	refs *[]noteUse // note references in reading order, shared by all texts of a document
	// inNote is set while converting a note's own text, where references are not allowed.
	inNote bool
	// inRegister is set while converting a register entry's note, which ties nothing to the register.
	inRegister bool
	// inlineDepth counts the inlines being converted inside each other.
	inlineDepth int
	// cov checks code against the monospace face, where a document's text is converted (nil:
	// not checked, as in a register's notes).
	cov  *coverage
	lang string // the document's language: its quotation marks and spacing
	// images are the pictures met in lines of text and where, until a paragraph of their own
	// makes them figures; shared by all texts of a document.
	images map[*edition.Picture]imageUse
}

// imageUse is where an image stands and the path its source writes.
type imageUse struct {
	at   edition.Pos
	dest string
}

// noteUse is one note reference as met in reading order.
type noteUse struct {
	label string
	pos   edition.Pos
}

func (c *converter) blocks(n ast.Node, depth int) []edition.Block {
	var out []edition.Block
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		b, ok := c.block(ch, depth)
		if !ok {
			continue
		}
		if _, isDL := ch.(*fnast.DefinitionList); isDL {
			// Figures with their captions, and lists of terms (definitionList).
			out = append(out, b.Children...)
			continue
		}
		// A paragraph written ": …" right after a figure or a table without a caption is its
		// caption.
		if k := len(out) - 1; k >= 0 && (out[k].Kind == edition.Figure || out[k].Kind == edition.Table) && len(out[k].Inlines) == 0 && b.Kind == edition.Paragraph {
			if cap, ok := captionText(b.Inlines); ok {
				out[k].Inlines = cap
				continue
			}
		}
		out = append(out, b)
	}
	return out
}

// figure makes a paragraph that holds an image and nothing else (but its caption, on the next
// line) a Figure. Anything else is left as it is.
func (c *converter) figure(b edition.Block) edition.Block {
	in := b.Inlines
	if len(in) == 0 || in[0].Kind != edition.Image || in[0].Picture == nil {
		return b
	}
	rest := in[1:]
	var caption []edition.Inline
	if len(rest) > 0 {
		cap, ok := captionText(rest)
		if !ok {
			if len(rest) > 1 || rest[0].Kind != edition.Text || strings.TrimSpace(rest[0].Text) != "" {
				return b
			}
		}
		caption = cap
	}
	delete(c.images, in[0].Picture)
	return edition.Block{Kind: edition.Figure, Picture: in[0].Picture, Alt: in[0].Text, Inlines: caption, Pos: b.Pos}
}

// captionText reads a caption paragraph, ": Caption text", and returns the caption without its
// colon.
func captionText(in []edition.Inline) ([]edition.Inline, bool) {
	if len(in) == 0 || in[0].Kind != edition.Text {
		return nil, false
	}
	t := strings.TrimLeft(in[0].Text, " \t\u00a0\u202f")
	if !strings.HasPrefix(t, ":") {
		return nil, false
	}
	t = strings.TrimLeft(strings.TrimPrefix(t, ":"), " \t\u00a0\u202f")
	out := append([]edition.Inline{{Kind: edition.Text, Text: t}}, in[1:]...)
	if t == "" {
		out = out[1:]
	}
	return out, true
}

// smallImage is the tallest picture that may sit in a line of text, in points at its natural
// size: no taller than the body's capitals and descenders, so it does not force the lines apart.
const smallImage = 12

// checkInlineImages refuses the images left inside lines of text (those no paragraph of their own
// made a figure) unless they are small enough to sit on the line.
func (c *converter) checkInlineImages() {
	for pic, u := range c.images {
		if _, h := pic.Size(); h > smallImage {
			c.ds.Add(u.at, "image %q stands inside a line of text and is too tall for it (%d × %d pixels): give it a paragraph of its own to make it a figure, or use a picture at most %.0f pixels tall", u.dest, pic.Width, pic.Height, smallImage*edition.DefaultPPI/72.0)
		}
	}
}

// checkCode checks code that starts at byte off of the source against the monospace face.
func (c *converter) checkCode(off int, s string) {
	if c.cov != nil {
		c.cov.checkCode(c.ds, c.pos, off, s)
	}
}

func (c *converter) blockPos(n ast.Node) edition.Pos {
	for x := n; x != nil; x = x.FirstChild() {
		if x.Type() == ast.TypeBlock && x.Lines().Len() > 0 {
			return c.pos(x.Lines().At(0).Start)
		}
		if t, ok := x.(*ast.Text); ok {
			return c.pos(t.Segment.Start)
		}
	}
	return c.pos(0)
}

func (c *converter) block(n ast.Node, depth int) (edition.Block, bool) {
	p := c.blockPos(n)
	if depth > maxDepth {
		c.ds.Add(p, "blocks are nested more than %d deep (block quotes or lists inside each other)", maxDepth)
		return edition.Block{}, false
	}
	switch n := n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		return passage(c.figure(edition.Block{Kind: edition.Paragraph, Inlines: c.inlines(n), Pos: p})), true
	case *ast.Heading:
		return edition.Block{Kind: edition.Heading, Level: n.Level, Inlines: c.inlines(n), Pos: p}, true
	case *ast.Blockquote:
		return edition.Block{Kind: edition.Quote, Children: c.blocks(n, depth+1), Pos: p}, true
	case *ast.List:
		b := edition.Block{Kind: edition.List, Ordered: n.IsOrdered(), Start: n.Start, Pos: p}
		for it := n.FirstChild(); it != nil; it = it.NextSibling() {
			b.Children = append(b.Children, edition.Block{Kind: edition.ListItem, Children: c.blocks(it, depth+1), Pos: c.blockPos(it)})
		}
		return b, true
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		var sb strings.Builder
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			sb.Write(seg.Value(c.src))
			c.checkCode(seg.Start, string(seg.Value(c.src)))
		}
		return edition.Block{Kind: edition.CodeBlock, Text: sb.String(), Pos: p}, true
	case *ast.ThematicBreak:
		return edition.Block{Kind: edition.Rule, Pos: p}, true
	case *verseNode:
		return c.verse(n, p), true
	case *passageNode:
		return c.fencedPassage(n, depth), true
	case *fnast.Table:
		t := edition.Block{Kind: edition.Table, Pos: p}
		for r := n.FirstChild(); r != nil; r = r.NextSibling() {
			row := edition.Block{Kind: edition.TableRow, Pos: c.blockPos(r)}
			_, row.Header = r.(*fnast.TableHeader)
			for cell := r.FirstChild(); cell != nil; cell = cell.NextSibling() {
				tc := edition.Block{Kind: edition.TableCell, Inlines: c.inlines(cell), Pos: c.inlinePos(cell)}
				if x, ok := cell.(*fnast.TableCell); ok {
					tc.Align = alignments[x.Alignment]
				}
				row.Children = append(row.Children, tc)
			}
			t.Children = append(t.Children, row)
		}
		return t, true
	case *ast.HTMLBlock:
		var sb strings.Builder
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			sb.Write(seg.Value(c.src))
		}
		c.ds.Add(p, "raw HTML is not allowed (%s): write it in Markdown", snippet(sb.String()))
		return edition.Block{}, false
	case *fnast.DefinitionList:
		return edition.Block{Kind: edition.DefinitionList, Children: c.definitionList(n, p, depth), Pos: p}, true
	case *fnast.FootnoteList, *fnast.Footnote:
		return edition.Block{}, false // collected separately by notes.go
	}
	c.ds.Add(p, "unsupported Markdown block (%s)", n.Kind())
	return edition.Block{}, false
}

func (c *converter) inlines(n ast.Node) []edition.Inline {
	// Inlines inside inlines: emphasis, links, struck text. The scan before parsing bounds them
	// (nesting.go); what it lets by is bounded here, at its position, as blocks are.
	if c.inlineDepth++; c.inlineDepth > maxDepth {
		c.inlineDepth--
		c.ds.Add(c.inlinePos(n), "emphasis, links or brackets are nested more than %d deep", maxDepth)
		return nil
	}
	defer func() { c.inlineDepth-- }()
	var out []edition.Inline
	// Pieces of text are joined once at the end (mergeText): joined as they come, a paragraph
	// of many small pieces (brackets that open nothing, each a piece) took quadratic time.
	text := func(s string) {
		if s != "" {
			out = append(out, edition.Inline{Kind: edition.Text, Text: s})
		}
	}
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		switch x := ch.(type) {
		case *ast.Text:
			text(unescape(x.Segment.Value(c.src), x.IsRaw()))
			if x.HardLineBreak() {
				out = append(out, edition.Inline{Kind: edition.LineBreak})
			} else if x.SoftLineBreak() {
				text(" ")
			}
		case *ast.String:
			text(string(x.Value))
		case *ast.Emphasis:
			k := edition.Emph
			if x.Level >= 2 {
				k = edition.Strong
			}
			out = append(out, edition.Inline{Kind: k, Children: c.inlines(x)})
		case *fnast.Strikethrough:
			out = append(out, edition.Inline{Kind: edition.Strike, Children: c.inlines(x)})
		case *ast.CodeSpan:
			var sb strings.Builder
			for t := x.FirstChild(); t != nil; t = t.NextSibling() {
				if s, ok := t.(*ast.Text); ok {
					sb.Write(s.Segment.Value(c.src))
					c.checkCode(s.Segment.Start, string(s.Segment.Value(c.src)))
				} else if s, ok := t.(*ast.String); ok {
					sb.Write(s.Value)
				}
			}
			out = append(out, edition.Inline{Kind: edition.Code, Text: sb.String()})
		case *ast.Link:
			u := string(x.Destination)
			c.checkURL(ch, u)
			out = append(out, edition.Inline{Kind: edition.Link, URL: u, Children: c.inlines(x)})
		case *ast.AutoLink:
			u := string(x.URL(c.src))
			if x.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(u, "mailto:") {
				u = "mailto:" + u
			}
			c.checkURL(ch, u)
			label := string(x.Label(c.src))
			out = append(out, edition.Inline{Kind: edition.Link, URL: u, Children: []edition.Inline{{Kind: edition.Text, Text: label}}})
		case *ast.Image:
			at, dest := c.inlinePos(ch), string(x.Destination)
			src, pic := c.proj.image(at, dest)
			alt := edition.PlainText(c.inlines(x))
			if strings.TrimSpace(alt) == "" {
				// A reader who cannot see the image gets its alt text and nothing else.
				c.ds.Add(at, "image %q has no alt text: describe it between the brackets, ![A facsimile of the first page](%s)", dest, dest)
			}
			if pic != nil {
				c.images[pic] = imageUse{at, dest}
			}
			out = append(out, edition.Inline{Kind: edition.Image, URL: src, Text: alt, Picture: pic})
		case *ast.RawHTML:
			var sb strings.Builder
			for i := 0; i < x.Segments.Len(); i++ {
				seg := x.Segments.At(i)
				sb.Write(seg.Value(c.src))
			}
			c.ds.Add(c.inlinePos(ch), "raw HTML is not allowed (%s): write it in Markdown", snippet(sb.String()))
		case *spanNode:
			out = append(out, c.span(x))
		case *citationNode:
			out = append(out, c.citation(x))
		case *xrefNode:
			out = append(out, c.xref(x))
		case *refusedNode:
			c.ds.Add(c.pos(x.offset), "%s", refusal(x))
		case *noteRefNode:
			p := c.pos(x.Offset)
			if c.inNote {
				c.ds.Add(p, "note reference [^%s] inside a note: notes cannot have notes of their own", x.Label)
				continue
			}
			*c.refs = append(*c.refs, noteUse{label: x.Label, pos: p})
			out = append(out, edition.Inline{Kind: edition.NoteRef, Text: x.Label})
		default:
			c.ds.Add(c.inlinePos(ch), "unsupported Markdown (%s)", ch.Kind())
		}
	}
	out = mergeText(out)
	if quoteStyle(c.lang) == "fr" {
		for i := range out {
			if out[i].Kind == edition.Text {
				out[i].Text = frenchSpacing(out[i].Text)
			}
		}
	}
	return out
}

// mergeText joins consecutive Text inlines into one.
func mergeText(in []edition.Inline) []edition.Inline {
	out := in[:0]
	for i := 0; i < len(in); {
		if in[i].Kind != edition.Text || i+1 == len(in) || in[i+1].Kind != edition.Text {
			out = append(out, in[i])
			i++
			continue
		}
		var b strings.Builder
		j := i
		for ; j < len(in) && in[j].Kind == edition.Text; j++ {
			b.WriteString(in[j].Text)
		}
		out = append(out, edition.Inline{Kind: edition.Text, Text: b.String()})
		i = j
	}
	return out
}

// inlinePos is the position of the first text inside or after an inline node.
func (c *converter) inlinePos(n ast.Node) edition.Pos {
	var found = -1
	_ = ast.Walk(n, func(x ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := x.(*ast.Text); ok && entering {
			found = t.Segment.Start
			return ast.WalkStop, nil
		}
		if r, ok := x.(*ast.RawHTML); ok && entering && r.Segments.Len() > 0 {
			found = r.Segments.At(0).Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if found < 0 {
		if p := n.Parent(); p != nil {
			return c.blockPos(p)
		}
		return c.pos(0)
	}
	return c.pos(found)
}

// checkURL refuses link targets that could run code in a reader or point nowhere useful.
func (c *converter) checkURL(n ast.Node, u string) {
	pu, err := url.Parse(u)
	if err != nil {
		c.ds.Add(c.inlinePos(n), "link target %q is not a valid URL", u)
		return
	}
	switch strings.ToLower(pu.Scheme) {
	case "http", "https", "mailto", "":
	default:
		c.ds.Add(c.inlinePos(n), "link target %q uses the scheme %q; only http, https and mailto links are allowed", u, pu.Scheme)
	}
}

func snippet(s string) string {
	s = strings.TrimSpace(s)
	if r := []rune(s); len(r) > 40 {
		s = string(r[:40]) + "…"
	}
	return fmt.Sprintf("%q", s)
}

// parseInline parses one front matter value as a line of Markdown.
func (c *converter) parseInline(fd field) []edition.Inline {
	src := []byte(fd.text)
	sub := *c
	sub.src = src
	sub.pos = func(off int) edition.Pos { return runeCol(fd.pos, fd.text, off) }
	if off, msg := nestingProblem(src); off >= 0 {
		c.ds.Add(sub.pos(off), "%s", msg)
		return nil
	}
	doc := markdownFor(c.lang).Parser().Parse(text.NewReader(src))
	var out []edition.Inline
	for ch := doc.FirstChild(); ch != nil; ch = ch.NextSibling() {
		switch ch.(type) {
		case *ast.Paragraph, *ast.TextBlock:
			if len(out) > 0 {
				out = append(out, edition.Inline{Kind: edition.Text, Text: " "})
			}
			out = append(out, sub.inlines(ch)...)
		default:
			c.ds.Add(fd.pos, "this value must be one line of text, not a %s", ch.Kind())
		}
	}
	return out
}

// unescape applies what goldmark leaves to the renderer: backslash escapes and character references.
func unescape(b []byte, raw bool) string {
	if raw {
		return string(b)
	}
	b = util.UnescapePunctuations(b)
	b = util.ResolveNumericReferences(b)
	b = util.ResolveEntityNames(b)
	return string(b)
}

// alignments are the table cell alignments of a delimiter row (---:, :---:, :---) by name.
var alignments = map[fnast.Alignment]string{fnast.AlignLeft: "left", fnast.AlignRight: "right", fnast.AlignCenter: "center"}

// definitionList reads a definition list, terms and the descriptions after them. A figure's
// caption written under it, "![alt](path)" then ": Caption", reads as a definition list too (the
// image is the term, the caption its description), and goldmark joins such items after one
// another into one list: an item of one lone image and a description of one paragraph is that
// figure with its caption, and the list is cut around it.
func (c *converter) definitionList(n *fnast.DefinitionList, p edition.Pos, depth int) []edition.Block {
	var items [][]edition.Block // each: its terms, then its descriptions
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		switch x := ch.(type) {
		case *fnast.DefinitionTerm:
			t := edition.Block{Kind: edition.DefinitionTerm, Inlines: c.inlines(x), Pos: c.blockPos(x)}
			if k := len(items) - 1; k < 0 || items[k][len(items[k])-1].Kind == edition.DefinitionDesc {
				items = append(items, nil)
			}
			items[len(items)-1] = append(items[len(items)-1], t)
		case *fnast.DefinitionDescription:
			if len(items) == 0 {
				items = append(items, nil)
			}
			d := edition.Block{Kind: edition.DefinitionDesc, Children: c.blocks(x, depth+1), Pos: c.blockPos(x)}
			items[len(items)-1] = append(items[len(items)-1], d)
		}
	}
	var out []edition.Block
	for _, it := range items {
		if len(it) == 2 && it[0].Kind == edition.DefinitionTerm && it[1].Kind == edition.DefinitionDesc &&
			len(it[1].Children) == 1 && it[1].Children[0].Kind == edition.Paragraph {
			if f := c.figure(edition.Block{Kind: edition.Paragraph, Inlines: it[0].Inlines, Pos: it[0].Pos}); f.Kind == edition.Figure && len(f.Inlines) == 0 {
				f.Inlines = it[1].Children[0].Inlines
				out = append(out, f)
				continue
			}
		}
		if k := len(out) - 1; k >= 0 && out[k].Kind == edition.DefinitionList {
			out[k].Children = append(out[k].Children, it...)
			continue
		}
		pos := p
		if len(it) > 0 {
			pos = it[0].Pos
		}
		out = append(out, edition.Block{Kind: edition.DefinitionList, Children: it, Pos: pos})
	}
	return out
}

// verse reads a verse block's lines: each non-blank line is a line of verse, read as a line of
// Markdown (emphasis, note references); blank lines separate stanzas.
func (c *converter) verse(n *verseNode, p edition.Pos) edition.Block {
	v := edition.Block{Kind: edition.Verse, Pos: p}
	var stanza *edition.Block
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		raw := strings.TrimRight(string(seg.Value(c.src)), "\r\n")
		if strings.TrimSpace(raw) == "" {
			stanza = nil
			continue
		}
		if stanza == nil {
			v.Children = append(v.Children, edition.Block{Kind: edition.Stanza, Pos: c.pos(seg.Start)})
			stanza = &v.Children[len(v.Children)-1]
		}
		lead := len(raw) - len(strings.TrimLeft(raw, " \t"))
		text := strings.TrimSpace(raw)
		in := c.parseInline(field{text, c.pos(seg.Start + lead)})
		stanza.Children = append(stanza.Children, edition.Block{Kind: edition.Line, Inlines: in, Pos: c.pos(seg.Start + lead)})
	}
	return v
}

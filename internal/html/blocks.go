package html

import (
	"strconv"
	"strings"

	"colophon/internal/edition"
)

// Blocks writes blocks of the running text (or of a note).
func (h *Writer) Blocks(bs []edition.Block) {
	for _, b := range bs {
		h.endWord()
		switch b.Kind {
		case edition.Paragraph:
			id := h.passage(edition.PlainText(b.Inlines))
			attrs := []string{"id", id}
			if b.Lang != "" {
				attrs = append(attrs, h.langAttrs(b.Lang)...) // a passage in another language
			}
			h.Open("p", attrs...)
			h.inLanguage(b.Lang, func() { h.Inlines(b.Inlines) })
			h.cite(id)
			h.WriteString("</p>\n")
		case edition.DefinitionList:
			h.WriteString("<dl>\n")
			for _, it := range b.Children {
				h.endWord()
				if it.Kind == edition.DefinitionTerm {
					h.WriteString("<dt>")
					h.Inlines(it.Inlines)
					h.WriteString("</dt>\n")
					continue
				}
				h.WriteString("<dd>")
				h.Blocks(it.Children)
				h.WriteString("</dd>\n")
			}
			h.WriteString("</dl>\n")
		case edition.Heading:
			tag := "h" + strconv.Itoa(min(b.Level, 6))
			id := h.passage(edition.PlainText(b.Inlines))
			h.Open(tag, "id", id)
			h.Inlines(b.Inlines)
			h.cite(id)
			h.Close(tag)
			h.WriteByte('\n')
		case edition.Passage:
			// Blocks in another language: a div with its language, and its direction where
			// it differs, which the blocks inside are told from.
			h.Open("div", h.langAttrs(b.Lang)...)
			h.WriteByte('\n')
			h.inLanguage(b.Lang, func() { h.Blocks(b.Children) })
			h.WriteString("</div>\n")
		case edition.Quote:
			h.WriteString("<blockquote>\n")
			h.Blocks(b.Children)
			h.WriteString("</blockquote>\n")
		case edition.List:
			tag := "ul"
			if b.Ordered {
				tag = "ol"
			}
			start := ""
			if b.Ordered && b.Start > 1 {
				start = strconv.Itoa(b.Start)
			}
			h.Open(tag, "start", start)
			h.WriteByte('\n')
			for _, it := range b.Children {
				h.WriteString("<li>")
				h.Blocks(it.Children)
				h.WriteString("</li>\n")
			}
			h.Close(tag)
			h.WriteByte('\n')
		case edition.CodeBlock:
			h.Open("pre", "id", h.passage(b.Text))
			h.WriteString("<code>")
			// Print sets each line as a paragraph of its own.
			for _, line := range strings.SplitAfter(b.Text, "\n") {
				h.runText(line)
				h.endWord()
			}
			h.WriteString("</code></pre>\n")
		case edition.Rule:
			h.Void("hr")
			h.WriteByte('\n')
		case edition.Figure:
			h.figure(b)
		case edition.Table:
			h.table(b)
		case edition.Verse:
			h.verse(b)
		}
	}
}

func (h *Writer) figure(b edition.Block) {
	h.Open("figure", "id", h.passage(b.Alt+"\n"+edition.PlainText(b.Inlines)))
	h.WriteByte('\n')
	if label, ok := h.figBreaks[h.figures]; ok {
		h.pageBreak(label)
		h.WriteByte('\n')
	}
	h.figures++
	h.Void("img", "src", h.Images[b.Picture.Path], "alt", b.Alt)
	h.WriteByte('\n')
	if len(b.Inlines) > 0 {
		// A caption is not running text: print may float its figure to the next page, so the
		// page-break markers do not count its words.
		// The caption's words are a paragraph of the caption: text converters that do not know
		// HTML5's figcaption as a block (calibre's) otherwise ran it into the next paragraph.
		h.WriteString(`<figcaption><p class="caption">`)
		h.uncounted(func() { h.Inlines(b.Inlines) })
		h.WriteString("</p></figcaption>\n")
	}
	h.WriteString("</figure>\n")
}

func (h *Writer) table(b edition.Block) {
	if h.Flavor == Web {
		// A table wider than a phone scrolls inside this frame, not the page; the frame takes the
		// focus so that it can be scrolled from the keyboard.
		label := edition.PlainText(b.Inlines)
		if label == "" {
			label = "Table"
		}
		h.Open("div", "class", "table-scroll", "role", "region", "tabindex", "0", "aria-label", label)
		h.WriteByte('\n')
		defer h.WriteString("</div>\n")
	}
	h.Open("table", "id", h.passage(edition.BlocksText([]edition.Block{b})+edition.PlainText(b.Inlines)))
	h.WriteByte('\n')
	if len(b.Inlines) > 0 {
		h.WriteString(`<caption><p class="caption">`)
		h.uncounted(func() { h.Inlines(b.Inlines) }) // as a figure's, a caption is not running text
		h.WriteString("</p></caption>\n")
	}
	body := false
	for _, row := range b.Children {
		if row.Header {
			h.WriteString("<thead>\n")
		} else if !body {
			h.WriteString("<tbody>\n")
			body = true
		}
		h.WriteString("<tr>")
		for _, cell := range row.Children {
			tag, scope, class := "td", "", ""
			if row.Header {
				tag, scope = "th", "col"
			}
			if cell.Align != "" {
				class = "align-" + cell.Align
			}
			h.endWord()
			h.Open(tag, "scope", scope, "class", class)
			h.Inlines(cell.Inlines)
			h.Close(tag)
			h.WriteByte('\n') // calibre's text runs cells written without space between them together
		}
		h.WriteString("</tr>\n")
		if row.Header {
			h.WriteString("</thead>\n")
		}
	}
	if body {
		h.WriteString("</tbody>\n")
	}
	h.WriteString("</table>\n")
}

// verse writes a poem: each stanza a block, each line a block of its own, so that it reads as
// verse with the CSS off too.
func (h *Writer) verse(b edition.Block) {
	h.Open("div", append([]string{"class", "verse"}, h.epubType("z3998:poem")...)...)
	h.WriteByte('\n')
	for _, st := range b.Children {
		var lines []string
		for _, line := range st.Children {
			lines = append(lines, edition.PlainText(line.Inlines))
		}
		id := h.passage(strings.Join(lines, "\n"))
		h.Open("div", "class", "stanza", "id", id)
		h.WriteByte('\n')
		for i, line := range st.Children {
			h.endWord()
			h.WriteString(`<p class="line">`)
			h.Inlines(line.Inlines)
			if i == len(st.Children)-1 {
				h.cite(id)
			}
			h.WriteString("</p>\n")
		}
		h.WriteString("</div>\n")
	}
	h.WriteString("</div>\n")
}

// References writes the reference list, a paragraph a work (set with a hanging indent): the
// EPUB's page and the web's. It is not running text of any document.
func (h *Writer) References(b *edition.Book) {
	h.Uncounted(func() {
		for _, ref := range b.Bibliography {
			h.WriteString(`<p class="reference">`)
			h.Inlines(ref.Inlines)
			h.WriteString("</p>\n")
		}
	})
}

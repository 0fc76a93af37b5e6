package epub

import (
	"strconv"
	"strings"

	"colophon/internal/edition"
)

// html writes XHTML from the model. Text is escaped here and nowhere else.
type html struct {
	strings.Builder
	images map[string]string // project path of an image → its href in the EPUB

	// Running-text words are counted as the print typesetter counts them (edition.IsWordSpace
	// separates them; notes are not counted), so that a marker can be put before the word each
	// printed page begins with. words is -1 where nothing is counted.
	words  int
	inWord bool
	breaks map[int]string // word index → printed page label
	// figBreaks are the printed pages that hold only a figure (figure index → label): their
	// markers go in the figure. figures counts the figures written.
	figBreaks map[int]string
	figures   int
}

// runText writes text of the running text: escaped, with page-break markers before the words
// printed pages begin with.
func (h *html) runText(s string) {
	if h.words < 0 {
		h.text(s)
		return
	}
	start := 0
	for i, r := range s {
		if edition.IsWordSpace(r) {
			h.inWord = false
			continue
		}
		if h.inWord {
			continue
		}
		h.inWord = true
		if label, ok := h.breaks[h.words]; ok {
			h.text(s[start:i])
			start = i
			h.void("span", "epub:type", "pagebreak", "role", "doc-pagebreak", "id", "page-"+label, "aria-label", label)
		}
		h.words++
	}
	h.text(s[start:])
}

// endWord marks a boundary between words that is not a space: a new block or a line break.
func (h *html) endWord() { h.inWord = false }

var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

func (h *html) text(s string) { escaper.WriteString(h, s) }

// el writes a whole element with escaped text content and optional attributes (name, value pairs).
func (h *html) el(tag, text string, attrs ...string) {
	h.open(tag, attrs...)
	h.text(text)
	h.close(tag)
}

func (h *html) open(tag string, attrs ...string) {
	h.start(tag, attrs...)
	h.WriteByte('>')
}

// void writes an element that has no content, such as img, in XML's self-closing form.
func (h *html) void(tag string, attrs ...string) {
	h.start(tag, attrs...)
	h.WriteString("/>")
}

func (h *html) start(tag string, attrs ...string) {
	h.WriteByte('<')
	h.WriteString(tag)
	for i := 0; i+1 < len(attrs); i += 2 {
		h.WriteByte(' ')
		h.WriteString(attrs[i])
		h.WriteString(`="`)
		h.text(attrs[i+1])
		h.WriteByte('"')
	}
}

func (h *html) close(tag string) { h.WriteString("</" + tag + ">") }

func (h *html) inlines(in []edition.Inline) {
	for _, x := range in {
		switch x.Kind {
		case edition.Text:
			h.runText(x.Text)
		case edition.Emph:
			h.WriteString("<em>")
			h.inlines(x.Children)
			h.WriteString("</em>")
		case edition.Strong:
			h.WriteString("<strong>")
			h.inlines(x.Children)
			h.WriteString("</strong>")
		case edition.Strike:
			// Struck out in the original: deleted text, still read (and found by search).
			h.WriteString("<del>")
			h.inlines(x.Children)
			h.WriteString("</del>")
		case edition.Code:
			h.WriteString("<code>")
			h.runText(x.Text)
			h.WriteString("</code>")
		case edition.Link:
			h.open("a", "href", x.URL)
			h.inlines(x.Children)
			h.close("a")
		case edition.Span:
			h.inlines(x.Children)
		case edition.Image:
			h.void("img", "src", h.images[x.URL], "alt", x.Text)
		case edition.LineBreak:
			h.WriteString("<br/>")
			h.endWord()
		case edition.NoteRef:
			n := x.Note
			num := strconv.Itoa(n.Number)
			// The reference is a link to the note's aside: reading systems that support pop-up
			// notes open it in place, the others follow the link to the note at the chapter's end.
			h.WriteString("<sup>")
			h.open("a", "epub:type", "noteref", "role", "doc-noteref", "id", n.RefID(), "href", "#"+n.ID(), "aria-label", "Note "+num)
			h.WriteString(num)
			h.close("a")
			h.WriteString("</sup>")
		}
	}
}

func (h *html) blocks(bs []edition.Block) {
	for _, b := range bs {
		h.endWord()
		switch b.Kind {
		case edition.Paragraph:
			h.WriteString("<p>")
			h.inlines(b.Inlines)
			h.WriteString("</p>\n")
		case edition.Heading:
			tag := "h" + strconv.Itoa(min(b.Level, 6))
			h.open(tag)
			h.inlines(b.Inlines)
			h.close(tag)
			h.WriteByte('\n')
		case edition.Quote:
			h.WriteString("<blockquote>\n")
			h.blocks(b.Children)
			h.WriteString("</blockquote>\n")
		case edition.List:
			tag := "ul"
			if b.Ordered {
				tag = "ol"
			}
			if b.Ordered && b.Start > 1 {
				h.open(tag, "start", strconv.Itoa(b.Start))
			} else {
				h.open(tag)
			}
			h.WriteByte('\n')
			for _, it := range b.Children {
				h.WriteString("<li>")
				h.blocks(it.Children)
				h.WriteString("</li>\n")
			}
			h.close(tag)
			h.WriteByte('\n')
		case edition.CodeBlock:
			h.WriteString("<pre><code>")
			// Print sets each line as a paragraph of its own.
			for _, line := range strings.SplitAfter(b.Text, "\n") {
				h.runText(line)
				h.endWord()
			}
			h.WriteString("</code></pre>\n")
		case edition.Rule:
			h.WriteString("<hr/>\n")
		case edition.Figure:
			h.WriteString("<figure>\n")
			if label, ok := h.figBreaks[h.figures]; ok {
				h.void("span", "epub:type", "pagebreak", "role", "doc-pagebreak", "id", "page-"+label, "aria-label", label)
				h.WriteByte('\n')
			}
			h.figures++
			h.void("img", "src", h.images[b.Picture.Path], "alt", b.Alt)
			h.WriteByte('\n')
			if len(b.Inlines) > 0 {
				// A caption is not running text: print may float its figure to the next page,
				// so the page-break markers do not count its words.
				saved := h.words
				h.words = -1
				h.WriteString("<figcaption>")
				h.inlines(b.Inlines)
				h.WriteString("</figcaption>\n")
				h.words = saved
			}
			h.WriteString("</figure>\n")
		case edition.Table:
			h.WriteString("<table>\n")
			if len(b.Inlines) > 0 {
				saved := h.words // as a figure's, a caption is not running text
				h.words = -1
				h.WriteString("<caption>")
				h.inlines(b.Inlines)
				h.WriteString("</caption>\n")
				h.words = saved
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
					tag := "td"
					attrs := []string{}
					if row.Header {
						tag = "th"
						attrs = append(attrs, "scope", "col")
					}
					if cell.Align != "" {
						attrs = append(attrs, "class", "align-"+cell.Align)
					}
					h.endWord()
					h.open(tag, attrs...)
					h.inlines(cell.Inlines)
					h.close(tag)
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
		case edition.Verse:
			// A poem: each stanza a block, each line a block of its own, so that it reads as verse
			// with the CSS off too.
			h.WriteString(`<div class="verse" epub:type="z3998:poem">` + "\n")
			for _, st := range b.Children {
				h.WriteString(`<div class="stanza">` + "\n")
				for _, line := range st.Children {
					h.endWord()
					h.WriteString(`<p class="line">`)
					h.inlines(line.Inlines)
					h.WriteString("</p>\n")
				}
				h.WriteString("</div>\n")
			}
			h.WriteString("</div>\n")
		}
	}
}

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
}

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
			h.text(x.Text)
		case edition.Emph:
			h.WriteString("<em>")
			h.inlines(x.Children)
			h.WriteString("</em>")
		case edition.Strong:
			h.WriteString("<strong>")
			h.inlines(x.Children)
			h.WriteString("</strong>")
		case edition.Code:
			h.el("code", x.Text)
		case edition.Link:
			h.open("a", "href", x.URL)
			h.inlines(x.Children)
			h.close("a")
		case edition.Image:
			h.void("img", "src", h.images[x.URL], "alt", x.Text)
		case edition.LineBreak:
			h.WriteString("<br/>")
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
			h.text(b.Text)
			h.WriteString("</code></pre>\n")
		case edition.Rule:
			h.WriteString("<hr/>\n")
		}
	}
}

package html

import (
	"strconv"

	"colophon/internal/edition"
)

// Inlines writes a run of inlines.
func (h *Writer) Inlines(in []edition.Inline) {
	for _, x := range in {
		switch x.Kind {
		case edition.Text:
			h.runText(x.Text)
		case edition.Emph:
			h.WriteString("<em>")
			h.Inlines(x.Children)
			h.WriteString("</em>")
		case edition.Strong:
			h.WriteString("<strong>")
			h.Inlines(x.Children)
			h.WriteString("</strong>")
		case edition.Strike:
			// Struck out in the original: deleted text, still read (and found by search).
			h.WriteString("<del>")
			h.Inlines(x.Children)
			h.WriteString("</del>")
		case edition.Code:
			h.WriteString("<code>")
			h.runText(x.Text)
			h.WriteString("</code>")
		case edition.Link:
			tabindex := ""
			if h.sidenote {
				tabindex = "-1" // the sidenote is a copy hidden from screen readers: its links are the note's
			}
			h.Open("a", "href", x.URL, "tabindex", tabindex)
			h.Inlines(x.Children)
			h.Close("a")
		case edition.Span:
			var attrs []string
			if x.Attr.SmallCaps() {
				attrs = append(attrs, "class", "smallcaps")
			}
			if lang, ok := x.Attr.Value("lang"); ok {
				attrs = append(attrs, h.langAttrs(lang)...)
			}
			if x.Attr.ID != "" && !h.sidenote {
				attrs = append(attrs, "id", edition.SpanAnchor(x.Attr.ID)) // a cross-reference's target
			}
			if len(attrs) == 0 {
				h.Inlines(x.Children)
				continue
			}
			h.Open("span", attrs...)
			h.Inlines(x.Children)
			h.Close("span")
		case edition.Indexed:
			// An anchor at the occurrence, for the index's locators; the sidenote's copy has no
			// ids, so that the page has each once.
			if h.sidenote || x.Occurrence == nil {
				h.Inlines(x.Children)
				continue
			}
			h.Open("span", "id", x.Occurrence.ID)
			h.Inlines(x.Children)
			h.Close("span")
		case edition.Image:
			h.Void("img", "src", h.Images[x.URL], "alt", x.Text)
		case edition.LineBreak:
			h.Void("br")
			h.endWord()
		case edition.NoteRef:
			h.noteRef(x.Note)
		case edition.XRef:
			h.xref(x.Target)
		}
	}
}

// noteRef writes a note's number as a link to the note at the document's end: reading systems
// that support pop-up notes open it in place, the others follow the link. On the web the note is
// also written beside the text, for the stylesheet to show as a sidenote where the screen is wide.
func (h *Writer) noteRef(n *edition.Note) {
	num := strconv.Itoa(n.Number)
	h.WriteString("<sup>")
	attrs := append(append(h.epubType("noteref"), "role", "doc-noteref", "id", n.RefID(), "href", "#"+n.ID(), "aria-label", h.say("note", "Note %d", n.Number)), h.ours...)
	h.Open("a", attrs...)
	h.WriteString(num)
	h.Close("a")
	h.WriteString("</sup>")
	if h.Flavor != Web || h.sidenote {
		return
	}
	// The copy is hidden from screen readers, which read the note where it stands at the end; it
	// holds no ids, so that the page has each once.
	h.WriteString(`<span class="sidenote" aria-hidden="true">`)
	h.El("span", num+".", "class", "sidenote-number")
	h.WriteByte(' ')
	h.uncounted(func() {
		h.sidenote = true
		for i, b := range n.Blocks {
			if i > 0 {
				h.WriteString(`<span class="sidenote-break"></span>`)
			}
			h.Inlines(b.Inlines)
		}
		h.sidenote = false
	})
	h.WriteString("</span>")
}

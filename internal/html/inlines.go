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
			saved := h.inLink
			h.inLink = true
			h.Inlines(x.Children)
			h.inLink = saved
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
			h.occurrence(x)
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

// occurrence writes an occurrence of a register entry as an anchor the index's locators link to
// (the sidenote's copy has no ids, so that the page has each once), and notes the printed page
// it begins on. One that links to the entry's note is the link itself.
func (h *Writer) occurrence(x edition.Inline) {
	oc := x.Occurrence
	if h.sidenote || oc == nil {
		h.Inlines(x.Children)
		return
	}
	if h.occPages != nil {
		label := h.page
		if _, starts := h.breaks[h.words]; starts && h.words >= 0 && !h.inWord {
			label = h.breaks[h.words] // the word it begins with begins a page
		}
		if h.note > 0 && label != "" {
			label += "n" + strconv.Itoa(h.note)
		}
		h.occPages[oc.ID] = label
	}
	if href := h.occLinks[oc.ID]; href != "" && !h.inLink {
		h.Open("a", append(append([]string{"id", oc.ID, "href", href}, h.epubType("glossref")...), "role", "doc-glossref")...)
		h.inLink = true
		h.Inlines(x.Children)
		h.inLink = false
		h.Close("a")
		return
	}
	h.Open("span", "id", oc.ID)
	h.Inlines(x.Children)
	h.Close("span")
}

// noteRef writes a note's number as a link to the note at the document's end: reading systems
// that support pop-up notes open it in place, the others follow the link. On the web the note is
// also written beside the text, for the stylesheet to show as a sidenote where the screen is wide.
func (h *Writer) noteRef(n *edition.Note) {
	num := strconv.Itoa(n.Number)
	if !h.sidenote {
		if h.notePage == nil {
			h.notePage = map[int]string{}
		}
		h.notePage[n.Number] = h.page
	}
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

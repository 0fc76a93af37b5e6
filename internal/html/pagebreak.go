package html

import "colophon/internal/edition"

// PageBreak is where a printed page begins: before word Word (counted from 0 over the document's
// title, dateline, salutation, text, signature, endorsements and archival reference) of document
// Doc.
type PageBreak struct {
	Doc  int
	Word int // -1 for a page that begins with a figure and holds no running text
	// Figure is that figure, counted from 0 in the document.
	Figure int
	Label  string
}

// Breaks sorts the page breaks by document: for each, the words that begin a printed page and
// the figures that stand alone on one (word or figure index → page label).
func Breaks(n int, pbs []PageBreak) (words, figures []map[int]string) {
	words = make([]map[int]string, n)
	figures = make([]map[int]string, n)
	for _, pb := range pbs {
		if words[pb.Doc] == nil {
			words[pb.Doc], figures[pb.Doc] = map[int]string{}, map[int]string{}
		}
		if pb.Word < 0 {
			figures[pb.Doc][pb.Figure] = pb.Label
			continue
		}
		words[pb.Doc][pb.Word] = pb.Label
	}
	return words, figures
}

// runText writes text of the running text: escaped, with page-break markers before the words
// printed pages begin with.
func (h *Writer) runText(s string) {
	if h.words < 0 {
		h.Text(s)
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
			h.Text(s[start:i])
			start = i
			h.pageBreak(label)
			h.page = label
		}
		h.words++
	}
	h.Text(s[start:])
}

// pageBreak writes the marker of a printed page. The EPUB's is empty, named for the page-list and
// reading systems. The web's shows the page quietly ("p. 12", from its data-page through the
// stylesheet, so that it is not copied with the text round it) and holds the words "page 12"
// for screen readers, hidden from sight: browsers' accessibility checks do not know the EPUB's
// doc-pagebreak role outside an EPUB, and refuse a name on a span without a role they know.
func (h *Writer) pageBreak(label string) {
	if h.Flavor == EPUB {
		h.Void("span", "epub:type", "pagebreak", "role", "doc-pagebreak", "id", "page-"+label, "aria-label", label)
		return
	}
	h.Open("span", "class", "page", "id", "page-"+label, "data-page", label)
	h.El("span", "page "+label, "class", "page-label")
	h.Close("span")
}

// endWord marks a boundary between words that is not a space: a new block or a line break.
func (h *Writer) endWord() { h.inWord = false }

// uncounted runs fn with the word count off: captions, credits and notes are not running text.
func (h *Writer) uncounted(fn func()) {
	saved := h.words
	h.words = -1
	fn()
	h.words = saved
}

// Uncounted writes what fn writes without counting its words: text that is not a document's
// running text (a reference list).
func (h *Writer) Uncounted(fn func()) { h.uncounted(fn) }

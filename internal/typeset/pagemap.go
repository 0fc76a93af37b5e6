package typeset

import "strconv"

// PageStart is where a printed page begins in the running text: the page's number and the word of
// a document it begins with. The EPUB puts a page-break marker before that word.
type PageStart struct {
	Page int
	Doc  int
	Word int // -1 when the page holds no running text, only a figure
	// Figure is the figure (counted from 0 in its document) a page without running text shows
	// first: a facsimile on a page of its own. The EPUB puts the marker at that figure.
	Figure int
	Label  string
}

// PageMap lists, in order, the pages of the book that hold running text of a document, or a
// figure of one. A figure floats forward, never back, and not past the text that follows the
// page it floated from, so a page of figures sits between its neighbours in reading order too.
func (bk *Book) PageMap() []PageStart {
	var out []PageStart
	last := map[int]int{} // the last word marked in each document
	for _, p := range bk.Pages {
		if p.Front || p.Blank {
			continue
		}
		if d, w := p.FirstWord(); d >= 0 {
			if lw, ok := last[d]; ok && w <= lw {
				// A page holding only a table that floated past the text of the page before:
				// its words are that page's in reading order, and the page gets no marker.
				continue
			}
			last[d] = w
			out = append(out, PageStart{Page: p.Number, Doc: d, Word: w, Figure: -1, Label: strconv.Itoa(p.Number)})
		} else if len(p.Pictures) > 0 {
			pc := p.Pictures[0]
			out = append(out, PageStart{Page: p.Number, Doc: pc.Doc, Word: -1, Figure: pc.Index, Label: strconv.Itoa(p.Number)})
		}
	}
	return out
}

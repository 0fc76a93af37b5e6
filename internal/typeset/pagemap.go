package typeset

import "strconv"

// PageStart is where a printed page begins in the running text: the page's number and the word of
// a document it begins with. The EPUB puts a page-break marker before that word.
type PageStart struct {
	Page  int
	Doc   int
	Word  int
	Label string
}

// PageMap lists, in order, the pages of the book that hold running text of a document.
func (bk *Book) PageMap() []PageStart {
	var out []PageStart
	for _, p := range bk.Pages {
		if p.Front || p.Blank {
			continue
		}
		if d, w := p.FirstWord(); d >= 0 {
			out = append(out, PageStart{Page: p.Number, Doc: d, Word: w, Label: strconv.Itoa(p.Number)})
		}
	}
	return out
}

package html

import (
	"sort"
	"strconv"

	"colophon/internal/edition"
)

// Locator is one link of an index entry: a printed page the entry stands on ("7", or "9n2" for
// note 2, whose reference is on page 9), in a document, and the first occurrence there.
type Locator struct {
	Label      string
	Doc        int                 // the document's index in the book
	Occurrence *edition.Occurrence // the first occurrence on that page
}

// Locators are an entry's locators in the book's order, one for each printed page it stands on
// and each note on it; pages are the occurrences' printed pages (DocumentOptions.OccurrencePages).
// An occurrence whose page is not known (an edition made without the print book's page map)
// takes its document's number as its label.
func Locators(b *edition.Book, e *edition.Entry, pages map[string]string) []Locator {
	docIndex := make(map[*edition.Document]int, len(b.Documents))
	for i, d := range b.Documents {
		docIndex[d] = i
	}
	type keyed struct {
		Locator
		order [3]int // document, page, note (0 for the text)
	}
	var out []keyed
	seen := map[[2]string]bool{}
	for n, oc := range e.Occurrences {
		doc := docIndex[oc.Doc]
		label := pages[oc.ID]
		if label == "" {
			label = strconv.Itoa(doc + 1)
		}
		key := [2]string{strconv.Itoa(doc), label}
		if seen[key] {
			continue
		}
		seen[key] = true
		note := 0
		if oc.Note != nil {
			note = oc.Note.Number
		}
		out = append(out, keyed{Locator{label, doc, oc}, [3]int{doc, pageNumber(label, n), note}})
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].order, out[j].order
		for k := range a {
			if a[k] != b[k] {
				return a[k] < b[k]
			}
		}
		return false
	})
	locs := make([]Locator, len(out))
	for i, k := range out {
		locs[i] = k.Locator
	}
	return locs
}

// pageNumber is a page label's number, for ordering ("9n2" is on page 9); a label that is no
// number keeps the occurrence's place in reading order.
func pageNumber(label string, fallback int) int {
	end := 0
	for end < len(label) && label[end] >= '0' && label[end] <= '9' {
		end++
	}
	if n, err := strconv.Atoi(label[:end]); err == nil {
		return n
	}
	return fallback
}

// FirstInText are the occurrences a writer links to the entry's note: each entry's first in the
// text of each document (not in its title, apparatus or notes), for the entries keep says.
func FirstInText(b *edition.Book, keep func(*edition.Entry) bool, href func(*edition.Entry) string) map[string]string {
	if b.Register == nil {
		return nil
	}
	links := map[string]string{}
	for _, e := range b.Register.Entries {
		if !keep(e) {
			continue
		}
		seen := map[*edition.Document]bool{}
		for _, oc := range e.Occurrences {
			if oc.Part == edition.InBody && !seen[oc.Doc] {
				seen[oc.Doc] = true
				links[oc.ID] = href(e)
			}
		}
	}
	return links
}

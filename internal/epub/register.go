package epub

import (
	"colophon/internal/edition"
	"colophon/internal/html"
)

// The register in the EPUB: the notes on persons as a glossary (EPUB's glossary semantics, each
// term a dfn), and the index as EPUB Indexes 1.0 describes it, each locator a link to the
// occurrence itself.
//
// The first time a person with a note is named in a document's text, the name links to the note
// (epub:type glossref, which reading systems that pop up notes may pop up); the other
// occurrences do not: a name printed twenty times in a letter, each a link, would be a page of
// links, and the index lists every occurrence anyway.

const (
	glossaryFile = "glossary.xhtml"
	indexFile    = "index.xhtml"
)

// hasGlossary and hasIndex say whether the EPUB has the notes on persons and the index, for the
// contents page, which is written before them.
func hasGlossary(b *edition.Book) bool {
	for _, e := range b.Register.Of(edition.Person) {
		if hasPersonNote(e) {
			return true
		}
	}
	return false
}

func hasIndex(b *edition.Book) bool {
	if b.Register == nil {
		return false
	}
	for _, e := range b.Register.Entries {
		if len(e.Occurrences) > 0 {
			return true
		}
	}
	return false
}

// personNoteID is a person's entry in the glossary.
func personNoteID(e *edition.Entry) string { return "person-" + e.ID }

// hasPersonNote says whether the person is in the notes on persons: with dates or a note.
func hasPersonNote(e *edition.Entry) bool {
	return e.Kind == edition.Person && (e.Dates != "" || len(e.Note) > 0)
}

// glossaryLinks are the occurrences that link to the notes on persons: each person's first in
// the text of each document.
func glossaryLinks(b *edition.Book) map[string]string {
	return html.FirstInText(b, hasPersonNote, func(e *edition.Entry) string { return glossaryFile + "#" + personNoteID(e) })
}

// glossaryPage is the notes on persons: each person's name as the term, then dates and note.
func glossaryPage(b *edition.Book, images map[string]string) (page, bool) {
	if b.Register == nil {
		return page{}, false
	}
	var persons []*edition.Entry
	for _, e := range b.Register.Sorted(edition.Person, b.Language) {
		if hasPersonNote(e) {
			persons = append(persons, e)
		}
	}
	if len(persons) == 0 {
		return page{}, false
	}
	title := b.Say("personnotes")
	h := &html.Writer{Flavor: html.EPUB, Images: images, Book: b}
	h.WriteString(`<section class="glossary" epub:type="glossary" role="doc-glossary" aria-labelledby="glossary-title">` + "\n")
	h.El("h1", title, "id", "glossary-title")
	h.WriteString("\n<dl>\n")
	h.Uncounted(func() {
		for _, e := range persons {
			h.Open("dt", "id", personNoteID(e), "epub:type", "glossterm")
			h.El("dfn", e.Name)
			h.WriteString("</dt>\n")
			h.Open("dd", "epub:type", "glossdef")
			if e.Dates != "" {
				h.El("span", e.Dates, "class", "dates")
				if len(e.Note) > 0 {
					h.WriteString(". ")
				}
			}
			h.Inlines(e.Note)
			h.WriteString("</dd>\n")
		}
	})
	h.WriteString("</dl>\n</section>\n")
	return page{file: glossaryFile, title: title, landmark: "glossary", matter: "backmatter", lang: b.Language, body: h.String(), inTOC: true}, true
}

// indexPage is the index, one group for each kind of entry: each entry's heading, then a link
// for each printed page it stands on (to its first occurrence there), "9n2" for note 2 on page 9.
// pages are the occurrences' printed pages (html.DocumentOptions.OccurrencePages).
func indexPage(b *edition.Book, pages map[string]string) (page, bool) {
	if b.Register == nil {
		return page{}, false
	}
	// The page's heading stands before the index, outside it: a document that holds nothing but an
	// index must mark its body as the index (EPUB Indexes, as epubcheck checks it), and a body may
	// carry no ARIA role, so the index's role (doc-index, which Ace asks for beside epub:type)
	// could not be given. So the index is a section of the page, labelled by the heading.
	title := b.Say("index")
	h := &html.Writer{Flavor: html.EPUB, Book: b}
	h.El("h1", title, "id", "index-title")
	h.WriteString("\n" + `<section class="index" epub:type="index" role="doc-index" aria-labelledby="index-title">` + "\n")
	any := false
	for _, k := range edition.EntryKinds {
		entries := b.Register.Sorted(k, b.Language)
		var rows []string
		for _, e := range entries {
			locs := html.Locators(b, e, pages)
			if len(locs) == 0 {
				continue
			}
			var w html.Writer
			w.Flavor = html.EPUB
			w.WriteString(`<li epub:type="index-entry">`)
			w.El("span", e.Name, "epub:type", "index-term")
			if e.Dates != "" {
				w.Text(" (" + e.Dates + ")")
			}
			for i, l := range locs {
				if i == 0 {
					w.WriteString(" ")
				} else {
					w.WriteString(", ")
				}
				w.El("a", l.Label, "epub:type", "index-locator", "href", l.Occurrence.Doc.ID+".xhtml#"+l.Occurrence.ID)
			}
			w.WriteString("</li>\n")
			rows = append(rows, w.String())
		}
		if len(rows) == 0 {
			continue
		}
		any = true
		id := "index-" + k.Key()
		h.Open("section", "epub:type", "index-group", "aria-labelledby", id)
		h.WriteByte('\n')
		h.El("h2", b.Say(k.Key()), "id", id)
		h.WriteString("\n<ul>\n")
		for _, r := range rows {
			h.WriteString(r)
		}
		h.WriteString("</ul>\n</section>\n")
	}
	if !any {
		return page{}, false
	}
	h.WriteString("</section>\n")
	// The manifest item carries the index property (finishPackage), as EPUB Indexes asks.
	return page{file: indexFile, title: title, landmark: "index", matter: "backmatter", lang: b.Language, body: h.String(), inTOC: true}, true
}

// occurrences are what the document pages say of the register's occurrences: the printed page of
// each (filled in as the pages are written), and those that link to a person's note.
type occurrences struct {
	pages map[string]string
	links map[string]string
}

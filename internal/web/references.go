package web

import "colophon/internal/html"

// referencesFile is the reference list's page in the site.
const referencesFile = "references.html"

// referencesPage is the reference list of the works the documents cite, as the book and the
// EPUB have it at their end: each work with a hanging indent. The home page's contents list it
// after the documents.
func (s *site) referencesPage() page {
	b := s.b
	h := &html.Writer{Flavor: html.Web, Book: b}
	title := b.Say("bibliography")
	h.WriteString(`<section class="bibliography" role="doc-bibliography" aria-labelledby="references-title">` + "\n")
	h.El("h1", title, "id", "references-title")
	h.WriteByte('\n')
	h.References(b)
	h.WriteString("</section>\n")
	h.WriteString(`<nav class="pager" aria-label="Documents">` + "\n")
	h.El("a", "Contents", "href", "index.html#contents")
	h.WriteString("\n</nav>\n")
	return page{file: referencesFile, title: title, description: title + " of " + shortTitle(b) + ".", ogType: "website", main: h.String()}
}

package html

import (
	"strings"

	"colophon/internal/edition"
)

// TitlePage writes what a title page prints: the title (an h1 of class titleClass, if given), the
// subtitle, the authors, the translation and editors' credits, the publisher.
func (h *Writer) TitlePage(b *edition.Book, titleClass string) {
	h.El("h1", b.Title, "class", titleClass)
	h.WriteByte('\n')
	line := func(class, text string) {
		h.El("p", text, "class", class)
		h.WriteByte('\n')
	}
	if b.Subtitle != "" {
		line("subtitle", b.Subtitle)
	}
	for _, a := range b.Authors() {
		line("author", a.Name)
	}
	if c := b.TranslatorCredit(); c != "" {
		line("credit", strings.TrimSuffix(c, "."))
	}
	for _, c := range b.TitlePageCredits() {
		line("credit", c)
	}
	if b.Publisher != "" {
		line("publisher", b.Publisher)
	}
}

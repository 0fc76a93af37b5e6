package html

import "colophon/internal/edition"

// Cross-references: each is a link to its target's page and place, printing the page the print
// book gives the target ("document 2, p. 11"), the same words as the book, so that the words of
// the text — which the page-break markers count — are the same in both.

// XRef says what a cross-reference prints and where it links, from a page of the documents.
type XRef func(t *edition.Target) (text, href string)

// XRefs resolves the cross-references of document from (-1: a page of the edition's own, the
// register's) for a flavour: the document pages are DOCID.xhtml in the EPUB and DOCID.html on the
// web, beside each other. page gives the page of the print book a target is on (0: none).
func XRefs(b *edition.Book, f Flavor, from int, page func(*edition.Target) int) XRef {
	ext := ".xhtml"
	if f == Web {
		ext = ".html"
	}
	return func(t *edition.Target) (string, string) {
		text := b.XRefText(from, t, page(t))
		if t.Kind == edition.TargetEntry {
			return text, entryHref(f, t.Entry)
		}
		file := ""
		if t.Doc >= 0 && (t.Doc != from || t.Kind == edition.TargetDocument && from < 0) {
			file = b.Documents[t.Doc].ID + ext
		}
		frag := t.Anchor()
		if t.Kind == edition.TargetDocument {
			frag = b.Documents[t.Doc].ID // the document's section
			if file != "" {
				frag = ""
			}
		}
		if frag != "" {
			return text, file + "#" + frag
		}
		return text, file
	}
}

// entryHref is where a register entry is: in the EPUB a person's note in the glossary, or the
// index's part for its kind (internal/epub/register.go's pages and ids); on the web the entry on
// its kind's register page (internal/web/register.go), which lists the entries the texts name.
func entryHref(f Flavor, e *edition.Entry) string {
	switch {
	case e == nil:
		return ""
	case f == Web && len(e.Occurrences) > 0:
		return e.Kind.Key() + ".html#reg-" + e.ID
	case f == Web:
		return ""
	case e.Kind == edition.Person && (e.Dates != "" || len(e.Note) > 0):
		return "glossary.xhtml#person-" + e.ID
	}
	return "index.xhtml#index-" + e.Kind.Key()
}

// xref writes a cross-reference as a link to its target.
func (h *Writer) xref(t *edition.Target) {
	if h.XRef == nil || t == nil {
		return
	}
	text, href := h.XRef(t)
	if href == "" {
		h.runText(text)
		return
	}
	tabindex := ""
	if h.sidenote {
		tabindex = "-1"
	}
	h.Open("a", "href", href, "class", "xref", "tabindex", tabindex)
	h.runText(text)
	h.Close("a")
}

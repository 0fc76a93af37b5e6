package web

import (
	"colophon/internal/edition"
	"colophon/internal/html"
)

// The register on the web, linked both ways with the text: a page for each kind of entry — the
// notes on persons, the places, the organisations — with each entry's dates, note, authority
// records and every page it stands on, each a link to its occurrence; and the index, every name
// with its pages. In a document, an entry's first occurrence in the text links to its note (as
// in the EPUB, and for the same reason: a name twenty times a link is a page of links), and the
// page ends with the entries it names.

// registerFile is the page of one kind of entry; registerIndex the index.
var registerFile = map[edition.EntryKind]string{edition.Person: "persons.html", edition.Place: "places.html", edition.Organisation: "organisations.html"}

const registerIndex = "register.html"

// entryHref is where an entry's note is.
func entryHref(e *edition.Entry) string { return registerFile[e.Kind] + "#" + entryID(e) }

func entryID(e *edition.Entry) string { return "reg-" + e.ID }

// named is whether the texts name the entry: entries named nowhere have no place on the pages.
func named(e *edition.Entry) bool { return len(e.Occurrences) > 0 }

// registerTitle is the heading of a kind's page.
func registerTitle(b *edition.Book, k edition.EntryKind) string {
	if k == edition.Person {
		return b.Say("personnotes")
	}
	return b.Say(k.Key())
}

// registerLinks are the occurrences that link to their entry's note.
func registerLinks(b *edition.Book) map[string]string {
	return html.FirstInText(b, named, entryHref)
}

// registerKinds are the kinds the texts name entries of, in the register's order.
func registerKinds(b *edition.Book) []edition.EntryKind {
	var out []edition.EntryKind
	if b.Register == nil {
		return nil
	}
	for _, k := range edition.EntryKinds {
		for _, e := range b.Register.Of(k) {
			if named(e) {
				out = append(out, k)
				break
			}
		}
	}
	return out
}

// locatorLinks writes an entry's pages, each a link to its first occurrence there; by document
// when withDocs ("Title, p. 9; Title, pp. 11, 12"), each document's title a link to it.
func locatorLinks(h *html.Writer, b *edition.Book, docs []docPage, e *edition.Entry, pages map[string]string, withDocs bool) {
	locs := html.Locators(b, e, pages)
	for i, l := range locs {
		switch {
		case withDocs && (i == 0 || l.Doc != locs[i-1].Doc):
			if i > 0 {
				h.WriteString("; ")
			}
			h.El("a", docs[l.Doc].doc.TitleText(), "href", docs[l.Doc].file, "class", "named-in", "lang", docs[l.Doc].lang)
			n := 0
			for _, m := range locs {
				if m.Doc == l.Doc {
					n++
				}
			}
			if n > 1 {
				h.WriteString(", pp.\u00a0")
			} else {
				h.WriteString(", p.\u00a0")
			}
		case i > 0:
			h.WriteString(", ")
		}
		h.El("a", l.Label, "href", docs[l.Doc].file+"#"+l.Occurrence.ID, "class", "locator")
	}
}

// registerPage is the page of one kind of entry.
func (s *site) registerPage(docs []docPage, k edition.EntryKind, pages map[string]string) page {
	b := s.b
	title := registerTitle(b, k)
	h := &html.Writer{Flavor: html.Web, Book: b}
	h.WriteString(`<section class="register" aria-labelledby="register-title">` + "\n")
	h.El("h1", title, "id", "register-title")
	h.WriteString("\n<dl>\n")
	h.Uncounted(func() {
		for _, e := range b.Register.Sorted(k, b.Language) {
			if !named(e) {
				continue
			}
			h.Open("dt", "id", entryID(e))
			h.El("dfn", e.Name)
			h.WriteString("</dt>\n<dd>\n")
			if e.Dates != "" || len(e.Note) > 0 {
				h.WriteString("<p>")
				if e.Dates != "" {
					h.El("span", e.Dates, "class", "dates")
					if len(e.Note) > 0 {
						h.WriteString(". ")
					}
				}
				h.Inlines(e.Note)
				h.WriteString("</p>\n")
			}
			h.WriteString(`<p class="named">Named in `)
			locatorLinks(h, b, docs, e, pages, true)
			h.WriteString("</p>\n")
			authorities(h, e)
			h.WriteString("</dd>\n")
		}
	})
	h.WriteString("</dl>\n</section>\n")
	h.WriteString(`<nav class="pager" aria-label="Register">` + "\n")
	for _, o := range registerKinds(b) {
		if o != k {
			h.El("a", registerTitle(b, o), "href", registerFile[o])
			h.WriteByte('\n')
		}
	}
	h.El("a", b.Say("index"), "href", registerIndex)
	h.WriteByte('\n')
	h.El("a", "Contents", "href", "index.html#contents")
	h.WriteString("\n</nav>\n")
	return page{file: registerFile[k], title: title, description: title + " of " + shortTitle(b) + ".", ogType: "website", main: h.String()}
}

// authorities links an entry's authority records.
func authorities(h *html.Writer, e *edition.Entry) {
	type rec struct{ name, id, url string }
	var recs []rec
	if e.Wikidata != "" {
		recs = append(recs, rec{"Wikidata", e.Wikidata, "https://www.wikidata.org/wiki/" + e.Wikidata})
	}
	if e.VIAF != "" {
		recs = append(recs, rec{"VIAF", e.VIAF, "https://viaf.org/viaf/" + e.VIAF})
	}
	if e.GND != "" {
		recs = append(recs, rec{"GND", e.GND, "https://d-nb.info/gnd/" + e.GND})
	}
	if len(recs) == 0 {
		return
	}
	h.WriteString(`<p class="authority">`)
	for i, r := range recs {
		if i > 0 {
			h.WriteString(" · ")
		}
		h.Text(r.name + " ")
		h.El("a", r.id, "href", r.url)
	}
	h.WriteString("</p>\n")
}

// indexPage is the index: every name the texts hold, by kind, each linking to its note, with the
// pages it stands on.
func (s *site) indexPage(docs []docPage, pages map[string]string) page {
	b := s.b
	title := b.Say("index")
	h := &html.Writer{Flavor: html.Web, Book: b}
	h.WriteString(`<section class="register-index" role="doc-index" aria-labelledby="index-title">` + "\n")
	h.El("h1", title, "id", "index-title")
	h.WriteByte('\n')
	for _, k := range registerKinds(b) {
		id := "index-" + k.Key()
		h.Open("section", "aria-labelledby", id)
		h.WriteByte('\n')
		h.El("h2", b.Say(k.Key()), "id", id)
		h.WriteString("\n<ul>\n")
		for _, e := range b.Register.Sorted(k, b.Language) {
			if !named(e) {
				continue
			}
			h.WriteString("<li>")
			h.El("a", e.Name, "href", entryHref(e))
			if e.Dates != "" {
				h.Text(" (" + e.Dates + ")")
			}
			h.WriteString(" ")
			locatorLinks(h, b, docs, e, pages, false)
			h.WriteString("</li>\n")
		}
		h.WriteString("</ul>\n</section>\n")
	}
	h.WriteString("</section>\n")
	return page{file: registerIndex, title: title, description: title + " of " + shortTitle(b) + ".", ogType: "website", main: h.String()}
}

// namedIn is the end of a document's page: the entries it names, by kind, each a link to its
// note.
func namedIn(h *html.Writer, b *edition.Book, d *edition.Document) {
	if b.Register == nil {
		return
	}
	var groups [][]*edition.Entry
	var kinds []edition.EntryKind
	for _, k := range edition.EntryKinds {
		named := map[*edition.Entry]bool{}
		for _, e := range b.Register.In(d, k) {
			named[e] = true
		}
		var in []*edition.Entry
		if len(named) > 0 {
			for _, e := range b.Register.Sorted(k, b.Language) {
				if named[e] {
					in = append(in, e)
				}
			}
		}
		if len(in) > 0 {
			groups = append(groups, in)
			kinds = append(kinds, k)
		}
	}
	if len(groups) == 0 {
		return
	}
	h.WriteString(`<section class="named-here" aria-labelledby="named-here">` + "\n")
	h.El("h2", "Named in this document", "id", "named-here")
	h.WriteString("\n<dl>\n")
	for i, in := range groups {
		h.El("dt", b.Say(kinds[i].Key()))
		h.WriteString("<dd>")
		for j, e := range in {
			if j > 0 {
				h.WriteString("; ")
			}
			h.El("a", e.Name, "href", entryHref(e))
		}
		h.WriteString("</dd>\n")
	}
	h.WriteString("</dl>\n</section>\n")
}

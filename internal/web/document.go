package web

import (
	"strings"
	"time"

	"colophon/internal/edition"
	"colophon/internal/html"
)

// docPage is one document's page, as the home page, the feed and the index see it.
type docPage struct {
	doc  *edition.Document
	file string // e.g. "01-letter.html"
	lang string // the document's language where it is not the book's, else ""
}

// documentPage is a document with its apparatus and notes (html.Document), how to cite it, its
// handouts, and links to the documents before and after it.
func (s *site) documentPage(docs []docPage, i int, body string, handouts []Download) page {
	b, d := s.b, docs[i].doc
	h := &html.Writer{Flavor: html.Web}
	h.WriteString(body)
	namedIn(h, b, d)

	h.WriteString(`<section class="how-to-cite" aria-labelledby="cite">` + "\n")
	h.El("h2", "How to cite", "id", "cite")
	h.WriteString("\n<p>")
	h.Text(citation(b, d))
	h.WriteByte(' ')
	if s.url != "" {
		h.El("span", s.url+docs[i].file, "class", "cite-url")
	} else {
		// Without a url: in book.yaml the page does not know where it is published; search.js
		// puts the address the reader sees here.
		h.El("span", "", "class", "cite-url", "data-page", docs[i].file)
	}
	if a := edition.PlainText(d.Archive); a != "" {
		h.WriteByte(' ')
		h.Text(edition.Sentence(a))
	}
	h.WriteString("</p>\n</section>\n")

	if len(handouts) > 0 {
		h.WriteString(`<section class="handouts" aria-labelledby="handouts">` + "\n")
		h.El("h2", "Handouts", "id", "handouts")
		h.WriteString("\n<ul>\n")
		for _, o := range handouts {
			name := "A4"
			if strings.HasSuffix(o.Path, "-letter.pdf") {
				name = "US Letter"
			}
			h.WriteString("<li>")
			h.El("a", "This document for "+name+" paper", "href", "downloads/"+o.Path, "type", o.MediaType)
			h.WriteByte(' ')
			h.El("span", "(PDF, "+sizeText(o.Size)+")", "class", "size")
			h.WriteString("</li>\n")
		}
		h.WriteString("</ul>\n</section>\n")
	}

	h.WriteString(`<nav class="pager" aria-label="Documents">` + "\n")
	if i > 0 {
		h.Open("a", "href", docs[i-1].file, "rel", "prev")
		h.WriteString("← ")
		h.El("span", docs[i-1].doc.TitleText(), "lang", docs[i-1].lang)
		h.WriteString("</a>\n")
	}
	h.El("a", "Contents", "href", "index.html#contents")
	h.WriteByte('\n')
	if i+1 < len(docs) {
		h.Open("a", "href", docs[i+1].file, "rel", "next")
		h.El("span", docs[i+1].doc.TitleText(), "lang", docs[i+1].lang)
		h.WriteString(" →</a>\n")
	}
	h.WriteString("</nav>\n")

	desc := edition.PlainText(d.Dateline)
	if desc == "" {
		desc = d.TitleText()
	}
	return page{file: docs[i].file, title: d.TitleText(), description: strings.TrimSpace(desc + " " + shortTitle(b) + "."),
		ogType: "article", jsonLD: s.documentLD(docs[i]), main: h.String()}
}

// citation is the reference to a document: its author (or "Anonymous"), title, the edition,
// translator, publisher and year, as a reader would write it.
func citation(b *edition.Book, d *edition.Document) string {
	var names []string
	for _, a := range b.Authors() {
		names = append(names, a.Name)
	}
	author := "Anonymous"
	if len(names) > 0 {
		author = edition.JoinNames(names)
	}
	s := edition.Sentence(author) + " “" + strings.TrimRight(d.TitleText(), ".") + ".” In " + b.Title
	if len(d.Translators) > 0 && !d.Untranslated {
		s += ", translated by " + edition.JoinNames(d.Translators)
	}
	s += "."
	var pub []string
	if b.Publisher != "" {
		pub = append(pub, b.Publisher)
	}
	if t, err := time.Parse("2006-01-02", b.Date); err == nil {
		pub = append(pub, t.Format("2006"))
	}
	if len(pub) > 0 {
		s += " " + strings.Join(pub, ", ") + "."
	}
	return s
}

// longDate is a YYYY-MM-DD date as "1 November 2026".
func longDate(date string) string {
	if t, err := time.Parse("2006-01-02", date); err == nil {
		return t.Format("2 January 2006")
	}
	return date
}

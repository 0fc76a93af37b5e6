package library

import (
	"fmt"
	"strings"

	"colophon/internal/edition"
)

// DublinCore makes an oai_dc record of the edition, as repositories harvest over OAI-PMH.
func DublinCore(b *edition.Book, formats []string) []byte {
	w := &xw{}
	w.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	w.WriteString(`<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd">` + "\n")
	w.depth = 1
	title := b.Title
	if b.Subtitle != "" {
		title += ": " + b.Subtitle
	}
	w.el("dc:title", title)
	for _, c := range b.Authors() {
		w.el("dc:creator", invert(c.Name))
	}
	for _, c := range b.Contributors {
		if c.Role != "author" {
			w.el("dc:contributor", fmt.Sprintf("%s (%s)", invert(c.Name), c.Role))
		}
	}
	for _, s := range b.Subjects {
		w.el("dc:subject", s)
	}
	// The register's persons, organisations and places the texts name, as the MARC headings
	// give them.
	if b.Register != nil {
		for _, k := range []edition.EntryKind{edition.Person, edition.Organisation, edition.Place} {
			for _, e := range b.Register.Sorted(k, b.Language) {
				if len(e.Occurrences) == 0 {
					continue
				}
				s := e.Name
				if k == edition.Person && e.Dates != "" {
					s += ", " + strings.ReplaceAll(e.Dates, "–", "-")
				}
				w.el("dc:subject", s)
			}
		}
	}
	if b.Description != "" {
		w.el("dc:description", b.Description)
	}
	if b.Publisher != "" {
		w.el("dc:publisher", b.Publisher)
	}
	w.el("dc:date", b.Date)
	w.el("dc:type", "Text")
	for _, f := range formats {
		w.el("dc:format", f)
	}
	w.el("dc:identifier", b.Identifier())
	if b.ISBN != "" {
		w.el("dc:identifier", "urn:isbn:"+b.ISBN)
	}
	if b.EbookISBN != "" {
		w.el("dc:identifier", "urn:isbn:"+b.EbookISBN)
	}
	if b.URL != "" {
		w.el("dc:identifier", b.URL)
	}
	if b.Source != "" {
		w.el("dc:source", b.Source)
	}
	for _, l := range b.TextLanguages() {
		w.el("dc:language", MARCLanguage(l))
	}
	if sources := b.SourceLanguages(); len(sources) > 0 {
		w.el("dc:relation", "Translation of texts in "+languageNames(sources))
	}
	if b.Rights != "" {
		w.el("dc:rights", b.Rights)
	}
	w.WriteString("</oai_dc:dc>\n")
	return []byte(strings.TrimSpace(w.String()) + "\n")
}

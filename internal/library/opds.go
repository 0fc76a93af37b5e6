package library

import (
	"fmt"

	"colophon/internal/edition"
)

// Acquisition is a file the OPDS catalog offers: its path relative to the catalog and its
// media type, size and checksum.
type Acquisition struct {
	Href      string
	MediaType string
	Bytes     int
	SHA256    string
	Title     string
}

// OPDS makes an OPDS 1.2 acquisition feed (Atom) with one entry for the edition, linking every
// format with its media type, size and SHA-256, and the cover image. Atom has no checksum
// attribute; colophon's is in a namespace of its own, which OPDS clients ignore.
func OPDS(b *edition.Book, cover *Acquisition, acq []Acquisition) []byte {
	ts := b.Timestamp.UTC().Format("2006-01-02T15:04:05Z")
	w := &xw{}
	w.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	w.WriteString(`<feed xmlns="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/terms/" xmlns:opds="http://opds-spec.org/2010/catalog" xmlns:colophon="urn:colophon:checksum">` + "\n")
	w.depth = 1
	w.el("id", "urn:uuid:"+b.UUID()+":catalog")
	w.el("title", orUnknown(b.Publisher)+": "+b.Title)
	w.el("updated", ts)
	w.open("author")
	w.el("name", orUnknown(b.Publisher))
	w.close("author")
	link := func(rel, href, typ string, extra string) {
		fmt.Fprintf(w, "%s<link rel=\"%s\" href=\"%s\" type=\"%s\"%s/>\n", indent(w.depth), rel, esc(href), typ, extra)
	}
	const kind = "application/atom+xml;profile=opds-catalog;kind=acquisition"
	link("self", b.Name+"-opds.xml", kind, "")
	link("start", b.Name+"-opds.xml", kind, "")

	w.open("entry")
	w.el("title", b.Title)
	w.el("id", b.Identifier())
	w.el("updated", ts)
	for _, c := range b.Authors() {
		w.open("author")
		w.el("name", c.Name)
		w.close("author")
	}
	for _, c := range b.Contributors {
		if c.Role != "author" {
			w.open("contributor")
			w.el("name", c.Name)
			w.close("contributor")
		}
	}
	w.el("dc:language", b.Language)
	w.el("dc:issued", b.Date)
	if b.Publisher != "" {
		w.el("dc:publisher", b.Publisher)
	}
	if b.Rights != "" {
		w.el("rights", b.Rights)
	}
	for _, s := range b.Subjects {
		fmt.Fprintf(w, "%s<category term=\"%s\" label=\"%s\"/>\n", indent(w.depth), esc(s), esc(s))
	}
	if b.Description != "" {
		fmt.Fprintf(w, "%s<summary type=\"text\">%s</summary>\n", indent(w.depth), esc(b.Description))
	}
	if cover != nil {
		link("http://opds-spec.org/image", cover.Href, cover.MediaType, "")
		link("http://opds-spec.org/image/thumbnail", cover.Href, cover.MediaType, "")
	}
	for _, a := range acq {
		link("http://opds-spec.org/acquisition", a.Href, a.MediaType,
			fmt.Sprintf(" title=\"%s\" length=\"%d\" colophon:sha256=\"%s\"", esc(a.Title), a.Bytes, a.SHA256))
	}
	w.close("entry")
	w.depth = 0
	w.WriteString("</feed>\n")
	return []byte(w.String())
}

func indent(d int) string {
	s := ""
	for i := 0; i < d; i++ {
		s += "  "
	}
	return s
}

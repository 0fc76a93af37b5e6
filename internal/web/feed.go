package web

import (
	"encoding/xml"
	"unicode/utf8"

	"colophon/internal/edition"
	"strings"
	"time"
)

// feed is an Atom feed (RFC 4287) of the documents, for feed readers and archives' harvesters.
// Its links are relative to the feed (xml:base is the edition's url when it has one), and every
// date is the build's timestamp: nothing depends on the clock.
func (s *site) feed(docs []docPage) []byte {
	b := s.b
	var x strings.Builder
	esc := func(v string) string {
		var e strings.Builder
		xml.EscapeText(&e, []byte(v))
		return strings.ReplaceAll(e.String(), `"`, "&#34;")
	}
	updated := b.Timestamp.UTC().Format(time.RFC3339)
	x.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n")
	x.WriteString(`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="` + esc(b.Language) + `"`)
	if s.url != "" {
		x.WriteString(` xml:base="` + esc(s.url) + `"`)
	}
	x.WriteString(">\n")
	x.WriteString("  <id>" + esc(b.Identifier()) + "</id>\n")
	x.WriteString("  <title>" + esc(b.Title) + "</title>\n")
	if b.Subtitle != "" {
		x.WriteString("  <subtitle>" + esc(b.Subtitle) + "</subtitle>\n")
	}
	x.WriteString("  <updated>" + updated + "</updated>\n")
	x.WriteString("  <author><name>" + esc(feedAuthor(s)) + "</name></author>\n")
	x.WriteString(`  <link rel="alternate" type="text/html" href="index.html"/>` + "\n")
	x.WriteString(`  <link rel="self" type="application/atom+xml" href="feed.xml"/>` + "\n")
	if b.Rights != "" {
		x.WriteString("  <rights>" + esc(b.Rights) + "</rights>\n")
	}
	for _, d := range docs {
		x.WriteString("  <entry")
		if d.lang != "" {
			x.WriteString(` xml:lang="` + esc(d.lang) + `"`)
		}
		x.WriteString(">\n")
		x.WriteString("    <id>urn:uuid:" + edition.NameUUID(b.UUID()+"\x00"+d.doc.ID) + "</id>\n")
		x.WriteString("    <title>" + esc(d.doc.TitleText()) + "</title>\n")
		x.WriteString("    <updated>" + updated + "</updated>\n")
		x.WriteString(`    <link rel="alternate" type="text/html" href="` + esc(d.file) + `"/>` + "\n")
		if sum := summary(d); sum != "" {
			x.WriteString("    <summary>" + esc(sum) + "</summary>\n")
		}
		x.WriteString("  </entry>\n")
	}
	x.WriteString("</feed>\n")
	return []byte(x.String())
}

func feedAuthor(s *site) string {
	if a := s.b.Authors(); len(a) > 0 {
		return a[0].Name
	}
	if s.b.Publisher != "" {
		return s.b.Publisher
	}
	return "Anonymous"
}

// sitemap lists every page for search engines (sitemaps.org 0.9); it needs absolute addresses,
// so it is written only when book.yaml gives the edition's url.
func (s *site) sitemap(docs []docPage) []byte {
	var x strings.Builder
	x.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n")
	x.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	lastmod := s.b.Timestamp.UTC().Format("2006-01-02")
	loc := func(p string) {
		var e strings.Builder
		xml.EscapeText(&e, []byte(s.url+p))
		x.WriteString("  <url><loc>" + e.String() + "</loc><lastmod>" + lastmod + "</lastmod></url>\n")
	}
	loc("")
	for _, d := range docs {
		loc(d.file)
	}
	if len(s.b.Bibliography) > 0 {
		loc(referencesFile)
	}
	for _, f := range s.extra {
		loc(f)
	}
	x.WriteString("</urlset>\n")
	return []byte(x.String())
}

// summary is an entry's summary: the document's dating and the opening of its text.
func summary(d docPage) string {
	text, _, _ := strings.Cut(edition.BlocksText(d.doc.Blocks), "\n")
	if utf8.RuneCountInString(text) > 300 {
		cut := string([]rune(text)[:300])
		if i := strings.LastIndex(cut, " "); i > 0 {
			cut = cut[:i]
		}
		text = cut + " …"
	}
	return strings.TrimSpace(edition.PlainText(d.doc.Dateline) + " " + text)
}

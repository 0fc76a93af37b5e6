package web

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"colophon/internal/edition"
	"colophon/internal/html"
)

// Download is a file of the build the site offers, with its size.
type Download struct {
	Path      string // its path in the build, e.g. "two-letters.epub"; the site has it in downloads/
	MediaType string
	Size      int
}

// homePage is the edition's front page: title, subtitle, who made it, its description, the
// contents and the downloads.
func (s *site) homePage(docs []docPage, downloads []Download) page {
	b := s.b
	h := &html.Writer{Flavor: html.Web}
	h.WriteString(`<div class="titlepage">` + "\n")
	h.TitlePage(b, "")
	h.WriteString("</div>\n")
	if b.Description != "" {
		h.El("p", b.Description, "class", "description")
		h.WriteByte('\n')
	}

	h.WriteString(`<nav class="contents" aria-labelledby="contents">` + "\n")
	h.El("h2", "Contents", "id", "contents")
	h.WriteString("\n<ol>\n")
	for _, d := range docs {
		h.WriteString("<li>")
		h.Open("a", "href", d.file, "lang", d.lang)
		h.Text(d.doc.TitleText())
		h.WriteString("</a>")
		if len(d.doc.Dateline) > 0 {
			h.WriteByte(' ')
			h.El("span", edition.PlainText(d.doc.Dateline), "class", "toc-dateline", "lang", d.lang)
		}
		h.WriteString("</li>\n")
	}
	for _, k := range registerKinds(b) {
		h.WriteString("<li>")
		h.El("a", registerTitle(b, k), "href", registerFile[k])
		h.WriteString("</li>\n")
	}
	if len(b.Bibliography) > 0 {
		h.WriteString("<li>")
		h.El("a", b.Say("bibliography"), "href", referencesFile)
		h.WriteString("</li>\n")
	}
	if len(registerKinds(b)) > 0 {
		h.WriteString("<li>")
		h.El("a", b.Say("index"), "href", registerIndex)
		h.WriteString("</li>\n")
	}
	h.WriteString("</ol>\n</nav>\n")

	if len(downloads) > 0 {
		h.WriteString(`<section class="downloads" aria-labelledby="downloads">` + "\n")
		h.El("h2", "Downloads", "id", "downloads")
		h.WriteString("\n<ul>\n")
		downloads = slices.Clone(downloads)
		sort.SliceStable(downloads, func(i, j int) bool { return downloadRank(b, downloads[i].Path) < downloadRank(b, downloads[j].Path) })
		for _, d := range downloads {
			if strings.HasPrefix(d.Path, "handouts/") && !strings.Contains(d.Path, "-booklet-") {
				continue // each document's page offers its own
			}
			h.WriteString("<li>")
			h.El("a", downloadName(b, d.Path), "href", "downloads/"+d.Path, "type", d.MediaType)
			h.WriteString(" ")
			h.El("span", "("+formatOf(d)+", "+sizeText(d.Size)+")", "class", "size")
			h.WriteString("</li>\n")
		}
		h.WriteString("</ul>\n</section>\n")
	}

	h.WriteString(`<section class="about" aria-labelledby="about">` + "\n")
	h.El("h2", "About this edition", "id", "about")
	h.WriteString("\n<dl>\n")
	item := func(term, value string) {
		if value != "" {
			h.El("dt", term)
			h.El("dd", value)
			h.WriteByte('\n')
		}
	}
	for _, c := range b.Contributors {
		item(edition.RoleLabel(c.Role), c.Name)
	}
	item("Publisher", b.Publisher)
	item("Date", longDate(b.Date))
	item("Source", b.Source)
	item("Rights", b.Rights)
	if b.ISBN != "" {
		item("ISBN (print)", b.ISBNText)
	}
	if b.EbookISBN != "" {
		item("ISBN (EPUB)", edition.HyphenateISBN(b.EbookISBN))
	}
	// Not the edition's urn:uuid: (or urn:isbn:): it names the edition to machines, which read
	// it in the page's JSON-LD and the feed, and means nothing to a reader; the ISBNs above are
	// what a reader or bookseller looks up.
	item("Typeface", b.Fonts.Family)
	h.WriteString("</dl>\n</section>\n")
	return page{file: "index.html", title: b.Title, description: b.Description, ogType: "book", jsonLD: s.bookLD(docs), main: h.String()}
}

// downloadName is how the home page names a file of the build.
func downloadName(b *edition.Book, path string) string {
	switch {
	case path == b.Name+".epub":
		return "EPUB ebook"
	case path == b.Name+".pdf":
		return "The book (PDF)"
	case strings.HasPrefix(path, "handouts/") && strings.HasSuffix(path, "-booklet-a4.pdf"):
		return "Booklet for A4 paper"
	case strings.HasPrefix(path, "handouts/") && strings.HasSuffix(path, "-booklet-letter.pdf"):
		return "Booklet for US Letter paper"
	case strings.HasSuffix(path, "-wrap.pdf"):
		return "Print cover (full wrap)"
	case strings.HasPrefix(path, "cover/"):
		return "Cover image"
	case strings.HasSuffix(path, "-interior.pdf"):
		return "Printer's interior (PDF/X-1a)"
	case strings.HasPrefix(path, "print/") && strings.HasSuffix(path, "-cover.pdf"):
		return "Printer's cover (PDF/X-1a)"
	case strings.HasSuffix(path, "-print-marc.xml"):
		return "MARC 21 record of the print book"
	case strings.HasSuffix(path, "-epub-marc.xml"):
		return "MARC 21 record of the EPUB"
	case strings.HasSuffix(path, "-onix.xml"):
		return "ONIX 3.0 record"
	case strings.HasSuffix(path, "-dc.xml"):
		return "Dublin Core record"
	case strings.HasSuffix(path, "-opds.xml"):
		return "OPDS catalogue entry"
	}
	return path
}

// downloadRank orders the downloads for readers first: the ebook and the book, the booklets, the
// covers, the printer's files, the records.
func downloadRank(b *edition.Book, path string) int {
	switch {
	case path == b.Name+".epub":
		return 0
	case path == b.Name+".pdf":
		return 1
	case strings.HasPrefix(path, "handouts/"):
		return 2
	case strings.HasPrefix(path, "cover/"):
		return 3
	case strings.HasPrefix(path, "print/"):
		return 4
	}
	return 5
}

// formatOf is a download's format in a word.
func formatOf(d Download) string {
	switch {
	case strings.HasPrefix(d.MediaType, "application/pdf"):
		return "PDF"
	case d.MediaType == "application/epub+zip":
		return "EPUB"
	case strings.HasPrefix(d.MediaType, "image/"):
		return strings.ToUpper(strings.TrimPrefix(d.MediaType, "image/"))
	}
	return "XML"
}

// sizeText is a file's size as people read it.
func sizeText(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

package epub

import (
	"strings"
	"time"

	"colophon/internal/cover"
	"colophon/internal/edition"
	"colophon/internal/html"
)

// page is one XHTML file of the EPUB, before go-epub wraps it.
type page struct {
	file     string // file name inside xhtml/
	title    string // its <title> and table-of-contents entry
	landmark string // epub:type for the landmarks nav, if it is one
	matter   string // frontmatter, bodymatter or backmatter: the body's epub:type
	lang     string
	body     string
	inTOC    bool
	// pageBreaks are the printed pages that begin in this page (word → label), for the page-list.
	pageBreaks map[int]string
}

func coverPage(b *edition.Book, img *cover.Image) page {
	h := html.Writer{Flavor: html.EPUB}
	h.WriteString(`<section class="cover" epub:type="cover">` + "\n")
	h.Void("img", "src", "../images/cover"+img.Ext, "alt", cover.Alt(b), "role", "doc-cover")
	h.WriteString("\n</section>\n")
	return page{file: "cover.xhtml", title: b.Say("cover"), landmark: "cover", matter: "frontmatter", lang: b.Language, body: h.String()}
}

func titlePage(b *edition.Book) page {
	h := html.Writer{Flavor: html.EPUB}
	h.WriteString(`<section class="titlepage" epub:type="titlepage">` + "\n")
	h.TitlePage(b, "title")
	h.WriteString("</section>\n")
	return page{file: "titlepage.xhtml", title: b.Say("title"), landmark: "titlepage", matter: "frontmatter", lang: b.Language, body: h.String()}
}

// creditsPage is the copyright page: who made the edition, from what, under which rights, and the
// colophon naming the typefaces.
func creditsPage(b *edition.Book) page {
	h := html.Writer{Flavor: html.EPUB}
	h.WriteString(`<section class="credits" epub:type="copyright-page" aria-labelledby="credits-title">` + "\n")
	h.El("h1", b.Say("credits"), "id", "credits-title")
	h.WriteByte('\n')
	para := func(class, s string) {
		if s != "" {
			h.El("p", s, "class", class)
			h.WriteByte('\n')
		}
	}
	para("credits-title", b.Title+".")
	para("credits-translator", b.TranslatorCredit())
	for _, c := range b.Contributors {
		if c.Role != "translator" {
			para("credits-contributor", edition.RoleLabel(c.Role)+": "+c.Name+".")
		}
	}
	if b.Source != "" {
		para("credits-source", edition.Sentence("Source: "+b.Source))
	}
	para("credits-rights", b.Rights)
	pub := b.Publisher
	if d, err := time.Parse("2006-01-02", b.Date); err == nil {
		if pub != "" {
			pub += ", "
		}
		pub += d.Format("2 January 2006")
	}
	para("credits-publisher", pub+".")
	for _, e := range b.EditionLines() {
		para("credits-edition", e)
	}
	// The ISBNs a reader or a bookseller can look up; never the package's urn:uuid:, which
	// identifies the file to reading systems and means nothing to a person.
	if b.EbookISBN != "" {
		para("credits-identifier", "ISBN "+edition.HyphenateISBN(b.EbookISBN)+" (EPUB)")
	}
	if b.ISBN != "" {
		para("credits-identifier", "ISBN "+edition.HyphenateISBN(b.ISBN)+" (print)")
	}
	para("credits-colophon", "Set in "+b.Fonts.Family+". Made with colophon.")
	h.WriteString("</section>\n")
	return page{file: "credits.xhtml", title: b.Say("credits"), landmark: "copyright-page", matter: "frontmatter", lang: b.Language, body: h.String(), inTOC: true}
}

// contentsPage is the contents as a page of the book, in the reading order after the credits.
// The navigation document holds the same list for reading systems, with the landmarks and the
// page-list; it is kept out of the reading order, because converters (calibre, and so the Kindle
// files made with it) print everything in the spine, hidden navigation included.
func contentsPage(b *edition.Book) page {
	h := html.Writer{Flavor: html.EPUB}
	h.WriteString(`<nav class="contents" role="doc-toc" aria-labelledby="contents-title">` + "\n")
	h.El("h1", b.Say("contents"), "id", "contents-title")
	h.WriteString("\n<ol>\n")
	h.WriteString("<li>")
	h.El("a", b.Say("credits"), "href", "credits.xhtml")
	h.WriteString("</li>\n")
	for i, d := range b.Documents {
		h.WriteString("<li>")
		title := d.TitleText()
		if n := b.DocumentNumber(i); n != "" {
			title = n + " " + title
		}
		h.El("a", title, "href", d.ID+".xhtml")
		if len(d.Dateline) > 0 {
			h.WriteString("<br/>")
			h.El("span", strings.TrimSpace(edition.PlainText(d.Dateline)), "class", "contents-dateline")
		}
		h.WriteString("</li>\n")
	}
	if hasGlossary(b) {
		h.WriteString("<li>")
		h.El("a", b.Say("personnotes"), "href", glossaryFile)
		h.WriteString("</li>\n")
	}
	if len(b.Bibliography) > 0 {
		h.WriteString("<li>")
		h.El("a", b.Say("bibliography"), "href", "bibliography.xhtml")
		h.WriteString("</li>\n")
	}
	if hasIndex(b) {
		h.WriteString("<li>")
		h.El("a", b.Say("index"), "href", indexFile)
		h.WriteString("</li>\n")
	}
	h.WriteString("</ol>\n</nav>\n")
	return page{file: "contents.xhtml", title: b.Say("contents"), landmark: "toc", matter: "frontmatter", lang: b.Language, body: h.String()}
}

// documentPage is one document as a chapter (html.Document).
func documentPage(b *edition.Book, d *edition.Document, credit string, images map[string]string, breaks, figBreaks map[int]string, xref html.XRef, occ occurrences) page {
	body, _ := html.Document(d, html.DocumentOptions{Flavor: html.EPUB, Images: images, Credit: credit, Breaks: breaks, FigBreaks: figBreaks, Book: b, XRef: xref,
		OccurrencePages: occ.pages, OccurrenceLinks: occ.links})
	return page{file: d.ID + ".xhtml", title: d.TitleText(), matter: "bodymatter", lang: d.Language, body: body, inTOC: true}
}

// bibliographyPage is the reference list of the works the documents cite, at the end of the book.
func bibliographyPage(b *edition.Book, images map[string]string) page {
	h := &html.Writer{Flavor: html.EPUB, Images: images, Book: b}
	h.WriteString(`<section class="bibliography" epub:type="bibliography" role="doc-bibliography" aria-labelledby="bibliography-title">` + "\n")
	h.El("h1", b.Say("bibliography"), "id", "bibliography-title")
	h.WriteByte('\n')
	h.References(b)
	h.WriteString("</section>\n")
	return page{file: "bibliography.xhtml", title: b.Say("bibliography"), matter: "backmatter", lang: b.Language, body: h.String(), inTOC: true}
}

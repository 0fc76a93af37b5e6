package epub

import (
	"strconv"
	"strings"
	"time"

	"colophon/internal/cover"
	"colophon/internal/edition"
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
	var h html
	h.WriteString(`<section class="cover" epub:type="cover">` + "\n")
	h.void("img", "src", "../images/cover"+img.Ext, "alt", cover.Alt(b), "role", "doc-cover")
	h.WriteString("\n</section>\n")
	return page{file: "cover.xhtml", title: "Cover", landmark: "cover", matter: "frontmatter", lang: b.Language, body: h.String()}
}

func titlePage(b *edition.Book) page {
	var h html
	h.WriteString(`<section class="titlepage" epub:type="titlepage">` + "\n")
	h.el("h1", b.Title, "class", "title")
	h.WriteByte('\n')
	if b.Subtitle != "" {
		h.el("p", b.Subtitle, "class", "subtitle")
		h.WriteByte('\n')
	}
	for _, a := range b.Authors() {
		h.el("p", a.Name, "class", "author")
		h.WriteByte('\n')
	}
	if c := b.TranslatorCredit(); c != "" {
		h.el("p", strings.TrimSuffix(c, "."), "class", "credit")
		h.WriteByte('\n')
	}
	for _, c := range b.TitlePageCredits() {
		h.el("p", c, "class", "credit")
		h.WriteByte('\n')
	}
	if b.Publisher != "" {
		h.el("p", b.Publisher, "class", "publisher")
		h.WriteByte('\n')
	}
	h.WriteString("</section>\n")
	return page{file: "titlepage.xhtml", title: "Title Page", landmark: "titlepage", matter: "frontmatter", lang: b.Language, body: h.String()}
}

// creditsPage is the copyright page: who made the edition, from what, under which rights, and the
// colophon naming the typefaces.
func creditsPage(b *edition.Book) page {
	var h html
	h.WriteString(`<section class="credits" epub:type="copyright-page" aria-labelledby="credits-title">` + "\n")
	h.el("h1", "Credits", "id", "credits-title")
	h.WriteByte('\n')
	para := func(class, s string) {
		if s != "" {
			h.el("p", s, "class", class)
			h.WriteByte('\n')
		}
	}
	para("credits-title", b.Title+".")
	para("credits-translator", b.TranslatorCredit())
	for _, c := range b.Contributors {
		if c.Role != "translator" {
			para("credits-contributor", roleLabel(c.Role)+": "+c.Name+".")
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
	switch {
	case b.EbookISBN != "":
		para("credits-identifier", "ISBN "+b.EbookISBN+" (EPUB)")
	case b.ISBN != "":
		para("credits-identifier", "ISBN "+b.ISBN+" (print). Identifier: "+b.EPUBIdentifier())
	default:
		para("credits-identifier", "Identifier: "+b.EPUBIdentifier())
	}
	para("credits-colophon", "Set in "+b.Fonts.Family+". Made with colophon.")
	h.WriteString("</section>\n")
	return page{file: "credits.xhtml", title: "Credits", landmark: "copyright-page", matter: "frontmatter", lang: b.Language, body: h.String(), inTOC: true}
}

// contentsPage is the contents as a page of the book, in the reading order after the credits.
// The navigation document holds the same list for reading systems, with the landmarks and the
// page-list; it is kept out of the reading order, because converters (calibre, and so the Kindle
// files made with it) print everything in the spine, hidden navigation included.
func contentsPage(b *edition.Book) page {
	var h html
	h.WriteString(`<nav class="contents" role="doc-toc" aria-labelledby="contents-title">` + "\n")
	h.el("h1", "Contents", "id", "contents-title")
	h.WriteString("\n<ol>\n")
	h.WriteString("<li>")
	h.el("a", "Credits", "href", "credits.xhtml")
	h.WriteString("</li>\n")
	for _, d := range b.Documents {
		h.WriteString("<li>")
		h.el("a", d.TitleText(), "href", d.ID+".xhtml")
		h.WriteString("</li>\n")
	}
	h.WriteString("</ol>\n</nav>\n")
	return page{file: "contents.xhtml", title: "Contents", landmark: "toc", matter: "frontmatter", lang: b.Language, body: h.String()}
}

func roleLabel(role string) string {
	switch role {
	case "introduction":
		return "Introduction"
	}
	return strings.ToUpper(role[:1]) + role[1:]
}

// documentPage is one document as a chapter: its apparatus as distinct elements, its text, and its
// notes as footnote asides at the end, each with a link back to its reference.
func documentPage(d *edition.Document, credit string, images map[string]string, breaks, figBreaks map[int]string) page {
	h := html{images: images, breaks: breaks, figBreaks: figBreaks}
	hid := "title-" + d.ID
	h.open("section", "id", d.ID, "class", "document", "epub:type", "chapter", "role", "doc-chapter", "aria-labelledby", hid)
	h.WriteString("\n<header>\n")
	h.open("h1", "id", hid)
	h.inlines(d.Title)
	h.WriteString("</h1>\n")
	if len(d.Dateline) > 0 {
		h.endWord()
		h.WriteString(`<p class="dateline">`)
		h.inlines(d.Dateline)
		h.WriteString("</p>\n")
	}
	if credit != "" {
		// Not running text: the page-break markers do not count its words.
		h.endWord()
		h.el("p", credit, "class", "translation-credit")
		h.WriteByte('\n')
	}
	h.WriteString("</header>\n")
	part := func(class string, in []edition.Inline) {
		if len(in) > 0 {
			h.endWord()
			h.open("p", "class", class)
			h.inlines(in)
			h.WriteString("</p>\n")
		}
	}
	part("salutation", d.Salutation)
	h.WriteString(`<div class="text">` + "\n")
	h.blocks(d.Blocks)
	h.WriteString("</div>\n")
	part("signature", d.Signature)
	if len(d.Endorsements) > 0 || len(d.Archive) > 0 {
		h.WriteString(`<footer class="apparatus">` + "\n")
		for _, e := range d.Endorsements {
			part("endorsement", e)
		}
		part("archive", d.Archive)
		h.WriteString("</footer>\n")
	}
	if len(d.Notes) > 0 {
		// The notes are a section with a heading of its own, so that with the CSS off (and for a
		// screen reader) their start is marked; with the CSS on the heading is hidden and a rule
		// over the first note marks it, which goes with the notes where a reading system hides
		// them to show them as pop-ups.
		h.open("section", "class", "notes", "aria-labelledby", "notes-"+d.ID)
		h.WriteByte('\n')
		h.el("h2", "Notes", "class", "notes-heading", "id", "notes-"+d.ID)
		h.WriteByte('\n')
		for _, n := range d.Notes {
			h.open("aside", "id", n.ID(), "class", "note", "epub:type", "footnote", "role", "doc-footnote")
			h.WriteByte('\n')
			body := html{images: images, words: -1} // notes are not running text
			body.blocks(n.Blocks)
			// The note's number, linking back to its reference, opens the note's first paragraph.
			num := strconv.Itoa(n.Number)
			back := `<a href="#` + n.RefID() + `" role="doc-backlink" aria-label="Back to the text of note ` + num + `">` + num + `.</a> `
			s := body.String()
			if strings.HasPrefix(s, "<p>") {
				s = "<p>" + back + s[len("<p>"):]
			} else {
				s = "<p>" + back + "</p>\n" + s
			}
			h.WriteString(s)
			h.WriteString("</aside>\n")
		}
		h.WriteString("</section>\n")
	}
	h.WriteString("</section>\n")
	return page{file: d.ID + ".xhtml", title: d.TitleText(), matter: "bodymatter", lang: d.Language, body: h.String(), inTOC: true}
}

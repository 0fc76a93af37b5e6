package html

import (
	"strconv"
	"strings"

	"colophon/internal/edition"
)

// DocumentOptions say how a document is written.
type DocumentOptions struct {
	Flavor Flavor
	Images map[string]string // project path of a picture → its href from the page
	// Credit is the document's own translation credit, where the edition's credits are mixed.
	Credit string
	// Lang is set on the document's section where its language is not the page's (the web's
	// pages are in the book's language; an EPUB page is in its document's).
	Lang string
	// Breaks and FigBreaks are the printed pages that begin in the document (Breaks).
	Breaks, FigBreaks map[int]string
	// Book is the edition: colophon's own words on the page are in its words language, and
	// carry that language inside a document in another (edition.Book.Say).
	Book *edition.Book
	// XRef resolves the document's cross-references (XRefs); nil writes none.
	XRef XRef
	// OccurrencePages, when not nil, receives the printed page each occurrence of a register
	// entry begins on, by its anchor id: "7", or "9n2" in note 2 (whose reference is on page 9).
	OccurrencePages map[string]string
	// OccurrenceLinks are the occurrences that link to the entry's note, by anchor id.
	OccurrenceLinks map[string]string
}

// Document writes one document as a section: its apparatus as distinct elements, its text, and
// its notes at the end, each with a link back to its reference. It returns the HTML and, for the
// web, the passages that were given ids.
func Document(d *edition.Document, o DocumentOptions) (string, []Passage) {
	h := &Writer{Flavor: o.Flavor, Images: o.Images, breaks: o.Breaks, figBreaks: o.FigBreaks, Book: o.Book, rtl: edition.RightToLeft(d.Language), XRef: o.XRef,
		occPages: o.OccurrencePages, occLinks: o.OccurrenceLinks}
	ours := func(lang string) []string { // the attributes of colophon's words in this document
		if lang == d.Language {
			return nil
		}
		return h.langAttrs(lang)
	}
	creditLang := "en"
	if o.Book != nil {
		h.ours = ours(o.Book.WordsLanguage())
		creditLang = o.Book.CreditLanguage(d)
	}
	hid := "title-" + d.ID
	dir := ""
	if edition.RightToLeft(d.Language) {
		dir = "rtl" // Hebrew, Arabic…: the whole document reads right to left
	}
	h.Open("section", append(append([]string{"id", d.ID, "class", "document"}, h.epubType("chapter")...),
		"role", "doc-chapter", "aria-labelledby", hid, "lang", o.Lang, "dir", dir)...)
	h.WriteString("\n<header>\n")
	h.Open("h1", "id", hid)
	h.Inlines(d.Title)
	h.WriteString("</h1>\n")
	if h.Flavor == Web {
		h.passages = append(h.passages, Passage{ID: hid, Text: d.TitleText()})
	}
	part := func(class string, in []edition.Inline) {
		if len(in) > 0 {
			h.endWord()
			id := ""
			if h.Flavor == Web {
				id = class
				if class == "endorsement" {
					id = class + "-" + strconv.Itoa(h.ids[class]+1)
					h.ids[class]++
				}
				h.passages = append(h.passages, Passage{ID: id, Text: edition.PlainText(in)})
			}
			h.Open("p", "class", class, "id", id)
			h.Inlines(in)
			h.WriteString("</p>\n")
		}
	}
	h.ids = map[string]int{}
	part("dateline", d.Dateline)
	if o.Credit != "" {
		// Not running text: the page-break markers do not count its words.
		h.endWord()
		h.El("p", o.Credit, append([]string{"class", "translation-credit"}, ours(creditLang)...)...)
		h.WriteByte('\n')
	}
	h.WriteString("</header>\n")
	part("salutation", d.Salutation)
	h.WriteString(`<div class="text">` + "\n")
	h.Blocks(d.Blocks)
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
	h.notesSection(d)
	h.WriteString("</section>\n")
	return h.String(), h.passages
}

// notesSection writes the notes as a section with a heading of its own, so that with the CSS
// off (and for a screen reader) their start is marked.
func (h *Writer) notesSection(d *edition.Document) {
	if len(d.Notes) == 0 {
		return
	}
	h.Open("section", "class", "notes", "aria-labelledby", "notes-"+d.ID)
	h.WriteByte('\n')
	h.El("h2", h.say("notes", "Notes"), append([]string{"class", "notes-heading", "id", "notes-" + d.ID}, h.ours...)...)
	h.WriteByte('\n')
	for _, n := range d.Notes {
		h.Open("aside", append(append([]string{"id", n.ID(), "class", "note"}, h.epubType("footnote")...), "role", "doc-footnote")...)
		h.WriteByte('\n')
		body := &Writer{Flavor: h.Flavor, Images: h.Images, words: -1, notes: true, rtl: h.rtl, Book: h.Book, ours: h.ours, XRef: h.XRef, // notes are not running text
			page: h.notePage[n.Number], note: n.Number, occPages: h.occPages, occLinks: h.occLinks}
		body.Blocks(n.Blocks)
		if h.Flavor == Web {
			h.passages = append(h.passages, Passage{ID: n.ID(), Text: edition.BlocksText(n.Blocks), Note: true})
		}
		// The note's number, linking back to its reference, opens the note's first paragraph.
		num := strconv.Itoa(n.Number)
		var bw Writer
		bw.Open("a", append([]string{"href", "#" + n.RefID(), "role", "doc-backlink", "aria-label", h.say("back", "Back to the text of note %d", n.Number)}, h.ours...)...)
		bw.WriteString(num + ".</a> ")
		back := bw.String()
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

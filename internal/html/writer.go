// Package html writes the edition model as HTML: the blocks and inlines of a document, its
// apparatus and notes, the page-break markers of the print edition, the pictures and fonts a page
// shows. The EPUB (internal/epub) and the web edition (internal/web) both render documents
// through it, each in its own flavour, so that a construct comes out the same in both.
package html

import (
	"fmt"
	"strings"

	"colophon/internal/edition"
)

// Flavor says which output the HTML is for.
type Flavor int

const (
	// EPUB is XHTML for an EPUB 3 content document: epub:type semantics beside the ARIA roles,
	// void elements closed as XML closes them.
	EPUB Flavor = iota
	// Web is HTML for browsers: no epub:type, page-break markers that show the print page,
	// stable ids with citation links on the text's passages, and notes repeated as sidenotes.
	Web
)

// Writer writes HTML from the model. Text is escaped here and nowhere else.
type Writer struct {
	strings.Builder
	Flavor Flavor
	Images map[string]string // project path of a picture → its href from the page

	// Running-text words are counted as the print typesetter counts them (edition.IsWordSpace
	// separates them; notes are not counted), so that a marker can be put before the word each
	// printed page begins with. words is -1 where nothing is counted.
	words  int
	inWord bool
	breaks map[int]string // word index → printed page label
	// figBreaks are the printed pages that hold only a figure (figure index → label): their
	// markers go in the figure. figures counts the figures written.
	figBreaks map[int]string
	figures   int

	// sidenote is set while a note is written again beside its reference (Web).
	sidenote bool
	// passages are the blocks given ids (Web), in reading order; ids holds the ids given.
	passages []Passage
	ids      map[string]int
	notes    bool // writing a note: its paragraphs are not passages of their own

	// The register's occurrences: page is the label of the printed page being written (the last
	// marker's), notePage that of each note's reference, note the number of the note being
	// written; occPages receives each occurrence's page ("7", "9n2" in note 2), and occLinks
	// are the occurrences that link somewhere (a person's note), with where. inLink is set inside
	// a link, where no other may open.
	page     string
	notePage map[int]string
	note     int
	occPages map[string]string
	occLinks map[string]string
	inLink   bool

	// rtl is the direction of the text being written: an element in a language of the other
	// direction gets a dir of its own.
	rtl bool
	// Book, on a document, is the edition (for colophon's own words), and ours the attributes
	// those words take there: their language, where it is not the document's.
	Book *edition.Book
	ours []string
	// XRef resolves the cross-references on the page (xref.go); nil writes none.
	XRef XRef
}

// langAttrs are the attributes of an element in a language other than its surroundings': lang
// and xml:lang (EPUB reading systems read either; xml:lang only in the EPUB), and dir where its
// direction differs.
func (h *Writer) langAttrs(lang string) []string {
	attrs := []string{"lang", lang}
	if h.Flavor == EPUB {
		attrs = append(attrs, "xml:lang", lang)
	}
	switch rtl := edition.RightToLeft(lang); {
	case rtl && !h.rtl:
		attrs = append(attrs, "dir", "rtl")
	case !rtl && h.rtl:
		attrs = append(attrs, "dir", "ltr")
	}
	return attrs
}

// inLanguage writes, by write, what an element in lang holds ("" is the surroundings' language):
// the elements inside are told from its direction, and colophon's words from its language.
func (h *Writer) inLanguage(lang string, write func()) {
	if lang == "" {
		write()
		return
	}
	rtl, ours := h.rtl, h.ours
	h.rtl = edition.RightToLeft(lang)
	if h.Book != nil {
		h.ours = nil
		if words := h.Book.WordsLanguage(); words != lang {
			h.ours = h.langAttrs(words)
		}
	}
	write()
	h.rtl, h.ours = rtl, ours
}

// say is one of colophon's own strings in the edition's words language (English without a book).
func (h *Writer) say(key, english string, args ...any) string {
	if h.Book == nil {
		if len(args) > 0 {
			return fmt.Sprintf(english, args...)
		}
		return english
	}
	return h.Book.Say(key, args...)
}

// Text writes escaped text.
func (h *Writer) Text(s string) { escaper.WriteString(h, s) }

var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

// El writes a whole element with escaped text content and optional attributes (name, value pairs).
func (h *Writer) El(tag, text string, attrs ...string) {
	h.Open(tag, attrs...)
	h.Text(text)
	h.Close(tag)
}

// Open writes a start tag; attributes whose value is empty are left out.
func (h *Writer) Open(tag string, attrs ...string) {
	h.start(tag, attrs...)
	h.WriteByte('>')
}

// Void writes an element that has no content, such as img: in XML's self-closing form for the
// EPUB, as HTML writes it for the web.
func (h *Writer) Void(tag string, attrs ...string) {
	h.start(tag, attrs...)
	if h.Flavor == EPUB {
		h.WriteString("/>")
	} else {
		h.WriteByte('>')
	}
}

func (h *Writer) start(tag string, attrs ...string) {
	h.WriteByte('<')
	h.WriteString(tag)
	for i := 0; i+1 < len(attrs); i += 2 {
		if attrs[i+1] == "" && attrs[i] != "alt" {
			continue
		}
		h.WriteByte(' ')
		h.WriteString(attrs[i])
		h.WriteString(`="`)
		h.Text(attrs[i+1])
		h.WriteByte('"')
	}
}

// Close writes an end tag.
func (h *Writer) Close(tag string) { h.WriteString("</" + tag + ">") }

// epubType is the epub:type attribute pair for the EPUB, nothing for the web.
func (h *Writer) epubType(v string) []string {
	if h.Flavor != EPUB {
		return nil
	}
	return []string{"epub:type", v}
}

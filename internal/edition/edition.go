// Package edition is the typed model of an edition that every writer reads: a Book of Documents,
// each a list of Blocks made of Inlines, with Notes as objects of their own. It is the contract
// between loading (internal/source) and the writers; no writer sees Markdown or goldmark's AST.
package edition

import (
	"strconv"
	"time"

	"colophon/internal/print"
)

// Book is one edition: its metadata from source/book.yaml and its documents in file-name order.
type Book struct {
	Dir string // the project folder the sources were read from

	Name             string // base name of the output files, e.g. "two-letters-kommunist-1956"
	Title            string
	ShortTitle       string // for running heads; empty means the title
	Subtitle         string
	Language         string // BCP 47, e.g. "en"
	OriginalLanguage string // language the documents were translated from, e.g. "ru"; empty if none
	Contributors     []Contributor
	Publisher        string
	Date             string // edition date, YYYY-MM-DD
	Rights           string
	Description      string
	Subjects         []string
	Source           string // the archival source of the documents
	ISBN             string // ISBN-13 of the print edition, digits only, empty when none
	ISBNText         string // the print ISBN hyphenated by the ISBN Agency's ranges (HyphenateISBN), for print
	EbookISBN        string // ISBN-13 of the EPUB, digits only, empty when none
	URL              string // where the edition is published, if anywhere

	// Openings is where a document begins in print: "recto" (the default: a new right-hand page),
	// "any" (a new page) or "continuous" (below the last, after a space and a rule).
	Openings string
	// NumberDocuments numbers the documents, "No. 1", in their headings, the contents, the running
	// heads and the index's locators (DocumentNumber).
	NumberDocuments bool
	// Edition is the edition statement, e.g. "First edition"; Printing the impression, from 1
	// (0: not stated). The credits page prints both.
	Edition  string
	Printing int

	Print Print
	Fonts Fonts
	Cover string // path of a cover image relative to Dir; empty for a generated cover

	Documents []*Document
	// Bibliography is the reference list of the works the documents cite (source/references.bib),
	// one paragraph each, sorted; empty when nothing is cited.
	Bibliography []Block
	// Register is source/register.yaml with every occurrence of its entries; nil without one.
	Register *Register

	// Timestamp is the one instant every output records: SOURCE_DATE_EPOCH when set, else the
	// edition date at midnight UTC. Nothing reads the clock.
	Timestamp time.Time
}

// Contributor is a person or body with a role such as "author", "editor" or "translator".
type Contributor struct {
	Name string
	Role string
}

// Print holds the print settings from book.yaml.
type Print struct {
	Trim     print.Trim
	BleedMM  float64 // bleed on each side in millimetres; 0 for none
	Paper    string  // white, cream, or empty when PaperInch is given
	PaperIn  float64 // thickness of one page (leaf side) in inches, from Paper or explicit
	FontSize float64 // body size in points; 0 lets the trim preset decide
	// Service is the print-on-demand profile the printer's files are made for, and Condition
	// the printing condition their output intent names (FOGRA39 or CGATS TR 001).
	Service   print.Service
	Condition string
}

// Fonts are the files of the four faces, as bytes, with the family name to print.
type Fonts struct {
	Family     string
	Regular    []byte
	Italic     []byte
	Bold       []byte
	BoldItalic []byte
	// Fallback are further families, tried in order for the characters the four faces lack
	// (Hebrew or Arabic in an edition set in a Latin typeface).
	Fallback []FallbackFont
	// Mono is the monospace family code is set in (inline code and code blocks), in every output:
	// its four faces, italic being the upright (a monospace face for code rarely has an italic).
	// It is not a fallback: text is never set in it, and code only in it.
	Mono FallbackFont
}

// FallbackFont is one family of fonts.fallback: its name and its four faces, a style the family
// does not have being another style's file (Hebrew and Arabic fonts have no italics).
type FallbackFont struct {
	Family string
	Faces  [4][]byte // regular, italic, bold, bold italic
}

// Families are the faces of every family, the edition's first, each as regular, italic, bold and
// bold italic: the index of a face here is what the typesetter calls its style.
func (f Fonts) Families() [][4][]byte {
	out := [][4][]byte{{f.Regular, f.Italic, f.Bold, f.BoldItalic}}
	for _, fb := range f.Fallback {
		out = append(out, fb.Faces)
	}
	return out
}

// HasMono says whether the edition has a monospace family for its code.
func (f Fonts) HasMono() bool { return len(f.Mono.Faces[0]) > 0 }

// FamilyNames are the families' names, the edition's first.
func (f Fonts) FamilyNames() []string {
	out := []string{f.Family}
	for _, fb := range f.Fallback {
		out = append(out, fb.Family)
	}
	return out
}

// Openings are the values of book.yaml's openings, the default first.
var Openings = []string{"recto", "any", "continuous"}

// DocumentNumber is the label of document i (from 0) when the documents are numbered, "No. 1",
// else "": for headings, the contents, running heads and index locators alike.
func (b *Book) DocumentNumber(i int) string {
	if !b.NumberDocuments {
		return ""
	}
	return b.Say("number", i+1)
}

// ContributorsWith returns the contributors with the given role, in book.yaml order.
func (b *Book) ContributorsWith(role string) []Contributor {
	var out []Contributor
	for _, c := range b.Contributors {
		if c.Role == role {
			out = append(out, c)
		}
	}
	return out
}

// Document is one source file: a letter, an essay, a chapter.
type Document struct {
	Path string // the source path relative to the project, e.g. "source/01-letter.md"
	ID   string // a name safe for XML ids and file names, derived from Path

	Title        []Inline
	ShortTitle   string // for running heads; empty means the plain title
	Language     string
	Dateline     []Inline   // the editors' dating, e.g. "[not later than 18 September 1956]"
	Salutation   []Inline   // "Comrade Editor,"
	Signature    []Inline   // "Member of the CPSU since 1924"
	Endorsements [][]Inline // archive endorsements: "Accompanying note: …", "Note: …"
	Archive      []Inline   // the archival reference, "RGANI. F. 5. …"

	Blocks []Block
	Notes  []*Note // in number order

	// Translation, resolved from the document's front matter and book.yaml: who translated it, from
	// which language, or that it is printed in its original language.
	Translators      []string // names, each a book contributor with role translator
	OriginalLanguage string
	Original         string // what the original is, e.g. "Handwritten original in German"
	Untranslated     bool   // printed in its original language (translator: none, or language = original_language)
}

// TitleText is the title as plain text, without note references.
func (d *Document) TitleText() string { return PlainText(d.Title) }

// Pos is a place in a source file, for diagnostics. Line and Col count from 1; Col counts characters.
type Pos struct {
	Path string
	Line int
	Col  int
}

// BlockKind says what a Block is.
type BlockKind int

const (
	Paragraph      BlockKind = iota
	Heading                  // Level 2–6 within a document (the document title is level 1)
	Quote                    // Children are blocks
	List                     // Children are ListItems; Ordered says how they are numbered
	ListItem                 // Children are blocks
	CodeBlock                // Text holds the lines verbatim
	Rule                     // a thematic break
	Verse                    // a poem or song: Children are stanzas
	Stanza                   // Children are Lines
	Line                     // one line of verse: Inlines
	Table                    // Children are TableRows, the header row first; Inlines are its caption
	TableRow                 // Children are TableCells; Header marks the header row
	TableCell                // Inlines; Align is "left", "right", "center" or ""
	Figure                   // Picture with its Alt text; Inlines are the caption (may be empty)
	DefinitionList           // Children are DefinitionTerms and DefinitionDescs, in the order written
	DefinitionTerm           // Inlines: a term; the descriptions after it (up to the next term) are its
	DefinitionDesc           // Children are blocks: a description of the terms before it
	Passage                  // Children are blocks in another language, Lang: a fenced ::: {lang=xx}
)

// Block is a unit of the running text.
type Block struct {
	Kind     BlockKind
	Level    int  // Heading level
	Ordered  bool // List numbering
	Start    int  // first number of an ordered List
	Inlines  []Inline
	Children []Block
	Text     string   // CodeBlock content
	Header   bool     // a TableRow of column headings
	Align    string   // a TableCell's alignment from the delimiter row
	Picture  *Picture // a Figure's image
	Alt      string   // a Figure's text alternative, from the image's brackets
	// Lang is a paragraph's language when it is not its document's, a passage written as one
	// span with a language ([السلام عليكم]{lang=ar}), or a Passage's, whose blocks are in it.
	Lang string
	Pos  Pos
}

// Picture is an image file the edition shows, as the loader read it: its bytes, read once however
// many places show it (every output that holds the picture holds these bytes, not a copy), and
// what its header says. Its pixels are decoded only by a writer that must re-encode them.
type Picture struct {
	Path   string // relative to the project, with forward slashes
	Data   []byte // the file
	Format string // "jpeg" or "png"
	Width  int    // pixels
	Height int
	// PPI is the resolution the file records (JFIF density, PNG pHYs), 0 when it records none.
	PPI float64
}

// DefaultPPI is the resolution of a picture that records none: the CSS pixel, so that a figure
// is printed at the size a reading system shows it at.
const DefaultPPI = 96

// Size is the picture's natural size in points: its pixels at its resolution.
func (p *Picture) Size() (w, h float64) {
	ppi := p.PPI
	if ppi <= 0 {
		ppi = DefaultPPI
	}
	return float64(p.Width) * 72 / ppi, float64(p.Height) * 72 / ppi
}

// InlineKind says what an Inline is.
type InlineKind int

const (
	Text      InlineKind = iota // Text holds the characters, typographic quotes already applied
	Emph                        // Children
	Strong                      // Children
	Strike                      // Children: words struck out in the original (~~…~~)
	Code                        // Text verbatim
	Link                        // Children, URL
	Image                       // Text is the alt text, URL the path relative to the project, Picture its header
	NoteRef                     // Note is the note referred to
	LineBreak                   // a hard line break
	// Span is a bracketed span, [text]{attributes}: Children are its text, which every writer
	// carries (never the brackets), and Attr what the braces say.
	Span
	// Indexed is an occurrence of a register entry: Children are its text (the form, or the words
	// a mark ties to the entry), printed as they are; Occurrence says which entry and gives the
	// anchor's id.
	Indexed
	// XRef is a cross-reference, [#target]: Target is what it points to. It has no text of its
	// own in the model; each output prints where the target is in it (Book.XRefText).
	XRef
)

// Inline is a run of text or a span of it.
type Inline struct {
	Kind     InlineKind
	Text     string
	URL      string
	Children []Inline
	Note     *Note
	Picture  *Picture // an Image's file
	Attr     *Attr    // a Span's attributes
	// Occurrence is an Indexed inline's entry and anchor.
	Occurrence *Occurrence
	Target     *Target // an XRef's target
}

// Note is a footnote: numbered per document in order of first reference.
type Note struct {
	Number int
	Label  string  // the label used in the source, e.g. "1" for [^1]
	Blocks []Block // the note's text
	Ref    Pos     // where the reference stands
	Def    Pos     // where the definition stands
}

// ID is the note's XML id within its document, e.g. "note-3"; the reference is "noteref-3".
func (n *Note) ID() string    { return "note-" + strconv.Itoa(n.Number) }
func (n *Note) RefID() string { return "noteref-" + strconv.Itoa(n.Number) }

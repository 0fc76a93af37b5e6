package typeset

import "colophon/internal/edition"

// Struct is an element of a book's logical structure, built while the book is set: the document,
// a section per document, its heading, paragraphs, lists and notes, in reading order. Every line of
// text points to the element it belongs to (Line.Struct); the PDF writer turns the tree into the
// structure tree of a tagged PDF. Types are the standard structure types of PDF 1.7 (14.8.4) or
// colophon's own, which RoleMap maps to standard ones.
type Struct struct {
	Type string
	Kids []*Struct
	Lang string        // a language other than the book's, e.g. a document with `language: ru`
	Note *edition.Note // a Note element: the note it holds
	Doc  int           // the document the element belongs to, -1 for the front matter
	// Alt is a Figure's text alternative (figures are not set yet: the field is where they slot in).
	Alt string
	// Scope is a table heading's: "Column".
	Scope string
	// Lbl is the label element that runs marked Glyphs.Lbl on this element's lines belong to: a
	// list item's bullet, a note's number.
	Lbl *Struct
}

// Artifact is the type of material that is not content: ornaments, rules, running heads.
const Artifact = "Artifact"

// RoleMap maps colophon's own structure types to the standard types they are kinds of, so that
// an assistive technology that knows only the standard ones still reads them right.
var RoleMap = map[string]string{
	"HalfTitle":         "P",
	"BookTitle":         "P",
	"Subtitle":          "P",
	"Byline":            "P",
	"Publisher":         "P",
	"Credit":            "P",
	"ContentsHeading":   "P",
	"Dateline":          "P",
	"TranslationCredit": "P",
	"Salutation":        "P",
	"Signature":         "P",
	"Endorsement":       "P",
	"ArchivalReference": "P",
	"CodeLine":          "P",
	"Verse":             "Div",
	"Stanza":            "Div",
	"VerseLine":         "P",
	"PersonNote":        "P",
}

// newStruct makes an element and appends it to parent's kids.
func newStruct(parent *Struct, typ string, doc int) *Struct {
	s := &Struct{Type: typ, Doc: doc}
	if parent != nil {
		parent.Kids = append(parent.Kids, s)
	}
	return s
}

package edition

import "strings"

// Cross-references, [#target]: a place in the text that says where something else of the edition
// is — a document, a note, a figure, a table, a passage given an id, a register entry — printed
// as the page the target lands on in that output ("p. 12", or "document 2, p. 12" for a target in
// another document) and linked to it. The loader resolves every target once all documents are
// read (a reference may point forward); the writers print the words, each from its own pagination.

// TargetKind says what a cross-reference points to.
type TargetKind int

const (
	TargetDocument TargetKind = iota // a document: where it opens
	TargetNote                       // a note: where it begins at the foot of a page
	TargetFigure                     // a figure whose caption holds a span with the id
	TargetTable                      // a table whose caption holds a span with the id
	TargetSpan                       // a passage given an id, [words]{#id}
	TargetEntry                      // a register entry: its place in the notes on persons or the index
)

// Target is what a cross-reference points to, as the loader resolved it.
type Target struct {
	Name string // as written between "[#" and "]"
	Kind TargetKind
	Doc  int    // the document it stands in, by index; -1 for a register entry
	Note *Note  // TargetNote
	ID   string // the id of a span, figure or table ({#id}); a register entry's id
	// Entry is a TargetEntry's entry.
	Entry *Entry
}

// Anchor is the target's name as an anchor in a page of HTML (the EPUB's and the web's): a
// document is its page, a note its note's id, an id written in the sources "ref-" and the id
// (so that no id written in the sources meets one of colophon's own), an entry "entry-" and its id.
func (t *Target) Anchor() string {
	switch t.Kind {
	case TargetDocument:
		return ""
	case TargetNote:
		return t.Note.ID()
	case TargetEntry:
		return "entry-" + t.ID
	}
	return SpanAnchor(t.ID)
}

// SpanAnchor is the HTML id of a span, figure or table given the id in the sources.
func SpanAnchor(id string) string { return "ref-" + id }

// XRefText is what a cross-reference prints, in the book's words language, once the output it is
// in knows the target's page: "p. 12" for a target in the document the reference stands in,
// "document 2, p. 12" for one in another, "note 3, p. 12" and "document 2, note 3, p. 12" for a
// note, and "p. 57" for a register entry. from is the document the reference stands in (-1 for
// none: the register's own notes); page 0 leaves the page out. Its spaces are no-break spaces
// where a line must not part the words ("p. 12").
func (b *Book) XRefText(from int, t *Target, page int) string {
	var parts []string
	if t.Kind != TargetEntry && t.Doc >= 0 && (t.Doc != from || t.Kind == TargetDocument) {
		parts = append(parts, nbsp(b.Say("xref-document", t.Doc+1)))
	}
	if t.Kind == TargetNote {
		parts = append(parts, nbsp(b.Say("xref-note", t.Note.Number)))
	}
	if page > 0 {
		parts = append(parts, nbsp(b.Say("xref-page", page)))
	}
	if len(parts) == 0 {
		if t.Kind == TargetEntry && t.Entry != nil {
			return t.Entry.Name // not in this output's pages: the entry by its heading
		}
		return nbsp(b.Say("xref-document", t.Doc+1))
	}
	return strings.Join(parts, ", ")
}

func nbsp(s string) string { return strings.ReplaceAll(s, " ", "\u00a0") }

// XRefs are the cross-references of a document in reading order: in its title, apparatus, text
// and notes.
func (d *Document) XRefs() []*Target {
	var out []*Target
	d.Walk(Visitor{Inline: func(x *Inline) bool {
		if x.Kind == XRef && x.Target != nil {
			out = append(out, x.Target)
		}
		return true
	}})
	return out
}

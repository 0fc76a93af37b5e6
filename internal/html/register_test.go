package html

import (
	"strings"
	"testing"

	"colophon/internal/edition"
)

// TestOccurrenceAnchors: an occurrence of a register entry is an anchor around its words, in the
// text and in a note, once per page: the web's sidenote copy of the note carries none.
func TestOccurrenceAnchors(t *testing.T) {
	e := &edition.Entry{ID: "stalin", Name: "Stalin"}
	occ := func(id string) edition.Inline {
		return edition.Inline{Kind: edition.Indexed, Occurrence: &edition.Occurrence{Entry: e, ID: id},
			Children: []edition.Inline{{Kind: edition.Text, Text: "Stalin"}}}
	}
	note := &edition.Note{Number: 1, Blocks: []edition.Block{{Kind: edition.Paragraph, Inlines: []edition.Inline{occ("reg-stalin-2"), {Kind: edition.Text, Text: " again."}}}}}
	d := &edition.Document{ID: "a", Language: "en", Title: []edition.Inline{{Kind: edition.Text, Text: "T"}}, Notes: []*edition.Note{note},
		Blocks: []edition.Block{{Kind: edition.Paragraph, Inlines: []edition.Inline{occ("reg-stalin-1"), {Kind: edition.Text, Text: "’s corpse."}, {Kind: edition.NoteRef, Note: note}}}}}
	for _, f := range []Flavor{EPUB, Web} {
		got, _ := Document(d, DocumentOptions{Flavor: f})
		for _, want := range []string{`<span id="reg-stalin-1">Stalin</span>’s corpse.`, `<span id="reg-stalin-2">Stalin</span> again.`} {
			if strings.Count(got, want) != 1 {
				t.Errorf("flavour %d: %q stands %d times in\n%s", f, want, strings.Count(got, want), got)
			}
		}
		if n := strings.Count(got, `id="reg-stalin-2"`); n != 1 {
			t.Errorf("flavour %d: the note's anchor stands %d times", f, n)
		}
	}
}

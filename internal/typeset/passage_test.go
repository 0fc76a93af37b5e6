package typeset

import (
	"strings"
	"testing"
)

// TestLanguagesInADocument: a word in another language carries its language on its run, which
// the PDF tags; a passage of several paragraphs in another language (::: {lang=xx}) is one
// element with that language, its paragraphs set in its direction, and the note it cites stays
// in the document's language and direction.
func TestLanguagesInADocument(t *testing.T) {
	b := project(t, map[string]string{"a.md": `# A letter

The word [λόγος]{lang=el} is Greek, and [this one]{lang=en} is not another language.

::: {lang=ar}
السلام عليكم، ونتمنى لكم سنة سعيدة.[^1]

وإلى اللقاء في القاهرة.
:::

After the passage.

[^1]: A note in English.
`})
	bk := typeset(t, b, "a5")

	var div *Struct
	var notes []*Struct
	var walk func(s *Struct)
	walk = func(s *Struct) {
		if s.Type == "Div" {
			div = s
		}
		if s.Type == "Note" {
			notes = append(notes, s)
		}
		for _, k := range s.Kids {
			walk(k)
		}
	}
	walk(bk.Root)
	if div == nil || div.Lang != "ar" {
		t.Fatalf("no Div element in Arabic: %+v", div)
	}
	var ps []*Struct
	for _, k := range div.Kids {
		if k.Type == "P" {
			ps = append(ps, k)
			if k.Lang != "" {
				t.Errorf("a paragraph of the passage says its language again: %q", k.Lang)
			}
		}
	}
	if len(ps) != 2 {
		t.Fatalf("the passage holds %d paragraphs, want 2", len(ps))
	}
	if len(notes) != 1 || notes[0].Lang != "en" {
		t.Fatalf("the note the passage cites: %+v (want one, in English)", notes)
	}

	langs := map[string]string{} // run text → its language
	for _, p := range bk.Pages {
		for _, pl := range p.Placed {
			ln := pl.Line
			for _, g := range ln.Glyphs {
				if g.Lang() != "" {
					langs[g.Text] = g.Lang()
				}
			}
			switch {
			case ln.Struct == ps[0] || ln.Struct == ps[1]:
				if !ln.RTL {
					t.Errorf("a line of the Arabic passage is set left to right: %q", lineText(ln))
				}
			case ln.Struct != nil && ln.Struct.Type == "P" && ln.RTL:
				t.Errorf("a line outside the passage is set right to left: %q", lineText(ln))
			}
		}
	}
	if len(langs) != 1 || langs["λόγος"] != "el" {
		t.Errorf("runs in another language: %v, want only λόγος in el", langs)
	}
	for _, p := range bk.Pages {
		for _, pl := range p.Placed {
			if pl.Line.Struct != nil && pl.Line.Struct.Type == "P" && strings.Contains(lineText(pl.Line), "Anote") && pl.Line.RTL {
				t.Errorf("the note is set right to left")
			}
		}
	}
}

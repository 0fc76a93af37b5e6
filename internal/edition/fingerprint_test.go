package edition

import "testing"

// A document's fingerprint changes with any of its values, its pictures' bytes included, ends on
// the model's cycles (an occurrence pointing back at its document), and takes another document
// by its path only.
func TestDocFingerprint(t *testing.T) {
	other := &Document{Path: "source/b.md", Title: []Inline{{Kind: Text, Text: "B"}}}
	make := func() *Document {
		d := &Document{Path: "source/a.md", Title: []Inline{{Kind: Text, Text: "A"}}}
		pic := &Picture{Path: "p.jpg", Data: []byte{1, 2, 3}}
		occ := &Occurrence{ID: "reg-x-1", Doc: d}
		occOther := &Occurrence{ID: "reg-x-2", Doc: other}
		d.Blocks = []Block{{Kind: Paragraph, Inlines: []Inline{
			{Kind: Text, Text: "text"}, {Kind: Image, Picture: pic}, {Kind: Indexed, Occurrence: occ}, {Kind: Indexed, Occurrence: occOther}}}}
		return d
	}
	base := DocFingerprint(make())
	if DocFingerprint(make()) != base {
		t.Fatal("two equal documents have different fingerprints")
	}
	for name, change := range map[string]func(d *Document){
		"a word":           func(d *Document) { d.Blocks[0].Inlines[0].Text = "texts" },
		"a picture's byte": func(d *Document) { d.Blocks[0].Inlines[1].Picture.Data[2] = 4 },
		"an occurrence":    func(d *Document) { d.Blocks[0].Inlines[2].Occurrence.ID = "reg-x-3" },
	} {
		d := make()
		change(d)
		if DocFingerprint(d) == base {
			t.Errorf("changing %s leaves the fingerprint", name)
		}
	}
	other.Title[0].Text = "B, retitled"
	if DocFingerprint(make()) != base {
		t.Error("another document's title is in the fingerprint: it should be taken by its path")
	}
}

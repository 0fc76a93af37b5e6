package edition

// Visitor is what a walk over the model calls: Block (may be nil) with each block before its
// inlines, Inline with each inline, which goes into the inline's children when it returns true.
type Visitor struct {
	Block  func(*Block)
	Inline func(*Inline) bool
}

// Parts are a document's lines outside its text: its title, dateline, salutation, signature,
// archival reference and endorsements.
func (d *Document) Parts() [][]Inline {
	return append([][]Inline{d.Title, d.Dateline, d.Salutation, d.Signature, d.Archive}, d.Endorsements...)
}

// Walk visits a document: its parts (Parts), then its text, then its notes (each in reading
// order).
func (d *Document) Walk(v Visitor) {
	for _, part := range d.Parts() {
		v.inlines(part)
	}
	v.blocks(d.Blocks)
	for _, n := range d.Notes {
		v.blocks(n.Blocks)
	}
}

// Walk visits everything of the edition that is set: the bibliography, each document (as
// Document.Walk) and the register's notes.
func (b *Book) Walk(v Visitor) {
	v.blocks(b.Bibliography)
	for _, d := range b.Documents {
		d.Walk(v)
	}
	if b.Register != nil {
		for _, e := range b.Register.Entries {
			v.inlines(e.Note)
		}
	}
}

func (v Visitor) blocks(bs []Block) {
	for i := range bs {
		if v.Block != nil {
			v.Block(&bs[i])
		}
		v.inlines(bs[i].Inlines)
		v.blocks(bs[i].Children)
	}
}

func (v Visitor) inlines(xs []Inline) {
	for i := range xs {
		if v.Inline(&xs[i]) {
			v.inlines(xs[i].Children)
		}
	}
}

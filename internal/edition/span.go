package edition

import "slices"

// Attr is what a bracketed span's braces say, `[text]{#id .class key=value}` (pandoc's syntax):
// an id, classes and key-value pairs, in the order written. The loader checks every one against
// the attributes colophon knows (internal/source/span.go); writers read only those.
type Attr struct {
	ID      string
	Classes []string
	Pairs   [][2]string // key, value
}

// HasClass reports whether the span has the class.
func (a *Attr) HasClass(name string) bool { return a != nil && slices.Contains(a.Classes, name) }

// Value is the value of key, and whether it is given.
func (a *Attr) Value(key string) (string, bool) {
	if a == nil {
		return "", false
	}
	for _, p := range a.Pairs {
		if p[0] == key {
			return p[1], true
		}
	}
	return "", false
}

// SmallCaps says whether a span sets its text in small capitals ([RGANI]{.smallcaps}).
func (a *Attr) SmallCaps() bool { return a.HasClass("smallcaps") }

// UsesSmallCaps says whether any text of the book is set in small capitals, so that the fonts
// keep their small capitals' glyphs.
func UsesSmallCaps(b *Book) bool {
	var in func([]Inline) bool
	in = func(xs []Inline) bool {
		for _, x := range xs {
			if (x.Kind == Span && x.Attr.SmallCaps()) || in(x.Children) {
				return true
			}
		}
		return false
	}
	var blocks func([]Block) bool
	blocks = func(bs []Block) bool {
		for _, bl := range bs {
			if in(bl.Inlines) || blocks(bl.Children) {
				return true
			}
		}
		return false
	}
	for _, d := range b.Documents {
		for _, part := range append([][]Inline{d.Title, d.Dateline, d.Salutation, d.Signature, d.Archive}, d.Endorsements...) {
			if in(part) {
				return true
			}
		}
		if blocks(d.Blocks) {
			return true
		}
		for _, n := range d.Notes {
			if blocks(n.Blocks) {
				return true
			}
		}
	}
	return false
}

package edition

import (
	"slices"
	"strings"
)

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

// SmallCapsText is the text of the book set in small capitals, every small-caps span's (the
// register's notes' too): the fonts keep the glyphs of its small capitals.
func SmallCapsText(b *Book) string {
	var out strings.Builder
	b.Walk(Visitor{Inline: func(x *Inline) bool {
		if x.Kind == Span && x.Attr.SmallCaps() {
			writePlain(&out, x.Children)
			return false
		}
		return true
	}})
	return out.String()
}

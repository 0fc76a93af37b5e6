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

// Package print holds what printing asks of a book: the trims its pages are cut to, and the
// print-on-demand services' rules for the printer's files (inside margins by page count, page
// limits, the cover's safety margin). book.yaml names them; source resolves each name once, into
// these values, and the typesetter, the covers, the preflight and the library records read the
// values, never the names.
package print

// Trim is the size a book's pages are cut to, in millimetres, with the name book.yaml gives it.
type Trim struct {
	Name string
	W, H float64
}

// The trims a book may be set at.
var (
	A5        = Trim{"a5", 148, 210}
	Royal     = Trim{"royal", 156, 234}
	SixByNine = Trim{"6x9in", 152.4, 228.6}
	Digest    = Trim{"5.5x8.5in", 139.7, 215.9}
	A4        = Trim{"a4", 210, 297}
	Letter    = Trim{"letter", 215.9, 279.4}
)

// Trims are the trims book.yaml's `trim:` names, by name.
var Trims = map[string]Trim{A5.Name: A5, Royal.Name: Royal, SixByNine.Name: SixByNine, Digest.Name: Digest, A4.Name: A4, Letter.Name: Letter}

// DefaultTrim is the trim of a book.yaml that names none.
var DefaultTrim = A5

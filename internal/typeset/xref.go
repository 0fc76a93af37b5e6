package typeset

import (
	"strconv"
	"strings"

	"colophon/internal/edition"
)

// Cross-references in print: each prints the page its target lands on in this book ("p. 12",
// "document 2, p. 12") and links there. The page comes from the book's own pagination, which the
// references' words change (a longer number can turn a line, and the line a page), so the book is
// set again with the pages the last setting gave until the pages every reference prints are the
// pages its target is on. That takes one pass more than a book without references, two at most
// in practice; should the pages not settle after xrefFixAfter passes (a reference whose number
// moves its own target back and forth), every reference is held at the width of the widest
// number of as many digits, so that its number no longer moves anything, and the next pass
// settles.

// xrefFixAfter is a variable for the test that holds the references at a fixed width early.
var xrefFixAfter = 4 // passes before the references are held at a fixed width

const xrefPasses = 7 // passes in all before the book gives up (it never has)

// xrefs is what the passes of one book know of its references' targets.
type xrefs struct {
	pages   map[string]int // anchor → page, from the last pass; nil before the first
	fixed   bool           // hold each reference at the width of the widest number
	digits  int            // of the widest number, when fixed
	anchors []string       // every anchor the book's references point to
	// docs are the documents that hold references: only they are set again between passes.
	docs []bool
}

// guessPage is the page a reference prints before the book has been paginated: a two-digit
// number, as most references' are, so that the second pass usually settles.
const guessPage = 10

func newXRefs(b *edition.Book, docs []int) *xrefs {
	x := &xrefs{docs: make([]bool, len(b.Documents))}
	seen := map[string]bool{}
	for _, i := range docs {
		for _, t := range b.Documents[i].XRefs() {
			x.docs[i] = true
			if a := TargetAnchor(t); !seen[a] {
				seen[a] = true
				x.anchors = append(x.anchors, a)
			}
		}
	}
	return x
}

// any says whether the book has references at all.
func (x *xrefs) any() bool { return x != nil && len(x.anchors) > 0 }

// resolver is what the Setter of a layout asks when it meets a reference: the words, the anchor
// and, when the references are held at a fixed width, the widest words they could be.
func (l *layout) resolver() func(*edition.Target) (string, string, string) {
	return func(t *edition.Target) (string, string, string) {
		a := TargetAnchor(t)
		page := guessPage
		if l.xr != nil && l.xr.pages != nil {
			page = l.xr.pages[a] // 0 when the target is not in this book: the words leave the page out
		}
		text := l.b.XRefText(l.doc, t, page)
		if page == 0 {
			a = "" // not in this book: nothing to link to
		}
		widest := ""
		if l.xr != nil && l.xr.fixed && page > 0 {
			widest = l.b.XRefText(l.doc, t, widestNumber(l.fonts, l.xr.digits))
		}
		return text, a, widest
	}
}

// widestNumber is the number of n digits that is widest in the regular face: its widest digit n
// times (a leading zero would not be a page number, but only its width counts).
func widestNumber(fonts *Fonts, n int) int {
	best, bestW := 9, 0.0
	for d := 1; d <= 9; d++ {
		if w := fonts.Face(Regular).Width(strconv.Itoa(d), 10); w > bestW {
			best, bestW = d, w
		}
	}
	v, _ := strconv.Atoi(strings.Repeat(strconv.Itoa(best), max(n, 1)))
	return v
}

// TargetAnchor is the name of the place a target is in a typeset book: a document's opening, a
// note's first line at the foot of its page, the line a span, a figure's caption or a table's
// caption begins on, a register entry's heading.
func TargetAnchor(t *edition.Target) string {
	switch t.Kind {
	case edition.TargetDocument:
		return DocAnchor(t.Doc)
	case edition.TargetNote:
		return NoteAnchor(t.Doc, t.Note.Number)
	case edition.TargetEntry:
		return EntryAnchor(t.ID)
	}
	return SpanAnchor(t.ID)
}

// SpanAnchor names the place of a span's id in print.
func SpanAnchor(id string) string { return "xref-" + id }

// EntryAnchor names a register entry's heading in print.
func EntryAnchor(id string) string { return "entry-" + id }

// AnchorPages are the pages the book's anchors are on: the first page each is on.
func (bk *Book) AnchorPages() map[string]int {
	out := map[string]int{}
	for _, p := range bk.Pages {
		for _, a := range p.Anchors {
			if _, ok := out[a.Name]; !ok {
				out[a.Name] = p.Number
			}
		}
	}
	return out
}

// TargetPage is the page a cross-reference's target is on in the book, 0 when it is not in it.
func (bk *Book) TargetPage(t *edition.Target) int {
	if bk.anchorPages == nil {
		bk.anchorPages = bk.AnchorPages()
	}
	return bk.anchorPages[TargetAnchor(t)]
}

// settled says whether the pages the last pass printed are the pages the targets are on now.
func (x *xrefs) settled(now map[string]int) bool {
	if x.pages == nil {
		return false
	}
	for _, a := range x.anchors {
		if x.pages[a] != now[a] {
			return false
		}
	}
	return true
}

// digitsOf is how many digits the book's largest page number has.
func digitsOf(pages int) int { return len(strconv.Itoa(max(pages, 1))) }

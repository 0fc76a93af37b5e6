package typeset

import "colophon/internal/edition"

// opening begins document i as book.yaml's openings asks: on a new recto (the default), on a new
// page, or, for "continuous", below the document before it after a space and a short centred rule
// (the first document still opens on a recto, after the contents). A continuous document's title
// keeps two lines of its text with it, and the rule stays with the title. It returns the space
// to sink the title by.
func (l *layout) opening(i int) float64 {
	g := l.g
	switch {
	case l.b.Openings == "any":
		l.list = append(l.list, vitem{newPage: true, doc: i})
	case l.b.Openings == "continuous" && i > 0:
		w := g.Measure / 5
		l.list = append(l.list, vitem{height: 2 * g.Leading, doc: i}, vitem{height: 2 * g.Leading, doc: i,
			rules: []Rule{{X: (g.Measure - w) / 2, Y: g.Leading, W: w, Thickness: 0.4}}})
		return 0
	default:
		l.list = append(l.list, vitem{newRecto: true, doc: i})
	}
	return 3 * g.Leading
}

// withoutNotes is inlines without their note references: a dateline in the contents.
func withoutNotes(in []edition.Inline) []edition.Inline {
	var out []edition.Inline
	for _, x := range in {
		if x.Kind == edition.NoteRef {
			continue
		}
		if len(x.Children) > 0 {
			x.Children = withoutNotes(x.Children)
		}
		out = append(out, x)
	}
	return out
}

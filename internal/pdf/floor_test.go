package pdf

import (
	"testing"

	"colophon/internal/testkit"
	"colophon/internal/typeset"
)

// BenchmarkEmptyDoc times the fixed cost of one PDF: three faces used, one short line each on one
// page, written out with its fonts, structure, metadata and output intent. The faces are
// prepared once per build (the first iteration), as in a real build.
func BenchmarkEmptyDoc(b *testing.B) {
	ed := testkit.Seed(b)
	fonts, err := typeset.NewFonts(ed.Fonts)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d := newDoc(ed, fonts, 420, 595, Meta{}, nil, nil)
		p := d.addPage()
		for _, st := range []typeset.Style{typeset.Regular, typeset.Italic, typeset.Bold} {
			d.text(p, st, 10, 50, 50, "Letter", fonts)
		}
		if _, err := d.finish(); err != nil {
			b.Fatal(err)
		}
	}
}

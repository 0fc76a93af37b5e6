package pdf

import (
	"testing"

	"colophon/internal/source"
	"colophon/internal/typeset"
)

// BenchmarkEmptyDoc times fpdf's fixed cost per PDF: three faces registered, one short line on one
// page, written out. No colophon drawing is involved beyond that line.
func BenchmarkEmptyDoc(b *testing.B) {
	ed, err := source.Load("../..", source.Options{})
	if err != nil {
		b.Fatal(err)
	}
	fonts, err := typeset.NewFonts(ed.Fonts)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d := newDoc(ed, fonts, 420, 595, Meta{})
		d.pdf.AddPage()
		for _, st := range []typeset.Style{typeset.Regular, typeset.Italic, typeset.Bold} {
			d.font(st, 10)
			d.pdf.Text(50, 50, "Letter")
		}
		if _, err := d.finish(); err != nil {
			b.Fatal(err)
		}
	}
}

package fontfile

import (
	"testing"

	"colophon/fonts"
)

// The edition's default faces pass.
func TestCheckDefaultFaces(t *testing.T) {
	for _, f := range [][]byte{fonts.Regular, fonts.Italic, fonts.Bold, fonts.BoldItalic} {
		if err := Check(f); err != nil {
			t.Error(err)
		}
	}
}

func BenchmarkCheck(b *testing.B) {
	for i := 0; i < b.N; i++ {
		Check(fonts.Regular)
	}
}

func BenchmarkCheckSmall(b *testing.B) {
	small, err := ForEPUB(fonts.Regular, []rune("Kommunist office fjord, 1956 — Ж"), "Regular", nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("%d bytes", len(small))
	for i := 0; i < b.N; i++ {
		Check(small)
	}
}

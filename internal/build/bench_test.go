package build

import (
	"testing"

	"colophon/internal/gen"
)

// BenchmarkBuildSeed is the whole build of the seed edition, every output, as `colophon build`.
func BenchmarkBuildSeed(b *testing.B) {
	out := b.TempDir()
	for i := 0; i < b.N; i++ {
		if _, err := Run(Options{Dir: "../..", Out: out}, All); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuild100 builds a generated edition of 100 documents.
func BenchmarkBuild100(b *testing.B) {
	dir := b.TempDir()
	if err := gen.Write(dir, 100, 1); err != nil {
		b.Fatal(err)
	}
	out := b.TempDir()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Run(Options{Dir: dir, Out: out}, All); err != nil {
			b.Fatal(err)
		}
	}
}

package build

import (
	"testing"

	"colophon/internal/testkit"
)

// BenchmarkBuildSeed is the whole build of the seed edition, every output, as `colophon build`.
func BenchmarkBuildSeed(b *testing.B) {
	dir, out := testkit.SeedDir(b), b.TempDir()
	for i := 0; i < b.N; i++ {
		if _, err := Run(Options{Dir: dir, Out: out}, All); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuild100 builds a generated edition of 100 documents.
func BenchmarkBuild100(b *testing.B) {
	dir, out := testkit.GeneratedDir(b, 100, 1), b.TempDir()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Run(Options{Dir: dir, Out: out}, All); err != nil {
			b.Fatal(err)
		}
	}
}

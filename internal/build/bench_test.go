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

// BenchmarkRebuild250 is colophon watch's rebuild of a 250-document edition after an edit to one
// document (each iteration edits it again), against the BenchmarkBuild100-style cold build the
// bench script compares it with.
func BenchmarkRebuild250(b *testing.B) {
	dir, out := testkit.Copy(b, testkit.GeneratedDir(b, 250, 1)), b.TempDir()
	_, k, err := run(Options{Dir: dir, Out: out}, All, &kept{})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		edit(b, dir)
		b.StartTimer()
		if _, k, err = run(Options{Dir: dir, Out: out}, All, k); err != nil {
			b.Fatal(err)
		}
	}
}

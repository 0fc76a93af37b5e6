package build

import (
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"colophon/internal/testkit"
)

// A build into the folder of the last one links the outputs whose bytes did not change to the
// last build's files instead of writing them again, and its outputs are a cold build's: after an
// edit to one document, the other document's outputs are the same files (inodes) and the edited
// one's are new. A file touched since the last build (its status-change time moved) is written
// again even with the same bytes, and --force, which does not check the folder, links nothing.
func TestUnchangedOutputsLinked(t *testing.T) {
	dir := testkit.Copy(t, testkit.SeedDir(t))
	out, cold := filepath.Join(t.TempDir(), "out"), filepath.Join(t.TempDir(), "cold")
	build := func(out string, force bool) {
		t.Helper()
		if _, err := Run(Options{Dir: dir, Out: out, Force: force}, All); err != nil {
			t.Fatal(err)
		}
	}
	inodes := func() map[string]uint64 {
		t.Helper()
		m := map[string]uint64{}
		filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			if rel, _ := filepath.Rel(out, p); filepath.Dir(rel) != cacheDir {
				info, _ := d.Info()
				m[filepath.ToSlash(rel)] = info.Sys().(*syscall.Stat_t).Ino
			}
			return nil
		})
		return m
	}
	build(out, false)
	first := inodes()
	const handout = "handouts/letter-against-criticism-a4.pdf" // the document not edited
	const other = "handouts/letter-from-gorky-a4.pdf"
	if first[handout] == 0 || first[other] == 0 {
		t.Fatalf("no %s or %s in the build: %v", handout, other, first)
	}
	edit(t, dir) // one document: letter-from-gorky, the second of the two
	touched := "handouts/letter-against-criticism-letter.pdf"
	if err := os.Chmod(filepath.Join(out, touched), 0o600); err != nil {
		t.Fatal(err)
	}
	build(out, false)
	second := inodes()
	build(cold, false)
	same(t, out, cold)
	if second[handout] != first[handout] {
		t.Errorf("%s, unchanged, was written again rather than linked", handout)
	}
	if second[other] == first[other] {
		t.Errorf("%s, whose document was edited, is the last build's file", other)
	}
	if second[touched] == first[touched] {
		t.Errorf("%s, touched since the last build, was linked", touched)
	}
	linked := 0
	for p, ino := range second {
		if first[p] == ino {
			linked++
		}
	}
	t.Logf("the second build linked %d of its %d files", linked, len(second))
	// The build after links again: the record was made anew once the last build's names were
	// removed (which moves the shared files' status-change times).
	build(out, false)
	third := inodes()
	if third[handout] != first[handout] {
		t.Errorf("%s was written again by the third build rather than linked", handout)
	}
	build(out, true)
	for p, ino := range inodes() {
		if second[p] == ino {
			t.Errorf("%s: linked by a build with --force", p)
		}
	}
}

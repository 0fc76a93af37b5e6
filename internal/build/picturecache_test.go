package build

import (
	"bytes"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"colophon/internal/testkit"
)

// What the printer's files make of the pictures is kept in build/.cache/pictures for the next
// build: the next build takes it (the same file, linked into its own folder, not made again) and
// its outputs are those of a build from scratch; a kept file that was damaged is made again, not
// printed; and a build by another version of colophon takes nothing another made. (The build
// whose outputs the others are held to keeps its own, under the test binary's digest.)
func TestPicturesKeptForTheNextBuild(t *testing.T) {
	dir := testkit.Copy(t, testkit.RichDir(t))
	out, cold := filepath.Join(t.TempDir(), "out"), filepath.Join(t.TempDir(), "cold")
	build := func(out, version string) {
		t.Helper()
		if _, _, err := run(Options{Dir: dir, Out: out, Only: []string{"print"}, version: version}, All, nil); err != nil {
			t.Fatal(err)
		}
	}
	kept := func() map[string]uint64 {
		t.Helper()
		m := map[string]uint64{}
		es, _ := os.ReadDir(filepath.Join(out, cacheDir, picturesDir))
		for _, e := range es {
			info, err := e.Info()
			if err != nil {
				t.Fatal(err)
			}
			m[e.Name()] = info.Sys().(*syscall.Stat_t).Ino
		}
		return m
	}
	build(out, "one")
	first := kept()
	// The rich edition's colour facsimile and its two PNGs are separated for the press.
	if len(first) == 0 {
		t.Fatal("the first build kept no picture")
	}
	build(out, "one")
	second := kept()
	for name, ino := range first {
		if second[name] != ino {
			t.Errorf("%s was made again, not taken from the last build", name)
		}
	}
	if len(second) != len(first) {
		t.Errorf("the second build kept %d pictures, the first %d", len(second), len(first))
	}
	build(cold, "")
	same(t, out, cold)
	if es, _ := os.ReadDir(filepath.Join(cold, cacheDir, picturesDir)); len(es) != len(first) {
		t.Errorf("a build named by the binary's digest kept %d pictures, want %d", len(es), len(first))
	}

	// A kept file cut short, or with a byte of its image dictionary changed, is not taken: the
	// build makes the picture again, and its outputs are still a cold build's.
	dictChanged := false
	for name := range second {
		p := filepath.Join(out, cacheDir, picturesDir, name)
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		damaged := data[:len(data)-100]
		if !dictChanged {
			damaged = bytes.Replace(data, []byte("/Width "), []byte("/Width 1"), 1)
			dictChanged = !bytes.Equal(damaged, data)
		}
		os.Remove(p) // a new file, not the one the last build's folder shares
		if err := os.WriteFile(p, damaged, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if !dictChanged {
		t.Fatal("no kept picture with a /Width to change")
	}
	damaged := kept()
	build(out, "one")
	same(t, out, cold)
	for name, ino := range kept() {
		if ino == damaged[name] {
			t.Errorf("%s: the damaged file was taken", name)
		}
	}

	// Another version names its files otherwise: it takes none of these, and they are gone after it.
	build(out, "two")
	for name := range kept() {
		if _, ok := second[name]; ok {
			t.Errorf("%s: kept under another version's name", name)
		}
	}
	if len(kept()) != len(first) {
		t.Errorf("after another version's build %d pictures are kept, want %d", len(kept()), len(first))
	}
	same(t, out, cold)
}

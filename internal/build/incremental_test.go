package build

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"colophon/internal/testkit"
)

// An edit to one document, rebuilt by a process that kept the last build (colophon watch,
// serve), sets only that document again — once at each page geometry — and gives the outputs a
// build from scratch gives, byte for byte: on the seed (whose documents hold cross-references,
// always set again), the rich edition and 250 generated documents (the writers that read the
// typeset books and the handouts only: the book, the booklets, the handouts and the printer's
// files). The handouts of the documents not edited are the last build's.
func TestIncrementalRebuildIsAColdBuild(t *testing.T) {
	for _, e := range []struct {
		name string
		dir  string
		only []string
	}{
		{"seed", testkit.SeedDir(t), nil},
		{"rich", testkit.RichDir(t), nil},
		{"250 documents", testkit.GeneratedDir(t, 250, 1), []string{"pdf", "handouts", "print"}},
	} {
		t.Run(e.name, func(t *testing.T) {
			dir := testkit.Copy(t, e.dir)
			warm, cold := filepath.Join(t.TempDir(), "warm"), filepath.Join(t.TempDir(), "cold")
			_, k, err := run(Options{Dir: dir, Out: warm, Only: e.only}, All, &kept{})
			if err != nil {
				t.Fatal(err)
			}
			setFirst, takenFirst := k.docs.Counts()
			edit(t, dir)
			_, k, err = run(Options{Dir: dir, Out: warm, Only: e.only}, All, k)
			if err != nil {
				t.Fatal(err)
			}
			set, taken := k.docs.Counts()
			if _, err := Run(Options{Dir: dir, Out: cold, Only: e.only}, All); err != nil {
				t.Fatal(err)
			}
			same(t, warm, cold)
			// The first build set every document the cache keeps once per page geometry; the
			// rebuild sets the edited one per geometry, and takes the rest. Either build may also
			// take documents for a book at a geometry another book had, and how many depends on
			// which of the writers, running side by side, asks first: in the whole package's run,
			// with the validators' processes beside it, the seed's builds took 0 or 1 such
			// document from one run to the next. So the rebuild must take at least every
			// document it did not set, not an exact count.
			if set == 0 || setFirst%set != 0 || taken < setFirst-set {
				t.Errorf("the rebuild set %d documents and took %d; the first build set %d and took %d", set, taken, setFirst, takenFirst)
			}
			t.Logf("the first build set %d documents and took %d; the rebuild set %d and took %d", setFirst, takenFirst, set, taken)
			if e.name == "250 documents" && k.handouts.taken != 249 {
				t.Errorf("the rebuild took the handouts of %d documents, want 249", k.handouts.taken)
			}
			// Most pages of every PDF draw as they did: their compressed content is taken.
			pagesTaken, pagesMade := k.pdf.PageCounts()
			t.Logf("the rebuild took %d pages' compressed content and compressed %d", pagesTaken, pagesMade)
			if pagesTaken <= pagesMade {
				t.Errorf("the rebuild took %d pages' compressed content and compressed %d", pagesTaken, pagesMade)
			}
			// The preflight takes the findings of the printer's pages that are as they were (the
			// cold build's, which checked every page, found the same: none).
			t.Logf("the rebuild's preflight took %d pages from the last build's", k.checked.Replayed())
			if k.checked.Replayed() == 0 {
				t.Errorf("the rebuild's preflight checked every page again")
			}
		})
	}
}

// edit adds a word between two words in the second half of the source of the edition's middle
// document (by name) of those that hold no cross-reference: longer, so that its lines and
// perhaps its pages change.
func edit(t testing.TB, dir string) {
	t.Helper()
	var docs []string
	filepath.WalkDir(filepath.Join(dir, "source"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") {
			if data, _ := os.ReadFile(p); !bytes.Contains(data, []byte("[#")) {
				docs = append(docs, p)
			}
		}
		return nil
	})
	sort.Strings(docs)
	if len(docs) == 0 {
		t.Fatal("no document without cross-references to edit")
	}
	p := docs[len(docs)/2]
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	half := len(data) / 2
	loc := regexp.MustCompile(`\pL \pL`).FindIndex(data[half:])
	if loc == nil {
		t.Fatalf("%s: no two words to put one between", p)
	}
	at := half + loc[0] + len(string([]rune(string(data[half+loc[0]:]))[:1])) + 1
	edited := append(append(append([]byte(nil), data[:at]...), []byte("edited ")...), data[at:]...)
	if err := os.WriteFile(p, edited, 0o644); err != nil {
		t.Fatal(err)
	}
}

// same compares two output folders file by file, build/.cache aside.
func same(t *testing.T, a, b string) {
	t.Helper()
	files := func(root string) map[string][]byte {
		m := map[string][]byte{}
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			if d.IsDir() {
				if rel == cacheDir {
					return filepath.SkipDir
				}
				return nil
			}
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			m[rel] = data
			return nil
		})
		return m
	}
	fa, fb := files(a), files(b)
	if len(fa) != len(fb) {
		t.Errorf("%d files against %d", len(fa), len(fb))
	}
	var differ []string
	for p, da := range fa {
		if db, ok := fb[p]; !ok || !bytes.Equal(da, db) {
			differ = append(differ, p)
		}
	}
	sort.Strings(differ)
	if len(differ) > 0 {
		t.Errorf("the rebuild differs from a build from scratch in %d files: %v", len(differ), differ)
	}
}

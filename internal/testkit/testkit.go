// Package testkit gives the tests their editions, each written and loaded once per test binary:
//   - the seed: the two letters, a copy of the edition as source/ held it when the copy was made,
//     kept here so that editing the repository's edition never changes what the tests expect
//     (CI checks the edition itself with colophon check);
//   - the rich edition (every construct of the source format) and the edition in four languages,
//     from internal/gen;
//   - generated editions of any number of documents (internal/gen, as colophon generate writes).
//
// The folders are written under one temporary folder that Main removes when the tests end: a
// package whose tests use the kit runs them with
//
//	func TestMain(m *testing.M) { testkit.Main(m) }
//
// The models the kit loads are shared by every test of the binary: a test that changes one loads
// its own with Load, and a test that changes the sources copies the folder with Copy.
package testkit

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"colophon/internal/edition"
	"colophon/internal/gen"
	"colophon/internal/source"
)

//go:embed seed/*
var seed embed.FS

//go:embed received/two-letters-kommunist-1956.txt
var received string

var (
	mu   sync.Mutex
	root string // the folder every edition is written under
	made = map[any]*entry{}
)

type entry struct {
	once sync.Once
	v    any
	err  error
}

// Main runs the tests and then removes the editions' folder; then, when given, runs the package's
// own clean-ups.
func Main(m *testing.M, cleanups ...func()) {
	code := m.Run()
	for _, c := range cleanups {
		c()
	}
	mu.Lock()
	if root != "" {
		os.RemoveAll(root)
	}
	mu.Unlock()
	os.Exit(code)
}

// Once returns the value make returns for key, made once per test binary however many tests ask
// (a typeset book, a PDF): for what many tests read and none changes. key is any comparable value;
// a type of the package's own keeps keys from meeting.
func Once[T any](t testing.TB, key any, make func() (T, error)) T {
	t.Helper()
	mu.Lock()
	e, ok := made[key]
	if !ok {
		e = &entry{}
		made[key] = e
	}
	mu.Unlock()
	e.once.Do(func() { e.v, e.err = make() })
	if e.err != nil {
		t.Fatalf("%v: %v", key, e.err)
	}
	return e.v.(T)
}

// folder is a new folder under the kit's root.
func folder(name string) (string, error) {
	mu.Lock()
	defer mu.Unlock()
	if root == "" {
		r, err := os.MkdirTemp("", "colophon-testkit-")
		if err != nil {
			return "", err
		}
		root = r
	}
	dir := filepath.Join(root, name)
	return dir, os.MkdirAll(dir, 0o755)
}

type folderKey struct{ name string }

// Folder is a folder of the given name that lasts as long as the test binary: for files that
// many tests read (a PDF made once, with Once).
func Folder(t testing.TB, name string) string {
	t.Helper()
	return Once(t, folderKey{name}, func() (string, error) { return folder("files/" + name) })
}

type dirKey struct {
	name string
	docs int
	seed int64
}

// project writes a project once, by write, and returns its folder.
func project(t testing.TB, k dirKey, write func(dir string) error) string {
	t.Helper()
	return Once(t, k, func() (string, error) {
		dir, err := folder(fmt.Sprintf("%s-%d-%d", k.name, k.docs, k.seed))
		if err != nil {
			return "", err
		}
		return dir, write(dir)
	})
}

// SeedDir is the seed edition's project folder.
func SeedDir(t testing.TB) string {
	return project(t, dirKey{name: "seed"}, func(dir string) error {
		sub, err := fs.Sub(seed, "seed")
		if err != nil {
			return err
		}
		return os.CopyFS(filepath.Join(dir, "source"), sub)
	})
}

// RichDir is the rich edition's project folder: every block and inline, every apparatus field,
// a Russian document, an ISBN for each edition, royal trim, and pictures.
func RichDir(t testing.TB) string { return project(t, dirKey{name: "rich"}, gen.WriteRich) }

// LanguagesDir is the edition in four languages by several hands (mixed credits).
func LanguagesDir(t testing.TB) string {
	return project(t, dirKey{name: "languages"}, gen.WriteLanguages)
}

// GeneratedDir is a generated edition of docs documents from the generator's seed.
func GeneratedDir(t testing.TB, docs int, seed int64) string {
	return project(t, dirKey{"generated", docs, seed}, func(dir string) error { return gen.Write(dir, docs, seed) })
}

// GeneratedRegisterDir is a generated edition with a register of the names the generator uses
// (gen.WriteRegister).
func GeneratedRegisterDir(t testing.TB, docs int, seed int64) string {
	return project(t, dirKey{"generated-register", docs, seed}, func(dir string) error {
		if err := gen.Write(dir, docs, seed); err != nil {
			return err
		}
		return gen.WriteRegister(dir)
	})
}

// GeneratedRegister is that edition's model, shared: do not change it.
func GeneratedRegister(t testing.TB, docs int, seed int64) *edition.Book {
	return load(t, GeneratedRegisterDir(t, docs, seed))
}

type modelKey struct{ dir string }

// load loads a project once per test binary.
func load(t testing.TB, dir string) *edition.Book {
	t.Helper()
	return Once(t, modelKey{dir}, func() (*edition.Book, error) {
		b, _, err := source.Load(dir, source.Options{})
		return b, err
	})
}

// Seed is the seed edition's model, shared: do not change it.
func Seed(t testing.TB) *edition.Book { return load(t, SeedDir(t)) }

// Rich is the rich edition's model, shared: do not change it.
func Rich(t testing.TB) *edition.Book { return load(t, RichDir(t)) }

// Languages is the four-language edition's model, shared: do not change it.
func Languages(t testing.TB) *edition.Book { return load(t, LanguagesDir(t)) }

// Generated is a generated edition's model, shared: do not change it.
func Generated(t testing.TB, docs int, seed int64) *edition.Book {
	return load(t, GeneratedDir(t, docs, seed))
}

// Load loads a project afresh: a model of the test's own, to change.
func Load(t testing.TB, dir string) *edition.Book {
	t.Helper()
	b, _, err := source.Load(dir, source.Options{})
	if err != nil {
		t.Fatalf("%s: %v", dir, err)
	}
	return b
}

// Copy copies a project folder into a new temporary folder of the test's, for a test that changes
// the sources.
func Copy(t testing.TB, dir string) string {
	t.Helper()
	to := t.TempDir()
	if err := os.CopyFS(to, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	return to
}

// SeedAsReceived is the text of the two letters as the publisher received it, before it was
// transcribed into Markdown: what the seed's documents are compared with.
func SeedAsReceived() string { return received }

// SeedAsEdited is the text as received with what the edition adds to it: the cross-reference of
// the first letter's note to the second letter, "See the following document (document 2, p. 11).",
// its words given as the output under test prints them (xref).
func SeedAsEdited(xref string) string {
	return strings.Replace(received, "See the following document.", "See the following document ("+xref+").", 1)
}

package build

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"colophon/internal/print"
	"colophon/internal/typeset"
)

// A typeset book is shared while some writer holds it, and let go when none does.
func TestSharedBookIsHeldWeakly(t *testing.T) {
	s := newResources(nil, nil)
	made := 0
	set := func() (*typeset.Book, error) {
		made++
		return &typeset.Book{Pages: make([]*typeset.Page, 1000)}, nil
	}
	a, _ := s.book(bookKey{print.A5, 0}, set)
	b, _ := s.book(bookKey{print.A5, 0}, set)
	if a != b || made != 1 {
		t.Fatalf("while held: same book %v, made %d times", a == b, made)
	}
	a, b = nil, nil // nothing holds the book now
	runtime.GC()
	runtime.GC()
	if _, err := s.book(bookKey{print.A5, 0}, set); err != nil || made != 2 {
		t.Errorf("after it was let go: made %d times, want 2 (the first was still held)", made)
	}
}

// A writer that runs after the others sees every file they wrote, by path, and the one after it
// sees its files too; the writers without After run before any with it, and those with it side
// by side.
func TestAfterWriters(t *testing.T) {
	dir := project(t)
	put := func(path string) func(*Resources, *Files) error {
		return func(_ *Resources, files *Files) error { return files.Put(Output{Path: path, Data: []byte(path)}) }
	}
	var seen [2][]string
	// The writers after the others run side by side: the first waits until the second has
	// started, and the second then waits in Before for the first.
	started := make(chan struct{})
	after := func(k int, path string) func(*Resources, *Files) error {
		return func(r *Resources, files *Files) error {
			if k == 0 {
				select {
				case <-started:
				case <-time.After(20 * time.Second):
					return errors.New("the second writer after the others did not start while the first ran")
				}
			} else {
				close(started)
			}
			for _, o := range files.Before() {
				if o.Size == 0 || o.SHA256 == "" || o.Data != nil {
					return fmt.Errorf("%s is listed before it was written", o.Path)
				}
				seen[k] = append(seen[k], o.Path)
			}
			return files.Put(Output{Path: path, Data: []byte(path)})
		}
	}
	ws := []Writer{
		{Name: "first", After: true, Write: after(0, "x/first.txt")},
		{Name: "b", Write: put("b.txt")},
		{Name: "second", After: true, Write: after(1, "y/second.txt")},
		{Name: "a", Write: put("a.txt")},
	}
	if _, err := Run(Options{Dir: dir}, ws); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(seen[0], " "); got != "a.txt b.txt" {
		t.Errorf("the first writer after the others saw %q, want a.txt b.txt", got)
	}
	if got := strings.Join(seen[1], " "); got != "a.txt b.txt x/first.txt" {
		t.Errorf("the second saw %q, want a.txt b.txt x/first.txt", got)
	}
}

package build

import (
	"runtime"
	"testing"

	"colophon/internal/typeset"
)

// A typeset book is shared while some writer holds it, and let go when none does.
func TestSharedBookIsHeldWeakly(t *testing.T) {
	s := newShared(nil, nil)
	made := 0
	set := func() (*typeset.Book, error) {
		made++
		return &typeset.Book{Pages: make([]*typeset.Page, 1000)}, nil
	}
	a, _ := s.book("k", set)
	b, _ := s.book("k", set)
	if a != b || made != 1 {
		t.Fatalf("while held: same book %v, made %d times", a == b, made)
	}
	a, b = nil, nil // nothing holds the book now
	runtime.GC()
	runtime.GC()
	if _, err := s.book("k", set); err != nil || made != 2 {
		t.Errorf("after it was let go: made %d times, want 2 (the first was still held)", made)
	}
}

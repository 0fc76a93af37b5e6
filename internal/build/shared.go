package build

import (
	"sync"

	"colophon/internal/edition"
)

// Shared holds results that more than one writer needs, computed once by whichever asks first
// (the typeset book is read by the PDF writer, the EPUB's page-list and the library records).
type Shared struct {
	Book  *edition.Book
	mu    sync.Mutex
	items map[string]*sharedItem
}

type sharedItem struct {
	once sync.Once
	val  any
	err  error
}

func newShared(b *edition.Book) *Shared { return &Shared{Book: b, items: map[string]*sharedItem{}} }

// Once returns the value made by make for key, calling make at most once per build.
func (s *Shared) Once(key string, make func() (any, error)) (any, error) {
	s.mu.Lock()
	it, ok := s.items[key]
	if !ok {
		it = &sharedItem{}
		s.items[key] = it
	}
	s.mu.Unlock()
	it.once.Do(func() { it.val, it.err = make() })
	return it.val, it.err
}

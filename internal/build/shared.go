package build

import (
	"sync"
	"weak"

	"colophon/internal/edition"
	"colophon/internal/typeset"
)

// Shared holds results that more than one writer needs, computed once by whichever asks first
// (the typeset book is read by the PDF writer, the EPUB's page-list and the library records).
type Shared struct {
	Book  *edition.Book
	mu    sync.Mutex
	items map[string]*sharedItem
	stage *stage
	// outs are the outputs writers handed to Emit, by writer kind.
	outs map[string][]Output
	// books are the typeset books, held weakly (see typesetAt).
	books map[string]*bookEntry
}

type bookEntry struct {
	mu   sync.Mutex
	book weak.Pointer[typeset.Book]
}

type sharedItem struct {
	once sync.Once
	val  any
	err  error
}

func newShared(b *edition.Book, st *stage) *Shared {
	return &Shared{Book: b, items: map[string]*sharedItem{}, stage: st, outs: map[string][]Output{}, books: map[string]*bookEntry{}}
}

// Warn records a finding that does not stop the build; the build's result lists it.
func (s *Shared) Warn(d edition.Diagnostic) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.Book.Warnings = append(s.Book.Warnings, d)
}

// Emit writes one output of the writer kind into the new build folder at once, for writers that
// make many files and should not hold them all. It may be called from several goroutines.
func (s *Shared) Emit(kind string, o Output) error {
	if err := s.stage.put(&o); err != nil {
		return err
	}
	s.mu.Lock()
	s.outs[kind] = append(s.outs[kind], o)
	s.mu.Unlock()
	return nil
}

// emitted returns what a writer kind handed to Emit.
func (s *Shared) emitted(kind string) []Output {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.outs[kind]
}

// Once returns the value made by make for key, calling make at most once per build.
func (s *Shared) Once(key string, make func() (any, error)) (any, error) {
	it := entry(&s.mu, s.items, key)
	it.once.Do(func() { it.val, it.err = make() })
	return it.val, it.err
}

// book returns the typeset book for key: the one a writer still holds, or a new one from make.
// Callers asking at the same time wait for one make.
func (s *Shared) book(key string, make func() (*typeset.Book, error)) (*typeset.Book, error) {
	e := entry(&s.mu, s.books, key)
	e.mu.Lock()
	defer e.mu.Unlock()
	if bk := e.book.Value(); bk != nil {
		return bk, nil
	}
	bk, err := make()
	if err != nil {
		return nil, err
	}
	e.book = weak.Make(bk)
	return bk, nil
}

// entry returns m's entry for key, adding an empty one if there is none.
func entry[T any](mu *sync.Mutex, m map[string]*T, key string) *T {
	mu.Lock()
	defer mu.Unlock()
	e, ok := m[key]
	if !ok {
		e = new(T)
		m[key] = e
	}
	return e
}

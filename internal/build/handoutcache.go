package build

import (
	"crypto/sha256"
	"sync"

	"colophon/internal/edition"
)

// handoutCache keeps each document's handouts between the builds of colophon watch and serve: a
// handout is one document's, so after an edit to one document of 250 the other 249 documents'
// handouts are the last build's bytes. They are taken again only when everything they are made
// from is the same: the document's fingerprint and the book's (typeset.DocCache.Fingerprints),
// its place and the number of documents, and the characters of the whole edition, which the
// fonts embedded in every PDF are cut to. A document that holds cross-references is made again
// (its words name other documents).
type handoutCache struct {
	mu         sync.Mutex
	last, this map[handoutKey][]Output
	chars      *[sha256.Size]byte // the edition's characters, once per build
	taken      int                // documents whose handouts were taken, for the tests
}

type handoutKey struct {
	doc, book, chars [sha256.Size]byte
	index, docs      int
}

func newHandoutCache(last *handoutCache) *handoutCache {
	c := &handoutCache{this: map[handoutKey][]Output{}}
	if last != nil {
		c.last = last.this
	}
	return c
}

// key is document i's; ok is false for a document the cache does not keep.
func (c *handoutCache) key(r *Resources, i int) (handoutKey, bool) {
	b := r.Edition
	if len(b.Documents[i].XRefs()) > 0 {
		return handoutKey{}, false
	}
	c.mu.Lock()
	if c.chars == nil {
		// The code's characters too: the monospace face is cut to them, and a character can
		// move into code without the edition's characters changing.
		h := sha256.Sum256([]byte(string(edition.Runes(b)) + "\x00" + edition.SmallCapsText(b) + "\x00" + string(edition.CodeRunes(b))))
		c.chars = &h
	}
	chars := *c.chars
	c.mu.Unlock()
	doc, book := r.docs.Fingerprints(b, i)
	return handoutKey{doc: doc, book: book, chars: chars, index: i, docs: len(b.Documents)}, true
}

// take returns the handouts made for k before; nil when there are none.
func (c *handoutCache) take(k handoutKey) []Output {
	c.mu.Lock()
	defer c.mu.Unlock()
	outs, ok := c.last[k]
	if ok {
		c.this[k] = outs
		c.taken++
	}
	return outs
}

func (c *handoutCache) put(k handoutKey, outs []Output) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.this[k] = outs
}

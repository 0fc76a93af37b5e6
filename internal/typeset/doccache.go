package typeset

import (
	"crypto/sha256"
	"sync"

	"colophon/internal/edition"
)

// DocCache keeps documents as a book set them — each document's vertical list of lines, notes
// and structure — for the next build in the same process: colophon watch and serve rebuild after
// every edit, and an edit to one document of 250 then sets that document again and takes the
// other 249 as the last build set them. Pages are made again from the lists (so page numbers,
// the contents, running heads and everything that reads them are those of the new pages), and
// a document that holds cross-references is always set again (its words are the pages of other
// documents). A document is taken again only when what it is set from is the same: its
// fingerprint (edition.DocFingerprint: all of its model, its pictures' bytes included), the
// book's (edition.BookFingerprint: book.yaml's settings and the fonts' bytes), its place in the
// book and the page geometry. Within one build the books set at one geometry share the
// documents' lines too.
//
// A cache holds the lines of every book it served, so one-shot builds do not use it: they let
// each book go when its last writer is done (Resources.BookAt).
type DocCache struct {
	mu         sync.Mutex
	last, this map[docKey]*layout
	prints     map[*edition.Document][sha256.Size]byte
	book       *edition.Book
	bookPrint  [sha256.Size]byte
	set, taken int
}

type docKey struct {
	doc, book [sha256.Size]byte
	index     int
	g         Geometry
}

// NewDocCache starts a build's cache from the last build's (nil: none). The last build's
// documents this build does not ask for are let go with the last cache.
func NewDocCache(last *DocCache) *DocCache {
	c := &DocCache{this: map[docKey]*layout{}, prints: map[*edition.Document][sha256.Size]byte{}}
	if last != nil {
		c.last = last.this
	}
	return c
}

// Counts are how many documents this build set and how many it took from the cache.
func (c *DocCache) Counts() (set, taken int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.set, c.taken
}

// key is document i's of book b at geometry g. Fingerprints are made once per build.
func (c *DocCache) key(b *edition.Book, i int, g Geometry) docKey {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.book != b {
		c.book, c.bookPrint = b, edition.BookFingerprint(b)
	}
	d := b.Documents[i]
	fp, ok := c.prints[d]
	if !ok {
		c.mu.Unlock()
		fp = edition.DocFingerprint(d)
		c.mu.Lock()
		c.prints[d] = fp
	}
	return docKey{doc: fp, book: c.bookPrint, index: i, g: g}
}

// Fingerprints are document i's fingerprint and the book's, made once per build, for other
// outputs of one document kept between builds (the handouts).
func (c *DocCache) Fingerprints(b *edition.Book, i int) (doc, book [sha256.Size]byte) {
	k := c.key(b, i, Geometry{})
	return k.doc, k.book
}

// take returns the document set for k before, in this build or the last; nil when there is none.
func (c *DocCache) take(k docKey) *layout {
	c.mu.Lock()
	defer c.mu.Unlock()
	if sub, ok := c.this[k]; ok {
		c.taken++
		return sub
	}
	if sub, ok := c.last[k]; ok {
		c.this[k] = sub
		c.taken++
		return sub
	}
	return nil
}

// put keeps a document just set.
func (c *DocCache) put(k docKey, sub *layout) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.this[k] = sub
	c.set++
}

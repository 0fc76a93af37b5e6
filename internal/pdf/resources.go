package pdf

import (
	"crypto/sha256"
	"sync"

	"colophon/internal/edition"
	"colophon/internal/typeset"
)

// Resources are what the PDFs of one build share: the edition's faces, cut and prepared once
// (fonts.go), and the figures' pictures, prepared once per kind of PDF (picture.go). A build makes
// one and hands it to every PDF it draws; it is let go with the build, so two builds in one
// process (colophon watch, tests) never see each other's.
type Resources struct {
	b *edition.Book

	mu    sync.Mutex
	faces map[*typeset.Fonts]*faces

	pictures map[pictureKey]*pictureEntry
	// digests are the pictures' SHA-256s by path, each taken once a build for both kinds of PDF.
	digests map[string]*digestEntry
	// last are the pictures the build before this one prepared, by content, and this the ones
	// this build prepared or took from last: colophon watch rebuilds after every edit, and
	// separating twenty scans for a printer's file should not be paid again for an edit to the text.
	last, this map[contentKey]*xobject
	// Store, when not nil, keeps what a printer's file makes of pictures between builds run one
	// after the other (build/.cache/pictures): set before the first PDF is drawn.
	Store Store

	// KeepPages, set before the first PDF is drawn by a build that keeps its resources for the
	// next (colophon watch), keeps each page's compressed content by the digest of what was
	// drawn: after an edit most pages of every PDF draw as they did, and the rebuild takes their
	// compressed streams instead of deflating them again. A one-shot build keeps none (holding
	// every PDF's pages to the end would raise its peak).
	KeepPages             bool
	lastPages, pages      map[[sha256.Size]byte][]byte
	pagesTaken, pagesMade int
}

// deflatePage compresses a page's content, or takes what the last build made of the same bytes.
func (r *Resources) deflatePage(raw []byte) []byte {
	if !r.KeepPages {
		return deflateFast(raw)
	}
	sum := sha256.Sum256(raw)
	r.mu.Lock()
	z, ok := r.lastPages[sum]
	if !ok {
		z, ok = r.pages[sum]
	}
	r.mu.Unlock()
	if !ok {
		z = deflateFast(raw)
	}
	r.mu.Lock()
	if r.pages == nil {
		r.pages = map[[sha256.Size]byte][]byte{}
	}
	r.pages[sum] = z
	if ok {
		r.pagesTaken++
	} else {
		r.pagesMade++
	}
	r.mu.Unlock()
	return z
}

// PageCounts says how many pages' compressed content this build took from the last and how many
// it compressed (for the tests).
func (r *Resources) PageCounts() (taken, made int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.pagesTaken, r.pagesMade
}

// NewResources returns the resources of a build of the edition. previous, when not nil, is the
// last build's: the pictures it prepared are taken again where their bytes are the same.
func NewResources(b *edition.Book, previous *Resources) *Resources {
	r := &Resources{b: b, faces: map[*typeset.Fonts]*faces{}, pictures: map[pictureKey]*pictureEntry{}, digests: map[string]*digestEntry{}, this: map[contentKey]*xobject{}}
	if previous != nil {
		previous.mu.Lock()
		r.last = previous.this
		r.lastPages = previous.pages
		previous.mu.Unlock()
	}
	return r
}

// Prepare starts preparing the edition's regular, italic and bold faces of fonts, each on a
// goroutine of its own, once per set of fonts. A face is cut to the edition's characters, not to
// what a PDF draws, so it can be made while the book is being set, and the first PDF drawn
// finds it ready: in the seed's book PDF alone this was a fifth of the time, after the book was
// set. Bold italic, which few editions use, is left to its first use; a face prepared and not
// drawn is not in any PDF.
func (r *Resources) Prepare(fonts *typeset.Fonts) {
	s := r.facesFor(fonts)
	s.prepare.Do(func() {
		for _, st := range []typeset.Style{typeset.Regular, typeset.Italic, typeset.Bold} {
			go func() { _, _ = s.get(st) }() // an error is kept for the PDF that draws with it
		}
	})
}

// facesFor returns the faces of a set of fonts; every PDF of the build drawn with them shares them.
func (r *Resources) facesFor(fonts *typeset.Fonts) *faces {
	r.mu.Lock()
	defer r.mu.Unlock()
	s, ok := r.faces[fonts]
	if !ok {
		n := fonts.Styles()
		s = &faces{fonts: fonts, b: r.b, once: make([]sync.Once, n), f: make([]*face, n), err: make([]error, n)}
		r.faces[fonts] = s
	}
	return s
}

package pdf

import (
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
	// last are the pictures the build before this one prepared, by content, and this the ones
	// this build prepared or took from last: colophon watch rebuilds after every edit, and
	// separating twenty scans for a printer's file should not be paid again for an edit to the text.
	last, this map[contentKey]*xobject
	// Store, when not nil, keeps what a printer's file makes of pictures between builds run one
	// after the other (build/.cache/pictures): set before the first PDF is drawn.
	Store Store
}

// NewResources returns the resources of a build of the edition. previous, when not nil, is the
// last build's: the pictures it prepared are taken again where their bytes are the same.
func NewResources(b *edition.Book, previous *Resources) *Resources {
	r := &Resources{b: b, faces: map[*typeset.Fonts]*faces{}, pictures: map[pictureKey]*pictureEntry{}, this: map[contentKey]*xobject{}}
	if previous != nil {
		previous.mu.Lock()
		r.last = previous.this
		previous.mu.Unlock()
	}
	return r
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

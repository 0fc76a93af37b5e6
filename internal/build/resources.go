package build

import (
	"sort"
	"sync"
	"sync/atomic"
	"weak"

	"colophon/internal/cover"
	"colophon/internal/edition"
	"colophon/internal/html"
	"colophon/internal/pdf"
	"colophon/internal/preflight"
	"colophon/internal/print"
	"colophon/internal/typeset"
)

// Resources are one build's: the edition model, and the work more than one writer needs, each
// piece made once by whichever writer asks first — the faces read for typesetting, the
// hyphenators, the typeset books, the cover image, the book's facts, and the PDF layer's prepared
// faces and pictures. A build makes one and lets it go when it ends, so two builds in one process
// (colophon watch, the tests) share nothing.
type Resources struct {
	Edition *edition.Book

	hyph *typeset.Hyphenators
	pdf  *pdf.Resources
	docs *typeset.DocCache // nil in a one-shot build
	// handouts are the documents' handouts kept between builds (handoutcache.go); nil in a
	// one-shot build.
	handouts *handoutCache
	// checked is the preflight's memo of the pages it has checked (preflight.Memo), kept
	// between builds as docs is; nil in a one-shot build.
	checked *preflight.Memo
	fonts   once[*typeset.Fonts]
	cover   once[*cover.Image]
	facts   once[*bookFacts]

	mu       sync.Mutex
	books    map[bookKey]*bookEntry
	faces    map[[4]bool]*once[*html.Faces] // HTMLFaces's, by the faces used
	warnings edition.Diagnostics
	// written are the outputs of the writers that have finished, for the writers that run after
	// them (Writer.After).
	written []Output
	// checks are the checks still running on outputs already written (Later); the build waits
	// for them before it puts its outputs in place.
	checks []*check
}

// check is one Later's.
type check struct {
	done chan struct{}
	err  error
}

// newResources makes a build's resources. last, when not nil, is what the previous build in this
// process kept (run): the pictures it prepared are taken again where their bytes have not
// changed, and the documents it set where their sources have not.
func newResources(b *edition.Book, last *kept) *Resources {
	r := &Resources{Edition: b, hyph: typeset.NewHyphenators(), books: map[bookKey]*bookEntry{}, faces: map[[4]bool]*once[*html.Faces]{}}
	var lastPDF *pdf.Resources
	if last != nil {
		lastPDF = last.pdf
		r.docs = typeset.NewDocCache(last.docs)
		r.handouts = newHandoutCache(last.handouts)
		r.checked = preflight.NewMemo(last.checked)
	}
	r.pdf = pdf.NewResources(b, lastPDF)
	r.pdf.KeepPages = last != nil
	return r
}

// kept is what this build keeps for the next in the process; nil when it keeps nothing.
func (r *Resources) kept() *kept {
	if r.docs == nil {
		return nil
	}
	return &kept{pdf: r.pdf, docs: r.docs, handouts: r.handouts, checked: r.checked}
}

// DocCache is the typeset documents kept between builds (colophon watch, serve); nil in a
// one-shot build.
func (r *Resources) DocCache() *typeset.DocCache { return r.docs }

// once is a value made at most once, by the first caller.
type once[T any] struct {
	once sync.Once
	v    T
	err  error
	made atomic.Bool
}

func (o *once[T]) get(make func() (T, error)) (T, error) {
	o.once.Do(func() { o.v, o.err = make(); o.made.Store(true) })
	return o.v, o.err
}

// fontsErr is the error of a face the build read on first use and could not (typeset.Fonts.Err):
// text was set in a stand-in, and the build must fail.
func (r *Resources) fontsErr() error {
	if !r.fonts.made.Load() || r.fonts.v == nil {
		return nil
	}
	return r.fonts.v.Err()
}

// Fonts are the edition's faces read once for every typeset book and handout, so that their
// width caches and the PDF font subsets made from them are made once.
func (r *Resources) Fonts() (*typeset.Fonts, error) {
	return r.fonts.get(func() (*typeset.Fonts, error) { return typeset.NewFonts(r.Edition.Fonts) })
}

// Hyphenators are the build's, one per language with its memo.
func (r *Resources) Hyphenators() *typeset.Hyphenators { return r.hyph }

// PDF is what every PDF of the build shares: prepared faces and pictures.
func (r *Resources) PDF() *pdf.Resources { return r.pdf }

// Cover is the ebook cover image, made once and shared by the EPUB, the OPDS feed and the print
// covers.
func (r *Resources) Cover() (*cover.Image, error) {
	return r.cover.get(func() (*cover.Image, error) { return cover.Make(r.Edition) })
}

// bookKey names a typeset book by what it is set for.
type bookKey struct {
	trim    print.Trim
	bleedMM float64
}

type bookEntry struct {
	mu   sync.Mutex
	book weak.Pointer[typeset.Book]
}

// PrintBook is the book set at the edition's trim and bleed: the PDF draws it, and the EPUB's
// page-list, the cover's spine and the library records' page counts read its facts.
func (r *Resources) PrintBook() (*typeset.Book, error) {
	b := r.Edition
	return r.BookAt(b.Print.Trim, b.Print.BleedMM)
}

// BookAt is the book set at a trim and bleed. A set book is large (a 1,000-document edition's
// lines take about 100 MB), so it is held weakly: writers that draw it at the same time share
// one, and it is let go when the last of them is done. One asked for again after that is set
// again (the same pages: typesetting is deterministic); the writers are arranged so that this
// does not happen in a full build.
func (r *Resources) BookAt(trim print.Trim, bleedMM float64) (*typeset.Book, error) {
	return r.book(bookKey{trim, bleedMM}, func() (*typeset.Book, error) {
		fonts, err := r.Fonts()
		if err != nil {
			return nil, err
		}
		r.pdf.Prepare(fonts)
		b := r.Edition
		return typeset.Typeset(b, typeset.Options{Trim: trim, BleedMM: bleedMM, FontSize: b.Print.FontSize, Fonts: fonts, Hyphenators: r.hyph, Cache: r.docs})
	})
}

// book returns the typeset book for key: the one a writer still holds, or a new one from make.
// Callers asking at the same time wait for one make.
func (r *Resources) book(key bookKey, make func() (*typeset.Book, error)) (*typeset.Book, error) {
	r.mu.Lock()
	e, ok := r.books[key]
	if !ok {
		e = &bookEntry{}
		r.books[key] = e
	}
	r.mu.Unlock()
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

// bookFacts are what the EPUB, the covers and the records need of the book at the edition's trim:
// its number of pages and where each page begins in the text. They are kept for the whole build.
type bookFacts struct {
	Pages   int // the typeset pages
	Printed int // the pages the printer prints: Pages padded as the print service asks
	PageMap []typeset.PageStart
	// Targets are the pages the cross-references' targets are on.
	Targets map[*edition.Target]int
}

// TargetPage is the page of the print book a cross-reference's target is on, 0 for none.
func (f *bookFacts) TargetPage(t *edition.Target) int { return f.Targets[t] }

// HTMLFaces are the edition's faces cut for an HTML edition, cut once a build for each set of
// faces used (html.CutFaces): the EPUB and the web edition most often ship the same ones, and
// cutting them was a tenth of the seed's build.
func (r *Resources) HTMLFaces(used [4]bool) (*html.Faces, error) {
	r.mu.Lock()
	o, ok := r.faces[used]
	if !ok {
		o = &once[*html.Faces]{}
		r.faces[used] = o
	}
	r.mu.Unlock()
	return o.get(func() (*html.Faces, error) { return html.CutFaces(r.Edition, used) })
}

// coverAndFacts are the cover and the print book's facts, which the covers show (the EPUB asks
// for them side by side, with its fonts: writeEPUB).
func (r *Resources) coverAndFacts() (*cover.Image, *bookFacts, error) {
	img, err := r.Cover()
	if err != nil {
		return nil, nil, err
	}
	facts, err := r.Facts()
	return img, facts, err
}

// Facts are the print book's facts, read from it once.
func (r *Resources) Facts() (*bookFacts, error) {
	return r.facts.get(func() (*bookFacts, error) {
		bk, err := r.PrintBook()
		if err != nil {
			return nil, err
		}
		targets := map[*edition.Target]int{}
		for _, d := range r.Edition.Documents {
			for _, t := range d.XRefs() {
				targets[t] = bk.TargetPage(t)
			}
		}
		return &bookFacts{Pages: len(bk.Pages), Printed: r.Edition.Print.Service.Padded(len(bk.Pages)), PageMap: bk.PageMap(), Targets: targets}, nil
	})
}

// Later runs a check of outputs already written beside the writers that come after, on the core
// they leave free: the printer's preflight reads a 4,000-page interior on one core for two
// seconds while the library records and the web edition are made on the other. The build fails,
// and its outputs are not put in place, when the check fails; it waits for every check before
// its manifest is written, and reports the first failure in the order the checks were begun.
func (r *Resources) Later(stage string, fn func() error) {
	c := &check{done: make(chan struct{})}
	r.mu.Lock()
	r.checks = append(r.checks, c)
	r.mu.Unlock()
	go func() {
		defer close(c.done)
		c.err = guard(stage, fn)
	}()
}

// waitChecks waits for the checks begun by Later and returns the first one's error.
func (r *Resources) waitChecks() error {
	r.mu.Lock()
	checks := r.checks
	r.mu.Unlock()
	var first error
	for _, c := range checks {
		<-c.done
		if c.err != nil && first == nil {
			first = c.err
		}
	}
	return first
}

// Warn records a finding that does not stop the build; the build's result lists it.
func (r *Resources) Warn(d edition.Diagnostic) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.warnings = append(r.warnings, d)
}

// Written are the outputs of the writers finished so far, by path. A writer that runs after the
// others finds there every output of the writers that ran side by side before it; what the
// writers after the others made before it, it asks of Files.Before, which waits for them.
func (r *Resources) Written() []Output {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Output(nil), r.written...)
}

// wrote adds finished writers' outputs to Written.
func (r *Resources) wrote(outs []Output) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.written = append(r.written, outs...)
	sort.Slice(r.written, func(i, j int) bool { return r.written[i].Path < r.written[j].Path })
}

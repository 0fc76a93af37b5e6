// Package build runs the pipeline: load and check the sources, run every writer, and put the
// outputs in place as a whole, with a manifest and checksums. It is the only package that writes
// to the output folder.
package build

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"colophon/internal/edition"
	"colophon/internal/pdf"
	"colophon/internal/preflight"
	"colophon/internal/source"
	"colophon/internal/typeset"
)

// Output is one file a writer made, with its path relative to the output folder.
type Output struct {
	Path      string
	MediaType string
	Data      []byte
	// Parts, instead of Data, hold a large output in pieces written one after the other (a PDF
	// whose pictures are shared with the build's other PDFs: pdf.File).
	Parts [][]byte
	Pages int // for PDFs; 0 otherwise
	// Extra is recorded in the manifest as is (the wrap cover's dimensions, for example).
	Extra map[string]any
	// Note is added to the output's progress line.
	Note string
	// Size and SHA256 are recorded when the output is written into the new build folder, and Data
	// is let go then: writers after that (the library records) read these.
	Size   int
	SHA256 string
	// Link, instead of Data, names an output already written whose bytes this one repeats (the
	// bag's payload): it is written as a hard link.
	Link string
}

// Options control one build.
type Options struct {
	Dir             string   // the project folder
	Out             string   // output folder; relative paths are taken from Dir; default "build"
	Only            []string // output kinds to build; empty means all
	SourceDateEpoch string
	Bleed           string    // --bleed: overrides book.yaml's bleed, e.g. "3mm"; "" keeps it
	Progress        io.Writer // one line per output written; nil for none
	// Force replaces an output folder that holds files colophon did not write (checkOwned).
	Force bool
	// failAfter, when set by tests, makes the build fail after that many outputs, to prove that a
	// failed build leaves the previous output untouched.
	failAfter int
	// version, when set by tests, stands for colophon's code in the names of the pictures kept
	// in build/.cache (picturecache.go: the binary's digest otherwise), to show that another
	// version's are not taken.
	version string
}

// Result is what a build wrote.
type Result struct {
	Out      string // the output folder, absolute
	Outputs  []Output
	Warnings edition.Diagnostics // findings that did not stop the build
}

// Run builds the edition. Content errors come back as edition.Diagnostics.
func Run(opt Options, writers []Writer) (*Result, error) {
	res, _, err := run(opt, writers, nil)
	return res, err
}

// kept is what one build in a process (colophon watch, serve) keeps for the next: the PDF
// resources, whose prepared pictures are taken again where their bytes have not changed, the
// typeset documents (typeset.DocCache) and the documents' handouts (handoutcache.go).
type kept struct {
	pdf      *pdf.Resources
	docs     *typeset.DocCache
	handouts *handoutCache
	checked  *preflight.Memo
	// tidied is closed once the build's previous output folder is removed (stage.commit's
	// tidy, run beside what follows the build); nil when there was nothing to wait for.
	tidied chan struct{}
}

// waitTidied waits for the tidying of the build that kept k, if any.
func (k *kept) waitTidied() {
	if k != nil && k.tidied != nil {
		<-k.tidied
	}
}

// run builds the edition with the writers. last, when not nil, is what the previous build in
// this process kept (colophon watch), and then this build keeps what it makes for the next and
// returns it; nil (colophon build) keeps nothing.
func run(opt Options, writers []Writer, last *kept) (*Result, *kept, error) {
	for _, k := range opt.Only {
		if !slices.Contains(names(writers), k) {
			return nil, nil, UsageError{fmt.Sprintf("--only: unknown output %q; choose from %s", k, strings.Join(names(writers), ","))}
		}
	}
	b, warnings, err := Load(opt)
	last.waitTidied() // the last build's tidying, which went on while the sources were read
	if err != nil {
		return nil, nil, err
	}
	out, err := outFolder(b.Dir, opt.Out)
	if err != nil {
		return nil, nil, err
	}
	shown := shownOut(b.Dir, out)
	if !opt.Force {
		if err := checkOwned(out, shown); err != nil {
			return nil, nil, err
		}
	}
	known := listNames(out)
	var chosen []Writer
	for _, w := range writers {
		if len(opt.Only) == 0 || slices.Contains(opt.Only, w.Name) {
			chosen = append(chosen, w)
		}
	}
	st, err := newStage(out)
	if err != nil {
		return nil, nil, err
	}
	st.failAfter = opt.failAfter
	if !opt.Force {
		st.keepLast() // the folder is colophon's (checkOwned): unchanged outputs are linked
	}
	r := newResources(b, last)
	// The book's hyphenation patterns are read while the faces are: every typeset book needs
	// both, neither needs the other, and reading the patterns was a tenth of the seed's book.
	go r.hyph.For(b.Language)
	r.pdf.Store = newPictureStore(out, st.dir, opt.version)
	outputs, err := runWriters(r, chosen, opt, st)
	if err == nil {
		err = r.fontsErr()
	}
	if err == nil {
		var ms []Output
		err = guard("writing the manifest", func() error { ms = manifestOutputs(b, outputs); return nil })
		for _, m := range ms {
			if err = st.put(&m); err != nil {
				break
			}
			outputs = append(outputs, m)
		}
	}
	if err == nil {
		err = recordFiles(st.dir)
	}
	if err == nil && !opt.Force {
		err = newForeign(out, shown, known)
	}
	if err != nil {
		st.abort()
		return nil, r.kept(), err
	}
	tidy, err := st.commit()
	if err != nil {
		return nil, r.kept(), err
	}
	k := r.kept()
	if k == nil {
		if err := tidy(); err != nil {
			return nil, nil, err
		}
	} else {
		// In watch the previous build is removed while the next edit is waited for: the new
		// one is in place, and removing 2,000 files and recording them again was a twentieth
		// of a 250-document rebuild. The next build waits for it before it reads the folder.
		k.tidied = make(chan struct{})
		go func() {
			defer close(k.tidied)
			tidy() // a folder left over is removed by the next build (cleanStale)
		}()
	}
	return &Result{Out: out, Outputs: outputs, Warnings: append(warnings, r.warnings...).Sorted()}, k, nil
}

// Load reads the edition as check and build both see it: the sources read and checked
// (source.Load), the command's options laid over book.yaml's (--bleed), and the findings that
// need the whole model (a picture that would print below 300 ppi). Content errors come back as
// edition.Diagnostics, a bad option as a UsageError; the warnings, which stop nothing, are
// returned for the caller to print.
func Load(opt Options) (*edition.Book, edition.Diagnostics, error) {
	bleed := -1.0
	if opt.Bleed != "" {
		mm, err := source.ParseLength(opt.Bleed)
		if err != nil || mm < 0 || mm > 10 {
			why := ""
			if errors.Is(err, source.ErrNoUnit) {
				why = " (it has no unit)"
			}
			return nil, nil, UsageError{fmt.Sprintf("--bleed %q must be a length from 0 to 10 mm with its unit, such as 3mm or 0.125in%s", opt.Bleed, why)}
		}
		bleed = mm
	}
	var b *edition.Book
	var warnings edition.Diagnostics
	err := guard("checking the sources in "+opt.Dir, func() (err error) {
		b, warnings, err = source.Load(opt.Dir, source.Options{SourceDateEpoch: opt.SourceDateEpoch})
		if err == nil {
			warnings = append(warnings, typeset.Resolution(b)...)
		}
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	if bleed >= 0 {
		b.Print.BleedMM = bleed
	}
	return b, warnings.Sorted(), nil
}

// UsageError is a mistake in how colophon was called (exit status 2), not in the sources.
type UsageError struct{ Msg string }

func (e UsageError) Error() string { return e.Msg }

// runWriters runs the writers on both cores, then the writers that come after them one by one,
// each output written into the stage as it comes. The outputs are listed by path, so that nothing
// depends on which writer finished first.
func runWriters(r *Resources, writers []Writer, opt Options, st *stage) ([]Output, error) {
	type result struct {
		outs []Output
		err  error
		took time.Duration
	}
	write := func(w Writer, before func() []Output) result {
		start := time.Now()
		files := &Files{stage: st, before: before}
		err := guard("making the "+w.Name+" outputs of "+r.Edition.Dir, func() error { return w.Write(r, files) })
		if err != nil {
			err = fmt.Errorf("%s: %w", w.Name, err)
		}
		return result{files.all(), err, time.Since(start)}
	}
	progress := func(w Writer, res result) {
		if opt.Progress == nil {
			return
		}
		if w.Folder != "" {
			total := 0
			for _, o := range res.outs {
				total += o.Size
			}
			fmt.Fprintf(opt.Progress, "wrote %s (%d files, %s, %s, %d ms)\n", w.Folder, len(res.outs), size(total), w.Name, res.took.Milliseconds())
			return
		}
		for _, o := range res.outs {
			if o.Link != "" {
				continue // the bag's copies of outputs already listed
			}
			note := ""
			if o.Note != "" {
				note = ": " + o.Note
			}
			fmt.Fprintf(opt.Progress, "wrote %s (%s, %s, %d ms)%s\n", o.Path, size(o.Size), w.Name, res.took.Milliseconds(), note)
		}
	}
	results := make([]result, len(writers))
	var wg sync.WaitGroup
	for i, w := range writers {
		if w.After {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = write(w, nil)
		}()
	}
	wg.Wait()
	var errs []error
	for i, res := range results {
		if writers[i].After {
			continue
		}
		if res.err != nil {
			errs = append(errs, res.err)
			continue
		}
		sort.Slice(res.outs, func(i, j int) bool { return res.outs[i].Path < res.outs[j].Path })
		progress(writers[i], res)
		r.wrote(res.outs)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	// The writers after the others run side by side too, each one's Before waiting for those
	// before it; what each made is added to Written in their order.
	first := r.Written()
	done := make([]chan struct{}, len(writers))
	for i, w := range writers {
		if !w.After {
			continue
		}
		var earlier []int
		for j := range i {
			if writers[j].After {
				earlier = append(earlier, j)
			}
		}
		before := func() []Output {
			outs := slices.Clone(first)
			for _, j := range earlier {
				<-done[j]
				outs = append(outs, results[j].outs...)
			}
			sort.Slice(outs, func(i, j int) bool { return outs[i].Path < outs[j].Path })
			return outs
		}
		done[i] = make(chan struct{})
		go func() {
			defer close(done[i])
			results[i] = write(w, before)
		}()
	}
	for i, w := range writers {
		if !w.After {
			continue
		}
		<-done[i]
		if res := results[i]; res.err != nil {
			errs = append(errs, res.err)
		} else if len(errs) == 0 {
			progress(w, res)
			r.wrote(res.outs)
		}
	}
	if len(errs) > 0 {
		r.waitChecks() // nothing may still be reading the stage when it is removed
		return nil, errors.Join(errs...)
	}
	if err := r.waitChecks(); err != nil {
		return nil, err
	}
	return r.Written(), nil
}

func size(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

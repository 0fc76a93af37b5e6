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

// Writer makes the outputs of one kind from the model. Writers never see Markdown, and they are
// independent of each other except through Shared, which holds work several of them need (the
// typeset book that the EPUB's page-list and the library records read). A writer returns its
// outputs; one that makes many (the handouts) hands each to Shared.Emit as soon as it is made
// instead, so that a large edition's files are never all held in memory.
type Writer struct {
	Kind  string // the name --only uses: epub, pdf, handouts, covers, library
	Write func(b *edition.Book, s *Shared) ([]Output, error)
	// Final, instead of Write, runs after every other writer with their outputs: the library
	// records list the files' sizes and checksums, and the bag holds them all.
	Final func(b *edition.Book, s *Shared, outs []Output) ([]Output, error)
	// Folder, when set, is the folder all of the writer's outputs go in (the web edition's
	// web/): its progress is one line for the folder, not one per file.
	Folder string
}

// Kinds are the output kinds --only accepts, in build order.
var Kinds = []string{"epub", "pdf", "handouts", "covers", "print", "library", "web"}

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
}

// Result is what a build wrote.
type Result struct {
	Out      string // the output folder, absolute
	Outputs  []Output
	Warnings edition.Diagnostics // findings that did not stop the build
}

// Run builds the edition. Content errors come back as edition.Diagnostics.
func Run(opt Options, writers []Writer) (*Result, error) {
	for _, k := range opt.Only {
		if !slices.Contains(Kinds, k) {
			return nil, UsageError{fmt.Sprintf("--only: unknown output %q; choose from %s", k, strings.Join(Kinds, ","))}
		}
	}
	bleed := -1.0
	if opt.Bleed != "" {
		mm, err := source.ParseLength(opt.Bleed)
		if err != nil || mm < 0 || mm > 10 {
			why := ""
			if errors.Is(err, source.ErrNoUnit) {
				why = " (it has no unit)"
			}
			return nil, UsageError{fmt.Sprintf("--bleed %q must be a length from 0 to 10 mm with its unit, such as 3mm or 0.125in%s", opt.Bleed, why)}
		}
		bleed = mm
	}
	var b *edition.Book
	err := guard("checking the sources in "+opt.Dir, func() (err error) {
		b, err = source.Load(opt.Dir, source.Options{SourceDateEpoch: opt.SourceDateEpoch})
		if err == nil {
			b.Warnings = append(b.Warnings, typeset.Resolution(b)...)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	if bleed >= 0 {
		b.Print.BleedMM = bleed
	}
	out, err := outFolder(b.Dir, opt.Out)
	if err != nil {
		return nil, err
	}
	shown := shownOut(b.Dir, out)
	if !opt.Force {
		if err := checkOwned(out, shown); err != nil {
			return nil, err
		}
	}
	known := listNames(out)
	var chosen []Writer
	for _, w := range writers {
		if len(opt.Only) == 0 || slices.Contains(opt.Only, w.Kind) {
			chosen = append(chosen, w)
		}
	}
	st, err := newStage(out)
	if err != nil {
		return nil, err
	}
	st.failAfter = opt.failAfter
	outputs, err := runWriters(b, chosen, opt, st)
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
	if err == nil && !opt.Force {
		err = newForeign(out, shown, known)
	}
	if err != nil {
		st.abort()
		return nil, err
	}
	if err := st.commit(); err != nil {
		return nil, err
	}
	return &Result{Out: out, Outputs: outputs, Warnings: b.Warnings.Sorted()}, nil
}

// UsageError is a mistake in how colophon was called (exit status 2), not in the sources.
type UsageError struct{ Msg string }

func (e UsageError) Error() string { return e.Msg }

// runWriters runs the writers on both cores, writing each output into the stage as it comes. The
// outputs are listed by path, so that nothing depends on which writer finished first.
func runWriters(b *edition.Book, writers []Writer, opt Options, st *stage) ([]Output, error) {
	shared := newShared(b, st)
	type result struct {
		outs []Output
		err  error
		took time.Duration
	}
	results := make([]result, len(writers))
	var wg sync.WaitGroup
	for i, w := range writers {
		if w.Write == nil {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			start := time.Now()
			var outs []Output
			err := guard("making the "+w.Kind+" outputs of "+b.Dir, func() (err error) {
				outs, err = w.Write(b, shared)
				return err
			})
			for k := 0; err == nil && k < len(outs); k++ {
				err = st.put(&outs[k])
			}
			if err == nil {
				outs = append(outs, shared.emitted(w.Kind)...)
			}
			if err != nil {
				err = fmt.Errorf("%s: %w", w.Kind, err)
			}
			results[i] = result{outs, err, time.Since(start)}
		}()
	}
	wg.Wait()
	// Outputs are collected by the kind the writer gave Emit; one under a kind that no writer of
	// this build has would be written but left out of the manifest and the bag.
	for kind := range shared.outs {
		if !slices.ContainsFunc(writers, func(w Writer) bool { return w.Kind == kind && w.Write != nil }) {
			return nil, fmt.Errorf("outputs were handed to Emit as %q, which is no writer of this build", kind)
		}
	}
	var all []Output
	var errs []error
	for i, r := range results {
		if r.err != nil {
			errs = append(errs, r.err)
			continue
		}
		sort.Slice(r.outs, func(i, j int) bool { return r.outs[i].Path < r.outs[j].Path })
		for _, o := range r.outs {
			all = append(all, o)
			if opt.Progress != nil {
				note := ""
				if o.Note != "" {
					note = ": " + o.Note
				}
				fmt.Fprintf(opt.Progress, "wrote %s (%s, %s, %d ms)%s\n", o.Path, size(o.Size), writers[i].Kind, r.took.Milliseconds(), note)
			}
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].Path < all[j].Path })
	for _, w := range writers {
		if w.Final == nil {
			continue
		}
		start := time.Now()
		var outs []Output
		err := guard("making the "+w.Kind+" outputs of "+b.Dir, func() (err error) {
			outs, err = w.Final(b, shared, all)
			return err
		})
		for k := 0; err == nil && k < len(outs); k++ {
			err = st.put(&outs[k])
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", w.Kind, err)
		}
		if w.Folder != "" && opt.Progress != nil {
			total := 0
			for _, o := range outs {
				total += o.Size
			}
			fmt.Fprintf(opt.Progress, "wrote %s (%d files, %s, %s, %d ms)\n", w.Folder, len(outs), size(total), w.Kind, time.Since(start).Milliseconds())
		}
		for _, o := range outs {
			if opt.Progress != nil && o.Link == "" && w.Folder == "" {
				note := ""
				if o.Note != "" {
					note = ": " + o.Note
				}
				fmt.Fprintf(opt.Progress, "wrote %s (%s, %s, %d ms)%s\n", o.Path, size(o.Size), w.Kind, time.Since(start).Milliseconds(), note)
			}
		}
		all = append(all, outs...)
		sort.Slice(all, func(i, j int) bool { return all[i].Path < all[j].Path })
	}
	return all, nil
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

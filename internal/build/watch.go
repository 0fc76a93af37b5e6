package build

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"colophon/internal/edition"
)

// Debounce is how long Watch waits after the last change before it rebuilds: an editor's save is
// often several writes, and a folder copied in is many.
const Debounce = 300 * time.Millisecond

// Watch builds, then rebuilds whenever anything in the project changes — source/, fonts/, covers/
// and wherever the edition keeps its images — but the output folder, until ctx ends. Each line it
// prints starts with the time. Successful builds are reported to progress (nil for none); problems
// to report, and they never end the watch; a failed build leaves the last good output in place,
// as every build does. built, when not nil, is told of every build's result (colophon serve
// reloads its pages, or shows the build's problems, from it).
func Watch(ctx context.Context, opt Options, writers []Writer, progress, report io.Writer, built func(*Result, error)) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	abs, err := filepath.Abs(opt.Dir)
	if err != nil {
		return err
	}
	out := opt.Out
	if out == "" {
		out = "build"
	}
	if !filepath.IsAbs(out) {
		out = filepath.Join(abs, out)
	}
	// ignored says whether a folder is none of the edition's: the output and the unfinished
	// folders beside it (watching them would rebuild forever), version control, hidden folders
	// and installed packages.
	ignored := func(p string) bool {
		if p == out || strings.HasPrefix(p, out+string(filepath.Separator)) {
			return true
		}
		base := filepath.Base(p)
		return p != abs && (strings.HasPrefix(base, ".") || base == "node_modules")
	}
	watched := 0
	add := func(root string) {
		_ = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err != nil || !d.IsDir() {
				return nil
			}
			if ignored(p) {
				return filepath.SkipDir
			}
			if w.Add(p) == nil {
				watched++
			}
			return nil
		})
	}
	if _, err := os.Stat(filepath.Join(abs, "source")); err != nil {
		return fmt.Errorf("%s is not a colophon project: it has no source folder (colophon init %s makes a new edition there)", abs, opt.Dir)
	}
	add(abs)
	say := func(to io.Writer, format string, args ...any) {
		if to != nil {
			fmt.Fprintf(to, time.Now().Format("15:04:05")+" "+format+"\n", args...)
		}
	}
	// The pictures the last build prepared are kept for the next, by their content: separating a
	// scan for the printer's file takes a tenth of a second, and an edit to the text changes none.
	// The documents the last build set are kept too (typeset.DocCache): an edit to one document
	// sets only that one again.
	last := &kept{}
	defer func() { last.waitTidied() }() // the last build's old folder is gone before watch returns
	limit := debug.SetMemoryLimit(-1)
	build := func() {
		start := time.Now()
		res, k, err := run(opt, writers, last)
		if k != nil {
			last = k
		}
		var ds edition.Diagnostics
		var ff ForeignFiles
		switch {
		case errors.As(err, &ff):
			for _, line := range strings.Split(ff.Error(), "\n") {
				say(report, "%s", strings.TrimPrefix(line, "colophon: "))
			}
		case errors.As(err, &ds):
			sorted := ds.Sorted()
			for _, d := range sorted {
				say(report, "%s", d.String())
			}
			problems := "problems"
			if len(sorted) == 1 {
				problems = "problem"
			}
			say(report, "watch: %d %s; the output folder keeps the last good build", len(sorted), problems)
		case err != nil:
			say(report, "watch: build failed: %v", err)
		default:
			for _, w := range res.Warnings {
				say(report, "%s", w.String())
			}
			say(progress, "watch: built %d files in %d ms", len(res.Outputs), time.Since(start).Milliseconds())
		}
		if k != nil {
			makeRoomFor(limit)
		}
		if built != nil {
			built(res, err)
		}
	}
	build()
	var timer <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if ignored(filepath.Dir(ev.Name)) || ignored(ev.Name) {
				continue
			}
			// New folders are watched too, so files put in them later are seen.
			if ev.Op&fsnotify.Create != 0 {
				if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
					add(ev.Name)
				}
			}
			timer = time.After(Debounce)
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			say(report, "watch: %v", err)
		case <-timer:
			timer = nil
			build()
		}
	}
}

// makeRoomFor raises the memory limit a build ran under (limit; colophon's commands set it from
// the sources' size) by what watch keeps for the next build, which stays live through it: the
// documents set and the handouts made. Under the limit for one build alone the collector ran
// almost without pause while a 250-document edition was set again, and a one-document rebuild
// took 5.4 s instead of 3.2 s. A collection first, between builds while nothing else runs, so
// that what is live is only what is kept. No limit (math.MaxInt64) stays none.
func makeRoomFor(limit int64) {
	if limit == math.MaxInt64 {
		return
	}
	runtime.GC()
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(live)
	if live[0].Value.Kind() == metrics.KindUint64 {
		debug.SetMemoryLimit(limit + int64(live[0].Value.Uint64()))
	}
}

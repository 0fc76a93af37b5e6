package build

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"

	"colophon/internal/edition"
)

// Debounce is how long Watch waits after the last change before it rebuilds: an editor's save is
// often several writes, and a folder copied in is many.
const Debounce = 300 * time.Millisecond

// Watch builds, then rebuilds whenever anything under source/, fonts/ or covers/ changes, until
// ctx ends. Problems are reported to report and never end the watch; a failed build leaves the
// last good output in place, as every build does.
func Watch(ctx context.Context, opt Options, writers []Writer, report io.Writer) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	abs, err := filepath.Abs(opt.Dir)
	if err != nil {
		return err
	}
	watched := 0
	for _, dir := range []string{"source", "fonts", "covers"} {
		root := filepath.Join(abs, dir)
		_ = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				if w.Add(p) == nil {
					watched++
				}
			}
			return nil
		})
	}
	if watched == 0 {
		return fmt.Errorf("%s has no source, fonts or covers folder to watch", opt.Dir)
	}
	build := func() {
		start := time.Now()
		res, err := Run(opt, writers)
		var ds edition.Diagnostics
		switch {
		case errors.As(err, &ds):
			for _, d := range ds.Sorted() {
				fmt.Fprintln(report, d.String())
			}
			fmt.Fprintf(report, "watch: %d problems; build/ keeps the last good build\n", len(ds.Sorted()))
		case err != nil:
			fmt.Fprintf(report, "watch: build failed: %v\n", err)
		default:
			fmt.Fprintf(report, "watch: built %d files in %d ms\n", len(res.Outputs), time.Since(start).Milliseconds())
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
			// New folders are watched too, so files put in them later are seen.
			if ev.Op&fsnotify.Create != 0 {
				if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
					_ = w.Add(ev.Name)
				}
			}
			timer = time.After(Debounce)
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			fmt.Fprintf(report, "watch: %v\n", err)
		case <-timer:
			timer = nil
			build()
		}
	}
}

package build

import (
	"fmt"
	"runtime"
	"strings"
)

// Each stage that runs on the user's input — loading and checking the sources, each writer, the
// records and the manifest — recovers a panic at one boundary here and turns it into an error:
// exit 1, the stage's unfinished build folder removed (Run aborts the stage on any error), and a
// report naming what the stage was working on. This is a net, not the proof: the fuzz targets and
// the hostile-input corpus (cmd/colophon/hostile_test.go) show that no input reaches it, and the
// corpus fails on its "internal error" as on a panic.

// InternalError is a panic recovered at a stage's boundary: a bug in colophon.
type InternalError struct {
	Stage string // what was being done, and on what input
	Value any    // what panicked
	Where string // the function and line that panicked
}

func (e *InternalError) Error() string {
	return fmt.Sprintf("internal error while %s: %v (at %s); this is a bug in colophon: please report it with the sources that made it", e.Stage, e.Value, e.Where)
}

// guard runs fn, returning a panic inside it as an *InternalError for the stage.
func guard(stage string, fn func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &InternalError{Stage: stage, Value: r, Where: panicSite()}
		}
	}()
	return fn()
}

// panicSite is the first frame of colophon's own code (or of a library) below the runtime's
// panic machinery: where a report of the bug should point.
func panicSite() string {
	pc := make([]uintptr, 32)
	n := runtime.Callers(3, pc)
	frames := runtime.CallersFrames(pc[:n])
	for {
		f, more := frames.Next()
		if !strings.HasPrefix(f.Function, "runtime.") && !strings.Contains(f.Function, "internal/build.guard") {
			return fmt.Sprintf("%s:%d", f.File[strings.LastIndex(f.File, "/")+1:], f.Line)
		}
		if !more {
			return "?"
		}
	}
}

package build

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A writer that panics fails the build with exit 1's error, naming what it was making and where
// it panicked; the unfinished build folder is removed and the previous build stays.
func TestPanicInAWriterIsAnError(t *testing.T) {
	dir := project(t)
	if _, err := Run(Options{Dir: dir}, fake); err != nil {
		t.Fatal(err)
	}
	before := read(t, filepath.Join(dir, "build", "SHA256SUMS"))
	boom := []Writer{{Name: "pdf", Write: func(*Resources, *Files) error {
		var m map[string]int
		m["x"]++ // a nil map: a bug
		return nil
	}}}
	_, err := Run(Options{Dir: dir}, append(fake, boom...))
	var ie *InternalError
	if !errors.As(err, &ie) || !strings.Contains(err.Error(), "internal error while making the pdf outputs of "+dir) || !strings.Contains(err.Error(), "recover_test.go:") {
		t.Fatalf("got %v", err)
	}
	if read(t, filepath.Join(dir, "build", "SHA256SUMS")) != before {
		t.Error("the previous build changed")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".colophon-") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
	// In a writer's parallel work too.
	err = parallel(3, func(i int) string { return "making item " + string(rune('a'+i)) }, func(i int) error {
		if i == 1 {
			panic("no")
		}
		return nil
	})
	if err == nil || !strings.Contains(err.Error(), "internal error while making item b: no") {
		t.Errorf("parallel: %v", err)
	}
}

package build

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a report the watcher writes while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func waitFor(t *testing.T, buf *syncBuffer, what string, count int) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if strings.Count(buf.String(), what) >= count {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("waited for %d × %q; the watcher said:\n%s", count, what, buf.String())
}

// The watcher builds, rebuilds after a change (once for a burst of writes), reports a mistake
// without stopping, and builds again when it is mended.
func TestWatch(t *testing.T) {
	dir := project(t)
	ctx, cancel := context.WithCancel(context.Background())
	buf := &syncBuffer{}
	done := make(chan error)
	go func() { done <- Watch(ctx, Options{Dir: dir}, fake, buf, buf, nil) }()
	waitFor(t, buf, "watch: built", 1)

	doc := filepath.Join(dir, "source", "a.md")
	for i := 0; i < 5; i++ { // a burst of saves: one rebuild
		os.WriteFile(doc, []byte("# A\n\nEdited text.[^1]\n\n[^1]: Note.\n"), 0o644)
	}
	waitFor(t, buf, "watch: built", 2)
	time.Sleep(2 * Debounce)
	if n := strings.Count(buf.String(), "watch: built"); n != 2 {
		t.Errorf("%d builds after a burst of writes, want 2 in all:\n%s", n, buf.String())
	}
	os.WriteFile(doc, []byte("# A\n\nBroken.[^9]\n"), 0o644)
	waitFor(t, buf, "source/a.md:3:8: note reference [^9] has no definition", 1)
	waitFor(t, buf, "watch: 1 problem;", 1)
	os.WriteFile(doc, []byte("# A\n\nMended.\n"), 0o644)
	waitFor(t, buf, "watch: built", 3)
	// A new document in a new subfolder of fonts/ or covers/ is seen as well as one in source/.
	os.WriteFile(filepath.Join(dir, "source", "b.md"), []byte("# B\n\nAnother.\n"), 0o644)
	waitFor(t, buf, "watch: built", 4)
	// An image in a folder of its own (not source/, fonts/ or covers/) is watched too.
	os.MkdirAll(filepath.Join(dir, "images"), 0o755)
	waitFor(t, buf, "watch: built", 5)
	os.WriteFile(filepath.Join(dir, "images", "fac.png"), []byte("not yet a PNG"), 0o644)
	waitFor(t, buf, "watch: built", 6)
	// What the builds write is not a change: no build follows one by itself.
	time.Sleep(3 * Debounce)
	if n := strings.Count(buf.String(), "watch: built"); n != 6 {
		t.Errorf("%d builds, want 6: the output folder is being watched:\n%s", n, buf.String())
	}
	// Every line starts with the time.
	for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		if !regexp.MustCompile(`^\d\d:\d\d:\d\d `).MatchString(line) {
			t.Errorf("a watch line without its time: %q", line)
		}
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the watcher did not stop")
	}
}

// makeRoomFor raises a build's memory limit by what is live between builds (watch's caches), and
// leaves no limit as none.
func TestMakeRoomFor(t *testing.T) {
	saved := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(saved)
	kept := make([]byte, 64<<20) // 64 MiB live across the call, as watch's caches are
	const base = 400 << 20
	debug.SetMemoryLimit(base)
	makeRoomFor(base)
	if got := debug.SetMemoryLimit(-1); got < base+64<<20 {
		t.Errorf("with 64 MiB live the limit is %d MiB; want at least %d MiB", got>>20, (base+64<<20)>>20)
	}
	runtime.KeepAlive(kept)
	debug.SetMemoryLimit(math.MaxInt64)
	makeRoomFor(math.MaxInt64)
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("no limit became %d", got)
	}
}

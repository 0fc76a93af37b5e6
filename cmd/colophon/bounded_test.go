package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The bounds every hostile or careless input must be answered within, on this project's 2-core
// machine: an input that takes longer or more memory is a finding, whatever the exit status.
const (
	timeBound   = 10 * time.Second
	memoryBound = 1 << 30 // bytes of resident memory, at the peak
)

// bounded is one run of colophon in a child process: its exit status, output, time and peak
// resident memory (the kernel's count, ru_maxrss), measured from outside it.
type bounded struct {
	code           int
	stdout, stderr string
	took           time.Duration
	peak           int64
}

// runBounded runs colophon (this test binary, as TestMain makes it) in a child process, killing
// it at the time bound. It fails the test if the run overstays either bound or panics.
func runBounded(t *testing.T, args ...string) bounded {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeBound)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], args...)
	cmd.Env = append(os.Environ(), "COLOPHON_RUN_MAIN=1")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err := cmd.Run()
	r := bounded{stdout: out.String(), stderr: errb.String(), took: time.Since(start)}
	if cmd.ProcessState == nil {
		t.Fatalf("colophon %s did not run: %v", strings.Join(args, " "), err)
	}
	r.code = cmd.ProcessState.ExitCode()
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.peak = ru.Maxrss << 10 // kilobytes on Linux
	}
	if ctx.Err() != nil {
		t.Errorf("colophon %s did not end within %s (killed)", strings.Join(args, " "), timeBound)
	}
	if r.peak > memoryBound {
		t.Errorf("colophon %s took %d MB of memory at its peak; the bound is %d MB", strings.Join(args, " "), r.peak>>20, memoryBound>>20)
	}
	// A panic prints "panic:" and a goroutine trace, and exits with 2; the recover boundary's
	// report says "internal error". Neither may reach a user.
	for _, sign := range []string{"panic:", "goroutine ", "internal error"} {
		if strings.Contains(r.stderr, sign) {
			t.Errorf("colophon %s panicked:\n%s", strings.Join(args, " "), r.stderr)
			break
		}
	}
	return r
}

// writeProject writes a project: source/book.yaml and source/a.md unless files gives them, and
// every other file given (paths relative to the project).
func writeProject(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	all := map[string]string{
		"source/book.yaml": "title: T\nlanguage: en\ndate: 2026-01-01\n",
		"source/a.md":      "# T\n\nText.\n",
	}
	for p, data := range files {
		all[p] = data
	}
	for p, data := range all {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

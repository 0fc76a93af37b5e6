package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"colophon/internal/testkit"
)

// TestMain lets a test run the command itself in a child process: with COLOPHON_RUN_MAIN set,
// the test binary is colophon. Otherwise it runs the tests, with the test kit's editions.
func TestMain(m *testing.M) {
	if os.Getenv("COLOPHON_RUN_MAIN") == "1" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	testkit.Main(m)
}

// verifySums checks a build folder the way `sha256sum -c SHA256SUMS` does, and returns the
// SHA256SUMS text.
func verifySums(dir string) (string, error) {
	sums, err := os.ReadFile(filepath.Join(dir, "SHA256SUMS"))
	if err != nil {
		return "", err
	}
	lines := strings.Split(strings.TrimSpace(string(sums)), "\n")
	if len(lines) < 3 {
		return "", fmt.Errorf("SHA256SUMS lists only %d files", len(lines))
	}
	for _, line := range lines {
		want, name, ok := strings.Cut(line, "  ")
		if !ok {
			return "", fmt.Errorf("bad line %q", line)
		}
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return "", err
		}
		h := sha256.Sum256(data)
		if hex.EncodeToString(h[:]) != want {
			return "", fmt.Errorf("%s does not match its checksum", name)
		}
	}
	return string(sums), nil
}

// TestKilledBuildsNeverMix kills `colophon build` with SIGKILL at many moments of its run and
// checks after each kill that build/ is complete and verifies: the previous edition or the new
// one, never a mixture and never missing.
func TestKilledBuildsNeverMix(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	dir := filepath.Join(t.TempDir(), "ed")
	if code, _, errs := runCmd("init", dir); code != 0 {
		t.Fatal(errs)
	}
	if code, _, errs := runCmd("build", "-q", "-C", dir); code != 0 {
		t.Fatal(errs)
	}
	out := filepath.Join(dir, "build")
	prev, err := verifySums(out)
	if err != nil {
		t.Fatal(err)
	}
	// Time one build in a child process, as the kills will see it, to spread them over it.
	child := func() *exec.Cmd {
		cmd := exec.Command(os.Args[0], "build", "-q", "-C", dir)
		cmd.Env = append(os.Environ(), "COLOPHON_RUN_MAIN=1")
		return cmd
	}
	start := time.Now()
	if out, err := child().CombinedOutput(); err != nil {
		t.Fatalf("%v %s", err, out)
	}
	full := time.Since(start)
	doc := filepath.Join(dir, "source", "01-first.md")
	orig, _ := os.ReadFile(doc)
	kills, landed := 0, 0
	const rounds = 40
	for i := 0; i < rounds; i++ {
		// Each round changes the text, so the new edition differs from the previous one.
		os.WriteFile(doc, append(append([]byte{}, orig...), []byte(fmt.Sprintf("\nRound %d.\n", i))...), 0o644)
		cmd := child()
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Kill points sweep from the start of the build to twice its usual length.
		time.Sleep(full * time.Duration(i) * 2 / rounds)
		if cmd.Process.Signal(syscall.SIGKILL) == nil {
			kills++
		}
		cmd.Wait()
		sums, err := verifySums(out)
		if err != nil {
			t.Fatalf("round %d: build/ is not a complete edition after a kill: %v", i, err)
		}
		if sums != prev {
			landed++
			prev = sums
		}
	}
	t.Logf("%d kills, %d new editions landed whole, %d left the previous one", kills, landed, rounds-landed)
	if landed == 0 || landed == rounds {
		t.Errorf("the kills did not fall both before and after the swap (%d of %d landed); the test proves nothing", landed, rounds)
	}
}

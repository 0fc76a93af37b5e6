package main

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// colophon serve --port N builds and serves the web edition on 127.0.0.1:N; after an edit the
// change is served within 5 s and open pages are told to reload; after a broken edit the last good
// build is served with the problems over it, path:line:col; Ctrl-C stops it.
func TestServe(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "source"), 0o755)
	os.WriteFile(filepath.Join(dir, "source", "book.yaml"), []byte("title: Served\nlanguage: en\ndate: 2026-01-01\n"), 0o644)
	doc := filepath.Join(dir, "source", "a.md")
	os.WriteFile(doc, []byte("# A\n\nThe first text.\n"), 0o644)

	// A free port, chosen by the system and let go for colophon to take.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	cmd := exec.Command(os.Args[0], "serve", "-C", dir, "--only", "web", "--port", strconv.Itoa(port))
	cmd.Env = append(os.Environ(), "COLOPHON_RUN_MAIN=1")
	stdout, _ := cmd.StdoutPipe()
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	lines := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	base := ""
	for base == "" {
		select {
		case l := <-lines:
			if m := regexp.MustCompile(`^serving (http://127\.0\.0\.1:\d+/)`).FindStringSubmatch(l); m != nil {
				base = m[1]
			}
		case <-time.After(20 * time.Second):
			t.Fatal("colophon serve printed no address")
		}
	}
	if base != "http://127.0.0.1:"+strconv.Itoa(port)+"/" {
		t.Fatalf("serving at %s, want port %d on 127.0.0.1", base, port)
	}
	get := func(p string) (int, string) {
		resp, err := http.Get(base + p)
		if err != nil {
			return 0, err.Error()
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	// within waits for the page to hold want, and returns how long that took.
	within := func(limit time.Duration, p, want string) (string, time.Duration) {
		t.Helper()
		start := time.Now()
		var body string
		for time.Since(start) < limit {
			var code int
			if code, body = get(p); code == http.StatusOK && strings.Contains(body, want) {
				return body, time.Since(start)
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatalf("%s did not hold %q within %v:\n%s", p, want, limit, body)
		return "", 0
	}
	page, _ := within(30*time.Second, "a.html", "The first text.")
	if !strings.Contains(page, `<script src="/_colophon/live.js"></script>`) {
		t.Error("the served page has no live-reload script")
	}
	if code, body := get("nowhere.html"); code != http.StatusNotFound || !strings.Contains(body, "Page not found") {
		t.Errorf("a missing page: %d %.100s", code, body)
	}
	if _, err := os.Stat(filepath.Join(dir, "build", "web", "a.html")); err != nil {
		t.Errorf("the built site is not in build/web: %v", err)
	}

	// An open page listens for builds: it hears the count now, and a new one after the edit.
	events, err := http.Get(base + "_colophon/events")
	if err != nil {
		t.Fatal(err)
	}
	defer events.Body.Close()
	heard := make(chan string, 10)
	go func() {
		sc := bufio.NewScanner(events.Body)
		for sc.Scan() {
			if d, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				heard <- d
			}
		}
	}()
	first := <-heard

	os.WriteFile(doc, []byte("# A\n\nThe edited text.\n"), 0o644)
	if _, took := within(5*time.Second, "a.html", "The edited text."); took > 5*time.Second {
		t.Errorf("the edit took %v to be served", took)
	}
	select {
	case d := <-heard:
		if d == first {
			t.Errorf("the build count did not change: %s", d)
		}
	case <-time.After(5 * time.Second):
		t.Error("the open page was not told of the build")
	}

	// A broken edit: the last good build is served, with the problem over it.
	os.WriteFile(doc, []byte("# A\n\nBroken.[^9]\n"), 0o644)
	body, _ := within(5*time.Second, "a.html", `id="colophon-problems"`)
	if !strings.Contains(body, "source/a.md:3:8: note reference [^9] has no definition") || !strings.Contains(body, "The edited text.") {
		t.Errorf("the overlay or the last good build is missing:\n%s", body)
	}
	// Mended, the overlay goes.
	os.WriteFile(doc, []byte("# A\n\nMended.\n"), 0o644)
	within(5*time.Second, "a.html", "Mended.")
	gone := time.Now().Add(5 * time.Second)
	for _, body := get("a.html"); strings.Contains(body, "colophon-problems"); _, body = get("a.html") {
		if time.Now().After(gone) {
			t.Fatal("the overlay stays after a good build")
		}
		time.Sleep(50 * time.Millisecond)
	}

	// Ctrl-C stops it.
	cmd.Process.Signal(syscall.SIGINT)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("colophon serve ended with %v after Ctrl-C", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("colophon serve did not stop on Ctrl-C")
	}
}

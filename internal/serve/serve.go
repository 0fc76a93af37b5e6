// Package serve is `colophon serve`: it builds the edition, serves the web edition (the output's
// web/ folder) over HTTP on the loopback address, rebuilds on every change as `colophon watch`
// does, and reloads the pages open in browsers after each build. A build with problems keeps the
// last good edition served, with the problems shown over every page as an overlay.
//
// What it adds to the pages (a script that listens for builds, the overlay) is added as they are
// served: the files in web/ are the build's, the same as those a host publishes.
package serve

import (
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"colophon/internal/build"
	"colophon/internal/edition"
)

// Options say what to build and where to listen.
type Options struct {
	Build build.Options
	Host  string // default 127.0.0.1: only this machine can reach the server
	Port  int    // 0 lets the system choose a free port
	Quiet bool   // print the address and problems only, not each build
}

// state is what the server knows of the builds: how many there were (a page reloads when the
// number changes) and the last one's problems, if it had any.
type state struct {
	mu       sync.Mutex
	builds   int
	problems []string // path:line:col lines of the last build; nil when it succeeded
	changed  chan struct{}
}

func (s *state) set(problems []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.builds++
	s.problems = problems
	close(s.changed)
	s.changed = make(chan struct{})
}

func (s *state) get() (int, []string, <-chan struct{}) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.builds, s.problems, s.changed
}

// Run serves until ctx ends (Ctrl-C). It prints the address it listens on, and each build unless
// Quiet, to progress; problems to report.
func Run(ctx context.Context, opt Options, writers []build.Writer, progress, report io.Writer) error {
	bo := opt.Build
	if len(bo.Only) > 0 && !slices.Contains(bo.Only, "web") {
		bo.Only = append(slices.Clone(bo.Only), "web")
	}
	host := opt.Host
	if host == "" {
		host = "127.0.0.1"
	}
	if _, err := os.Stat(filepath.Join(bo.Dir, "source")); err != nil {
		abs, _ := filepath.Abs(bo.Dir)
		return fmt.Errorf("%s is not a colophon project: it has no source folder (colophon init %s makes a new edition there)", abs, bo.Dir)
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(host, strconv.Itoa(opt.Port)))
	if err != nil {
		return err
	}
	out := bo.Out
	if out == "" {
		out = "build"
	}
	if !filepath.IsAbs(out) {
		out = filepath.Join(bo.Dir, out)
	}
	st := &state{changed: make(chan struct{})}
	srv := &http.Server{Handler: handler(filepath.Join(out, "web"), st), ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	fmt.Fprintf(progress, "serving http://%s/ (the web edition in %s); Ctrl-C stops\n", ln.Addr(), filepath.Join(out, "web"))
	if opt.Quiet {
		progress = nil
	}
	err = build.Watch(ctx, bo, writers, progress, report, func(_ *build.Result, err error) {
		st.set(problemLines(err))
	})
	srv.Close() // ends the pages' event streams too
	if serr := <-served; err == nil && !errors.Is(serr, http.ErrServerClosed) {
		err = serr
	}
	return err
}

// problemLines are a build's problems as the overlay lists them: path:line:col: message.
func problemLines(err error) []string {
	if err == nil {
		return nil
	}
	var ds edition.Diagnostics
	if errors.As(err, &ds) {
		var lines []string
		for _, d := range ds.Sorted() {
			lines = append(lines, d.String())
		}
		return lines
	}
	return []string{err.Error()}
}

// handler serves the web folder, the event stream the pages listen on, and its script.
func handler(web string, st *state) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/_colophon/events", func(w http.ResponseWriter, r *http.Request) {
		flusher, ok := w.(http.Flusher)
		if !ok {
			http.Error(w, "streaming is not supported", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/event-stream")
		w.Header().Set("Cache-Control", "no-store")
		for {
			n, _, changed := st.get()
			fmt.Fprintf(w, "data: %d\n\n", n)
			flusher.Flush()
			select {
			case <-changed:
			case <-r.Context().Done():
				return
			}
		}
	})
	mux.HandleFunc("/_colophon/live.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
		w.Header().Set("Cache-Control", "no-store")
		io.WriteString(w, liveScript)
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		p := path.Clean("/" + r.URL.Path)
		if strings.HasSuffix(r.URL.Path, "/") {
			p = path.Join(p, "index.html")
		}
		file := filepath.Join(web, filepath.FromSlash(p))
		info, err := os.Stat(file)
		if err == nil && info.IsDir() {
			http.Redirect(w, r, r.URL.Path+"/", http.StatusFound)
			return
		}
		status := http.StatusOK
		if err != nil {
			status, file, p = http.StatusNotFound, filepath.Join(web, "404.html"), "/404.html"
		}
		if !strings.HasSuffix(p, ".html") {
			http.ServeFile(w, r, file)
			return
		}
		page, err := os.ReadFile(file)
		if err != nil {
			// No good build yet: a page of its own, for the overlay to show the problems on.
			status, page = http.StatusServiceUnavailable, []byte("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>colophon serve</title></head><body><p>No web edition has been built yet.</p></body></html>\n")
		}
		_, problems, _ := st.get()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(status)
		w.Write(inject(page, problems))
	})
	return mux
}

// inject adds to a page, before its </body>, the script that reloads it after a build and the
// overlay with the last build's problems, if it had any.
func inject(page []byte, problems []string) []byte {
	var add strings.Builder
	if len(problems) > 0 {
		add.WriteString(`<div id="colophon-problems" role="alert" style="position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:1000;margin:0;padding:1em 1.5em;background:#fff4f2;color:#5a0b00;border-top:4px solid #b3261e;font:14px/1.5 ui-monospace,monospace;box-shadow:0 -0.5em 2em rgb(0 0 0 / 0.25)">`)
		fmt.Fprintf(&add, "<p style=\"margin:0 0 0.5em;font-weight:bold\">The last build failed (%d %s); this is the last good build.</p>\n<pre style=\"margin:0;white-space:pre-wrap\">", len(problems), plural(len(problems), "problem"))
		for _, p := range problems {
			add.WriteString(html.EscapeString(p))
			add.WriteByte('\n')
		}
		add.WriteString("</pre></div>\n")
	}
	add.WriteString(`<script src="/_colophon/live.js"></script>` + "\n")
	s := string(page)
	if i := strings.LastIndex(s, "</body>"); i >= 0 {
		return []byte(s[:i] + add.String() + s[i:])
	}
	return []byte(s + add.String())
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// liveScript reloads the page when a build has finished: the event stream tells the number of
// builds, once when the page connects and again after each build.
const liveScript = `(function () {
  var seen = null, source = new EventSource('/_colophon/events');
  source.onmessage = function (e) {
    if (seen === null) { seen = e.data; return; }
    if (e.data !== seen) location.reload();
  };
})();
`

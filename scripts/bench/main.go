// Command bench times colophon against pandoc (and typst, when installed) on the same machine, in
// one run, and prints the figures of the project's performance targets (issue #24's table) with
// whether each is met. Run it from the repository root:
//
//	go run ./scripts/bench            # everything: seed, 250 and 1,000 documents, each output alone, facsimiles
//	go run ./scripts/bench -quick     # the seed edition only
//	go run ./scripts/bench -figures   # seed with and without twenty 4,000 × 3,000 facsimiles, and one large scan
//	go run ./scripts/bench -web       # the 250-document build with and without the web edition
//	go run ./scripts/bench -incremental # the 250-document rebuild after a one-document edit (colophon watch)
//	go run ./scripts/bench -keep DIR  # keep the generated editions and outputs in DIR, to profile them
//
// It builds the colophon binary, times `colophon build` (medians of several runs, of wall time and
// of CPU time — user + system — which a machine shared with other work disturbs less) on the seed
// and on generated editions, and times pandoc on the same text: `pandoc -o x.epub`, and
// `--pdf-engine=xelatex` when xelatex is installed. Peak memory is the child process's maximum
// resident set size. The load average is printed at the start and the end: on a loaded machine
// only the CPU times, and ratios measured in one run, are worth comparing.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"image/jpeg"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"syscall"
	"time"

	"colophon/internal/edition"
	"colophon/internal/gen"
	"colophon/internal/source"
)

var (
	runs    = flag.Int("runs", 7, "runs per measurement (the median is reported)")
	quick   = flag.Bool("quick", false, "only the seed edition")
	figures = flag.Bool("figures", false, "only the editions with and without twenty facsimiles")
	webOnly = flag.Bool("web", false, "only what the web edition adds to the 250-document full build")
	incr    = flag.Bool("incremental", false, "only the 250-document rebuild by colophon watch after a one-document edit, against a cold build")
	regOnly = flag.Bool("register", false, "only what a 300-entry register adds to the 250-document full build")
	keep    = flag.String("keep", "", "write the editions and outputs into this folder and keep them (to profile a build the bench ran)")
)

type sample struct {
	median time.Duration // wall time
	cpu    time.Duration // user + system time, median
	maxRSS int64         // kilobytes
}

func (s sample) String() string {
	return fmt.Sprintf("%v (CPU %v)", s.median.Round(time.Millisecond), s.cpu.Round(time.Millisecond))
}

func median(ts []time.Duration) time.Duration {
	ts = append([]time.Duration(nil), ts...)
	sort.Slice(ts, func(i, j int) bool { return ts[i] < ts[j] })
	return ts[len(ts)/2]
}

// runOnce runs a command once and returns its wall time, its CPU time (user and system) and its
// peak memory.
func runOnce(name string, args ...string) (wall, cpu time.Duration, rss int64, err error) {
	cmd := exec.Command(name, args...)
	start := time.Now()
	if out, err := cmd.CombinedOutput(); err != nil {
		return 0, 0, 0, fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	wall = time.Since(start)
	cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = ru.Maxrss
	}
	return wall, cpu, rss, nil
}

// timeIt runs a command n times and returns the median wall and CPU times and the largest peak
// memory.
func timeIt(n int, name string, args ...string) (sample, error) {
	return timeRuns(n, nil, name, args...)
}

// timeRuns runs a command n times, calling prepare (when not nil) before each run, outside the
// timing, and returns the medians.
func timeRuns(n int, prepare func() error, name string, args ...string) (sample, error) {
	var times, cpus []time.Duration
	var rss int64
	for i := 0; i < n; i++ {
		if prepare != nil {
			if err := prepare(); err != nil {
				return sample{}, err
			}
		}
		w, c, r, err := runOnce(name, args...)
		if err != nil {
			return sample{}, err
		}
		times, cpus, rss = append(times, w), append(cpus, c), max(rss, r)
	}
	return sample{median(times), median(cpus), rss}, nil
}

// timeFresh times n builds of colophon (bin, with args), each into an empty output folder, out:
// a cold build. A build into the last build's folder links the outputs whose bytes did not
// change to the last build's files, so timing builds into one folder would time that instead.
// The folder is removed before each run, outside the timing.
func timeFresh(n int, bin, out string, args ...string) (sample, error) {
	args = append(append([]string(nil), args...), "--out", out)
	return timeRuns(n, func() error { return os.RemoveAll(out) }, bin, args...)
}

// inTurns runs two commands n times each, one after the other in turn, so that the machine's
// load falls on both alike, and returns the medians of their wall and CPU times. A build's
// output folder (--out) is removed before each run, as timeFresh does: every run is cold.
func inTurns(n int, name string, a, b []string) (wall, cpu [2]time.Duration) {
	var walls, cpus [2][]time.Duration
	for i := 0; i < n; i++ {
		for k, args := range [][]string{a, b} {
			if at := slices.Index(args, "--out"); at >= 0 && at+1 < len(args) {
				must(os.RemoveAll(args[at+1]))
			}
			w, c, _, err := runOnce(name, args...)
			must(err)
			walls[k], cpus[k] = append(walls[k], w), append(cpus[k], c)
		}
	}
	for k := range walls {
		wall[k], cpu[k] = median(walls[k]), median(cpus[k])
	}
	return wall, cpu
}

// load is the machine's load average over the last minute, as /proc/loadavg says.
func load() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	return strings.Fields(string(data))[0]
}

// pandocMarkdown writes the edition as one Markdown file pandoc reads the same way: each
// document's title as a heading, its dateline, text and notes (labels made unique).
func pandocMarkdown(dir, out string) error {
	b, _, err := source.Load(dir, source.Options{})
	if err != nil {
		return err
	}
	var s strings.Builder
	fmt.Fprintf(&s, "---\ntitle: %q\nlang: %s\n---\n\n", b.Title, b.Language)
	for i, d := range b.Documents {
		var notes []string
		md := func(in []edition.Inline) string {
			var w strings.Builder
			var walk func([]edition.Inline)
			walk = func(in []edition.Inline) {
				for _, x := range in {
					switch x.Kind {
					case edition.NoteRef:
						label := fmt.Sprintf("d%dn%d", i, x.Note.Number)
						fmt.Fprintf(&w, "[^%s]", label)
						notes = append(notes, fmt.Sprintf("[^%s]: %s", label, strings.ReplaceAll(strings.TrimSpace(edition.BlocksText(x.Note.Blocks)), "\n", "\n\n    ")))
					case edition.Emph:
						w.WriteString("*")
						walk(x.Children)
						w.WriteString("*")
					default:
						w.WriteString(strings.NewReplacer("[", "\\[", "]", "\\]", "*", "\\*").Replace(edition.PlainText([]edition.Inline{x})))
					}
				}
			}
			walk(in)
			return w.String()
		}
		fmt.Fprintf(&s, "# %s\n\n", md(d.Title))
		if len(d.Dateline) > 0 {
			fmt.Fprintf(&s, "*%s*\n\n", md(d.Dateline))
		}
		if len(d.Salutation) > 0 {
			fmt.Fprintf(&s, "%s\n\n", md(d.Salutation))
		}
		for _, bl := range d.Blocks {
			if bl.Kind == edition.Heading {
				fmt.Fprintf(&s, "## %s\n\n", md(bl.Inlines))
			} else if len(bl.Inlines) > 0 {
				fmt.Fprintf(&s, "%s\n\n", md(bl.Inlines))
			} else {
				fmt.Fprintf(&s, "%s\n\n", strings.TrimSpace(edition.BlocksText(bl.Children)))
			}
		}
		for _, e := range append(append([][]edition.Inline{d.Signature}, d.Endorsements...), d.Archive) {
			if len(e) > 0 {
				fmt.Fprintf(&s, "%s\n\n", md(e))
			}
		}
		s.WriteString(strings.Join(notes, "\n\n") + "\n\n")
	}
	return os.WriteFile(out, []byte(s.String()), 0o644)
}

// typstSource writes the edition as a typst document set like colophon's book: A5, Gentium Book
// Plus at 10.5 pt, justified and hyphenated, each document opening on a recto with its title, its
// dateline, its text with footnotes, and its signature and archival apparatus.
func typstSource(dir, out string) error {
	b, _, err := source.Load(dir, source.Options{})
	if err != nil {
		return err
	}
	esc := func(s string) string {
		var w strings.Builder
		for _, r := range s {
			if r < 128 && strings.ContainsRune("\\#*_$@<>[]~/`=+-'\"", r) {
				w.WriteRune('\\')
			}
			w.WriteRune(r)
		}
		return w.String()
	}
	var typ func([]edition.Inline) string
	typ = func(in []edition.Inline) string {
		var w strings.Builder
		for _, x := range in {
			switch x.Kind {
			case edition.NoteRef:
				var note strings.Builder
				for i, bl := range x.Note.Blocks {
					if i > 0 {
						note.WriteString(" ")
					}
					note.WriteString(typ(bl.Inlines))
				}
				fmt.Fprintf(&w, "#footnote[%s]", note.String())
			case edition.Emph:
				fmt.Fprintf(&w, "#emph[%s]", typ(x.Children))
			case edition.Strong:
				fmt.Fprintf(&w, "#strong[%s]", typ(x.Children))
			default:
				w.WriteString(esc(edition.PlainText([]edition.Inline{x})))
			}
		}
		return w.String()
	}
	var s strings.Builder
	fmt.Fprintf(&s, "#set page(paper: \"a5\", numbering: \"1\")\n#set text(font: \"Gentium Book Plus\", size: 10.5pt, lang: %q, hyphenate: true)\n#set par(justify: true, first-line-indent: 1em)\n\n", b.Language)
	for _, d := range b.Documents {
		fmt.Fprintf(&s, "#pagebreak(to: \"odd\", weak: true)\n= %s\n\n", typ(d.Title))
		for _, part := range [][]edition.Inline{d.Dateline, d.Salutation} {
			if len(part) > 0 {
				fmt.Fprintf(&s, "%s\n\n", typ(part))
			}
		}
		for _, bl := range d.Blocks {
			switch {
			case bl.Kind == edition.Heading:
				fmt.Fprintf(&s, "== %s\n\n", typ(bl.Inlines))
			case len(bl.Inlines) > 0:
				fmt.Fprintf(&s, "%s\n\n", typ(bl.Inlines))
			default:
				fmt.Fprintf(&s, "%s\n\n", esc(strings.TrimSpace(edition.BlocksText(bl.Children))))
			}
		}
		for _, e := range append(append([][]edition.Inline{d.Signature}, d.Endorsements...), d.Archive) {
			if len(e) > 0 {
				fmt.Fprintf(&s, "%s\n\n", typ(e))
			}
		}
	}
	return os.WriteFile(out, []byte(s.String()), 0o644)
}

// withoutWeb is every output but the web edition.
const withoutWeb = "epub,pdf,handouts,covers,print,library"

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// facsimileEditions writes two copies of the seed edition with a third document of twenty
// captioned facsimiles: in one the figures are there, 4,000 × 3,000 pixel JPEGs of about 2 MB
// (drawn pages with a grain, so they compress as scans do, not as flat colour); in the other the
// same document has only the captions, as paragraphs.
func facsimileEditions(tmp string) (plain, figs string) {
	plain, figs = filepath.Join(tmp, "fac-plain"), filepath.Join(tmp, "fac-figs")
	m := gen.Manuscript(4000, 3000)
	seed := uint32(1)
	for i := range m.Pix {
		if i%4 == 3 {
			continue
		}
		seed = seed*1664525 + 1013904223 // a fixed sequence: the same picture every run
		m.Pix[i] = uint8(min(255, max(0, int(m.Pix[i])+int(seed>>27)-16)))
	}
	var jb bytes.Buffer
	must(jpeg.Encode(&jb, m, &jpeg.Options{Quality: 85}))
	var withFigs, without strings.Builder
	head := "---\ntitle: Facsimiles\n---\n\n"
	withFigs.WriteString(head)
	without.WriteString(head)
	for i := 1; i <= 20; i++ {
		caption := fmt.Sprintf("Page %d of the original, as the archive keeps it.", i)
		fmt.Fprintf(&withFigs, "![Facsimile of page %d: handwriting with a round stamp](images/page-%02d.jpg)\n: %s\n\n", i, i, caption)
		fmt.Fprintf(&without, "%s\n\n", caption)
	}
	for dir, doc := range map[string]string{plain: without.String(), figs: withFigs.String()} {
		must(os.MkdirAll(filepath.Join(dir, "source", "images"), 0o755))
		for _, f := range []string{"book.yaml", "01-letter-against-criticism.md", "02-letter-from-gorky.md"} {
			data, err := os.ReadFile(filepath.Join("source", f))
			must(err)
			must(os.WriteFile(filepath.Join(dir, "source", f), data, 0o644))
		}
		must(os.WriteFile(filepath.Join(dir, "source", "03-facsimiles.md"), []byte(doc), 0o644))
	}
	for i := 1; i <= 20; i++ {
		must(os.WriteFile(filepath.Join(figs, "source", "images", fmt.Sprintf("page-%02d.jpg", i)), jb.Bytes(), 0o644))
	}
	fmt.Printf("facsimile: %d × %d JPEG, %.1f MB\n", 4000, 3000, float64(jb.Len())/1e6)
	return plain, figs
}

// benchFacsimiles times the edition with twenty facsimiles against the same without them, full
// builds, and returns the figure. A build keeps what the printer's files make of the pictures in
// build/.cache/pictures for the next: the figure is the cold build's, each run into a new output
// folder, and the build after it, which takes the kept pictures, is printed beside it.
func benchFacsimiles(tmp, bin string) figure {
	plain, figs := facsimileEditions(tmp)
	r := max(3, *runs/2)
	without, err := timeFresh(r, bin, filepath.Join(tmp, "out-plain"), "build", "-q", "-C", plain)
	must(err)
	with, err := timeFresh(r, bin, filepath.Join(tmp, "out-figs-0"), "build", "-q", "-C", figs)
	must(err)
	again, err := timeIt(r, bin, "build", "-q", "-C", figs, "--out", filepath.Join(tmp, "out-figs-0"))
	must(err)
	fmt.Printf("seed + twenty 4,000 × 3,000 JPEG facsimiles, full build: %v (peak %d MB) against %v without them; again, with the pictures the last build kept: %v (peak %d MB)\n",
		with, with.maxRSS/1024, without, again, again.maxRSS/1024)
	added := with.median - without.median
	fmt.Printf("twenty facsimiles, added cost of the build after one that kept their pictures: +%v (CPU +%v)\n",
		(again.median - without.median).Round(time.Millisecond), (again.cpu - without.cpu).Round(time.Millisecond))
	return figure{name: "twenty 4,000 × 3,000 JPEG facsimiles, added cost of a full build",
		value:  fmt.Sprintf("+%v (CPU +%v), %d MB peak", added.Round(time.Millisecond), (with.cpu - without.cpu).Round(time.Millisecond), with.maxRSS/1024),
		target: "< 1 s, < 200 MB", met: added < time.Second && with.maxRSS/1024 < 200}
}

// benchBigScan times an edition whose one document shows a 6,000 × 8,000 pixel scan twice, as a
// JPEG and as a PNG: the size a publisher's archive scans at 600 ppi come to.
func benchBigScan(tmp, bin string) {
	dir := filepath.Join(tmp, "big")
	must(os.MkdirAll(filepath.Join(dir, "source"), 0o755))
	m := gen.Manuscript(6000, 8000)
	var j, p bytes.Buffer
	must(jpeg.Encode(&j, m, &jpeg.Options{Quality: 85}))
	must(png.Encode(&p, m))
	must(os.WriteFile(filepath.Join(dir, "source", "scan.jpg"), j.Bytes(), 0o644))
	must(os.WriteFile(filepath.Join(dir, "source", "scan.png"), p.Bytes(), 0o644))
	must(os.WriteFile(filepath.Join(dir, "source", "book.yaml"), []byte("title: A Scan\nlanguage: en\ndate: 2026-01-01\n"), 0o644))
	must(os.WriteFile(filepath.Join(dir, "source", "a.md"), []byte("# A scan\n\nThe scan as JPEG, then as PNG.\n\n![A handwritten page](scan.jpg)\n: As JPEG.\n\n![A handwritten page](scan.png)\n: As PNG.\n"), 0o644))
	s, err := timeFresh(3, bin, filepath.Join(tmp, "big-out"), "build", "-q", "-C", dir)
	must(err)
	fmt.Printf("one 6,000 × 8,000 scan as JPEG and as PNG, full build: %v, peak %d MB\n", s.median.Round(time.Millisecond), s.maxRSS/1024)
}

// benchWeb times the 250-document full build with and without the web edition, one run of each
// in turn so that the machine's load falls on both alike, and reports the medians of the wall
// time and of the CPU time (user and system), which a loaded machine disturbs less.
func benchWeb(tmp, bin string) {
	dir := filepath.Join(tmp, "gen250-web")
	must(exec.Command(bin, "generate", "250", dir).Run())
	build := func(k int, only ...string) []string {
		return append([]string{"build", "-q", "-C", dir, "--out", filepath.Join(tmp, fmt.Sprint("web-", k))}, only...)
	}
	wall, cpu := inTurns(*runs, bin, build(0), build(1, "--only", withoutWeb))
	w, wo, c, co := wall[0], wall[1], cpu[0], cpu[1]
	fmt.Printf("250 documents: full build %v (CPU %v), without the web edition %v (CPU %v): the web edition adds %.1f %% of wall time, %.1f %% of CPU time (target ≤ 15 %%)\n",
		w.Round(time.Millisecond), c.Round(time.Millisecond), wo.Round(time.Millisecond), co.Round(time.Millisecond),
		100*(float64(w)/float64(wo)-1), 100*(float64(c)/float64(co)-1))
}

// benchRegister times the 250-document full build with a register of 300 entries (299 persons
// the text names, and the archive) against the same edition without source/register.yaml, the
// two builds taking turns, medians of wall and CPU time.
func benchRegister(tmp, bin string) {
	with, without := filepath.Join(tmp, "gen250-register"), filepath.Join(tmp, "gen250-noregister")
	must(exec.Command(bin, "generate", "-names", "299", "250", with).Run())
	must(exec.Command(bin, "generate", "-names", "299", "250", without).Run())
	must(os.Remove(filepath.Join(without, "source", "register.yaml")))
	data, err := os.ReadFile(filepath.Join(with, "source", "register.yaml"))
	must(err)
	entries := strings.Count(string(data), "\n  - id: ")
	build := func(k int, dir string) []string {
		return []string{"build", "-q", "-C", dir, "--out", filepath.Join(tmp, fmt.Sprint("register-", k)), "--force"}
	}
	wall, cpu := inTurns(*runs, bin, build(0, with), build(1, without))
	w, wo, c, co := wall[0], wall[1], cpu[0], cpu[1]
	fmt.Printf("250 documents: full build with a %d-entry register %v (CPU %v), without it %v (CPU %v): the register adds %.1f %% of wall time, %.1f %% of CPU time (target ≤ 10 %%); load average %s\n",
		entries, w.Round(time.Millisecond), c.Round(time.Millisecond), wo.Round(time.Millisecond), co.Round(time.Millisecond),
		100*(float64(w)/float64(wo)-1), 100*(float64(c)/float64(co)-1), load())
}

func main() {
	flag.Parse()
	tmp := *keep
	if tmp == "" {
		var err error
		tmp, err = os.MkdirTemp("", "colophon-bench-")
		must(err)
		defer os.RemoveAll(tmp)
	} else {
		must(os.MkdirAll(tmp, 0o755))
		tmp, _ = filepath.Abs(tmp)
	}
	bin := filepath.Join(tmp, "colophon")
	must(exec.Command("go", "build", "-o", bin, "./cmd/colophon").Run())
	pandoc, _ := exec.LookPath("pandoc")
	xelatex, _ := exec.LookPath("xelatex")
	// typst 0.14 through its npm compiler, installed in scripts/bench/typst (npm ci there).
	node, _ := exec.LookPath("node")
	typstJS, _ := filepath.Abs("scripts/bench/typst/compile.js")
	if _, err := os.Stat("scripts/bench/typst/node_modules/@myriaddreamin/typst-ts-node-compiler"); err != nil || node == "" {
		typstJS = ""
		fmt.Println("typst not installed (cd scripts/bench/typst && npm ci): no typst figures")
	}
	fontDir, _ := filepath.Abs("fonts")
	if *breaksOnly {
		benchBreaks(tmp, bin)
		return
	}
	if *figures {
		f := benchFacsimiles(tmp, bin)
		fmt.Printf("%s: %s (target %s)\n", f.name, f.value, f.target)
		benchBigScan(tmp, bin)
		return
	}
	if *webOnly {
		benchWeb(tmp, bin)
		return
	}
	if *incr {
		dir := filepath.Join(tmp, "gen250")
		must(exec.Command(bin, "generate", "250", dir).Run())
		r := max(3, *runs/3)
		cold, err := timeFresh(r, bin, filepath.Join(tmp, "gen250-out"), "build", "-q", "-C", dir)
		must(err)
		inc, err := benchIncremental(tmp, bin, dir, r)
		must(err)
		fmt.Printf("250 documents: cold full build %v; colophon watch's rebuild after a one-document edit %v: %.2f of the wall time, %.2f of the CPU time (target < 0.3); load average %s\n",
			cold, inc, float64(inc.median)/float64(cold.median), float64(inc.cpu)/float64(cold.cpu), load())
		return
	}
	if *regOnly {
		benchRegister(tmp, bin)
		return
	}

	start := time.Now()
	fmt.Printf("colophon benchmark, %s, %d runs per figure (medians of wall time and of CPU time, user + system), load average %s at the start on %d cores\n\n",
		start.UTC().Format("2006-01-02"), *runs, load(), runtime.NumCPU())
	var table []figure
	build := func(n int, dir, out string, only ...string) sample {
		args := []string{"build", "-q", "-C", dir}
		if len(only) > 0 {
			args = append(args, "--only", strings.Join(only, ","))
		}
		s, err := timeFresh(n, bin, filepath.Join(tmp, out), args...)
		must(err)
		return s
	}
	pandocEPUB := func(n int, dir, name string) (sample, bool) {
		if pandoc == "" {
			return sample{}, false
		}
		md := filepath.Join(tmp, name+".md")
		must(pandocMarkdown(dir, md))
		pe, err := timeIt(n, pandoc, md, "-o", filepath.Join(tmp, name+".epub"))
		must(err)
		return pe, true
	}

	// The seed: the full build and the book PDF alone against pandoc's EPUB and pandoc + xelatex.
	full := build(*runs, ".", "seed")
	pdfOnly := build(*runs, ".", "seed-pdf", "pdf")
	fmt.Printf("seed edition: full build %v, peak %d MB; the book PDF alone %v\n", full, full.maxRSS/1024, pdfOnly)
	if pe, ok := pandocEPUB(*runs, ".", "seed"); ok {
		fmt.Printf("  pandoc's EPUB of the seed: %v\n", pe)
		table = append(table, ratio("seed, full build / pandoc EPUB", full, pe, "≤ 0.8", func(r float64) bool { return r <= 0.8 }))
		if xelatex != "" {
			md := filepath.Join(tmp, "seed.md")
			// The edition's own faces, from the repository: no font need be installed.
			px, err := timeIt(max(1, *runs/2), pandoc, md, "-o", filepath.Join(tmp, "seed.pdf"), "--pdf-engine=xelatex",
				"-V", "mainfont=GentiumBookPlus", "-V", "mainfontoptions=Path="+fontDir+"/,Extension=.ttf,UprightFont=*-Regular,BoldFont=*-Bold,ItalicFont=*-Italic,BoldItalicFont=*-BoldItalic",
				"-V", "geometry:a5paper")
			must(err)
			fmt.Printf("  pandoc + xelatex PDF of the seed: %v\n", px)
			table = append(table, figure{name: "book PDF alone / pandoc + xelatex", value: fmt.Sprintf("1 / %.0f (%v / %v)", float64(px.median)/float64(pdfOnly.median), pdfOnly, px),
				target: "≥ 50×", met: float64(px.median)/float64(pdfOnly.median) >= 50})
		} else {
			fmt.Println("  xelatex not installed: no book PDF / pandoc + xelatex figure")
		}
	} else {
		fmt.Println("  pandoc not installed: no ratios against pandoc")
	}
	if *quick {
		printTable(table, start)
		return
	}

	// The generated editions.
	var s250, s1000 sample
	for _, n := range []int{250, 1000} {
		fmt.Println()
		dir := filepath.Join(tmp, fmt.Sprintf("gen%d", n))
		must(exec.Command(bin, "generate", fmt.Sprint(n), dir).Run())
		r := max(3, *runs/3) // at least three runs, for a median
		s := build(r, dir, fmt.Sprintf("gen%d-out", n))
		fmt.Printf("%d documents: full build %v, peak %d MB\n", n, s, s.maxRSS/1024)
		if pe, ok := pandocEPUB(r, dir, fmt.Sprintf("gen%d", n)); ok {
			fmt.Printf("  pandoc's EPUB of the same text: %v\n", pe)
			table = append(table, ratio(fmt.Sprintf("%d documents, full build / pandoc EPUB", n), s, pe, "≤ 0.7", func(r float64) bool { return r <= 0.7 }))
		}
		if n == 250 {
			s250 = s
			// Each output alone, and its share of the full build.
			for _, only := range []string{"epub", "pdf", "handouts", "covers", "print", "library", "web"} {
				o := build(r, dir, "gen-"+only, only)
				fmt.Printf("  --only %-8s %v: %3.0f %% of the full build's wall time, %3.0f %% of its CPU time\n", only, o,
					100*float64(o.median)/float64(s.median), 100*float64(o.cpu)/float64(s.cpu))
				if only == "pdf" && typstJS != "" {
					typ := filepath.Join(tmp, "gen.typ")
					must(typstSource(dir, typ))
					ty, err := timeIt(r, node, typstJS, fontDir, typ, filepath.Join(tmp, "gen-typst.pdf"))
					must(err)
					fmt.Printf("  typst 0.14 on the same text as the book PDF: %v: colophon / typst = %.3f\n", ty, float64(o.median)/float64(ty.median))
				}
			}
			if inc, err := benchIncremental(tmp, bin, dir, r); err != nil {
				fmt.Println("  incremental rebuild:", err)
			} else {
				fmt.Printf("  colophon watch, one document edited: rebuild %v\n", inc)
				table = append(table, figure{name: "250 documents, one document edited: rebuild (watch) / cold full build",
					value:  fmt.Sprintf("%.2f (%v / %v); CPU %.2f", float64(inc.median)/float64(s.median), inc.median.Round(time.Millisecond), s.median.Round(time.Millisecond), float64(inc.cpu)/float64(s.cpu)),
					target: "< 0.3", met: float64(inc.median) < 0.3*float64(s.median)})
			}
		} else {
			s1000 = s
			table = append(table, figure{name: "1,000 / 250 documents", value: fmt.Sprintf("%.2f (CPU %.2f)", float64(s1000.median)/float64(s250.median), float64(s1000.cpu)/float64(s250.cpu)),
				target: "≤ 4.2", met: float64(s1000.median) <= 4.2*float64(s250.median)})
			table = append(table, figure{name: "1,000 documents, peak memory", value: fmt.Sprintf("%d MB", s1000.maxRSS/1024), target: "≤ 512 MB", met: s1000.maxRSS/1024 <= 512})
		}
	}
	fmt.Println()
	table = append(table, benchFacsimiles(tmp, bin))
	printTable(table, start)
}

// figure is one line of the table.
type figure struct {
	name, value, target string
	met                 bool
}

// ratio is a figure comparing colophon's time with a peer's.
func ratio(name string, ours, theirs sample, target string, ok func(float64) bool) figure {
	r := float64(ours.median) / float64(theirs.median)
	return figure{name: name, value: fmt.Sprintf("%.2f (%v / %v)", r, ours.median.Round(time.Millisecond), theirs.median.Round(time.Millisecond)), target: target, met: ok(r)}
}

func printTable(table []figure, start time.Time) {
	fmt.Printf("\n| measurement | now | target |\n| --- | --- | --- |\n")
	for _, f := range table {
		met := "met"
		if !f.met {
			met = "**not met**"
		}
		fmt.Printf("| %s | %s | %s — %s |\n", f.name, f.value, f.target, met)
	}
	fmt.Printf("\nload average %s at the end; the bench took %v\n", load(), time.Since(start).Round(time.Second))
}

// benchIncremental times the rebuilds of colophon watch after an edit to one document of the
// edition in dir (a copy): n edits, each a word added to the middle document, each rebuild's
// wall time from watch's own "built … in N ms" line and its CPU time from /proc.
func benchIncremental(tmp, bin, src string, n int) (sample, error) {
	dir := filepath.Join(tmp, "watched")
	os.RemoveAll(dir)
	if out, err := exec.Command("cp", "-r", src, dir).CombinedOutput(); err != nil {
		return sample{}, fmt.Errorf("cp: %v %s", err, out)
	}
	docs, _ := filepath.Glob(filepath.Join(dir, "source", "*.md"))
	sort.Strings(docs)
	if len(docs) == 0 {
		return sample{}, fmt.Errorf("no documents in %s", dir)
	}
	doc := docs[len(docs)/2]
	cmd := exec.Command(bin, "watch", "-C", dir, "--out", filepath.Join(tmp, "watched-out"))
	out, err := cmd.StdoutPipe()
	if err != nil {
		return sample{}, err
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return sample{}, err
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	lines := bufio.NewScanner(out)
	built := func() (time.Duration, error) {
		for lines.Scan() {
			if _, rest, ok := strings.Cut(lines.Text(), "watch: built "); ok {
				var files, ms int
				if _, err := fmt.Sscanf(rest, "%d files in %d ms", &files, &ms); err == nil {
					return time.Duration(ms) * time.Millisecond, nil
				}
			}
		}
		return 0, fmt.Errorf("watch ended before a build")
	}
	cpu := func() time.Duration {
		data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", cmd.Process.Pid))
		if err != nil {
			return 0
		}
		f := strings.Fields(string(data[strings.LastIndexByte(string(data), ')')+2:]))
		var ut, st int64
		fmt.Sscan(f[11], &ut)
		fmt.Sscan(f[12], &st)
		return time.Duration(ut+st) * time.Second / 100 // clock ticks
	}
	if _, err := built(); err != nil {
		return sample{}, err
	}
	var walls, cpus []time.Duration
	for i := 0; i < n; i++ {
		before := cpu()
		data, err := os.ReadFile(doc)
		if err != nil {
			return sample{}, err
		}
		if err := os.WriteFile(doc, append(data, []byte(fmt.Sprintf("\nAn edit, number %d, to one document.\n", i+1))...), 0o644); err != nil {
			return sample{}, err
		}
		w, err := built()
		if err != nil {
			return sample{}, err
		}
		walls = append(walls, w)
		cpus = append(cpus, cpu()-before)
	}
	return sample{median: median(walls), cpu: median(cpus)}, nil
}

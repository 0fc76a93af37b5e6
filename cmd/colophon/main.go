// Command colophon builds every edition of a publication from Markdown sources: an EPUB 3 ebook,
// a print-ready PDF book, handouts, covers and library records. See README.md.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"runtime/trace"
	"strconv"
	"strings"
	"syscall"

	"colophon/internal/build"
	"colophon/internal/edition"
	"colophon/internal/gen"
	"colophon/internal/library"
	"colophon/internal/preflight"
	"colophon/internal/print"
	"colophon/internal/serve"
	"colophon/internal/source"
)

// version is the release; builds from a checkout say "dev".
var version = "dev"

const usage = `colophon builds every edition of a publication from Markdown sources.

Usage:
  colophon build [-C DIR] [--out DIR] [--only LIST] [--bleed LEN] [--force] [-q]
                                                            build all outputs into build/
  colophon check [-C DIR]                                   check the sources, write nothing
  colophon watch [-C DIR] [--out DIR] [--only LIST] [--force]
                                                            build, then rebuild on every change
  colophon serve [-C DIR] [--port N] [--host H] [--force]
                                                            build, serve the web edition, rebuild and reload on every change
  colophon init DIR                                         start a new edition in DIR
  colophon verify-bag PATH                                  check a BagIt bag, naming each bad file
  colophon generate [-seed N] [-names N] DOCS DIR           write a synthetic edition (tests, benchmarks)
  colophon preflight [--service NAME] PDF...                check PDFs as a printer's preflight does
  colophon --help | --version

Options:
  -C DIR       the project folder (default: the current folder)
  --out DIR    output folder, relative to the project (default: build)
  --only LIST  comma-separated outputs to build: epub,pdf,handouts,covers,print,library,web
  --port N     serve: the port to listen on (default: one the system chooses, printed)
  --host H     serve: the address to listen on (default: 127.0.0.1, this machine only)
  --bleed LEN  print bleed for the book PDF, e.g. 3mm: crop marks, TrimBox and BleedBox
  --force      replace the output folder even when it holds files colophon did not write
  -q           quiet: no progress lines

Exit status: 0 success, 1 errors in the sources or the build, 2 usage errors.
Diagnostics are printed on stderr as path:line:col: message.
`

func main() {
	os.Exit(profiled(func() int { return run(os.Args[1:], os.Stdout, os.Stderr) }))
}

// profiled runs fn under the CPU profiler when COLOPHON_CPUPROFILE names a file, and writes a heap
// profile at the end when COLOPHON_MEMPROFILE does: how the performance figures in the README were
// found (go tool pprof colophon FILE). COLOPHON_TRACE writes an execution trace (go tool trace
// FILE), whose timeline shows how busy each core is through the build.
func profiled(fn func() int) int {
	if p := os.Getenv("COLOPHON_TRACE"); p != "" {
		f, err := os.Create(p)
		if err == nil && trace.Start(f) == nil {
			defer f.Close()
			defer trace.Stop()
		}
	}
	if p := os.Getenv("COLOPHON_CPUPROFILE"); p != "" {
		f, err := os.Create(p)
		if err == nil && pprof.StartCPUProfile(f) == nil {
			defer f.Close()
			defer pprof.StopCPUProfile()
		}
	}
	code := fn()
	if p := os.Getenv("COLOPHON_MEMPROFILE"); p != "" {
		if f, err := os.Create(p); err == nil {
			pprof.Lookup("allocs").WriteTo(f, 0)
			f.Close()
		}
	}
	return code
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	case "-version", "--version", "version":
		fmt.Fprintf(stdout, "colophon %s\n", version)
		return 0
	case "build":
		return cmdBuild(args[1:], stdout, stderr)
	case "check":
		return cmdCheck(args[1:], stdout, stderr)
	case "init":
		return cmdInit(args[1:], stdout, stderr)
	case "verify-bag":
		return cmdVerifyBag(args[1:], stdout, stderr)
	case "watch":
		return cmdWatch(args[1:], stdout, stderr)
	case "serve":
		return cmdServe(args[1:], stdout, stderr)
	case "generate":
		return cmdGenerate(args[1:], stdout, stderr)
	case "preflight":
		return cmdPreflight(args[1:], stdout, stderr)
	}
	hint := ""
	if c := source.Closest(args[0], commands); c != "" {
		hint = fmt.Sprintf(" (did you mean %q?)", c)
	}
	fmt.Fprintf(stderr, "colophon: unknown command %q%s; colophon --help lists the commands\n", args[0], hint)
	return 2
}

var commands = []string{"build", "check", "watch", "serve", "init", "verify-bag", "generate", "preflight", "help", "version"}

// flagSet is a command's flags. Its errors are reported by parse, with a suggestion, rather than
// by the flag package with the whole usage text.
type flagSet struct {
	*flag.FlagSet
	name   string
	stdout io.Writer
	stderr io.Writer
}

func flags(name string, stdout, stderr io.Writer) *flagSet {
	fs := flag.NewFlagSet("colophon "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return &flagSet{FlagSet: fs, name: name, stdout: stdout, stderr: stderr}
}

var unknownFlag = regexp.MustCompile(`^flag provided but not defined: -+(.*)$`)

// parse parses the arguments and reports a mistake in one line: an unknown option with the
// closest known one, a missing or bad value. It returns the exit status to end with, or -1 to go
// on (-h prints the usage and ends with 0).
func (fs *flagSet) parse(args []string) int {
	err := fs.Parse(args)
	switch {
	case err == nil:
		return -1
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprint(fs.stdout, usage)
		return 0
	}
	msg := err.Error()
	if m := unknownFlag.FindStringSubmatch(msg); m != nil {
		var known []string
		fs.VisitAll(func(f *flag.Flag) { known = append(known, f.Name) })
		msg = fmt.Sprintf("unknown option %s", dashes(m[1]))
		if c := source.Closest(m[1], known); c != "" {
			msg += fmt.Sprintf(" (did you mean %s?)", dashes(c))
		}
	}
	fmt.Fprintf(fs.stderr, "colophon %s: %s; colophon --help lists the options\n", fs.name, msg)
	return 2
}

// dashes writes an option as the usage does: -C and -q with one dash, the others with two.
func dashes(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

func cmdBuild(args []string, stdout, stderr io.Writer) int {
	fs := flags("build", stdout, stderr)
	dir := fs.String("C", ".", "project folder")
	out := fs.String("out", "build", "output folder")
	only := fs.String("only", "", "outputs to build")
	quiet := fs.Bool("q", false, "quiet")
	bleed := fs.String("bleed", "", "print bleed")
	force := fs.Bool("force", false, "replace an output folder holding files colophon did not write")
	if code := fs.parse(args); code >= 0 {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "colophon build: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	opt := build.Options{Dir: *dir, Out: *out, Bleed: *bleed, SourceDateEpoch: os.Getenv("SOURCE_DATE_EPOCH"), Progress: stdout, Force: *force}
	if *quiet {
		opt.Progress = nil
	}
	if *only != "" {
		opt.Only = strings.Split(*only, ",")
	}
	collectLate(limitMemory(*dir))
	res, err := build.Run(opt, build.All)
	if err != nil {
		return report(err, stderr)
	}
	for _, w := range res.Warnings {
		fmt.Fprintln(stderr, w.String())
	}
	if !*quiet {
		fmt.Fprintf(stdout, "built %d files into %s\n", len(res.Outputs), res.Out)
	}
	return 0
}

// limitMemory asks Go's garbage collector to keep the heap within about 48 times the size of the
// sources' text, three times their pictures' and at least 400 MiB (for an edition of more than
// 16 MB of pictures: 48 times the text, twice the pictures and 40 MiB, or 200 times the text up
// to 400 MiB if that is more), unless GOMEMLIMIT says otherwise. By default the collector lets
// the heap grow to twice what is live; a 1,000-document build is live at about 300 MB at its
// peaks, which made 900 MB. With the limit it stays near 420 MB for a few percent more
// collection work, and a larger edition gets a proportionally larger limit rather than a
// collector that runs without pause. Pictures are held once, as read, plus what a printer's file
// makes of them, so they count three times, not as text does: twenty 3 MB scans would otherwise
// lift the limit to nearly 3 GB, which is no limit.
//
// Under that limit the heap of an edition with few pictures may grow to three times what is live
// rather than two (GOGC=200, unless GOGC says otherwise): the 250-document edition's build
// collected 44 times instead of 96, for 9 % less CPU (its peak 269 MB against 188), while the
// 1,000-document build, which reaches the limit either way, kept its peak (428 MB) and its time.
// Pictures' buffers are large and short-lived, and with twenty scans (54 MB) the higher setting
// raised the peak from 280 MB to 405 MB for no gain in time: an edition with more than 16 MB of
// pictures keeps Go's default.
//
// It says whether the settings are colophon's own: false when GOGC or GOMEMLIMIT was given.
func limitMemory(dir string) (ours bool) {
	var text, pictures int64
	filepath.WalkDir(filepath.Join(dir, "source"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if info, err := d.Info(); err == nil {
				switch strings.ToLower(filepath.Ext(p)) {
				case ".jpg", ".jpeg", ".png":
					pictures += info.Size()
				default:
					text += info.Size()
				}
			}
		}
		return nil
	})
	if os.Getenv("GOGC") == "" && pictures <= 16<<20 {
		debug.SetGCPercent(200)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		limit := max(400<<20, 48*text+3*pictures)
		if pictures > 16<<20 {
			// Pictures are mostly bytes without pointers, which the collector need not mark: a
			// collection of a heap of scans takes milliseconds, so the heap can be held close to
			// what is live. Twenty 2.7 MB facsimiles beside the seed's text peaked at 218 MB with
			// the 400 MiB floor and at 170 MB with this, in the same time. The floor is for the
			// text's sake (its heap is all pointers, and each collection marks it), so it comes
			// in with the text, 200 bytes a byte up to 400 MiB: 250 documents with eight
			// facsimiles took 8 % more CPU without it.
			limit = max(48*text+2*pictures+40<<20, min(400<<20, 200*text))
		}
		debug.SetMemoryLimit(limit)
	}
	return os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == ""
}

// firstCollection is the heap at which a build's first collection comes. Go starts collecting at
// 4 MB (8 MB under GOGC=200) and doubles from there, so the seed's book PDF, a 40 ms build, was
// collected twice, with 4.6 ms of it stopped for the collector and some 15 ms of CPU marking a
// heap that the process would give back at its end anyway. The seed's full build allocates about
// 90 MB in all, so it is never collected now; its peak is 99 MB against 62 MB, the book PDF's
// 42 MB against 38 MB.
const firstCollection = 128 << 20

// collectLate holds off the collector until the heap first reaches firstCollection, then hands
// back the settings limitMemory made: one process builds once (colophon build), so a small
// edition ends before it is ever collected and a large one starts its collections from a
// heap that would have been reached anyway. The switch back is a finalizer on an object made
// for it, which runs after the first collection; watch and serve, which build again and again,
// keep limitMemory's settings throughout. Nothing here reaches an output: the collector's
// timing changes no byte.
func collectLate(ours bool) {
	if !ours {
		return // GOGC or GOMEMLIMIT given: the user's settings stand
	}
	gogc := debug.SetGCPercent(-1)
	limit := debug.SetMemoryLimit(firstCollection)
	// Larger than the allocator's 16-byte tiny blocks, whose finalizers may never run.
	first := new([64]byte)
	runtime.SetFinalizer(first, func(*[64]byte) {
		debug.SetMemoryLimit(limit)
		debug.SetGCPercent(gogc)
	})
}

func cmdWatch(args []string, stdout, stderr io.Writer) int {
	fs := flags("watch", stdout, stderr)
	dir := fs.String("C", ".", "project folder")
	out := fs.String("out", "build", "output folder")
	only := fs.String("only", "", "outputs to build")
	quiet := fs.Bool("q", false, "quiet")
	force := fs.Bool("force", false, "replace an output folder holding files colophon did not write")
	if code := fs.parse(args); code >= 0 {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "colophon watch: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	opt := build.Options{Dir: *dir, Out: *out, SourceDateEpoch: os.Getenv("SOURCE_DATE_EPOCH"), Force: *force}
	if *only != "" {
		opt.Only = strings.Split(*only, ",")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var progress io.Writer = stdout
	if *quiet {
		progress = nil // problems are still reported; successful builds are not
	} else {
		fmt.Fprintf(stdout, "watching %s (the project's folders, but the output); Ctrl-C stops\n", *dir)
	}
	limitMemory(*dir)
	if err := build.Watch(ctx, opt, build.All, progress, stderr, nil); err != nil {
		fmt.Fprintf(stderr, "colophon watch: %v\n", err)
		return 1
	}
	return 0
}

func cmdServe(args []string, stdout, stderr io.Writer) int {
	fs := flags("serve", stdout, stderr)
	dir := fs.String("C", ".", "project folder")
	out := fs.String("out", "build", "output folder")
	only := fs.String("only", "", "outputs to build")
	port := fs.Int("port", 0, "port")
	host := fs.String("host", "127.0.0.1", "address to listen on")
	quiet := fs.Bool("q", false, "quiet")
	force := fs.Bool("force", false, "replace an output folder holding files colophon did not write")
	if code := fs.parse(args); code >= 0 {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "colophon serve: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	if *port < 0 || *port > 65535 {
		fmt.Fprintf(stderr, "colophon serve: --port %d is no port (0 to 65535; 0 lets the system choose)\n", *port)
		return 2
	}
	opt := serve.Options{Host: *host, Port: *port, Quiet: *quiet,
		Build: build.Options{Dir: *dir, Out: *out, SourceDateEpoch: os.Getenv("SOURCE_DATE_EPOCH"), Force: *force}}
	if *only != "" {
		opt.Build.Only = strings.Split(*only, ",")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	limitMemory(*dir)
	if err := serve.Run(ctx, opt, build.All, stdout, stderr); err != nil {
		fmt.Fprintf(stderr, "colophon serve: %v\n", err)
		return 1
	}
	return 0
}

func cmdCheck(args []string, stdout, stderr io.Writer) int {
	fs := flags("check", stdout, stderr)
	dir := fs.String("C", ".", "project folder")
	if code := fs.parse(args); code >= 0 {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "colophon check: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	b, warnings, err := build.Load(build.Options{Dir: *dir, SourceDateEpoch: os.Getenv("SOURCE_DATE_EPOCH")})
	if err != nil {
		return report(err, stderr)
	}
	for _, w := range warnings {
		fmt.Fprintln(stderr, w.String())
	}
	notes := 0
	for _, d := range b.Documents {
		notes += len(d.Notes)
	}
	fmt.Fprintf(stdout, "%s: %d documents, %d notes, no problems found\n", b.Name, len(b.Documents), notes)
	return 0
}

func cmdInit(args []string, stdout, stderr io.Writer) int {
	fs := flags("init", stdout, stderr)
	if code := fs.parse(args); code >= 0 {
		return code
	}
	if fs.NArg() != 1 {
		fmt.Fprintf(stderr, "colophon init: name one folder for the new edition\n")
		return 2
	}
	if err := source.Init(fs.Arg(0)); err != nil {
		fmt.Fprintf(stderr, "colophon init: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "new edition in %s: edit source/book.yaml and source/*.md, then run colophon build -C %s\n", fs.Arg(0), fs.Arg(0))
	return 0
}

func cmdVerifyBag(args []string, stdout, stderr io.Writer) int {
	fs := flags("verify-bag", stdout, stderr)
	if code := fs.parse(args); code >= 0 {
		return code
	}
	if fs.NArg() != 1 {
		fmt.Fprintf(stderr, "colophon verify-bag: name one bag folder\n")
		return 2
	}
	problems, err := library.VerifyBag(fs.Arg(0))
	if err != nil {
		fmt.Fprintf(stderr, "colophon verify-bag: %v\n", err)
		return 1
	}
	for _, p := range problems {
		fmt.Fprintf(stderr, "%s: %s\n", fs.Arg(0), p)
	}
	if len(problems) > 0 {
		fmt.Fprintf(stderr, "colophon verify-bag: %s; the bag is not valid\n", plural(len(problems), "problem"))
		return 1
	}
	fmt.Fprintf(stdout, "%s: valid bag\n", fs.Arg(0))
	return 0
}

func cmdPreflight(args []string, stdout, stderr io.Writer) int {
	fs := flags("preflight", stdout, stderr)
	service := fs.String("service", "generic", "print service: kdp, ingramspark, lulu, generic")
	if code := fs.parse(args); code >= 0 {
		return code
	}
	svc, ok := print.Services[*service]
	if !ok {
		fmt.Fprintf(stderr, "colophon preflight: unknown service %q; use kdp, ingramspark, lulu or generic\n", *service)
		return 2
	}
	if fs.NArg() == 0 {
		fmt.Fprintf(stderr, "colophon preflight: name one or more PDF files\n")
		return 2
	}
	bad := 0
	for _, p := range fs.Args() {
		findings, err := preflight.Check(p, svc)
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", p, err)
			bad++
			continue
		}
		for _, f := range findings {
			fmt.Fprintf(stderr, "%s: %s\n", p, f)
		}
		if len(findings) > 0 {
			bad++
			continue
		}
		fmt.Fprintf(stdout, "%s: no findings (PDF/X-1a, %s)\n", p, svc.Name)
	}
	if bad > 0 {
		return 1
	}
	return 0
}

func cmdGenerate(args []string, stdout, stderr io.Writer) int {
	fs := flags("generate", stdout, stderr)
	seed := fs.Int64("seed", 1, "random seed: the same seed writes the same edition")
	persons := fs.Int("names", 0, "name this many persons in the text and write a register of them (default: the seed's nineteen names, no register)")
	if code := fs.parse(args); code >= 0 {
		return code
	}
	n, err := strconv.Atoi(fs.Arg(0))
	if fs.NArg() != 2 || err != nil || n < 1 {
		fmt.Fprintf(stderr, "colophon generate: give a number of documents and a folder\n")
		return 2
	}
	if _, err := os.Stat(filepath.Join(fs.Arg(1), "source")); err == nil {
		fmt.Fprintf(stderr, "colophon generate: %s already has a source folder\n", fs.Arg(1))
		return 1
	}
	if err := gen.WriteWith(fs.Arg(1), n, *seed, gen.Options{Names: *persons}); err != nil {
		fmt.Fprintf(stderr, "colophon generate: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote %d documents into %s\n", n, filepath.Join(fs.Arg(1), "source"))
	return 0
}

// report prints an error and gives the exit status for it.
func report(err error, stderr io.Writer) int {
	var ds edition.Diagnostics
	var ue build.UsageError
	var ff build.ForeignFiles
	switch {
	case errors.As(err, &ff):
		fmt.Fprintln(stderr, ff.Error())
		return 1
	case errors.As(err, &ds):
		for _, d := range ds.Sorted() {
			fmt.Fprintln(stderr, d.String())
		}
		fmt.Fprintf(stderr, "colophon: %s in the sources; nothing was written\n", plural(len(ds.Sorted()), "problem"))
		return 1
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "colophon: %v\n", err)
		return 2
	}
	fmt.Fprintf(stderr, "colophon: %v\n", err)
	return 1
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

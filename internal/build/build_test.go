package build

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"colophon/internal/edition"
)

func project(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "source"), 0o755)
	os.WriteFile(filepath.Join(dir, "source", "book.yaml"), []byte("title: T\nlanguage: en\ndate: 2026-01-01\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "source", "a.md"), []byte("# A\n\nText.[^1]\n\n[^1]: Note.\n"), 0o644)
	return dir
}

// fake writes one file whose content records the timestamp, like every real output does.
var fake = []Writer{{Name: "epub", Write: func(r *Resources, files *Files) error {
	b := r.Edition
	return files.Put(Output{Path: "t.txt", MediaType: "text/plain", Data: []byte(b.Title + " " + b.Timestamp.String())})
}}}

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestManifestAndSums(t *testing.T) {
	dir := project(t)
	res, err := Run(Options{Dir: dir}, fake)
	if err != nil {
		t.Fatal(err)
	}
	sums := read(t, filepath.Join(res.Out, "SHA256SUMS"))
	lines := strings.Split(strings.TrimSpace(sums), "\n")
	if len(lines) != 2 || !strings.HasSuffix(lines[0], "  t.txt") || !strings.HasSuffix(lines[1], "  manifest.json") {
		t.Errorf("SHA256SUMS:\n%s", sums)
	}
	m := read(t, filepath.Join(res.Out, "manifest.json"))
	for _, want := range []string{`"path": "t.txt"`, `"media_type": "text/plain"`, `"bytes": 31`, `"timestamp": "2026-01-01T00:00:00Z"`} {
		if !strings.Contains(m, want) {
			t.Errorf("manifest lacks %s:\n%s", want, m)
		}
	}
}

func TestReproducibleAndEpoch(t *testing.T) {
	dir := project(t)
	r1, err := Run(Options{Dir: dir, Out: "b1"}, fake)
	if err != nil {
		t.Fatal(err)
	}
	r2, err := Run(Options{Dir: dir, Out: "b2"}, fake)
	if err != nil {
		t.Fatal(err)
	}
	if read(t, filepath.Join(r1.Out, "SHA256SUMS")) != read(t, filepath.Join(r2.Out, "SHA256SUMS")) {
		t.Error("two builds differ")
	}
	r3, err := Run(Options{Dir: dir, Out: "b3", SourceDateEpoch: "1700000000"}, fake)
	if err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(r3.Out, "t.txt")); !strings.Contains(got, "2023-11-14 22:13:20") {
		t.Errorf("SOURCE_DATE_EPOCH not used: %q", got)
	}
}

// A build that fails after writing some outputs must leave the previous build exactly as it was.
func TestFailedBuildLeavesPreviousBuild(t *testing.T) {
	dir := project(t)
	res, err := Run(Options{Dir: dir}, fake)
	if err != nil {
		t.Fatal(err)
	}
	before := read(t, filepath.Join(res.Out, "SHA256SUMS"))
	os.WriteFile(filepath.Join(dir, "source", "a.md"), []byte("# B\n\nOther text.\n"), 0o644)
	if _, err := Run(Options{Dir: dir, failAfter: 1}, fake); err == nil {
		t.Fatal("the build was meant to fail")
	}
	if after := read(t, filepath.Join(res.Out, "SHA256SUMS")); after != before {
		t.Errorf("previous build changed:\n%s\n%s", before, after)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".colophon-") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
	// A writer's error fails the build the same way.
	failing := []Writer{{Name: "pdf", Write: func(*Resources, *Files) error { return errors.New("boom") }}}
	if _, err := Run(Options{Dir: dir}, append(fake, failing...)); err == nil || !strings.Contains(err.Error(), "pdf: boom") {
		t.Errorf("writer error: got %v", err)
	}
	if after := read(t, filepath.Join(res.Out, "SHA256SUMS")); after != before {
		t.Error("previous build changed after a writer failed")
	}
	// Content errors also leave it alone.
	os.WriteFile(filepath.Join(dir, "source", "a.md"), []byte("# B\n\nText.[^x]\n"), 0o644)
	var ds edition.Diagnostics
	if _, err := Run(Options{Dir: dir}, fake); !errors.As(err, &ds) {
		t.Errorf("want diagnostics, got %v", err)
	}
	if after := read(t, filepath.Join(res.Out, "SHA256SUMS")); after != before {
		t.Error("previous build changed after a content error")
	}
}

func TestOutFolderSafety(t *testing.T) {
	dir := project(t)
	os.MkdirAll(filepath.Join(dir, "mine"), 0o755)
	os.WriteFile(filepath.Join(dir, "mine", "notes.txt"), []byte("keep"), 0o644)
	os.WriteFile(filepath.Join(dir, "afile"), []byte("keep"), 0o644)
	for _, out := range []string{".", "source", "source/x", "fonts", "mine", "..", "afile"} {
		_, err := Run(Options{Dir: dir, Out: out}, fake)
		var ue UsageError
		if out == ".." {
			// The project's parent holds the project itself.
			if !errors.As(err, &ue) {
				t.Errorf("--out %s: got %v, want a usage error", out, err)
			}
			continue
		}
		var ff ForeignFiles
		if out == "mine" {
			// A folder of the user's is named file by file (owned_test.go).
			if !errors.As(err, &ff) {
				t.Errorf("--out %s: got %v, want the files colophon did not make", out, err)
			}
			continue
		}
		if !errors.As(err, &ue) {
			t.Errorf("--out %s: got %v, want a usage error", out, err)
		}
	}
	if read(t, filepath.Join(dir, "afile")) != "keep" {
		t.Error("a file named as the output folder was replaced")
	}
	if read(t, filepath.Join(dir, "mine", "notes.txt")) != "keep" {
		t.Error("a folder colophon did not make was replaced")
	}
}

func TestOnly(t *testing.T) {
	dir := project(t)
	var calls bytes.Buffer
	ws := []Writer{
		{Name: "epub", Write: func(*Resources, *Files) error { calls.WriteString("epub "); return nil }},
		{Name: "pdf", Write: func(*Resources, *Files) error { calls.WriteString("pdf "); return nil }},
	}
	if _, err := Run(Options{Dir: dir, Only: []string{"pdf"}}, ws); err != nil {
		t.Fatal(err)
	}
	if calls.String() != "pdf " {
		t.Errorf("--only pdf ran: %q", calls.String())
	}
	var ue UsageError
	if _, err := Run(Options{Dir: dir, Only: []string{"mobi"}}, ws); !errors.As(err, &ue) {
		t.Errorf("--only mobi: got %v, want a usage error", err)
	}
}

// Two outputs of one path are a bug in colophon, never a silent overwrite: the build fails and
// leaves nothing behind.
func TestTwoWritersSamePath(t *testing.T) {
	dir := project(t)
	again := []Writer{{Name: "pdf", Write: func(_ *Resources, files *Files) error {
		return files.Put(Output{Path: "t.txt", Data: []byte("other")})
	}}}
	_, err := Run(Options{Dir: dir}, append(fake, again...))
	if err == nil || !strings.Contains(err.Error(), "two writers made t.txt") {
		t.Fatalf("got %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "build")); !os.IsNotExist(err) {
		t.Errorf("a build folder was made: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".colophon-") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

// Outputs put into Files are written at once, listed by path with their size and checksum, and
// not held.
func TestFiles(t *testing.T) {
	dir := project(t)
	many := []Writer{{Name: "handouts", Write: func(_ *Resources, files *Files) error {
		for _, n := range []string{"b", "a", "c"} {
			if err := files.Put(Output{Path: "h/" + n + ".txt", Data: []byte(n + n)}); err != nil {
				return err
			}
			if _, err := os.Stat(filepath.Join(files.stage.dir, "h", n+".txt")); err != nil {
				return fmt.Errorf("not written when put: %v", err)
			}
		}
		return nil
	}}}
	res, err := Run(Options{Dir: dir}, many)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, o := range res.Outputs {
		got = append(got, fmt.Sprintf("%s %d %.8s %v", o.Path, o.Size, o.SHA256, o.Data == nil))
	}
	// sha256("aa") begins 961b6dd3, "bb" 3b64db95, "cc" 355b1bbf.
	want := []string{"h/a.txt 2 961b6dd3 true", "h/b.txt 2 3b64db95 true", "h/c.txt 2 355b1bbf true"}
	if len(got) != 5 || strings.Join(got[:3], "\n") != strings.Join(want, "\n") || !strings.HasPrefix(got[4], "SHA256SUMS ") {
		t.Errorf("outputs:\n%s", strings.Join(got, "\n"))
	}
	if read(t, filepath.Join(res.Out, "h", "c.txt")) != "cc" {
		t.Error("h/c.txt not written")
	}
}

// A stage left by a killed build is removed by the next build; one whose process still runs is not.
func TestStaleStages(t *testing.T) {
	dir := project(t)
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skip("no true(1) to take a dead process id from")
	}
	dead := filepath.Join(dir, fmt.Sprintf(".colophon-build-%d-123", cmd.Process.Pid))
	alive := filepath.Join(dir, ".colophon-build-1-456") // init never exits
	for _, p := range []string{dead, alive} {
		os.MkdirAll(filepath.Join(p, "handouts"), 0o755)
		os.WriteFile(filepath.Join(p, "handouts", "half.pdf"), []byte("%PDF-"), 0o644)
	}
	if _, err := Run(Options{Dir: dir}, fake); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dead); !os.IsNotExist(err) {
		t.Errorf("the killed build's stage is still there: %v", err)
	}
	if _, err := os.Stat(alive); err != nil {
		t.Errorf("a running build's stage was removed: %v", err)
	}
}

// A check begun with Later runs while the writers after its own do, and when it fails the build
// fails and the previous output stays; the writers after it still saw its writer's files.
func TestLaterCheckFailsTheBuild(t *testing.T) {
	dir := project(t)
	if _, err := Run(Options{Dir: dir}, fake); err != nil {
		t.Fatal(err)
	}
	before := read(t, filepath.Join(dir, "build", "SHA256SUMS"))
	release := make(chan struct{})
	var seen []string
	writers := append(append([]Writer(nil), fake...),
		Writer{Name: "print", After: true, Write: func(r *Resources, files *Files) error {
			if err := files.Put(Output{Path: "p.txt", Data: []byte("printed")}); err != nil {
				return err
			}
			r.Later("checking p.txt", func() error {
				<-release // still running when the next writer runs
				return errors.New("p.txt: a finding")
			})
			return nil
		}},
		Writer{Name: "library", After: true, Write: func(r *Resources, files *Files) error {
			for _, o := range files.Before() {
				seen = append(seen, o.Path)
			}
			close(release)
			return nil
		}})
	_, err := Run(Options{Dir: dir}, writers)
	if err == nil || !strings.Contains(err.Error(), "p.txt: a finding") {
		t.Fatalf("got %v, want the check's finding", err)
	}
	if strings.Join(seen, " ") != "p.txt t.txt" {
		t.Errorf("the writer after the checked one saw %v", seen)
	}
	if read(t, filepath.Join(dir, "build", "SHA256SUMS")) != before {
		t.Error("a failed check's build was put in place")
	}
	if _, err := os.Stat(filepath.Join(dir, "build", "p.txt")); err == nil {
		t.Error("the checked output is in the output folder")
	}
}

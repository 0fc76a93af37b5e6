package main

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"colophon/internal/testkit"
)

func runCmd(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestExitStatus(t *testing.T) {
	seed := testkit.SeedDir(t)
	bad := t.TempDir()
	os.MkdirAll(filepath.Join(bad, "source"), 0o755)
	os.WriteFile(filepath.Join(bad, "source", "book.yaml"), []byte("title: T\nlanguage: en\ndate: 2026-01-01\n"), 0o644)
	os.WriteFile(filepath.Join(bad, "source", "a.md"), []byte("# T\n\nText.[^9]\n"), 0o644)
	empty := t.TempDir()
	twins := t.TempDir()
	os.MkdirAll(filepath.Join(twins, "source"), 0o755)
	os.WriteFile(filepath.Join(twins, "source", "book.yaml"), []byte("title: T\nlanguage: en\ndate: 2026-01-01\nisbn: 978-0-306-40615-7\nebook_isbn: 9780306406157\n"), 0o644)
	os.WriteFile(filepath.Join(twins, "source", "a.md"), []byte("# T\n\nText.\n"), 0o644)
	cases := []struct {
		args   []string
		code   int
		stream string // text expected on stdout or stderr
	}{
		{[]string{"--help"}, 0, "Usage:"},
		{[]string{"--version"}, 0, "colophon dev"},
		{nil, 2, "Usage:"},
		{[]string{"publish"}, 2, `unknown command "publish"`},
		{[]string{"build", "--colour"}, 2, "unknown option --colour; colophon --help lists the options"},
		// Mistakes a new user makes, answered in one line with a suggestion, not the whole usage.
		{[]string{"biuld"}, 2, `unknown command "biuld" (did you mean "build"?)`},
		{[]string{"build", "--ouput", "x"}, 2, "unknown option --ouput (did you mean --out?)"},
		{[]string{"build", "-C", seed, "--out", t.TempDir(), "--bleed", "3"}, 2, "--bleed \"3\""},
		{[]string{"build", "-C", bad, "--bleed", "3"}, 2, "(it has no unit)"},
		{[]string{"watch", "-q", "-C", t.TempDir()}, 1, "is not a colophon project"},
		{[]string{"build", "-C", empty}, 1, empty + " is not a colophon project: it has no source folder (colophon init " + empty + " makes a new edition there)"},
		{[]string{"check", "-C", twins}, 1, "source/book.yaml:5:13: ebook_isbn is the print edition's ISBN (isbn, line 4): each edition has an ISBN of its own"},
		{[]string{"build", "--only", "mobi", "-C", seed}, 2, `--only: unknown output "mobi"`},
		{[]string{"check", "-C", seed}, 0, "2 documents, 4 notes, no problems found"},
		{[]string{"check", "-C", bad}, 1, "source/a.md:3:6: note reference [^9] has no definition"},
		{[]string{"build", "-C", bad}, 1, "nothing was written"},
		{[]string{"init"}, 2, "name one folder"},
	}
	for _, c := range cases {
		code, out, errs := runCmd(c.args...)
		if code != c.code || !strings.Contains(out+errs, c.stream) {
			t.Errorf("colophon %s: exit %d (want %d)\nstdout: %s\nstderr: %s\nwant text: %s", strings.Join(c.args, " "), code, c.code, out, errs, c.stream)
		}
		if c.code == 2 && c.args != nil && strings.Contains(errs, "Usage:") {
			t.Errorf("colophon %s printed the whole usage for one mistake:\n%s", strings.Join(c.args, " "), errs)
		}
	}
	if _, err := os.Stat(filepath.Join(bad, "build")); err == nil {
		t.Error("a failed build wrote build/")
	}
}

// init makes an edition that checks and builds, and whose SHA256SUMS verifies with sha256sum -c.
func TestInitThenBuild(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new")
	if code, _, errs := runCmd("init", dir); code != 0 {
		t.Fatalf("init: %d %s", code, errs)
	}
	// init names the edition after its folder, so the outputs are build/new.epub and so on.
	if yaml, _ := os.ReadFile(filepath.Join(dir, "source", "book.yaml")); !strings.Contains(string(yaml), "\nname: new\n") {
		t.Errorf("init wrote no name: from the folder's name:\n%s", yaml)
	}
	// A new user's documents are not known to be translated from anything: a sample source
	// language would print "Translated from the Russian" on their edition.
	if yaml, _ := os.ReadFile(filepath.Join(dir, "source", "book.yaml")); strings.Contains(string(yaml), "original_language") {
		t.Errorf("init wrote an original language:\n%s", yaml)
	}
	if code, _, _ := runCmd("init", dir); code != 1 {
		t.Errorf("init over an existing edition must fail")
	}
	if code, out, errs := runCmd("check", "-C", dir); code != 0 {
		t.Fatalf("check: %d %s %s", code, out, errs)
	}
	code, out, errs := runCmd("build", "-C", dir)
	if code != 0 {
		t.Fatalf("build: %d %s %s", code, out, errs)
	}
	if !strings.Contains(out, "built ") {
		t.Errorf("no summary line: %q", out)
	}
	if code, out, _ := runCmd("build", "-q", "-C", dir); code != 0 || out != "" {
		t.Errorf("-q printed %q", out)
	}
	if _, err := exec.LookPath("sha256sum"); err != nil {
		t.Skip("sha256sum not installed")
	}
	cmd := exec.Command("sha256sum", "-c", "--strict", "SHA256SUMS")
	cmd.Dir = filepath.Join(dir, "build")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("sha256sum -c: %v\n%s", err, b)
	}
}

// Two builds of the seed edition more than a second apart are byte-identical; SOURCE_DATE_EPOCH
// changes the recorded timestamps, so some outputs change with it.
func TestBuildsAreReproducible(t *testing.T) {
	seed := testkit.SeedDir(t)
	out := t.TempDir()
	if code, _, errs := runCmd("build", "-q", "-C", seed, "--out", filepath.Join(out, "a")); code != 0 {
		t.Fatalf("build: %s", errs)
	}
	time.Sleep(1100 * time.Millisecond)
	if code, _, errs := runCmd("build", "-q", "-C", seed, "--out", filepath.Join(out, "b")); code != 0 {
		t.Fatalf("build: %s", errs)
	}
	a, _ := os.ReadFile(filepath.Join(out, "a", "SHA256SUMS"))
	b, _ := os.ReadFile(filepath.Join(out, "b", "SHA256SUMS"))
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Errorf("SHA256SUMS differ:\n%s\n%s", a, b)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	if code, _, errs := runCmd("build", "-q", "-C", seed, "--out", filepath.Join(out, "c")); code != 0 {
		t.Fatalf("build: %s", errs)
	}
	c, _ := os.ReadFile(filepath.Join(out, "c", "SHA256SUMS"))
	if bytes.Equal(a, c) {
		t.Error("SOURCE_DATE_EPOCH changed nothing")
	}
	m, _ := os.ReadFile(filepath.Join(out, "c", "manifest.json"))
	if !bytes.Contains(m, []byte(`"timestamp": "2023-11-14T22:13:20Z"`)) {
		t.Errorf("manifest timestamp:\n%s", m)
	}
}

// verify-bag accepts the built bag and rejects it, naming the file, when a payload byte changes.
func TestVerifyBag(t *testing.T) {
	out := filepath.Join(t.TempDir(), "b")
	if code, _, errs := runCmd("build", "-q", "-C", testkit.SeedDir(t), "--out", out); code != 0 {
		t.Fatalf("build: %s", errs)
	}
	bag := filepath.Join(out, "library", "two-letters-kommunist-1956-bag")
	if code, stdout, errs := runCmd("verify-bag", bag); code != 0 || !strings.Contains(stdout, "valid bag") {
		t.Fatalf("verify-bag on a fresh bag: %d %s %s", code, stdout, errs)
	}
	victim := filepath.Join(bag, "data", "two-letters-kommunist-1956.pdf")
	data, err := os.ReadFile(victim)
	if err != nil {
		t.Fatal(err)
	}
	data[len(data)/2] ^= 1
	os.WriteFile(victim, data, 0o644)
	code, _, errs := runCmd("verify-bag", bag)
	if code != 1 || !strings.Contains(errs, "data/two-letters-kommunist-1956.pdf: checksum") {
		t.Errorf("verify-bag after a changed byte: exit %d\n%s", code, errs)
	}
	if code, _, _ := runCmd("verify-bag"); code != 2 {
		t.Errorf("verify-bag without a path: exit %d, want 2", code)
	}
}

// TestCheckWarnsOfCoarsePictures: a figure that would print under 300 ppi is a warning on stderr (600 pixels on the A4 handout's 34-em measure, 391 pt = 5.4 in, are 110 ppi)
// from check, with its source position and the pixels it would need; check still exits 0. A scan
// fine enough gets no warning.
func TestCheckWarnsOfCoarsePictures(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "source"), 0o755)
	os.WriteFile(filepath.Join(dir, "source", "book.yaml"), []byte("title: T\nlanguage: en\ndate: 2026-01-01\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "source", "a.md"), []byte("# T\n\n![A coarse scan](coarse.png)\n\n![A fine scan](fine.png)\n"), 0o644)
	for name, w := range map[string]int{"coarse.png": 600, "fine.png": 3000} {
		var b bytes.Buffer
		if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, w*3/4))); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, "source", name), b.Bytes(), 0o644)
	}
	code, out, errs := runCmd("check", "-C", dir)
	if code != 0 {
		t.Fatalf("check exited %d: %s", code, errs)
	}
	want := `source/a.md:3:1: warning: picture "source/coarse.png" prints at 129 ppi in the A4 handout (600 × 450 pixels on 4.7 × 3.5 in); printers ask for 300: a picture of at least 1400 pixels across, recording 300 ppi, would print sharp at that size`
	if strings.TrimSpace(errs) != want {
		t.Errorf("check's warnings:\n%s\nwant:\n%s", errs, want)
	}
	if !strings.Contains(out, "no problems found") {
		t.Errorf("check's report: %s", out)
	}
}

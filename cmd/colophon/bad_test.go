package main

import (
	"archive/zip"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"colophon/fonts"
)

var update = flag.Bool("update", false, "rewrite the expected diagnostics of testdata/bad")

// copyTree copies a test project into a temporary folder, so builds write nothing into testdata.
func copyTree(t *testing.T, from string) string {
	t.Helper()
	to := t.TempDir()
	err := filepath.Walk(from, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if rel == "expected.txt" {
			return nil
		}
		if info.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return to
}

// buildWithin runs a build, failing the test if it does not finish in time (a hang).
func buildWithin(t *testing.T, limit time.Duration, args ...string) (int, string, string) {
	t.Helper()
	type result struct {
		code     int
		out, err string
	}
	done := make(chan result, 1)
	go func() {
		c, o, e := runCmd(args...)
		done <- result{c, o, e}
	}()
	select {
	case r := <-done:
		return r.code, r.out, r.err
	case <-time.After(limit):
		t.Fatalf("colophon %s did not finish in %s", strings.Join(args, " "), limit)
	}
	return 0, "", ""
}

// TestBadInput builds every project in testdata/bad and compares the exit status and the
// diagnostics with the case's expected.txt; a failed build must write no build/ at all, and
// every build ends within the time and memory bounds without a panic.
func TestBadInput(t *testing.T) {
	cases, err := os.ReadDir("testdata/bad")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		if !c.IsDir() {
			continue
		}
		t.Run(c.Name(), func(t *testing.T) {
			dir := copyTree(t, filepath.Join("testdata", "bad", c.Name()))
			// In a child process, within the time and memory bounds (bounded_test.go).
			r := runBounded(t, "build", "-q", "-C", dir)
			code := r.code
			got := fmt.Sprintf("exit %d\n%s", code, strings.ReplaceAll(r.stderr, dir, "DIR"))
			exp := filepath.Join("testdata", "bad", c.Name(), "expected.txt")
			if *update {
				os.WriteFile(exp, []byte(got), 0o644)
			}
			want, err := os.ReadFile(exp)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
			_, statErr := os.Stat(filepath.Join(dir, "build"))
			if code != 0 && statErr == nil {
				t.Error("a failed build wrote build/")
			}
			if code == 0 && statErr != nil {
				t.Error("a good build wrote no build/")
			}
		})
	}
}

// Inputs too large to keep as files are made here: each builds, or fails with its diagnostic,
// within the time limit, and never panics.
func TestBadInputGenerated(t *testing.T) {
	book := "title: T\nlanguage: en\ndate: 2026-01-01\n"
	words := strings.Fields("the of and to in that letter party committee congress workers leadership question history")
	var para strings.Builder
	for i := 0; para.Len() < 1<<20-100; i++ {
		para.WriteString(words[(i*7+i/3)%len(words)])
		para.WriteByte(' ')
	}
	var notes, defs strings.Builder
	for i := 0; i < 5000; i++ {
		fmt.Fprintf(&notes, "Sentence %d has a note.[^n%d] ", i, i)
		fmt.Fprintf(&defs, "[^n%d]: Note %d.\n\n", i, i)
	}
	cases := []struct {
		name string
		doc  string
		args []string
		code int
		want string
	}{
		{"a paragraph at the limit, 1 MB", "# A long paragraph\n\n" + para.String() + "\n", []string{"--only", "pdf"}, 0, ""},
		{"100,000-character word", "# W\n\n" + strings.Repeat("y", 100000) + "\n", nil, 0, ""},
		{"10,000 nested block quotes", "# T\n\n" + strings.Repeat("> ", 10000) + "deep\n", nil, 1,
			"source/a.md:3:65: blocks are nested more than 32 deep (block quotes or lists inside each other)\n"},
		{"10,000 list levels", "# T\n\n" + strings.Repeat("- ", 10000) + "deep\n", nil, 1,
			"source/a.md:3:65: blocks are nested more than 32 deep (block quotes or lists inside each other)\n"},
		{"5,000 notes in one document", "# Many notes\n\n" + notes.String() + "\n\n" + defs.String(), nil, 0, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			os.MkdirAll(filepath.Join(dir, "source"), 0o755)
			os.WriteFile(filepath.Join(dir, "source", "book.yaml"), []byte(book), 0o644)
			os.WriteFile(filepath.Join(dir, "source", "a.md"), []byte(c.doc), 0o644)
			code, _, stderr := buildWithin(t, 3*time.Minute, append([]string{"build", "-q", "-C", dir}, c.args...)...)
			if code != c.code || (c.want != "" && !strings.HasPrefix(stderr, c.want)) || (c.want == "" && stderr != "") {
				t.Errorf("exit %d (want %d)\n%s\nwant:\n%s", code, c.code, stderr, c.want)
			}
		})
	}
}

// Images and fonts reached through symlinks that leave the project are refused.
func TestSymlinksLeavingTheProject(t *testing.T) {
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "map.png"), []byte("png"), 0o644)
	data, _ := os.ReadFile("../../fonts/GentiumBookPlus-Regular.ttf")
	os.WriteFile(filepath.Join(outside, "f.ttf"), data, 0o644)
	dir := t.TempDir()
	for _, d := range []string{"source", "covers", "fonts"} {
		os.MkdirAll(filepath.Join(dir, d), 0o755)
	}
	os.WriteFile(filepath.Join(dir, "source", "book.yaml"), []byte("title: T\nlanguage: en\ndate: 2026-01-01\nfonts:\n  regular: fonts/f.ttf\n  italic: regular\n  bold: regular\n  bold_italic: regular\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "source", "a.md"), []byte("# T\n\n![A map](../covers/map.png)\n"), 0o644)
	if err := os.Symlink(filepath.Join(outside, "map.png"), filepath.Join(dir, "covers", "map.png")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	os.Symlink(filepath.Join(outside, "f.ttf"), filepath.Join(dir, "fonts", "f.ttf"))
	code, _, stderr := buildWithin(t, time.Minute, "build", "-q", "-C", dir)
	want := "source/a.md:3:3: image \"../covers/map.png\" leads outside the project folder\n" +
		"source/book.yaml:5:12: font: \"fonts/f.ttf\" leads outside the project folder\n" +
		"colophon: 2 problems in the sources; nothing was written\n"
	if code != 1 || stderr != want {
		t.Errorf("exit %d\n%s\nwant:\n%s", code, stderr, want)
	}
}

// An edition that names two of its four faces is refused, each missing face named, rather than
// set in the default typeface under the edition's family name (and embedded under that name).
func TestMissingFace(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "source"), 0o755)
	os.MkdirAll(filepath.Join(dir, "fonts"), 0o755)
	os.WriteFile(filepath.Join(dir, "fonts", "serif.ttf"), fonts.Regular, 0o644)
	os.WriteFile(filepath.Join(dir, "fonts", "serif-italic.ttf"), fonts.Italic, 0o644)
	os.WriteFile(filepath.Join(dir, "source", "book.yaml"), []byte("title: T\nlanguage: en\ndate: 2026-01-01\nfonts:\n  family: A Serif\n  regular: fonts/serif.ttf\n  italic: fonts/serif-italic.ttf\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "source", "a.md"), []byte("# T\n\nText.\n"), 0o644)
	code, _, stderr := buildWithin(t, time.Minute, "build", "-q", "-C", dir)
	want := "source/book.yaml:4:1: fonts: bold is not named: name all four faces, each a .ttf file or the face that stands in for it (bold: regular)\n" +
		"source/book.yaml:4:1: fonts: bold_italic is not named: name all four faces, each a .ttf file or the face that stands in for it (bold_italic: regular)\n" +
		"colophon: 2 problems in the sources; nothing was written\n"
	if code != 1 || stderr != want {
		t.Errorf("exit %d\n%s\nwant:\n%s", code, stderr, want)
	}
	// Said as the message suggests, it builds, and the PDF embeds the one face under its own name.
	os.WriteFile(filepath.Join(dir, "source", "book.yaml"), []byte("title: T\nlanguage: en\ndate: 2026-01-01\nfonts:\n  family: A Serif\n  regular: fonts/serif.ttf\n  italic: fonts/serif-italic.ttf\n  bold: regular\n  bold_italic: italic\n"), 0o644)
	if code, _, stderr := buildWithin(t, time.Minute, "build", "-q", "-C", dir); code != 0 {
		t.Fatalf("with stand-ins: exit %d\n%s", code, stderr)
	}
	// The EPUB declares the faces under the edition's family, and the stand-ins use the same files.
	zr, err := zip.OpenReader(filepath.Join(dir, "build", "t.epub"))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var css string
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, ".css") {
			r, _ := f.Open()
			b, _ := io.ReadAll(r)
			r.Close()
			css = string(b)
		}
	}
	if !strings.Contains(css, `font-family: "A Serif", serif;`) || strings.Contains(css, "Gentium") {
		t.Errorf("the EPUB's CSS does not use the edition's family:\n%s", css)
	}
	// The PDF's fonts are named as the files name themselves, not after the edition's family.
	if fonts, err := exec.Command("pdffonts", filepath.Join(dir, "build", "t.pdf")).Output(); err == nil {
		if strings.Contains(string(fonts), "ASerif") || !strings.Contains(string(fonts), "GentiumBookPlus") {
			t.Errorf("pdffonts:\n%s", fonts)
		}
	}
}

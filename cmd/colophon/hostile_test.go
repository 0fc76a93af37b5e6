package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// hostileCase is one hostile or careless input: a project (or a file for preflight), the commands
// run on it, and what they must answer. Each command runs in a child process within the time and
// memory bounds (bounded_test.go), must not panic, and must exit with code, its stderr holding
// every line of want (DIR stands for the project folder).
type hostileCase struct {
	name  string
	files map[string]string              // written into the project (writeProject)
	setup func(t *testing.T, dir string) // anything else: FIFOs, folders, symlinks
	cmds  [][]string                     // default: check and build
	code  int                            // for every command
	want  []string                       // in stderr, for every command
	after func(t *testing.T, dir string) // more to check once the commands ran
}

var checkAndBuild = [][]string{{"check", "-C", "DIR"}, {"build", "-q", "-C", "DIR"}}

func fifo(rel string) func(t *testing.T, dir string) {
	return func(t *testing.T, dir string) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := syscall.Mkfifo(p, 0o644); err != nil {
			t.Skip("no FIFOs here:", err)
		}
	}
}

func figure(name string) string { return "# T\n\n![A picture](" + name + ")\n" }

// TestHostileInputs is the hostile-input corpus: one case for each way an input was found to
// panic, hang, take unbounded memory, delete a user's file or pass check only to fail the build,
// and for each kind of input a hostile or careless user sends.
func TestHostileInputs(t *testing.T) {
	cases := []hostileCase{
		// Pictures: limits from the header, before any decoding; damage found by check.
		{name: "JPEG claiming 65,000 × 65,000 pixels", code: 1,
			files: map[string]string{"source/a.md": figure("huge.jpg")},
			setup: func(t *testing.T, dir string) { write(t, dir, "source/huge.jpg", jpegClaiming(t, 65000, 65000)) },
			want:  []string{`source/a.md:3:3: image "huge.jpg" is 65000 × 65000 pixels (4225 megapixels); colophon places pictures of at most 100 megapixels`}},
		{name: "PNG claiming 100,000 × 100,000 pixels", code: 1,
			files: map[string]string{"source/a.md": figure("huge.png"), "source/huge.png": string(grayPNG(100000, 100000, 1))},
			want:  []string{`source/a.md:3:3: image "huge.png" is 100000 × 100000 pixels (10000 megapixels); colophon places pictures of at most 100 megapixels`}},
		{name: "truncated JPEG", code: 1,
			files: map[string]string{"source/a.md": figure("cut.jpg")},
			setup: func(t *testing.T, dir string) {
				j := noiseJPEG(t, 400, 300)
				write(t, dir, "source/cut.jpg", j[:len(j)*3/5])
			},
			want: []string{`source/a.md:3:3: image "cut.jpg" is damaged: it ends before its last row (the file is cut short)`}},
		{name: "PNG whose header promises rows its data lacks", code: 1,
			files: map[string]string{"source/a.md": figure("false.png"), "source/false.png": string(grayPNG(64, 48, 3))},
			want:  []string{`source/a.md:3:3: image "false.png" is damaged: it holds 3 of the 48 rows its header promises`}},
		{name: "WebP", code: 1,
			files: map[string]string{"source/a.md": figure("p.webp"), "source/p.webp": tinyWebP},
			want:  []string{`source/a.md:3:3: image "p.webp" is a WebP picture; colophon places JPEG and PNG pictures`}},
		{name: "WebP named .png", code: 1,
			files: map[string]string{"source/a.md": figure("p.png"), "source/p.png": tinyWebP},
			want:  []string{`source/a.md:3:3: image "p.png" is a WebP picture; colophon places JPEG and PNG pictures`}},
		{name: "FIFO named as an image", code: 1,
			files: map[string]string{"source/a.md": figure("pipe.png")}, setup: fifo("source/pipe.png"),
			want: []string{`source/a.md:3:3: image "pipe.png" is not a file but a named pipe (FIFO)`}},
		{name: "folder named as an image", code: 1,
			files: map[string]string{"source/a.md": figure("dir.png"), "source/dir.png/x": "x"},
			want:  []string{`source/a.md:3:3: image "dir.png" is a folder, not a picture`}},

		// Covers: the same checks as figures' pictures, at book.yaml's line, or at the file for
		// the default covers/cover.*.
		{name: "FIFO named as the cover", code: 1,
			files: map[string]string{"source/book.yaml": "title: T\nlanguage: en\ndate: 2026-01-01\ncover: covers/pipe.png\n"},
			setup: fifo("covers/pipe.png"),
			want:  []string{`source/book.yaml:4:8: cover "covers/pipe.png" is not a file but a named pipe (FIFO)`}},
		{name: "folder as the default cover", code: 1,
			files: map[string]string{"covers/cover.jpg/x": "x"},
			want:  []string{`covers/cover.jpg: the cover is a folder, not a picture`}},
		{name: "cover symlink leading outside the project", code: 1,
			setup: func(t *testing.T, dir string) {
				outside := t.TempDir()
				write(t, outside, "c.jpg", noiseJPEG(t, 16, 24))
				os.MkdirAll(filepath.Join(dir, "covers"), 0o755)
				if err := os.Symlink(filepath.Join(outside, "c.jpg"), filepath.Join(dir, "covers", "cover.jpg")); err != nil {
					t.Skip("no symlinks here:", err)
				}
			},
			want: []string{`covers/cover.jpg: the cover leads outside the project folder`}},
		{name: "cover claiming 65,000 × 65,000 pixels", code: 1,
			setup: func(t *testing.T, dir string) { write(t, dir, "covers/cover.jpg", jpegClaiming(t, 65000, 65000)) },
			want:  []string{`covers/cover.jpg: the cover is 65000 × 65000 pixels (4225 megapixels); colophon places pictures of at most 100 megapixels`}},
		{name: "truncated cover", code: 1,
			files: map[string]string{"source/book.yaml": "title: T\nlanguage: en\ndate: 2026-01-01\ncover: covers/c.png\n", "covers/c.png": string(grayPNG(64, 96, 10))},
			want:  []string{`source/book.yaml:4:8: cover "covers/c.png" is damaged: it holds 10 of the 96 rows its header promises`}},

		// Fonts: every table parsed at check; a damaged one named.
		{name: "font with a damaged cmap table (go-text panicked)", code: 1,
			setup: func(t *testing.T, dir string) {
				write(t, dir, "fonts/x.ttf", []byte(damagedFont(t, "cmap", negativeCmapIndex)))
			},
			files: map[string]string{"source/book.yaml": fontBook},
			want:  []string{"fonts/x.ttf: damaged cmap table"}},
	}
	for _, tag := range []string{"GSUB", "GPOS", "GDEF", "hmtx", "name", "post", "glyf", "loca", "head", "hhea", "maxp", "OS/2"} {
		cases = append(cases, hostileCase{name: "font with noise for its " + tag + " table", code: 1,
			setup: func(t *testing.T, dir string) { write(t, dir, "fonts/x.ttf", []byte(damagedFont(t, tag, noise))) },
			files: map[string]string{"source/book.yaml": fontBook},
			want:  []string{"fonts/x.ttf: damaged " + tag + " table"}})
	}
	cases = append(cases, []hostileCase{
		{name: "font with a glyf table cut short", code: 1,
			setup: func(t *testing.T, dir string) { write(t, dir, "fonts/x.ttf", []byte(shortenTable(t, "glyf", 1000))) },
			files: map[string]string{"source/book.yaml": fontBook},
			want:  []string{"fonts/x.ttf: damaged glyf table"}},
		{name: "FIFO named as a font", code: 1,
			files: map[string]string{"source/book.yaml": fontBook}, setup: fifo("fonts/x.ttf"),
			want: []string{`source/book.yaml:5:12: font "fonts/x.ttf" is not a file but a named pipe (FIFO)`}},
		{name: "HTML page saved as a font", code: 1,
			files: map[string]string{"source/book.yaml": fontBook, "fonts/x.ttf": "<!DOCTYPE html><html><body>404</body></html>"},
			want:  []string{`source/book.yaml:5:12: font "fonts/x.ttf": is not a TrueType font`}},

		// Source files that are not files.
		{name: "FIFO as a document", code: 1, setup: fifo("source/b.md"),
			want: []string{"source/b.md: not a file but a named pipe (FIFO)"}},
		{name: "FIFO as book.yaml", code: 1,
			setup: func(t *testing.T, dir string) {
				os.Remove(filepath.Join(dir, "source", "book.yaml"))
				fifo("source/book.yaml")(t, dir)
			},
			want: []string{"source/book.yaml: not a file but a named pipe (FIFO)"}},

		// Nesting, checked before goldmark builds the tree.
		{name: "200,000 nested list markers", code: 1,
			files: map[string]string{"source/a.md": "# T\n\n" + deep("- ", 200000) + "deep\n"},
			want:  []string{"source/a.md:3:65: blocks are nested more than 32 deep (block quotes or lists inside each other)"}},
		{name: "200,000 nested block quotes", code: 1,
			files: map[string]string{"source/a.md": "# T\n\n" + deep(">", 200000) + " deep\n"},
			want:  []string{"source/a.md:3:33: blocks are nested more than 32 deep (block quotes or lists inside each other)"}},
		{name: "50,000 nested emphasis marks", code: 1,
			files: map[string]string{"source/a.md": "# T\n\n" + deep("*", 50000) + "deep" + deep("*", 50000) + "\n"},
			want:  []string{"source/a.md:3:1: emphasis, links or brackets are nested more than 32 deep"}},
		{name: "100,000 nested link brackets", code: 1,
			files: map[string]string{"source/a.md": "# T\n\n" + deep("[", 100000) + "x" + deep("](u)", 100000) + "\n"},
			want:  []string{"source/a.md:3:33: emphasis, links or brackets are nested more than 32 deep"}},
		{name: "100,000 nested flow sequences in book.yaml", code: 1,
			files: map[string]string{"source/book.yaml": "title: T\nlanguage: en\ndate: 2026-01-01\nsubjects: " + deep("[", 100000) + deep("]", 100000) + "\n"},
			want:  []string{"source/book.yaml:4:"}},

		// YAML bombs.
		{name: "billion laughs in book.yaml", code: 1,
			files: map[string]string{"source/book.yaml": laughs("title: T\nlanguage: en\ndate: 2026-01-01\nsubjects: *l9\n")},
			want:  []string{"source/book.yaml:"}},
		{name: "billion laughs in front matter", code: 1,
			files: map[string]string{"source/a.md": "---\n" + laughs("endorsements: *l9\n") + "---\n# T\n\nText.\n"},
			want:  []string{"source/a.md:"}},

		// Control characters.
		{name: "a bell in the text", code: 1, files: map[string]string{"source/a.md": "# T\n\nRing\a.\n"},
			want: []string{"source/a.md:3:5: control character U+0007 in the text"}},
		{name: "an escape in the title", code: 1, files: map[string]string{"source/book.yaml": "title: \"T\\e[31m\"\nlanguage: en\ndate: 2026-01-01\n"},
			want: []string{"source/book.yaml:1:10: control character U+001B in the text"}},
		{name: "a next-line control in a note", code: 1, files: map[string]string{"source/a.md": "# T\n\nText.[^1]\n\n[^1]: A\u0085note.\n"},
			want: []string{"source/a.md:5:8: control character U+0085 in the text"}},

		// Unicode: decomposed accents print; a mark nothing can draw is named.
		{name: "decomposed accents", code: 0,
			files: map[string]string{"source/book.yaml": "title: \"Cafe\u0301\"\nname: cafe\nlanguage: en\ndate: 2026-01-01\n", "source/a.md": "# Cafe\u0301\n\nCafe\u0301 au lait, nai\u0308ve, Ελλη\u0301νικα.\n"},
			after: pdfSays("build/cafe.pdf", "Café au lait, naïve, Ελλήνικα.")},
		{name: "a combining mark no font or composed form draws", code: 1,
			files: map[string]string{"source/a.md": "# T\n\nBad t\u0321ext.\n"},
			want:  []string{"source/a.md:3:6: combining mark U+0321 after \"t\" cannot be drawn"}},

		// The typographic cover.
		{name: "an 80-word title", code: 0, cmds: [][]string{{"build", "-q", "-C", "DIR"}},
			files: map[string]string{"source/book.yaml": "title: " + deep("Committee ", 80) + "\nlanguage: en\ndate: 2026-01-01\nsubtitle: " + deep("Subtitle ", 60) + "\npublisher: " + deep("Press ", 40) + "\n"}},
		{name: "a title of one 300-letter word", code: 0, cmds: [][]string{{"build", "-q", "-C", "DIR", "--only", "covers"}},
			files: map[string]string{"source/book.yaml": "title: " + deep("W", 300) + "\nlanguage: en\ndate: 2026-01-01\n"}},

		// Paragraphs too long to set.
		{name: "a 10 MB paragraph", code: 1, cmds: [][]string{{"build", "-q", "-C", "DIR"}},
			setup: longParagraph(10 << 20),
			want:  []string{"source/a.md:3:1: paragraph of"}},
		{name: "a 46 MB paragraph", code: 1, cmds: [][]string{{"build", "-q", "-C", "DIR"}},
			setup: longParagraph(46 << 20),
			want:  []string{"source/a.md:3:1: paragraph of"}},

		// The output folder.
		{name: "a user's file in build/", code: 1, cmds: [][]string{{"build", "-q", "-C", "DIR"}},
			setup: func(t *testing.T, dir string) {
				if r := runBounded(t, "build", "-q", "-C", dir); r.code != 0 {
					t.Fatal(r.stderr)
				}
				write(t, dir, "build/notes.txt", []byte("mine"))
			},
			want:  []string{"build/notes.txt: a file colophon did not make (build/manifest.json does not list it)", "--force"},
			after: fileHolds("build/notes.txt", "mine")},
		{name: "--out onto a folder with a manifest.json of its own", code: 1, cmds: [][]string{{"build", "-q", "-C", "DIR", "--out", "mine"}},
			files: map[string]string{"mine/manifest.json": "{}", "mine/thesis.txt": "years of work"},
			want:  []string{"mine/thesis.txt: a file colophon did not make (mine/manifest.json is not a manifest colophon wrote)"},
			after: fileHolds("mine/thesis.txt", "years of work")},
		{name: "--out through a symlink into source/", code: 2, cmds: [][]string{{"build", "-q", "-C", "DIR", "--out", "x/y"}},
			setup: func(t *testing.T, dir string) { os.Symlink("source", filepath.Join(dir, "x")) },
			want:  []string{"would replace the project's own files"}},
		{name: "--out onto a file", code: 2, cmds: [][]string{{"build", "-q", "-C", "DIR", "--out", "source/a.md"}},
			want: []string{"would replace the project's own files"}},
		{name: "--out onto the project", code: 2, cmds: [][]string{{"build", "-q", "-C", "DIR", "--out", "."}},
			want: []string{"would replace the project's own files"}},

		// PDFs for preflight.
		{name: "preflight: a flate bomb", code: 1, cmds: [][]string{{"preflight", "DIR/bomb.pdf"}},
			setup: func(t *testing.T, dir string) {
				write(t, dir, "bomb.pdf", minimalPDF("/Filter /FlateDecode", flateBomb(2000), ""))
			},
			want: []string{"DIR/bomb.pdf: page 1: a content stream inflates to more than 64 MB"}},
		{name: "preflight: a truncated PDF", code: 1, cmds: [][]string{{"preflight", "DIR/cut.pdf"}},
			setup: func(t *testing.T, dir string) {
				p := minimalPDF("", []byte("0 0 m 10 10 l S"), "")
				write(t, dir, "cut.pdf", p[:len(p)/2])
			},
			want: []string{"DIR/cut.pdf: page 1: cannot be read"}},
		{name: "preflight: an encrypted PDF", code: 1, cmds: [][]string{{"preflight", "DIR/locked.pdf"}},
			setup: func(t *testing.T, dir string) {
				write(t, dir, "locked.pdf", minimalPDF("", []byte("0 0 m 10 10 l S"),
					"/Encrypt 5 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]",
					"<< /Filter /Standard /V 1 /R 2 /O <"+strings.Repeat("ab", 32)+"> /U <"+strings.Repeat("cd", 32)+"> /P -4 >>"))
			},
			want: []string{"DIR/locked.pdf: the file is encrypted"}},
		{name: "preflight: not a PDF", code: 1, cmds: [][]string{{"preflight", "DIR/x.pdf"}},
			files: map[string]string{"x.pdf": "<html>not a pdf</html>"},
			want:  []string{"DIR/x.pdf: reading the PDF:"}},
		{name: "preflight: a FIFO", code: 1, cmds: [][]string{{"preflight", "DIR/pipe.pdf"}}, setup: fifo("pipe.pdf"),
			want: []string{"DIR/pipe.pdf: not a file but a named pipe (FIFO)"}},
	}...)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			writeProject(t, dir, c.files)
			if c.setup != nil {
				c.setup(t, dir)
			}
			cmds := c.cmds
			if cmds == nil {
				cmds = checkAndBuild
			}
			for _, cmd := range cmds {
				args := make([]string, len(cmd))
				for i, a := range cmd {
					args[i] = strings.ReplaceAll(a, "DIR", dir)
				}
				r := runBounded(t, args...)
				stderr := strings.ReplaceAll(r.stderr, dir, "DIR")
				if r.code != c.code {
					t.Errorf("colophon %s: exit %d, want %d\n%s", cmd[0], r.code, c.code, stderr)
				}
				for _, w := range c.want {
					if !strings.Contains(stderr, w) {
						t.Errorf("colophon %s: stderr does not say\n  %s\nit says:\n%s", cmd[0], w, stderr)
					}
				}
				if c.code == 0 && stderr != "" {
					t.Errorf("colophon %s: %s", cmd[0], stderr)
				}
				t.Logf("colophon %s: %d ms, %d MB", cmd[0], r.took.Milliseconds(), r.peak>>20)
			}
			if c.after != nil {
				c.after(t, dir)
			}
		})
	}
}

func write(t *testing.T, dir, rel string, data []byte) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func fileHolds(rel, want string) func(t *testing.T, dir string) {
	return func(t *testing.T, dir string) {
		if got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel))); err != nil || string(got) != want {
			t.Errorf("%s was lost or changed: %q %v", rel, got, err)
		}
	}
}

// laughs is YAML with nine levels of anchors, each alias list ten of the one before: a billion
// strings when expanded; rest follows, using *l9.
func laughs(rest string) string {
	var b strings.Builder
	b.WriteString("l0: &l0 \"lol\"\n")
	for i := 1; i <= 9; i++ {
		b.WriteString("l" + string(rune('0'+i)) + ": &l" + string(rune('0'+i)) + " [")
		for k := 0; k < 10; k++ {
			if k > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*l" + string(rune('0'+i-1)))
		}
		b.WriteString("]\n")
	}
	return b.String() + rest
}

// longParagraph writes a document of one paragraph of n bytes of words.
func longParagraph(n int) func(t *testing.T, dir string) {
	return func(t *testing.T, dir string) {
		words := strings.Fields("the of and to in that letter party committee congress workers leadership question history")
		var b strings.Builder
		b.Grow(n + 32)
		b.WriteString("# A long paragraph\n\n")
		for i := 0; b.Len() < n; i++ {
			b.WriteString(words[(i*7+i/3)%len(words)])
			b.WriteByte(' ')
		}
		b.WriteString("\n")
		write(t, dir, "source/a.md", []byte(b.String()))
	}
}

// pdfSays checks that a built PDF's text (pdftotext's) holds a phrase.
func pdfSays(rel, phrase string) func(t *testing.T, dir string) {
	return func(t *testing.T, dir string) {
		out, err := exec.Command("pdftotext", filepath.Join(dir, filepath.FromSlash(rel)), "-").Output()
		if errors.Is(err, exec.ErrNotFound) {
			t.Log("pdftotext is not installed: the PDF's text is not read")
			return
		}
		if err != nil || !strings.Contains(string(out), phrase) {
			t.Errorf("%s does not say %q (%v):\n%s", rel, phrase, err, out)
		}
	}
}

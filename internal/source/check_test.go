package source

import (
	"bytes"
	"errors"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"colophon/internal/edition"
)

const goodBook = "title: T\nlanguage: en\ndate: 2026-01-01\n"

// pngOf is a real PNG of w × h gray pixels, as a file's contents.
func pngOf(w, h int) string {
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		panic(err)
	}
	return b.String()
}

// writeProject makes a project folder from a map of relative paths to contents.
func writeProject(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for p, s := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func diagnostics(t *testing.T, dir string) []string {
	t.Helper()
	_, _, err := Load(dir, Options{})
	if err == nil {
		return nil
	}
	var ds edition.Diagnostics
	if !errors.As(err, &ds) {
		t.Fatalf("Load returned %v, not diagnostics", err)
	}
	var out []string
	for _, d := range ds.Sorted() {
		out = append(out, d.String())
	}
	return out
}

// TestCheckRules gives each rule a bad input and the exact diagnostics it must produce.
func TestCheckRules(t *testing.T) {
	doc := func(body string) map[string]string {
		return map[string]string{"source/book.yaml": goodBook, "source/a.md": body}
	}
	cases := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"note reference without definition", doc("# T\n\nText.[^x]\n"),
			[]string{`source/a.md:3:6: note reference [^x] has no definition: add a line "[^x]: …"`}},
		{"definition never referenced", doc("# T\n\nText.\n\n[^x]: Orphan.\n"),
			[]string{`source/a.md:5:1: note [^x] is defined but never referenced`}},
		{"duplicate label", doc("# T\n\nText.[^x]\n\n[^x]: One.\n\n[^x]: Two.\n"),
			[]string{`source/a.md:7:1: note [^x] is defined twice (first at line 5)`}},
		{"note referenced twice", doc("# T\n\nA.[^x] B.[^x]\n\n[^x]: One.\n"),
			[]string{`source/a.md:3:10: note [^x] is referenced twice: give each reference its own note`}},
		{"note in a note", doc("# T\n\nA.[^x]\n\n[^x]: One.[^y]\n\n[^y]: Two.\n"),
			[]string{`source/a.md:5:11: note reference [^y] inside a note: notes cannot have notes of their own`,
				`source/a.md:7:1: note [^y] is defined but never referenced`}},
		{"empty document", doc(""),
			[]string{`source/a.md:1:1: document is empty`}},
		{"only front matter", doc("---\ntitle: T\n---\n"),
			[]string{`source/a.md:4:1: document is empty: it has no text after its front matter`}},
		{"missing title", doc("Text without a heading.\n"),
			[]string{`source/a.md:1:1: document has no title: add "title:" to its front matter or begin it with a "# " heading`}},
		{"title twice", doc("---\ntitle: T\n---\n# T\n\nText.\n"),
			[]string{`source/a.md:4:3: title given twice: in the front matter and as a "# " heading`}},
		{"malformed book.yaml", map[string]string{"source/book.yaml": "title: T\nlanguage: [en\ndate: 2026-01-01\nrights: x\n", "source/a.md": "# T\n\nText.\n"},
			[]string{`source/book.yaml:2:1: malformed YAML: did not find expected ',' or ']'`}},
		{"malformed front matter", doc("---\ntitle: \"T\ndateline: x\n---\n\nText.\n"),
			[]string{`source/a.md:4:1: malformed YAML: found unexpected end of stream`}},
		{"unclosed front matter", doc("---\ntitle: T\n\nText.\n"),
			[]string{`source/a.md:1:1: front matter opened with "---" is never closed with a "---" line`}},
		{"unknown book key", map[string]string{"source/book.yaml": goodBook + "tittle: X\n", "source/a.md": "# T\n\nText.\n"},
			[]string{`source/book.yaml:4:1: unknown key "tittle" in book.yaml (did you mean "title"?)`}},
		{"unknown front matter key", doc("---\ntitle: T\narchiv: X\n---\n\nText.\n"),
			[]string{`source/a.md:3:1: unknown key "archiv" in front matter (did you mean "archive"?)`}},
		{"ISBN check digit", map[string]string{"source/book.yaml": goodBook + "isbn: 978-0-306-40615-6\n", "source/a.md": "# T\n\nText.\n"},
			[]string{`source/book.yaml:4:7: ISBN "978-0-306-40615-6" has a wrong check digit: 6, expected 7`}},
		{"unknown role", map[string]string{"source/book.yaml": goodBook + "contributors:\n  - name: X\n    role: writer\n", "source/a.md": "# T\n\nText.\n"},
			[]string{`source/book.yaml:6:11: role "writer" is not known; use one of annotator, author, contributor, editor, illustrator, introduction, translator`}},
		{"character the fonts lack", doc("# T\n\nA 中 character.\n"),
			[]string{`source/a.md:3:3: character '中' (U+4E2D) in Han script is in none of the edition's fonts (Gentium Book Plus, Noto Serif Hebrew, Noto Naskh Arabic): add a font that has it to fonts.fallback in book.yaml, a TrueType (.ttf) one: colophon cannot embed the CFF-flavoured .otf and .ttc files most CJK fonts come as`}},
		// Gentium draws the arrows U+2196–219B, Noto Sans Mono (code's face) does not: in text the
		// arrow is fine, in code it is an error where it stands.
		{"character the monospace face lacks, in inline code", doc("# T\n\nText ↖ and `x ↖ y` code.\n"),
			[]string{`source/a.md:3:15: character '↖' (U+2196) in code cannot be drawn in Noto Sans Mono, the monospace face code is set in: write it outside the code, or replace it`}},
		{"characters the monospace face lacks, in a code block", doc("# T\n\nText.\n\n```\nfirst\n  a ↖↗ b\n```\n"),
			[]string{`source/a.md:7:5: 2 characters, "↖↗", in code cannot be drawn in Noto Sans Mono, the monospace face code is set in: write them outside the code, or replace them`}},
		{"rune above U+FFFF", doc("# T\n\nSmile 😀.\n"),
			[]string{`source/a.md:3:7: character '😀' (U+1F600) is beyond U+FFFF, which the PDF writer cannot set; replace it`}},
		{"entity the fonts lack", doc("# T\n\nA &#x4E2D; entity.\n"),
			[]string{`source/a.md:3:1: character '中' (U+4E2D) in Han script is in none of the edition's fonts (Gentium Book Plus, Noto Serif Hebrew, Noto Naskh Arabic): add a font that has it to fonts.fallback in book.yaml, a TrueType (.ttf) one: colophon cannot embed the CFF-flavoured .otf and .ttc files most CJK fonts come as`}},
		// An endorsement is checked as the title and the archival reference are.
		{"entity the fonts lack, in an endorsement", doc("---\ntitle: T\nendorsements:\n  - \"Note: &#x4E2D;.\"\n---\n\nText.\n"),
			[]string{`source/a.md:1:1: character '中' (U+4E2D) in Han script is in none of the edition's fonts (Gentium Book Plus, Noto Serif Hebrew, Noto Naskh Arabic): add a font that has it to fonts.fallback in book.yaml, a TrueType (.ttf) one: colophon cannot embed the CFF-flavoured .otf and .ttc files most CJK fonts come as`}},
		{"character in book.yaml", map[string]string{"source/book.yaml": "title: \"T 中\"\nlanguage: en\ndate: 2026-01-01\n", "source/a.md": "# T\n\nText.\n"},
			[]string{`source/book.yaml:1:11: character '中' (U+4E2D) in Han script is in none of the edition's fonts (Gentium Book Plus, Noto Serif Hebrew, Noto Naskh Arabic): add a font that has it to fonts.fallback in book.yaml, a TrueType (.ttf) one: colophon cannot embed the CFF-flavoured .otf and .ttc files most CJK fonts come as`}},
		{"raw HTML block", doc("# T\n\n<script>alert(1)</script>\n\nText.\n"),
			[]string{`source/a.md:3:1: raw HTML is not allowed ("<script>alert(1)</script>"): write it in Markdown`}},
		{"raw HTML inline", doc("# T\n\nSome <b onclick=\"x\">bold</b> text.\n"),
			[]string{`source/a.md:3:6: raw HTML is not allowed ("<b onclick=\"x\">"): write it in Markdown`,
				`source/a.md:3:25: raw HTML is not allowed ("</b>"): write it in Markdown`}},
		{"javascript link", doc("# T\n\nA [link](javascript:alert(1)).\n"),
			[]string{`source/a.md:3:4: link target "javascript:alert(1)" uses the scheme "javascript"; only http, https and mailto links are allowed`}},
		{"image outside the project", doc("# T\n\n![A map](../../map.png)\n"),
			[]string{`source/a.md:3:3: image "../../map.png" leads outside the project folder`}},
		{"image path from the project folder", map[string]string{"source/book.yaml": goodBook, "source/a.md": "# T\n\n![A map](covers/map.png)\n", "covers/map.png": pngOf(40, 30)},
			[]string{`source/a.md:3:3: image "covers/map.png" does not exist: image paths are read from the folder of source/a.md; write "../covers/map.png"`}},
		// As Markdown editors read it: from the file's folder, source/images/map.png.
		{"image beside the Markdown file", map[string]string{"source/book.yaml": goodBook, "source/a.md": "# T\n\n![A map](images/map.png)\n", "source/images/map.png": pngOf(40, 30)}, nil},
		{"image without alt text", map[string]string{"source/book.yaml": goodBook, "source/a.md": "# T\n\n![](map.png)\n", "source/map.png": pngOf(40, 30)},
			[]string{`source/a.md:3:1: image "map.png" has no alt text: describe it between the brackets, ![A facsimile of the first page](map.png)`}},
		{"image in a line of text", map[string]string{"source/book.yaml": goodBook, "source/a.md": "# T\n\nSee ![A map](map.png) here.\n", "source/map.png": pngOf(400, 300)},
			[]string{`source/a.md:3:7: image "map.png" stands inside a line of text and is too tall for it (400 × 300 pixels): give it a paragraph of its own to make it a figure, or use a picture at most 16 pixels tall`}},
		{"small image in a line of text", map[string]string{"source/book.yaml": goodBook, "source/a.md": "# T\n\nA mark ![a star](star.png) in the text.\n", "source/star.png": pngOf(12, 12)}, nil},
		{"GIF picture", map[string]string{"source/book.yaml": goodBook, "source/a.md": "# T\n\n![A map](map.gif)\n", "source/map.gif": "GIF89a\x01\x00\x01\x00"},
			[]string{`source/a.md:3:3: image "map.gif" is a GIF picture; colophon places JPEG and PNG pictures: convert it to PNG (drawings, screenshots) or JPEG (photographs, scans)`}},
		{"not a picture", map[string]string{"source/book.yaml": goodBook, "source/a.md": "# T\n\n![A map](map.png)\n", "source/map.png": "not a picture"},
			[]string{`source/a.md:3:3: image "map.png" cannot be read as a JPEG or PNG picture (image: unknown format)`}},
		{"image absolute", doc("# T\n\n![A map](/etc/map.png)\n"),
			[]string{`source/a.md:3:3: image "/etc/map.png" is an absolute path; name it relative to source/a.md`}},
		{"image missing", doc("# T\n\n![A map](covers/map.png)\n"),
			[]string{`source/a.md:3:3: image "covers/map.png" does not exist`}},
		{"font outside the project", map[string]string{"source/book.yaml": goodBook + "fonts:\n  regular: ../x.ttf\n  italic: regular\n  bold: regular\n  bold_italic: regular\n", "source/a.md": "# T\n\nText.\n"},
			[]string{`source/book.yaml:5:12: font: "../x.ttf" leads outside the project folder`}},
		{"CFF font", map[string]string{"source/book.yaml": goodBook + "fonts:\n  regular: fonts/x.otf\n  italic: regular\n  bold: regular\n  bold_italic: regular\n", "fonts/x.otf": "OTTO\x00\x00\x00\x00\x00\x00\x00\x00", "source/a.md": "# T\n\nText.\n"},
			[]string{`source/book.yaml:5:12: font "fonts/x.otf": is OpenType with CFF outlines (.otf), which the PDF writer cannot embed; use a TrueType (.ttf) version`}},
		{"corrupt font", map[string]string{"source/book.yaml": goodBook + "fonts:\n  regular: fonts/x.ttf\n  italic: regular\n  bold: regular\n  bold_italic: regular\n", "fonts/x.ttf": "\x00\x01\x00\x00garbage-garbage", "source/a.md": "# T\n\nText.\n"},
			[]string{`fonts/x.ttf: damaged directory table (truncated table directory); replace the font (book.yaml names it at source/book.yaml:5:12)`}},
		{"missing cover", map[string]string{"source/book.yaml": goodBook + "cover: covers/front.jpg\n", "source/a.md": "# T\n\nText.\n"},
			[]string{`source/book.yaml:4:8: cover "covers/front.jpg" does not exist`}},
		{"NUL byte", doc("# T\n\nText\x00.\n"),
			[]string{`source/a.md:3:5: NUL byte in text: the file is binary or damaged`}},
		{"invalid UTF-8", doc("# T\n\nCaf\xe9.\n"),
			[]string{`source/a.md:3:4: invalid UTF-8 (byte 0xe9): save the file as UTF-8`}},
		{"no documents", map[string]string{"source/book.yaml": goodBook},
			[]string{`source/: no documents: add Markdown files such as source/01-first.md`}},
		{"no book.yaml", map[string]string{"source/a.md": "# T\n\nText.\n"},
			[]string{`source/book.yaml:1:1: missing: every edition needs source/book.yaml (colophon init DIR makes a new edition)`}},
		{"bad date", map[string]string{"source/book.yaml": "title: T\nlanguage: en\ndate: 1 May 2026\n", "source/a.md": "# T\n\nText.\n"},
			[]string{`source/book.yaml:3:7: date "1 May 2026" must be a calendar date written YYYY-MM-DD`}},
		// Cross-references, [#target]: to a document, a note, an id given with a span.
		{"cross-reference to nothing", map[string]string{"source/book.yaml": goodBook, "source/01-a.md": "# A\n\nSee [#b-lettr].\n", "source/02-b-letter.md": "# B\n\nText.\n"},
			[]string{`source/01-a.md:3:5: cross-reference [#b-lettr]: no document, note, id or register entry of the edition is called b-lettr (did you mean [#b-letter]?)`}},
		{"cross-reference to a missing note", map[string]string{"source/book.yaml": goodBook, "source/01-a.md": "# A\n\nSee [#b-letter^2].\n", "source/02-b-letter.md": "# B\n\nText.[^1]\n\n[^1]: A note.\n"},
			[]string{`source/01-a.md:3:5: cross-reference [#b-letter^2]: source/02-b-letter.md has no note [^2]`}},
		{"cross-reference to a note of a missing document", doc("# T\n\nSee [#nowhere^1].\n"),
			[]string{`source/a.md:3:5: cross-reference [#nowhere^1]: there is no document nowhere`}},
		{"cross-reference in front matter", doc("---\ntitle: T\ndateline: \"[see #x] [#y]\"\n---\n\nText [with an id]{#x}.\n"),
			[]string{`source/a.md:3:21: cross-reference [#y]: no document, note, id or register entry of the edition is called y (did you mean [#a]?)`}},
		{"cross-references that resolve", map[string]string{"source/book.yaml": goodBook,
			"source/01-a.md":        "# A\n\nSee [#b-letter], [#02-b-letter], [#b-letter^1], [#^n] and [#fac] and [#tab] and [#here].[^n]\n\n[^n]: A [passage]{#here}.\n",
			"source/02-b-letter.md": "# B\n\nText.[^1]\n\n![A map](map.png)\n: The [map]{#fac}.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n: A [table]{#tab}.\n\n[^1]: A note.\n",
			"source/map.png":        pngOf(40, 30)}, nil},
		{"id given twice", doc("# T\n\nA [b]{#x} and [c]{#x}.\n"),
			[]string{`source/a.md:3:19: the id #x is given twice (first at source/a.md:3:7): an id names one place`}},
		{"id that is a document's name", doc("# T\n\nA [b]{#a}.\n"),
			[]string{`source/a.md:3:7: the id #a is also the name of the document source/a.md: give the span another`}},
		{"id with a colon", doc("# T\n\nA [b]{#fig:a}.\n"),
			[]string{`source/a.md:3:7: the id #fig:a has a colon, which the EPUB's ids cannot hold: write #fig-a`}},
		// "Hello![^2]" is an exclamation and a note reference, not the start of an image.
		{"note after an exclamation mark, undefined", doc("# T\n\nHello![^2]\n"),
			[]string{`source/a.md:3:7: note reference [^2] has no definition: add a line "[^2]: …"`}},
		{"note after an exclamation mark", doc("# T\n\nHello![^2] Hallo![^3]\n\n[^2]: A note.\n\n[^3]: Another.\n"), nil},
		{"deep nesting", doc("# T\n\n" + strings.Repeat(">", 40) + " deep\n"),
			[]string{`source/a.md:3:33: blocks are nested more than 32 deep (block quotes or lists inside each other)`}},
		// Emphasis nested by alternating marks, which no run of marks shows before parsing.
		{"deep inline nesting", doc("# T\n\n" + alternating(40) + "\n"),
			[]string{`source/a.md:3:95: emphasis, links or brackets are nested more than 32 deep`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := diagnostics(t, writeProject(t, c.files))
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("diagnostics:\ngot:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(c.want, "\n  "))
			}
		})
	}
}

func TestSymlinkLeavingProjectIsRefused(t *testing.T) {
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "map.png"), []byte("png"), 0o644)
	dir := writeProject(t, doc1("# T\n\n![A map](../covers/map.png)\n"))
	os.MkdirAll(filepath.Join(dir, "covers"), 0o755)
	if err := os.Symlink(filepath.Join(outside, "map.png"), filepath.Join(dir, "covers", "map.png")); err != nil {
		t.Skip("symlinks not available:", err)
	}
	got := diagnostics(t, dir)
	want := `source/a.md:3:3: image "../covers/map.png" leads outside the project folder`
	if len(got) != 1 || got[0] != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func doc1(body string) map[string]string {
	return map[string]string{"source/book.yaml": goodBook, "source/a.md": body}
}

// A byte-order mark and Windows line ends are editor habits, not errors: they load, and positions
// still count lines as the editor shows them.
func TestBOMAndCRLFAreAccepted(t *testing.T) {
	dir := writeProject(t, doc1("\ufeff# T\r\n\r\nText.[^1]\r\n\r\n[^1]: A note.\r\n"))
	b, _, err := Load(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := b.Documents[0]
	if d.TitleText() != "T" || len(d.Notes) != 1 || d.Notes[0].Ref.Line != 3 || d.Notes[0].Def.Line != 5 {
		t.Errorf("got title %q, notes %+v", d.TitleText(), d.Notes)
	}
}

func TestSourceDateEpoch(t *testing.T) {
	dir := writeProject(t, doc1("# T\n\nText.\n"))
	b, _, err := Load(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := b.Timestamp.Format("2006-01-02T15:04:05Z07:00"); got != "2026-01-01T00:00:00Z" {
		t.Errorf("timestamp from the edition date: got %s", got)
	}
	b, _, err = Load(dir, Options{SourceDateEpoch: "1700000000"})
	if err != nil {
		t.Fatal(err)
	}
	if got := b.Timestamp.Format("2006-01-02T15:04:05Z07:00"); got != "2023-11-14T22:13:20Z" {
		t.Errorf("timestamp from SOURCE_DATE_EPOCH: got %s", got)
	}
	if _, _, err := Load(dir, Options{SourceDateEpoch: "yesterday"}); err == nil || !strings.Contains(err.Error(), "SOURCE_DATE_EPOCH") {
		t.Errorf("a bad SOURCE_DATE_EPOCH must be refused, got %v", err)
	}
}

// alternating is emphasis n deep, its marks alternating: *a _a *a … a* a_ a*.
func alternating(n int) string {
	var open, close []string
	for i := 0; i < n; i++ {
		m := "*"
		if i%2 == 1 {
			m = "_"
		}
		open = append(open, m+"a")
		close = append([]string{"a" + m}, close...)
	}
	return strings.Join(open, " ") + " x " + strings.Join(close, " ")
}

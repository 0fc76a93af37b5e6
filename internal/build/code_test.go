package build

import (
	"archive/zip"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/image/font/sfnt"
)

// TestCodeInMonospace reads the rich edition's code (an inline `code` and a code block whose
// second line is indented two spaces) in every output: each PDF that sets it embeds Noto Sans
// Mono, subset; in the book the code block's words have one width per character (a monospace
// face: Gentium's "code" and "block" would not) and its second line stands two of those widths
// to the right; the EPUB and the web edition ship the face, cut to the code's characters, and
// declare it for pre and code.
func TestCodeInMonospace(t *testing.T) {
	out := buildRich(t)
	for _, pdf := range []string{"a-rich-edition.pdf", "handouts/essay-a4.pdf", "handouts/essay-letter.pdf", "print/a-rich-edition-interior.pdf"} {
		fonts := sharedTool(t, "pdffonts", filepath.Join(out, pdf))
		found := false
		for _, r := range strings.Split(strings.TrimSpace(fonts), "\n")[2:] {
			f := strings.Fields(r)
			if regexp.MustCompile(`^[A-Z]{6}\+NotoSansMono-Regular$`).MatchString(f[0]) {
				found = f[len(f)-5] == "yes" && f[len(f)-4] == "yes"
			}
		}
		if !found {
			t.Errorf("%s: Noto Sans Mono is not embedded and subset:\n%s", pdf, fonts)
		}
	}

	// The code block in the book, read back word by word.
	bbox := sharedTool(t, "pdftotext", "-bbox", filepath.Join(out, "a-rich-edition.pdf"), "-")
	type word struct{ x0, x1, y float64 }
	var last, code, block, indented word // the block's "code" is the one before "block" (the inline code's comes earlier)
	for _, m := range regexp.MustCompile(`xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">(code|block|indented)</word>`).FindAllStringSubmatch(bbox, -1) {
		x0, _ := strconv.ParseFloat(m[1], 64)
		y, _ := strconv.ParseFloat(m[2], 64)
		x1, _ := strconv.ParseFloat(m[3], 64)
		w := word{x0, x1, y}
		switch {
		case m[4] == "code":
			last = w
		case m[4] == "block" && block == (word{}):
			code, block = last, w
		case m[4] == "indented" && block != (word{}) && indented == (word{}):
			indented = w
		}
	}
	if code == (word{}) || indented == (word{}) {
		t.Fatalf("the code block's words are not in the book")
	}
	col := (block.x1 - block.x0) / 5
	if w := (code.x1 - code.x0) / 4; math.Abs(w-col) > 0.02*col {
		t.Errorf("\"code\" is %.2f pt a character, \"block\" %.2f: not one monospace face", w, col)
	}
	if w := (indented.x1 - indented.x0) / 8; math.Abs(w-col) > 0.02*col {
		t.Errorf("\"indented\" is %.2f pt a character, \"block\" %.2f: not one monospace face", w, col)
	}
	if shift := (indented.x0 - code.x0) / col; math.Abs(shift-2) > 0.05 || indented.y <= code.y {
		t.Errorf("the code block's second line stands %.2f characters right of the first, want its 2 leading spaces (code at %.1f, indented at %.1f)", shift, code.x0, indented.x0)
	}

	// The EPUB: the face in the container, its rule and the stylesheet's use of it.
	zr, err := zip.OpenReader(filepath.Join(out, "a-rich-edition.epub"))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	files := map[string][]byte{}
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, ".css") || strings.HasSuffix(f.Name, ".ttf") || strings.HasSuffix(f.Name, ".opf") {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			files[f.Name], _ = io.ReadAll(rc)
			rc.Close()
		}
	}
	web, err := os.ReadFile(filepath.Join(out, "web", "site.css"))
	if err != nil {
		t.Fatal(err)
	}
	webFont, err := os.ReadFile(filepath.Join(out, "web", "fonts", "mono-regular.ttf"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(files["EPUB/package.opf"]), `href="fonts/mono-regular.ttf"`) {
		t.Errorf("the EPUB's package does not list fonts/mono-regular.ttf")
	}
	for name, c := range map[string]struct {
		css  string
		font []byte
		dir  string
	}{"EPUB": {string(files["EPUB/css/colophon.css"]), files["EPUB/fonts/mono-regular.ttf"], "../fonts/"}, "web": {string(web), webFont, "fonts/"}} {
		for _, want := range []string{`@font-face { font-family: "Noto Sans Mono"; font-style: normal; font-weight: normal; src: url("` + c.dir + `mono-regular.ttf"); }`,
			`pre, code { font-family: "Noto Sans Mono", monospace;`} {
			if !strings.Contains(c.css, want) {
				t.Errorf("%s: the stylesheet lacks %s", name, want)
			}
		}
		// Cut to the code's characters: "k" (of "block") kept, Cyrillic "Ж" (the face has it; no
		// code has it) not.
		f, err := sfnt.Parse(c.font)
		if err != nil {
			t.Fatalf("%s: mono-regular.ttf: %v", name, err)
		}
		var buf sfnt.Buffer
		if g, _ := f.GlyphIndex(&buf, 'k'); g == 0 {
			t.Errorf("%s: the monospace face has no \"k\"", name)
		}
		if g, _ := f.GlyphIndex(&buf, 'Ж'); g != 0 {
			t.Errorf("%s: the monospace face is not cut to the code's characters: it has \"Ж\"", name)
		}
	}
}

package epub

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"colophon/fonts"
	"colophon/internal/cover"
	"colophon/internal/edition"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestGoEpubLayout pins what go-epub v1.2.1 writes for a minimal book. finish.go edits those files
// by path and element; if an upgrade changes them, this fails and the finishing step must be
// revisited before the golden file is updated (go test ./internal/epub -run GoEpub -update).
func TestGoEpubLayout(t *testing.T) {
	b := &edition.Book{Title: "T", Language: "en", Date: "2026-01-01", Name: "t",
		Fonts: edition.Fonts{Family: fonts.Family, Regular: fonts.Regular, Italic: fonts.Italic, Bold: fonts.Bold, BoldItalic: fonts.BoldItalic}}
	img := &cover.Image{Data: []byte("\x89PNG\r\n\x1a\n"), MediaType: "image/png", Ext: ".png"}
	faces := map[string][]byte{"regular.ttf": fonts.Regular, "italic.ttf": fonts.Italic, "bold.ttf": fonts.Bold, "bold-italic.ttf": fonts.BoldItalic}
	raw, err := assemble(b, []page{{file: "one.xhtml", title: "One", body: "<p>One.</p>"}}, stylesheet, media(b, img, nil, faces))
	if err != nil {
		t.Fatal(err)
	}
	files, err := unzip(raw)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	var got strings.Builder
	got.WriteString("entries:\n  " + strings.Join(names, "\n  ") + "\n")
	modified := regexp.MustCompile(`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ`)
	for _, n := range []string{opfPath, navPath, ncxPath, pagesDir + "one.xhtml", "META-INF/container.xml"} {
		s := modified.ReplaceAllString(string(files[n]), "<now>")
		// go-epub lists the manifest in Go map order; sort its lines so the file is stable.
		lines := strings.Split(s, "\n")
		var items []string
		var rest []string
		for _, l := range lines {
			if strings.Contains(l, "<item ") {
				items = append(items, l)
			} else {
				rest = append(rest, l)
			}
		}
		sort.Strings(items)
		got.WriteString("\n== " + n + " (manifest items sorted)\n" + strings.Join(rest, "\n") + "\n" + strings.Join(items, "\n") + "\n")
	}
	golden := filepath.Join("testdata", "goepub-v1.2.1.txt")
	if *update {
		os.WriteFile(golden, []byte(got.String()), 0o644)
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got.String() != string(want) {
		t.Errorf("go-epub's output changed; revisit finish.go, then run with -update.\ngot:\n%s", got.String())
	}
}

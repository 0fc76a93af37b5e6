package epub

import (
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"colophon/internal/edition"
	"colophon/internal/source"
)

// FuzzDocumentXHTML feeds arbitrary Markdown (with front matter) through loading and the EPUB's
// page writer: loading must never panic — it loads or reports diagnostics — and every page it
// makes must be well-formed XML.
func FuzzDocumentXHTML(f *testing.F) {
	for _, s := range []string{
		"# T\n\nText.[^1]\n\n[^1]: Note.\n",
		"---\ntitle: \"A *b*[^x]\"\ndateline: \"[1956][^y]\"\n---\n\n> quote\n\n1. one\n2. two\n\n[^x]: X.\n\n[^y]: Y.\n",
		"# T\n\n`code` <https://example.org> [link](http://a.b/?q=1&r=2) ![alt](x.png) **b** _i_ \"q\" -- ...\n",
		"# T\n\n```\n<not html>\n```\n\n---\n\n## H\n\nA  \nbreak &amp; &#x263A; &lt;\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		dir := t.TempDir()
		os.MkdirAll(filepath.Join(dir, "source"), 0o755)
		os.WriteFile(filepath.Join(dir, "source", "book.yaml"), []byte("title: T\nlanguage: en\ndate: 2026-01-01\n"), 0o644)
		os.WriteFile(filepath.Join(dir, "source", "a.md"), []byte(doc), 0o644)
		b, _, err := source.Load(dir, source.Options{})
		if err != nil {
			var ds edition.Diagnostics
			if !errors.As(err, &ds) {
				t.Fatalf("Load failed without diagnostics: %v", err)
			}
			return
		}
		for _, d := range b.Documents {
			p := documentPage(b, d, "", map[string]string{}, map[int]string{0: "1", 3: "2"}, map[int]string{0: "3"}, nil, occurrences{pages: map[string]string{}, links: glossaryLinks(b)})
			page := `<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><body>` + p.body + `</body></html>`
			dec := xml.NewDecoder(strings.NewReader(page))
			for {
				_, err := dec.Token()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("page of %q is not well-formed: %v\n%s", doc, err, p.body)
				}
			}
		}
	})
}

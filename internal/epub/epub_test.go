package epub

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"colophon/internal/cover"
	"colophon/internal/edition"
	"colophon/internal/source"
	"colophon/internal/testkit"
	"colophon/internal/validate"
)

func TestMain(m *testing.M) { testkit.Main(m) }

// build is the EPUB of an edition of the test kit's, made once per test binary.
func build(t *testing.T, b *edition.Book) (*edition.Book, []byte) {
	t.Helper()
	type key struct{ b *edition.Book }
	return b, testkit.Once(t, key{b}, func() ([]byte, error) { return write(b) })
}

// write makes an EPUB of the edition.
func write(b *edition.Book) ([]byte, error) {
	img, err := cover.Make(b)
	if err != nil {
		return nil, err
	}
	data, err := Write(b, Options{Cover: img})
	return bytes.Join(data, nil), err
}

func writeTemp(t *testing.T, data []byte) string {
	p := filepath.Join(t.TempDir(), "book.epub")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func entries(t *testing.T, data []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range zr.File {
		r, _ := f.Open()
		b, _ := io.ReadAll(r)
		r.Close()
		out[f.Name] = string(b)
	}
	return out
}

// The validators decide: zero findings from epubcheck and from Ace on an edition that uses every
// feature of the source format. (The seed's EPUB is checked by both as the build writes it, with
// its page-list, in internal/build's TestSeedEditionValidates: checking this package's copy of it
// too cost an epubcheck and an Ace run, 6 s of CPU, and found nothing that one does not.)
func TestValidators(t *testing.T) {
	for _, c := range []struct {
		name string
		b    *edition.Book
	}{{"rich", testkit.Rich(t)}} {
		t.Run(c.name, func(t *testing.T) {
			_, data := build(t, c.b)
			p := writeTemp(t, data)
			if f := validate.Epubcheck(t, p); len(f) > 0 {
				t.Errorf("epubcheck:\n%s", strings.Join(f, "\n"))
			}
			if f := validate.Ace(t, p); len(f) > 0 {
				t.Errorf("Ace by DAISY:\n%s", strings.Join(f, "\n"))
			}
		})
	}
}

var tags = regexp.MustCompile(`<[^>]+>`)

var spanTags = regexp.MustCompile(`</?(span|a)\b[^>]*>`)

// Every word of both letters, all four notes and the translator's credit are in the EPUB.
func TestSeedWordsInEPUB(t *testing.T) {
	b, data := build(t, testkit.Seed(t))
	files := entries(t, data)
	var text strings.Builder
	for _, d := range b.Documents {
		page, ok := files["EPUB/xhtml/"+d.ID+".xhtml"]
		if !ok {
			t.Fatalf("no page for %s", d.Path)
		}
		// Spans and links are inside words (a register entry's anchor, ‘<span
		// id="reg-kommunist-1">Kommunist</span>’, its link to the note on a person, a
		// cross-reference's link); other elements part them.
		text.WriteString(tags.ReplaceAllString(spanTags.ReplaceAllString(page, ""), " "))
	}
	got := strings.Join(strings.Fields(unescape(text.String())), " ")
	seed := testkit.SeedAsEdited("document\u00a02") // no print pages given: the reference names the document
	lines := strings.Split(strings.NewReplacer("\u00a0 ", " ", " \u00a0", " ", "\u00a0\u00a0", " ").Replace(seed), "\n")
	marker := regexp.MustCompile(` [12]$|^[12]\. `)
	for i, line := range lines {
		line = strings.Join(strings.Fields(marker.ReplaceAllString(strings.TrimRight(line, " \u00a0"), "")), " ")
		if line == "" || i == 0 || strings.HasPrefix(line, "Translated from") {
			continue // the collection title and credit are checked below, on their own pages
		}
		if !strings.Contains(got, line) {
			t.Errorf("seed line %d is not in the EPUB's letters: %q", i+1, line)
		}
	}
	credits := files["EPUB/xhtml/credits.xhtml"]
	if !strings.Contains(credits, "Translated from the Russian by Tahir Asghar.") {
		t.Error("the credits page lacks the translator's credit")
	}
	if !strings.Contains(files["EPUB/xhtml/titlepage.xhtml"], b.Title) {
		t.Error("the title page lacks the title")
	}
	// Four notes, each an aside with a backlink to its reference.
	notes := 0
	for _, d := range b.Documents {
		page := files["EPUB/xhtml/"+d.ID+".xhtml"]
		for _, n := range d.Notes {
			notes++
			for _, want := range []string{
				`<aside id="` + n.ID() + `" class="note" epub:type="footnote" role="doc-footnote">`,
				`<a href="#` + n.RefID() + `" role="doc-backlink"`,
				`<a epub:type="noteref" role="doc-noteref" id="` + n.RefID() + `" href="#` + n.ID() + `"`,
			} {
				if !strings.Contains(page, want) {
					t.Errorf("%s note %d: missing %s", d.ID, n.Number, want)
				}
			}
		}
	}
	if notes != 4 {
		t.Errorf("notes: %d, want 4", notes)
	}
}

func unescape(s string) string {
	return strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`).Replace(s)
}

func TestPackageMetadata(t *testing.T) {
	b, data := build(t, testkit.Seed(t))
	opf := entries(t, data)["EPUB/package.opf"]
	for _, want := range []string{
		`<dc:identifier id="pub-id">` + b.EPUBIdentifier() + `</dc:identifier>`,
		`<dc:contributor id="contributor-1">Tahir Asghar</dc:contributor>`,
		`<meta refines="#contributor-1" scheme="marc:relators" property="role">trl</meta>`,
		`<meta refines="#subtitle" property="title-type">subtitle</meta>`,
		`<dc:language>en</dc:language>`,
		`<dc:date>2026-11-01</dc:date>`,
		`<dc:publisher>`, `<dc:rights>`, `<dc:source>`, `<dc:description>`, `<dc:subject>`,
		`<meta property="dcterms:modified">2026-11-01T00:00:00Z</meta>`,
		`<meta property="schema:accessMode">textual</meta>`,
		`<meta property="schema:accessModeSufficient">textual</meta>`,
		`<meta property="schema:accessibilityFeature">structuralNavigation</meta>`,
		`<meta property="schema:accessibilityFeature">tableOfContents</meta>`,
		`<meta property="schema:accessibilityFeature">readingOrder</meta>`,
		`<meta property="schema:accessibilityFeature">displayTransformability</meta>`,
		`<meta property="schema:accessibilityHazard">none</meta>`,
		`<meta property="schema:accessibilitySummary">`,
		`<meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>`,
		`properties="cover-image"`, `properties="nav"`,
	} {
		if !strings.Contains(opf, want) {
			t.Errorf("package.opf lacks %s", want)
		}
	}
	ncx := entries(t, data)["EPUB/toc.ncx"]
	if !strings.Contains(ncx, `<meta name="dtb:uid" content="`+b.EPUBIdentifier()+`"/>`) || !strings.Contains(ncx, "<text>Tahir Asghar</text>") {
		t.Errorf("toc.ncx lacks the uid or the author:\n%s", ncx)
	}
	nav := entries(t, data)["EPUB/nav.xhtml"]
	for _, lm := range []string{"cover", "titlepage", "toc", "bodymatter", "copyright-page"} {
		if !strings.Contains(nav, `epub:type="`+lm+`"`) {
			t.Errorf("landmarks lack %s", lm)
		}
	}
}

func TestRichEdition(t *testing.T) {
	b, data := build(t, testkit.Rich(t))
	files := entries(t, data)
	opf := files["EPUB/package.opf"]
	for _, want := range []string{
		`<dc:identifier id="pub-id">urn:isbn:9783161484100</dc:identifier>`,
		`<dc:creator id="contributor-3">Vera Author</dc:creator>`,
		`<meta refines="#contributor-1" scheme="marc:relators" property="role">edt</meta>`,
		`href="images/image-1.jpg" media-type="image/jpeg"`,
		`href="images/image-2.png" media-type="image/png"`,
		`href="images/image-3.png" media-type="image/png"`,
	} {
		if !strings.Contains(opf, want) {
			t.Errorf("package.opf lacks %s", want)
		}
	}
	ru := files["EPUB/xhtml/"+b.Documents[1].ID+".xhtml"]
	if !strings.Contains(ru, `lang="ru" xml:lang="ru"`) {
		t.Error("a document with language: ru must have a Russian page")
	}
	essay := files["EPUB/xhtml/"+b.Documents[0].ID+".xhtml"]
	for _, want := range []string{"<em>emphasis</em>", "<strong>strong words</strong>", "<code>code</code>",
		`<a href="https://example.org/">link</a>`, "“double quotes”", "‘single quotes’", "dashes – and — ellipses…",
		"<br/>", "<blockquote>", "<ol>", "<ul>", "<pre><code>code block\n  indented\n</code></pre>", "<h2>A section</h2>",
		"<h3>A subsection</h3>", "<hr/>", `<img src="../images/image-3.png" alt="A small grey square"/>`,
		"<figure>\n<img src=\"../images/image-1.jpg\" alt=\"The first page of the letter, handwritten in blue ink, with a red round stamp in the top right corner\"/>\n<figcaption><p class=\"caption\">Facsimile of the <span id=\"ref-facsimile\">first page of the letter</span>, with the stamp of the receiving office.<sup>",
		"<figcaption><p class=\"caption\">The leaflet as it was posted in the town, reduced.</p></figcaption>\n</figure>",
		`<p class="salutation">Dear Reader,</p>`, `<p class="signature">V. A.</p>`, `<p class="endorsement">Filed.</p>`,
		"<p>Its second paragraph.</p>",
		// Cross-references (no print pages given here: the words name the place without one).
		`<a href="russian.xhtml#note-1" class="xref">document` + "\u00a0" + `2, note` + "\u00a0" + `1</a>`,
		`<a href="glossary.xhtml#person-petrov" class="xref">Petrov, Ivan Ivanovich</a>`,
		`<a href="index.xhtml#index-places" class="xref">Vienna</a>`} {
		if !strings.Contains(essay, want) {
			t.Errorf("essay page lacks %s", want)
		}
	}
}

func TestReproducible(t *testing.T) {
	// Two EPUBs made afresh, from two loads of the sources.
	a, err := write(testkit.Load(t, testkit.SeedDir(t)))
	if err != nil {
		t.Fatal(err)
	}
	b, err := write(testkit.Load(t, testkit.SeedDir(t)))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("two EPUBs of the same sources differ")
	}
	files := entries(t, a)
	zr, _ := zip.NewReader(bytes.NewReader(a), int64(len(a)))
	if zr.File[0].Name != "mimetype" || zr.File[0].Method != zip.Store || len(zr.File[0].Extra) != 0 {
		t.Error("mimetype must come first, stored, without extra fields")
	}
	if files["mimetype"] != "application/epub+zip" {
		t.Error("mimetype content")
	}
	s, _, err := source.Load(testkit.SeedDir(t), source.Options{SourceDateEpoch: "1700000000"})
	if err != nil {
		t.Fatal(err)
	}
	img, _ := cover.Make(s)
	c, err := Write(s, Options{Cover: img})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(entries(t, bytes.Join(c, nil))["EPUB/package.opf"], "2023-11-14T22:13:20Z") {
		t.Error("SOURCE_DATE_EPOCH does not reach dcterms:modified")
	}
}

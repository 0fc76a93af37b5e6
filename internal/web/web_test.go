package web_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"golang.org/x/net/html"

	"colophon/internal/build"
	"colophon/internal/testkit"
)

// The editions the tests build once per test binary: the seed, the rich edition (figures, tables,
// verse, every construct; here with a url, for the canonical addresses and the sitemap) and the
// edition in four languages. Each is built in full, so that the home page offers every output.
var editions struct {
	once sync.Once
	dirs map[string]string // name → the build's web/ folder
	src  map[string]string // name → the project folder
	err  error
}

func built(t *testing.T) map[string]string {
	t.Helper()
	editions.once.Do(func() {
		root, err := os.MkdirTemp("", "colophon-web-")
		if err != nil {
			editions.err = err
			return
		}
		editions.dirs, editions.src = map[string]string{}, map[string]string{}
		// The rich edition gets a url of its own: a copy of the test kit's.
		rich := filepath.Join(root, "rich")
		if err := os.CopyFS(rich, os.DirFS(testkit.RichDir(t))); err != nil {
			editions.err = err
			return
		}
		f, _ := os.OpenFile(filepath.Join(rich, "source", "book.yaml"), os.O_APPEND|os.O_WRONLY, 0)
		fmt.Fprintln(f, "url: https://example.org/editions/rich/")
		f.Close()
		for name, dir := range map[string]string{"seed": testkit.SeedDir(t), "rich": rich, "languages": testkit.LanguagesDir(t)} {
			out := filepath.Join(root, name+"-build")
			if _, err := build.Run(build.Options{Dir: dir, Out: out}, build.All); err != nil {
				editions.err = fmt.Errorf("%s: %w", name, err)
				return
			}
			editions.dirs[name] = filepath.Join(out, "web")
			editions.src[name] = dir
		}
	})
	if editions.err != nil {
		t.Fatal(editions.err)
	}
	return editions.dirs
}

func TestMain(m *testing.M) {
	testkit.Main(m, func() {
		if editions.dirs != nil {
			os.RemoveAll(filepath.Dir(filepath.Dir(editions.dirs["seed"])))
		}
	})
}

// pages are a site's HTML files by their path in it, parsed.
func pages(t *testing.T, dir string) map[string]*html.Node {
	t.Helper()
	out := map[string]*html.Node{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".html") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		doc, err := html.Parse(bytes.NewReader(data))
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = doc
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func attr(n *html.Node, name string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val, true
		}
	}
	return "", false
}

func walk(n *html.Node, fn func(*html.Node)) {
	fn(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, fn)
	}
}

// text is the text a reader sees of a node: without the sidenotes' copies of the notes, the page
// markers, scripts and the head.
func text(n *html.Node) string {
	var b strings.Builder
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if c, _ := attr(n, "class"); c == "sidenote" || c == "page" || n.Data == "script" || n.Data == "head" {
				return
			}
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c)
		}
		if n.Type == html.ElementNode && (n.Data == "p" || n.Data == "li" || n.Data == "h1" || n.Data == "h2" || n.Data == "br") {
			b.WriteByte(' ')
		}
	}
	rec(n)
	return b.String()
}

// Every link and every fragment resolves: a page's links lead to files of the site, and a
// fragment to an id of the page it names. Links are relative (the folder may be served under any
// path), except the 404 page's where the edition has a url.
func TestLinksResolve(t *testing.T) {
	for name, dir := range built(t) {
		t.Run(name, func(t *testing.T) {
			all := pages(t, dir)
			ids := map[string]map[string]bool{}
			for p, doc := range all {
				ids[p] = map[string]bool{}
				walk(doc, func(n *html.Node) {
					if id, ok := attr(n, "id"); ok && n.Type == html.ElementNode {
						if ids[p][id] {
							t.Errorf("%s: id %q twice", p, id)
						}
						ids[p][id] = true
					}
				})
			}
			checked := 0
			for p, doc := range all {
				walk(doc, func(n *html.Node) {
					if n.Type != html.ElementNode {
						return
					}
					for _, key := range []string{"href", "src"} {
						v, ok := attr(n, key)
						if !ok || n.Data == "link" && key == "href" && strings.Contains(fmt.Sprint(n.Attr), "canonical") {
							continue
						}
						u, err := url.Parse(v)
						if err != nil {
							t.Errorf("%s: bad link %q", p, v)
							continue
						}
						if u.Scheme == "mailto" || (u.Scheme != "" && !(p == "404.html" && strings.HasPrefix(v, "https://example.org/editions/rich/"))) {
							continue // a link out of the site
						}
						target := p
						if u.Scheme != "" {
							target = strings.TrimPrefix(u.Path, "/editions/rich/")
						} else if u.Path != "" {
							target = path.Join(path.Dir(p), u.Path)
						}
						if strings.HasPrefix(v, "/") {
							t.Errorf("%s: a link from the root, %q: the site must work under any path", p, v)
						}
						if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(target))); err != nil {
							t.Errorf("%s: %s=%q leads to no file", p, key, v)
							continue
						}
						checked++
						if u.Fragment != "" && strings.HasSuffix(target, ".html") && !ids[target][u.Fragment] {
							t.Errorf("%s: %q: %s has no id %q", p, v, target, u.Fragment)
						}
					}
				})
			}
			if checked < 50 {
				t.Errorf("only %d links checked", checked)
			}
		})
	}
}

// Every line of the seed's two letters, their notes and apparatus, is in the web edition's pages
// as a reader sees them.
func TestSeedWordsInPages(t *testing.T) {
	dir := built(t)["seed"]
	all := pages(t, dir)
	var got strings.Builder
	for p, doc := range all {
		if p != "index.html" && p != "search.html" && p != "404.html" {
			got.WriteString(text(doc))
		}
	}
	page := strings.Join(strings.Fields(got.String()), " ")
	seed := testkit.SeedAsEdited("document\u00a02, p.\u00a011")
	marker := regexp.MustCompile(` [12]$|^[12]\. `)
	lines := 0
	for i, line := range strings.Split(strings.NewReplacer("\u00a0 ", " ", " \u00a0", " ", "\u00a0\u00a0", " ").Replace(seed), "\n") {
		line = strings.Join(strings.Fields(marker.ReplaceAllString(strings.TrimRight(line, " \u00a0"), "")), " ")
		if line == "" || i == 0 || strings.HasPrefix(line, "Translated from") {
			continue // the collection's title and credit are on the home page
		}
		lines++
		if !strings.Contains(page, line) {
			t.Errorf("seed line %d is not in the pages: %q", i+1, line)
		}
	}
	home := strings.Join(strings.Fields(text(all["index.html"])), " ")
	for _, want := range []string{"Two Anonymous Letters to the Editorial Board of ‘Kommunist’ Against the Criticism of J.V. Stalin, 1956",
		"Translated from the Russian by Tahir Asghar", "Two documents from the Russian State Archive of Contemporary History",
		"Contents", "Downloads", "EPUB ebook (EPUB, ", "The book (PDF) (PDF, ", "MARC 21 record of the print book (XML, "} {
		if !strings.Contains(home, want) {
			t.Errorf("the home page lacks %q:\n%s", want, home)
		}
	}
	if lines < 30 {
		t.Fatalf("only %d lines of the seed were compared", lines)
	}
}

// The pages carry what machines read: the language, the canonical address (where book.yaml gives
// a url), Open Graph, schema.org JSON-LD, the feed and the sitemap.
func TestForMachines(t *testing.T) {
	dirs := built(t)
	read := func(name, p string) string {
		data, err := os.ReadFile(filepath.Join(dirs[name], p))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	rich := read("rich", "essay.html")
	for _, want := range []string{`<html lang="en">`, `<link rel="canonical" href="https://example.org/editions/rich/essay.html">`,
		`<meta property="og:url" content="https://example.org/editions/rich/essay.html">`, `<meta property="og:type" content="article">`} {
		if !strings.Contains(rich, want) {
			t.Errorf("rich essay.html lacks %s", want)
		}
	}
	if ru := read("rich", "russian.html"); !strings.Contains(ru, `role="doc-chapter" aria-labelledby="title-russian" lang="ru">`) {
		t.Error("the Russian document's section has no lang=ru")
	}
	if strings.Contains(read("seed", "index.html"), `rel="canonical"`) {
		t.Error("a canonical address without a url in book.yaml")
	}
	// JSON-LD: the Book on the home page, an ArchiveComponent part of it on a document's page.
	ld := func(page string) map[string]any {
		m := regexp.MustCompile(`<script type="application/ld\+json">(.*?)</script>`).FindStringSubmatch(page)
		if m == nil {
			t.Fatal("no JSON-LD")
		}
		var v map[string]any
		if err := json.Unmarshal([]byte(m[1]), &v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	book := ld(read("rich", "index.html"))
	if book["@type"] != "Book" || book["isbn"] != "9780306406157" || book["url"] != "https://example.org/editions/rich/" || len(book["hasPart"].([]any)) != 2 {
		t.Errorf("the Book's JSON-LD: %v", book)
	}
	doc := ld(rich)
	if doc["@type"] != "ArchiveComponent" || doc["isPartOf"].(map[string]any)["@type"] != "Book" || doc["itemLocation"] != "Archive. F. 1. Op. 2. D. 3." {
		t.Errorf("the essay's JSON-LD: %v", doc)
	}
	if ld(read("rich", "russian.html"))["@type"] != "CreativeWork" {
		t.Error("a document without an archival reference is not a CreativeWork")
	}
	seedBook := ld(read("seed", "index.html"))
	if a := seedBook["author"].([]any)[0].(map[string]any)["name"]; a != "Anonymous" {
		t.Errorf("the seed's author is %v, want Anonymous", a)
	}
	if sm := read("rich", "sitemap.xml"); !strings.Contains(sm, "<loc>https://example.org/editions/rich/essay.html</loc>") {
		t.Errorf("sitemap:\n%s", sm)
	}
	if _, err := os.Stat(filepath.Join(dirs["seed"], "sitemap.xml")); err == nil {
		t.Error("a sitemap without a url: its addresses must be absolute")
	}
	feed := read("languages", "feed.xml")
	if !strings.Contains(feed, `<entry xml:lang="de">`) || strings.Count(feed, "<entry") != 4 || !strings.Contains(feed, `href="lied.html"`) {
		t.Errorf("feed:\n%s", feed)
	}
	// Passages in another language carry it: the German song's section, and its title in the contents.
	home := read("languages", "index.html")
	if !strings.Contains(home, `<a href="lied.html" lang="de">Lied der Arbeiterschaft</a>`) {
		t.Error("the contents do not mark the German title as German")
	}
}

// A document's page has its apparatus, its notes linked both ways, how to cite it, the print
// book's page markers, and a citation link on every paragraph.
func TestDocumentPage(t *testing.T) {
	dir := built(t)["seed"]
	data, err := os.ReadFile(filepath.Join(dir, "letter-against-criticism.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(data)
	for _, want := range []string{
		`<p class="dateline" id="dateline">[not later than 18 September 1956]`,
		`<p class="archive" id="archive"><span id="reg-rgani-1">RGANI</span>. F. 5. Op. 30. D. 140. L. 182-183. Attested Copy.</p>`,
		`<a role="doc-noteref" id="noteref-1" href="#note-1" aria-label="Note 1">1</a>`,
		`<a href="#noteref-1" role="doc-backlink"`,
		`<span class="sidenote" aria-hidden="true"><span class="sidenote-number">2.</span> The date on the accompanying note.</span>`,
		`<h2 id="cite">How to cite</h2>`,
		`Anonymous. “Anonymous Letter to the Editorial Board of ‘Kommunist’ Against the Criticism of J.V. Stalin.” In Two Anonymous Letters`,
		`translated by Tahir Asghar. Colophon Archive Editions, 2026.`,
		`<span class="page" id="page-7" data-page="7"><span class="page-label">page 7</span></span>`,
		`This document for A4 paper</a>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the first letter's page lacks %s", want)
		}
	}
	paras := regexp.MustCompile(`<p id="(p-[a-z2-7]{6}(-\d+)?)">`).FindAllStringSubmatch(page, -1)
	if len(paras) < 10 {
		t.Fatalf("%d paragraphs with ids", len(paras))
	}
	for _, p := range paras {
		if !strings.Contains(page, `<a class="cite" href="#`+p[1]+`" aria-label="Link to this passage">¶</a></p>`) {
			t.Errorf("paragraph %s has no citation link", p[1])
		}
	}
}

// A paragraph's id is its text's: editing one paragraph, or putting one before it, changes no
// other paragraph's id.
func TestPassageIDsStable(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "source"), 0o755)
	os.WriteFile(filepath.Join(dir, "source", "book.yaml"), []byte("title: T\nlanguage: en\ndate: 2026-01-01\n"), 0o644)
	ids := func(body string) []string {
		os.WriteFile(filepath.Join(dir, "source", "a.md"), []byte("# A\n\n"+body), 0o644)
		if _, err := build.Run(build.Options{Dir: dir, Only: []string{"web"}}, build.All); err != nil {
			t.Fatal(err)
		}
		data, _ := os.ReadFile(filepath.Join(dir, "build", "web", "a.html"))
		var out []string
		for _, m := range regexp.MustCompile(`<p id="(p-[^"]+)">`).FindAllStringSubmatch(string(data), -1) {
			out = append(out, m[1])
		}
		return out
	}
	before := ids("One.\n\nTwo.\n\nSame.\n\nSame.\n")
	after := ids("Zero.\n\nOne.\n\nTwo, edited.\n\nSame.\n\nSame.\n")
	if len(before) != 4 || len(after) != 5 {
		t.Fatalf("ids: %v, %v", before, after)
	}
	if before[0] != after[1] || before[2] != after[3] || before[3] != after[4] || before[1] == after[2] {
		t.Errorf("ids moved: before %v, after %v", before, after)
	}
	if before[3] != before[2]+"-2" {
		t.Errorf("the second paragraph of the same text is %s, want %s-2", before[3], before[2])
	}
}

// The web edition is byte-identical across builds.
func TestReproducible(t *testing.T) {
	first := built(t)["rich"]
	again := t.TempDir()
	if _, err := build.Run(build.Options{Dir: editions.src["rich"], Out: again}, build.All); err != nil {
		t.Fatal(err)
	}
	sums := func(dir string) string {
		var lines []string
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				data, _ := os.ReadFile(p)
				rel, _ := filepath.Rel(dir, p)
				lines = append(lines, fmt.Sprintf("%s %x", rel, data))
			}
			return nil
		})
		sort.Strings(lines)
		return strings.Join(lines, "\n")
	}
	if a, b := sums(first), sums(filepath.Join(again, "web")); a != b {
		t.Error("two builds of the same sources made different web editions")
	}
}

// The rich edition's constructs on the web: the reference list is a page of its own, listed in
// the home page's contents and the sitemap; small capitals, definition lists and the French
// passage are marked up as in the EPUB, and the stylesheet sets them as print does.
func TestRichConstructs(t *testing.T) {
	dir := built(t)["rich"]
	read := func(name string) string {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	refs := read("references.html")
	for _, want := range []string{
		`<section class="bibliography" role="doc-bibliography" aria-labelledby="references-title">`,
		`<h1 id="references-title">References</h1>`,
		`<p class="reference">Dupré, Marie. 1931. “The French of Russian Letter-Writers.” In <em>Letters and Languages</em>, edited by Ivan Ivanov, 40–58. London: Hogarth.</p>`,
		`<p class="reference">Sauvageau, Paul, and Louis Dupré. 1889. <em>Lettres de province</em>. Paris: Hachette.</p>`,
	} {
		if !strings.Contains(refs, want) {
			t.Errorf("the references page lacks %s:\n%s", want, refs)
		}
	}
	// The references come after the documents and the register's notes, before its index.
	if home := read("index.html"); !strings.Contains(home, `<li><a href="references.html">References</a></li>`+"\n"+`<li><a href="register.html">Index</a></li>`+"\n</ol>") {
		t.Errorf("the home page's contents do not end with the references and the index")
	}
	if sitemap := read("sitemap.xml"); !strings.Contains(sitemap, "<loc>https://example.org/editions/rich/references.html</loc>") {
		t.Errorf("the sitemap lacks the references page:\n%s", sitemap)
	}
	essay := read("essay.html")
	for _, want := range []string{
		`<dt><span class="smallcaps">RGANI</span></dt>`,
		`<dd><p id=`,
		`<div lang="fr">` + "\n" + `<p id=`,
		`(see Dupré 1931, 44–46; Sauvageau and Dupré 1889)`,
		// Cross-references link to their targets, with the print book's pages in their words.
		`<a href="russian.html#note-1" class="xref">document` + "\u00a0" + `2, note` + "\u00a0" + `1, p.`,
		`<a href="persons.html#reg-petrov" class="xref">p.`,
		`<a href="#ref-facsimile" class="xref">p.`,
		`<span id="ref-passage">passage</span>`,
	} {
		if !strings.Contains(essay, want) {
			t.Errorf("the essay's page lacks %s", want)
		}
	}
	css := read("site.css")
	for _, want := range []string{
		`.smallcaps { font-variant: small-caps; font-variant-caps: all-small-caps; }`,
		`.document dt { font-weight: bold;`,
		`.document dd { margin: 0; margin-inline-start: 1.5em; }`,
		`.bibliography p.reference { text-indent: -1.5em; padding-inline-start: 1.5em;`,
	} {
		if !strings.Contains(css, want) {
			t.Errorf("the stylesheet lacks %s", want)
		}
	}
}

// TestOwnWordsTagged: on the page of a document in another language than the edition's,
// colophon's own words — the credit, the notes' heading, the note references' labels, the links
// to cite a passage — say that they are in the edition's language, so that a screen reader does
// not read English words in German.
func TestOwnWordsTagged(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(built(t)["languages"], "lied.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(data)
	if !strings.Contains(page, `class="document" role="doc-chapter" aria-labelledby="title-lied" lang="de">`) {
		t.Fatalf("the German song's page is not in German")
	}
	for _, re := range []string{`<p class="translation-credit"[^>]*>`, `<h2 class="notes-heading"[^>]*>`, `<a role="doc-noteref"[^>]*>`, `<a class="cite"[^>]*>`} {
		found := regexp.MustCompile(re).FindAllString(page, -1)
		if len(found) == 0 {
			t.Errorf("no %s", re)
		}
		for _, el := range found {
			if !strings.Contains(el, `lang="en"`) {
				t.Errorf("%s is not tagged lang=\"en\"", el)
			}
		}
	}
}

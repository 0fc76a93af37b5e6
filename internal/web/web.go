// Package web writes the web edition: a static site of the edition that readers, search engines
// and archives can use, served from any folder of any host. A home page, one page per document
// with its apparatus and notes (rendered by internal/html, as the EPUB's are), a search page
// with an index the browser queries (search.go, search.js), a 404 page, an Atom feed and a
// sitemap. Every link is relative, so the folder works wherever it is put.
package web

import (
	_ "embed"
	"maps"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"colophon/internal/cover"
	"colophon/internal/edition"
	"colophon/internal/html"
)

//go:embed site.css
var stylesheet string

//go:embed search.js
var script string

// Options carry what the web edition takes from the other writers.
type Options struct {
	// PageBreaks, from the typeset print edition, become quiet "p. 12" markers before the words
	// the printed pages begin with: a citation can give the print page.
	PageBreaks []html.PageBreak
	// Handouts are the documents' handouts, each offered on its document's page with its size.
	Handouts []Download
	// Downloads gives the build's other files, offered on the home page with their sizes; the
	// site holds them in downloads/ (as links to the build's files), so that the folder can be
	// published alone. It is asked for once the documents' pages are made: the writers still
	// making some of them (the printer's files, the library records) finish meanwhile. Nil: none.
	Downloads func() []Download
	Cover     *cover.Image // for the home page's Open Graph image; may be nil
	// TargetPage is the page of the print edition a cross-reference's target is on (nil: none).
	TargetPage func(*edition.Target) int
	// CutFaces cuts the faces used (html.CutFaces, which it is when nil): the build's cuts them
	// once for the EPUB and the site.
	CutFaces func(used [4]bool) (*html.Faces, error)
}

// File is one file of the site: its path under web/ and its bytes, or the path in the build of
// the file it repeats (Link), for the downloads.
type File struct {
	Path string
	Data []byte
	Link string
}

type file struct {
	path string
	data []byte
}

// Write makes the web edition.
func Write(b *edition.Book, opt Options) ([]File, error) {
	s := &site{b: b}
	if b.URL != "" {
		s.url = strings.TrimSuffix(b.URL, "/") + "/"
	}
	images, imageFiles, err := html.Pictures(b, "images/")
	if err != nil {
		return nil, err
	}
	used := html.FacesUsed(b)
	used[1] = true // the web's own italic: a citation's title, the subtitle
	cut := opt.CutFaces
	if cut == nil {
		cut = func(used [4]bool) (*html.Faces, error) { return html.CutFaces(b, used) }
	}
	faces, err := cut(used)
	if err != nil {
		return nil, err
	}
	var out []file
	add := func(path string, data []byte) { out = append(out, file{path, data}) }
	for name, data := range faces.Files {
		add("fonts/"+name, data)
	}
	for name, data := range imageFiles {
		add("images/"+name, data)
	}
	if opt.Cover != nil {
		s.image = "cover" + opt.Cover.Ext
		add(s.image, opt.Cover.Data)
	}
	add("site.css", []byte(faces.FontFaces(b.Fonts.Family, "fonts/")+html.NameFamilies(b, stylesheet)))
	add("search.js", []byte(script))

	docs := make([]docPage, len(b.Documents))
	for i, d := range b.Documents {
		docs[i] = docPage{doc: d, file: d.ID + ".html"}
		if d.Language != "" && d.Language != b.Language {
			docs[i].lang = d.Language
		}
	}
	breaks, figBreaks := html.Breaks(len(b.Documents), opt.PageBreaks)
	handouts := map[string][]Download{}
	for _, dl := range opt.Handouts {
		if id, ok := strings.CutPrefix(dl.Path, "handouts/"); ok {
			for _, d := range b.Documents {
				if id == d.ID+"-a4.pdf" || id == d.ID+"-letter.pdf" {
					handouts[d.ID] = append(handouts[d.ID], dl)
				}
			}
		}
	}
	// The documents' pages are made on every core: the web edition is made after the other
	// writers, and a rebuild waited for it alone on one core for a fifth of a second. Each
	// document says on which printed page its occurrences are in a map of its own, and the maps
	// are put together in the documents' order, as one document after another would have.
	occLinks := registerLinks(b)
	pages := make([][]byte, len(b.Documents))
	search := make([]searchDoc, len(b.Documents))
	docOcc := make([]map[string]string, len(b.Documents))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(b.Documents)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(b.Documents); i = int(next.Add(1) - 1) {
				d := b.Documents[i]
				credit := ""
				if b.MixedCredits() {
					credit = b.DocumentCredit(d)
				}
				docOcc[i] = map[string]string{}
				body, passages := html.Document(d, html.DocumentOptions{Flavor: html.Web, Images: images, Credit: credit,
					Lang: docs[i].lang, Breaks: breaks[i], FigBreaks: figBreaks[i], XRef: html.XRefs(b, html.Web, i, targetPage(opt.TargetPage)),
					OccurrencePages: docOcc[i], OccurrenceLinks: occLinks, Book: b})
				pages[i] = s.render(s.documentPage(docs, i, body, handouts[d.ID]))
				search[i] = searchDoc{Title: d.TitleText(), URL: docs[i].file, Lang: docs[i].lang, Passages: passages, Words: passageWords(passages)}
			}
		})
	}
	wg.Wait()
	occPages := map[string]string{}
	for i := range b.Documents {
		add(docs[i].file, pages[i])
		maps.Copy(occPages, docOcc[i])
	}
	// The register's pages, once the documents have said on which printed page each occurrence is;
	// the notes on persons, places and organisations, the references, the index.
	kinds := registerKinds(b)
	for _, k := range kinds {
		add(registerFile[k], s.render(s.registerPage(docs, k, occPages)))
		s.extra = append(s.extra, registerFile[k])
	}
	if len(b.Bibliography) > 0 {
		add(referencesFile, s.render(s.referencesPage()))
	}
	if len(kinds) > 0 {
		add(registerIndex, s.render(s.indexPage(docs, occPages)))
		s.extra = append(s.extra, registerIndex)
	}
	// Everything but the home page is made before asking for the downloads, which waits for
	// the printer's files and the library records: a rebuild waited a tenth of a second for
	// them with the search files still to make.
	searchHTML, notFound, feed := s.render(s.searchPage()), s.render(s.notFoundPage()), s.feed(docs)
	var sitemap []byte
	if s.url != "" {
		sitemap = s.sitemap(docs)
	}
	index := searchFiles(search)
	var downloads []Download
	if opt.Downloads != nil {
		downloads = opt.Downloads()
	}
	add("index.html", s.render(s.homePage(docs, downloads)))
	add("search.html", searchHTML)
	add("404.html", notFound)
	add("feed.xml", feed)
	if s.url != "" {
		add("sitemap.xml", sitemap)
		add("robots.txt", []byte("User-agent: *\nAllow: /\nSitemap: "+s.url+"sitemap.xml\n"))
	}
	out = append(out, index...)

	files := make([]File, 0, len(out)+len(downloads))
	for _, f := range out {
		files = append(files, File{Path: f.path, Data: f.data})
	}
	for _, dl := range downloads {
		files = append(files, File{Path: "downloads/" + dl.Path, Link: dl.Path})
	}
	return files, nil
}

// targetPage is TargetPage, or no page when the build has none.
func targetPage(f func(*edition.Target) int) func(*edition.Target) int {
	if f == nil {
		return func(*edition.Target) int { return 0 }
	}
	return f
}

// searchPage shows the results of a query: search.js reads it from the address (?q=) and fills
// the list. Without JavaScript it says so, and points to the contents.
func (s *site) searchPage() page {
	h := &html.Writer{Flavor: html.Web}
	h.El("h1", "Search")
	h.WriteString("\n")
	h.WriteString(`<p class="search-status" id="search-status" role="status">`)
	h.WriteString(`Search needs JavaScript, which is off in this browser. The <a href="index.html#contents">contents</a> list every document.</p>` + "\n")
	h.WriteString(`<ol class="results" id="results"></ol>` + "\n")
	return page{file: "search.html", title: "Search", description: "Search " + shortTitle(s.b) + ".", ogType: "website", main: h.String(), search: true}
}

// notFoundPage is what a host serves for an address the site does not have. A host serves it at
// any depth, so its links are the edition's url when it has one (relative links would lead
// nowhere from a deeper address).
func (s *site) notFoundPage() page {
	h := &html.Writer{Flavor: html.Web}
	h.El("h1", "Page not found")
	h.WriteString("\n<p>This edition has no page at this address. ")
	h.Open("a", "href", s.url+"index.html#contents")
	h.WriteString("The contents</a> list every document, and the search box above finds any word in them.</p>\n")
	return page{file: "404.html", title: "Page not found", ogType: "website", main: h.String(), root: s.url}
}

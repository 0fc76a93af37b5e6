// Package epub writes the edition as an EPUB 3 (with an EPUB 2 NCX for old readers). go-epub
// assembles the container; since it cannot express most of what an edition needs (contributor
// roles, accessibility metadata, landmarks, page-list, page languages, a fixed modification date,
// a stable manifest order), finish.go then edits the package document, navigation and pages as
// XML trees, and zip.go re-packs everything deterministically.
package epub

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"

	goepub "github.com/go-shiori/go-epub"

	_ "embed"

	"colophon/internal/cover"
	"colophon/internal/edition"
	"colophon/internal/html"
)

//go:embed colophon.css
var stylesheet string

// Options carry what the EPUB takes from other writers.
type Options struct {
	Cover *cover.Image
	// PageBreaks, from the typeset print edition, become page-break markers before the words the
	// printed pages begin with, and a page-list, so that "p. 12" of the print edition can be found.
	PageBreaks []PageBreak
	// PrintSource names the print edition the page numbers come from.
	PrintSource string
	// TargetPage is the page of the print edition a cross-reference's target is on, for the
	// words the reference prints (nil: none, the references give no page).
	TargetPage func(*edition.Target) int
	// CutFaces cuts the faces used (html.CutFaces, which it is when nil): the build's cuts them
	// once for the EPUB and the web edition.
	CutFaces func(used [4]bool) (*html.Faces, error)
}

// targetPage is TargetPage, or no page when the build has none.
func targetPage(f func(*edition.Target) int) func(*edition.Target) int {
	if f == nil {
		return func(*edition.Target) int { return 0 }
	}
	return f
}

// PageBreak is where a printed page begins in the text (html.PageBreak).
type PageBreak = html.PageBreak

// go-epub keeps its working files in a package-level file system, the machine's temporary
// folder unless told otherwise, and offers no way to give one EPUB a file system of its own. So
// colophon tells it once, on the first EPUB it assembles (not at start-up: no library's settings
// change before colophon uses it), to keep them in memory, and assembles one EPUB at a time.
var (
	assembling sync.Mutex
	inMemory   = sync.OnceValue(func() error { return goepub.Use(goepub.MemoryFS) })
)

// Write makes the EPUB of the book. It comes in pieces: the pictures' bytes are the build's own
// (edition.Picture.Data, read by the loader), stored in the container as they are and not copied
// into it.
func Write(b *edition.Book, opt Options) ([][]byte, error) {
	if opt.Cover == nil {
		return nil, fmt.Errorf("no cover image")
	}
	images, imageFiles, err := html.Pictures(b, "../images/")
	if err != nil {
		return nil, err
	}
	pages := []page{coverPage(b, opt.Cover), titlePage(b), creditsPage(b), contentsPage(b)}
	breaks, figBreaks := html.Breaks(len(b.Documents), opt.PageBreaks)
	occ := occurrences{pages: map[string]string{}, links: glossaryLinks(b)}
	for i, d := range b.Documents {
		credit := ""
		if b.MixedCredits() {
			credit = b.DocumentCredit(d)
		}
		p := documentPage(b, d, credit, images, breaks[i], figBreaks[i], html.XRefs(b, html.EPUB, i, targetPage(opt.TargetPage)), occ)
		p.pageBreaks = breaks[i]
		pages = append(pages, p)
	}

	// After the documents: the notes on persons, the references, the index.
	if p, ok := glossaryPage(b, images); ok {
		pages = append(pages, p)
	}
	if len(b.Bibliography) > 0 {
		pages = append(pages, bibliographyPage(b, images))
	}
	if p, ok := indexPage(b, occ.pages); ok {
		pages = append(pages, p)
	}

	cut := opt.CutFaces
	if cut == nil {
		cut = func(used [4]bool) (*html.Faces, error) { return html.CutFaces(b, used) }
	}
	faces, err := cut(html.FacesUsed(b))
	if err != nil {
		return nil, err
	}
	fontFiles := faces.Files
	all := media(b, opt.Cover, imageFiles, fontFiles)
	raw, err := assemble(b, pages, styleSheet(b, faces.FontFaces(b.Fonts.Family, "../fonts/")), all)
	if err != nil {
		return nil, err
	}
	files, err := unzip(raw)
	if err != nil {
		return nil, fmt.Errorf("reading what go-epub wrote: %w", err)
	}
	// go-epub was given stand-ins for the fonts and images (see assemble); the real bytes go in
	// here, where the container is packed once.
	for name, data := range all {
		if _, ok := files[name]; !ok {
			return nil, fmt.Errorf("go-epub did not write %s", name)
		}
		files[name] = data
	}
	if err := finish(files, b, pages, opt); err != nil {
		return nil, err
	}
	return pack(files, b.Timestamp)
}

// assemble has go-epub build the container: pages, stylesheet, fonts and images.
func assemble(b *edition.Book, pages []page, css string, media map[string][]byte) ([]byte, error) {
	if err := inMemory(); err != nil {
		return nil, err
	}
	assembling.Lock()
	defer assembling.Unlock()
	e, err := goepub.NewEpub(b.Title)
	if err != nil {
		return nil, err
	}
	e.SetLang(b.Language)
	e.SetIdentifier(b.EPUBIdentifier())
	e.SetDescription(b.Description)
	cssPath, err := e.AddCSS(dataURL("text/css", []byte(css)), "colophon.css")
	if err != nil {
		return nil, err
	}
	// go-epub is given one-byte stand-ins for fonts and images: it would otherwise encode,
	// copy and compress megabytes that Write replaces anyway when it packs the container.
	for _, name := range slices.Sorted(maps.Keys(media)) {
		dir, file := path.Split(name)
		var err error
		if strings.HasSuffix(dir, "fonts/") {
			_, err = e.AddFont(dataURL("application/octet-stream", []byte{0}), file)
		} else {
			_, err = e.AddImage(dataURL("application/octet-stream", []byte{0}), file)
		}
		if err != nil {
			return nil, err
		}
	}
	for _, p := range pages {
		if _, err := e.AddSection(p.body, p.title, p.file, cssPath); err != nil {
			return nil, err
		}
	}
	var buf bytes.Buffer
	if _, err := e.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// media are the EPUB's binary files by their path in the container.
func media(b *edition.Book, cov *cover.Image, images map[string][]byte, fonts map[string][]byte) map[string][]byte {
	m := map[string][]byte{"EPUB/images/cover" + cov.Ext: cov.Data}
	for name, data := range fonts {
		m["EPUB/fonts/"+name] = data
	}
	for name, data := range images {
		m["EPUB/images/"+name] = data
	}
	return m
}

// styleSheet is colophon.css for the edition: its faces declared under its own family.
func styleSheet(b *edition.Book, faces string) string {
	return strings.Replace(html.NameFamilies(b, stylesheet), "/* FONT-FACES */\n", faces, 1)
}

func dataURL(mediaType string, data []byte) string {
	return "data:" + mediaType + ";base64," + base64.StdEncoding.EncodeToString(data)
}

package epub

import (
	"bytes"
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/beevik/etree"

	"colophon/internal/edition"
)

// Where go-epub v1.2.1 puts things; TestGoEpubLayout fails if an upgrade moves them.
const (
	opfPath  = "EPUB/package.opf"
	navPath  = "EPUB/nav.xhtml"
	ncxPath  = "EPUB/toc.ncx"
	pagesDir = "EPUB/xhtml/"
)

// finish edits what go-epub wrote into the edition's EPUB: the package metadata, manifest and
// spine; the navigation document; the NCX; and the language and structure of every page.
func finish(files map[string][]byte, b *edition.Book, pages []page, opt Options) error {
	for _, p := range pages {
		name := pagesDir + p.file
		data, ok := files[name]
		if !ok {
			return fmt.Errorf("go-epub did not write %s", name)
		}
		// Only the page's frame is edited (its html, head and body elements): the body's
		// content, which colophon's XHTML writer made and go-epub put in as it is, is set
		// aside for a comment while the rest is parsed and written, then put back. Parsing
		// every page whole took a third of the EPUB's time for an edition with an index,
		// whose pages hold tens of thousands of elements.
		inner, outer, err := bodyContent(data)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		frame := make([]byte, 0, len(data)-len(inner)+len(bodyMark))
		frame = append(append(append(frame, data[:outer[0]]...), bodyMark...), data[outer[1]:]...)
		doc := etree.NewDocument()
		if err := doc.ReadFromBytes(frame); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		finishPage(doc, p)
		out, err := doc.WriteToBytes()
		if err != nil {
			return err
		}
		at := bytes.Index(out, []byte(bodyMark))
		if at < 0 {
			return fmt.Errorf("%s: the page's body went missing", name)
		}
		files[name] = append(append(append(make([]byte, 0, len(out)-len(bodyMark)+len(inner)), out[:at]...), inner...), out[at+len(bodyMark):]...)
	}
	for _, step := range []struct {
		name string
		fn   func(*etree.Document) error
	}{
		{opfPath, func(d *etree.Document) error { return finishPackage(d, b, pages, opt) }},
		{navPath, func(d *etree.Document) error { return finishNav(d, b, pages, opt) }},
		{ncxPath, func(d *etree.Document) error { return finishNCX(d, b, pages) }},
	} {
		doc, err := parse(files, step.name)
		if err != nil {
			return err
		}
		if err := step.fn(doc); err != nil {
			return fmt.Errorf("%s: %w", step.name, err)
		}
		// These three are rebuilt, not edited in place: lay them out afresh so they read well.
		doc.Indent(2)
		if files[step.name], err = doc.WriteToBytes(); err != nil {
			return err
		}
	}
	return nil
}

// bodyMark stands for a page's body content while its frame is edited: a comment, which nothing
// in the frame can be (a title's "<" is written &lt;).
const bodyMark = "<!--colophon:body-->"

// bodyContent is the content of a page's body element: the bytes between the end of its start
// tag and its end tag, and where they are.
func bodyContent(data []byte) (inner []byte, at [2]int, err error) {
	start := bytes.Index(data, []byte("<body"))
	end := bytes.LastIndex(data, []byte("</body>"))
	if start < 0 || end < start {
		return nil, at, fmt.Errorf("no body element")
	}
	open := bytes.IndexByte(data[start:], '>')
	if open < 0 || data[start+open-1] == '/' || start+open+1 > end {
		return nil, at, fmt.Errorf("no body element with content")
	}
	at = [2]int{start + open + 1, end}
	return data[at[0]:at[1]], at, nil
}

func parse(files map[string][]byte, name string) (*etree.Document, error) {
	data, ok := files[name]
	if !ok {
		return nil, fmt.Errorf("go-epub did not write %s", name)
	}
	doc := etree.NewDocument()
	if err := doc.ReadFromBytes(data); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return doc, nil
}

// setLang gives an html element the page language in both attributes EPUB readers look at.
// A page in a right-to-left language (a Hebrew document) is dir="rtl" as a whole.
func setLang(html *etree.Element, lang string) {
	html.CreateAttr("xmlns:epub", "http://www.idpf.org/2007/ops")
	html.CreateAttr("lang", lang)
	html.CreateAttr("xml:lang", lang)
	if edition.RightToLeft(lang) {
		html.CreateAttr("dir", "rtl")
	}
}

func finishPage(doc *etree.Document, p page) {
	html := doc.Root()
	setLang(html, p.lang)
	if t := html.FindElement("head/title"); t != nil {
		t.RemoveAttr("dir")
		t.SetText(p.title)
	}
	if body := html.SelectElement("body"); body != nil {
		body.RemoveAttr("dir")
		body.CreateAttr("epub:type", p.matter)
	}
	// Verse is marked with the Z39.98 structural vocabulary (z3998:poem), whose prefix a content
	// document must declare.
	if strings.Contains(p.body, `epub:type="z3998:`) {
		html.CreateAttr("epub:prefix", "z3998: http://www.daisy.org/z3998/2012/vocab/structure/#")
	}
}

// finishPackage replaces go-epub's metadata (which has no contributor roles, dates, rights or
// accessibility, and a modification time of "now"), renames the manifest ids after their files,
// lists the manifest in name order (go-epub's follows map order) and writes the spine.
func finishPackage(doc *etree.Document, b *edition.Book, pages []page, opt Options) error {
	pkg := doc.Root()
	if pkg == nil || pkg.Tag != "package" {
		return fmt.Errorf("no package element")
	}
	pkg.CreateAttr("version", "3.0")
	pkg.CreateAttr("unique-identifier", "pub-id")
	pkg.CreateAttr("xml:lang", b.Language)

	md, err := emptied(pkg, "metadata")
	if err != nil {
		return err
	}
	writeMetadata(md, b, opt)

	manifest := pkg.SelectElement("manifest")
	if manifest == nil {
		return fmt.Errorf("no manifest element")
	}
	type item struct{ id, href, mediaType, props string }
	var items []item
	for _, it := range manifest.SelectElements("item") {
		href := it.SelectAttrValue("href", "")
		items = append(items, item{itemID(href), href, mediaTypeOf(href, it.SelectAttrValue("media-type", "")), ""})
		manifest.RemoveChild(it)
	}
	sort.Slice(items, func(i, j int) bool { return items[i].href < items[j].href })
	for i := range items {
		switch {
		case items[i].href == "nav.xhtml":
			items[i].props = "nav"
		case strings.HasPrefix(items[i].href, "images/cover."):
			items[i].props = "cover-image"
		case items[i].href == "xhtml/"+indexFile:
			items[i].props = "index" // EPUB Indexes 1.0: the document that holds the index
		}
	}
	for _, it := range items {
		e := manifest.CreateElement("item")
		e.CreateAttr("id", it.id)
		e.CreateAttr("href", it.href)
		e.CreateAttr("media-type", it.mediaType)
		if it.props != "" {
			e.CreateAttr("properties", it.props)
		}
	}

	spine, err := emptied(pkg, "spine")
	if err != nil {
		return err
	}
	spine.CreateAttr("toc", "ncx")
	// Reading order: cover, title page, credits, contents, then the documents. The navigation
	// document is not in it (see contentsPage).
	for _, p := range pages {
		spine.CreateElement("itemref").CreateAttr("idref", itemID("xhtml/"+p.file))
	}
	// The EPUB 2 guide: converters that make Kindle files from the EPUB take the cover from it
	// (without it calibre makes a cover page of its own, and the book has two).
	guide := pkg.CreateElement("guide")
	for _, p := range pages {
		kind := map[string]string{"cover": "cover", "titlepage": "title-page", "copyright-page": "copyright-page", "toc": "toc"}[p.landmark]
		if kind == "" && p.matter == "bodymatter" {
			kind = "text"
		}
		if kind == "" || (kind == "text" && guide.FindElement("reference[@type='text']") != nil) {
			continue
		}
		ref := guide.CreateElement("reference")
		ref.CreateAttr("type", kind)
		ref.CreateAttr("title", p.title)
		ref.CreateAttr("href", "xhtml/"+p.file)
	}
	return nil
}

// itemID names a manifest item after its file, so ids are readable and never start with a digit.
func itemID(href string) string {
	dir, file := path.Split(href)
	base := strings.TrimSuffix(file, path.Ext(file))
	switch strings.TrimSuffix(dir, "/") {
	case "":
		if file == "toc.ncx" {
			return "ncx"
		}
	case "xhtml":
		return "page-" + base
	case "fonts":
		return "font-" + base
	case "images":
		return "image-" + base
	case "css":
		return "css-" + base
	}
	return base
}

// mediaTypeOf fixes media types by file extension; go-epub sniffs content, which is not stable
// across versions of its detector.
func mediaTypeOf(href, sniffed string) string {
	switch path.Ext(href) {
	case ".xhtml":
		return "application/xhtml+xml"
	case ".ncx":
		return "application/x-dtbncx+xml"
	case ".css":
		return "text/css"
	case ".ttf":
		return "font/ttf"
	case ".png":
		return "image/png"
	case ".jpg", ".jpeg":
		return "image/jpeg"
	case ".gif":
		return "image/gif"
	case ".svg":
		return "image/svg+xml"
	}
	return sniffed
}

func writeMetadata(md *etree.Element, b *edition.Book, opt Options) {
	md.CreateAttr("xmlns:dc", "http://purl.org/dc/elements/1.1/")
	dc := func(name, text string, attrs ...string) *etree.Element {
		e := md.CreateElement("dc:" + name)
		for i := 0; i+1 < len(attrs); i += 2 {
			e.CreateAttr(attrs[i], attrs[i+1])
		}
		e.SetText(text)
		return e
	}
	meta := func(property, text string, attrs ...string) {
		e := md.CreateElement("meta")
		for i := 0; i+1 < len(attrs); i += 2 {
			e.CreateAttr(attrs[i], attrs[i+1])
		}
		e.CreateAttr("property", property)
		e.SetText(text)
	}
	dc("identifier", b.EPUBIdentifier(), "id", "pub-id")
	dc("title", b.Title, "id", "title")
	meta("title-type", "main", "refines", "#title")
	if b.Subtitle != "" {
		dc("title", b.Subtitle, "id", "subtitle")
		meta("title-type", "subtitle", "refines", "#subtitle")
	}
	// Every language the documents are printed in, the book's first (the primary one), as the
	// library records list them.
	for _, lang := range b.TextLanguages() {
		dc("language", lang)
	}
	// The creators are the authors. An edition with none (anonymous documents) names "Anonymous"
	// as its creator, as Project Gutenberg and Standard Ebooks do: library views and converters
	// then show a name (calibre showed "Unknown", and it shows no creator whose role is not aut,
	// so the translator as creator with role trl would not do). The translator stays a
	// contributor with the trl role; the MARC records enter the work under its title, as a
	// cataloguer does an anonymous work.
	if len(b.Authors()) == 0 {
		dc("creator", "Anonymous", "id", "creator-anonymous")
		meta("role", "aut", "refines", "#creator-anonymous", "scheme", "marc:relators")
		meta("file-as", "Anonymous", "refines", "#creator-anonymous")
	}
	for i, c := range b.Contributors {
		id := "contributor-" + strconv.Itoa(i+1)
		kind := "contributor"
		if c.Role == "author" {
			kind = "creator"
		}
		dc(kind, c.Name, "id", id)
		meta("role", edition.Relators[c.Role], "refines", "#"+id, "scheme", "marc:relators")
		meta("file-as", fileAs(c.Name), "refines", "#"+id)
	}
	if b.Date != "" {
		dc("date", b.Date)
	}
	if b.Publisher != "" {
		dc("publisher", b.Publisher)
	}
	if b.Rights != "" {
		dc("rights", b.Rights)
	}
	if b.Source != "" {
		dc("source", b.Source)
	}
	if len(opt.PageBreaks) > 0 {
		// The page numbers' source. EPUB Accessibility 1.1 names it with a11y:pageBreakSource,
		// which epubcheck 4.2.6 does not know; dc:source refined as the source of the pagination
		// (EPUB 3.2) says the same and validates.
		dc("source", opt.PrintSource, "id", "print-source")
		meta("source-of", "pagination", "refines", "#print-source")
	}
	if b.Description != "" {
		dc("description", b.Description)
	}
	for _, s := range b.Subjects {
		dc("subject", s)
	}
	meta("dcterms:modified", b.Timestamp.UTC().Format("2006-01-02T15:04:05Z"))

	// EPUB Accessibility 1.1. The conformance claim stands because epubcheck and Ace by DAISY
	// report nothing on this EPUB in the project's tests, run in CI.
	meta("schema:accessMode", "textual")
	meta("schema:accessMode", "visual")
	meta("schema:accessModeSufficient", "textual")
	features := []string{"alternativeText", "displayTransformability", "readingOrder", "structuralNavigation", "tableOfContents"}
	if len(opt.PageBreaks) > 0 {
		features = append(features, "pageBreakMarkers", "pageNavigation", "printPageNumbers")
	}
	for _, f := range features {
		meta("schema:accessibilityFeature", f)
	}
	meta("schema:accessibilityHazard", "none")
	meta("schema:accessibilitySummary", accessibilitySummary(b, opt))
	meta("dcterms:conformsTo", "EPUB Accessibility 1.1 - WCAG 2.1 Level AA")
}

// accessibilitySummary says in words what the metadata says in codes, from what this writer does.
func accessibilitySummary(b *edition.Book, opt Options) string {
	notes := 0
	for _, d := range b.Documents {
		notes += len(d.Notes)
	}
	s := "This publication is text, with a table of contents, landmarks, headings and one reading order; " +
		"it does not fix fonts, sizes or colours, so readers can change them. "
	if notes > 0 {
		s += "Notes are linked from their reference numbers and link back to them. "
	}
	if len(opt.PageBreaks) > 0 {
		s += "Page-break markers and a page list give the page numbers of the print edition (" + opt.PrintSource + "). "
	}
	s += "The cover image has a text alternative giving its words. There are no flashing, sound or motion hazards. " +
		"It meets EPUB Accessibility 1.1 and WCAG 2.1 Level AA as checked by epubcheck and Ace by DAISY."
	return s
}

// fileAs turns "Tahir Asghar" into "Asghar, Tahir" for sorting; names of one word stay as they are.
func fileAs(name string) string {
	f := strings.Fields(name)
	if len(f) < 2 {
		return name
	}
	return f[len(f)-1] + ", " + strings.Join(f[:len(f)-1], " ")
}

// finishNav rewrites the table of contents (go-epub lists every page, cover included, under its
// own heading) and adds the landmarks.
func finishNav(doc *etree.Document, b *edition.Book, pages []page, opt Options) error {
	html := doc.Root()
	setLang(html, b.Language)
	if t := html.FindElement("head/title"); t != nil {
		t.RemoveAttr("dir")
		t.SetText(b.Say("contents"))
	}
	// The book's stylesheet, for reading systems that show the navigation document itself.
	if head := html.SelectElement("head"); head != nil && head.FindElement("link[@rel='stylesheet']") == nil {
		link := head.CreateElement("link")
		link.CreateAttr("rel", "stylesheet")
		link.CreateAttr("type", "text/css")
		link.CreateAttr("href", "css/colophon.css")
	}
	body := html.SelectElement("body")
	if body == nil {
		return fmt.Errorf("no body")
	}
	body.RemoveAttr("dir")
	body.CreateAttr("epub:type", "frontmatter")
	for _, c := range body.ChildElements() {
		body.RemoveChild(c)
	}
	toc := body.CreateElement("nav")
	toc.CreateAttr("epub:type", "toc")
	toc.CreateAttr("role", "doc-toc")
	toc.CreateAttr("id", "toc")
	toc.CreateElement("h1").SetText(b.Say("contents"))
	ol := toc.CreateElement("ol")
	for _, p := range pages {
		if p.inTOC {
			a := ol.CreateElement("li").CreateElement("a")
			a.CreateAttr("href", "xhtml/"+p.file)
			a.SetText(p.title)
		}
	}

	lol := hiddenNav(body, "landmarks", "Landmarks")
	landmark := func(kind, href, text string) {
		a := lol.CreateElement("li").CreateElement("a")
		a.CreateAttr("epub:type", kind)
		a.CreateAttr("href", href)
		a.SetText(text)
	}
	bodyStarted := false
	for _, p := range pages {
		if p.landmark != "" {
			landmark(p.landmark, "xhtml/"+p.file, p.title)
		}
		if p.matter == "bodymatter" && !bodyStarted {
			landmark("bodymatter", "xhtml/"+p.file, "Start of text")
			bodyStarted = true
		}
	}

	if len(opt.PageBreaks) > 0 {
		ol := hiddenNav(body, "page-list", "Pages of the print edition")
		for _, pb := range opt.PageBreaks {
			a := ol.CreateElement("li").CreateElement("a")
			a.CreateAttr("href", "xhtml/"+b.Documents[pb.Doc].ID+".xhtml#page-"+pb.Label)
			a.SetText(pb.Label)
		}
	}
	return nil
}

// finishNCX fills in what go-epub leaves out of the EPUB 2 NCX (the uid, the author) and lists
// the same entries as the navigation document.
func finishNCX(doc *etree.Document, b *edition.Book, pages []page) error {
	ncx := doc.Root()
	if ncx == nil || ncx.Tag != "ncx" {
		return fmt.Errorf("no ncx element")
	}
	ncx.CreateAttr("xml:lang", b.Language)
	head, err := emptied(ncx, "head")
	if err != nil {
		return err
	}
	for _, m := range [][2]string{{"dtb:uid", b.EPUBIdentifier()}, {"dtb:depth", "1"}, {"dtb:totalPageCount", "0"}, {"dtb:maxPageNumber", "0"}} {
		e := head.CreateElement("meta")
		e.CreateAttr("name", m[0])
		e.CreateAttr("content", m[1])
	}
	if t := ncx.FindElement("docTitle/text"); t != nil {
		t.SetText(b.Title)
	}
	var names []string
	for _, c := range b.Authors() {
		names = append(names, c.Name)
	}
	if len(names) == 0 {
		for _, c := range b.Contributors {
			names = append(names, c.Name)
		}
	}
	if a := ncx.FindElement("docAuthor/text"); a != nil {
		a.SetText(strings.Join(names, ", "))
	}
	navMap, err := emptied(ncx, "navMap")
	if err != nil {
		return err
	}
	n := 0
	for _, p := range pages {
		if !p.inTOC {
			continue
		}
		n++
		np := navMap.CreateElement("navPoint")
		np.CreateAttr("id", "navpoint-"+strconv.Itoa(n))
		np.CreateAttr("playOrder", strconv.Itoa(n))
		np.CreateElement("navLabel").CreateElement("text").SetText(p.title)
		np.CreateElement("content").CreateAttr("src", "xhtml/"+p.file)
	}
	return nil
}

// emptied is parent's child element tag with its elements taken out, for colophon to fill; go-epub
// always writes it, so a missing one is an error.
func emptied(parent *etree.Element, tag string) (*etree.Element, error) {
	e := parent.SelectElement(tag)
	if e == nil {
		return nil, fmt.Errorf("no %s element", tag)
	}
	for _, c := range e.ChildElements() {
		e.RemoveChild(c)
	}
	return e, nil
}

// hiddenNav adds to the navigation document's body a navigation list for reading systems only
// (hidden), of the given epub:type and id, with its heading, and returns its list.
func hiddenNav(body *etree.Element, kind, heading string) *etree.Element {
	nav := body.CreateElement("nav")
	nav.CreateAttr("epub:type", kind)
	nav.CreateAttr("id", kind)
	nav.CreateAttr("hidden", "hidden")
	nav.CreateElement("h2").SetText(heading)
	return nav.CreateElement("ol")
}

package build

import (
	"fmt"
	"runtime"
	"strings"
	"sync"

	"colophon/internal/cover"
	"colophon/internal/edition"
	"colophon/internal/epub"
	"colophon/internal/html"
	"colophon/internal/library"
	"colophon/internal/pdf"
	"colophon/internal/preflight"
	"colophon/internal/typeset"
	"colophon/internal/web"
)

// All are the writers of every output, in the order of Kinds.
var All = []Writer{
	{Kind: "epub", Write: writeEPUB},
	{Kind: "pdf", Write: writeBook},
	{Kind: "handouts", Write: writeHandouts},
	{Kind: "covers", Write: writeCovers},
	{Kind: "print", Final: writePrint},
	{Kind: "library", Final: writeLibrary},
	{Kind: "web", Final: writeWeb, Folder: "web/"},
}

// typesetBook sets the book at the edition's trim: the PDF draws it, and the EPUB's page-list, the
// cover's spine and the library records' page counts read its facts.
func typesetBook(s *Shared) (*typeset.Book, error) {
	b := s.Book
	return typesetAt(s, b.Print.Trim, b.Print.BleedMM)
}

// sharedFonts reads the edition's faces once per build for every typeset book and handout, so
// their width caches and the PDF font subsets made from them are made once.
func sharedFonts(s *Shared) (*typeset.Fonts, error) {
	v, err := s.Once("fonts", func() (any, error) { return typeset.NewFonts(s.Book.Fonts) })
	if err != nil {
		return nil, err
	}
	return v.(*typeset.Fonts), nil
}

// typesetAt sets the book at a trim and bleed. A set book is large (a 1,000-document edition's
// lines take about 100 MB), so Shared holds it weakly: writers that draw it at the same time share
// one, and it is let go when the last of them is done. One asked for again after that is set
// again (the same pages: typesetting is deterministic); the writers are arranged so that this
// does not happen in a full build.
func typesetAt(s *Shared, trim string, bleed float64) (*typeset.Book, error) {
	key := fmt.Sprintf("book %s %g", trim, bleed)
	return s.book(key, func() (*typeset.Book, error) {
		b := s.Book
		fonts, err := sharedFonts(s)
		if err != nil {
			return nil, err
		}
		return typeset.Typeset(b, typeset.Options{Trim: trim, BleedMM: bleed, FontSize: b.Print.FontSize, Fonts: fonts})
	})
}

// bookFacts are what the EPUB, the covers and the records need of the book at the edition's trim:
// its number of pages and where each page begins in the text. They are kept for the whole build.
type bookFacts struct {
	Pages   int // the typeset pages
	Printed int // the pages the printer prints: Pages padded as the print service asks
	PageMap []typeset.PageStart
}

func factsOf(s *Shared) (*bookFacts, error) {
	v, err := s.Once("book facts", func() (any, error) {
		bk, err := typesetBook(s)
		if err != nil {
			return nil, err
		}
		svc := edition.Services[s.Book.Print.Service]
		return &bookFacts{Pages: len(bk.Pages), Printed: svc.Padded(len(bk.Pages)), PageMap: bk.PageMap()}, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*bookFacts), nil
}

// writeHandouts makes each document's handout on A4 and US Letter, and the whole edition as a
// saddle-stitched booklet on both.
func writeHandouts(b *edition.Book, s *Shared) ([]Output, error) {
	fonts, err := sharedFonts(s)
	if err != nil {
		return nil, err
	}
	// Every handout is a PDF of its own; they are made on all cores and written as soon as each is
	// made (a large edition has thousands). The outputs are listed by path afterwards, so their
	// order does not depend on which finishes first.
	sheets := []string{"a4", "letter"}
	var outs []Output
	// The booklets are drawn last, but the book the A4 booklet imposes is usually the book the PDF
	// writer is setting now: take it while it is there rather than set it again at the end.
	type booked struct {
		bk  *typeset.Book
		err error
	}
	first := make(chan booked, 1)
	go func() {
		bk, err := typesetAt(s, pdf.BookletSheets["a4"].Trim, 0)
		first <- booked{bk, err}
	}()
	err = parallel(len(b.Documents), func(i int) string { return "making the handouts of " + b.Documents[i].Path }, func(i int) error {
		d := b.Documents[i]
		bks, err := typeset.TypesetHandouts(b, i, sheets, fonts)
		if err != nil {
			return err
		}
		for k, bk := range bks {
			data, err := pdf.Book(b, bk, pdf.Meta{Title: d.TitleText()})
			if err != nil {
				return err
			}
			o := Output{Path: "handouts/" + d.ID + "-" + sheets[k] + ".pdf", MediaType: "application/pdf", Parts: data, Pages: len(bk.Pages)}
			if err := s.Emit("handouts", o); err != nil {
				return err
			}
		}
		return nil
	})
	got := <-first
	if err != nil {
		return nil, err
	}
	for _, sheet := range []string{"a4", "letter"} {
		// One booklet at a time, each book let go before the next is set: at 1,000 documents a set
		// book and its PDF being drawn are the largest things in memory.
		bk, err := got.bk, got.err
		if sheet != "a4" {
			bk, err = typesetAt(s, pdf.BookletSheets[sheet].Trim, 0)
		}
		got.bk = nil
		if err != nil {
			return nil, err
		}
		data, err := pdf.Booklet(b, bk, sheet)
		if err != nil {
			return nil, err
		}
		sides := len(pdf.SaddleOrder(len(bk.Pages)))
		outs = append(outs, Output{Path: "handouts/" + b.Name + "-booklet-" + sheet + ".pdf", MediaType: "application/pdf", Parts: data, Pages: sides})
	}
	return outs, nil
}

// writeCovers makes the ebook cover image and the full-wrap print cover, whose spine is as wide
// as the real interior is thick.
func writeCovers(b *edition.Book, s *Shared) ([]Output, error) {
	img, err := coverImage(s)
	if err != nil {
		return nil, err
	}
	facts, err := factsOf(s)
	if err != nil {
		return nil, err
	}
	fonts, err := sharedFonts(s)
	if err != nil {
		return nil, err
	}
	w := pdf.WrapGeometry(b.Print.Trim, facts.Printed, b.Print.PaperIn)
	data, err := pdf.WrapCover(b, fonts, w, img, pdf.CoverOptions{Service: edition.Services[b.Print.Service]})
	if err != nil {
		return nil, err
	}
	return []Output{
		{Path: "cover/" + b.Name + img.Ext, MediaType: img.MediaType, Data: img.Data},
		{Path: "cover/" + b.Name + "-wrap.pdf", MediaType: "application/pdf", Parts: data, Pages: 1, Extra: w.Details(),
			Note: fmt.Sprintf("%d interior pages, spine %.4f in; %.3f × %.3f in with %.3f in bleed", w.Pages, w.Spine/72, w.W/72, w.H/72, w.Bleed/72)},
	}, nil
}

func writeBook(b *edition.Book, s *Shared) ([]Output, error) {
	bk, err := typesetBook(s)
	if err != nil {
		return nil, err
	}
	if _, err := factsOf(s); err != nil { // while the book is at hand
		return nil, err
	}
	data, err := pdf.Book(b, bk, pdf.Meta{})
	if err != nil {
		return nil, err
	}
	return []Output{{Path: b.Name + ".pdf", MediaType: "application/pdf", Parts: data, Pages: len(bk.Pages)}}, nil
}

// writePrint makes the printer's files: the interior and the full-wrap cover as PDF/X-1a:2001 for
// the edition's print service and printing condition. The interior's inside margin is the one the
// service asks for at the book's page count (set again only when that count crosses one of the
// service's steps); it is padded to the pages the service prints, and a book shorter than the
// service prints is a warning.
func writePrint(b *edition.Book, s *Shared, _ []Output) ([]Output, error) {
	// It runs after the other writers (a Final writer): a large edition's interior, its PDF and
	// the preflight's reading of it then do not share the memory with the other books.
	svc := edition.Services[b.Print.Service]
	facts, err := factsOf(s)
	if err != nil {
		return nil, err
	}
	fonts, err := sharedFonts(s)
	if err != nil {
		return nil, err
	}
	var bk *typeset.Book
	pages := facts.Printed
	for pass := 0; pass < 3; pass++ {
		inside := svc.Inside(pages) * 72
		if bk != nil && bk.Geometry.Inner >= inside-0.01 {
			break
		}
		bk, err = typeset.Typeset(b, typeset.Options{Trim: b.Print.Trim, BleedMM: b.Print.BleedMM, FontSize: b.Print.FontSize, Fonts: fonts,
			MinInner: inside, MinOuter: svc.Outside * 72})
		if err != nil {
			return nil, err
		}
		pages = svc.Padded(len(bk.Pages))
	}
	if pages < svc.MinPages {
		s.Warn(edition.Diagnostic{Pos: edition.Pos{Path: "source/book.yaml"},
			Message: fmt.Sprintf("warning: the book has %d pages; %s prints %d at least (print.service: %s)", pages, svc.Name, svc.MinPages, b.Print.Service)})
	}
	interior, err := pdf.Interior(b, bk, pages, b.Print.Condition)
	if err != nil {
		return nil, err
	}
	inner := bk.Geometry.Inner
	bk = nil // the set book is large; only its PDF is needed from here
	img, err := coverImage(s)
	if err != nil {
		return nil, err
	}
	w := pdf.WrapGeometry(b.Print.Trim, pages, b.Print.PaperIn)
	cov, err := pdf.WrapCover(b, fonts, w, img, pdf.CoverOptions{PDFX: b.Print.Condition, Service: svc})
	if err != nil {
		return nil, err
	}
	// The printer's files pass colophon's own preflight, or the build fails: a finding here is a
	// bug in colophon, not in the sources.
	for _, f := range []struct {
		name string
		data [][]byte
	}{{"interior", interior}, {"cover", cov}} { // in this order, so that messages come in one order
		name := f.name
		findings, err := preflight.CheckParts(f.data, svc)
		if err != nil {
			return nil, fmt.Errorf("preflight of the printer's %s: %w", name, err)
		}
		var problems []preflight.Finding
		for _, f := range findings {
			if f.LowResolution {
				// A picture below 300 ppi is the user's to replace, not colophon's bug. The
				// interior's figures were warned of at their source (typeset.Resolution).
				if name == "interior" {
					continue
				}
				s.Warn(edition.Diagnostic{Pos: edition.Pos{Path: "source/book.yaml"}, Message: "warning: the printer's " + name + ": " + f.String()})
				continue
			}
			problems = append(problems, f)
		}
		if len(problems) > 0 {
			msgs := make([]string, len(problems))
			for i, p := range problems {
				msgs[i] = p.String()
			}
			return nil, fmt.Errorf("preflight of the printer's %s: %s", name, strings.Join(msgs, "; "))
		}
	}
	return []Output{
		{Path: "print/" + b.Name + "-interior.pdf", MediaType: "application/pdf", Parts: interior, Pages: pages,
			Note: fmt.Sprintf("PDF/X-1a:2001, %s, for %s: %d pages, inside margin %.3f in", b.Print.Condition, svc.Name, pages, inner/72)},
		{Path: "print/" + b.Name + "-cover.pdf", MediaType: "application/pdf", Parts: cov, Pages: 1, Extra: w.Details(),
			Note: fmt.Sprintf("PDF/X-1a:2001, %s: spine %.4f in; %.3f × %.3f in with %.3f in bleed", b.Print.Condition, w.Spine/72, w.W/72, w.H/72, w.Bleed/72)},
	}, nil
}

// coverImage is made once per build and shared by the EPUB, the OPDS feed and the print cover.
func coverImage(s *Shared) (*cover.Image, error) {
	v, err := s.Once("cover", func() (any, error) { return cover.Make(s.Book) })
	if err != nil {
		return nil, err
	}
	return v.(*cover.Image), nil
}

func writeEPUB(b *edition.Book, s *Shared) ([]Output, error) {
	img, err := coverImage(s)
	if err != nil {
		return nil, err
	}
	facts, err := factsOf(s)
	if err != nil {
		return nil, err
	}
	data, err := epub.Write(b, epub.Options{Cover: img, PageBreaks: pageBreaks(facts), PrintSource: PrintSource(b)})
	if err != nil {
		return nil, err
	}
	return []Output{{Path: b.Name + ".epub", MediaType: "application/epub+zip", Parts: data}}, nil
}

// pageBreaks are where the book's printed pages begin in the text, for the EPUB's page-list and
// the web edition's page markers.
func pageBreaks(facts *bookFacts) []html.PageBreak {
	var breaks []html.PageBreak
	for _, ps := range facts.PageMap {
		breaks = append(breaks, html.PageBreak{Doc: ps.Doc, Word: ps.Word, Figure: ps.Figure, Label: ps.Label})
	}
	return breaks
}

// writeWeb makes the web edition in web/: it runs last (a Final writer), so that its home page
// offers every other output with its size, and its downloads/ folder holds them as links.
func writeWeb(b *edition.Book, s *Shared, outs []Output) ([]Output, error) {
	facts, err := factsOf(s)
	if err != nil {
		return nil, err
	}
	opt := web.Options{PageBreaks: pageBreaks(facts)}
	for _, o := range outs {
		if o.Link != "" || strings.HasSuffix(o.Path, ".txt") {
			continue // the bag repeats the other outputs; its tag files are the bag's
		}
		opt.Downloads = append(opt.Downloads, web.Download{Path: o.Path, MediaType: o.MediaType, Size: o.Size})
	}
	if opt.Cover, err = coverImage(s); err != nil {
		return nil, err
	}
	files, err := web.Write(b, opt)
	if err != nil {
		return nil, err
	}
	var list []Output
	for _, f := range files {
		o := Output{Path: "web/" + f.Path, MediaType: webMediaType(f.Path), Data: f.Data}
		if f.Link != "" {
			o.Data, o.Link = nil, f.Link
			for _, d := range outs {
				if d.Path == f.Link {
					o.MediaType, o.Size, o.SHA256 = d.MediaType, d.Size, d.SHA256
				}
			}
		}
		list = append(list, o)
	}
	return list, nil
}

// webMediaType is the media type a host serves a file of the web edition with.
func webMediaType(path string) string {
	switch {
	case strings.HasSuffix(path, ".html"):
		return "text/html"
	case strings.HasSuffix(path, ".css"):
		return "text/css"
	case strings.HasSuffix(path, ".js"):
		return "text/javascript"
	case strings.HasSuffix(path, ".json"):
		return "application/json"
	case strings.HasSuffix(path, ".ttf"):
		return "font/ttf"
	case strings.HasSuffix(path, ".png"):
		return "image/png"
	case strings.HasSuffix(path, ".jpg"):
		return "image/jpeg"
	case path == "feed.xml":
		return "application/atom+xml"
	case strings.HasSuffix(path, ".xml"):
		return "application/xml"
	}
	return "text/plain"
}

// PrintSource names the print edition the EPUB's page numbers and the records' extent come from.
func PrintSource(b *edition.Book) string {
	if b.ISBN != "" {
		return "urn:isbn:" + b.ISBN
	}
	return b.Title + ", print edition (" + b.Print.Trim + ")"
}

// writeLibrary makes the records libraries ingest — MARCXML for the print book and the EPUB, ONIX,
// Dublin Core, an OPDS catalog — and a BagIt bag of the whole edition, records included.
func writeLibrary(b *edition.Book, s *Shared, outs []Output) ([]Output, error) {
	facts, err := factsOf(s)
	if err != nil {
		return nil, err
	}
	trim := edition.TrimSizes[b.Print.Trim]
	find := func(path string) (Output, bool) {
		for _, o := range outs {
			if o.Path == path {
				return o, true
			}
		}
		return Output{}, false
	}
	print := library.Edition{Form: "print", Pages: facts.Printed, WidthMM: trim[0], HeightM: trim[1], File: b.Name + ".pdf"}
	ebook := library.Edition{Form: "epub", Pages: facts.Printed, File: b.Name + ".epub"}
	dir := "library/"
	records := []Output{
		{Path: dir + b.Name + "-print-marc.xml", MediaType: "application/marcxml+xml", Data: library.MARC(b, print)},
		{Path: dir + b.Name + "-epub-marc.xml", MediaType: "application/marcxml+xml", Data: library.MARC(b, ebook)},
		{Path: dir + b.Name + "-onix.xml", MediaType: "application/xml", Data: library.ONIX(b, []library.Edition{print, ebook})},
	}
	var formats []string
	var acq []library.Acquisition
	for _, f := range []struct{ path, title string }{{b.Name + ".epub", "EPUB"}, {b.Name + ".pdf", "PDF (print edition)"}} {
		if o, ok := find(f.path); ok {
			formats = append(formats, o.MediaType)
			acq = append(acq, library.Acquisition{Href: "../" + o.Path, MediaType: o.MediaType, Bytes: o.Size, SHA256: o.SHA256, Title: f.title})
		}
	}
	records = append(records, Output{Path: dir + b.Name + "-dc.xml", MediaType: "application/xml", Data: library.DublinCore(b, formats)})
	var cov *library.Acquisition
	for _, o := range outs {
		if strings.HasPrefix(o.Path, "cover/") && strings.HasPrefix(o.MediaType, "image/") {
			cov = &library.Acquisition{Href: "../" + o.Path, MediaType: o.MediaType, Bytes: o.Size, SHA256: o.SHA256}
		}
	}
	records = append(records, Output{Path: dir + b.Name + "-opds.xml", MediaType: "application/atom+xml;profile=opds-catalog;kind=acquisition", Data: library.OPDS(b, cov, acq)})

	// The bag holds every output and the records. The outputs are already written (runWriters
	// lets go of their bytes), so the bag's copies are links to them, listed with the checksums
	// computed when they were written; the records are written with the bag.
	var payload []library.File
	for _, o := range outs {
		payload = append(payload, library.File{Path: o.Path, Size: o.Size, SHA256: o.SHA256})
	}
	for _, o := range records {
		payload = append(payload, library.File{Path: o.Path, Data: o.Data})
	}
	bagDir := dir + b.Name + "-bag/"
	for _, f := range library.Bag(b, payload) {
		o := Output{Path: bagDir + f.Path, MediaType: mediaTypeOf(f.Path, outs, records), Data: f.Data}
		if p, ok := strings.CutPrefix(f.Path, "data/"); ok {
			o.Data, o.Link, o.Size, o.SHA256 = nil, p, f.Size, f.SHA256
		}
		records = append(records, o)
	}
	return records, nil
}

// mediaTypeOf gives a bag file the media type of the output it copies, or text/plain for the
// bag's own tag files.
func mediaTypeOf(bagPath string, lists ...[]Output) string {
	if p, ok := strings.CutPrefix(bagPath, "data/"); ok {
		for _, l := range lists {
			for _, o := range l {
				if o.Path == p {
					return o.MediaType
				}
			}
		}
	}
	return "text/plain"
}

// parallel runs fn(0) … fn(n-1) on as many goroutines as there are cores and returns the first
// error by index, so that which error is reported does not depend on timing. Each runs inside
// the recover boundary (recover.go), stage(k) saying what it works on.
func parallel(n int, stage func(int) string, fn func(int) error) error {
	errs := make([]error, n)
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range next {
				errs[k] = guard(stage(k), func() error { return fn(k) })
			}
		}()
	}
	for k := 0; k < n; k++ {
		next <- k
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

package build

import (
	"colophon/internal/edition"
	"colophon/internal/epub"
	"colophon/internal/html"
)

// writeEPUB makes the EPUB 3, with the print book's page-break markers and page-list.
func writeEPUB(r *Resources, files *Files) error {
	b := r.Edition
	img, facts, err := r.coverAndFacts()
	if err != nil {
		return err
	}
	data, err := epub.Write(b, epub.Options{Cover: img, PageBreaks: pageBreaks(facts), PrintSource: PrintSource(b), TargetPage: facts.TargetPage})
	if err != nil {
		return err
	}
	return files.Put(Output{Path: b.Name + ".epub", MediaType: "application/epub+zip", Parts: data})
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

// PrintSource names the print edition the EPUB's page numbers and the records' extent come from.
func PrintSource(b *edition.Book) string {
	if b.ISBN != "" {
		return "urn:isbn:" + b.ISBN
	}
	return b.Title + ", print edition (" + b.Print.Trim.Name + ")"
}

package build

import (
	"colophon/internal/cover"
	"colophon/internal/edition"
	"colophon/internal/epub"
	"colophon/internal/html"
)

// writeEPUB makes the EPUB 3, with the print book's page-break markers and page-list.
func writeEPUB(r *Resources, files *Files) error {
	b := r.Edition
	// The cover, the print book's facts (its page breaks, for the page-list) and the fonts cut
	// to the edition's characters do not wait for one another: in the seed's build the EPUB was
	// the last writer to finish, having made its cover, then waited for the book, then cut its
	// fonts, one after the other.
	// (The fonts are cut here to be ready; epub.Write asks HTMLFaces for them again and is given
	// the same cut.)
	var (
		img   *cover.Image
		facts *bookFacts
	)
	stages := [...]string{"the cover", "the print book's facts", "the EPUB's fonts"}
	err := parallel(len(stages), func(k int) string { return stages[k] + " for the EPUB of " + b.Dir }, func(k int) (err error) {
		switch k {
		case 0:
			img, err = r.Cover()
		case 1:
			facts, err = r.Facts()
		case 2:
			_, err = r.HTMLFaces(html.FacesUsed(b))
		}
		return err
	})
	if err != nil {
		return err
	}
	data, err := epub.Write(b, epub.Options{Cover: img, PageBreaks: pageBreaks(facts), PrintSource: PrintSource(b), TargetPage: facts.TargetPage, CutFaces: r.HTMLFaces})
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

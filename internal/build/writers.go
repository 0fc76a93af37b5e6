package build

import (
	"fmt"

	"colophon/internal/cover"
	"colophon/internal/edition"
	"colophon/internal/epub"
	"colophon/internal/pdf"
	"colophon/internal/typeset"
)

// All are the writers of every output, in the order of Kinds.
var All = []Writer{
	{Kind: "epub", Write: writeEPUB},
	{Kind: "pdf", Write: writeBook},
	{Kind: "handouts", Write: writeHandouts},
	{Kind: "covers", Write: writeCovers},
}

// typesetBook sets the book once per build; the PDF, the EPUB's page-list, the cover's spine and
// the library records' page counts all read the same pages.
func typesetBook(s *Shared) (*typeset.Book, error) {
	b := s.Book
	return typesetAt(s, b.Print.Trim, b.Print.BleedMM)
}

// typesetAt sets the book at a trim and bleed, once per build for each.
func typesetAt(s *Shared, trim string, bleed float64) (*typeset.Book, error) {
	key := fmt.Sprintf("book %s %g", trim, bleed)
	v, err := s.Once(key, func() (any, error) {
		b := s.Book
		return typeset.Typeset(b, typeset.Options{Trim: trim, BleedMM: bleed, FontSize: b.Print.FontSize})
	})
	if err != nil {
		return nil, err
	}
	return v.(*typeset.Book), nil
}

// writeHandouts makes each document's handout on A4 and US Letter, and the whole edition as a
// saddle-stitched booklet on both.
func writeHandouts(b *edition.Book, s *Shared) ([]Output, error) {
	var outs []Output
	for i, d := range b.Documents {
		for _, sheet := range []string{"a4", "letter"} {
			bk, err := typeset.TypesetHandout(b, i, sheet)
			if err != nil {
				return nil, err
			}
			data, err := pdf.Book(b, bk, pdf.Meta{Title: d.TitleText()})
			if err != nil {
				return nil, err
			}
			outs = append(outs, Output{Path: "handouts/" + d.ID + "-" + sheet + ".pdf", MediaType: "application/pdf", Data: data, Pages: len(bk.Pages)})
		}
	}
	for _, sheet := range []string{"a4", "letter"} {
		bk, err := typesetAt(s, pdf.BookletSheets[sheet].Trim, 0)
		if err != nil {
			return nil, err
		}
		data, err := pdf.Booklet(b, bk, sheet)
		if err != nil {
			return nil, err
		}
		sides := len(pdf.SaddleOrder(len(bk.Pages)))
		outs = append(outs, Output{Path: "handouts/" + b.Name + "-booklet-" + sheet + ".pdf", MediaType: "application/pdf", Data: data, Pages: sides})
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
	bk, err := typesetBook(s)
	if err != nil {
		return nil, err
	}
	w := pdf.WrapGeometry(b.Print.Trim, len(bk.Pages), b.Print.PaperIn)
	data, err := pdf.WrapCover(b, bk.Fonts, w, img)
	if err != nil {
		return nil, err
	}
	return []Output{
		{Path: "cover/" + b.Name + img.Ext, MediaType: img.MediaType, Data: img.Data},
		{Path: "cover/" + b.Name + "-wrap.pdf", MediaType: "application/pdf", Data: data, Pages: 1, Extra: w.Details()},
	}, nil
}

func writeBook(b *edition.Book, s *Shared) ([]Output, error) {
	bk, err := typesetBook(s)
	if err != nil {
		return nil, err
	}
	data, err := pdf.Book(b, bk, pdf.Meta{})
	if err != nil {
		return nil, err
	}
	return []Output{{Path: b.Name + ".pdf", MediaType: "application/pdf", Data: data, Pages: len(bk.Pages)}}, nil
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
	bk, err := typesetBook(s)
	if err != nil {
		return nil, err
	}
	var breaks []epub.PageBreak
	for _, ps := range bk.PageMap() {
		breaks = append(breaks, epub.PageBreak{Doc: ps.Doc, Word: ps.Word, Label: ps.Label})
	}
	data, err := epub.Write(b, epub.Options{Cover: img, PageBreaks: breaks, PrintSource: PrintSource(b)})
	if err != nil {
		return nil, err
	}
	return []Output{{Path: b.Name + ".epub", MediaType: "application/epub+zip", Data: data}}, nil
}

// PrintSource names the print edition the EPUB's page numbers and the records' extent come from.
func PrintSource(b *edition.Book) string {
	if b.ISBN != "" {
		return "urn:isbn:" + b.ISBN
	}
	return b.Title + ", print edition (" + b.Print.Trim + ")"
}

package build

import (
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
}

// typesetBook sets the book once per build; the PDF, the EPUB's page-list and the library
// records' page counts all read the same pages.
func typesetBook(s *Shared) (*typeset.Book, error) {
	v, err := s.Once("book", func() (any, error) {
		b := s.Book
		return typeset.Typeset(b, typeset.Options{Trim: b.Print.Trim, BleedMM: b.Print.BleedMM, FontSize: b.Print.FontSize})
	})
	if err != nil {
		return nil, err
	}
	return v.(*typeset.Book), nil
}

func writeBook(b *edition.Book, s *Shared) ([]Output, error) {
	bk, err := typesetBook(s)
	if err != nil {
		return nil, err
	}
	data, err := pdf.Book(b, bk)
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
	data, err := epub.Write(b, epub.Options{Cover: img})
	if err != nil {
		return nil, err
	}
	return []Output{{Path: b.Name + ".epub", MediaType: "application/epub+zip", Data: data}}, nil
}

package build

import (
	"colophon/internal/cover"
	"colophon/internal/edition"
	"colophon/internal/epub"
)

// All are the writers of every output, in the order of Kinds.
var All = []Writer{
	{Kind: "epub", Write: writeEPUB},
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

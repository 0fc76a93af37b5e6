package html

import (
	"fmt"

	"colophon/internal/edition"
)

// Pictures reads the pictures the documents show; the loader has checked that each lies inside
// the project. It returns the href of each from a page (dir, the pictures' folder as the pages see
// it, then its file name), and the files by name. The files are the bytes the loader read
// (edition.Picture.Data), not copies.
func Pictures(b *edition.Book, dir string) (map[string]string, map[string][]byte, error) {
	hrefs := map[string]string{}
	files := map[string][]byte{}
	var walk func([]edition.Inline) error
	walk = func(in []edition.Inline) error {
		for _, x := range in {
			if x.Kind == edition.Image {
				if _, done := hrefs[x.URL]; !done {
					if x.Picture == nil {
						return fmt.Errorf("image %s was not read", x.URL)
					}
					data := x.Picture.Data
					// Named by what the file is, not what its name says: the media type
					// follows the extension.
					ext := map[string]string{"jpeg": ".jpg", "png": ".png"}[x.Picture.Format]
					name := fmt.Sprintf("image-%d%s", len(files)+1, ext)
					files[name] = data
					hrefs[x.URL] = dir + name
				}
			}
			if err := walk(x.Children); err != nil {
				return err
			}
		}
		return nil
	}
	var blocks func([]edition.Block) error
	blocks = func(bs []edition.Block) error {
		for _, bl := range bs {
			if bl.Kind == edition.Figure {
				if err := walk([]edition.Inline{{Kind: edition.Image, URL: bl.Picture.Path, Picture: bl.Picture}}); err != nil {
					return err
				}
			}
			if err := walk(bl.Inlines); err != nil {
				return err
			}
			if err := blocks(bl.Children); err != nil {
				return err
			}
		}
		return nil
	}
	for _, d := range b.Documents {
		if err := blocks(d.Blocks); err != nil {
			return nil, nil, err
		}
	}
	return hrefs, files, nil
}

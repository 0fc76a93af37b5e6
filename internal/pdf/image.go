package pdf

import (
	"fmt"

	"colophon/internal/cover"
)

// image adds a cover image to the page's resources and returns its resource name. It is embedded
// as a figure's picture is (picture.go): a JPEG as it is, a PNG as its own data or flattened onto
// white, and in a printer's file separated into gray or CMYK.
func (d *doc) image(p *page, img *cover.Image) (string, error) {
	prepare := forPDFA
	if d.meta.PDFX != "" {
		prepare = func(data []byte) (*xobject, error) { return separated(data, 0, 0) }
	}
	x, err := prepare(img.Data)
	if err != nil {
		return "", fmt.Errorf("cover image: %w", err)
	}
	return p.resource(d.f.addStream(x.dict, x.data)), nil
}

// resource names an image XObject in the page's resources.
func (p *page) resource(r ref) string {
	if p.images == nil {
		p.images = map[string]ref{}
	}
	name := fmt.Sprintf("Im%d", len(p.images))
	p.images[name] = r
	return name
}

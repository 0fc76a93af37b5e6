package pdf

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	_ "image/jpeg" // cover images may be JPEG
	"image/png"

	"colophon/internal/cover"
)

// image adds a cover image to the page's resources and returns its resource name. A JPEG is
// embedded as it is (DCTDecode); a PNG is decoded and written as 8-bit RGB, its transparency
// flattened onto white, since PDF/A-1 allows no transparency.
func (d *doc) image(p *page, img *cover.Image) (string, error) {
	if p.images == nil {
		p.images = map[string]ref{}
	}
	res := fmt.Sprintf("Im%d", len(p.images))
	cfg, format, err := image.DecodeConfig(bytes.NewReader(img.Data))
	if err != nil {
		return "", fmt.Errorf("cover image: %w", err)
	}
	var r ref
	if d.meta.PDFX != "" && !(format == "jpeg" && (cfg.ColorModel == color.GrayModel || cfg.ColorModel == color.CMYKModel)) {
		// A printer's file holds gray or CMYK only: a colour image is separated here.
		m, _, err := image.Decode(bytes.NewReader(img.Data))
		if err != nil {
			return "", fmt.Errorf("cover image: %w", err)
		}
		b := m.Bounds()
		px := make([]byte, 0, 4*b.Dx()*b.Dy())
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				cr, cg, cb, ca := m.At(x, y).RGBA()
				white := 0xffff - ca
				k := cmyk([3]int{int((cr + white) >> 8), int((cg + white) >> 8), int((cb + white) >> 8)})
				px = append(px, byte(k[0]*255+0.5), byte(k[1]*255+0.5), byte(k[2]*255+0.5), byte(k[3]*255+0.5))
			}
		}
		r = d.f.alloc()
		d.f.deflated(r, fmt.Sprintf("/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceCMYK /BitsPerComponent 8", b.Dx(), b.Dy()), px)
		p.images[res] = r
		return res, nil
	}
	if format == "jpeg" {
		cs := "/DeviceRGB"
		switch cfg.ColorModel {
		case color.GrayModel:
			cs = "/DeviceGray"
		case color.CMYKModel:
			// Adobe's CMYK JPEGs are stored inverted; the Decode array says so.
			cs = "/DeviceCMYK /Decode [1 0 1 0 1 0 1 0]"
		}
		r = d.f.addStream(fmt.Sprintf("/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s /BitsPerComponent 8 /Filter /DCTDecode",
			cfg.Width, cfg.Height, cs), img.Data)
	} else {
		m, err := png.Decode(bytes.NewReader(img.Data))
		if err != nil {
			return "", fmt.Errorf("cover image: %w", err)
		}
		b := m.Bounds()
		rgb := make([]byte, 0, 3*b.Dx()*b.Dy())
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				cr, cg, cb, ca := m.At(x, y).RGBA() // premultiplied: adding white's share flattens
				white := 0xffff - ca
				rgb = append(rgb, byte((cr+white)>>8), byte((cg+white)>>8), byte((cb+white)>>8))
			}
		}
		r = d.f.alloc()
		d.f.deflated(r, fmt.Sprintf("/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB /BitsPerComponent 8", b.Dx(), b.Dy()), rgb)
	}
	p.images[res] = r
	return res, nil
}

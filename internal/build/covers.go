package build

import (
	"fmt"

	"colophon/internal/edition"
	"colophon/internal/pdf"
)

// writeCovers makes the ebook cover image and the full-wrap print cover, whose spine is as wide
// as the real interior is thick.
func writeCovers(r *Resources, files *Files) error {
	b := r.Edition
	img, err := r.Cover()
	if err != nil {
		return err
	}
	facts, err := r.Facts()
	if err != nil {
		return err
	}
	fonts, err := r.Fonts()
	if err != nil {
		return err
	}
	w := pdf.WrapGeometry(b.Print.Trim, facts.Printed, b.Print.PaperIn)
	data, err := pdf.WrapCover(b, fonts, w, img, pdf.CoverOptions{Service: edition.Services[b.Print.Service]}, r.PDF())
	if err != nil {
		return err
	}
	if err := files.Put(Output{Path: "cover/" + b.Name + img.Ext, MediaType: img.MediaType, Data: img.Data}); err != nil {
		return err
	}
	return files.Put(Output{Path: "cover/" + b.Name + "-wrap.pdf", MediaType: "application/pdf", Parts: data, Pages: 1, Extra: w.Details(),
		Note: fmt.Sprintf("%d interior pages, spine %.4f in; %.3f × %.3f in with %.3f in bleed", w.Pages, w.Spine/72, w.W/72, w.H/72, w.Bleed/72)})
}

package build

import (
	"fmt"

	"colophon/internal/pdf"
	"colophon/internal/typeset"
)

// writeCovers makes the ebook cover image and the full-wrap print cover, whose spine is as wide
// as the real interior is thick.
func writeCovers(r *Resources, files *Files) error {
	b := r.Edition
	img, facts, err := r.coverAndFacts()
	if err != nil {
		return err
	}
	w, data, err := wrapCover(r, facts.Printed, "")
	if err != nil {
		return err
	}
	if err := files.Put(Output{Path: "cover/" + b.Name + img.Ext, MediaType: img.MediaType, Data: img.Data}); err != nil {
		return err
	}
	return files.Put(Output{Path: "cover/" + b.Name + "-wrap.pdf", MediaType: "application/pdf", Parts: data, Pages: 1, Extra: w.Details(),
		Note: fmt.Sprintf("%d interior pages, spine %.4f in; %.3f × %.3f in with %.3f in bleed", w.Pages, w.Spine/72, w.W/72, w.H/72, w.Bleed/72)})
}

// wrapCover lays out and draws the full-wrap cover for an interior of pages pages: a reader's
// PDF, or with pdfx the printer's file for that printing condition.
func wrapCover(r *Resources, pages int, pdfx string) (typeset.Wrap, pdf.File, error) {
	b := r.Edition
	img, err := r.Cover()
	if err != nil {
		return typeset.Wrap{}, nil, err
	}
	fonts, err := r.Fonts()
	if err != nil {
		return typeset.Wrap{}, nil, err
	}
	w := typeset.WrapGeometry(b.Print.Trim, pages, b.Print.PaperIn)
	sheet, err := typeset.WrapCover(b, fonts, w, typeset.WrapOptions{Service: b.Print.Service, ImageW: img.Width, ImageH: img.Height})
	if err != nil {
		return w, nil, err
	}
	data, err := pdf.WrapCover(b, fonts, sheet, img, pdf.CoverOptions{PDFX: pdfx}, r.PDF())
	return w, data, err
}

package pdf

import (
	"colophon/internal/cover"
	"colophon/internal/edition"
	"colophon/internal/typeset"
)

// CoverOptions say for which printer a wrap cover is made.
type CoverOptions struct {
	// PDFX, when set, makes the printer's file: PDF/X-1a:2001 for this condition, in CMYK.
	PDFX string
}

// WrapCover draws the full-wrap print cover typeset laid out (typeset.WrapCover) on its one
// sheet; front is the edition's cover picture, for a layout that shows one. It is an untagged
// PDF/A-1b: a cover is a picture of a book, not a text to read.
func WrapCover(b *edition.Book, fonts *typeset.Fonts, sheet typeset.Sheet, front *cover.Image, opt CoverOptions, res *Resources) (File, error) {
	d := newDoc(b, fonts, sheet.W, sheet.H, Meta{Title: b.Title + " (cover)", Untagged: true, PDFX: opt.PDFX}, nil, res)
	if err := d.drawSheets([]typeset.Sheet{sheet}, fonts, false, front); err != nil {
		return nil, err
	}
	return d.finish()
}

package pdf

import (
	"colophon/internal/edition"
	"colophon/internal/typeset"
)

// Interior draws the printer's interior (typeset.Interior): PDF/X-1a:2001 for the printing
// condition, the pages in gray, no links or bookmarks.
func Interior(b *edition.Book, bk *typeset.Book, sheets []typeset.Sheet, condition string, res *Resources) (File, error) {
	d := newDoc(b, bk.Fonts, bk.Geometry.W, bk.Geometry.H, Meta{Title: b.Title + " (interior)", PDFX: condition}, nil, res)
	if err := d.drawSheets(sheets, bk.Fonts, false, nil); err != nil {
		return nil, err
	}
	return d.finish()
}

package pdf

import (
	"colophon/internal/edition"
	"colophon/internal/typeset"
)

// Booklet draws the book imposed for saddle stitching (typeset.Impose). The pages are drawn, not
// copied, so the links inside the book still work, and the structure tree reads the book in its
// own order whatever order the sheets put the pages in.
func Booklet(b *edition.Book, bk *typeset.Book, sheets []typeset.Sheet, res *Resources) (File, error) {
	d := newDoc(b, bk.Fonts, bk.Geometry.W, bk.Geometry.H, Meta{Title: b.Title + " (booklet)"}, bk.Root, res)
	if err := d.drawSheets(sheets, bk.Fonts, false, nil); err != nil {
		return nil, err
	}
	return d.finish()
}

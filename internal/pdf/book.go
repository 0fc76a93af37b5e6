// Package pdf is colophon's PDF layer: it writes the sheets internal/typeset laid out — the
// book, handouts, booklets, the printer's interior and the wrap cover — and the file itself:
// objects, fonts cut and compressed once per build and shared by every PDF of it, glyphs drawn as
// the shaper placed them, link annotations, bookmarks, the structure tree of a tagged PDF
// (PDF/UA-1) and the PDF/A-1 and PDF/X-1a requirements (output intents, XMP, CIDSet, trailer
// /ID, page boxes). It decides nothing about layout: every position, line, mark and colour on a
// page comes from typeset; what this package decides is how a PDF says it. The same pages give the
// same bytes on every build.
package pdf

import (
	"colophon/internal/edition"
	"colophon/internal/typeset"
)

// Book draws the typeset book (the book interior, or a handout: any typeset pages at their trim)
// as a reader's PDF, a page to each of its sheets, with bookmarks. res are the build's shared
// faces and pictures (nil: the PDF's own).
func Book(b *edition.Book, bk *typeset.Book, meta Meta, res *Resources) (File, error) {
	d := newDoc(b, bk.Fonts, bk.Geometry.W, bk.Geometry.H, meta, bk.Root, res)
	if err := d.drawSheets(bk.Sheets, bk.Fonts, true, nil); err != nil {
		return nil, err
	}
	return d.finish()
}

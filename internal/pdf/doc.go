package pdf

import (
	"bytes"

	"codeberg.org/go-pdf/fpdf"

	"colophon/internal/edition"
	"colophon/internal/typeset"
)

// doc is one PDF being drawn: fpdf with the edition's fonts registered and the metadata set, and the
// link targets of every anchor of the pages it will hold.
type doc struct {
	pdf   *fpdf.Fpdf
	names [4]faceName
	data  [4][]byte
	added [4]bool // faces are registered with fpdf when first used: each costs parsing and embedding
	runes map[rune]bool
	links map[string]int
	size  float64 // a body size for the font that must be current when bookmarks are made
	// The current face and size: fpdf keeps them across pages, so SetFont is only called when
	// they change (it is not cheap, and a page sets hundreds of runs).
	curStyle typeset.Style
	curSize  float64
}

// font makes a face current, registering it on first use.
func (d *doc) font(st typeset.Style, size float64) {
	if st == d.curStyle && size == d.curSize {
		return
	}
	if !d.added[st] {
		d.pdf.AddUTF8FontFromBytes(d.names[st].key, "", d.data[st])
		d.added[st] = true
	}
	d.pdf.SetFont(d.names[st].key, "", size)
	d.curStyle, d.curSize = st, size
}

// Meta is what a PDF's Info dictionary and XMP say, beyond the edition's own metadata.
type Meta struct {
	Title string // defaults to the edition's title
}

func newDoc(b *edition.Book, fonts *typeset.Fonts, w, h float64, meta Meta) *doc {
	pdf := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: w, Ht: h}})
	pdf.SetCompression(false) // compressStreams does it, with reused writers
	sub := subsetsFor(b, fonts)
	if sub.err != nil {
		pdf.SetError(sub.err)
	}
	d := &doc{pdf: pdf, names: sub.names, data: sub.data, runes: sub.runes, links: map[string]int{}, size: 10, curStyle: -1}
	if meta.Title == "" {
		meta.Title = b.Title
	}
	setup(pdf, b, meta)
	return d
}

// anchorsOf makes a link target for every anchor of the pages.
func (d *doc) anchorsOf(pages []*typeset.Page) {
	for _, p := range pages {
		for _, a := range p.Anchors {
			d.links[a.Name] = d.pdf.AddLink()
		}
	}
}

// drawPage draws a typeset page on the current PDF page, moved by dx, dy.
func (d *doc) drawPage(p *typeset.Page, dx, dy float64, bookmarks bool) {
	pdf := d.pdf
	for _, a := range p.Anchors {
		pdf.SetLink(d.links[a.Name], a.Y+dy, -1)
	}
	if bookmarks && len(p.Outline) > 0 {
		d.font(typeset.Regular, d.size) // a UTF-8 font must be current for bookmarks
		for _, o := range p.Outline {
			pdf.Bookmark(o.Title, o.Level, o.Y+dy)
		}
	}
	for _, r := range p.Rules {
		pdf.SetLineWidth(r.Thickness)
		pdf.Line(r.X+dx, r.Y+dy, r.X+dx+r.W, r.Y+dy)
	}
	for _, pl := range p.Placed {
		pl.X += dx
		pl.Y += dy
		d.drawLine(pl)
	}
}

func (d *doc) finish() ([]byte, error) {
	if err := d.pdf.Error(); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := d.pdf.Output(&buf); err != nil {
		return nil, err
	}
	return compressStreams(renameFonts(canonicalBoxes(buf.Bytes()), d.names))
}

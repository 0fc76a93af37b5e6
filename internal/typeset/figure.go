package typeset

import (
	"math"

	"colophon/internal/edition"
)

// figure sets a picture with its caption as one item that a page may not split: the picture at
// its natural size (its pixels at the resolution it records), scaled down, never up, to the
// measure and to the text block's height less its caption; the caption centred under it, or
// justified when it runs to more lines. A figure that does not fit in what is left of a page
// floats to the top of the next while the text goes on (pageBuilder.fillPage). Notes cited in
// the caption are set on the figure's page. The caption is not counted as running text: the
// EPUB's page-break markers stay in reading order wherever the figure floats.
func (l *layout) figure(bl edition.Block, x, width float64) {
	g := l.g
	above, mid, below := 0.8*g.Leading, 0.5*g.Leading, 0.8*g.Leading
	saved := l.set.Word
	l.set.Word = -1
	cs := l.style(0.9, 0.9, Regular, Center)
	var caption []*Line
	if len(bl.Inlines) > 0 {
		caption = l.set.SetParagraph(bl.Inlines, cs, width)
		if len(caption) > 1 {
			cs.Align, cs.Hyphenate = Justify, true
			caption = l.set.SetParagraph(bl.Inlines, cs, width)
		}
	}
	l.set.Word = saved
	capH := float64(len(caption)) * cs.Leading
	// The figure's elements come before the notes its caption cites, which follow it.
	elem := newStruct(l.parent, "Figure", l.doc)
	elem.Alt = bl.Alt
	if len(caption) > 0 {
		tagLines(caption, newStruct(l.parent, "Caption", l.doc))
	}
	var notes []*noteBlock
	noteLines := 0
	for _, ln := range caption {
		for _, n := range ln.Notes {
			nb := l.noteBlock(n)
			notes = append(notes, nb)
			noteLines += len(nb.lines)
		}
	}
	foot := 0.0
	if noteLines > 0 {
		foot = g.Leading + float64(noteLines)*l.noteStyle().Leading
	}
	w, h := placedSize(bl.Picture, width, g.TextHeight-mid-capH-below-foot)

	it := vitem{x: x, doc: l.doc, role: RoleText, breakOK: true, notes: notes}
	it.figure = &figureBox{dx: (width - w) / 2, dy: above, w: w, h: h, pic: bl.Picture, st: elem, above: above, index: l.figures}
	l.figures++
	if len(caption) > 0 {
		for k, ln := range caption {
			it.cells = append(it.cells, cellLine{x: 0, dy: above + h + mid + float64(k)*cs.Leading, line: ln})
		}
	}
	it.height = above + h + mid*boolf(len(caption) > 0) + capH + below
	l.paras++
	l.list = append(l.list, it)
}

func boolf(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// placedSize is the size a picture is printed at: its natural size, scaled down (never up) to
// the width and the height given.
func placedSize(p *edition.Picture, width, height float64) (w, h float64) {
	w, h = p.Size()
	scale := min(1, width/w, height/h)
	return w * scale, h * scale
}

// PrintPPI is the least resolution printers ask of a picture at its printed size.
const PrintPPI = 300

// Resolution warns of every figure that prints below PrintPPI in the book (at its trim) or a
// handout: a scan too coarse for the size it is printed at comes out soft or stepped. A figure
// is printed at most as wide as the measure and as tall as the text block less its caption; the
// warning gives its size there and the pixels it would need.
func Resolution(b *edition.Book) edition.Diagnostics {
	type page struct {
		name string
		g    Geometry
	}
	pages := []page{{"the book", NewGeometry(b.Print.Trim, 0, b.Print.FontSize)}}
	for _, sheet := range []string{"a4", "letter"} {
		pages = append(pages, page{"the " + map[string]string{"a4": "A4", "letter": "US Letter"}[sheet] + " handout", handoutGeometry(sheet)})
	}
	var ds edition.Diagnostics
	low := func(at edition.Pos, pic *edition.Picture, ppi float64, where string, w, h float64) {
		if ppi < PrintPPI-0.5 {
			ds.Add(at, "warning: picture %q prints at %.0f ppi in %s (%d × %d pixels on %.2g × %.2g in); printers ask for %d: a picture of at least %d pixels across, recording 300 ppi, would print sharp at that size",
				pic.Path, ppi, where, pic.Width, pic.Height, w/72, h/72, PrintPPI, int(math.Ceil(w/72*PrintPPI)))
		}
	}
	var inline func(at edition.Pos, in []edition.Inline)
	inline = func(at edition.Pos, in []edition.Inline) {
		for _, x := range in {
			inline(at, x.Children)
			if x.Kind == edition.Image && x.Picture != nil {
				// In a line it is printed at its natural size (the loader keeps it small).
				w, h := x.Picture.Size()
				low(at, x.Picture, float64(x.Picture.Width)/(w/72), "its line", w, h)
			}
		}
	}
	var walk func([]edition.Block)
	walk = func(bs []edition.Block) {
		for _, bl := range bs {
			walk(bl.Children)
			if bl.Kind != edition.Figure {
				inline(bl.Pos, bl.Inlines)
			}
			if bl.Kind != edition.Figure || bl.Picture == nil {
				continue
			}
			worst, where, ww, wh := math.Inf(1), "", 0.0, 0.0
			for _, pg := range pages {
				// Room for two lines of caption under it, as most captions are.
				w, h := placedSize(bl.Picture, pg.g.Measure, pg.g.TextHeight-3*pg.g.Leading)
				if ppi := float64(bl.Picture.Width) / (w / 72); ppi < worst {
					worst, where, ww, wh = ppi, pg.name, w, h
				}
			}
			low(bl.Pos, bl.Picture, worst, where, ww, wh)
		}
	}
	for _, d := range b.Documents {
		walk(d.Blocks)
	}
	return ds
}

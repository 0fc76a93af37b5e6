package pdf

import (
	"fmt"

	"colophon/internal/cover"
	"colophon/internal/typeset"
)

// drawSheets draws the sheets typeset laid out, one page of the PDF each: crop marks, the typeset
// pages placed on it, fold marks, then a cover's artwork (front is the cover picture an Image
// shows). With bookmarks, the pages' outline entries become the PDF's bookmarks.
func (d *doc) drawSheets(sheets []typeset.Sheet, fonts *typeset.Fonts, bookmarks bool, front *cover.Image) error {
	var pages []*typeset.Page
	for _, s := range sheets {
		for _, pl := range s.Pages {
			pages = append(pages, pl.Page)
		}
	}
	d.preparePictures(pages)
	for _, s := range sheets {
		p := d.newPage(s.W, s.H, boxes(s.Boxes))
		if s.Crop != nil {
			d.beginArtifact(p, "<</Type /Pagination>>")
			d.marks(p, s.Crop)
		}
		for _, pl := range s.Pages {
			d.drawPage(p, pl.Page, fonts, pl.DX, pl.DY, bookmarks)
		}
		if s.Fold != nil {
			d.beginArtifact(p, "<</Type /Layout>>")
			d.marks(p, s.Fold)
			d.endMarked(p)
		}
		if err := d.drawArt(p, s.Art, fonts, front); err != nil {
			return err
		}
	}
	return nil
}

// boxes writes a page's TrimBox and BleedBox.
func boxes(b *typeset.Boxes) string {
	if b == nil {
		return ""
	}
	t, l := b.Trim, b.Bleed
	return fmt.Sprintf(" /TrimBox [%s %s %s %s] /BleedBox [%s %s %s %s]", num(t[0]), num(t[1]), num(t[2]), num(t[3]), num(l[0]), num(l[1]), num(l[2]), num(l[3]))
}

// marks draws hairlines: their width (and dash), then each line.
func (d *doc) marks(p *page, m *typeset.Marks) {
	p.c.WriteString(num(m.Width) + " w")
	if m.Dash > 0 {
		p.c.WriteString(" [" + num(m.Dash) + " " + num(m.Dash) + "] 0 d")
	}
	p.c.WriteString("\n")
	for _, l := range m.Lines {
		d.line(p, l.X1, l.Y1, l.X2, l.Y2)
	}
	if m.Dash > 0 {
		p.c.WriteString("[] 0 d\n")
	}
}

// turned is the text matrix of a run turned a quarter clockwise: it reads down the page.
var turned = [4]float64{0, -1, 1, 0}

// drawArt draws a cover's artwork in its order.
func (d *doc) drawArt(p *page, art []typeset.Art, fonts *typeset.Fonts, front *cover.Image) error {
	for _, a := range art {
		switch a := a.(type) {
		case typeset.Paint:
			d.fillRGB(p, a.Colour)
		case typeset.Box:
			d.rect(p, a.X, a.Y, a.W, a.H)
		case typeset.Text:
			d.drawLine(p, a.Placed, fonts, 0)
		case typeset.Run:
			m := [4]float64{1, 0, 0, 1}
			if a.Turned {
				m = turned
			}
			d.textAt(p, a.Style, a.Size, m, a.X, p.pdfY(a.Y), a.Text, false, false, "", fonts)
		case typeset.Image:
			if front == nil {
				return fmt.Errorf("the cover's layout shows a picture, and there is none")
			}
			img, err := d.image(p, front)
			if err != nil {
				return err
			}
			fmt.Fprintf(p.c, "q %s 0 0 %s %s %s cm /%s Do Q\n", num(a.W), num(a.H), num(a.X), num(p.pdfY(a.Y+a.H)), img)
		case typeset.Stroke:
			d.strokeRGB(p, a.Colour)
			d.marks(p, &a.Marks)
		default:
			return fmt.Errorf("no drawing for %T", a)
		}
	}
	return nil
}

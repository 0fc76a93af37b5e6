package typeset

import "colophon/internal/edition"

// Glyphs is a run of text drawn at one place in one style: a word or part of one. A book keeps
// millions of them until it is drawn, so the struct is kept small: sizes are float32 (fpdf writes
// two decimals), and the rare link or note reference is behind a pointer.
type Glyphs struct {
	X     float64 // from the line's left edge
	Width float64 // advance, points
	Text  string
	Ref   *Ref // what the run refers to, or nil
	Size  float32
	Rise  float32 // raised above the baseline (note numbers)
	Style Style
}

// Ref is what a run of glyphs refers to: a note (the run is its reference mark) or a link target.
type Ref struct {
	Note *edition.Note
	Link string
}

// Note is the note the run is a reference to, or nil.
func (g *Glyphs) Note() *edition.Note {
	if g.Ref == nil {
		return nil
	}
	return g.Ref.Note
}

// Link is the run's link target, or "".
func (g *Glyphs) Link() string {
	if g.Ref == nil {
		return ""
	}
	return g.Ref.Link
}

// Line is one set line.
type Line struct {
	Glyphs     []Glyphs
	Width      float64 // the measure it was set to
	Natural    float64 // the width its material takes after glue is set
	Leading    float64
	Overfull   float64 // how far it sticks out past the measure; 0 when it fits
	Hyphenated bool
	Notes      []*edition.Note // notes cited on this line, in order
	FirstWord  int             // the running-text word the line begins with (perhaps its end, after a hyphen), or -1
	Para       int             // which paragraph of the book the line belongs to (for checks)
}

// SetParagraph breaks a paragraph into lines of the given width.
func (s *Setter) SetParagraph(in []edition.Inline, ps ParaStyle, width float64) []*Line {
	items := s.appendItems(s.items[:0], in, ps, width)
	defer func() { s.items = items[:0] }()
	ragged := 0.0
	if ps.Align != Justify {
		ragged = 3 * ps.Size
	}
	breaks := breakLines(items, width, ragged)
	lines := make([]*Line, 0, len(breaks))
	var scratch []Glyphs
	start := 0
	for _, bn := range breaks {
		l := setLine(items[start:bn.pos+1], width, ps, bn, &scratch)
		lines = append(lines, l)
		start = bn.pos + 1
	}
	for _, l := range lines {
		switch ps.Align {
		case Center:
			shift(l, (width-l.Natural)/2)
		case Right:
			shift(l, width-l.Natural)
		}
	}
	return lines
}

func shift(l *Line, dx float64) {
	for i := range l.Glyphs {
		l.Glyphs[i].X += dx
	}
}

// setLine places the material of one line: the items from after the previous break up to and
// including the break item. The runs are gathered in scratch and copied to a slice of their exact
// size: a book keeps every line until it is drawn, and a 1,000-document edition has millions.
func setLine(items []item, width float64, ps ParaStyle, bn *breakNode, scratch *[]Glyphs) *Line {
	l := &Line{Width: width, Leading: ps.Leading, FirstWord: -1, Hyphenated: bn.hyphenate, Glyphs: (*scratch)[:0]}
	defer func() {
		*scratch = l.Glyphs
		l.Glyphs = append([]Glyphs(nil), l.Glyphs...)
	}()
	brk := items[len(items)-1]
	body := items[:len(items)-1]
	// Discard glue and penalties at the start of the line.
	for len(body) > 0 && body[0].kind != box {
		body = body[1:]
	}
	var w, y, z float64
	for _, it := range body {
		switch it.kind {
		case box:
			w += it.width
		case glue:
			w += it.width
			y += it.stretch
			z += it.shrink
		}
	}
	if brk.kind == penalty {
		w += brk.width
	}
	ratio := 0.0
	justify := ps.Align == Justify && !(brk.kind == penalty && brk.penalty <= ejectPen)
	if justify {
		switch {
		case w < width && y > 0 && y < fil:
			ratio = (width - w) / y
		case w > width && z > 0:
			ratio = max((width-w)/z, -1)
		}
	} else if w > width && z > 0 {
		ratio = max((width-w)/z, -1) // even a ragged line shrinks its spaces before it overflows
	}
	x := 0.0
	cur := -1 // index of the glyph run the next box may join
	for _, it := range body {
		switch it.kind {
		case glue:
			if it.stretch >= fil {
				continue
			}
			gw := it.width
			if ratio > 0 {
				gw += ratio * it.stretch
			} else if ratio < 0 {
				gw += ratio * it.shrink
			}
			x += gw
			cur = -1
		case box:
			if it.word >= 0 && l.FirstWord < 0 {
				l.FirstWord = it.word
			}
			if it.note != nil {
				l.Notes = append(l.Notes, it.note)
			}
			if it.text == "" {
				x += it.width
				cur = -1
				continue
			}
			// Boxes of one style that touch are drawn as one string: the same advances, fewer
			// drawing operations.
			if c := cur; c >= 0 && l.Glyphs[c].Style == it.style && l.Glyphs[c].Size == float32(it.size) && l.Glyphs[c].Rise == float32(it.rise) &&
				l.Glyphs[c].Note() == nil && it.note == nil && l.Glyphs[c].Link() == it.link {
				l.Glyphs[c].Text += it.text
				l.Glyphs[c].Width += it.width
			} else {
				g := Glyphs{X: x, Text: it.text, Style: it.style, Size: float32(it.size), Rise: float32(it.rise), Width: it.width}
				if it.note != nil || it.link != "" {
					g.Ref = &Ref{Note: it.note, Link: it.link}
				}
				l.Glyphs = append(l.Glyphs, g)
				cur = len(l.Glyphs) - 1
			}
			x += it.width
		}
	}
	if brk.kind == penalty && brk.hyphen != "" {
		if c := cur; c >= 0 && l.Glyphs[c].Style == brk.hyphenSty && l.Glyphs[c].Rise == 0 && l.Glyphs[c].Note() == nil {
			l.Glyphs[c].Text += brk.hyphen
			l.Glyphs[c].Width += brk.width
		} else {
			l.Glyphs = append(l.Glyphs, Glyphs{X: x, Text: brk.hyphen, Style: brk.hyphenSty, Size: float32(brk.hyphenSize), Width: brk.width})
		}
		x += brk.width
	}
	l.Natural = x
	if x > width+0.01 {
		l.Overfull = x - width
	}
	return l
}

package typeset

import (
	"strings"

	"colophon/internal/edition"
)

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
	// Lbl marks a label: a list item's bullet or number, a note's number at the foot. Tagged PDF
	// puts it in a Lbl element of its own.
	Lbl bool
	// Strike marks words struck out in the original: drawn with a line through them.
	Strike bool
	// Level is the run's bidi embedding level: an odd one is right to left, shaped and drawn so.
	Level uint8
	// Space, on a line of mixed directions (Line.Bidi), is where the space that follows the run
	// in the text is on the line: 1 at its right, -1 at its left, 0 none (text extraction reads
	// it there).
	Space int8
	// Caps sets the run in the face's small capitals.
	Caps bool
	// Shaped is the run's text as setting the line shaped it (in its style, direction and
	// capitals), which the PDF writer draws: looking the shaping up again for every run drawn was
	// a tenth of a build's time. Nil for runs made elsewhere, which the writer shapes.
	Shaped *Shaped
}

// RTL says whether the run is right to left: its glyphs are shaped so, and come in drawing order.
func (g *Glyphs) RTL() bool { return g.Level%2 == 1 }

// StrikeLine is where a run struck out in the original is drawn through: a rule through the
// x-height, rise above the baseline, thickness thick, as long as the run.
func (g *Glyphs) StrikeLine() (rise, thickness float64) {
	size := float64(g.Size)
	return 0.3 * size, size * 0.06
}

// LinkArea is the area a link on the run answers to: from top above its baseline, height tall,
// as wide as the run (a link over several runs spans them all).
func (g *Glyphs) LinkArea() (top, height float64) {
	size := float64(g.Size)
	return 0.8 * size, size * 1.1
}

// InlinePicture is a picture in a line of text: its file, height in points and alt text.
type InlinePicture struct {
	Picture *edition.Picture
	H       float64
	Alt     string
}

// Ref is what a run of glyphs refers to: a note (the run is its reference mark) or a link target.
type Ref struct {
	Note *edition.Note
	Link string
	// Pic makes the run a picture in the line, Width wide, standing on the baseline. It lives
	// here rather than in Glyphs, which a large book has millions of: a pointer more in each
	// cost the collector a second at 1,000 documents.
	Pic *InlinePicture
	// Lang is the language of a run in another language than its paragraph's, a span's
	// ([λόγος]{lang=el}): the PDF tags it with its own /Lang.
	Lang string
}

// Lang is the run's language when it is not its paragraph's, or "".
func (g *Glyphs) Lang() string {
	if g.Ref == nil {
		return ""
	}
	return g.Ref.Lang
}

// Pic is the picture the run is, or nil.
func (g *Glyphs) Pic() *InlinePicture {
	if g.Ref == nil {
		return nil
	}
	return g.Ref.Pic
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
	// Cut says the line ends inside a word without a hyphen: an emergency break, where nothing
	// else fit (a long string, or a table's cell too narrow), counted by the tests.
	Cut bool
	// BreakHyphen says the line ends with a hyphen the line break added (not one of the text's):
	// tagged PDF marks it as a soft hyphen, so a screen reader reads the word whole.
	BreakHyphen bool
	Notes       []*edition.Note // notes cited on this line, in order
	// Anchors are the places links point to that begin on the line (spans' ids, register
	// occurrences): the page it is placed on is theirs.
	Anchors   []string
	FirstWord int     // the running-text word the line begins with (perhaps its end, after a hyphen), or -1
	Para      int     // which paragraph of the book the line belongs to (for checks)
	Struct    *Struct // the structure element the line's text belongs to (tagged PDF); nil for none
	RTL       bool    // the line is of a right-to-left paragraph
	Bidi      bool    // its runs are not all left to right: see Glyphs.Space
}

// SetParagraph breaks a paragraph into lines of the given width.
func (s *Setter) SetParagraph(in []edition.Inline, ps ParaStyle, width float64) []*Line {
	if ps.RTL {
		ps.Align = mirror(ps.Align)
	}
	items := s.appendItems(s.items[:0], in, ps, width)
	defer func() { s.items = items[:0] }()
	return s.setItems(items, ps, width, breakLines(&s.nodes, items, width, raggedness(ps)))
}

// raggedness is how much short of the measure a line of a paragraph not justified may end
// without being counted as loose.
func raggedness(ps ParaStyle) float64 {
	if ps.Align != Justify {
		return 3 * ps.Size
	}
	return 0
}

// setItems sets a paragraph's items as lines, broken where breaks say, and aligns them.
func (s *Setter) setItems(items []item, ps ParaStyle, width float64, breaks []*breakNode) []*Line {
	lines := make([]*Line, 0, len(breaks))
	var scratch lineScratch
	start := 0
	for _, bn := range breaks {
		l := s.setLine(items[start:bn.pos+1], width, ps, bn, &scratch)
		lines = append(lines, l)
		start = bn.pos + 1
	}
	for _, l := range lines {
		switch {
		case ps.Align == Center:
			shift(l, (width-l.Natural)/2)
		case ps.Align == Right, ps.RTL && ps.Align == Justify && l.Natural < width:
			shift(l, width-l.Natural) // a right-to-left paragraph's last line ends at the left
		}
	}
	return lines
}

// SetBalanced sets a centred paragraph (a title, a heading) as SetParagraph does, then again on
// the narrowest measure that gives it no more lines and no line too long, centred on the full
// measure: a title of two or three lines then reads as one shape, not as full lines over a word
// left alone ("…Against the Criticism of J.V. / Stalin"). Lines within a fifth of each other's
// length are kept as they are. The paragraph is shaped and hyphenated once: only the line
// breaking is tried at each measure (a title's shaping had been a tenth of the seed's build).
func (s *Setter) SetBalanced(in []edition.Inline, ps ParaStyle, width float64) []*Line {
	if ps.Align != Center {
		return s.SetParagraph(in, ps, width)
	}
	items := s.appendItems(s.items[:0], in, ps, width)
	defer func() { s.items = items[:0] }()
	ragged := raggedness(ps)
	lines := s.setItems(items, ps, width, breakLines(&s.nodes, items, width, ragged))
	if len(lines) < 2 {
		return lines
	}
	// Lines within a fifth of each other's length are balanced already.
	short, long := lines[0].Natural, lines[0].Natural
	for _, ln := range lines[1:] {
		short, long = min(short, ln.Natural), max(long, ln.Natural)
	}
	if short >= 0.8*long {
		return lines
	}
	fits := func(w float64) bool {
		breaks := breakLines(&s.nodes, items, w, ragged)
		if len(breaks) > len(lines) {
			return false
		}
		for _, b := range breaks {
			if b.overfull {
				return false
			}
		}
		return true
	}
	// The narrowest width is found to a point, in a dozen line breakings of a short paragraph.
	lo, hi := width/2, width
	for hi-lo > 1 {
		if mid := (lo + hi) / 2; fits(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	out := s.setItems(items, ps, hi, breakLines(&s.nodes, items, hi, ragged))
	for _, ln := range out {
		if ln.Overfull > 0 {
			// The shaped runs came out wider than their pieces' sum (a kern across a join): the
			// lines as first set.
			return lines
		}
	}
	for _, ln := range out {
		shift(ln, (width-hi)/2)
		ln.Width = width
	}
	return out
}

func shift(l *Line, dx float64) {
	for i := range l.Glyphs {
		l.Glyphs[i].X += dx
	}
}

// lineScratch is what setLine gathers a line in, reused for the paragraph's next line: the
// runs, and the spaces between them. A space keeps only its measures, not its whole item: the
// spaces of every line of a build, as items, were a fifth of all the memory it allocated.
type lineScratch struct {
	glyphs []Glyphs
	gaps   []gap
}

// gap is a space of a line being set, before the run with index before.
type gap struct {
	before                 int
	width, stretch, shrink float64
	level                  uint8
}

// maxSpace is the widest an interword space is set, as a multiple of its natural width; with
// glue that stretches by half its width (appendItems), that is a stretch ratio of 4.
const (
	maxSpace        = 3.0
	maxStretchRatio = (maxSpace - 1) * 2
)

// setLine places the material of one line: the items from after the previous break up to and
// including the break item. Boxes that touch and share a style are drawn as one run, and each run
// is measured by shaping its whole text — so kerning and ligatures between the pieces of a word
// that was not broken count, while a word broken at a hyphen is shaped as two runs, with no
// ligature across the break — and the spaces are set from those measures, so what is drawn fills
// the measure exactly. The runs are gathered in scratch and copied to a slice of their exact size:
// a book keeps every line until it is drawn, and a 1,000-document edition has millions.
func (s *Setter) setLine(items []item, width float64, ps ParaStyle, bn *breakNode, scratch *lineScratch) *Line {
	l := &Line{Width: width, Leading: ps.Leading, FirstWord: -1, Hyphenated: bn.hyphenate, Glyphs: scratch.glyphs[:0], RTL: ps.RTL}
	gaps := scratch.gaps[:0]
	defer func() {
		scratch.glyphs, scratch.gaps = l.Glyphs, gaps
		l.Glyphs = append([]Glyphs(nil), l.Glyphs...)
	}()
	brk := items[len(items)-1]
	body := items[:len(items)-1]
	l.Cut = brk.kind == penalty && !brk.flagged && brk.penalty >= emergencyPenalty && brk.penalty < infPenalty
	// Discard glue and penalties at the start of the line.
	for len(body) > 0 && body[0].kind != box {
		body = body[1:]
	}
	// First the runs, with the glue between them: Glyphs.X holds, for now, the index of the glue
	// item that comes before the run (or -1), and blank boxes (indents) become runs without text.
	cur := -1 // index of the run the next box may join
	for i := range body {
		it := &body[i]
		switch it.kind {
		case glue:
			if it.stretch >= fil {
				continue
			}
			gaps = append(gaps, gap{before: len(l.Glyphs), width: it.width, stretch: it.stretch, shrink: it.shrink, level: it.level})
			cur = -1
		case box:
			if it.word >= 0 && l.FirstWord < 0 {
				l.FirstWord = it.word
			}
			if it.note != nil {
				l.Notes = append(l.Notes, it.note)
			}
			if it.anchor != "" {
				l.Anchors = append(l.Anchors, strings.Fields(it.anchor)...)
			}
			if it.pic != nil {
				g := Glyphs{Width: it.width, Ref: &Ref{Pic: it.pic, Link: it.link, Lang: it.lang}, Level: it.level}
				l.Glyphs = append(l.Glyphs, g)
				cur = -1
				continue
			}
			if it.text == "" {
				l.Glyphs = append(l.Glyphs, Glyphs{Width: it.width, Level: it.level})
				cur = -1
				continue
			}
			if c := cur; c >= 0 && l.Glyphs[c].Style == it.style && l.Glyphs[c].Size == float32(it.size) && l.Glyphs[c].Rise == float32(it.rise) &&
				l.Glyphs[c].Note() == nil && it.note == nil && l.Glyphs[c].Link() == it.link && l.Glyphs[c].Strike == it.strike && l.Glyphs[c].Level == it.level && l.Glyphs[c].Caps == it.caps && l.Glyphs[c].Lang() == it.lang {
				l.Glyphs[c].Text += it.text
				l.Glyphs[c].Shaped = nil // pieces of a word joined: shaped whole below
			} else {
				g := Glyphs{Text: it.text, Style: it.style, Size: float32(it.size), Rise: float32(it.rise), Strike: it.strike, Level: it.level, Caps: it.caps, Shaped: it.shaped}
				if it.note != nil || it.link != "" || it.lang != "" {
					g.Ref = &Ref{Note: it.note, Link: it.link, Lang: it.lang}
				}
				l.Glyphs = append(l.Glyphs, g)
				cur = len(l.Glyphs) - 1
			}
		}
	}
	if brk.kind == penalty && brk.hyphen != "" {
		l.BreakHyphen = true
		if c := cur; c >= 0 && l.Glyphs[c].Style == brk.hyphenSty && l.Glyphs[c].Rise == 0 && l.Glyphs[c].Note() == nil && !l.Glyphs[c].Caps {
			l.Glyphs[c].Text += brk.hyphen
			l.Glyphs[c].Shaped = nil
		} else {
			l.Glyphs = append(l.Glyphs, Glyphs{Text: brk.hyphen, Style: brk.hyphenSty, Size: float32(brk.hyphenSize), Level: brk.level})
		}
	}
	var w, y, z float64
	for i := range l.Glyphs {
		g := &l.Glyphs[i]
		if g.Text != "" {
			face := s.Fonts.Face(g.Style)
			if g.Shaped == nil {
				g.Shaped = face.ShapeWith(g.Text, g.RTL(), g.Caps)
			}
			g.Width = float64(g.Shaped.Advance) * float64(g.Size) / face.Upem
		}
		w += g.Width
	}
	for _, gp := range gaps {
		w += gp.width
		y += gp.stretch
		z += gp.shrink
	}
	ratio := 0.0
	justify := ps.Align == Justify && !(brk.kind == penalty && brk.penalty <= ejectPen)
	if justify {
		switch {
		case w < width && y > 0 && y < fil:
			// No space stretches to more than maxSpace times its width: a line that would have to
			// is set at that and left short of the measure, ragged, rather than gapped.
			ratio = min((width-w)/y, maxStretchRatio)
		case w > width && z > 0:
			ratio = max((width-w)/z, -1)
		}
	} else if w > width && z > 0 {
		ratio = max((width-w)/z, -1) // even a ragged line shrinks its spaces before it overflows
	}
	gapWidth := func(gp gap) float64 {
		gw := gp.width
		if ratio > 0 {
			gw += ratio * gp.stretch
		} else if ratio < 0 {
			gw += ratio * gp.shrink
		}
		return gw
	}
	x := 0.0
	k := 0
	ordered := false // every piece at level 0: logical order is visual order
	for _, g := range l.Glyphs {
		ordered = ordered || g.Level > 0
	}
	for _, gp := range gaps {
		ordered = ordered || gp.level > 0
	}
	if !ordered {
		for i := range l.Glyphs {
			for ; k < len(gaps) && gaps[k].before == i; k++ {
				x += gapWidth(gaps[k])
			}
			l.Glyphs[i].X = x
			x += l.Glyphs[i].Width
		}
	} else {
		// Runs and spaces in logical order, then placed from the left in visual order.
		l.Bidi = true
		type piece struct {
			run   int // index of the run, or -(r+2) for a space after run r (-1 before any)
			width float64
		}
		var pieces []piece
		var levels []uint8
		for i := range l.Glyphs {
			for ; k < len(gaps) && gaps[k].before == i; k++ {
				pieces = append(pieces, piece{-(i - 1 + 2), gapWidth(gaps[k])})
				levels = append(levels, gaps[k].level)
			}
			pieces = append(pieces, piece{i, l.Glyphs[i].Width})
			levels = append(levels, l.Glyphs[i].Level)
		}
		spaceX := make([]float64, len(l.Glyphs)) // where the space after each run is
		for i := range spaceX {
			spaceX[i] = -1
		}
		for _, pi := range reorder(levels) {
			switch p := pieces[pi]; {
			case p.run >= 0:
				l.Glyphs[p.run].X = x
			case p.run <= -2:
				spaceX[-p.run-2] = x
			}
			x += pieces[pi].width
		}
		for i := range l.Glyphs {
			switch {
			case spaceX[i] < 0:
			case spaceX[i] < l.Glyphs[i].X:
				l.Glyphs[i].Space = -1
			default:
				l.Glyphs[i].Space = 1
			}
		}
	}
	// Blank runs (indents) have done their work.
	kept := l.Glyphs[:0]
	for _, g := range l.Glyphs {
		if g.Text != "" || g.Pic() != nil {
			kept = append(kept, g)
		}
	}
	l.Glyphs = kept
	l.Natural = x
	if x > width+0.01 {
		l.Overfull = x - width
	}
	return l
}

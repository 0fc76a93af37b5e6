package typeset

import (
	"fmt"
	"slices"

	"colophon/internal/edition"
)

// Tables. A column is never narrower than its longest word: the widths are measured from the
// same items the cells are set from, so what was measured is what fits. Each column gets its
// natural width when the table's natural widths fit the measure; else its longest word and a
// share of what is left in proportion to what it would take more; then, when the longest words
// do not fit, its longest piece of a word hyphenated by the document's patterns (a word in at
// most three pieces, as no more than two lines in a row end in a hyphen); then the same at the
// notes' size; and a table that does not fit even so stops the build at its position. A word is
// never cut without a hyphen.
//
// A table that fits on a page is kept whole: one item of the vertical list that floats, as a
// figure does, to the top of the next page when it does not fit in what is left of this one,
// while the text after it fills this page. A longer table breaks only between rows, with at
// least two rows on each side of the break (and the caption, the header row and the first two
// rows together), and sets its header row again at the head of each following page.

// tableMinRows is how many rows a long table keeps on each side of a page break.
const tableMinRows = 2

// cellPieces is the most pieces a word of a cell is broken into: one more than the hyphens the
// line breaker allows in a row.
const cellPieces = maxHyphensInRow + 1

// table sets a table: columns as wide as their content asks, cells wrapped (and hyphenated only
// when the longest words do not fit), thin rules above, under the heading row and below.
func (l *layout) table(bl edition.Block, x, width float64) {
	g := l.g
	cols := 0
	for _, r := range bl.Children {
		cols = max(cols, len(r.Children))
	}
	if cols == 0 {
		return
	}
	pad := 0.6 * g.Size // between columns
	room := width - pad*float64(cols-1)
	ns := l.noteStyle()
	var size, leading float64
	var colW []float64
	hyphens := false
	var need float64 // what the longest words asked for, at the last size tried
	for _, sz := range [][2]float64{{g.Size, g.Leading}, {ns.Size, ns.Leading}} {
		size, leading = sz[0], sz[1]
		words, nat := l.columnWidths(bl, cols, size, leading, false, room)
		if sum(nat) <= room {
			colW = nat
			break
		}
		if sum(words) <= room {
			colW = spread(words, nat, room)
			break
		}
		pieces, _ := l.columnWidths(bl, cols, size, leading, true, room)
		need = sum(pieces)
		if need <= room {
			colW, hyphens = spread(pieces, nat, room), true
			break
		}
	}
	if colW == nil {
		msg := fmt.Sprintf("a table of %d columns is too wide for the measure even at %.1f pt", cols, size)
		l.over = append(l.over, msg)
		l.warn = append(l.warn, edition.Diagnostic{Pos: bl.Pos, Message: msg + " (its longest words, hyphenated, need " + fmt.Sprintf("%.0f pt of %.0f", need, room) + "): use fewer columns, or split the table"})
		pieces, nat := l.columnWidths(bl, cols, size, leading, true, room)
		colW, hyphens = spread(pieces, nat, room), true
	}
	total := sum(colW) + pad*float64(cols-1)
	left := x + (width-total)/2

	keep := l.keep // a heading's keep, for the text after a table that floats away from it
	first := len(l.list)
	saved := l.parent
	tbl := newStruct(l.parent, "Table", l.doc)
	l.space(0.5 * g.Leading)
	if len(bl.Inlines) > 0 {
		// The caption stands above the table, as tables' captions do, kept with its first rows;
		// not running text, as a figure's is not.
		l.parent = tbl
		words := l.set.Word
		l.set.Word = -1
		cs := l.style(0.9, 0.9, Regular, Center)
		if len(l.set.SetParagraph(bl.Inlines, cs, width)) > 1 {
			cs.Align, cs.Hyphenate = Justify, true
		}
		l.para("Caption", bl.Inlines, cs, x, width, true)
		l.set.Word = words
		l.keep = 0
		l.space(0.3 * g.Leading)
	}
	body := 0
	for _, r := range bl.Children {
		if !r.Header {
			body++
		}
	}
	var head *vitem // the header row's repeat on a following page, an artifact
	k := 0          // body rows set so far
	for ri, r := range bl.Children {
		tr := newStruct(tbl, "TR", l.doc)
		it := vitem{x: left, doc: l.doc, role: RoleText}
		if !r.Header {
			k++
			// After this row a page may end when two rows are above it and two below.
			it.breakOK = k >= tableMinRows && body-k >= tableMinRows
		}
		cx := 0.0
		rowLines := 0
		for ci := 0; ci < cols; ci++ {
			var cell edition.Block
			if ci < len(r.Children) {
				cell = r.Children[ci]
			}
			tag := "TH"
			if !r.Header {
				tag = "TD"
			}
			elem := newStruct(tr, tag, l.doc)
			if r.Header {
				elem.Scope = "Column"
			}
			lines := l.set.SetParagraph(cell.Inlines, l.cellStyle(r, cell, size, leading, hyphens, room), colW[ci])
			tagLines(lines, elem)
			for k, ln := range lines {
				it.cells = append(it.cells, cellLine{x: cx, dy: float64(k) * leading, line: ln})
				for _, note := range ln.Notes {
					it.notes = append(it.notes, l.noteBlock(note))
				}
			}
			rowLines = max(rowLines, len(lines))
			cx += colW[ci] + pad
		}
		it.height = float64(max(rowLines, 1))*leading + 0.25*leading
		if ri == 0 {
			it.rules = append(it.rules, Rule{X: 0, Y: 0, W: total, Thickness: 0.8})
		}
		if r.Header {
			it.rules = append(it.rules, Rule{X: 0, Y: it.height - 0.1*leading, W: total, Thickness: 0.4})
		}
		if ri == len(bl.Children)-1 {
			it.rules = append(it.rules, Rule{X: 0, Y: it.height, W: total, Thickness: 0.8})
		}
		if r.Header && head == nil {
			head = headerRepeat(it, total, leading)
		} else if !r.Header {
			it.head = head
		}
		l.paras++
		l.list = append(l.list, it)
	}
	l.parent = saved
	l.space(0.5 * g.Leading)
	if whole, ok := l.wholeTable(l.list[first:]); ok {
		l.list = append(l.list[:first], whole)
		l.keep = keep
	}
}

// cellStyle is how a cell's text is set: the header row in italic, the column's alignment,
// hyphenated when the widths were chosen with hyphens; a word is long (breakable without a
// hyphen, as a URL) only beside the table's whole room, not the column's.
func (l *layout) cellStyle(r, cell edition.Block, size, leading float64, hyphens bool, room float64) ParaStyle {
	st := Regular
	if r.Header {
		st = Italic
	}
	al := Left
	switch cell.Align {
	case "right":
		al = Right
	case "center":
		al = Center
	}
	return ParaStyle{Size: size, Leading: leading, Style: st, Align: al, Hyphenate: hyphens, RaggedHyphens: hyphens, RTL: l.rtl, LongWord: room / 2}
}

// columnWidths measures each column at a size: the least width its cells can be set in without
// cutting a word (hyphenated, with hyphens, in at most cellPieces pieces) and its natural width,
// the widest cell on one line.
func (l *layout) columnWidths(bl edition.Block, cols int, size, leading float64, hyphens bool, room float64) (least, natural []float64) {
	least, natural = make([]float64, cols), make([]float64, cols)
	words := l.set.Word
	defer func() { l.set.Word = words }() // measuring counts no words
	l.set.Word = -1
	for _, r := range bl.Children {
		for i, c := range r.Children {
			items := l.set.Items(c.Inlines, l.cellStyle(r, c, size, leading, hyphens, room), room)
			lw, nw := itemWidths(items)
			least[i] = max(least[i], lw)
			natural[i] = max(natural[i], nw)
		}
	}
	return least, natural
}

// itemWidths gives the widest stretch of a paragraph's items that no line may be narrower than —
// a word, or the widest piece of it when it is cut in at most cellPieces pieces at its hyphens —
// and the paragraph's natural width on one line. Breaks that cut without a hyphen (the emergency
// breaks inside a long word or between its styles) do not count; a URL's breaks after its
// punctuation do.
func itemWidths(items []item) (least, natural float64) {
	var pieces, hyphens []float64 // the word being read: its pieces and the hyphen after each
	piece := 0.0
	endWord := func() {
		pieces = append(pieces, piece)
		hyphens = append(hyphens, 0)
		least = max(least, leastSplit(pieces, hyphens))
		pieces, hyphens, piece = pieces[:0], hyphens[:0], 0
	}
	line := 0.0
	for _, it := range items {
		switch it.kind {
		case box:
			piece += it.width
			line += it.width
		case glue:
			line += it.width
			endWord()
		case penalty:
			switch {
			case it.flagged:
				pieces = append(pieces, piece)
				hyphens = append(hyphens, it.width)
				piece = 0
			case it.penalty <= ejectPen:
				natural = max(natural, line)
				line = 0
				endWord()
			case it.penalty < emergencyPenalty:
				endWord()
			}
		}
	}
	endWord()
	return least, max(natural, line)
}

// leastSplit is the narrowest a word of the given pieces can be set in at most cellPieces lines,
// broken only between pieces, each line but the last with the hyphen after its last piece.
func leastSplit(pieces, hyphens []float64) float64 {
	n := len(pieces)
	width := func(i, j int) float64 { // pieces i..j-1 on one line
		w := 0.0
		for _, p := range pieces[i:j] {
			w += p
		}
		return w + hyphens[j-1]
	}
	best := width(0, n)
	// One or two cuts: at a and b, 0 < a < b ≤ n (b == n: one cut).
	for a := 1; a < n; a++ {
		for b := a + 1; b <= n; b++ {
			w := max(width(0, a), width(a, b))
			if b < n {
				w = max(w, width(b, n))
			}
			best = min(best, w)
		}
	}
	return best
}

// spread gives each column its least width and a share of the room left, in proportion to what
// its natural width asks for more.
func spread(least, natural []float64, room float64) []float64 {
	out := slices.Clone(least)
	extra, want := room-sum(least), sum(natural)-sum(least)
	for i := range out {
		if want > 0 && extra > 0 && natural[i] > least[i] {
			out[i] += extra * (natural[i] - least[i]) / want
		}
	}
	return out
}

func sum(v []float64) (s float64) {
	for _, x := range v {
		s += x
	}
	return s
}

// headerRepeat is a table's header row as it is set again at the head of a following page:
// decoration, with no tags, links, anchors, bookmarks or notes of its own.
func headerRepeat(it vitem, total, leading float64) *vitem {
	h := it
	h.cells, h.notes, h.anchors, h.outline = make([]cellLine, len(it.cells)), nil, nil, nil
	art := &Struct{Type: Artifact, Doc: it.doc}
	for k, c := range it.cells {
		ln := *c.line
		ln.Struct = art
		ln.Notes = nil
		ln.FirstWord = -1 // the page-list marks the page where its own text begins
		ln.Glyphs = slices.Clone(ln.Glyphs)
		for gi := range ln.Glyphs {
			if pic := ln.Glyphs[gi].Pic(); pic != nil {
				ln.Glyphs[gi].Ref = &Ref{Pic: pic} // the picture stays, its link goes
				continue
			}
			ln.Glyphs[gi].Ref = nil
		}
		h.cells[k] = cellLine{x: c.x, dy: c.dy, line: &ln}
	}
	h.rules = []Rule{{X: 0, Y: 0, W: total, Thickness: 0.8}, {X: 0, Y: it.height - 0.1*leading, W: total, Thickness: 0.4}}
	return &h
}

// wholeTable joins a table's items — the space above it, its caption, its rows and the space
// below — into one item that floats, when they fit on a page with the notes they cite.
func (l *layout) wholeTable(items []vitem) (vitem, bool) {
	whole := vitem{doc: l.doc, role: RoleText, table: true}
	if len(items) > 0 && items[0].line == nil && len(items[0].cells) == 0 {
		whole.above = items[0].height // dropped at the top of a page, as a figure's room above it
	}
	y := 0.0
	notes := 0
	for _, it := range items {
		if it.line != nil {
			whole.cells = append(whole.cells, cellLine{x: it.x, dy: y, line: it.line})
		}
		for _, c := range it.cells {
			whole.cells = append(whole.cells, cellLine{x: it.x + c.x, dy: y + c.dy, line: c.line})
		}
		for _, r := range it.rules {
			r.X += it.x
			r.Y += y
			whole.rules = append(whole.rules, r)
		}
		whole.notes = append(whole.notes, it.notes...)
		for _, nb := range it.notes {
			notes += len(nb.lines)
		}
		whole.anchors = append(whole.anchors, it.anchors...)
		whole.outline = append(whole.outline, it.outline...)
		y += it.height
	}
	whole.height = y
	pb := pageBuilder{g: l.g, noteLd: l.noteStyle().Leading}
	if y-whole.above+pb.footHeight(notes) > l.g.TextHeight+0.01 {
		return vitem{}, false
	}
	whole.breakOK = true
	return whole, true
}

// floats says whether the page builder may move the item on to the top of the next page: a
// figure, or a table kept whole.
func (it *vitem) floats() bool { return it.figure != nil || it.table }

// aboveRoom is the room kept over a floating item, dropped when it is the first thing on a page.
func (it *vitem) aboveRoom() float64 {
	if it.figure != nil {
		return it.figure.above
	}
	return it.above
}

package typeset

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-text/typesetting/bidi"

	"colophon/internal/edition"
)

// Align is how a paragraph's lines sit in the measure.
type Align int

const (
	Justify Align = iota
	Left
	Center
	Right
)

// ParaStyle is how one kind of paragraph is set.
type ParaStyle struct {
	Size      float64 // type size, points
	Leading   float64 // baseline to baseline, points
	Style     Style
	Align     Align
	Indent    float64 // first-line indent, points
	Hyphenate bool
	// RTL sets the paragraph right to left: its lines start at the right, a ragged alignment is
	// mirrored (Left sets it flush right), and its text is ordered by the bidi algorithm.
	RTL bool
	// RaggedHyphens hyphenates a ragged paragraph too (a table's narrow cells), which is
	// otherwise set with whole words.
	RaggedHyphens bool
	// LongWord, when set, is how wide a word must be to be set as a long one, breakable anywhere
	// without a hyphen (a URL); else half the width. A table's cell is narrow: its words are
	// measured against the table's room, so that a word that fits the column is never cut.
	LongWord float64
}

// Setter turns the model's inlines into items and lines. It is shared by every paragraph of a
// book; it holds the fonts, the hyphenator and the word counter of the document being set.
type Setter struct {
	Fonts *Fonts
	Hyph  *Hyphenator
	// Lang is the language of the paragraphs being set ("" for the book's): a span in another
	// language carries its own (Glyphs.Lang), one in this language nothing.
	Lang string
	// Word counts the running-text words of the current document, so each line knows which word
	// it starts with (the EPUB's page-break markers are put before the same words). Set to -1 to
	// stop counting (notes, running heads, front matter).
	Word int
	// items is the item list of the last paragraph, reused for the next: SetParagraph is called
	// for every paragraph of every book, and growing a new list each time was a tenth of all the
	// memory a large build allocated.
	items []item
	bidi  bidi.Paragraph // the bidirectional algorithm's state, reused likewise
	nodes breakNodes     // the line breaker's nodes and sums, likewise
	// rs and fb are the runs of the paragraph being made into items, and those split by face
	// (fallbackRuns), kept for the next: a register's occurrences part a paragraph's text into
	// many runs, and growing the two lists anew for each paragraph was a sixth of what a large
	// edition with a register allocated. at are where each run starts in the paragraph's text.
	rs, fb []run
	at     []int
	// XRef says what a cross-reference prints in the paragraphs being set, the anchor it links
	// to, and when it is held at a fixed width the widest words it could print, whose width it
	// takes (xref.go); nil prints nothing.
	XRef func(*edition.Target) (text, anchor, widest string)
}

// handOver gives the setter's scratch (its item list and bidi state) to next, which sets on the
// same goroutine after it, and lets go of it: a setter kept with what it set keeps no scratch.
func (s *Setter) handOver(next *Setter) {
	next.items, next.bidi, next.nodes = s.items[:0], s.bidi, s.nodes
	next.rs, next.fb, next.at = s.rs[:0], s.fb[:0], s.at[:0]
	s.items, s.bidi, s.nodes = nil, bidi.Paragraph{}, breakNodes{}
	s.rs, s.fb, s.at = nil, nil, nil
}

// run is a stretch of text in one style, size and rise, or a note reference.
type run struct {
	text  string
	style Style
	size  float64
	rise  float64
	note  *edition.Note
	link  string
	// uncounted text is not running text of the EPUB (an image's alternative text in print).
	uncounted bool
	strike    bool             // struck out in the original
	pic       *edition.Picture // a picture in the line; text is its alt text
	level     uint8            // bidi embedding level of the piece being set (odd: right to left)
	caps      bool             // small capitals, the face's own
	// anchor names the place the run begins, for links to it (a span's id); pad is blank room
	// set after the run (a cross-reference held at a fixed width, xref.go).
	anchor string
	pad    float64
	xref   bool   // colophon's words for a cross-reference: never hyphenated
	lang   string // the language of a span in another language ([λόγος]{lang=el})
}

func toggle(s, with Style) Style {
	switch with {
	case Italic:
		return s ^ 1 // Regular↔Italic, Bold↔BoldItalic
	case Bold:
		return s ^ 2
	}
	return s
}

// runs flattens inlines into runs of uniform style.
func (s *Setter) runs(in []edition.Inline, st Style, size float64, link string, out []run) []run {
	return s.runsStruck(in, st, size, link, false, out)
}

func (s *Setter) runsStruck(in []edition.Inline, st Style, size float64, link string, strike bool, out []run) []run {
	runsStruck := s.runsStruck
	for _, x := range in {
		switch x.Kind {
		case edition.Text:
			out = append(out, run{text: x.Text, style: st, size: size, link: link, strike: strike})
		case edition.Code:
			// Code in the monospace face, at nine tenths of the size, as the EPUB's stylesheet
			// sets it: Noto Sans Mono's lower case stands taller than Gentium's, and at 0.9 the
			// two x-heights nearly meet. Inside a code block (ps.Style already the monospace
			// family's) it is the block's size.
			cst, csize := s.Fonts.Code(st), size
			if !s.Fonts.IsMono(st) && cst != st {
				csize = PointSize(size * 0.9)
			}
			out = append(out, run{text: x.Text, style: cst, size: csize, link: link, strike: strike})
		case edition.Emph:
			out = runsStruck(x.Children, toggle(st, Italic), size, link, strike, out)
		case edition.Strong:
			out = runsStruck(x.Children, toggle(st, Bold), size, link, strike, out)
		case edition.Strike:
			out = runsStruck(x.Children, st, size, link, true, out)
		case edition.Link:
			out = runsStruck(x.Children, st, size, x.URL, strike, out)
		case edition.Span:
			n := len(out)
			out = runsStruck(x.Children, st, size, link, strike, out)
			if x.Attr != nil && x.Attr.ID != "" && n < len(out) {
				out[n].anchor = joinAnchor(SpanAnchor(x.Attr.ID), out[n].anchor) // a cross-reference's target begins here
			}
			if x.Attr.SmallCaps() {
				for i := n; i < len(out); i++ {
					if out[i].note == nil && out[i].pic == nil && out[i].text != "\n" {
						out[i].caps = true
					}
				}
			}
			if lang, ok := x.Attr.Value("lang"); ok {
				// The words take the span's language, unless a span inside says another.
				for i := n; i < len(out); i++ {
					if out[i].note == nil && out[i].lang == "" {
						out[i].lang = lang
					}
				}
			}
		case edition.Indexed:
			// An occurrence of a register entry: its text as it stands.
			n := len(out)
			out = runsStruck(x.Children, st, size, link, strike, out)
			if x.Occurrence != nil && n < len(out) {
				out[n].anchor = joinAnchor(x.Occurrence.ID, out[n].anchor) // the page the form begins on is the occurrence's
			}
		case edition.XRef:
			// Where the target is, as this book's pagination has it so far (xref.go), linked to it.
			if x.Target != nil && s.XRef != nil {
				text, anchor, widest := s.XRef(x.Target)
				pad := 0.0
				if widest != "" {
					pad = max(0, s.Fonts.Width(st, widest, size)-s.Fonts.Width(st, text, size))
				}
				r := run{text: text, style: st, size: size, link: link, strike: strike, pad: pad, xref: true}
				if anchor != "" {
					r.link = "#" + anchor
				}
				out = append(out, r)
			}
		case edition.Image:
			// A picture small enough for its line (the loader refuses taller ones).
			if x.Picture != nil {
				out = append(out, run{text: x.Text, style: st, size: size, link: link, pic: x.Picture, uncounted: true})
			}
		case edition.LineBreak:
			out = append(out, run{text: "\n", style: st, size: size})
		case edition.NoteRef:
			if x.Note != nil {
				out = append(out, run{text: strconv.Itoa(x.Note.Number), style: Regular, size: PointSize(size * 0.68), rise: size * 0.36, note: x.Note})
			}
		}
	}
	return out
}

// isSpace is a breakable space; the no-break spaces are not.
func isSpace(r rune) bool { return edition.IsWordSpace(r) }

// Items builds the boxes, glue and penalties of a paragraph set to width.
func (s *Setter) Items(in []edition.Inline, ps ParaStyle, width float64) []item {
	return s.appendItems(nil, in, ps, width)
}

func (s *Setter) appendItems(items []item, in []edition.Inline, ps ParaStyle, width float64) []item {
	s.rs = s.runs(in, ps.Style, PointSize(ps.Size), "", s.rs[:0])
	rs := s.rs
	var split bool
	if s.fb, split = s.Fonts.fallbackRunsTo(s.fb, s.rs); split {
		rs = s.fb
	}
	for i, r := range rs {
		if r.lang == s.Lang {
			rs[i].lang = "" // the paragraph's own language: nothing to tag
		}
		if r.caps && !s.Fonts.Face(r.style).HasSmallCaps() {
			// Small capitals the face does not have: its capitals, at four fifths of the size.
			rs[i].text, rs[i].size, rs[i].caps = strings.ToUpper(r.text), PointSize(r.size*0.8), false
		}
	}
	base := uint8(0)
	if ps.RTL {
		base = 1
	}
	var lv []uint8
	s.at = runStarts(s.at[:0], rs)
	runAt := s.at
	if ps.RTL || anyRTL(rs) {
		lv = s.levels(paraText(rs), ps.RTL)
	}
	level := func(at int) uint8 {
		if lv == nil || at >= len(lv) {
			return base
		}
		return lv[at]
	}
	if ps.Indent > 0 {
		items = append(items, item{kind: box, width: ps.Indent, word: -1, level: base})
	}
	ragged := ps.Align != Justify
	inWord := false
	anchor, from := "", len(items) // an anchor waiting for the first box made after it
	var one [1]levelPart
	for ri, r := range rs {
		// The anchor of the run before goes on its first box; one whose run made no box (a space)
		// waits for the next.
		items, anchor, from = placeAnchor(items, anchor, from)
		if r.anchor != "" {
			if anchor == "" {
				from = len(items)
			}
			anchor = joinAnchor(r.anchor, anchor)
		}
		face := s.Fonts.Face(r.style)
		if r.note != nil {
			// A note number clings to the word before it.
			items = append(items, item{kind: box, text: r.text, style: r.style, size: r.size, rise: r.rise,
				width: face.Width(r.text, r.size), note: r.note, word: -1, level: level(runAt[ri])})
			continue
		}
		if r.pic != nil {
			// A picture sits on the baseline at its natural size, no taller than the type.
			w, h := r.pic.Size()
			if h > r.size {
				w, h = w*r.size/h, r.size
			}
			items = append(items, item{kind: box, width: w, pic: &InlinePicture{Picture: r.pic, H: h, Alt: r.text}, link: r.link, word: -1, level: level(runAt[ri]), lang: r.lang})
			continue
		}
		if r.text == "\n" {
			items = append(items, item{kind: glue, stretch: fil, word: -1}, item{kind: penalty, penalty: ejectPen, word: -1})
			inWord = false
			continue
		}
		text := r.text
		for len(text) > 0 {
			at := runAt[ri] + len(r.text) - len(text) // where text starts in the paragraph
			c, size := utf8.DecodeRuneInString(text)
			if isSpace(c) {
				text = text[size:]
				if !inWord && s.Fonts.IsMono(r.style) && len(items) > 0 && items[len(items)-1].kind == glue {
					// Code keeps every space, not one for a row of them: its columns line up.
					items[len(items)-1].width += face.Width(" ", r.size)
					continue
				}
				if inWord || (len(items) > 0 && items[len(items)-1].kind == box) {
					sp := face.Width(" ", r.size)
					g := item{kind: glue, width: sp, stretch: sp / 2, shrink: sp / 3, word: -1, level: level(at)}
					if ragged {
						g.stretch, g.shrink = 0, 0
					}
					items = append(items, g)
				}
				inWord = false
				continue
			}
			end := strings.IndexFunc(text, isSpace)
			if end < 0 {
				end = len(text)
			}
			word := text[:end]
			text = text[end:]
			if inWord && len(items) > 0 && items[len(items)-1].kind == box {
				// The word goes on in another style: allow a break here if nothing else fits, so a
				// word made of several runs can never be wider than the measure.
				items = append(items, item{kind: penalty, penalty: emergencyPenalty, word: -1})
			}
			starts := !inWord && !r.uncounted
			if starts && s.Word >= 0 {
				s.Word++
			}
			inWord = true
			// A word whose characters run in two directions (a number in Arabic text written
			// without a space) is set as a piece for each, broken between them only if nothing
			// else fits.
			parts := one[:]
			if lv != nil {
				parts = splitLevels(word, lv, at)
			} else {
				one[0] = levelPart{word, at} // one direction: no list to make for each word
			}
			for k, part := range parts {
				pr := r
				pr.level = level(part.at)
				if k > 0 {
					items = append(items, item{kind: penalty, penalty: emergencyPenalty, word: -1})
				}
				first := starts && k == 0
				long := width / 2
				if ps.LongWord > 0 {
					long = ps.LongWord
				}
				whole := face.ShapeDir(part.text, pr.level%2 == 1)
				if float64(whole.Advance)*r.size/face.Upem > long && !s.hyphenatesWithin(part.text, face, r.size, long, ps.Hyphenate && (!ragged || ps.RaggedHyphens)) {
					// A word half the measure long (a URL, an identifier) may break where it must.
					items = s.longWordItems(items, part.text, pr, face, first, width)
					continue
				}
				items = s.wordItems(items, part.text, whole, pr, face, first, ps.Hyphenate && (!ragged || ps.RaggedHyphens) && !r.xref && !s.Fonts.IsMono(r.style)) // code is never hyphenated
			}
		}
		if r.pad > 0 {
			items = append(items, item{kind: box, width: r.pad, word: -1, level: level(runAt[ri])})
		}
	}
	items, _, _ = placeAnchor(items, anchor, from)
	if len(items) > 0 && items[len(items)-1].kind == glue {
		items = items[:len(items)-1]
	}
	// The last line is set at its natural width: infinite fill, then a forced break.
	items = append(items, item{kind: penalty, penalty: infPenalty, word: -1},
		item{kind: glue, stretch: fil, word: -1},
		item{kind: penalty, penalty: ejectPen, word: -1})
	return items
}

// joinAnchor adds an anchor to those a run begins (an occurrence inside a marked passage, a
// span's id around a form): they are kept in one string, parted by spaces, which no anchor holds,
// so that a run stays as small as it was.
func joinAnchor(a, rest string) string {
	if rest == "" {
		return a
	}
	return a + " " + rest
}

// placeAnchor puts a waiting anchor on the first box of items[from:], if there is one yet, and
// returns what still waits.
func placeAnchor(items []item, anchor string, from int) ([]item, string, int) {
	if anchor == "" {
		return items, "", len(items)
	}
	for k := from; k < len(items); k++ {
		if items[k].kind == box {
			items[k].anchor = anchor
			return items, "", len(items)
		}
	}
	return items, anchor, from
}

// levelPart is a piece of a word at one embedding level, and where it starts in the paragraph.
type levelPart struct {
	text string
	at   int
}

// splitLevels cuts a word where its characters' levels change; at is where it starts in the
// paragraph whose levels lv are (nil: all one level).
func splitLevels(word string, lv []uint8, at int) []levelPart {
	if lv == nil {
		return []levelPart{{word, at}}
	}
	var out []levelPart
	start := 0
	for i := range word {
		if i > start && lv[at+i] != lv[at+start] {
			out = append(out, levelPart{word[start:i], at + start})
			start = i
		}
	}
	return append(out, levelPart{word[start:], at + start})
}

// wordItems adds one word (or the part of it in one style) as boxes, with hyphenation penalties
// between its syllables and a break allowed after explicit hyphens and dashes.
func (s *Setter) wordItems(items []item, word string, whole *Shaped, r run, face *Face, starts, hyphenate bool) []item {
	wordIndex := -1
	if s.Word >= 0 && !r.uncounted {
		wordIndex = s.Word - 1
	}
	rtl := r.level%2 == 1
	add := func(text string, first bool) {
		// whole is the word shaped in its direction, without small capitals: a box of all of
		// it takes that shaping rather than looking it up again.
		sh := whole
		if len(text) != len(word) || r.caps {
			sh = face.ShapeWith(text, rtl, r.caps)
		}
		items = append(items, item{kind: box, text: text, style: r.style, size: r.size, width: float64(sh.Advance) * r.size / face.Upem,
			link: r.link, word: wordIndex, start: first && starts, strike: r.strike, level: r.level, caps: r.caps, lang: r.lang, shaped: sh})
	}
	hyphenW := face.HyphenWidth(r.size)
	// Explicit hyphens and dashes: a break after them costs the same as a hyphenation but adds
	// no character.
	parts := splitAfterDashes(word)
	for pi, part := range parts {
		if pi > 0 {
			items = append(items, item{kind: penalty, penalty: hyphenPenalty, flagged: true, word: -1})
		}
		pts := []int(nil)
		if hyphenate {
			core, lead := trimPunct(part)
			if p := s.Hyph.Points(core); len(p) > 0 {
				for _, x := range p {
					pts = append(pts, x+lead)
				}
			}
		}
		if len(pts) == 0 {
			add(part, pi == 0)
			continue
		}
		// The points count characters; the pieces are cut from part by byte offsets, so that they
		// share its bytes rather than each being a new string.
		last, k, at := 0, 0, 0
		for i, p := range pts {
			for k < p {
				_, n := utf8.DecodeRuneInString(part[at:])
				at += n
				k++
			}
			add(part[last:at], pi == 0 && i == 0)
			items = append(items, item{kind: penalty, penalty: hyphenPenalty, flagged: true, width: hyphenW,
				hyphen: "-", hyphenSize: r.size, hyphenSty: r.style, word: -1})
			last = at
		}
		add(part[last:], false)
	}
	return items
}

// Penalties for breaking a long word: after a URL's or path's punctuation, cheaply; anywhere
// else only when nothing better fits, as CSS's overflow-wrap does. Neither adds a hyphen, which
// would read as part of an address.
const (
	urlBreakPenalty  = 100
	emergencyPenalty = 5000
)

// longWordItems sets a word that may be too long for a line with break opportunities inside it,
// so that nothing runs past the margin: after its punctuation, and every eighth of the measure
// elsewhere — often enough to fill lines well, seldom enough that line breaking stays quick
// (a break between every two characters made a 20,000-character string take seconds).
func (s *Setter) longWordItems(items []item, word string, r run, face *Face, starts bool, width float64) []item {
	wordIndex := -1
	if s.Word >= 0 && !r.uncounted {
		wordIndex = s.Word - 1
	}
	step := width / 8
	var piece strings.Builder
	pieceW := 0.0
	first := true
	flush := func(p float64) {
		if piece.Len() == 0 {
			return
		}
		if !first {
			items = append(items, item{kind: penalty, penalty: p, word: -1})
		}
		items = append(items, item{kind: box, text: piece.String(), style: r.style, size: r.size, width: pieceW,
			link: r.link, word: wordIndex, start: first && starts, strike: r.strike, level: r.level, caps: r.caps, lang: r.lang})
		first = false
		piece.Reset()
		pieceW = 0
	}
	next := float64(emergencyPenalty)
	for _, c := range word {
		w := face.WidthWith(string(c), r.size, r.level%2 == 1, r.caps)
		if piece.Len() > 0 && pieceW+w > step {
			flush(next)
			next = emergencyPenalty
		}
		piece.WriteRune(c)
		pieceW += w
		if strings.ContainsRune("/.-_?&=#:,;", c) {
			flush(next)
			next = urlBreakPenalty
		}
	}
	flush(next)
	return items
}

// maxCompound is the longest word, in letters, tried at its hyphenation points when it is long
// (German's longest compounds in use run to some 60 letters).
const maxCompound = 80

// hyphenatesWithin says whether a long word breaks at its hyphenation points into pieces no wider
// than long: then it is set as a word with its hyphens (a German compound, at its joints) rather
// than as a long one, which breaks without a hyphen and only where nothing else fits, and so was
// left whole with its line set short.
func (s *Setter) hyphenatesWithin(word string, face *Face, size, long float64, hyphenate bool) bool {
	if !hyphenate || len(word) > 4*maxCompound {
		return false
	}
	core, lead := trimPunct(word)
	if utf8.RuneCountInString(core) > maxCompound {
		return false // not a word but a string: the patterns would take long over it for nothing
	}
	pts := s.Hyph.Points(core)
	if len(pts) == 0 {
		return false
	}
	rs := []rune(word)
	last := 0
	for _, p := range pts { // pts is the memo's: read, never appended to
		if face.Width(string(rs[last:p+lead]), size) > long {
			return false
		}
		last = p + lead
	}
	return face.Width(string(rs[last:]), size) <= long
}

// splitAfterDashes cuts a word after each hyphen or dash that has letters on both sides.
func splitAfterDashes(w string) []string {
	var out []string
	rs := []rune(w)
	last := 0
	for i := 1; i < len(rs)-1; i++ {
		if (rs[i] == '-' || rs[i] == '–' || rs[i] == '—') && unicode.IsLetter(rs[i-1]) && unicode.IsLetter(rs[i+1]) {
			out = append(out, string(rs[last:i+1]))
			last = i + 1
		}
	}
	return append(out, string(rs[last:]))
}

// trimPunct strips punctuation around a word for hyphenation, returning the letters and how many
// runes were cut from the front.
func trimPunct(w string) (string, int) {
	rs := []rune(w)
	i, j := 0, len(rs)
	for i < j && !unicode.IsLetter(rs[i]) {
		i++
	}
	for j > i && !unicode.IsLetter(rs[j-1]) {
		j--
	}
	return string(rs[i:j]), i
}

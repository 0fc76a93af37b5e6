package typeset

import "unicode"

// Base is the style within its family: Regular, Italic, Bold or BoldItalic.
func (s Style) Base() Style { return s & 3 }

// Family is which family the face is of: 0 the edition's, 1 its first fallback family, ….
func (s Style) Family() int { return int(s >> 2) }

// inFamily is the style base of family k.
func inFamily(base Style, k int) Style { return Style(k<<2) | base.Base() }

// weak characters belong to no script of their own (spaces, punctuation, digits, combining marks):
// they stay in the face of the character before them when it has them, so that a Hebrew word's
// vowel points and a number inside Arabic text are set with their neighbours.
func weak(r rune) bool { return unicode.In(r, unicode.Common, unicode.Inherited) }

// faceFor chooses the face a character is set in: for a weak one, the family of the character
// before it, when it has it (in the style of the character's own run: a digit after an italic
// word is not italic); else the first family, the edition's then its fallbacks in order,
// whose face of the style has it. A character no face has stays in the edition's face (check
// has refused it; drawing it would fail).
//
// Code (a run in the monospace family) stays in it: only a character it lacks, which the sources'
// check has refused where code is checked, goes to the text's families.
func (fs *Fonts) faceFor(r rune, st, prev Style, havePrev bool) Style {
	if fs.IsMono(st) && fs.Face(st).Has(r) {
		return st
	}
	if f := inFamily(st, prev.Family()); havePrev && weak(r) && fs.Face(f).Has(r) && !fs.IsMono(f) {
		return f // the family of the character before, in this run's own style
	}
	for k := 0; k < fs.text; k++ {
		if f := inFamily(st, k); fs.Face(f).Has(r) {
			return f
		}
	}
	return st
}

// fallbackRuns splits runs of text by the face each character is set in. Runs set in the
// edition's faces only (every run, in an edition without other scripts) are kept as they are.
func (fs *Fonts) fallbackRuns(rs []run) []run {
	if out, split := fs.fallbackRunsTo(nil, rs); split {
		return out
	}
	return rs
}

// fallbackRunsTo puts rs split by face into out's room, and says whether it did: it does not when
// every run is kept as it is (out is then given back empty).
func (fs *Fonts) fallbackRunsTo(out []run, rs []run) ([]run, bool) {
	out = out[:0]
	if fs.text <= 1 && !fs.anyMono(rs) {
		return out, false
	}
	prev, havePrev := Regular, false
	for _, r := range rs {
		if r.note != nil || r.pic != nil || r.text == "\n" {
			out = append(out, r)
			havePrev = false
			continue
		}
		if r.text == "" {
			out = append(out, r)
			continue
		}
		if fs.inOwnFace(r, prev, havePrev) {
			// Every character in the run's own face, after text in the edition's family: each
			// would choose that face (faceFor), so the run stays whole.
			out = append(out, r)
			prev, havePrev = r.style, true
			continue
		}
		start := 0
		cur := Style(0)
		for i, c := range r.text {
			f := fs.faceFor(c, r.style, prev, havePrev)
			if i > 0 && f != cur {
				piece := r
				piece.text, piece.style, piece.pad = r.text[start:i], cur, 0 // the room goes after the last piece
				if start > 0 {
					piece.anchor = "" // the anchor is where the run begins
				}
				out = append(out, piece)
				start = i
			}
			cur, prev, havePrev = f, f, true
		}
		piece := r
		piece.text, piece.style = r.text[start:], cur
		if start > 0 {
			piece.anchor = ""
		}
		out = append(out, piece)
	}
	return out, true
}

// inOwnFace says whether faceFor would choose r's own face for every character of r: r is in
// one of the edition's own faces, the text before it (if any) in the edition's family, and the
// face has every character. A weak character then stays in the family before it, the edition's,
// and any other is found in the first family that has it, again the edition's.
func (fs *Fonts) inOwnFace(r run, prev Style, havePrev bool) bool {
	if r.style.Family() != 0 || fs.IsMono(r.style) || (havePrev && prev.Family() != 0) {
		return false
	}
	face := fs.Face(r.style)
	for _, c := range r.text {
		if !face.Has(c) {
			return false
		}
	}
	return true
}

// Width is the width of s in style st at the given size, each character in the face it is set in.
func (fs *Fonts) Width(st Style, s string, size float64) float64 {
	if fs.text <= 1 && !fs.IsMono(st) {
		return fs.Face(st).Width(s, size)
	}
	w := 0.0
	for _, r := range fs.fallbackRuns([]run{{text: s, style: st}}) {
		w += fs.Face(r.style).Width(r.text, size)
	}
	return w
}

// anyMono says whether a run of rs is code, set in the monospace family.
func (fs *Fonts) anyMono(rs []run) bool {
	for _, r := range rs {
		if fs.IsMono(r.style) {
			return true
		}
	}
	return false
}

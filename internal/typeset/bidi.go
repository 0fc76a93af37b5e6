package typeset

import (
	"strings"
	"unicode/utf8"

	"github.com/go-text/typesetting/bidi"

	"colophon/internal/edition"
)

// Right-to-left text. A paragraph's direction is its language's (edition.RightToLeft): Hebrew,
// Yiddish, Arabic, Persian and Urdu paragraphs are set right to left, the others left to right.
// Within a paragraph the Unicode Bidirectional Algorithm (UAX #9, go-text's implementation)
// gives every character an embedding level, so that a Latin name in Hebrew text, or an Arabic
// phrase in English, runs its own way. Items carry their level; a line is broken in logical order,
// then its runs and spaces are put in visual order (UAX #9 L2) and placed from the left. A run of an
// odd level is shaped right to left (Arabic joins), which gives its glyphs in drawing order.

// paraText is a paragraph's runs as one string, as the bidi algorithm reads it: a note reference
// counts as its digits, a picture as an object replacement character, a line break as a line
// separator.
func paraText(rs []run) string {
	var b strings.Builder
	for _, r := range rs {
		b.WriteString(runText(r))
	}
	return b.String()
}

// runText is what a run stands for in its paragraph's text (paraText).
func runText(r run) string {
	switch {
	case r.pic != nil:
		return "\uFFFC"
	case r.text == "\n":
		return "\u2028"
	}
	return r.text
}

// runStarts appends to at where each run of rs starts in the paragraph's text (paraText).
func runStarts(at []int, rs []run) []int {
	n := 0
	for _, r := range rs {
		at = append(at, n)
		n += len(runText(r))
	}
	return at
}

// anyRTL says whether a run of rs may hold right-to-left text (mayHaveRTL): a paragraph whose
// runs all are left to right has no levels to find, and its text need not be joined.
func anyRTL(rs []run) bool {
	for _, r := range rs {
		if mayHaveRTL(r.text) {
			return true
		}
	}
	return false
}

// mayHaveRTL says whether text holds a right-to-left character or an explicit directional
// mark: Hebrew, Arabic, Syriac, Thaana, N'Ko and the rest of U+0590–U+08FF, their presentation
// forms, and the marks and embeddings of U+200E–U+2069.
func mayHaveRTL(text string) bool {
	for i := 0; i < len(text); i++ {
		if text[i] < 0xD6 { // ASCII, continuation bytes, and lead bytes below U+0590
			continue
		}
		r, _ := utf8.DecodeRuneInString(text[i:])
		switch {
		case r >= 0x0590 && r <= 0x08FF, r >= 0xFB1D && r <= 0xFDFF, r >= 0xFE70 && r <= 0xFEFF,
			r == 0x200F, r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
			return true
		}
	}
	return false
}

// levels are the embedding levels of a paragraph's text, one per byte: nil when everything is
// at level 0 (a left-to-right paragraph without right-to-left characters, the common case).
func (s *Setter) levels(text string, rtl bool) []uint8 {
	if !rtl && !mayHaveRTL(text) {
		return nil
	}
	dir := bidi.LeftToRight
	if rtl {
		dir = bidi.RightToLeft
	}
	runs := s.bidi.SegmentString(text, dir)
	out := make([]uint8, len(text))
	at, ri := 0, 0 // byte offset, rune index
	for i := 0; i < runs.NumRuns(); i++ {
		run := runs.Run(i)
		for ; ri < run.End && at < len(text); ri++ {
			_, n := utf8.DecodeRuneInString(text[at:])
			for k := 0; k < n; k++ {
				out[at+k] = uint8(run.Level)
			}
			at += n
		}
	}
	return out
}

// reorder puts a line's pieces — runs and spaces, in logical order with their levels — in visual
// order: from the highest level to the lowest odd one, every stretch at that level or higher is
// reversed (UAX #9 L2). It returns the pieces' indices from left to right.
func reorder(levels []uint8) []int {
	order := make([]int, len(levels))
	maxL, minOdd := uint8(0), uint8(255)
	for i, l := range levels {
		order[i] = i
		maxL = max(maxL, l)
		if l%2 == 1 {
			minOdd = min(minOdd, l)
		}
	}
	for lvl := maxL; lvl >= minOdd && lvl > 0; lvl-- {
		for i := 0; i < len(order); {
			if levels[order[i]] < lvl {
				i++
				continue
			}
			j := i
			for j < len(order) && levels[order[j]] >= lvl {
				j++
			}
			for a, b := i, j-1; a < b; a, b = a+1, b-1 {
				order[a], order[b] = order[b], order[a]
			}
			i = j
		}
	}
	return order
}

// mirror turns a ragged alignment around for a right-to-left paragraph: its lines start at the
// right.
func mirror(a Align) Align {
	switch a {
	case Left:
		return Right
	case Right:
		return Left
	}
	return a
}

// RightToLeft says whether a paragraph in a language is set right to left.
func RightToLeft(lang string) bool { return edition.RightToLeft(lang) }

package typeset

import "strings"

// Every text colophon fits to its room is fitted here: running heads, footers and the spine's
// title are shortened to whole words that fit a width (fitWords); the covers' texts are set
// smaller, then clipped, to fit a height (Fit).

// The cover's texts have room of a fixed height each: a title of eighty words set at the title's
// size would run off the cover (and off the image, which once panicked). Fit gives a text the
// largest size that fits its room, from its own size down to a least size, and at the least size
// keeps as many of its words as fit, ending with an ellipsis: a cover is a picture of the book,
// not the place for all of a title, which the title page and every record give whole.

// minScale is how small a text may get: half its size, still legible on a thumbnail.
const minScale = 0.5

// Fit returns the text and size at which a paragraph fits in height, its lines leading × size
// apart; lines reports how many lines text takes at a size (the raster and the vector cover each
// set type their own way: internal/cover, and WrapCover).
func Fit(text string, size, leading, height float64, lines func(text string, size float64) int) (string, float64) {
	fits := func(t string, sz float64) bool { return float64(lines(t, sz))*sz*leading <= height }
	least := size * minScale
	for sz := size; sz >= least; sz *= 0.9 {
		if fits(text, sz) {
			return text, sz
		}
	}
	words := strings.Fields(text)
	// The most words that fit, found by halving: each try sets the paragraph once.
	lo, hi := 0, len(words)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if fits(clipped(words, mid), least) {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	if lo == 0 {
		// Not even one word fits (a word of a thousand letters): its letters, as many as fit.
		rs := []rune(text)
		a, b := 0, len(rs)
		for a < b {
			mid := (a + b + 1) / 2
			if fits(string(rs[:mid])+"…", least) {
				a = mid
			} else {
				b = mid - 1
			}
		}
		return string(rs[:a]) + "…", least
	}
	return clipped(words, lo), least
}

// clipped is the first n words, with an ellipsis when some are left out.
func clipped(words []string, n int) string {
	t := strings.Join(words[:n], " ")
	if n < len(words) {
		t = strings.TrimRight(t, ",;:.") + "…"
	}
	return t
}

// fitText shortens a running head or a footer (set in italic, in the edition's faces and their
// fallbacks) to whole words that fit, ending in an ellipsis; when not even one word does, it is
// the first word, standing out of the measure.
func fitText(f *Fonts, s string, size, width float64) string {
	if t, ok := fitWords(s, width, func(t string) float64 { return f.Width(Italic, t, size) }); ok {
		return t
	}
	if words := strings.Fields(s); len(words) > 0 {
		return words[0]
	}
	return ""
}

// fitWords is s when it fits in room, else its first words that fit with an ellipsis after them
// (trailing ",;:" dropped), else "" and false; width measures a text as it will be set. Every
// text colophon shortens to a width — running heads, footers, the spine's title — is shortened so.
func fitWords(s string, room float64, width func(string) float64) (string, bool) {
	if width(s) <= room {
		return s, true
	}
	words := strings.Fields(s)
	for n := len(words) - 1; n > 0; n-- {
		t := strings.TrimRight(strings.Join(words[:n], " "), ",;:") + "…"
		if width(t) <= room {
			return t, true
		}
	}
	return "", false
}

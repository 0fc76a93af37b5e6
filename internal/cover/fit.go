package cover

import "strings"

// The cover's texts have room of a fixed height each: a title of eighty words set at the title's
// size would run off the cover (and off the image, which once panicked). Fit gives a text the
// largest size that fits its room, from its own size down to a least size, and at the least size
// keeps as many of its words as fit, ending with an ellipsis: a cover is a picture of the book,
// not the place for all of a title, which the title page and every record give whole.

// minScale is how small a text may get: half its size, still legible on a thumbnail.
const minScale = 0.5

// Fit returns the text and size at which a paragraph fits in height, its lines leading × size
// apart; lines reports how many lines text takes at a size (the raster and the vector cover each
// set type their own way).
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

package typeset

import (
	"strings"
	"testing"

	"colophon/internal/testkit"
)

func TestFit(t *testing.T) {
	lines := func(s string, size float64) int { return (len(s)*int(size)/10 + 99) / 100 } // 100 units a line
	if got, size := Fit("short", 40, 1.2, 100, lines); got != "short" || size != 40 {
		t.Errorf("a short text was changed: %q at %v", got, size)
	}
	long := strings.Repeat("word ", 400)
	got, size := Fit(long, 40, 1.2, 100, lines)
	if size != 20 || !strings.HasSuffix(got, "…") || lines(got, size)*int(size*1.2) > 100 || len(got) < 10 {
		t.Errorf("a long text: %q at %v, %d lines", got, size, lines(got, size))
	}
}

// fitWords keeps a text that fits, shortens one that does not to whole words with an ellipsis
// (dropping a comma before it), and gives nothing when not even a word fits; fitText then keeps
// the first word.
func TestFitWords(t *testing.T) {
	fonts, err := NewFonts(testkit.Seed(t).Fonts)
	if err != nil {
		t.Fatal(err)
	}
	width := func(t string) float64 { return fonts.Width(Italic, t, 10) }
	s := "Letters, from the archive of the journal"
	if got, ok := fitWords(s, width(s), width); !ok || got != s {
		t.Errorf("a text that fits: %q %v", got, ok)
	}
	if got, ok := fitWords(s, width("Letters…"), width); !ok || got != "Letters…" {
		t.Errorf("shortened: %q %v, want Letters… (the comma dropped)", got, ok)
	}
	if got, ok := fitWords(s, 1, width); ok || got != "" {
		t.Errorf("nothing fits: %q %v", got, ok)
	}
	if got := fitText(fonts, s, 10, 1); got != "Letters," {
		t.Errorf("fitText with nothing fitting: %q, want the first word", got)
	}
}

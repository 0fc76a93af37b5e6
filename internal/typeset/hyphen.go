package typeset

import (
	"bytes"
	_ "embed"
	"strings"
	"sync"
	"unicode"

	"github.com/speedata/hyphenation"
)

//go:embed patterns/hyph-en-us.pat
var enUSPatterns []byte

// Hyphenation minimums: at least two letters before a break and three after, as in good English
// book work (TeX's \lefthyphenmin=2, \righthyphenmin=3).
const (
	leftMin  = 2
	rightMin = 3
)

var (
	enOnce sync.Once
	enLang *hyphenation.Lang
	enErr  error
)

// Hyphenator finds the places a word may be broken. Only English patterns ship; other languages
// are set without hyphenation rather than with wrong breaks.
type Hyphenator struct {
	lang *hyphenation.Lang
	mu   sync.Mutex
	memo map[string][]int
}

// NewHyphenator returns the hyphenator for a language tag, or one that never breaks.
func NewHyphenator(tag string) (*Hyphenator, error) {
	if tag != "en" && !strings.HasPrefix(tag, "en-") {
		return &Hyphenator{}, nil
	}
	enOnce.Do(func() { enLang, enErr = hyphenation.New(bytes.NewReader(enUSPatterns)) })
	if enErr != nil {
		return nil, enErr
	}
	return &Hyphenator{lang: enLang, memo: map[string][]int{}}, nil
}

// Points returns the rune offsets inside word where a hyphen may go. Words with anything but
// letters (digits, inner punctuation, capitals-only abbreviations) are left whole.
func (h *Hyphenator) Points(word string) []int {
	if h.lang == nil {
		return nil
	}
	// The memo is shared by documents set at once; the patterns are applied outside the lock.
	// Words repeat: look the word up before looking at its letters.
	h.mu.Lock()
	p, ok := h.memo[word]
	h.mu.Unlock()
	if ok {
		return p
	}
	rs := []rune(word)
	if len(rs) < leftMin+rightMin {
		return nil
	}
	upper := 0
	for _, r := range rs {
		if !unicode.IsLetter(r) {
			return nil
		}
		if unicode.IsUpper(r) {
			upper++
		}
	}
	if upper > 1 {
		h.remember(word, nil)
		return nil // acronyms and names in capitals
	}
	var out []int
	// speedata's Leftmin counts one short; apply the minimums here instead.
	for _, p := range h.lang.Hyphenate(strings.ToLower(word)) {
		if p >= leftMin && p <= len(rs)-rightMin {
			out = append(out, p)
		}
	}
	h.remember(word, out)
	return out
}

func (h *Hyphenator) remember(word string, points []int) {
	h.mu.Lock()
	h.memo[word] = points
	h.mu.Unlock()
}

package typeset

import (
	"bytes"
	"embed"
	"fmt"
	"strings"
	"sync"
	"unicode"

	"github.com/speedata/hyphenation"

	"colophon/internal/edition"
)

// patterns holds the Liang patterns of every language colophon hyphenates (see patterns/README.md
// for where each comes from and its licence).
//
//go:embed patterns/hyph-en-us.pat patterns/*.pat.txt patterns/*.hyp.txt
var patterns embed.FS

// hyphLang is one language's patterns and its customary minimums: how many letters must stay
// before a break and after it (hyph-utf8's typesetting values).
type hyphLang struct {
	patterns, exceptions string
	left, right          int
}

var hyphLangs = map[string]hyphLang{
	"en-us":   {"hyph-en-us.pat", "", 2, 3},
	"en-gb":   {"hyph-en-gb.pat.txt", "hyph-en-gb.hyp.txt", 2, 3},
	"de-1996": {"hyph-de-1996.pat.txt", "", 2, 2},
	"fr":      {"hyph-fr.pat.txt", "", 2, 2},
	"it":      {"hyph-it.pat.txt", "", 2, 2},
	"es":      {"hyph-es.pat.txt", "", 2, 2},
	"pl":      {"hyph-pl.pat.txt", "hyph-pl.hyp.txt", 2, 2},
	"cs":      {"hyph-cs.pat.txt", "hyph-cs.hyp.txt", 2, 3},
	"hu":      {"hyph-hu.pat.txt", "", 2, 2},
	"la":      {"hyph-la.pat.txt", "", 2, 2},
	"ru":      {"hyph-ru.pat.txt", "hyph-ru.hyp.txt", 2, 2},
	"uk":      {"hyph-uk.pat.txt", "", 2, 2},
	"nl":      {"hyph-nl.pat.txt", "hyph-nl.hyp.txt", 2, 2},
	"sv":      {"hyph-sv.pat.txt", "", 2, 2},
	"da":      {"hyph-da.pat.txt", "", 2, 2},
	// Bokmål and Nynorsk share hyph-no's patterns (hyph-nb.pat.txt); each has its exceptions.
	"nb": {"hyph-nb.pat.txt", "hyph-nb.hyp.txt", 2, 2},
	"nn": {"hyph-nb.pat.txt", "hyph-nn.hyp.txt", 2, 2},
}

// parsed are the languages' patterns and exceptions, read on first use and never changed after:
// what the embedded files say, shared by every hyphenator of that language in the process (no
// build's state: a build's own is the memo of each of its Hyphenators).
var (
	parsedMu sync.Mutex
	parsed   = map[string]*langPatterns{}
)

// langPatterns are one language's parsed patterns, exceptions and minimums.
type langPatterns struct {
	lang        *hyphenation.Lang
	exceptions  map[string][]int
	left, right int
}

// Hyphenator finds the places a word may be broken, with one language's patterns, exceptions and
// minimums, and remembers the words it has broken. The zero Hyphenator never breaks.
type Hyphenator struct {
	*langPatterns // nil for a language colophon has no patterns for
	mu            sync.Mutex
	memo          map[string][]int
}

// NewHyphenator returns a hyphenator for a language tag, with a memo of its own, or one that
// never breaks when colophon has no patterns for the language (check warns of it).
func NewHyphenator(tag string) (*Hyphenator, error) {
	lp, err := patternsOf(edition.HyphenationLanguage(tag))
	if err != nil || lp == nil {
		return &Hyphenator{}, err
	}
	return &Hyphenator{langPatterns: lp, memo: map[string][]int{}}, nil
}

// Hyphenators are one build's hyphenators, a language's shared by every book and handout the
// build sets (documents are set on all cores), so that a word is broken once per build.
type Hyphenators struct {
	mu sync.Mutex
	by map[string]*Hyphenator
}

// NewHyphenators returns an empty set, for one build.
func NewHyphenators() *Hyphenators { return &Hyphenators{by: map[string]*Hyphenator{}} }

// For returns the hyphenator for a language tag; one that never breaks when colophon has no
// patterns for it.
func (hs *Hyphenators) For(tag string) *Hyphenator {
	name := edition.HyphenationLanguage(tag)
	hs.mu.Lock()
	defer hs.mu.Unlock()
	if h, ok := hs.by[name]; ok {
		return h
	}
	h, err := NewHyphenator(tag)
	if err != nil {
		h = &Hyphenator{}
	}
	hs.by[name] = h
	return h
}

// patternsOf reads a language's patterns on first use; nil when colophon has none for it.
func patternsOf(name string) (*langPatterns, error) {
	hl, ok := hyphLangs[name]
	if !ok {
		return nil, nil
	}
	parsedMu.Lock()
	defer parsedMu.Unlock()
	if lp, ok := parsed[name]; ok {
		return lp, nil
	}
	data, err := patterns.ReadFile("patterns/" + hl.patterns)
	if err != nil {
		return nil, err
	}
	lang, err := hyphenation.New(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("hyphenation patterns %s: %w", hl.patterns, err)
	}
	h := &langPatterns{lang: lang, left: hl.left, right: hl.right, exceptions: map[string][]int{}}
	if hl.exceptions != "" {
		ex, err := patterns.ReadFile("patterns/" + hl.exceptions)
		if err != nil {
			return nil, err
		}
		// One word a line, its breaks written as hyphens: "uni-ver-sity".
		for _, line := range strings.Split(string(ex), "\n") {
			w := strings.TrimSpace(line)
			if w == "" || strings.HasPrefix(w, "%") {
				continue
			}
			var pts []int
			n := 0
			for _, r := range w {
				if r == '-' {
					pts = append(pts, n)
					continue
				}
				n++
			}
			h.exceptions[strings.ReplaceAll(w, "-", "")] = pts
		}
	}
	parsed[name] = h
	return h, nil
}

// Points returns the rune offsets inside word where a hyphen may go. Words with anything but
// letters (digits, inner punctuation, capitals-only abbreviations) are left whole.
func (h *Hyphenator) Points(word string) []int {
	if h.langPatterns == nil {
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
	if len(rs) < h.left+h.right {
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
	lower := strings.ToLower(word)
	if pts, ok := h.exceptions[lower]; ok {
		out = pts
	} else {
		// speedata's Leftmin counts one short; apply the minimums here instead.
		for _, p := range h.lang.Hyphenate(lower) {
			if p >= h.left && p <= len(rs)-h.right {
				out = append(out, p)
			}
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

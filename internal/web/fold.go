package web

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Search folds case and diacritics, so that "Straße" finds "strasse", "Reçu" finds "recu" and
// "Ёлка" finds "елка". search.js folds a query the same way (fold there; TestFoldMatchesBrowser
// holds the two together): decompose (NFD), drop the combining marks, lower-case, then spell out
// the letters that are not a base letter with a mark.
var spelled = map[rune]string{
	'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'ł': "l", 'đ': "d", 'ð': "d", 'þ': "th", 'ı': "i", 'ς': "σ",
}

// fold is a word as the index keeps it.
func fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		r = unicode.ToLower(r)
		if sp, ok := spelled[r]; ok {
			b.WriteString(sp)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// isWordRune says whether r is part of a word for search: letters, digits and marks. Anything
// else (spaces, punctuation, apostrophes, hyphens) parts words, as search.js's words does.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

// words are the folded words of a text, in order.
func words(s string) []string {
	if isASCII(s) {
		return asciiWords(s)
	}
	return strings.FieldsFunc(fold(s), func(r rune) bool { return !isWordRune(r) })
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// asciiWords is words of a text that is all ASCII, which most passages of an English edition
// are: decomposing such a text changes nothing, it has no marks and no letter to spell out, so
// folding is lower-casing, and a word is a run of letters and digits. The index of 250
// documents spent most of its time folding through the general path.
func asciiWords(s string) []string {
	lower := []byte(s)
	for i, c := range lower {
		if 'A' <= c && c <= 'Z' {
			lower[i] = c + 'a' - 'A'
		}
	}
	t := string(lower)
	var out []string
	start := -1
	for i := 0; i <= len(t); i++ {
		word := i < len(t) && ('a' <= t[i] && t[i] <= 'z' || '0' <= t[i] && t[i] <= '9')
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			out = append(out, t[start:i])
			start = -1
		}
	}
	return out
}

package web

import (
	"strings"
	"testing"
	"time"
)

// A long word is found by its parts where the edition has them as words of their own (or as the
// beginnings of words), and a string far longer than any word is not taken apart at all: a
// 100,000-letter "word" once made the index of every ending of it, 5 GB.
func TestCompoundParts(t *testing.T) {
	terms := map[string][]posting{}
	for i, w := range words("Die Metallarbeitergewerkschaft, die Gewerkschaftsvertretung und der Arbeiterschutz. Schutz! " + strings.Repeat("y", 100000)) {
		terms[w] = append(terms[w], posting{0, i})
	}
	start := time.Now()
	parts := compoundParts(terms)
	if d := time.Since(start); d > time.Second {
		t.Errorf("compoundParts took %v", d)
	}
	for _, want := range []string{"gewerkschaft", "schutz"} {
		if _, ok := parts[want]; !ok {
			t.Errorf("no part %q: %v", want, keys(parts))
		}
	}
	if _, ok := parts["etallarbeitergewerkschaft"]; ok {
		t.Error("an ending that begins with no word is indexed")
	}
	for p := range parts {
		if strings.HasPrefix(p, "yyyy") {
			t.Fatal("the 100,000-letter string was taken apart")
		}
	}
}

// Postings are written compactly and in order.
func TestEncodePostings(t *testing.T) {
	got := encodePostings([]posting{{0, 1}, {0, 40}, {3, 2}})
	// doc +0, 2 passages: 1, +39 (39 = 7 + 1×32: digit 7 with the continuation flag, "D", then "1"); doc +3, 1 passage: 2
	if want := "02" + "1" + "D1" + "312"; got != want {
		t.Errorf("encodePostings = %q, want %q", got, want)
	}
}

func keys(m map[string][]posting) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

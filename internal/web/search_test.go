package web

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"colophon/internal/html"
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

// The terms are written in files of about chunkSize bytes, each shard (the terms sharing their
// first two letters) whole in one file, and index.json says which: a small edition's terms make
// one file, not one per pair of letters, and a large one's several, none much over the size.
func TestSearchChunks(t *testing.T) {
	index := func(docs []searchDoc) (map[string]int, []map[string]string) {
		t.Helper()
		var idx struct{ Shards map[string]int }
		var chunks []map[string]string
		for _, f := range searchFiles(docs) {
			switch {
			case f.path == "search/index.json":
				if err := json.Unmarshal(f.data, &idx); err != nil {
					t.Fatal(err)
				}
			case f.path == fmt.Sprintf("search/terms/%d.json", len(chunks)):
				var c map[string]string
				if err := json.Unmarshal(f.data, &c); err != nil {
					t.Fatal(err)
				}
				chunks = append(chunks, c)
				if len(f.data) > 2*chunkSize {
					t.Errorf("%s: %d bytes", f.path, len(f.data))
				}
			default:
				t.Fatalf("unexpected file %s", f.path)
			}
		}
		for key, n := range idx.Shards {
			if n < 0 || n >= len(chunks) {
				t.Fatalf("shard %q in file %d of %d", key, n, len(chunks))
			}
		}
		for n, c := range chunks {
			for term := range c {
				if got, ok := idx.Shards[shardKey(term)]; !ok || got != n {
					t.Errorf("term %q is in file %d, index.json says %d (%v)", term, n, got, ok)
				}
			}
		}
		return idx.Shards, chunks
	}
	small := []searchDoc{{Title: "One", URL: "one.html", Passages: []html.Passage{{ID: "p1", Text: "Ordzhonikidze wrote to Pospelov"}}}}
	if shards, chunks := index(small); len(chunks) != 1 || len(shards) != 4 {
		t.Errorf("a four-word edition: %d files, %d shards, want 1 and 4", len(chunks), len(shards))
	}
	var big []searchDoc
	for d := 0; d < 200; d++ {
		var text strings.Builder
		for w := 0; w < 100; w++ {
			fmt.Fprintf(&text, "w%c%c%dx ", 'a'+rune(w%26), 'a'+rune(d%26), d*100+w)
		}
		big = append(big, searchDoc{Title: "Doc", URL: fmt.Sprintf("d%d.html", d), Passages: []html.Passage{{ID: "p", Text: text.String()}}})
	}
	if _, chunks := index(big); len(chunks) < 4 {
		t.Errorf("20,000 distinct words in %d files", len(chunks))
	}
}

// TestASCIIWordsAsFolded holds words' path for all-ASCII text to the general one (decompose, drop
// marks, lower-case, split at anything but letters, digits and marks): the index must not depend
// on which path a passage took.
func TestASCIIWordsAsFolded(t *testing.T) {
	general := func(s string) []string {
		return strings.FieldsFunc(fold(s), func(r rune) bool { return !isWordRune(r) })
	}
	samples := []string{"", " ", "Letter from Gorky, 12 May 1956.", "A-B_C'D\"E(f)g[h]{i}~`^@#$%&*+=|\\/<>?!;:",
		"ALLCAPS lower MiXeD 0123456789 z9Z", "\t\ntab\rand\x00control\x7f", "end."}
	// Every ASCII byte once, and pseudo-random strings over the whole range, from a fixed seed.
	var all []byte
	for c := 0; c < 0x80; c++ {
		all = append(all, byte(c), 'x')
	}
	samples = append(samples, string(all))
	seed := uint32(7)
	for n := 0; n < 500; n++ {
		b := make([]byte, n%40)
		for i := range b {
			seed = seed*1664525 + 1013904223
			b[i] = byte(seed>>24) & 0x7f
		}
		samples = append(samples, string(b))
	}
	for _, s := range samples {
		if got, want := words(s), general(s); !slices.Equal(got, want) {
			t.Fatalf("words(%q) = %q, the general path gives %q", s, got, want)
		}
	}
	// Text with a letter beyond ASCII still takes the general path.
	if got := words("Straße, Ёлка"); !slices.Equal(got, []string{"strasse", "елка"}) {
		t.Errorf("words of non-ASCII text = %q", got)
	}
}

package web

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"

	"colophon/internal/html"
)

// The search index, written by the build and read by search.js in the browser, with no server:
//
//	search/index.json        the documents (title, page, language, the ids of its passages) and,
//	                         for each shard (the terms sharing their first two letters), the
//	                         number of the file it is in
//	search/terms/N.json      the terms of consecutive shards, about chunkSize bytes of them, each
//	                         with the passages it occurs in
//
// A query fetches index.json once and one file of terms per word: a few kilobytes. The snippets the
// results show are read from the documents' own pages, fetched for the results shown (and then
// in the browser's cache when the reader follows one), so that the index does not hold the
// edition's text a second time: at 250 documents that text was 1.8 MB of the index's 2.1. Words are folded (fold) and matched by prefix, so that "arbeit" finds
// "Arbeiterschaft"; a long word is also found by the words of the edition it is made of
// (compoundParts), so that "schutz" finds "Arbeiterschutz" when "Schutz" is a word of the
// edition.

// searchDoc is what the index knows of a document.
type searchDoc struct {
	Title    string
	URL      string // the page, relative to the site
	Lang     string
	Passages []html.Passage
	// Words are each passage's words (words), found where the document's page is made, on the
	// core that made it; nil: searchFiles finds them.
	Words [][]string
}

// passageWords are the words of each of a document's passages.
func passageWords(ps []html.Passage) [][]string {
	out := make([][]string, len(ps))
	for i, p := range ps {
		out[i] = words(p.Text)
	}
	return out
}

// posting is a passage a term occurs in: document and passage, by their index.
type posting struct{ doc, passage int }

// chunkSize is about the size of a file of terms: a query fetches one per word, so it is kept to
// a few kilobytes once compressed, as the web server sends it.
const chunkSize = 32 << 10

// shardKey is the shard a term is kept in: its first two letters.
func shardKey(term string) string {
	n := 0
	for i := range term {
		if n == 2 {
			return term[:i]
		}
		n++
	}
	return term
}

// searchFiles writes the index of the documents.
func searchFiles(docs []searchDoc) []file {
	terms := map[string][]posting{}
	var files []file
	// docEntry is a document as index.json lists it.
	type docEntry struct {
		T string   `json:"t"`
		U string   `json:"u"`
		L string   `json:"l,omitempty"`
		P []string `json:"p"` // the passages' ids
	}
	var entries []docEntry
	for d, doc := range docs {
		ids := make([]string, len(doc.Passages))
		for p, ps := range doc.Passages {
			ids[p] = ps.ID
			ws := []string(nil)
			if doc.Words != nil {
				ws = doc.Words[p]
			} else {
				ws = words(ps.Text)
			}
			seen := map[string]bool{}
			for _, w := range ws {
				if !seen[w] {
					seen[w] = true
					terms[w] = append(terms[w], posting{d, p})
				}
			}
		}
		entries = append(entries, docEntry{doc.Title, doc.URL, doc.Lang, ids})
	}
	for part, ps := range compoundParts(terms) {
		terms[part] = mergePostings(terms[part], ps)
	}
	shards := map[string]map[string]string{}
	for t, ps := range terms {
		k := shardKey(t)
		if shards[k] == nil {
			shards[k] = map[string]string{}
		}
		shards[k][t] = encodePostings(ps)
	}
	keys := make([]string, 0, len(shards))
	for k := range shards {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	// The shards, in their order, are written into files of about chunkSize bytes: a file of its
	// own for each of a small edition's few-hundred-byte shards would cost more to create (and
	// the reader's browser more requests) than it saves.
	chunkOf := map[string]int{}
	chunk, size := map[string]string{}, 0
	flush := func() {
		files = append(files, jsonFile(fmt.Sprintf("search/terms/%d.json", len(files)), chunk))
		chunk, size = map[string]string{}, 0
	}
	for _, k := range keys {
		chunkOf[k] = len(files)
		for t, ps := range shards[k] {
			chunk[t] = ps
			size += len(t) + len(ps) + 6 // the quotes, the colon and the comma around them
		}
		if size >= chunkSize {
			flush()
		}
	}
	if len(chunk) > 0 {
		flush()
	}
	files = append(files, jsonFile("search/index.json", struct {
		Docs   []docEntry     `json:"docs"`
		Shards map[string]int `json:"shards"`
	}{entries, chunkOf}))
	return files
}

// compoundParts finds the words a long word is made of: for a word of eight letters or more, each
// ending of it that begins, three letters in or more, with a word of the edition of four letters or
// more, or with the first six letters of one ("Metallarbeiter|gewerkschaft" when the edition has
// "Gewerkschaftsvertretung"). The ending is indexed with the long word's passages, so that a
// search for a part finds the whole, as a search for its beginning does by prefix.
// maxCompound is the longest word looked into for its parts: German's longest words in use are
// under sixty letters, and each ending of a word is a term of its own.
const maxCompound = 64

func compoundParts(terms map[string][]posting) map[string][]posting {
	sorted := make([]string, 0, len(terms))
	for t := range terms {
		sorted = append(sorted, t)
	}
	sort.Strings(sorted)
	starts := func(s string) bool { // some term begins with s
		i := sort.SearchStrings(sorted, s)
		return i < len(sorted) && strings.HasPrefix(sorted[i], s)
	}
	parts := map[string][]posting{}
	for t, ps := range terms {
		rs := []rune(t)
		if len(rs) < 8 || len(rs) > maxCompound {
			continue // a string that long is no word made of words (a URL, a run of letters)
		}
		for i := 3; i+4 <= len(rs); i++ {
			end := string(rs[i:])
			found := len(rs)-i >= 6 && starts(string(rs[i:i+6]))
			for k := min(len(rs)-i, 5); !found && k >= 4; k-- {
				_, found = terms[string(rs[i:i+k])]
			}
			if found && end != t {
				parts[end] = mergePostings(parts[end], ps)
			}
		}
	}
	return parts
}

func mergePostings(a, b []posting) []posting {
	out := append(slices.Clone(a), b...)
	sort.Slice(out, func(i, j int) bool {
		if out[i].doc != out[j].doc {
			return out[i].doc < out[j].doc
		}
		return out[i].passage < out[j].passage
	})
	return slices.Compact(out)
}

// digits are the 64 characters the postings are written in. A number is written five bits at a
// time, lowest first; a character from the second half says that more follow.
const digits = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"

// encodePostings writes a term's passages compactly: for each document they are in, the
// difference from the previous document, the number of passages, then each passage as its
// difference from the one before.
func encodePostings(ps []posting) string {
	var b strings.Builder
	num := func(n int) {
		for n >= 32 {
			b.WriteByte(digits[32+n%32])
			n /= 32
		}
		b.WriteByte(digits[n])
	}
	prevDoc := 0
	for i := 0; i < len(ps); {
		j := i
		for j < len(ps) && ps[j].doc == ps[i].doc {
			j++
		}
		num(ps[i].doc - prevDoc)
		prevDoc = ps[i].doc
		num(j - i)
		prev := 0
		for _, p := range ps[i:j] {
			num(p.passage - prev)
			prev = p.passage
		}
		i = j
	}
	return b.String()
}

func jsonFile(path string, v any) file {
	data, err := json.Marshal(v)
	if err != nil {
		panic(err) // only strings, numbers and slices of them: cannot fail
	}
	return file{path: path, data: data}
}

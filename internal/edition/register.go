package edition

import (
	"bytes"
	"slices"
	"sort"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// The register: the persons, places and organisations the documents name (source/register.yaml),
// and every place each of them stands in the texts. The loader finds the occurrences (a form of
// an entry standing as whole words, or words a mark ties to an entry) and puts each into the
// inline content as an Indexed inline, so that every writer meets it where it stands: typeset
// reports the page it begins on, the EPUB and the web put an anchor there.

// EntryKind says what a register entry is.
type EntryKind int

const (
	Person EntryKind = iota
	Place
	Organisation
)

// EntryKinds are the kinds in the order the register lists them.
var EntryKinds = []EntryKind{Person, Place, Organisation}

// Key is the kind's list in register.yaml: "persons", "places", "organisations".
func (k EntryKind) Key() string {
	switch k {
	case Place:
		return "places"
	case Organisation:
		return "organisations"
	}
	return "persons"
}

// Register is source/register.yaml: its entries, persons first, then places, then organisations,
// each kind in the order the file lists them.
type Register struct {
	Entries []*Entry
	byID    map[string]*Entry
	// byDoc are the entries each document names, made once when first asked for (In): every
	// handout lists its document's persons, and scanning every occurrence for each was quadratic.
	byDocOnce sync.Once
	byDoc     map[*Document][]*Entry
	// sorted are the lists Sorted made, by kind and language: the web edition's pages each list
	// the entries they name in that order, and collating the register for each was most of it.
	sortedMu sync.Mutex
	sorted   map[sortKey][]*Entry
}

type sortKey struct {
	kind EntryKind
	lang string
}

// NewRegister makes a register of entries whose ids are distinct.
func NewRegister(entries []*Entry) *Register {
	r := &Register{Entries: entries, byID: make(map[string]*Entry, len(entries))}
	for _, e := range entries {
		r.byID[e.ID] = e
	}
	return r
}

// Of is the entries of one kind, in register.yaml order.
func (r *Register) Of(k EntryKind) []*Entry {
	if r == nil {
		return nil
	}
	var out []*Entry
	for _, e := range r.Entries {
		if e.Kind == k {
			out = append(out, e)
		}
	}
	return out
}

// Sorted is the entries of one kind in the order an index lists them: by name, as the language
// collates (letter case and accents second, as dictionaries do), then by id.
func (r *Register) Sorted(k EntryKind, lang string) []*Entry {
	if r == nil {
		return nil
	}
	key := sortKey{k, lang}
	r.sortedMu.Lock()
	defer r.sortedMu.Unlock()
	if out, ok := r.sorted[key]; ok {
		return slices.Clone(out)
	}
	out := r.collated(k, lang)
	if r.sorted == nil {
		r.sorted = map[sortKey][]*Entry{}
	}
	r.sorted[key] = out
	return slices.Clone(out)
}

func (r *Register) collated(k EntryKind, lang string) []*Entry {
	es := r.Of(k)
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.English
	}
	c := collate.New(tag)
	keys := make([][]byte, len(es))
	var buf collate.Buffer
	for i, e := range es {
		keys[i] = append([]byte(nil), c.KeyFromString(&buf, e.Name)...)
		buf.Reset()
	}
	idx := make([]int, len(es))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		ka, kb := keys[idx[a]], keys[idx[b]]
		if c := bytes.Compare(ka, kb); c != 0 {
			return c < 0
		}
		return es[idx[a]].ID < es[idx[b]].ID
	})
	out := make([]*Entry, len(es))
	for i, j := range idx {
		out[i] = es[j]
	}
	return out
}

// In is the entries of one kind that stand somewhere in document d, in register.yaml order.
func (r *Register) In(d *Document, k EntryKind) []*Entry {
	if r == nil {
		return nil
	}
	r.byDocOnce.Do(func() {
		r.byDoc = map[*Document][]*Entry{}
		for _, e := range r.Entries {
			for _, o := range e.Occurrences {
				// An entry's occurrences are all seen before the next entry's: it is in its
				// documents' lists once when it is their last.
				if es := r.byDoc[o.Doc]; len(es) == 0 || es[len(es)-1] != e {
					r.byDoc[o.Doc] = append(es, e)
				}
			}
		}
	})
	var out []*Entry
	for _, e := range r.byDoc[d] {
		if e.Kind == k {
			out = append(out, e)
		}
	}
	return out
}

// Entry is the entry with the id, or nil.
func (r *Register) Entry(id string) *Entry {
	if r == nil {
		return nil
	}
	return r.byID[id]
}

// Entry is one person, place or organisation.
type Entry struct {
	Kind  EntryKind
	ID    string   // lower-case letters, digits and hyphens: "stalin"
	Name  string   // the heading as the index prints it: "Stalin, Joseph Vissarionovich"
	Forms []string // the strings under which it stands in the texts, as register.yaml writes them
	Dates string   // "1878–1953"; may be empty
	Note  []Inline // who or what this is, one paragraph; may be nil
	// Authority identifiers: a Wikidata item ("Q855"), a VIAF and a GND identifier; each may be empty.
	Wikidata, VIAF, GND string
	Pos                 Pos // the entry's first line in source/register.yaml
	// Occurrences are the places the entry stands, in reading order (Occurrence).
	Occurrences []*Occurrence
}

// WikidataURI is the entry's Wikidata item as a URI, or "".
func (e *Entry) WikidataURI() string {
	if e.Wikidata == "" {
		return ""
	}
	return "http://www.wikidata.org/entity/" + e.Wikidata
}

// Part says in which part of a document an occurrence stands.
type Part int

const (
	InTitle Part = iota
	InDateline
	InSalutation
	InBody
	InSignature
	InEndorsement
	InArchive
	InNote
)

// Occurrence is one place where an entry stands: a form found in the text, or words a mark ties
// to the entry ([the General Secretary]{index=stalin}). The reading order that numbers them is,
// document by document: title, dateline, salutation, body, signature, endorsements, archival
// reference, then the notes by number.
type Occurrence struct {
	Entry *Entry
	// ID is the anchor's id, unique in the edition and the same for the same sources:
	// "reg-stalin-3" is the entry's third occurrence.
	ID     string
	Doc    *Document
	Part   Part
	Note   *Note  // the note it stands in, when Part is InNote
	Form   string // the form that matched; empty when a mark ties the words
	Marked bool   // tied by a mark rather than found by a form
}

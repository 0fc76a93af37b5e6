package preflight

import (
	"crypto/sha256"
	"encoding/binary"
	"hash"
	"math"
	"slices"
	"sync"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"colophon/internal/print"
)

// Memo keeps what each page's check found, for the next preflight in the same process: colophon
// watch preflights the printer's interior after every edit, and an edit to one document of a
// thousand-page book leaves almost every page as it was. A page is taken from the memo when
// everything its check reads is as it was — its content streams, its boxes, its annotations'
// kinds, its resources followed to the bytes of every object they reach, and the service's
// margins for its side of the spread at the file's page count — and its findings are then
// replayed in the order they were made, through the same bookkeeping as a check's (a finding said
// once for the file, "first on page n"), so the findings are those of a check from scratch.
// A page whose check ran out of the file's inflation budget (maxInflatedFile) is not kept: what
// it finds depends on the pages before it. A replayed page counts what it inflated when it was
// checked, fonts' maps first read on it included, so the budget runs out no later than in a
// check from scratch.
type Memo struct {
	mu       sync.Mutex
	last     map[[32]byte]*pageRecord // the previous check's
	now      map[[32]byte]*pageRecord // this check's: what the next memo starts from
	replayed int
}

// pageRecord is one page's check.
type pageRecord struct {
	events     []event
	inflated   int64
	overBudget bool
}

// NewMemo makes a memo that takes the pages kept by last (nil: none). Only what the last memo's
// checks used or made is kept, so a memo holds about one file's pages.
func NewMemo(last *Memo) *Memo {
	m := &Memo{now: map[[32]byte]*pageRecord{}}
	if last != nil {
		last.mu.Lock()
		m.last = last.now
		last.mu.Unlock()
	}
	return m
}

// CheckParts preflights a PDF held in pieces (as the package's CheckParts), taking each page whose
// check reads what a page checked before read from the memo.
func (m *Memo) CheckParts(parts [][]byte, svc print.Service) ([]Finding, error) {
	return check(parts, svc, m)
}

// Replayed is how many pages the memo's checks have taken from it.
func (m *Memo) Replayed() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.replayed
}

func (m *Memo) get(key [32]byte) (*pageRecord, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	r, ok := m.now[key]
	if !ok {
		r, ok = m.last[key]
	}
	if ok {
		m.now[key] = r
	}
	return r, ok
}

func (m *Memo) put(key [32]byte, r *pageRecord) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.now[key] = r
}

// checkPage checks page n of pages, or replays its findings from the memo.
func (c *checker) checkPage(n, pages int, p leaf) {
	if c.memo == nil {
		c.page(n, pages, p)
		return
	}
	key, keyed := c.pageKey(n, pages, p)
	if keyed {
		if r, ok := c.memo.get(key); ok && c.inflated+r.inflated <= maxInflatedFile {
			c.inflated += r.inflated
			for _, e := range r.events {
				c.apply(n, e)
			}
			c.memo.mu.Lock()
			c.memo.replayed++
			c.memo.mu.Unlock()
			return
		}
	}
	rec := &pageRecord{}
	c.rec = rec
	defer func() { c.rec = nil }() // a page that panics (guarded) is not kept
	start := c.inflated
	c.page(n, pages, p)
	if keyed && !rec.overBudget {
		rec.inflated = c.inflated - start
		c.memo.put(key, rec)
	}
}

// maxKeyObjects bounds the objects hashed for one page's key: a page whose resources reach more
// (no real page's do) is checked, not looked up.
const maxKeyObjects = 1 << 16

// pageKey is the digest of everything page n's check reads (page): false when it cannot be made
// (a loop among the page's objects, or too many of them), and the page is then checked.
func (c *checker) pageKey(n, pages int, p leaf) ([32]byte, bool) {
	h := sha256.New()
	k := keyer{c: c, h: h, budget: maxKeyObjects}
	k.str("colophon preflight page 1")
	// The margins the text is checked against (page): the service's, and which side the gutter
	// is on.
	k.num(c.svc.Outside)
	k.num(c.svc.CoverSafety)
	k.num(c.svc.Inside(pages))
	k.flag(pages > 1)
	k.flag(n%2 == 1)
	k.flag(p.hasMedia)
	for _, v := range p.media {
		k.num(v)
	}
	pd := p.dict
	for _, name := range []string{"TrimBox", "ArtBox", "BleedBox", "Group", "Contents"} {
		k.str(name)
		k.object(pd[name])
	}
	// Of the annotations only their kinds are read: an annotation's dictionary points back at
	// its page, and a link's at other pages.
	k.str("Annots")
	if arr, err := c.x.DereferenceArray(pd["Annots"]); err == nil {
		k.int(int64(len(arr)))
		for _, a := range arr {
			k.str(c.name(c.dict(a)["Subtype"]))
		}
	} else {
		k.int(-1)
	}
	k.str("Resources")
	k.object(p.resources)
	if !k.ok() {
		return [32]byte{}, false
	}
	var d [32]byte
	h.Sum(d[:0])
	return d, true
}

// keyer writes objects into a page's key. An indirect object is written as the digest of what
// it holds, made once per file (checker.digests), so a font shared by a thousand pages is hashed
// once.
type keyer struct {
	c      *checker
	h      hash.Hash
	budget int
	onPath []int
	failed bool
	buf    [9]byte
}

func (k *keyer) ok() bool { return !k.failed }

func (k *keyer) tag(t byte) { k.h.Write([]byte{t}) }

func (k *keyer) int(v int64) {
	k.buf[0] = 'i'
	binary.LittleEndian.PutUint64(k.buf[1:], uint64(v))
	k.h.Write(k.buf[:])
}

func (k *keyer) num(v float64) {
	k.buf[0] = 'f'
	binary.LittleEndian.PutUint64(k.buf[1:], math.Float64bits(v))
	k.h.Write(k.buf[:])
}

func (k *keyer) flag(v bool) {
	if v {
		k.tag('T')
	} else {
		k.tag('F')
	}
}

func (k *keyer) str(s string) {
	k.int(int64(len(s)))
	k.h.Write([]byte(s))
}

func (k *keyer) tagged(t byte, s string) {
	k.tag(t)
	k.str(s)
}

func (k *keyer) bytes(b []byte) {
	k.int(int64(len(b)))
	k.h.Write(b)
}

func (k *keyer) object(o types.Object) {
	if k.failed {
		return
	}
	if k.budget--; k.budget < 0 {
		k.failed = true
		return
	}
	switch v := o.(type) {
	case nil:
		k.tag('0')
	case types.IndirectRef:
		k.tag('R')
		d, ok := k.ref(v)
		if !ok {
			k.failed = true
			return
		}
		k.h.Write(d[:])
	case types.Boolean:
		k.flag(bool(v))
	case types.Integer:
		k.int(int64(v))
	case types.Float:
		k.num(float64(v))
	case types.Name:
		k.tagged('/', string(v))
	case types.StringLiteral:
		k.tagged('(', string(v))
	case types.HexLiteral:
		k.tagged('<', string(v))
	case types.Array:
		k.tag('[')
		k.int(int64(len(v)))
		for _, e := range v {
			k.object(e)
		}
	case types.Dict:
		k.dict(v)
	case types.StreamDict:
		if v.Raw == nil {
			k.failed = true // a stream not read in: its bytes cannot be keyed
			return
		}
		k.tag('S')
		k.dict(v.Dict)
		k.bytes(v.Raw)
	case *types.StreamDict:
		k.object(*v)
	default:
		k.failed = true // an object of a kind the key does not know: the page is checked
	}
}

func (k *keyer) dict(d types.Dict) {
	k.tag('{') // each kind of object its own tag: an empty dictionary is not an empty <> string
	keys := make([]string, 0, len(d))
	for key := range d {
		keys = append(keys, key)
	}
	slices.Sort(keys)
	k.int(int64(len(keys)))
	for _, key := range keys {
		k.str(key)
		k.object(d[key])
	}
}

// ref is the digest of an indirect object's content, made with its own hash so that it can be
// kept for the file. An object that refers back to one being hashed (a loop) gives no key.
func (k *keyer) ref(r types.IndirectRef) ([32]byte, bool) {
	nr := r.ObjectNumber.Value()
	if d, ok := k.c.digests[nr]; ok {
		return d, true
	}
	if slices.Contains(k.onPath, nr) {
		return [32]byte{}, false
	}
	o, err := k.c.x.Dereference(r)
	if err != nil {
		return [32]byte{}, false
	}
	inner := keyer{c: k.c, h: sha256.New(), budget: k.budget, onPath: append(k.onPath, nr)}
	inner.object(o)
	k.budget = inner.budget
	if inner.failed {
		return [32]byte{}, false
	}
	var d [32]byte
	inner.h.Sum(d[:0])
	if k.c.digests == nil {
		k.c.digests = map[int][32]byte{}
	}
	k.c.digests[nr] = d
	return d, true
}

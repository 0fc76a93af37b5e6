package edition

import (
	"crypto/sha256"
	"encoding/binary"
	"hash"
	"math"
	"reflect"
	"sort"
	"time"
)

// Fingerprints say whether what a document was set from has changed between two builds in one
// process (colophon watch and serve keep typeset documents, typeset.DocCache): a digest of every
// value reachable from it, every field read by reflection — unexported ones too, so that a field
// added to the model later is in the fingerprint without anyone remembering to add it. A
// pointer met again is written as the place it was first met (the model has cycles: an
// occurrence points back at its document), and a pointer to another document as that
// document's path: a document's fingerprint does not take in the others.

// DocFingerprint is the digest of a document as typesetting reads it: itself, its notes, its
// pictures' bytes, the register entries and targets its text points to.
func DocFingerprint(d *Document) [sha256.Size]byte {
	f := newFingerprinter(d)
	f.value(reflect.ValueOf(d))
	return f.sum()
}

// BookFingerprint is the digest of what the book gives every document's setting: book.yaml's
// settings, the fonts' bytes, the reference list — all but the documents, the register (each
// document's fingerprint holds the entries it cites) and the timestamp.
func BookFingerprint(b *Book) [sha256.Size]byte {
	c := *b
	c.Dir, c.Documents, c.Register, c.Timestamp = "", nil, nil, time.Time{}
	f := newFingerprinter(nil)
	f.value(reflect.ValueOf(&c))
	return f.sum()
}

type fingerprinter struct {
	h    hash.Hash
	self *Document
	seen map[uintptr]int
	buf  [8]byte
}

func newFingerprinter(self *Document) *fingerprinter {
	return &fingerprinter{h: sha256.New(), self: self, seen: map[uintptr]int{}}
}

func (f *fingerprinter) sum() (s [sha256.Size]byte) {
	copy(s[:], f.h.Sum(nil))
	return s
}

func (f *fingerprinter) u64(v uint64) {
	binary.LittleEndian.PutUint64(f.buf[:], v)
	f.h.Write(f.buf[:])
}

func (f *fingerprinter) str(s string) {
	f.u64(uint64(len(s)))
	f.h.Write([]byte(s))
}

var docType = reflect.TypeOf((*Document)(nil))

func (f *fingerprinter) value(v reflect.Value) {
	f.u64(uint64(v.Kind()))
	switch v.Kind() {
	case reflect.Bool:
		if v.Bool() {
			f.u64(1)
		} else {
			f.u64(0)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		f.u64(uint64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		f.u64(v.Uint())
	case reflect.Float32, reflect.Float64:
		f.u64(math.Float64bits(v.Float()))
	case reflect.String:
		f.str(v.String())
	case reflect.Slice:
		if v.IsNil() {
			f.u64(math.MaxUint64)
			return
		}
		if v.Type().Elem().Kind() == reflect.Uint8 {
			f.u64(uint64(v.Len()))
			f.h.Write(v.Bytes())
			return
		}
		fallthrough
	case reflect.Array:
		f.u64(uint64(v.Len()))
		for i := 0; i < v.Len(); i++ {
			f.value(v.Index(i))
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			f.str(v.Type().Field(i).Name)
			f.value(v.Field(i))
		}
	case reflect.Pointer:
		if v.IsNil() {
			f.u64(math.MaxUint64)
			return
		}
		if v.Type() == docType && f.self != nil && v.Pointer() != reflect.ValueOf(f.self).Pointer() {
			f.str(v.Elem().FieldByName("Path").String()) // another document: by its path
			return
		}
		if n, ok := f.seen[v.Pointer()]; ok {
			f.u64(uint64(n)) // met before: where
			return
		}
		f.seen[v.Pointer()] = len(f.seen)
		f.value(v.Elem())
	case reflect.Map:
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return keyString(keys[i]) < keyString(keys[j]) })
		f.u64(uint64(len(keys)))
		for _, k := range keys {
			f.value(k)
			f.value(v.MapIndex(k))
		}
	case reflect.Interface:
		if v.IsNil() {
			f.u64(math.MaxUint64)
			return
		}
		f.str(v.Elem().Type().String())
		f.value(v.Elem())
	default:
		// Functions, channels and unsafe pointers are no part of the model: should one appear,
		// its type is written, and two builds' values of it are taken for the same.
		f.str(v.Type().String())
	}
}

// keyString orders map keys of any kind the model uses (strings, numbers).
func keyString(v reflect.Value) string {
	switch v.Kind() {
	case reflect.String:
		return v.String()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		var b [8]byte
		binary.BigEndian.PutUint64(b[:], uint64(v.Int())^1<<63)
		return string(b[:])
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		var b [8]byte
		binary.BigEndian.PutUint64(b[:], v.Uint())
		return string(b[:])
	}
	return v.Type().String()
}

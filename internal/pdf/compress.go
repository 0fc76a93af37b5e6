package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"sort"
	"strconv"
	"sync"
)

// fpdf compresses each stream with a zlib writer made for it: about 1 MB allocated and cleared per
// page, which in a 1,000-document build was 60 % of all memory allocated and most of the garbage
// collector's work. colophon therefore asks fpdf for uncompressed page streams and compresses them
// here, with writers that are reset and reused, at the level fpdf uses (best speed). This is the
// only place that rewrites fpdf's object layout; everything else edits bytes in place.

var zwriters = sync.Pool{New: func() any {
	w, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed) // cannot fail: the level is valid
	return w
}}

// compressStreams deflates every plain stream of a finished PDF written by fpdf (those whose
// dictionary is exactly "<</Length n>>": page contents and ToUnicode maps) and writes a new
// cross-reference table. Other objects are copied unchanged.
func compressStreams(pdf []byte) ([]byte, error) {
	xrefAt, err := startXref(pdf)
	if err != nil {
		return nil, err
	}
	offsets, tableEnd, err := readXref(pdf, xrefAt)
	if err != nil {
		return nil, err
	}
	order := make([]int, 0, len(offsets))
	for n := 1; n < len(offsets); n++ {
		order = append(order, n)
	}
	sort.Slice(order, func(i, j int) bool { return offsets[order[i]] < offsets[order[j]] })
	if len(order) == 0 || offsets[order[0]] <= 0 {
		return nil, fmt.Errorf("pdf: no objects in the cross-reference table")
	}

	out := bytes.NewBuffer(make([]byte, 0, len(pdf)/2))
	out.Write(pdf[:offsets[order[0]]]) // the header
	newOffsets := make([]int, len(offsets))
	var stream bytes.Buffer
	w := zwriters.Get().(*zlib.Writer)
	defer zwriters.Put(w)
	for i, n := range order {
		start, end := offsets[n], xrefAt
		if i+1 < len(order) {
			end = offsets[order[i+1]]
		}
		if start > end || end > len(pdf) {
			return nil, fmt.Errorf("pdf: object %d is out of place", n)
		}
		newOffsets[n] = out.Len()
		obj := pdf[start:end]
		head := []byte(strconv.Itoa(n) + " 0 obj\n<</Length ")
		if !bytes.HasPrefix(obj, head) {
			out.Write(obj)
			continue
		}
		rest := obj[len(head):]
		k := bytes.IndexByte(rest, '>')
		length, err := strconv.Atoi(string(rest[:max(k, 0)]))
		if k < 0 || err != nil || !bytes.HasPrefix(rest[k:], []byte(">>\nstream\n")) {
			out.Write(obj)
			continue
		}
		dataAt := k + len(">>\nstream\n")
		if dataAt+length > len(rest) {
			return nil, fmt.Errorf("pdf: stream of object %d is longer than the object", n)
		}
		stream.Reset()
		w.Reset(&stream)
		w.Write(rest[dataAt : dataAt+length]) // writes to a bytes.Buffer cannot fail
		w.Close()
		fmt.Fprintf(out, "%d 0 obj\n<</Filter /FlateDecode /Length %d>>\nstream\n", n, stream.Len())
		out.Write(stream.Bytes())
		out.Write(rest[dataAt+length:])
	}
	xref := out.Len()
	fmt.Fprintf(out, "xref\n0 %d\n0000000000 65535 f \n", len(offsets))
	for n := 1; n < len(offsets); n++ {
		fmt.Fprintf(out, "%010d 00000 n \n", newOffsets[n])
	}
	trailer := pdf[tableEnd:]
	sx := bytes.LastIndex(trailer, []byte("startxref\n"))
	if sx < 0 {
		return nil, fmt.Errorf("pdf: startxref before the end of the cross-reference table")
	}
	out.Write(trailer[:sx])
	fmt.Fprintf(out, "startxref\n%d\n%%%%EOF\n", xref)
	return out.Bytes(), nil
}

// startXref reads the offset of the cross-reference table from the end of the file.
func startXref(pdf []byte) (int, error) {
	i := bytes.LastIndex(pdf, []byte("startxref\n"))
	if i < 0 {
		return 0, fmt.Errorf("pdf: no startxref")
	}
	rest := pdf[i+len("startxref\n"):]
	j := bytes.IndexByte(rest, '\n')
	if j < 0 {
		return 0, fmt.Errorf("pdf: startxref has no offset")
	}
	at, err := strconv.Atoi(string(rest[:j]))
	if err != nil || at < 0 || at >= len(pdf) {
		return 0, fmt.Errorf("pdf: bad startxref offset %q", rest[:j])
	}
	return at, nil
}

// readXref reads a one-section table as fpdf writes it ("xref", "0 N", then N 20-byte entries)
// and returns each object's offset and where the table ends.
func readXref(pdf []byte, at int) ([]int, int, error) {
	p := pdf[at:]
	if !bytes.HasPrefix(p, []byte("xref\n0 ")) {
		return nil, 0, fmt.Errorf("pdf: no cross-reference table at %d", at)
	}
	p = p[len("xref\n0 "):]
	nl := bytes.IndexByte(p, '\n')
	count, err := strconv.Atoi(string(p[:max(nl, 0)]))
	if nl < 0 || err != nil || count < 1 {
		return nil, 0, fmt.Errorf("pdf: bad cross-reference section")
	}
	entries := p[nl+1:]
	if len(entries) < 20*count {
		return nil, 0, fmt.Errorf("pdf: cross-reference table cut short")
	}
	offsets := make([]int, count)
	for n := 1; n < count; n++ {
		e := entries[20*n : 20*n+20]
		if e[17] != 'n' {
			return nil, 0, fmt.Errorf("pdf: object %d is not in use", n)
		}
		if offsets[n], err = strconv.Atoi(string(e[:10])); err != nil {
			return nil, 0, fmt.Errorf("pdf: bad offset for object %d", n)
		}
	}
	end := at + len("xref\n0 ") + nl + 1 + 20*count
	return offsets, end, nil
}

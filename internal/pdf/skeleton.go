package pdf

import (
	"bytes"
	"fmt"
	"strconv"
)

// Skeleton is a PDF with its pictures' samples left out: every shared stream (a picture's data,
// which the file holds as a piece of its own, see file.sharedStream) is written with /Length 0
// and no bytes, and the cross-reference table and startxref are moved to match. Every other byte
// is the file's own, and every object is where the table says.
//
// It is what the build's preflight reads. The preflight reads an image's dictionary, never its
// samples, but pdfcpu, which parses the file for it, copies every stream's bytes into memory
// first: for a book of twenty facsimiles that was 60 MB more at the build's peak, on top of the
// pictures the build itself holds. A file without shared streams is returned as it is.
func Skeleton(pf File) File {
	type cut struct {
		at, removed int // where in the file the left-out bytes began, and how many
	}
	var cuts []cut
	out := make(File, 0, len(pf))
	pos := 0 // in the whole file, at the start of pf[i]
	for i := 0; i < len(pf); i++ {
		p := pf[i]
		if i > 0 && i+1 < len(pf) && bytes.HasPrefix(pf[i+1], []byte(sharedTail)) {
			prev := out[len(out)-1]
			head := []byte(" /Length " + strconv.Itoa(len(p)) + ">>\nstream\n")
			if bytes.HasSuffix(prev, head) {
				// prev ends with the stream's header: its own bytes up to /Length, then a new end.
				out[len(out)-1] = prev[:len(prev)-len(head)]
				out = append(out, []byte(skeletonHead))
				cuts = append(cuts, cut{at: pos - len(head), removed: len(head) - len(skeletonHead) + len(p)})
				pos += len(p)
				continue
			}
		}
		out = append(out, p)
		pos += len(p)
	}
	if len(cuts) == 0 {
		return pf
	}
	// The table is the last piece's: "xref\n0 n\n", n entries of 20 bytes, the trailer.
	last := out[len(out)-1]
	x := 0
	if !bytes.HasPrefix(last, []byte("xref\n0 ")) {
		if x = bytes.LastIndex(last, []byte("\nxref\n0 ")); x < 0 {
			return pf // not a file this package wrote: the preflight reads it whole
		}
		x++
	}
	lastStart := pos - len(last)
	moved := func(off int) int { // an offset of the file, in the skeleton
		to := off
		for _, c := range cuts {
			if c.at < off {
				to -= c.removed
			}
		}
		return to
	}
	rest := last[x+len("xref\n0 "):]
	nl := bytes.IndexByte(rest, '\n')
	n, err := strconv.Atoi(string(rest[:max(nl, 0)]))
	if nl < 0 || err != nil || len(rest) < nl+1+20*n {
		return pf
	}
	entries, trailer := rest[nl+1:nl+1+20*n], rest[nl+1+20*n:]
	var b bytes.Buffer
	b.Grow(x + 32 + 20*n + len(trailer))
	b.Write(last[:x])
	fmt.Fprintf(&b, "xref\n0 %d\n", n)
	for i := 0; i < n; i++ {
		e := entries[20*i : 20*i+20]
		if e[17] != 'n' {
			b.Write(e) // the free entry
			continue
		}
		off, err := strconv.Atoi(string(e[:10]))
		if err != nil {
			return pf
		}
		fmt.Fprintf(&b, "%010d", moved(off))
		b.Write(e[10:])
	}
	sx := bytes.LastIndex(trailer, []byte("startxref\n"))
	if sx < 0 {
		return pf
	}
	b.Write(trailer[:sx])
	fmt.Fprintf(&b, "startxref\n%d\n%%%%EOF\n", moved(lastStart+x))
	out[len(out)-1] = b.Bytes()
	return out
}

// sharedTail follows a shared stream's data; skeletonHead ends its header in a Skeleton.
const (
	sharedTail   = "\nendstream\nendobj\n"
	skeletonHead = " /Length 0>>\nstream\n"
)

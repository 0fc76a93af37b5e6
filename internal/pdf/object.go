package pdf

import (
	"bytes"
	"crypto/md5"
	"crypto/sha256"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"

	"github.com/klauspost/compress/zlib"
)

// ref is an indirect object's number.
type ref int

func (r ref) String() string { return string(appendRef(nil, r)) }

// file is a PDF being written: objects are numbered first (so that they can point at each other
// in any order) and written once each, then the cross-reference table and the trailer. Written by
// hand because the format is small and the bytes must be exactly the same on every build; see the
// README ("The PDF layer") for why not pdfcpu.
type file struct {
	buf     bytes.Buffer
	offsets []int // byte offset of each object, by number - 1; 0 until written
	// parts are the file's bytes before buf: pieces of its own, and between them the pictures'
	// streams as the build holds them, shared by every PDF that shows them and never copied (a
	// book of twenty 3 MB scans, its handouts and booklets would otherwise hold the scans five
	// times over). done is their length.
	parts [][]byte
	done  int
	// sums are the digests of the shared parts, by index in parts: the file's /ID digests them
	// rather than their bytes, which were digested once when they were prepared.
	sums map[int][sha256.Size]byte
}

// File is a PDF's bytes, in pieces (see file.parts).
type File [][]byte

// Len is the file's size in bytes.
func (pf File) Len() int {
	n := 0
	for _, p := range pf {
		n += len(p)
	}
	return n
}

// Bytes is the file in one piece, for the small files and for tests.
func (pf File) Bytes() []byte { return bytes.Join(pf, nil) }

func (f *file) pos() int { return f.done + f.buf.Len() }

// cut closes the piece being written, so that a shared one can follow it.
func (f *file) cut() {
	if f.buf.Len() > 0 {
		f.parts = append(f.parts, f.buf.Bytes())
		f.done += f.buf.Len()
		f.buf = bytes.Buffer{}
	}
}

// pieceSize is how long a piece of the file's own bytes grows before it is closed and another
// begun. One buffer for the whole file doubled as it grew: a 250-document book with a large
// register's index (some 40,000 structure elements and 15,000 link annotations after the pages)
// spent a tenth of its writing in copying and clearing the buffer each time. Pieces cost nothing
// more: the file is written out, and digested for its /ID, piece by piece.
const pieceSize = 1 << 20

// pieceRoom is what a piece is begun with: its size and room for the object that takes it past.
const pieceRoom = pieceSize + pieceSize/8

// room closes the piece being written when it has grown to pieceSize, and begins the next at
// pieceRoom, so that it does not double its way up.
func (f *file) room() {
	if f.buf.Len() >= pieceSize {
		f.cut()
		f.buf.Grow(pieceRoom)
	}
}

// sharedStream writes object r as a stream whose data stays where it is: a picture's, which
// other PDFs of the build hold too.
func (f *file) sharedStream(r ref, dict string, data []byte, sum [sha256.Size]byte) {
	f.offsets[r-1] = f.pos()
	fmt.Fprintf(&f.buf, "%d 0 obj\n<<%s /Length %d>>\nstream\n", r, dict, len(data))
	f.cut()
	if f.sums == nil {
		f.sums = map[int][sha256.Size]byte{}
	}
	f.sums[len(f.parts)] = sum
	f.parts = append(f.parts, data)
	f.done += len(data)
	f.buf.WriteString(sharedTail) // Skeleton knows a shared stream by it
}

func newFile(version string) *file {
	f := &file{}
	// The comment's high bytes mark the file as binary.
	f.buf.WriteString("%PDF-" + version + "\n%\xe2\xe3\xcf\xd3\n")
	return f
}

func (f *file) alloc() ref {
	f.offsets = append(f.offsets, 0)
	return ref(len(f.offsets))
}

// obj writes object r with the given body.
func (f *file) obj(r ref, body string) {
	f.offsets[r-1] = f.pos()
	f.buf.WriteString(strconv.Itoa(int(r)))
	f.buf.WriteString(" 0 obj\n")
	f.buf.WriteString(body)
	f.buf.WriteString("\nendobj\n")
	f.room()
}

// objBytes is obj with the body in bytes.
func (f *file) objBytes(r ref, body []byte) {
	f.offsets[r-1] = f.pos()
	f.buf.WriteString(strconv.Itoa(int(r)))
	f.buf.WriteString(" 0 obj\n")
	f.buf.Write(body)
	f.buf.WriteString("\nendobj\n")
	f.room()
}

// add allocates and writes an object.
func (f *file) add(body string) ref {
	r := f.alloc()
	f.obj(r, body)
	return r
}

// stream writes object r as a stream: dict holds the entries other than /Length, data the bytes
// as they are stored (already compressed when dict says /Filter).
func (f *file) stream(r ref, dict string, data []byte) {
	f.offsets[r-1] = f.pos()
	fmt.Fprintf(&f.buf, "%d 0 obj\n<<%s /Length %d>>\nstream\n", r, dict, len(data))
	f.buf.Write(data)
	f.buf.WriteString("\nendstream\nendobj\n")
	f.room()
}

func (f *file) addStream(dict string, data []byte) ref {
	r := f.alloc()
	f.stream(r, dict, data)
	return r
}

// deflated writes data compressed, with /Filter /FlateDecode, at a fast level: page content is
// written for every PDF of a build, and on its text the fast levels take a third of the default's
// time for files a tenth larger. What is compressed once per build (fonts, the colour profile)
// gets the default level. The compressor is klauspost/compress's, not the standard library's: on
// the 250-document book's page streams its level 2 takes 57 % of the time of compress/zlib's
// fastest level, for files 4 % smaller.
func (f *file) deflated(r ref, dict string, data []byte) {
	f.stream(r, dict+" /Filter /FlateDecode", deflateFast(data))
}

// finish writes the cross-reference table and the trailer. The document's /ID is a digest of
// everything written before it, so it is the same for the same content and differs otherwise.
func (f *file) finish(root, info ref) (File, error) {
	for i, off := range f.offsets {
		if off == 0 {
			return nil, fmt.Errorf("pdf: object %d was numbered but never written", i+1)
		}
	}
	h := md5.New()
	for i, p := range f.parts {
		if sum, ok := f.sums[i]; ok {
			h.Write(sum[:])
			continue
		}
		h.Write(p)
	}
	h.Write(f.buf.Bytes())
	var id [md5.Size]byte
	h.Sum(id[:0])
	xref := f.pos()
	fmt.Fprintf(&f.buf, "xref\n0 %d\n0000000000 65535 f \n", len(f.offsets)+1)
	// Each entry is exactly 20 bytes: the offset in ten digits, zero-padded.
	var entry [20]byte
	copy(entry[10:], " 00000 n \n")
	for _, off := range f.offsets {
		for i, v := 9, off; i >= 0; i, v = i-1, v/10 {
			entry[i] = byte('0' + v%10)
		}
		f.buf.Write(entry[:])
	}
	fmt.Fprintf(&f.buf, "trailer\n<</Size %d /Root %s /Info %s /ID [<%x> <%x>]>>\nstartxref\n%d\n%%%%EOF\n",
		len(f.offsets)+1, root, info, id, id, xref)
	f.cut()
	return File(f.parts), nil
}

// zlib writers are about 1 MB each; a build writes thousands of streams.
var zpools = map[int]*sync.Pool{}

func init() {
	for _, level := range []int{zlib.DefaultCompression, fastLevel} {
		zpools[level] = &sync.Pool{New: func() any {
			w, _ := zlib.NewWriterLevel(nil, level) // a valid level cannot fail
			return w
		}}
	}
}

func deflate(data []byte) []byte     { return deflateAt(data, zlib.DefaultCompression) }
func deflateFast(data []byte) []byte { return deflateAt(data, fastLevel) }

// fastLevel is deflateFast's: klauspost/compress's level 2, quicker than its level 1 on page
// content and smaller.
const fastLevel = 2

func deflateAt(data []byte, level int) []byte {
	var out bytes.Buffer
	out.Grow(len(data)/3 + 64)
	pool := zpools[level]
	w := pool.Get().(*zlib.Writer)
	w.Reset(&out)
	_, _ = w.Write(data) // writes to a bytes.Buffer cannot fail
	_ = w.Close()
	pool.Put(w)
	return out.Bytes()
}

// num writes a number with at most three decimals and no trailing zeros.
func num(v float64) string { return string(appendNum(nil, v)) }

// appendNum is num appending to b: content streams write millions of numbers, and this is several
// times quicker than strconv's general float formatting.
func appendNum(b []byte, v float64) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > 1e12 {
		return append(b, '0')
	}
	n := int64(math.Round(v * 1000))
	if n == 0 {
		return append(b, '0')
	}
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	b = strconv.AppendInt(b, n/1000, 10)
	if frac := n % 1000; frac != 0 {
		digits := [3]byte{byte('0' + frac/100), byte('0' + frac/10%10), byte('0' + frac%10)}
		k := 3
		for digits[k-1] == '0' {
			k--
		}
		b = append(b, '.')
		b = append(b, digits[:k]...)
	}
	return b
}

// textString is a PDF text string: a literal when it is printable ASCII, else UTF-16BE with a byte
// order mark, written in hex.
func textString(s string) string { return string(appendTextString(nil, s)) }

// appendTextString is textString appending to b: the structure tree and the links write one
// for every element, tens of thousands in a book with an index.
func appendTextString(b []byte, s string) []byte {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			ascii = false
			break
		}
	}
	if ascii {
		return appendLiteral(b, s)
	}
	b = append(b, "<FEFF"...)
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, upperHex[u>>12], upperHex[u>>8&15], upperHex[u>>4&15], upperHex[u&15])
	}
	return append(b, '>')
}

// literal is an ASCII string in parentheses, with the characters that need it escaped.
func literal(s string) string { return string(appendLiteral(nil, s)) }

func appendLiteral(b []byte, s string) []byte {
	b = append(b, '(')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '(', ')', '\\':
			b = append(b, '\\', c)
		default:
			b = append(b, c)
		}
	}
	return append(b, ')')
}

// name is a PDF name object: characters outside the regular printable ones are written #xx.
func name(s string) string { return string(appendName(nil, s)) }

func appendName(b []byte, s string) []byte {
	b = append(b, '/')
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= 0x20 || c >= 0x7f || strings.IndexByte("#()<>[]{}/%", c) >= 0 {
			b = append(b, '#', upperHex[c>>4], upperHex[c&15])
			continue
		}
		b = append(b, c)
	}
	return b
}

// upperHex are the digits of the hexadecimal escapes in strings and names.
const upperHex = "0123456789ABCDEF"

// appendRef is r.String() appending to b.
func appendRef(b []byte, r ref) []byte {
	b = strconv.AppendInt(b, int64(r), 10)
	return append(b, " 0 R"...)
}

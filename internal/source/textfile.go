package source

import (
	"bytes"
	"sort"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"colophon/internal/edition"
)

// textFile is a source file read as text: a byte-order mark removed, CRLF line ends turned into LF,
// and an index of line starts so that byte offsets become line:column positions.
type textFile struct {
	path  string // relative to the project, for diagnostics
	data  []byte
	lines []int // byte offset of each line's start
}

// readText turns raw bytes into a textFile, reporting bytes that are not text: NUL and invalid UTF-8.
// A file with such bytes is reported once per kind of problem and not parsed further, since every
// later position would be suspect.
func readText(path string, raw []byte, ds *edition.Diagnostics) (*textFile, bool) {
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	raw = bytes.ReplaceAll(raw, []byte("\r\n"), []byte("\n"))
	f := &textFile{path: path, data: raw}
	f.index()
	ok := true
	if i := bytes.IndexByte(raw, 0); i >= 0 {
		ds.Add(f.pos(i), "NUL byte in text: the file is binary or damaged")
		ok = false
	}
	for i := 0; i < len(raw); {
		r, n := utf8.DecodeRune(raw[i:])
		if r == utf8.RuneError && n == 1 {
			ds.Add(f.pos(i), "invalid UTF-8 (byte 0x%02x): save the file as UTF-8", raw[i])
			ok = false
			break
		}
		i += n
	}
	// Text is read in Unicode's composed form (NFC), as the web and most editors write it: "Café"
	// written as "e" and a combining acute (as files from macOS tools often come) is the same
	// word, and prints with the font's "é". Positions are of the composed text.
	if ok && !norm.NFC.IsNormal(raw) {
		f.data = norm.NFC.Bytes(raw)
		f.index()
	}
	return f, ok
}

func (f *textFile) index() {
	f.lines = f.lines[:0]
	f.lines = append(f.lines, 0)
	for i, c := range f.data {
		if c == '\n' {
			f.lines = append(f.lines, i+1)
		}
	}
}

// pos is the line and column (in characters) of a byte offset.
func (f *textFile) pos(off int) edition.Pos {
	if off > len(f.data) {
		off = len(f.data)
	}
	line := sort.Search(len(f.lines), func(i int) bool { return f.lines[i] > off }) - 1
	if line < 0 {
		line = 0
	}
	col := utf8.RuneCount(f.data[f.lines[line]:off]) + 1
	return edition.Pos{Path: f.path, Line: line + 1, Col: col}
}

package pdf

import (
	"bytes"
	"compress/zlib"
	"io"
	"regexp"
	"strconv"
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

// plainPDF is a two-page PDF as fpdf writes it without compression.
func plainPDF(t *testing.T) []byte {
	t.Helper()
	f := fpdf.New("P", "pt", "A5", "")
	f.SetCompression(false)
	f.SetFont("Helvetica", "", 12)
	for _, s := range []string{"first page", "second page"} {
		f.AddPage()
		f.Text(50, 50, s)
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// objects maps each object number to its offset, read from the cross-reference table, and checks
// that every offset points at that object's "N 0 obj".
func objects(t *testing.T, pdf []byte) map[int]int {
	t.Helper()
	at, err := startXref(pdf)
	if err != nil {
		t.Fatal(err)
	}
	offs, _, err := readXref(pdf, at)
	if err != nil {
		t.Fatal(err)
	}
	m := map[int]int{}
	for n := 1; n < len(offs); n++ {
		if !bytes.HasPrefix(pdf[offs[n]:], []byte(strconv.Itoa(n)+" 0 obj\n")) {
			t.Errorf("xref entry %d points at %q", n, pdf[offs[n]:min(offs[n]+12, len(pdf))])
		}
		m[n] = offs[n]
	}
	return m
}

func TestCompressStreams(t *testing.T) {
	plain := plainPDF(t)
	packed, err := compressStreams(plain)
	if err != nil {
		t.Fatal(err)
	}
	if len(objects(t, packed)) != len(objects(t, plain)) {
		t.Error("the number of objects changed")
	}
	// Every stream that was plain is now deflated, and inflates to what it was.
	plainRe := regexp.MustCompile(`(?s)(\d+) 0 obj\n<</Length (\d+)>>\nstream\n`)
	packedRe := regexp.MustCompile(`(?s)(\d+) 0 obj\n<</Filter /FlateDecode /Length (\d+)>>\nstream\n`)
	want := map[string][]byte{}
	for _, m := range plainRe.FindAllSubmatchIndex(plain, -1) {
		n, _ := strconv.Atoi(string(plain[m[4]:m[5]]))
		want[string(plain[m[2]:m[3]])] = plain[m[1] : m[1]+n]
	}
	if len(want) < 2 {
		t.Fatalf("the test PDF has %d plain streams, want the two pages' at least", len(want))
	}
	got := 0
	for _, m := range packedRe.FindAllSubmatchIndex(packed, -1) {
		num := string(packed[m[2]:m[3]])
		n, _ := strconv.Atoi(string(packed[m[4]:m[5]]))
		r, err := zlib.NewReader(bytes.NewReader(packed[m[1] : m[1]+n]))
		if err != nil {
			t.Fatalf("object %s: %v", num, err)
		}
		data, err := io.ReadAll(r)
		if err != nil {
			t.Fatalf("object %s: %v", num, err)
		}
		if w, ok := want[num]; ok {
			got++
			if !bytes.Equal(data, w) {
				t.Errorf("object %s inflates to %q, want %q", num, data, w)
			}
		}
	}
	if got != len(want) {
		t.Errorf("%d of %d plain streams were deflated", got, len(want))
	}
	if plainRe.Match(packed) {
		t.Error("a plain stream is left")
	}
	if !bytes.HasSuffix(packed, []byte("%%EOF\n")) {
		t.Errorf("ends with %q", packed[len(packed)-10:])
	}
	if again, _ := compressStreams(plain); !bytes.Equal(again, packed) {
		t.Error("two runs differ")
	}
}

// A file that is not as fpdf writes it is an error, never a panic.
func TestCompressStreamsBadInput(t *testing.T) {
	plain := plainPDF(t)
	at, _ := startXref(plain)
	cases := map[string][]byte{
		"empty":           nil,
		"no startxref":    []byte("%PDF-1.4\n"),
		"offset past end": append(append([]byte(nil), plain[:bytes.LastIndex(plain, []byte("startxref"))]...), "startxref\n999999999\n%%EOF\n"...),
		"table cut short": plain[:at+40],
		"long stream":     bytes.Replace(plain, []byte("<</Length "), []byte("<</Length 9"), 1),
	}
	for name, in := range cases {
		if _, err := compressStreams(in); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

package preflight

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"colophon/internal/print"
)

// tinyPDF is a one-page PDF whose page content, resources and extra objects (numbered from 5)
// are given, its cross-reference table right: a seed whose every object the fuzzer can damage.
func tinyPDF(content, resources string, extra ...string) []byte {
	var b strings.Builder
	b.WriteString("%PDF-1.3\n")
	var offs []int
	obj := func(s string) {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offs), s)
	}
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 595] /TrimBox [9 9 411 586] /BleedBox [0 0 420 595] /Contents 4 0 R /Resources " + resources + " >>")
	obj(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content))
	for _, e := range extra {
		obj(e)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R /ID [<00> <00>] >>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, xref)
	return []byte(b.String())
}

// FuzzPreflight reads damaged and hostile PDFs: preflight answers each with findings or an error,
// never a panic, and within its limits (MaxInflated). A panic inside pdfcpu, whose object model
// fails on some damaged files, is a finding (guarded); one in preflight's own code fails.
//
//	go test -run '^$' -fuzz FuzzPreflight ./internal/preflight
func FuzzPreflight(f *testing.F) {
	f.Add(tinyPDF("0 0 m 100 100 l S", "<< >>"))
	f.Add(tinyPDF("BT /F1 12 Tf 20 20 Td (Hello) Tj ET", "<< /Font << /F1 5 0 R >> >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Widths [500 500] /FirstChar 72 >>"))
	f.Add(tinyPDF("q 100 0 0 100 50 50 cm /Im1 Do Q /Fm1 Do", "<< /XObject << /Im1 5 0 R /Fm1 6 0 R >> >>",
		"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Length 12 >>\nstream\n\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\nendstream",
		"<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] /Length 14 >>\nstream\n1 0 0 rg 0 0 m\nendstream"))
	f.Add(tinyPDF("0.5 g 0 0 10 10 re f /GS1 gs", "<< /ExtGState << /GS1 << /CA 0.5 /BM /Multiply >> >> >>"))
	f.Add([]byte("%PDF-1.4\n"))
	svc := print.Services["kdp"]
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<20 {
			return
		}
		before := ownPanics.Load()
		want, wantErr := CheckBytes(data, svc)
		if ownPanics.Load() != before {
			t.Fatal("preflight's own code panicked")
		}
		// Checked twice with a memo, the second check taking the pages the first kept: the
		// findings of a check from scratch each time.
		var memo *Memo
		for i := 0; i < 2; i++ {
			memo = NewMemo(memo)
			got, err := memo.CheckParts([][]byte{data}, svc)
			if ownPanics.Load() != before {
				t.Fatal("preflight's own code panicked with a memo")
			}
			if (err == nil) != (wantErr == nil) || !reflect.DeepEqual(got, want) {
				t.Fatalf("with a memo (check %d): %v %v; from scratch: %v %v", i+1, got, err, want, wantErr)
			}
		}
	})
}

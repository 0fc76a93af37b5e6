package preflight

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"colophon/internal/print"
)

// testPage is one page of pagesPDF: its content stream and its resources dictionary.
type testPage struct{ content, resources string }

// pagesPDF is a PDF of the pages, with two fonts every page's resources may name as 1 0 R
// (embedded, by its FontFile2) and 2 0 R (not embedded).
func pagesPDF(pages ...testPage) []byte {
	var b strings.Builder
	b.WriteString("%PDF-1.3\n")
	offs := map[int]int{}
	obj := func(n int, s string) {
		offs[n] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", n, s)
	}
	obj(1, "<< /Type /Font /Subtype /TrueType /BaseFont /Embedded /FirstChar 32 /Widths [250 500 500] /FontDescriptor 3 0 R >>")
	obj(2, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 32 /Widths [278 556 556] >>")
	obj(3, "<< /Type /FontDescriptor /FontName /Embedded /FontFile2 4 0 R >>")
	obj(4, "<< /Length 4 >>\nstream\nfont\nendstream")
	obj(5, "<< /Type /Catalog /Pages 6 0 R >>")
	kids := ""
	for i, p := range pages {
		page, content := 7+2*i, 8+2*i
		kids += fmt.Sprintf("%d 0 R ", page)
		obj(page, fmt.Sprintf("<< /Type /Page /Parent 6 0 R /MediaBox [0 0 420 595] /TrimBox [9 9 411 586] /BleedBox [0 0 420 595] /Contents %d 0 R /Resources %s >>", content, p.resources))
		obj(content, fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(p.content), p.content))
	}
	obj(6, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", kids, len(pages)))
	size := 7 + 2*len(pages)
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", size)
	for n := 1; n < size; n++ {
		fmt.Fprintf(&b, "%010d 00000 n \n", offs[n])
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 5 0 R /ID [<00> <00>] >>\nstartxref\n%d\n%%%%EOF\n", size, xref)
	return []byte(b.String())
}

// The memo's findings are a check's from scratch, file after file, as pages change around the
// pages it takes: a finding said on its first page moves to an earlier page that now has it too, a
// font not embedded is still reported when the page that first used it no longer does, and a page
// that moved to the other side of the spread is checked again for its gutter.
func TestMemoFindsWhatACheckFinds(t *testing.T) {
	plain := testPage{"BT /F1 10 Tf 150 300 Td (  !) Tj ET", "<< /Font << /F1 1 0 R >> >>"}
	rgb := testPage{"1 0 0 rg 150 300 50 50 re f", "<< >>"}
	helvetica := testPage{"BT /F2 10 Tf 150 300 Td (!!) Tj ET", "<< /Font << /F2 2 0 R >> >>"}
	// Text 0.5 in from the left trim: inside the gutter on an odd page, not on an even one.
	left := testPage{"BT /F1 10 Tf 45 300 Td (!!) Tj ET", "<< /Font << /F1 1 0 R >> >>"}
	svc := print.Service{Name: "test", Gutter: []print.GutterStep{{MaxPages: 1000, Inside: 0.75}}, Outside: 0.25, CoverSafety: 0.25, PageMultiple: 2}
	files := []struct {
		name     string
		pages    []testPage
		replayed int // pages taken from the memo
	}{
		{"first", []testPage{plain, rgb, helvetica, helvetica, left, plain}, 0},
		{"the same again", []testPage{plain, rgb, helvetica, helvetica, left, plain}, 6},
		{"RGB on page 1 too", []testPage{rgb, rgb, helvetica, helvetica, left, plain}, 5},
		{"the font's first page changed", []testPage{rgb, rgb, plain, helvetica, left, plain}, 5},
		{"a page taken out before the margin's", []testPage{rgb, plain, helvetica, left, plain}, 3},
		{"and put back", []testPage{rgb, rgb, plain, helvetica, left, plain}, 3},
	}
	var memo *Memo
	for _, f := range files {
		data := pagesPDF(f.pages...)
		want, err := CheckBytes(data, svc)
		if err != nil {
			t.Fatal(err)
		}
		memo = NewMemo(memo)
		got, err := memo.CheckParts([][]byte{data}, svc)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the memo's findings\n%v\nare not a check's from scratch:\n%v", f.name, got, want)
		}
		if r := memo.Replayed(); r != f.replayed {
			t.Errorf("%s: %d pages taken from the memo, want %d", f.name, r, f.replayed)
		}
		if len(want) == 0 {
			t.Errorf("%s: the file was made with findings, and the check found none", f.name)
		}
	}
	// The last file's findings name what the pages hold, as the memo replayed them.
	got, _ := memo.CheckParts([][]byte{pagesPDF(files[len(files)-1].pages...)}, svc)
	all := fmt.Sprint(got)
	for _, w := range []string{"font Helvetica is not embedded", "page 1: DeviceRGB colour: PDF/X-1a allows gray and CMYK only (first on page 1)", "from the left trim, within the 0.750 in safety margin (first on page 5)"} {
		if !strings.Contains(all, w) {
			t.Errorf("the findings do not say %q: %s", w, all)
		}
	}
}

// A page whose resources loop back on themselves has no key: it is checked, each time.
func TestMemoLoopIsChecked(t *testing.T) {
	data := tinyPDF("BT /F1 10 Tf 150 300 Td (!) Tj ET", "5 0 R", "<< /Font << /F1 6 0 R >> /Self 5 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 32 /Widths [278 556] >>")
	svc := print.Services["kdp"]
	want, _ := CheckBytes(data, svc)
	var memo *Memo
	for i := 0; i < 2; i++ {
		memo = NewMemo(memo)
		got, err := memo.CheckParts([][]byte{data}, svc)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("%v %v, want %v", got, err, want)
		}
		if memo.Replayed() != 0 {
			t.Errorf("a page with a loop in its resources was taken from the memo")
		}
	}
}

// Pages that differ only in the kind of an empty object (an empty dictionary, an empty string,
// an empty array, an empty name) have keys of their own.
func TestMemoKeysKeepKindsApart(t *testing.T) {
	svc := print.Services["kdp"]
	var memo *Memo
	for _, v := range []string{"<< >>", "<>", "()", "[]", "/", "0", "0.0", "false", "null"} {
		memo = NewMemo(memo)
		data := pagesPDF(testPage{"0 0 m 10 10 l S", "<< /Properties << /X " + v + " >> >>"})
		if _, err := memo.CheckParts([][]byte{data}, svc); err != nil {
			t.Fatal(err)
		}
		if memo.Replayed() != 0 {
			t.Errorf("a page whose resources hold %s was taken for the page before it", v)
		}
	}
}

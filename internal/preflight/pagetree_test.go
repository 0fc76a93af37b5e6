package preflight

import (
	"fmt"
	"strings"
	"testing"

	"colophon/internal/print"
)

// treePDF is a PDF of the given objects (numbered from 1, the catalog first), its
// cross-reference table right.
func treePDF(objs ...string) []byte {
	var b strings.Builder
	b.WriteString("%PDF-1.3\n")
	var offs []int
	for i, o := range objs {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R /ID [<00> <00>] >>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, xref)
	return []byte(b.String())
}

// nested is a five-page tree: the root (MediaBox) holds a node (Resources naming CS0) of pages
// 1–4 and page 5 itself. Page 3 has no BleedBox, page 4 paints in CS0, inherited from its
// node, and page 5 in DeviceRGB. rootKids and rootCount replace the root's, to damage it.
func nested(rootKids string, rootCount int) []byte {
	page := func(parent, content int, bleed bool) string {
		boxes := "/TrimBox [9 9 411 586]"
		if bleed {
			boxes += " /BleedBox [0 0 420 595]"
		}
		return fmt.Sprintf("<< /Type /Page /Parent %d 0 R %s /Contents %d 0 R >>", parent, boxes, content)
	}
	stream := func(s string) string { return fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(s), s) }
	return treePDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d /MediaBox [0 0 420 595] >>", rootKids, rootCount),
		"<< /Type /Pages /Parent 2 0 R /Kids [4 0 R 5 0 R 6 0 R 7 0 R] /Count 4 /Resources << /ColorSpace << /CS0 /DeviceRGB >> >> >>",
		page(3, 9, true), page(3, 9, true), page(3, 9, false), page(3, 10, true), // 4–7: pages 1–4
		page(2, 11, true), // 8: page 5
		stream("0 0 m 10 10 l S"),
		stream("/CS0 cs 1 0 0 sc 20 20 10 10 re f"),
		stream("1 0 0 rg 20 20 10 10 re f"),
	)
}

func findings(t *testing.T, data []byte) string {
	t.Helper()
	got, err := CheckBytes(data, print.Services["kdp"])
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, f := range got {
		if f.Page > 0 {
			all = append(all, f.String())
		}
	}
	return strings.Join(all, "\n")
}

// Every page is reached once, in order, with what it inherits from the nodes above it.
func TestPageTreeInOrderWithInheritance(t *testing.T) {
	got := findings(t, nested("3 0 R 8 0 R", 5))
	want := strings.Join([]string{
		"page 3: no BleedBox (first on page 3)",
		"page 4: colour space CS0 (DeviceRGB): PDF/X-1a allows gray and CMYK only (first on page 4)",
		"page 5: DeviceRGB colour: PDF/X-1a allows gray and CMYK only (first on page 5)",
	}, "\n")
	if got != want {
		t.Errorf("findings:\n%s\nwant:\n%s", got, want)
	}
}

// A damaged tree stops the reading where the damage is, and says how many pages were not read.
func TestPageTreeDamage(t *testing.T) {
	for name, c := range map[string]struct {
		data []byte
		want string
	}{
		"Count claims more":     {nested("3 0 R 8 0 R", 9), "page 6: cannot be read: the page tree holds 5 pages, and its Count says 9\npage 6: the 3 pages after it were not read"},
		"a loop":                {nested("3 0 R 2 0 R 8 0 R", 5), "page 5: cannot be read: the page tree loops back to node 2 0 R"},
		"a kid not a reference": {nested("3 0 R 5", 5), "page 5: cannot be read: page tree node 2 0 R: a kid that is not a reference"},
	} {
		got := findings(t, c.data)
		if !strings.HasSuffix(got, c.want) {
			t.Errorf("%s: findings:\n%s\nwant them to end:\n%s", name, got, c.want)
		}
	}
}

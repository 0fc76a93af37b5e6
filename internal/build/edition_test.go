package build

import (
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"colophon/internal/testkit"

	"colophon/internal/validate"
)

// The whole seed edition, built as `colophon build` builds it, passes every reference validator:
// epubcheck and Ace on the EPUB (with its page-list), pdffonts and qpdf on every PDF.
func TestSeedEditionValidates(t *testing.T) {
	out, res := builtSeed(t)
	pdfs := validateOutputs(t, out, res)
	if pdfs < 8 {
		t.Errorf("only %d PDFs built", pdfs)
	}

	// The library records: well-formed XML, MARC that yaz reads, a page count that is the book's.
	book := filepath.Join(out, "two-letters-kommunist-1956.pdf")
	info := tool(t, "pdfinfo", book)
	pages := regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(info)
	if pages == nil {
		t.Fatalf("pdfinfo: %s", info)
	}
	xmls := 0
	for _, o := range res.Outputs {
		if !strings.HasPrefix(o.Path, "library/") || strings.Contains(o.Path, "-bag/") || !strings.HasSuffix(o.Path, ".xml") {
			continue
		}
		xmls++
		p := filepath.Join(out, o.Path)
		if _, err := exec.Command(validate.Tool(t, "xmllint"), "--noout", p).CombinedOutput(); err != nil {
			t.Errorf("xmllint %s: %v", o.Path, err)
		}
		if strings.HasSuffix(o.Path, "-marc.xml") {
			dump, err := exec.Command(validate.Tool(t, "yaz-marcdump"), "-i", "marcxml", "-o", "line", p).CombinedOutput()
			if err != nil {
				t.Errorf("yaz-marcdump %s: %v\n%s", o.Path, err, dump)
			}
			if !strings.Contains(string(dump), "$4 trl") {
				t.Errorf("%s: no translator with $4 trl", o.Path)
			}
			// The records give the pages the printer prints: the PDF's, padded as the print
			// service asks (to an even count at least: a leaf has two sides).
			n, _ := strconv.Atoi(pages[1])
			printed := strconv.Itoa(testkit.Seed(t).Print.Service.Padded(n))
			want := printed + " pages ;"
			if strings.Contains(o.Path, "epub") {
				want = "1 online resource (" + printed + " pages)"
			}
			if !strings.Contains(string(dump), "300    $a "+want) {
				t.Errorf("%s: 300 field does not say %q (pdfinfo: %s pages):\n%s", o.Path, want, pages[1], dump)
			}
		}
	}
	if xmls != 5 {
		t.Errorf("%d library records, want 5 (two MARC, ONIX, Dublin Core, OPDS)", xmls)
	}
}

// validateOutputs runs epubcheck and Ace on every EPUB of a build, pdffonts and qpdf on every
// PDF, and returns how many PDFs there were.
func validateOutputs(t *testing.T, out string, res *Result) int {
	t.Helper()
	pdfs := 0
	for _, o := range res.Outputs {
		if o.Link != "" {
			continue // the bag's copy of an output checked here: a hard link to the same bytes
		}
		p := filepath.Join(out, o.Path)
		switch filepath.Ext(o.Path) {
		case ".epub":
			if f := validate.Epubcheck(t, p); len(f) > 0 {
				t.Errorf("epubcheck %s:\n%s", o.Path, strings.Join(f, "\n"))
			}
			if f := validate.Ace(t, p); len(f) > 0 {
				t.Errorf("Ace %s:\n%s", o.Path, strings.Join(f, "\n"))
			}
		case ".pdf":
			pdfs++
			fonts := tool(t, "pdffonts", p)
			for _, r := range strings.Split(strings.TrimSpace(fonts), "\n")[2:] {
				if c := strings.Fields(r); len(c) < 7 || c[len(c)-5] != "yes" {
					t.Errorf("%s: font not embedded: %s", o.Path, r)
				}
			}
			if q := tool(t, "qpdf", "--check", p); !strings.Contains(q, "No syntax or stream encoding errors found") {
				t.Errorf("qpdf %s:\n%s", o.Path, q)
			}
		}
	}
	return pdfs
}

func tool(t *testing.T, name string, args ...string) string {
	t.Helper()
	return validate.Output(t, name, args...)
}

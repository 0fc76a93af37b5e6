package validate

import (
	"os"
	"path/filepath"
	"testing"
)

// TestPDFAFindsFaults: the PDF/A check can fail. A plain PDF (no metadata, no output intent)
// read beside a file that is not a PDF at all gets findings for each, reported under its own
// path, so a group run does not credit one file's verdict to another.
func TestPDFAFindsFaults(t *testing.T) {
	dir := t.TempDir()
	plain := filepath.Join(dir, "plain.pdf")
	junk := filepath.Join(dir, "junk.pdf")
	// The smallest well-formed PDF of one empty page: valid PDF, not PDF/A.
	doc := "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
	if err := os.WriteFile(plain, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(junk, []byte("not a PDF\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	found := PDFA(t, plain, junk)
	for _, p := range []string{plain, junk} {
		if len(found[p]) == 0 {
			t.Errorf("%s: PDFBox found nothing wrong with a file that is not PDF/A", filepath.Base(p))
		}
	}
	t.Logf("plain: %q", found[plain][:min(2, len(found[plain]))])
}

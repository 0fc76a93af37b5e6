package library

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"colophon/internal/edition"
	"colophon/internal/testkit"
	"colophon/internal/validate"
)

func TestMain(m *testing.M) { testkit.Main(m) }

func seed(t *testing.T) *edition.Book { return testkit.Seed(t) }

var controlRe = regexp.MustCompile(`<controlfield tag="(\d+)">([^<]*)</controlfield>`)

func TestMARC(t *testing.T) {
	b := seed(t)
	for _, e := range []Edition{{Form: "print", Pages: 12, WidthMM: 148, HeightM: 210}, {Form: "epub", Pages: 12}} {
		rec := string(MARC(b, e))
		for _, m := range controlRe.FindAllStringSubmatch(rec, -1) {
			if m[1] == "008" && len([]rune(m[2])) != 40 {
				t.Errorf("%s: 008 has %d characters, want 40: %q", e.Form, len([]rune(m[2])), m[2])
			}
		}
		for _, want := range []string{
			`<leader>00000nam a2200000 i 4500</leader>`,
			`<datafield tag="041" ind1="1" ind2=" ">`, `<subfield code="a">eng</subfield>`, `<subfield code="h">rus</subfield>`,
			`<subfield code="c">translated from the Russian by Tahir Asghar.</subfield>`,
			`<subfield code="a">Asghar, Tahir,</subfield>`, `<subfield code="e">translator.</subfield>`, `<subfield code="4">trl</subfield>`,
			`<datafield tag="264" ind1=" " ind2="1">`, `<datafield tag="336"`, `<datafield tag="337"`, `<datafield tag="338"`,
			`<datafield tag="546"`, `<datafield tag="561"`, `RGANI. F. 5. Op. 30. D. 140. L. 182-183. Attested Copy.`,
			`<datafield tag="650" ind1=" " ind2="4">`,
		} {
			if !strings.Contains(rec, want) {
				t.Errorf("%s record lacks %s", e.Form, want)
			}
		}
		if e.Form == "print" && !strings.Contains(rec, `<subfield code="a">12 pages ;</subfield>`) || e.Form == "print" && !strings.Contains(rec, `<subfield code="c">21 cm</subfield>`) {
			t.Errorf("print 300 field wrong:\n%s", rec)
		}
		if e.Form == "epub" && (!strings.Contains(rec, "1 online resource (12 pages)") || !strings.Contains(rec, `<datafield tag="347"`)) {
			t.Errorf("EPUB 300/347 wrong:\n%s", rec)
		}
		yaz := validate.Tool(t, "yaz-marcdump")
		p := filepath.Join(t.TempDir(), "r.xml")
		os.WriteFile(p, []byte(rec), 0o644)
		out, err := exec.Command(yaz, "-i", "marcxml", "-o", "line", p).CombinedOutput()
		if err != nil || !strings.Contains(string(out), "700 1  $a Asghar, Tahir, $e translator. $4 trl") {
			t.Errorf("yaz-marcdump %s: %v\n%s", e.Form, err, out)
		}
	}
}

// The ONIX code values the records depend on: product forms, the translator's role, the
// languages of text and original, the page extent.
func TestONIXCodes(t *testing.T) {
	b := seed(t)
	x := string(ONIX(b, []Edition{{Form: "print", Pages: 12, WidthMM: 148, HeightM: 210}, {Form: "epub", Pages: 12}}))
	products := strings.Split(x, "<Product>")[1:]
	if len(products) != 2 {
		t.Fatalf("%d products, want 2", len(products))
	}
	print, ebook := products[0], products[1]
	for _, c := range []struct{ in, want string }{
		{print, "<ProductForm>BC</ProductForm>"},
		{ebook, "<ProductForm>ED</ProductForm>"},
		{ebook, "<ProductFormDetail>E101</ProductFormDetail>"},
		{x, "<ContributorRole>B06</ContributorRole>"},
		{x, "<PersonName>Tahir Asghar</PersonName>"},
		{x, "<LanguageRole>01</LanguageRole>\n        <LanguageCode>eng</LanguageCode>"},
		{x, "<LanguageRole>02</LanguageRole>\n        <LanguageCode>rus</LanguageCode>"},
		{x, "<ExtentType>00</ExtentType>\n        <ExtentValue>12</ExtentValue>\n        <ExtentUnit>03</ExtentUnit>"},
		{x, "<PublisherName>Colophon Archive Editions</PublisherName>"},
		{x, "<PublishingDateRole>01</PublishingDateRole>\n        <Date>20261101</Date>"},
		{x, "<SubjectSchemeIdentifier>20</SubjectSchemeIdentifier>"},
		{x, `<ONIXMessage release="3.0" xmlns="http://ns.editeur.org/onix/3.0/reference">`},
	} {
		if !strings.Contains(c.in, c.want) {
			t.Errorf("ONIX lacks %q", c.want)
		}
	}
	lint(t, x)
}

func lint(t *testing.T, xml string) {
	t.Helper()
	xl := validate.Tool(t, "xmllint")
	p := filepath.Join(t.TempDir(), "x.xml")
	os.WriteFile(p, []byte(xml), 0o644)
	if out, err := exec.Command(xl, "--noout", p).CombinedOutput(); err != nil {
		t.Errorf("xmllint: %v\n%s", err, out)
	}
}

func TestDublinCoreAndOPDS(t *testing.T) {
	b := seed(t)
	dc := string(DublinCore(b, []string{"application/epub+zip", "application/pdf"}))
	for _, want := range []string{"<dc:title>Two Anonymous Letters", "<dc:contributor>Asghar, Tahir (translator)</dc:contributor>",
		"<dc:language>eng</dc:language>", "<dc:format>application/epub+zip</dc:format>", "<dc:type>Text</dc:type>", "<dc:identifier>urn:uuid:"} {
		if !strings.Contains(dc, want) {
			t.Errorf("Dublin Core lacks %s", want)
		}
	}
	lint(t, dc)
	feed := string(OPDS(b, &Acquisition{Href: "../cover/x.png", MediaType: "image/png"},
		[]Acquisition{{Href: "../x.epub", MediaType: "application/epub+zip", Bytes: 123, SHA256: "ab12", Title: "EPUB"}}))
	for _, want := range []string{`rel="http://opds-spec.org/acquisition" href="../x.epub" type="application/epub+zip" title="EPUB" length="123" colophon:sha256="ab12"`,
		`rel="http://opds-spec.org/image" href="../cover/x.png" type="image/png"`, `profile=opds-catalog;kind=acquisition`} {
		if !strings.Contains(feed, want) {
			t.Errorf("OPDS lacks %s", want)
		}
	}
	lint(t, feed)
}

func writeBag(t *testing.T, files []File) string {
	dir := t.TempDir()
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, f.Data, 0o644)
	}
	return dir
}

// A bag verifies; changing one payload byte, adding an unlisted file or removing one makes it
// fail with the file named.
func TestBag(t *testing.T) {
	b := seed(t)
	files := Bag(b, []File{{Path: "book.epub", Data: []byte("epub bytes")}, {Path: "handouts/a.pdf", Data: []byte("pdf")}})
	info := ""
	for _, f := range files {
		if f.Path == "bag-info.txt" {
			info = string(f.Data)
		}
	}
	for _, want := range []string{"Payload-Oxum: 13.2\n", "Bagging-Date: 2026-11-01\n", "Source-Organization: Colophon Archive Editions\n", "External-Description: Two Anonymous"} {
		if !strings.Contains(info, want) {
			t.Errorf("bag-info.txt lacks %q:\n%s", want, info)
		}
	}
	dir := writeBag(t, files)
	if p, err := VerifyBag(dir); err != nil || len(p) > 0 {
		t.Fatalf("a fresh bag does not verify: %v %v", err, p)
	}
	os.WriteFile(filepath.Join(dir, "data", "handouts", "a.pdf"), []byte("pdF"), 0o644)
	p, _ := VerifyBag(dir)
	if len(p) != 1 || !strings.HasPrefix(p[0], "data/handouts/a.pdf: checksum") {
		t.Errorf("a changed byte: %v", p)
	}
	os.WriteFile(filepath.Join(dir, "data", "handouts", "a.pdf"), []byte("pdf"), 0o644)
	os.WriteFile(filepath.Join(dir, "data", "extra.txt"), []byte("x"), 0o644)
	p, _ = VerifyBag(dir)
	if len(p) != 2 || !strings.Contains(strings.Join(p, "\n"), "data/extra.txt: in the payload but not in manifest-sha256.txt") || !strings.Contains(strings.Join(p, "\n"), "Payload-Oxum is 13.2, the payload is 14.3") {
		t.Errorf("an extra file: %v", p)
	}
	os.Remove(filepath.Join(dir, "data", "extra.txt"))
	os.Remove(filepath.Join(dir, "data", "book.epub"))
	p, _ = VerifyBag(dir)
	if len(p) == 0 || !strings.Contains(strings.Join(p, "\n"), "data/book.epub: listed in manifest-sha256.txt but missing") {
		t.Errorf("a missing file: %v", p)
	}
}

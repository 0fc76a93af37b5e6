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

// TestRegisterSubjects: the register's persons, organisations and places the texts name are
// subject added entries — MARC 600, 610 and 651 with $0 the Wikidata item where the register has
// one, valid MARCXML as yaz-marcdump and the MARC 21 schema read it —, ONIX NameAsSubject
// composites, and Dublin Core subjects.
func TestRegisterSubjects(t *testing.T) {
	b := seed(t)
	rec := string(MARC(b, Edition{Form: "print", Pages: 12, WidthMM: 148, HeightM: 210}))
	p := filepath.Join(t.TempDir(), "r.xml")
	os.WriteFile(p, []byte(rec), 0o644)
	xl := validate.Tool(t, "xmllint")
	if out, err := exec.Command(xl, "--noout", "--schema", "testdata/MARC21slim.xsd", p).CombinedOutput(); err != nil {
		t.Errorf("xmllint against MARC21slim.xsd: %v\n%s", err, out)
	}
	out, err := exec.Command(validate.Tool(t, "yaz-marcdump"), "-i", "marcxml", "-o", "line", p).CombinedOutput()
	if err != nil {
		t.Fatalf("yaz-marcdump: %v\n%s", err, out)
	}
	lines := strings.Split(string(out), "\n")
	count := map[string]int{}
	for _, l := range lines {
		if len(l) > 3 {
			count[l[:3]]++
		}
	}
	persons, orgs, places := len(b.Register.Of(edition.Person)), len(b.Register.Of(edition.Organisation)), len(b.Register.Of(edition.Place))
	if count["600"] != persons || count["610"] != orgs || count["651"] != places {
		t.Errorf("600, 610, 651: %d, %d, %d fields, want %d, %d, %d", count["600"], count["610"], count["651"], persons, orgs, places)
	}
	dump := string(out)
	for _, want := range []string{
		"600 14 $a Stalin, Joseph Vissarionovich, $d 1878-1953. $0 http://www.wikidata.org/entity/Q855\n",
		"600 14 $a Molotov, Vyacheslav Mikhailovich, $d 1890-1986.\n", // no Wikidata item in the register: no $0
		"600 14 $a Gorbunov, V.\n",
		"610 24 $a Gorky Automobile Plant (GAZ).\n",
		"651  4 $a Moscow. $0 http://www.wikidata.org/entity/Q649\n",
		"651  4 $a Gorky (now Nizhny Novgorod). $0 http://www.wikidata.org/entity/Q891\n",
	} {
		if !strings.Contains(dump, want) {
			t.Errorf("yaz-marcdump does not show %q", want)
		}
	}
	// The 6XX fields in MARC's order: 600, 610, 650, 651.
	var tags []string
	for _, l := range lines {
		if strings.HasPrefix(l, "6") && (len(tags) == 0 || tags[len(tags)-1] != l[:3]) {
			tags = append(tags, l[:3])
		}
	}
	if strings.Join(tags, " ") != "600 610 650 651" {
		t.Errorf("subject fields in the order %v", tags)
	}

	onix := string(ONIX(b, []Edition{{Form: "print", Pages: 12, WidthMM: 148, HeightM: 210}}))
	for _, want := range []string{
		"<NameAsSubject>\n        <NameIdentifier>\n          <NameIDType>01</NameIDType>\n          <IDTypeName>Wikidata</IDTypeName>\n          <IDValue>Q855</IDValue>\n        </NameIdentifier>\n        <PersonNameInverted>Stalin, Joseph Vissarionovich</PersonNameInverted>\n      </NameAsSubject>",
		"<NameAsSubject>\n        <CorporateName>Kommunist (journal)</CorporateName>\n      </NameAsSubject>",
		"<SubjectHeadingText>Baltic republics; Budapest; Gorky (now Nizhny Novgorod); Hungary; Moscow; Poland</SubjectHeadingText>",
	} {
		if !strings.Contains(onix, want) {
			t.Errorf("ONIX lacks %s", want)
		}
	}
	if n := strings.Count(onix, "<NameAsSubject>"); n != persons+orgs {
		t.Errorf("%d NameAsSubject, want %d", n, persons+orgs)
	}
	lint(t, onix)

	dc := string(DublinCore(b, nil))
	for _, want := range []string{"<dc:subject>Stalin, Joseph Vissarionovich, 1878-1953</dc:subject>", "<dc:subject>Soviet Army</dc:subject>", "<dc:subject>Hungary</dc:subject>"} {
		if !strings.Contains(dc, want) {
			t.Errorf("Dublin Core lacks %s", want)
		}
	}
	if n := strings.Count(dc, "<dc:subject>"); n != len(b.Subjects)+persons+orgs+places {
		t.Errorf("%d dc:subject, want %d", n, len(b.Subjects)+persons+orgs+places)
	}
}

// An edition statement goes into MARC 250 and ONIX's EditionNumber and EditionStatement, in the
// place ONIX 3.0 gives them (after the contributors, before the languages); an edition without
// one has neither.
func TestEditionStatement(t *testing.T) {
	plain := seed(t)
	b := *plain
	b.Edition, b.Printing = "Second edition, revised", 3
	e := Edition{Form: "print", Pages: 12, WidthMM: 148, HeightM: 210}
	rec := string(MARC(&b, e))
	if want := `<datafield tag="250" ind1=" " ind2=" "><subfield code="a">Second edition, revised.</subfield></datafield>`; !strings.Contains(strings.Join(strings.Fields(rec), ""), strings.Join(strings.Fields(want), "")) {
		t.Errorf("MARC lacks %s:\n%s", want, rec)
	}
	if i, j := strings.Index(rec, `tag="245"`), strings.Index(rec, `tag="250"`); !(i >= 0 && j > i && j < strings.Index(rec, `tag="264"`)) {
		t.Errorf("MARC 250 is not between 245 and 264")
	}
	p := filepath.Join(t.TempDir(), "r.xml")
	os.WriteFile(p, []byte(rec), 0o644)
	out, err := exec.Command(validate.Tool(t, "yaz-marcdump"), "-i", "marcxml", "-o", "line", p).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "250    $a Second edition, revised.") {
		t.Errorf("yaz-marcdump: %v\n%s", err, out)
	}
	x := string(ONIX(&b, []Edition{e}))
	for _, want := range []string{"<EditionNumber>2</EditionNumber>", "<EditionStatement>Second edition, revised</EditionStatement>"} {
		if !strings.Contains(x, want) {
			t.Errorf("ONIX lacks %s", want)
		}
	}
	if i, j, k := strings.LastIndex(x, "</Contributor>"), strings.Index(x, "<EditionNumber>"), strings.Index(x, "<Language>"); !(i < j && j < k) {
		t.Errorf("ONIX's edition is not between the contributors and the languages")
	}
	lint(t, x)
	if rec := string(MARC(plain, e)); strings.Contains(rec, `tag="250"`) {
		t.Errorf("an edition without a statement has a 250 field")
	}
	if x := string(ONIX(plain, []Edition{e})); strings.Contains(x, "<EditionStatement>") || strings.Contains(x, "<EditionNumber>") {
		t.Errorf("an edition without a statement has an EditionStatement")
	}
	for s, n := range map[string]int{"First edition": 1, "second, revised edition": 2, "2nd edition": 2, "21st edition": 21, "3rd ed.": 3,
		"Revised edition": 0, "2026 edition": 0, "": 0} {
		if got := EditionNumber(s); got != n {
			t.Errorf("EditionNumber(%q) = %d; want %d", s, got, n)
		}
	}
}

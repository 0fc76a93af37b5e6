package epub

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/beevik/etree"

	"colophon/internal/cover"
	"colophon/internal/edition"
	"colophon/internal/html"
	"colophon/internal/testkit"
)

// seedWithPages is the seed's EPUB with a page map like the print book's: the first letter on
// pages 7 and 8 (page 8 from its 200th word), the second on 11.
func seedWithPages(t *testing.T) (*edition.Book, map[string]*etree.Document) {
	t.Helper()
	b := testkit.Seed(t)
	type key struct{}
	data := testkit.Once(t, key{}, func() ([]byte, error) {
		img, err := cover.Make(b)
		if err != nil {
			return nil, err
		}
		parts, err := Write(b, Options{Cover: img, PageBreaks: []html.PageBreak{{Doc: 0, Word: 0, Label: "7"}, {Doc: 0, Word: 200, Label: "8"}, {Doc: 1, Word: 0, Label: "11"}}})
		return bytes.Join(parts, nil), err
	})
	docs := map[string]*etree.Document{}
	for name, s := range entries(t, data) {
		if strings.HasSuffix(name, ".xhtml") {
			d := etree.NewDocument()
			if err := d.ReadFromString(s); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			docs[strings.TrimPrefix(name, "EPUB/xhtml/")] = d
		}
	}
	return b, docs
}

func epubType(e *etree.Element) string { return e.SelectAttrValue("epub:type", "") }

// byID finds the element with the id in a document.
func byID(d *etree.Document, id string) *etree.Element {
	return d.FindElement("//*[@id='" + id + "']")
}

// TestIndex: the EPUB's index follows EPUB Indexes 1.0 — an index of index-groups, each entry an
// index-entry with one index-term and its index-locators — and every locator links to an
// occurrence of the entry on the printed page it names, whose words are one of the entry's forms.
func TestIndex(t *testing.T) {
	b, docs := seedWithPages(t)
	idx := docs["index.xhtml"]
	if idx == nil {
		t.Fatal("no index.xhtml")
	}
	section := idx.FindElement("//section[@epub:type='index']")
	if section == nil || section.SelectAttrValue("role", "") != "doc-index" {
		t.Fatal("no index section with role doc-index")
	}
	byName := map[string]*edition.Entry{}
	for _, e := range b.Register.Entries {
		byName[e.Name] = e
	}
	listed := map[*edition.Entry]bool{}
	for _, li := range section.FindElements("//li") {
		if epubType(li) != "index-entry" {
			t.Errorf("an li of the index is not an index-entry: %s", li.Text())
			continue
		}
		term := li.FindElement("span[@epub:type='index-term']")
		if term == nil {
			t.Errorf("index entry without index-term")
			continue
		}
		e := byName[term.Text()]
		if e == nil {
			t.Errorf("index term %q is no register entry's name", term.Text())
			continue
		}
		listed[e] = true
		var labels []string
		for _, a := range li.SelectElements("a") {
			if epubType(a) != "index-locator" {
				t.Errorf("%s: a link that is no index-locator", e.ID)
			}
			label := a.Text()
			labels = append(labels, label)
			file, id, _ := strings.Cut(a.SelectAttrValue("href", ""), "#")
			doc := docs[file]
			if doc == nil {
				t.Errorf("%s: locator %s links to %s, which the EPUB does not have", e.ID, label, file)
				continue
			}
			target := byID(doc, id)
			if target == nil {
				t.Errorf("%s: locator %s links to #%s, which %s does not have", e.ID, label, id, file)
				continue
			}
			if got := strings.TrimSpace(textOf(target)); !hasForm(e, got) {
				t.Errorf("%s: locator %s's target holds %q, which is none of its forms %q", e.ID, label, got, e.Forms)
			}
			if on := pageOf(doc, target); on != label {
				t.Errorf("%s: locator %s links to an occurrence on page %s", e.ID, label, on)
			}
		}
		// Each page once, in order.
		for i := 1; i < len(labels); i++ {
			if labels[i] == labels[i-1] {
				t.Errorf("%s: page %s listed twice", e.ID, labels[i])
			}
		}
	}
	for _, e := range b.Register.Entries {
		if !listed[e] {
			t.Errorf("%s is not in the index", e.ID)
		}
	}
	// The hand-counted cases: Stalin on all three pages; Molotov only in the second letter (the
	// factory, in the same letter, is its own entry); Brezhnev only in the second letter's first
	// note, on the page of its reference.
	want := map[string]string{"stalin": "7 8 11", "molotov": "11", "molotov-factory": "11", "brezhnev": "11n1", "kommunist": "7 7n1 11 11n1"}
	for _, li := range section.FindElements("//li") {
		e := byName[li.FindElement("span").Text()]
		if w, ok := want[e.ID]; ok {
			var got []string
			for _, a := range li.SelectElements("a") {
				got = append(got, a.Text())
			}
			if strings.Join(got, " ") != w {
				t.Errorf("%s: pages %q, want %q", e.ID, strings.Join(got, " "), w)
			}
		}
	}
}

// hasForm says whether s is one of the entry's forms as the text prints them.
func hasForm(e *edition.Entry, s string) bool {
	for _, f := range e.Forms {
		if strings.ReplaceAll(f, "'", "’") == s {
			return true
		}
	}
	return false
}

func textOf(e *etree.Element) string {
	var b strings.Builder
	for _, c := range e.Child {
		switch x := c.(type) {
		case *etree.CharData:
			b.WriteString(x.Data)
		case *etree.Element:
			b.WriteString(textOf(x))
		}
	}
	return b.String()
}

// pageOf is the printed page an element of a document page stands on: the last page-break marker
// before it, or, in a note, the page of the note's reference and the note's number ("11n1").
func pageOf(d *etree.Document, target *etree.Element) string {
	for p := target.Parent(); p != nil; p = p.Parent() {
		if p.Tag == "aside" && epubType(p) == "footnote" {
			num := strings.TrimPrefix(p.SelectAttrValue("id", ""), "note-")
			ref := byID(d, "noteref-"+num)
			return pageOf(d, ref) + "n" + num
		}
	}
	label := ""
	var walk func(e *etree.Element) bool
	walk = func(e *etree.Element) bool {
		if e == target {
			return true
		}
		if epubType(e) == "pagebreak" {
			label = e.SelectAttrValue("aria-label", "")
		}
		for _, c := range e.ChildElements() {
			if walk(c) {
				return true
			}
		}
		return false
	}
	walk(d.Root())
	return label
}

// TestGlossary: the notes on persons are a glossary whose terms are dfn, one for each person
// with dates or a note, in the index's order; the first time a person is named in a letter's
// text, the name links to the note.
func TestGlossary(t *testing.T) {
	b, docs := seedWithPages(t)
	g := docs["glossary.xhtml"]
	if g == nil {
		t.Fatal("no glossary.xhtml")
	}
	sec := g.FindElement("//section[@epub:type='glossary']")
	if sec == nil || sec.SelectAttrValue("role", "") != "doc-glossary" {
		t.Fatal("no glossary section with role doc-glossary")
	}
	var names []string
	for _, dt := range sec.FindElements("//dt") {
		dfn := dt.SelectElement("dfn")
		if dfn == nil || epubType(dt) != "glossterm" {
			t.Errorf("a term without dfn or glossterm: %s", textOf(dt))
			continue
		}
		names = append(names, dfn.Text())
	}
	var want []string
	for _, e := range b.Register.Sorted(edition.Person, b.Language) {
		want = append(want, e.Name)
	}
	if strings.Join(names, "|") != strings.Join(want, "|") {
		t.Errorf("glossary terms:\n%s\nwant\n%s", strings.Join(names, "\n"), strings.Join(want, "\n"))
	}
	for _, dd := range sec.FindElements("//dd") {
		if epubType(dd) != "glossdef" {
			t.Errorf("a definition without glossdef")
		}
	}
	if got := textOf(byID(g, "person-stalin").NextSibling()); !strings.HasPrefix(got, "1878–1953. General Secretary") {
		t.Errorf("Stalin's note: %q", got)
	}
	// Links: each person's first occurrence in each letter's text, none other.
	links := 0
	for i, d := range b.Documents {
		doc := docs[d.ID+".xhtml"]
		seen := map[string]bool{}
		for _, a := range doc.FindElements("//a[@epub:type='glossref']") {
			links++
			href := a.SelectAttrValue("href", "")
			id := strings.TrimPrefix(href, "glossary.xhtml#")
			if byID(g, id) == nil {
				t.Errorf("letter %d: %s links to a note the glossary does not have", i+1, href)
			}
			if seen[id] {
				t.Errorf("letter %d: %s is linked twice", i+1, id)
			}
			seen[id] = true
			if a.SelectAttrValue("role", "") != "doc-glossref" {
				t.Errorf("letter %d: glossref without its role", i+1)
			}
		}
	}
	// Persons named in each letter's text (not only in its apparatus or notes).
	want1, want2 := 0, 0
	for _, e := range b.Register.Of(edition.Person) {
		in := [2]bool{}
		for _, oc := range e.Occurrences {
			if oc.Part == edition.InBody {
				in[map[*edition.Document]int{b.Documents[0]: 0, b.Documents[1]: 1}[oc.Doc]] = true
			}
		}
		if in[0] {
			want1++
		}
		if in[1] {
			want2++
		}
	}
	if links != want1+want2 {
		t.Errorf("%d links to notes, want %d (%d + %d)", links, want1+want2, want1, want2)
	}
	if strconv.Itoa(want1) != "11" {
		t.Errorf("the first letter's text names %d persons, want 11 (Stalin, Lenin, Trotsky, Tito, Khrushchev, Mikoyan, Kirov, Zhdanov, Orzhonikidze, Kuibishev, Voroshilov)", want1)
	}
}

package web_test

import (
	"sort"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"colophon/internal/edition"
	"colophon/internal/testkit"
)

// byID finds the element with the id in a page.
func byID(doc *html.Node, id string) *html.Node {
	var found *html.Node
	walk(doc, func(n *html.Node) {
		if v, ok := attr(n, "id"); ok && v == id && found == nil {
			found = n
		}
	})
	return found
}

// TestRegisterPages: the register's pages are linked both ways with the text. Each entry has its
// note on its kind's page, with every printed page it stands on, each a link to an occurrence on
// that page whose words are one of its forms; the index lists every name with the same links; in
// the documents, each entry's first occurrence in the text links to its note, and each page ends
// with the entries it names; the home page leads to the register.
func TestRegisterPages(t *testing.T) {
	dir := built(t)["seed"]
	b := testkit.Seed(t)
	all := pages(t, dir)
	file := map[edition.EntryKind]string{edition.Person: "persons.html", edition.Place: "places.html", edition.Organisation: "organisations.html"}
	docFile := map[*edition.Document]string{}
	for _, d := range b.Documents {
		docFile[d] = d.ID + ".html"
	}
	// A locator's target holds one of the entry's forms.
	holdsForm := func(e *edition.Entry, href string) bool {
		f, id, _ := strings.Cut(href, "#")
		doc := all[f]
		if doc == nil || !strings.HasPrefix(id, "reg-"+e.ID+"-") {
			return false
		}
		n := byID(doc, id)
		if n == nil {
			return false
		}
		got := strings.TrimSpace(text(n))
		for _, form := range e.Forms {
			if strings.ReplaceAll(form, "'", "’") == got {
				return true
			}
		}
		return false
	}
	for _, e := range b.Register.Entries {
		page := all[file[e.Kind]]
		if page == nil {
			t.Fatalf("no %s", file[e.Kind])
		}
		dt := byID(page, "reg-"+e.ID)
		if dt == nil || dt.Data != "dt" || dt.FirstChild == nil || dt.FirstChild.Data != "dfn" || text(dt.FirstChild) != e.Name {
			t.Errorf("%s: no dt with its name as dfn on %s", e.ID, file[e.Kind])
			continue
		}
		dd := dt.NextSibling
		for dd != nil && dd.Type != html.ElementNode {
			dd = dd.NextSibling
		}
		var locs []string
		walk(dd, func(n *html.Node) {
			if c, _ := attr(n, "class"); c == "locator" {
				href, _ := attr(n, "href")
				locs = append(locs, href)
				if !holdsForm(e, href) {
					t.Errorf("%s: locator %s leads to no occurrence holding one of its forms", e.ID, href)
				}
			}
		})
		// Each document the entry stands in is linked at least once.
		docs := map[string]bool{}
		for _, oc := range e.Occurrences {
			docs[docFile[oc.Doc]] = true
		}
		for f := range docs {
			found := false
			for _, l := range locs {
				found = found || strings.HasPrefix(l, f+"#")
			}
			if !found {
				t.Errorf("%s: its note links to no occurrence in %s", e.ID, f)
			}
		}
		if e.Wikidata != "" && !strings.Contains(text(dd), "Wikidata "+e.Wikidata) {
			t.Errorf("%s: its note does not give its Wikidata item", e.ID)
		}
	}

	// The index: every entry, its name a link to its note, its pages links to occurrences.
	index := all["register.html"]
	listed := 0
	walk(index, func(n *html.Node) {
		if n.Type != html.ElementNode || n.Data != "li" {
			return
		}
		listed++
		first := n.FirstChild
		href, _ := attr(first, "href")
		id := strings.TrimPrefix(href[strings.Index(href, "#")+1:], "reg-")
		e := b.Register.Entry(id)
		if e == nil || text(first) != e.Name || href != file[e.Kind]+"#reg-"+e.ID {
			t.Errorf("index entry %q links to %s", text(first), href)
			return
		}
		walk(n, func(a *html.Node) {
			if c, _ := attr(a, "class"); c == "locator" {
				if h, _ := attr(a, "href"); !holdsForm(e, h) {
					t.Errorf("index: %s's locator %s leads to no occurrence holding one of its forms", e.ID, h)
				}
			}
		})
	})
	if listed != len(b.Register.Entries) {
		t.Errorf("the index lists %d entries, want %d", listed, len(b.Register.Entries))
	}

	// The documents: first occurrences in the text link to the notes; the entries named, at the end.
	for _, d := range b.Documents {
		page := all[docFile[d]]
		linked := map[string]bool{}
		walk(page, func(n *html.Node) {
			if r, _ := attr(n, "role"); r == "doc-glossref" {
				href, _ := attr(n, "href")
				if linked[href] {
					t.Errorf("%s: %s linked twice", d.ID, href)
				}
				linked[href] = true
				f, id, _ := strings.Cut(href, "#")
				if all[f] == nil || byID(all[f], id) == nil {
					t.Errorf("%s: %s leads nowhere", d.ID, href)
				}
			}
		})
		var inText, named []string
		for _, e := range b.Register.Entries {
			text, any := false, false
			for _, oc := range e.Occurrences {
				if oc.Doc == d {
					any = true
					text = text || oc.Part == edition.InBody
				}
			}
			if text {
				inText = append(inText, file[e.Kind]+"#reg-"+e.ID)
			}
			if any {
				named = append(named, e.Name)
			}
		}
		var got []string
		for h := range linked {
			got = append(got, h)
		}
		sort.Strings(got)
		sort.Strings(inText)
		if strings.Join(got, " ") != strings.Join(inText, " ") {
			t.Errorf("%s: links to notes\n%v\nwant\n%v", d.ID, got, inText)
		}
		section := byID(page, "named-here")
		if section == nil {
			t.Errorf("%s: no list of the entries it names", d.ID)
			continue
		}
		var listed []string
		walk(section.Parent, func(n *html.Node) {
			if n.Type == html.ElementNode && n.Data == "a" {
				listed = append(listed, text(n))
			}
		})
		sort.Strings(listed)
		sort.Strings(named)
		if strings.Join(listed, "|") != strings.Join(named, "|") {
			t.Errorf("%s names\n%v\nwant\n%v", d.ID, listed, named)
		}
	}
	home := text(all["index.html"])
	for _, want := range []string{"Notes on persons", "Places", "Organisations", "Index"} {
		if !strings.Contains(home, want) {
			t.Errorf("the home page's contents lack %q", want)
		}
	}
}

package typeset

import (
	"fmt"
	"strings"
	"testing"

	"colophon/internal/edition"
	"colophon/internal/testkit"
)

// pagesText is each page's lines, as text, in the order they were placed.
func pagesText(bk *Book) [][]string {
	var out [][]string
	for _, p := range bk.Pages {
		var lines []string
		for _, pl := range p.Placed {
			var b strings.Builder
			end := 0.0
			for k, g := range pl.Line.Glyphs {
				if k > 0 && g.X > end+0.1 {
					b.WriteByte(' ')
				}
				end = g.X + g.Width
				b.WriteString(g.Text)
			}
			lines = append(lines, b.String())
		}
		out = append(out, lines)
	}
	return out
}

func threeLetters(t *testing.T, yaml string) *edition.Book {
	b := project(t, map[string]string{
		"a.md": "---\ntitle: First Letter\ndateline: \"[1 May 1956]\"\n---\n\nA short letter of one paragraph, which says little.\n",
		"b.md": "---\ntitle: Second Letter\narchive: \"RGANI. F. 5. D. 2.\"\n---\n\nAnother short letter.\n",
		"c.md": "---\ntitle: Third Letter\n---\n\nA third.\n",
	})
	for _, kv := range strings.Split(strings.TrimSpace(yaml), "\n") {
		k, v, _ := strings.Cut(kv, ": ")
		switch k {
		case "openings":
			b.Openings = v
		case "number_documents":
			b.NumberDocuments = v == "true"
		}
	}
	return b
}

// Three short letters: on rectos (the default) each opens a right-hand page, with blank versos
// between; "any" opens each on a new page, with no blank pages; "continuous" runs them on below one
// another, parted by a space and a rule, on one page.
func TestOpenings(t *testing.T) {
	counts := map[string]int{}
	for _, o := range []string{"", "recto", "any", "continuous"} {
		bk := typeset(t, threeLetters(t, "openings: "+o), "a5")
		blank := 0
		for _, p := range bk.Pages {
			if p.Blank {
				blank++
			}
		}
		counts[o] = len(bk.Pages)
		starts := bk.DocStart
		t.Logf("openings %q: %d pages, %d blank, documents open on %v", o, len(bk.Pages), blank, starts)
		switch o {
		case "", "recto":
			for _, s := range starts {
				if s%2 == 0 {
					t.Errorf("openings %q: a document opens on page %d, a verso", o, s)
				}
			}
		case "any":
			if starts[1] != starts[0]+1 || starts[2] != starts[1]+1 {
				t.Errorf("openings any: documents open on %v; want consecutive pages", starts)
			}
		case "continuous":
			if starts[1] != starts[0] || starts[2] != starts[0] {
				t.Errorf("openings continuous: documents open on %v; want all on one page", starts)
			}
			p := bk.Pages[starts[0]-1]
			rules := 0
			for _, r := range p.Rules {
				if r.W < bk.Geometry.Measure/4 && !r.Notes {
					rules++
				}
			}
			if rules != 2 {
				t.Errorf("openings continuous: %d rules between the documents; want 2", rules)
			}
		}
	}
	if !(counts["continuous"] < counts["any"] && counts["any"] < counts["recto"] && counts[""] == counts["recto"]) {
		t.Errorf("pages: %v; want continuous < any < recto = the default", counts)
	}
}

// Numbered documents: "No. 2" over the second document's title, before its title in the
// contents, and in its running heads; the contents gives each document's dateline under its title.
func TestNumberedDocumentsAndContents(t *testing.T) {
	b := testkit.Load(t, testkit.GeneratedDir(t, 20, 5))
	b.NumberDocuments = true
	bk := typeset(t, b, "a5")
	text := pagesText(bk)
	var front []string // the front matter, the contents among it
	for i, p := range bk.Pages {
		if p.Front {
			front = append(front, text[i]...)
		}
	}
	contents := strings.Join(front, "\n")
	for i := range 3 {
		d := b.Documents[i]
		want := strings.Join(strings.Fields(fmt.Sprintf("No. %d %s", i+1, d.TitleText())), " ")
		want = want[:min(len(want), 30)]
		if !strings.Contains(strings.Join(strings.Fields(contents), " "), want) {
			t.Errorf("the contents lack %q:\n%s", want, contents)
		}
		dateline := edition.PlainText(withoutNotes(d.Dateline))
		if !strings.Contains(contents, dateline) {
			t.Errorf("the contents lack the dateline %q of document %d", dateline, i+1)
		}
		opening := text[bk.DocStart[i]-1]
		if !contains(opening, fmt.Sprintf("No. %d", i+1)) {
			t.Errorf("document %d's opening page lacks its number: %q", i+1, opening)
		}
	}
	heads := 0
	for _, p := range bk.Pages {
		for _, pl := range p.Placed {
			if pl.Role == RoleHead && strings.HasPrefix(strings.Join(pagesText(&Book{Pages: []*Page{{Placed: []Placed{pl}}}})[0], ""), "No. ") {
				heads++
			}
		}
	}
	if heads == 0 {
		t.Error("no running head carries a document's number")
	}
	// Unnumbered, the number is nowhere.
	b.NumberDocuments = false
	for _, p := range pagesText(typeset(t, b, "a5")) {
		if contains(p, "No. 1") {
			t.Errorf("an unnumbered edition prints a number: %q", p)
		}
	}
}

func contains(lines []string, s string) bool {
	for _, l := range lines {
		if strings.Contains(l, s) {
			return true
		}
	}
	return false
}

// A document's closing apparatus — signature, endorsements, archival reference — is set on one
// page, with the last line of its text, however the page breaks fall: for every document of a
// generated edition, run on or on rectos.
func TestClosingKeptTogether(t *testing.T) {
	for _, o := range []string{"recto", "continuous"} {
		b := testkit.Load(t, testkit.GeneratedDir(t, 20, 5))
		b.Openings = o
		bk := typeset(t, b, "a5")
		type where struct{ first, last, text int }
		at := map[int]*where{}
		for _, p := range bk.Pages {
			for _, pl := range p.Placed {
				st := pl.Line.Struct
				if st == nil || pl.Role != RoleText || pl.Doc < 0 {
					continue
				}
				w := at[pl.Doc]
				if w == nil {
					w = &where{}
					at[pl.Doc] = w
				}
				switch st.Type {
				case "Signature", "Endorsement", "ArchivalReference":
					if w.first == 0 {
						w.first = p.Number
					}
					w.last = p.Number
				case "P":
					w.text = p.Number
				}
			}
		}
		for d, w := range at {
			if w.first != w.last || w.first != w.text {
				t.Errorf("openings %s: document %d's closing apparatus is on pages %d–%d, its text ends on page %d", o, d+1, w.first, w.last, w.text)
			}
		}
	}
}

// TestDocOfAnchor: only DocAnchor's own names are read back as a document's opening. Sscanf took
// "doc-12-letter" (a document id made from a file name) for document 12, and an anchor with a
// large number after "doc-" for an index past the book's documents.
func TestDocOfAnchor(t *testing.T) {
	for _, d := range []int{0, 7, 1234} {
		if got, ok := docOfAnchor(DocAnchor(d)); !ok || got != d {
			t.Errorf("docOfAnchor(%q) = %d, %v; want %d, true", DocAnchor(d), got, ok, d)
		}
	}
	for _, name := range []string{"doc-", "doc-12-letter", "doc-1x", "doc--1", "doc-99999999999", "occ-3", "note-1-2", "Doc-1"} {
		if got, ok := docOfAnchor(name); ok {
			t.Errorf("docOfAnchor(%q) = %d, true; want false", name, got)
		}
	}
}

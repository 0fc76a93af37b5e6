package typeset

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"colophon/internal/edition"
	"colophon/internal/testkit"
)

// printedRef is a cross-reference as a book prints it: the anchor its words link to, the page
// number they give, and the page they stand on.
type printedRef struct {
	anchor string
	page   int // the number printed, 0 when none
	on     int
	text   string
}

var printedPage = regexp.MustCompile(`p\.\x{a0}(\d+)`)

// printedRefs reads every cross-reference off the book's body pages: the runs whose link is to
// one of the targets' anchors. A reference broken over two lines is two runs; the page number
// is in the run that holds "p. N".
func printedRefs(bk *Book, b *edition.Book) []printedRef {
	targets := map[string]bool{}
	for _, d := range b.Documents {
		for _, t := range d.XRefs() {
			targets[TargetAnchor(t)] = true
		}
	}
	var out []printedRef
	for _, p := range bk.Pages {
		if p.Front {
			continue
		}
		for _, pl := range p.Placed {
			for _, g := range pl.Line.Glyphs {
				a := strings.TrimPrefix(g.Link(), "#")
				if a == "" || !targets[a] {
					continue
				}
				r := printedRef{anchor: a, on: p.Number, text: g.Text}
				if m := printedPage.FindStringSubmatch(g.Text); m != nil {
					r.page, _ = strconv.Atoi(m[1])
				}
				out = append(out, r)
			}
		}
	}
	return out
}

// checkRefs: every page number a reference prints is the page its target is on, and every
// reference to a target in the book prints one.
func checkRefs(t *testing.T, bk *Book, b *edition.Book, want int) {
	t.Helper()
	pages := bk.AnchorPages()
	got := 0
	for _, r := range printedRefs(bk, b) {
		if r.page == 0 {
			continue
		}
		got++
		if r.page != pages[r.anchor] {
			t.Errorf("a reference on page %d prints %q, but its target %s is on page %d", r.on, r.text, r.anchor, pages[r.anchor])
		}
	}
	if got != want {
		t.Errorf("%d references print a page, want %d", got, want)
	}
}

// The rich edition's references — to a figure, a table, a passage, a document, notes in the same
// document and in another — print the pages their targets are on, and those are the pages where
// the targets' words are.
func TestXRefsPrintTheirTargetsPages(t *testing.T) {
	b := testkit.Rich(t)
	n := len(b.Documents[0].XRefs())
	if n != 9 {
		t.Fatalf("the rich edition's essay has %d cross-references, want 9", n)
	}
	bk := typeset(t, b, b.Print.Trim.Name)
	checkRefs(t, bk, b, n)
	pages := bk.AnchorPages()
	// The anchors are where the words are: the figure's caption, the table's, the passage.
	for anchor, words := range map[string]string{SpanAnchor("facsimile"): "first page of the letter", SpanAnchor("prices"): "Prices of bread", SpanAnchor("passage"): "passage"} {
		p := bk.Pages[pages[anchor]-1]
		var text strings.Builder
		for _, pl := range p.Placed {
			for _, g := range pl.Line.Glyphs {
				text.WriteString(g.Text + " ")
			}
		}
		if !strings.Contains(strings.Join(strings.Fields(text.String()), " "), words) {
			t.Errorf("%s is on page %d, which does not hold %q", anchor, p.Number, words)
		}
	}
	if p := pages[DocAnchor(1)]; p != bk.DocStart[1] {
		t.Errorf("the Russian letter opens on page %d, its anchor is on page %d", bk.DocStart[1], p)
	}
}

// A generated edition with many references in its text, enough that their numbers turn lines and
// the lines pages: the book is set until every printed page is the target's; so is it when the
// references are held at a fixed width from the second pass on.
func TestXRefsSettle(t *testing.T) {
	dir := testkit.Copy(t, testkit.GeneratedDir(t, 30, 7))
	files, _ := filepath.Glob(filepath.Join(dir, "source", "*.md"))
	sort.Strings(files)
	want := 0
	for i, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		// Each document refers to the next and the one ten on, and to its own first note.
		var refs []string
		for _, j := range []int{i + 1, i + 10} {
			if j < len(files) {
				name := strings.TrimSuffix(filepath.Base(files[j]), ".md")
				refs = append(refs, fmt.Sprintf("see [#%s] and its note [#%s^1]", name, name))
				want += 2
			}
		}
		refs = append(refs, "and this letter's own note [#^1]")
		want++
		text := strings.Replace(string(data), "\n---\n\n", "\n---\n\nThe editors' cross-references: "+strings.Join(refs, "; ")+".\n\n", 1)
		if err := os.WriteFile(f, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b := testkit.Load(t, dir)
	bk := typeset(t, b, "a5")
	checkRefs(t, bk, b, want)

	saved := xrefFixAfter
	xrefFixAfter = 1
	defer func() { xrefFixAfter = saved }()
	fixed := typeset(t, b, "a5")
	checkRefs(t, fixed, b, want)
}

// A handout prints its own pages for targets in its document, and names another document without
// a page (it is not in the handout) and without a link.
func TestXRefsInHandouts(t *testing.T) {
	b := testkit.Rich(t)
	bks, err := TypesetHandouts(b, 0, []string{"a4", "letter"}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, bk := range bks {
		pages := bk.AnchorPages()
		var other int
		for _, p := range bk.Pages {
			for _, pl := range p.Placed {
				for _, g := range pl.Line.Glyphs {
					if strings.Contains(g.Text, "document\u00a02") {
						other++
						if g.Link() != "" {
							t.Errorf("handout %d: the reference to the Russian letter links to %s, which is not in it", k, g.Link())
						}
						if strings.Contains(g.Text, "p.\u00a0") {
							t.Errorf("handout %d: the reference to the Russian letter gives a page: %q", k, g.Text)
						}
					}
					if a := strings.TrimPrefix(g.Link(), "#"); strings.HasPrefix(a, "xref-") {
						m := printedPage.FindStringSubmatch(g.Text)
						if m == nil || m[1] != strconv.Itoa(pages[a]) {
							t.Errorf("handout %d: %q on page %d refers to %s, on page %d", k, g.Text, p.Number, a, pages[a])
						}
					}
				}
			}
		}
		if other != 2 {
			t.Errorf("handout %d: %d references to the Russian letter, want 2", k, other)
		}
	}
}

// A reference to a register entry prints the page of the person's note, or of a place's entry in
// the index, and links there.
func TestXRefsToRegisterEntries(t *testing.T) {
	b := project(t, map[string]string{
		"01-a.md":       "# A\n\nStalin spoke in Moscow. See [#stalin] and [#moscow].\n",
		"register.yaml": "persons:\n  - id: stalin\n    name: \"Stalin, J.V.\"\n    forms: [Stalin]\n    dates: 1878-1953\n    note: \"Leader.\"\nplaces:\n  - id: moscow\n    name: Moscow\n    forms: [Moscow]\n",
	})
	bk := typeset(t, b, "a5")
	checkRefs(t, bk, b, 2)
	pages := bk.AnchorPages()
	for id, section := range map[string]string{"stalin": b.Say("personnotes"), "moscow": b.Say("index-places")} {
		p := pages[EntryAnchor(id)]
		if p == 0 || bk.Pages[p-1].Section != section {
			t.Errorf("the entry %s is on page %d, not in %q", id, p, section)
		}
	}
}

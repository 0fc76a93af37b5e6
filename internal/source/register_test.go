package source

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"colophon/internal/edition"
)

// registerYAML is a register of the seed's kind of names, for the tests below.
const registerYAML = `persons:
  - id: stalin
    name: "Stalin, Joseph Vissarionovich"
    forms: [Stalin, J.V. Stalin, Joseph Vissarionovich]
    dates: 1878-1953
    note: "General Secretary of the *CC*, 1922–1952."
    wikidata: Q855
  - id: molotov
    name: "Molotov, Vyacheslav Mikhailovich"
    forms: [Molotov]
  - id: lenin
    name: "Lenin, Vladimir Ilyich"
    forms: [Lenin]
  - id: ordzhonikidze
    name: "Ordzhonikidze, Grigory Konstantinovich"
    forms: [Ordzhonikidze, Orzhonikidze]
places:
  - id: gorky
    name: Gorky
    forms: [Gorky]
organisations:
  - id: molotov-factory
    name: "Molotov Motor Factory, Gorky"
    forms: ["Molotov motor factory"]
`

// occurrencesIn lists each Indexed inline of the document's texts as "entry:text", in reading
// order, with the part it stands in.
func occurrencesIn(d *edition.Document) []string {
	var out []string
	var walk func(part string, in []edition.Inline)
	walk = func(part string, in []edition.Inline) {
		for _, x := range in {
			if x.Kind == edition.Indexed {
				out = append(out, fmt.Sprintf("%s %s:%s", part, x.Occurrence.Entry.ID, edition.PlainText(x.Children)))
			}
			walk(part, x.Children)
		}
	}
	var blocks func(part string, bs []edition.Block)
	blocks = func(part string, bs []edition.Block) {
		for _, b := range bs {
			walk(part, b.Inlines)
			blocks(part, b.Children)
		}
	}
	walk("title", d.Title)
	walk("dateline", d.Dateline)
	blocks("body", d.Blocks)
	for _, e := range d.Endorsements {
		walk("endorsement", e)
	}
	walk("archive", d.Archive)
	for _, n := range d.Notes {
		blocks(fmt.Sprintf("note%d", n.Number), n.Blocks)
	}
	return out
}

func loadRegistered(t *testing.T, body string) (*edition.Book, edition.Diagnostics) {
	t.Helper()
	dir := writeProject(t, map[string]string{"source/book.yaml": goodBook, "source/register.yaml": registerYAML, "source/a.md": body})
	b, warnings, err := Load(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return b, warnings
}

// TestOccurrences finds the forms as whole words in every part of a document, the longest form
// first, and the marks.
func TestOccurrences(t *testing.T) {
	b, warnings := loadRegistered(t, `---
title: "A Letter on Stalin[^1]"
dateline: "Gorky, 1956"
endorsements:
  - "Read by Molotov."
archive: "Gorky Archive. F. 1."
---

Stalin’s corpse, the Stalinist leadership, anti-Leninist Congresses, Lenin's behest; at our
Molotov motor factory, Molotov, Kaganovich; Orzhonikidze and Ordzhonikidze; Joseph
Vissarionovich; *J.V. Stalin*; "Stalin"; Stalin-era. Gorkyite, 1Gorky.

[The General Secretary]{index=stalin} spoke; [the General Secretary, Stalin]{index=stalin};
[a Molotov cocktail]{.noindex}; [the two, Molotov and Lenin]{index="molotov stalin"}.

`+"`Stalin`"+`

[^1]: Molotov in a note.
`)
	got := occurrencesIn(b.Documents[0])
	want := []string{
		"title stalin:Stalin",
		"dateline gorky:Gorky",
		"body stalin:Stalin",
		"body lenin:Lenin",
		"body molotov-factory:Molotov motor factory",
		"body molotov:Molotov",
		"body ordzhonikidze:Orzhonikidze",
		"body ordzhonikidze:Ordzhonikidze",
		"body stalin:Joseph Vissarionovich",
		"body stalin:J.V. Stalin",
		"body stalin:Stalin",
		"body stalin:Stalin",
		"body stalin:The General Secretary",
		"body stalin:the General Secretary, Stalin",
		"body molotov:the two, Molotov and Lenin",
		"body stalin:the two, Molotov and Lenin",
		"body lenin:Lenin",
		"endorsement molotov:Molotov",
		"archive gorky:Gorky",
		"note1 molotov:Molotov",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("occurrences:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	r := b.Register
	st := r.Entry("stalin")
	if st.Dates != "1878–1953" || st.Wikidata != "Q855" || st.WikidataURI() != "http://www.wikidata.org/entity/Q855" {
		t.Errorf("stalin: dates %q, wikidata %q", st.Dates, st.Wikidata)
	}
	if edition.PlainText(st.Note) != "General Secretary of the CC, 1922–1952." || st.Note[1].Kind != edition.Emph {
		t.Errorf("stalin's note: %#v", st.Note)
	}
	// Anchors: numbered per entry in reading order, unique in the edition.
	ids := map[string]bool{}
	for _, e := range r.Entries {
		for i, oc := range e.Occurrences {
			if want := fmt.Sprintf("reg-%s-%d", e.ID, i+1); oc.ID != want {
				t.Errorf("%s's occurrence %d has id %q, want %q", e.ID, i+1, oc.ID, want)
			}
			if ids[oc.ID] {
				t.Errorf("id %q twice", oc.ID)
			}
			ids[oc.ID] = true
			if oc.Entry != e || oc.Doc != b.Documents[0] {
				t.Errorf("%s: occurrence %s points elsewhere", e.ID, oc.ID)
			}
		}
	}
	if n := len(st.Occurrences); n != 9 {
		t.Errorf("stalin has %d occurrences, want 9", n)
	}
	first, marked := st.Occurrences[0], st.Occurrences[6]
	if first.Part != edition.InTitle || first.Form != "Stalin" || first.Marked {
		t.Errorf("stalin's first occurrence: %+v", first)
	}
	if !marked.Marked || marked.Form != "" || marked.Part != edition.InBody {
		t.Errorf("stalin's marked occurrence: %+v", marked)
	}
	m := r.Entry("molotov").Occurrences
	if last := m[len(m)-1]; last.Part != edition.InNote || last.Note != b.Documents[0].Notes[0] {
		t.Errorf("molotov's occurrence in the note: %+v", last)
	}
	// The text is the same, around the occurrences as in them.
	if got := edition.BlocksText(b.Documents[0].Blocks); !strings.HasPrefix(got, "Stalin’s corpse, the Stalinist leadership, anti-Leninist Congresses, Lenin’s behest; at our Molotov motor factory,") {
		t.Errorf("text changed: %q", got)
	}
	if len(warnings) != 0 {
		t.Errorf("warnings: %v", warnings)
	}
}

// TestNoRegister: an edition without source/register.yaml has no register and no occurrences.
func TestNoRegister(t *testing.T) {
	dir := writeProject(t, map[string]string{"source/book.yaml": goodBook, "source/a.md": "# Stalin\n\nStalin.\n"})
	b, _, err := Load(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if b.Register != nil || len(occurrencesIn(b.Documents[0])) != 0 {
		t.Errorf("register %v, occurrences %v", b.Register, occurrencesIn(b.Documents[0]))
	}
}

// TestRegisterChecks: each mistake in the register or its marks is reported at its place.
func TestRegisterChecks(t *testing.T) {
	text := "# T\n\nStalin and Molotov.\n"
	cases := []struct {
		name, register, doc string
		want                []string
	}{
		{"unknown id in a mark", registerYAML, "# T\n\nStalin and [the General Secretary]{index=stallin}.\n",
			[]string{`source/a.md:3:36: index=stallin: source/register.yaml has no entry with the id "stallin" (did you mean stalin?)`}},
		{"mark without a register", "", "# T\n\n[the General Secretary]{index=stalin}.\n",
			[]string{`source/a.md:3:25: index=stalin: there is no source/register.yaml with the entries marks name`}},
		{"duplicate id", "persons:\n  - id: stalin\n    name: S\n    forms: [Stalin]\nplaces:\n  - id: stalin\n    name: T\n    forms: [Molotov]\n", text,
			[]string{`source/register.yaml:6:5: register id "stalin" is given twice (first at line 2): each entry needs an id of its own`}},
		{"shared form", "persons:\n  - id: stalin\n    name: S\n    forms: [Stalin]\n  - id: molotov\n    name: M\n    forms:\n      - Molotov\n      - Stalin\n", text,
			[]string{`source/register.yaml:9:9: form "Stalin" is a form of both "stalin" and "molotov" (line 4): a form stands for one entry; tie the other's occurrences with a mark, [Stalin]{index=molotov}`}},
		{"form twice", "persons:\n  - id: stalin\n    name: S\n    forms: [Stalin, Stalin]\n", text,
			[]string{`source/register.yaml:4:21: form "Stalin" is given twice in entry "stalin" (first at line 4)`}},
		// A note's code is set in the monospace face too, and checked against it where it stands.
		{"code the monospace face lacks, in a note", "persons:\n  - id: stalin\n    name: S\n    forms: [Stalin]\n    note: \"Wrote `a ↖ b`.\"\n", text,
			[]string{`source/register.yaml:5:21: character '↖' (U+2196) in code cannot be drawn in Noto Sans Mono, the monospace face code is set in: write it outside the code, or replace it`}},
		{"bad id", "persons:\n  - id: Stalin\n    name: S\n", text,
			[]string{`source/register.yaml:2:9: register id "Stalin" must be lower-case letters, digits and hyphens, such as stalin or moscow-committee`}},
		{"no id", "persons:\n  - name: S\n", text,
			[]string{`source/register.yaml:2:5: an entry of persons has no id: give it one (lower-case letters, digits and hyphens), which marks name it by`}},
		{"no name", "persons:\n  - id: stalin\n    forms: [Stalin]\n", text,
			[]string{`source/register.yaml:2:5: register entry "stalin" has no name: give the heading the index prints, such as "Stalin, Joseph Vissarionovich"`}},
		{"unknown key", "persons:\n  - id: stalin\n    name: S\n    born: 1878\n", text,
			[]string{`source/register.yaml:4:5: unknown key "born" in an entry of persons; known keys are id, name, forms, dates, note, wikidata, viaf, gnd`}},
		{"unknown list", "people:\n  - id: stalin\n", text,
			[]string{`source/register.yaml:1:1: unknown key "people" in register.yaml; known keys are persons, places, organisations`}},
		{"bad wikidata", "persons:\n  - id: stalin\n    name: S\n    forms: [Stalin]\n    wikidata: 855\n", text,
			[]string{`source/register.yaml:5:15: wikidata "855" must be a Wikidata item's Q-number, such as Q855`}},
		{"form not a word", "persons:\n  - id: stalin\n    name: S\n    forms: [\"‘Stalin’\"]\n", text,
			[]string{`source/register.yaml:4:14: form "‘Stalin’" must begin with a letter or a digit: forms are matched as whole words`}},
		{"note reference in a register note", "persons:\n  - id: stalin\n    name: S\n    forms: [Stalin]\n    note: \"Leader.[^1]\"\n", text,
			[]string{`source/register.yaml:5:19: note reference [^1] inside a note: notes cannot have notes of their own`}},
		{"mark in a register note", "persons:\n  - id: stalin\n    name: S\n    forms: [Stalin]\n    note: \"[Leader]{index=stalin}.\"\n", text,
			[]string{`source/register.yaml:5:21: index=stalin in the register: marks tie the documents' words to entries, and a register note is not one of the texts`}},
		{"malformed register", "persons:\n  - id: [stalin\n", text,
			[]string{`source/register.yaml:2:1: malformed YAML: did not find expected ',' or ']'`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			files := map[string]string{"source/book.yaml": goodBook, "source/a.md": c.doc}
			if c.register != "" {
				files["source/register.yaml"] = c.register
			}
			got := diagnostics(t, writeProject(t, files))
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}

// TestUnmatchedEntryWarns: an entry nothing in the texts stands for is a warning at the entry.
func TestUnmatchedEntryWarns(t *testing.T) {
	dir := writeProject(t, map[string]string{"source/book.yaml": goodBook, "source/a.md": "# T\n\nStalinist Molotov.\n",
		"source/register.yaml": "persons:\n  - id: stalin\n    name: S\n    forms: [Stalin, J.V. Stalin]\n  - id: molotov\n    name: M\n    forms: [Molotov]\n  - id: beria\n    name: B\n"})
	_, warnings, err := Load(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range warnings {
		got = append(got, w.String())
	}
	want := []string{
		`source/register.yaml:2:5: warning: register entry "stalin" stands nowhere in the texts: no mark names it, and none of its forms (Stalin, J.V. Stalin) stands in them as whole words`,
		`source/register.yaml:8:5: warning: register entry "beria" stands nowhere in the texts: no mark names it and it has no forms`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

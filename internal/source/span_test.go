package source

import (
	"fmt"
	"strings"
	"testing"

	"colophon/internal/edition"
)

// dump writes inlines as a compact tree: Text as itself, others as Kind(children).
func dump(in []edition.Inline) string {
	var b strings.Builder
	for _, x := range in {
		switch x.Kind {
		case edition.Text:
			b.WriteString(x.Text)
		case edition.Emph:
			b.WriteString("Emph(" + dump(x.Children) + ")")
		case edition.Code:
			b.WriteString("Code(" + x.Text + ")")
		case edition.Link:
			b.WriteString("Link(" + dump(x.Children) + ")")
		case edition.NoteRef:
			b.WriteString("Note(" + x.Text + ")")
		case edition.Span:
			attrs := ""
			if x.Attr != nil {
				attrs = fmt.Sprint(x.Attr.Classes, x.Attr.Pairs)
			}
			b.WriteString("Span" + attrs + "(" + dump(x.Children) + ")")
		default:
			b.WriteString(fmt.Sprintf("K%d(%s)", x.Kind, dump(x.Children)))
		}
	}
	return b.String()
}

// withSpanAttributes gives spans a class and a key for the length of a test, as a feature does.
func withSpanAttributes(t *testing.T) {
	t.Helper()
	spanClasses["demo"] = "a class for tests"
	spanKeys["k"] = "a key for tests"
	t.Cleanup(func() { delete(spanClasses, "demo"); delete(spanKeys, "k") })
}

// TestSpans parses bracketed spans where they stand among the other inlines: their text is
// Markdown like any other, and what is not a span stays text as it was.
func TestSpans(t *testing.T) {
	withSpanAttributes(t)
	cases := []struct{ md, want string }{
		{"A [span *with* emphasis]{} here.", "A Span[] [](span Emph(with) emphasis) here."},
		{"A [phrase]{.demo k=v} and [another]{k=\"two words\"}.", "A Span[demo] [[k v]](phrase) and Span[] [[k two words]](another)."},
		{"[a [link](https://example.org) inside]{.demo}", "Span[demo] [](a Link(link) inside)"},
		{"[[b]{.demo} c](https://example.org)", "Link(Span[demo] [](b) c)"},
		{"Not a span: [x] {not attributes}, [y]{.demo and [z].", "Not a span: [x] {not attributes}, [y]{.demo and [z]."},
		{`[a\]b]{.demo}`, "Span[demo] [](a]b)"},
		{"[`]` code]{.demo}", "Span[demo] [](Code(]) code)"},
		{"[over\ntwo lines]{.demo}", "Span[demo] [](over two lines)"},
		{"[text with a note[^1]]{.demo}\n\n[^1]: The note.", "Span[demo] [](text with a noteNote(1))"},
		{"[outer [inner]{.demo} text]{k=1}", "Span[] [[k 1]](outer Span[demo] [](inner) text)"},
		{"*a [b* c]{.demo}", "*a Span[demo] [](b* c)"},
	}
	for _, c := range cases {
		dir := writeProject(t, map[string]string{"source/book.yaml": goodBook, "source/a.md": "# T\n\n" + c.md + "\n"})
		b, _, err := Load(dir, Options{})
		if err != nil {
			t.Errorf("%q: %v", c.md, err)
			continue
		}
		if got := dump(b.Documents[0].Blocks[0].Inlines); got != c.want {
			t.Errorf("%q:\n got %s\nwant %s", c.md, got, c.want)
		}
	}
}

// TestSpanAttributesChecked: an attribute colophon does not know, or braces it cannot read, is an
// error at its place, with the closest known attribute suggested.
func TestSpanAttributesChecked(t *testing.T) {
	withSpanAttributes(t)
	cases := []struct{ md, want string }{
		{"A [b]{.dmo}.", "source/a.md:3:7: unknown span class .dmo (did you mean .demo?); colophon knows .demo (a class for tests), .noindex (keeps the words out of the register's index: [Molotov]{.noindex} cocktail), .smallcaps (small capitals, for abbreviations and names: [RGANI]{.smallcaps})"},
		{"A [b]{kk=1}.", "source/a.md:3:7: unknown span attribute kk=1 (did you mean k=?); colophon knows index= (ties the words to the register entries whose ids it gives: [the General Secretary]{index=stalin}), k= (a key for tests), lang= (the language of the words, as a language tag: [λόγος]{lang=el}; a paragraph that is one such span is a passage in that language)"},
		{"A [b]{#here #there}.", "source/a.md:3:13: a span has one id; #there is its second"},
		{"A [b]{k=1 k=2}.", "source/a.md:3:11: k= is given twice in one span"},
		{"A [b]{ref stalin}.", `source/a.md:3:6: cannot read the span's attributes: "ref" is not an attribute: write .ref for a class or ref=value (write [text]{.class}, [text]{#id} or [text]{key=value})`},
	}
	for _, c := range cases {
		got := diagnostics(t, writeProject(t, map[string]string{"source/book.yaml": goodBook, "source/a.md": "# T\n\n" + c.md + "\n"}))
		if len(got) != 1 || got[0] != c.want {
			t.Errorf("%q:\n got %q\nwant %q", c.md, got, c.want)
		}
	}
}

// TestSpanInFrontMatter: a front matter value is a line of Markdown, spans included, with their
// positions in the YAML.
func TestSpanInFrontMatter(t *testing.T) {
	withSpanAttributes(t)
	dir := writeProject(t, map[string]string{"source/book.yaml": goodBook, "source/a.md": "---\ntitle: \"A [title]{.demo}\"\ndateline: \"[1956]{.dmo}\"\n---\n\nText.\n"})
	got := diagnostics(t, dir)
	want := "source/a.md:3:19: unknown span class .dmo (did you mean .demo?); colophon knows .demo (a class for tests), .noindex (keeps the words out of the register's index: [Molotov]{.noindex} cocktail), .smallcaps (small capitals, for abbreviations and names: [RGANI]{.smallcaps})"
	if len(got) != 1 || got[0] != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

// TestSpanScanBounded: a paragraph of thousands of opening brackets parses in linear time.
func TestSpanScanBounded(t *testing.T) {
	md := strings.Repeat("[a ", 200000)
	dir := writeProject(t, map[string]string{"source/book.yaml": goodBook, "source/a.md": "# T\n\n" + md + "\n"})
	b, _, err := Load(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := edition.PlainText(b.Documents[0].Blocks[0].Inlines); got != strings.TrimSpace(md) {
		t.Fatalf("the brackets were not kept as text: %d characters of %d", len(got), len(md))
	}
}

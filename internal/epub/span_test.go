package epub

import (
	"strings"
	"testing"

	"colophon/internal/edition"
)

// TestSpanTextWritten: a bracketed span's text is in the page with its markup, and nothing of
// the brackets or braces.
func TestSpanTextWritten(t *testing.T) {
	d := &edition.Document{ID: "a", Title: []edition.Inline{{Kind: edition.Text, Text: "T"}}, Blocks: []edition.Block{{Kind: edition.Paragraph, Inlines: []edition.Inline{
		{Kind: edition.Text, Text: "Before "},
		{Kind: edition.Span, Attr: &edition.Attr{}, Children: []edition.Inline{{Kind: edition.Text, Text: "inside "}, {Kind: edition.Emph, Children: []edition.Inline{{Kind: edition.Text, Text: "this"}}}}},
		{Kind: edition.Text, Text: " after."},
	}}}}
	p := documentPage(&edition.Book{Language: "en"}, d, "", nil, nil, nil, nil, occurrences{})
	if !strings.Contains(p.body, "<p>Before inside <em>this</em> after.</p>") {
		t.Fatalf("the span's text is not in the page as it should be:\n%s", p.body)
	}
}

package source

import (
	"strings"

	"colophon/internal/edition"
)

// Languages within a document: a span with a language, [λόγος]{lang=el}, tags its words; a
// paragraph that is one such span and nothing else is a passage in that language, set in its
// direction and hyphenated by its patterns.
func init() {
	spanClasses["smallcaps"] = "small capitals, for abbreviations and names: [RGANI]{.smallcaps}"
	spanKeys["lang"] = "the language of the words, as a language tag: [λόγος]{lang=el}; a paragraph that is one such span is a passage in that language"
}

// passage reads a paragraph written as one span with a language: the paragraph takes the
// language, and its text is the span's.
func passage(b edition.Block) edition.Block {
	in := b.Inlines
	for len(in) > 0 && in[0].Kind == edition.Text && strings.TrimSpace(in[0].Text) == "" {
		in = in[1:]
	}
	for len(in) > 0 && in[len(in)-1].Kind == edition.Text && strings.TrimSpace(in[len(in)-1].Text) == "" {
		in = in[:len(in)-1]
	}
	if len(in) != 1 || in[0].Kind != edition.Span {
		return b
	}
	lang, ok := in[0].Attr.Value("lang")
	if !ok || len(in[0].Attr.Classes) > 0 || len(in[0].Attr.Pairs) > 1 {
		return b
	}
	b.Lang, b.Inlines = lang, in[0].Children
	return b
}

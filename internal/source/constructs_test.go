package source

import (
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// TestEveryConstructCarriedOrRefused walks the node kinds colophon's goldmark makes of every
// construct CommonMark and the enabled extensions know. Each kind has a decided fate here: carried
// into the outputs (the sample loads without a finding; TestNoRawMarkdown in internal/build checks
// the outputs of the rich edition, which holds them) or refused by check with a diagnostic. A kind
// met that the table does not list — a new goldmark construct, an extension switched on — fails
// the test until someone decides what colophon does with it.
func TestEveryConstructCarriedOrRefused(t *testing.T) {
	fate := map[string]string{
		"Document": "carried", "Paragraph": "carried", "TextBlock": "carried", "Text": "carried", "String": "carried",
		"Heading": "carried", "ThematicBreak": "carried", "Blockquote": "carried", "List": "carried", "ListItem": "carried",
		"CodeBlock": "carried", "FencedCodeBlock": "carried", "CodeSpan": "carried", "Emphasis": "carried",
		"Link": "carried", "AutoLink": "carried", "Image": "carried", "Strikethrough": "carried",
		"Table": "carried", "TableHeader": "carried", "TableRow": "carried", "TableCell": "carried",
		"Footnote": "carried", "FootnoteList": "carried", "NoteRef": "carried", "Verse": "carried", "Passage": "carried", "Span": "carried",
		"Citation": "carried", "XRef": "carried", "DefinitionList": "carried", "DefinitionTerm": "carried", "DefinitionDescription": "carried",
		"HTMLBlock": "refused", "RawHTML": "refused", "Refused": "refused",
	}
	samples := []struct{ name, md, refusal string }{
		{"paragraph", "Text with *emphasis*, **strong**, `code` and a [link](https://example.org) and <https://example.org>.\n", ""},
		{"heading", "## A section\n\nText.\n\n### A subsection\n\nText.\n", ""},
		{"setext heading", "A section\n---------\n\nText.\n", ""},
		{"rule", "Text.\n\n***\n\nText.\n", ""},
		{"typography", "\"Quoted\" and 'single' -- with a dash...\n", ""},
		{"quote", "> Quoted.\n>\n> > Nested.\n", ""},
		{"lists", "- one\n- two\n\n1. first\n2. second\n\n- tight\n  - nested\n", ""},
		{"indented code", "Text.\n\n    code line\n", ""},
		{"fenced code", "```\ncode line\n```\n", ""},
		{"figure", "![A map](map.png)\n: Its caption.\n", ""},
		{"image in a line", "A mark ![a mark](map.png) in a line.\n", "stands inside a line of text"},
		{"struck", "Words ~~struck~~ out.\n", ""},
		{"definition list", "RGANI\n: Russian State Archive of Contemporary History.\n\nF.\nOp.\n: Fond and opis, the archive's divisions.\n", ""},
		{"span", "A [bracketed *span*]{} in a line.\n", ""},
		{"table", "| A | B |\n|---|--:|\n| 1 | 2 |\n", ""},
		{"note", "Text.[^1] Hurrah![^2]\n\n[^1]: A note.\n\n[^2]: Another.\n", ""},
		{"verse", "::: verse\nA line,\nanother.\n\nA stanza.\n:::\n", ""},
		{"passage", "::: {lang=fr}\nUn paragraphe.[^1]\n\n::: verse\nUn vers,\nun autre.\n:::\n\n- une liste\n:::\n\nAfter.\n\n[^1]: A note.\n", ""},
		{"unclosed passage", "::: {lang=fr}\nUn paragraphe.\n", "the passage begun here is never closed"},
		{"passage without a language", "::: {.fr}\nUn paragraphe.\n:::\n", "a passage says only its language"},
		{"html block", "<div>raw</div>\n", "raw HTML is not allowed"},
		{"inline html", "Text <span>raw</span>.\n", "raw HTML is not allowed"},
		{"index entry", "Stalin\\index{Stalin, J. V.} wrote.\n", "an index entry \"\\index{Stalin, J. V.}\" is not allowed: colophon makes the index from source/register.yaml"},
		{"latex", "Set \\textit{this} and \\emph{that}.\n", "LaTeX \"\\textit{this}\" is not allowed"},
		{"math", "The ratio $a\\,b^2$ held.\n", "math \"$a\\,b^2$\" is not allowed"},
		{"display math", "$$x = y$$\n", "math \"$$x = y$$\" is not allowed"},
		{"cross-reference", "As [#a] shows, and [a passage]{#here}.\n", ""},
		{"cross-reference to nothing", "As [#b] shows.\n", "cross-reference [#b]: no document, note, id or register entry"},
		{"citation", "As shown [@smith2001, p. 3].\n", "citation @smith2001: there is no source/references.bib"},
		{"money", "It cost $5 and then $10.\n", ""},
		{"escaped brackets", "A \\[sic\\] and a \\$ sign.\n", ""},
		{"stray attributes", "A word {.smallcaps} and {lang=de}.\n", "attributes \"{.smallcaps}\" follow no span"},
	}
	seen := map[string]bool{}
	for _, s := range samples {
		md := markdownFor("en")
		doc := md.Parser().Parse(text.NewReader([]byte(s.md)))
		ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if entering {
				seen[n.Kind().String()] = true
			}
			return ast.WalkContinue, nil
		})
		got := diagnostics(t, writeProject(t, map[string]string{"source/book.yaml": goodBook, "source/a.md": "# T\n\n" + s.md, "source/map.png": pngOf(40, 30)}))
		switch {
		case s.refusal == "" && len(got) > 0:
			t.Errorf("%s: carried constructs gave findings: %q", s.name, got)
		case s.refusal != "" && !slices.ContainsFunc(got, func(d string) bool { return strings.Contains(d, s.refusal) }):
			t.Errorf("%s: not refused with %q: %q", s.name, s.refusal, got)
		}
	}
	for k := range seen {
		if _, ok := fate[k]; !ok {
			t.Errorf("goldmark made a %s node, which colophon has no decision for: carry it into every output or refuse it in check", k)
		}
	}
	for k := range fate {
		if !seen[k] {
			t.Errorf("no sample makes a %s node: add one, so its fate is tested", k)
		}
	}
}

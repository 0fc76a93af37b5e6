package edition

import (
	"strings"
	"unicode"
)

// PlainText is the text of inlines without markup or note references, for titles in metadata,
// bookmarks and running heads.
func PlainText(in []Inline) string {
	var b strings.Builder
	writePlain(&b, in)
	return b.String()
}

func writePlain(b *strings.Builder, in []Inline) {
	for _, x := range in {
		switch x.Kind {
		case Text, Code:
			b.WriteString(x.Text)
		case Image:
			b.WriteString(x.Text)
		case LineBreak:
			b.WriteByte(' ')
		case NoteRef:
		default:
			writePlain(b, x.Children)
		}
	}
}

// BlocksText is the plain text of blocks, one paragraph per line.
func BlocksText(blocks []Block) string {
	var b strings.Builder
	var walk func([]Block)
	walk = func(bs []Block) {
		for _, bl := range bs {
			switch bl.Kind {
			case CodeBlock:
				b.WriteString(bl.Text)
				b.WriteByte('\n')
			case Quote, List, ListItem, Verse, Stanza, Table, TableRow, DefinitionList, DefinitionDesc, Passage:
				walk(bl.Children)
			case Rule:
			default:
				writePlain(&b, bl.Inlines)
				b.WriteByte('\n')
			}
		}
	}
	walk(blocks)
	return b.String()
}

// IsWordSpace reports whether r separates words: any Unicode space except the no-break spaces.
// The print typesetter and the EPUB writer count running-text words with it, so that a printed
// page's first word can be found in the ebook.
func IsWordSpace(r rune) bool {
	return r != '\u00a0' && r != '\u202f' && r != '\u2007' && unicode.IsSpace(r)
}

// Sentence ends s with a full stop unless it already ends with one (or with ? ! …), so that a
// value written with its own stop ("Archive. Fond 1.") is not printed with two.
func Sentence(s string) string {
	t := strings.TrimRightFunc(s, unicode.IsSpace)
	if t == "" || strings.ContainsAny(t[len(t)-1:], ".?!") || strings.HasSuffix(t, "…") {
		return t
	}
	return t + "."
}

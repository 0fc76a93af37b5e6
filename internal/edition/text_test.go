package edition

import (
	"strings"
	"testing"
)

// TestBlocksTextHoldsEveryBlock: the plain text of blocks, from which the fonts are cut, holds
// the words of definition lists and passages too (a term's letter used nowhere else was cut from
// the fonts, and the PDF stopped at it).
func TestBlocksTextHoldsEveryBlock(t *testing.T) {
	txt := func(s string) []Inline { return []Inline{{Kind: Text, Text: s}} }
	blocks := []Block{
		{Kind: DefinitionList, Children: []Block{
			{Kind: DefinitionTerm, Inlines: txt("Ωmega")},
			{Kind: DefinitionDesc, Children: []Block{{Kind: Paragraph, Inlines: txt("Ψ is a letter.")}}},
		}},
		{Kind: Passage, Lang: "fr", Children: []Block{{Kind: Paragraph, Inlines: txt("Ça va.")}}},
	}
	got := BlocksText(blocks)
	for _, w := range []string{"Ωmega", "Ψ is a letter.", "Ça va."} {
		if !strings.Contains(got, w) {
			t.Errorf("the blocks' text lacks %q: %q", w, got)
		}
	}
}

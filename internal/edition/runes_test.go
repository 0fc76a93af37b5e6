package edition

import (
	"slices"
	"testing"
)

// Runes lists every character of the text once, in order, astral ones (past the bit set's
// plane) included, with the parts a composed character decomposes into.
func TestRunes(t *testing.T) {
	b := &Book{Title: "Łódź 𝔄 ж ж", Documents: []*Document{{ShortTitle: "😀 é"}}}
	got := Runes(b)
	if !slices.IsSorted(got) || len(slices.Compact(slices.Clone(got))) != len(got) {
		t.Fatalf("not sorted, or repeated: %q", got)
	}
	for _, r := range []rune{' ', '~', 'Ł', 'ó', 'o', '\u0301', 'ź', 'z', 'ж', '𝔄', '😀', 'é', 'e', '…'} {
		if !slices.Contains(got, r) {
			t.Errorf("%q (U+%04X) is missing from %q", r, r, got)
		}
	}
	if slices.Contains(got, 'Ж') || slices.Contains(got, '\x7f') {
		t.Errorf("characters the edition does not have: %q", got)
	}
}

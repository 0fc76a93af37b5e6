package typeset

import (
	"fmt"
	"sync"
	"testing"

	"colophon/internal/testkit"
)

// Shaping on all cores at once: every caller of a text gets the one result kept for it (the
// same pointer), whose glyphs are those the text shapes to alone, and texts with the same
// characters in another direction or in small capitals are kept apart.
func TestShapeCacheShared(t *testing.T) {
	fs, err := NewFonts(testkit.Seed(t).Fonts)
	if err != nil {
		t.Fatal(err)
	}
	words := make([]string, 200)
	for i := range words {
		words[i] = fmt.Sprintf("Kommunist%d", i%50) // each word four times
	}
	face := fs.Face(0)
	got := make([][]*Shaped, 4)
	var wg sync.WaitGroup
	for g := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, w := range words {
				got[g] = append(got[g], face.ShapeWith(w, false, false))
			}
		}()
	}
	wg.Wait()
	for i, w := range words {
		first := got[0][i]
		for g := range got {
			if got[g][i] != first {
				t.Fatalf("%q: two results kept", w)
			}
		}
		if first != face.ShapeWith(words[i%50], false, false) || len(first.Glyphs) != len(w) {
			t.Errorf("%q: shaped to %d glyphs, or not the result kept", w, len(first.Glyphs))
		}
	}
	plain, caps := face.ShapeWith("Moscow", false, false), face.ShapeWith("Moscow", false, true)
	if plain == caps {
		t.Error("small capitals share the plain text's result")
	}
	if plain == face.ShapeWith("Moscow", true, false) {
		t.Error("right to left shares the left-to-right result")
	}
}

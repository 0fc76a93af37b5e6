package epub

import (
	"regexp"
	"slices"
	"testing"

	"colophon/internal/testkit"
)

// TestPackageListsEveryLanguage: the package document names every language the documents are
// printed in, the book's first (EPUB 3.3 §5.5.3.1.2: the first dc:language is the primary one),
// as the library records do; it listed only the book's.
func TestPackageListsEveryLanguage(t *testing.T) {
	_, data := build(t, testkit.Languages(t))
	opf := entries(t, data)["EPUB/package.opf"]
	var got []string
	for _, m := range regexp.MustCompile(`<dc:language>([^<]*)</dc:language>`).FindAllStringSubmatch(opf, -1) {
		got = append(got, m[1])
	}
	if want := []string{"en", "de", "fr", "ru"}; !slices.Equal(got, want) {
		t.Errorf("dc:language %v, want %v", got, want)
	}
}

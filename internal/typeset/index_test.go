package typeset

import (
	"strings"
	"testing"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"colophon/internal/edition"
)

// TestSortedByCollation: the index's order by collation keys is the order the collator's own
// comparison gives (letters before accents, case ignored), ties by id, in English and in a
// language whose collation differs (Swedish sorts Ö after Z).
func TestSortedByCollation(t *testing.T) {
	names := []string{"Ordzhonikidze", "Örsted", "orlov", "Orzhonikidze", "Émile", "Eliot", "émile", "Zhdanov", "Oz", "Orlov"}
	var es []*edition.Entry
	for i, n := range names {
		es = append(es, &edition.Entry{ID: string(rune('z' - i)), Name: n})
	}
	for _, lang := range []string{"en", "sv"} {
		got := sorted(&edition.Book{Language: lang}, es)
		c := collate.New(language.MustParse(lang), collate.Loose)
		for i := 1; i < len(got); i++ {
			x, y := got[i-1], got[i]
			r := c.CompareString(x.Name, y.Name)
			if r > 0 || r == 0 && strings.Compare(x.ID, y.ID) > 0 {
				t.Errorf("%s: %q (%s) sorted before %q (%s)", lang, x.Name, x.ID, y.Name, y.ID)
			}
		}
		var order []string
		for _, e := range got {
			order = append(order, e.Name)
		}
		t.Logf("%s: %s", lang, strings.Join(order, ", "))
	}
}

package typeset

import (
	"fmt"
	"strings"
	"testing"
)

// TestIndentAfterFloatedTable sets a small table where it does not fit on what is left of its
// page, so it floats to the next and the paragraph after it in the source moves up: that
// paragraph is indented, as a paragraph after a paragraph is (it used to be set flush, running on
// from the paragraph before as if it were that one's). A paragraph after a table that follows a
// heading stays flush, as after the heading.
func TestIndentAfterFloatedTable(t *testing.T) {
	table := "| Year | Price |\n|---|---|\n| 1846 | 7 |\n| 1847 | 14 |\n| 1848 | 9 |\n| 1849 | 8 |\n| 1850 | 11 |\n\n"
	para := "The harvest of that year was poor, and the price of bread rose in every market of the district, as the committee's reports say at length. "
	for n := 1; n < 40; n++ {
		src := "# T\n\n## Before\n\n" + table + "Under the heading, a paragraph after a table.\n\n"
		for i := 0; i < n; i++ {
			src += fmt.Sprintf("Paragraph %d. %s%s\n\n", i, para, para)
		}
		src += table + "After the table, a new paragraph. " + para + "\n\nThe end.\n"
		bk := typeset(t, project(t, map[string]string{"a.md": src}), "a5")
		var after, under *Placed
		moved := false
		for _, p := range bk.Pages {
			for i, pl := range p.Placed {
				text := lineText(pl.Line)
				switch {
				case strings.HasPrefix(text, "Afterthetable"):
					after = &p.Placed[i]
				case strings.HasPrefix(text, "Undertheheading"):
					under = &p.Placed[i]
				}
				if pl.Moved && after != nil && p.Number > 1 {
					moved = true // a line of the second table, set after the paragraph that follows it
				}
			}
		}
		if !moved {
			continue
		}
		if after == nil || under == nil {
			t.Fatal("the paragraphs are not set")
		}
		if first := after.Line.Glyphs[0]; first.X <= 0.5 {
			t.Errorf("%d paragraphs: the paragraph after the floated table is set flush (its first run at %.2f pt)", n, first.X)
		}
		if first := under.Line.Glyphs[0]; first.X > 0.01 {
			t.Errorf("the paragraph after a table under a heading is indented %.2f pt", first.X)
		}
		t.Logf("%d paragraphs before the table: it floats; the paragraph after it begins at %.2f pt", n, after.Line.Glyphs[0].X)
		return
	}
	t.Fatal("the table never floated")
}

package typeset

import (
	"fmt"
	"strings"
	"testing"

	"colophon/internal/edition"
	"colophon/internal/print"
)

// cellTexts reads back each table cell as set: its lines joined, a line that ends in a hyphen
// the break added joined to the next without it, others with a space. A word cut without a
// hyphen comes back with a space in it.
func cellTexts(bk *Book) map[*Struct]string {
	lines := map[*Struct][]*Line{}
	var order []*Struct
	for _, p := range bk.Pages {
		for _, pl := range p.Placed {
			st := pl.Line.Struct
			if st == nil || (st.Type != "TD" && st.Type != "TH") {
				continue
			}
			if _, ok := lines[st]; !ok {
				order = append(order, st)
			}
			lines[st] = append(lines[st], pl.Line)
		}
	}
	out := map[*Struct]string{}
	for _, st := range order {
		var b strings.Builder
		for i, ln := range lines[st] {
			var s strings.Builder
			end := 0.0
			for k, g := range ln.Glyphs {
				if k > 0 && g.X > end+0.1 {
					s.WriteByte(' ') // glue: the runs are placed apart
				}
				end = g.X + g.Width
				if g.Note() == nil {
					s.WriteString(g.Text)
				}
			}
			text := strings.TrimSpace(s.String())
			if ln.BreakHyphen {
				text = strings.TrimSuffix(text, "-")
			}
			b.WriteString(text)
			if !ln.BreakHyphen && i < len(lines[st])-1 {
				b.WriteByte(' ')
			}
		}
		out[st] = b.String()
	}
	return out
}

// tableCells are the source cells of every table of a book, in order.
func tableCells(b *edition.Book) []string {
	var out []string
	for _, d := range b.Documents {
		for _, bl := range d.Blocks {
			if bl.Kind != edition.Table {
				continue
			}
			for _, r := range bl.Children {
				for _, c := range r.Children {
					out = append(out, strings.Join(strings.Fields(edition.PlainText(c.Inlines)), " "))
				}
			}
		}
	}
	return out
}

// setCells are the cells as set, in the order of the structure tree.
func setCells(bk *Book) []string {
	texts := cellTexts(bk)
	var out []string
	var walk func(*Struct)
	walk = func(s *Struct) {
		if s.Type == "TD" || s.Type == "TH" {
			out = append(out, texts[s])
			return
		}
		for _, k := range s.Kids {
			walk(k)
		}
	}
	walk(bk.Root)
	return out
}

// A ledger whose first column is short words beside a column of long text: the long column
// used to take the room and the first column's "row01" was set "row0" / "1". Every cell must
// come back whole, at A5 and at a narrow trim, and a column of long words in a narrow table is
// hyphenated rather than cut.
func TestTableCellsWhole(t *testing.T) {
	var src strings.Builder
	src.WriteString("# Ledger\n\nBefore.\n\n| No. | Status | Amount |\n|---|---|---:|\n")
	for i := 1; i <= 45; i++ {
		fmt.Fprintf(&src, "| row%02d | Received, entered in the register of incoming correspondence and passed to the department for an answer within the month | %d.%02d |\n", i, i*7, i)
	}
	src.WriteString("\nBetween.\n\n| Bezeichnung | Bundesfestungsverwaltungskommission | Unterstützungskassen | Arbeiterschutzbestimmungen |\n|---|---|---|---|\n")
	src.WriteString("| Gewerkschaftsvertretung | Landesverteidigungsministerium | Eisenbahnverwaltung | Staatsangehörigkeitsbescheinigung |\n")
	src.WriteString("\nAfter.\n")
	b := project(t, map[string]string{"a.md": src.String()})
	b.Language = "de"
	for _, d := range b.Documents {
		d.Language = "de"
	}
	want := tableCells(b)
	for _, trim := range []string{"a5", "5.5x8.5in", "royal"} {
		bk, err := Typeset(b, Options{Trim: print.Trims[trim]})
		if err != nil {
			t.Fatalf("%s: %v", trim, err)
		}
		got := setCells(bk)
		if len(got) != len(want) {
			t.Fatalf("%s: %d cells set; want %d", trim, len(got), len(want))
		}
		bad := 0
		for i := range want {
			if got[i] != want[i] {
				if bad++; bad <= 5 {
					t.Errorf("%s: cell %d set as %q; want %q", trim, i, got[i], want[i])
				}
			}
		}
		for _, msg := range bk.Overfull {
			t.Errorf("%s: %s", trim, msg)
		}
	}
}

// tablePages are the pages holding body rows of the table whose first column's cells begin
// with prefix, with the count of rows on each.
func tablePages(bk *Book, prefix string) (pages []int, rows map[int]int) {
	rows = map[int]int{}
	for _, p := range bk.Pages {
		for _, pl := range p.Placed {
			if pl.Line.Struct != nil && pl.Line.Struct.Type == "TD" && strings.HasPrefix(lineText(pl.Line), prefix) {
				if rows[p.Number] == 0 {
					pages = append(pages, p.Number)
				}
				rows[p.Number]++
			}
		}
	}
	return pages, rows
}

// A table of a few rows cited near a page's foot is not split: it goes whole to the top of the
// next page, and the paragraphs after it fill the page it was cited on, as a figure floats.
func TestSmallTableKeptWhole(t *testing.T) {
	var src strings.Builder
	src.WriteString("# A\n\n")
	para := func(i int) {
		fmt.Fprintf(&src, "Paragraph %d of the letter, long enough to run to three lines or four on an A5 page, so that a page holds a handful of them and the table can be seen to float past some.\n\n", i)
	}
	floated := 0
	for n := 6; n <= 14; n++ { // the table after n paragraphs: some of these put it at a page's foot
		src.Reset()
		src.WriteString("# A\n\n")
		for i := range n {
			para(i)
		}
		src.WriteString("| Year | Fond | Remarks |\n|---|---:|---|\n| 1956 | 5 | QROW one |\n| 1957 | 6 | QROW two |\n| 1958 | 7 | QROW three |\n| 1959 | 8 | QROW four |\n\n")
		src.WriteString("The paragraph after the table, AFTERWORD, which may be set before it.\n\n")
		for i := range 6 {
			para(100 + i)
		}
		bk := typeset(t, project(t, map[string]string{"a.md": src.String()}), "a5")
		pages, rows := tablePages(bk, "195")
		if len(pages) != 1 || rows[pages[0]] != 4 {
			t.Errorf("after %d paragraphs: the 4-row table is set on pages %v (%v rows); want all on one", n, pages, rows)
			continue
		}
		// Where the table went past the page's foot, the text after it is on the page before.
		after := 0
		for _, p := range bk.Pages {
			for _, pl := range p.Placed {
				if strings.Contains(lineText(pl.Line), "AFTERWORD") {
					after = p.Number
				}
			}
		}
		if after < pages[0] {
			floated++
			// The page it floated from is full: no hole where the table would not fit.
			p := bk.Pages[after-1]
			lowest := 0.0
			for _, pl := range p.Placed {
				if pl.Role == RoleText {
					lowest = max(lowest, pl.Y)
				}
			}
			if room := bk.Geometry.TopY() + bk.Geometry.TextHeight - lowest; room > 3*bk.Geometry.Leading {
				t.Errorf("after %d paragraphs: page %d, which the table floated from, is left %.0f pt short", n, after, room)
			}
		}
	}
	if floated == 0 {
		t.Error("the table never floated: no paragraph count put it at a page's foot")
	}
}

// A table longer than a page breaks only between rows, with two rows at least on each side.
func TestLongTableKeepsTwoRows(t *testing.T) {
	for _, n := range []int{40, 41, 42, 43, 44, 45, 46, 47} {
		var src strings.Builder
		src.WriteString("# T\n\n")
		for i := range 5 {
			fmt.Fprintf(&src, "Paragraph %d before the table, long enough to run to three lines or four on an A5 page, to move the table down the page.\n\n", i)
		}
		src.WriteString("| Year | Fond | Remarks |\n|---|---:|---|\n")
		for i := range n {
			fmt.Fprintf(&src, "| %d | F%d | Row %d of the register |\n", 1800+i, i, i)
		}
		src.WriteString("\nAfter the table.\n")
		bk := typeset(t, project(t, map[string]string{"a.md": src.String()}), "a5")
		pages, rows := tablePages(bk, "18")
		if len(pages) < 2 {
			t.Fatalf("%d rows on %d pages: want a table longer than a page", n, len(pages))
		}
		total := 0
		for _, p := range pages {
			total += rows[p]
			if rows[p] < tableMinRows {
				t.Errorf("%d rows: page %d holds %d of them (pages %v)", n, p, rows[p], rows)
			}
		}
		if total != n {
			t.Errorf("%d rows: %d set", n, total)
		}
	}
}

package typeset

import (
	"testing"

	"colophon/internal/edition"
	"colophon/internal/testkit"
)

// breakCounts are what a book designer looks for at the ends of paragraphs and pages.
type breakCounts struct {
	paragraphs, pages  int
	shortAfterHyphen   int // paragraphs whose last full line ends in a hyphen before a last line under a third of the measure
	hyphenAtPageEnd    int // pages ending in a hyphenated word
	avoidableAtPageEnd int // of those, pages where the page could have ended one or two lines higher instead
	cut                int // lines ending inside a word without a hyphen
}

// countBreaks reads a set book's paragraphs (lines sharing Line.Para) and pages.
func countBreaks(bk *Book) breakCounts {
	var c breakCounts
	type pos struct{ k, n int } // the line's place in its paragraph, from 1, and the paragraph's lines
	paras := map[int][]*Line{}
	for _, p := range bk.Pages {
		for _, pl := range p.Placed {
			if pl.Role == RoleText && pl.Line.Para > 0 && pl.Line.Struct != nil && pl.Line.Struct.Type != Artifact {
				paras[pl.Line.Para] = append(paras[pl.Line.Para], pl.Line)
			}
		}
	}
	at := map[*Line]pos{}
	for _, lines := range paras {
		c.paragraphs++
		for i, ln := range lines {
			at[ln] = pos{i + 1, len(lines)}
			if ln.Cut {
				c.cut++
			}
		}
		if n := len(lines); n >= 2 && lines[n-2].Hyphenated && lines[n-1].Natural < lines[n-1].Width/3 {
			c.shortAfterHyphen++
		}
	}
	for _, p := range bk.Pages {
		var body []*Line // the page's running text, top to bottom (the page builder placed it so)
		for _, pl := range p.Placed {
			if _, ok := at[pl.Line]; ok {
				body = append(body, pl.Line)
			}
		}
		if len(body) == 0 {
			continue
		}
		c.pages++
		last := body[len(body)-1]
		if !last.Hyphenated || at[last].k == at[last].n {
			continue
		}
		c.hyphenAtPageEnd++
		// The page builder's rule for a break inside or after a paragraph: after its last line, or
		// with two lines of it on each side; and not after a hyphen.
		for i := len(body) - 2; i >= 0 && i >= len(body)-3; i-- {
			ln, q := body[i], at[body[i]]
			if !ln.Hyphenated && (q.k == q.n || (q.k >= 2 && q.n-q.k >= 2)) {
				c.avoidableAtPageEnd++
				break
			}
		}
	}
	return c
}

// TestBreaksAtEnds counts, over the seed, the rich edition and a generated edition of 100
// documents, at each of their trims: paragraphs whose last full line ends in a hyphen before a
// short last line ("um-/brella."), pages ending in a hyphen where a break a line or two higher
// was allowed, and words cut without a hyphen. All must be none. README ("Hyphens at the ends
// of paragraphs and pages") gives the counts beside xelatex's on the same text.
func TestBreaksAtEnds(t *testing.T) {
	for _, e := range []struct {
		name string
		b    *edition.Book
	}{{"seed", testkit.Seed(t)}, {"rich", testkit.Rich(t)}, {"generated 100", testkit.Generated(t, 100, 1)}} {
		trim := e.b.Print.Trim.Name
		bk := typeset(t, e.b, trim)
		c := countBreaks(bk)
		t.Logf("%s (%s): %d paragraphs, %d pages; short last line after a hyphen %d; pages ending in a hyphen %d (avoidable %d); cut without a hyphen %d",
			e.name, trim, c.paragraphs, c.pages, c.shortAfterHyphen, c.hyphenAtPageEnd, c.avoidableAtPageEnd, c.cut)
		if c.shortAfterHyphen != 0 || c.avoidableAtPageEnd != 0 || c.cut != 0 {
			t.Errorf("%s: %d paragraphs end with a hyphen before a short last line, %d pages end in a hyphen where a break a line or two higher was allowed, %d words are cut without a hyphen; want none",
				e.name, c.shortAfterHyphen, c.avoidableAtPageEnd, c.cut)
		}
	}
}

// Compounds are hyphenated at their joints by the patterns of German, Dutch, Swedish, Danish and
// Norwegian (what the patterns give: each word below lists the joints found among its breaks),
// and a compound longer than half the measure is still hyphenated in a justified paragraph rather
// than set as an unbreakable string that leaves its line short.
func TestCompounds(t *testing.T) {
	for _, c := range []struct {
		lang, word string
		joints     []string // the word's first parts, each ending at a joint
	}{
		{"de", "Bundesfestungsverwaltungskommission", []string{"Bundes", "Bundesfestungs", "Bundesfestungsverwaltungs"}},
		{"de", "Donaudampfschifffahrtsgesellschaft", []string{"Donaudampf", "Donaudampfschiff", "Donaudampfschifffahrts"}},
		{"nl", "arbeidsongeschiktheidsverzekering", []string{"arbeids", "arbeidsongeschiktheids"}},
		{"nl", "ziekenhuisopname", []string{"ziekenhuis"}},
		{"sv", "sjukförsäkringskassan", []string{"sjuk", "sjukförsäkrings"}},
		{"sv", "arbetsmarknadsdepartementet", []string{"arbets", "arbetsmarknads"}},
		{"da", "arbejdsløshedsforsikring", []string{"arbejds", "arbejdsløsheds"}},
		{"nb", "stortingsrepresentant", []string{"stortings"}},
		{"nn", "arbeidsløysetrygd", []string{"arbeids", "arbeidsløyse"}},
	} {
		h, err := NewHyphenator(c.lang)
		if err != nil {
			t.Fatal(err)
		}
		pts := map[int]bool{}
		for _, p := range h.Points(c.word) {
			pts[p] = true
		}
		for _, j := range c.joints {
			if !pts[len([]rune(j))] {
				t.Errorf("%s: %s is not broken after %q (breaks at %v)", c.lang, c.word, j, h.Points(c.word))
			}
		}
	}

	fs, err := NewFonts(testkit.Seed(t).Fonts)
	if err != nil {
		t.Fatal(err)
	}
	h, _ := NewHyphenator("de")
	s := &Setter{Fonts: fs, Hyph: h, Word: -1}
	para := "Die Akten der Bundesfestungsverwaltungskommission lagen im Keller des Amtes, und die Donaudampfschifffahrtsgesellschaft schrieb an die Bundesfestungsverwaltungskommission zurück, sie habe die Briefe nie erhalten und bitte um eine Abschrift."
	width := 30 * 10.5 // A5's measure, of which each compound is more than half
	lines := s.SetParagraph(text(para), ParaStyle{Size: 10.5, Leading: 13.5, Align: Justify, Hyphenate: true}, width)
	for i, ln := range lines {
		if i < len(lines)-1 && ln.Natural < width-0.5 {
			t.Errorf("line %d is set %.1f pt short of the justified measure: %q", i+1, width-ln.Natural, lineText(ln))
		}
		if ln.Cut {
			t.Errorf("line %d cuts a word without a hyphen: %q", i+1, lineText(ln))
		}
	}
	// Each compound, alone, offers the line breaker its joints with hyphens (it was set as a long
	// string, breakable only without a hyphen and only when nothing else fit).
	for _, w := range []string{"Bundesfestungsverwaltungskommission", "Donaudampfschifffahrtsgesellschaft"} {
		hyphens := 0
		for _, it := range s.Items(text(w), ParaStyle{Size: 10.5, Leading: 13.5, Align: Justify, Hyphenate: true}, width) {
			if it.kind == penalty && it.flagged && it.hyphen == "-" {
				hyphens++
			}
		}
		if hyphens < 3 {
			t.Errorf("%s offers %d hyphenation points on a measure of %.0f pt; want its joints and syllables", w, hyphens, width)
		}
	}
}

package source_test

import (
	"regexp"
	"strings"
	"testing"

	"colophon/internal/edition"
	"colophon/internal/source"
	"colophon/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

// loadSeedEdition is the seed edition (the test kit's copy of the transcription in source/).
func loadSeedEdition(t *testing.T) *edition.Book { return testkit.Seed(t) }

func TestSeedStructure(t *testing.T) {
	b := loadSeedEdition(t)
	if len(b.Documents) != 2 {
		t.Fatalf("documents: got %d, want 2", len(b.Documents))
	}
	tr := b.ContributorsWith("translator")
	if len(tr) != 1 || tr[0].Name != "Tahir Asghar" {
		t.Errorf("translators: got %+v, want exactly Tahir Asghar", tr)
	}
	if got, want := b.TranslatorCredit(), "Translated from the Russian by Tahir Asghar."; got != want {
		t.Errorf("credit: got %q, want %q", got, want)
	}
	for i, d := range b.Documents {
		if len(d.Notes) != 2 {
			t.Fatalf("%s: %d notes, want 2", d.Path, len(d.Notes))
		}
		// Note 1 belongs to the title, note 2 to the dateline, as in the seed.
		if ref := lastRef(d.Title); ref == nil || ref.Number != 1 {
			t.Errorf("%s: title's note: got %+v, want note 1", d.Path, ref)
		}
		if ref := lastRef(d.Dateline); ref == nil || ref.Number != 2 {
			t.Errorf("%s: dateline's note: got %+v, want note 2", d.Path, ref)
		}
		if len(d.Archive) == 0 || !strings.HasPrefix(edition.PlainText(d.Archive), "RGANI.") {
			t.Errorf("%s: archive reference missing: %q", d.Path, edition.PlainText(d.Archive))
		}
		if len(d.Endorsements) != 1 {
			t.Errorf("%s: endorsements: got %d, want 1", d.Path, len(d.Endorsements))
		}
		if i == 1 {
			if got := edition.PlainText(d.Salutation); got != "Comrade Editor," {
				t.Errorf("salutation: got %q", got)
			}
			if got := edition.PlainText(d.Signature); got != "Member of the CPSU since 1924" {
				t.Errorf("signature: got %q", got)
			}
		}
	}
	if b.Documents[0].Language != "en" {
		t.Errorf("document language defaults to the book's: got %q", b.Documents[0].Language)
	}
}

func lastRef(in []edition.Inline) *edition.Note {
	for i := len(in) - 1; i >= 0; i-- {
		if in[i].Kind == edition.NoteRef {
			return in[i].Note
		}
	}
	return nil
}

// seedParagraphs reads the seed, applies the one normalisation allowed (a no-break space paired with
// a space becomes one space; trailing ones go) and removes the bare-digit note markers.
func seedParagraphs(t *testing.T) []string {
	s := strings.ReplaceAll(testkit.SeedAsReceived(), "\u00a0 ", " ")
	s = strings.ReplaceAll(s, " \u00a0", " ")
	s = strings.ReplaceAll(s, "\u00a0\u00a0", " ")
	var out []string
	marker := regexp.MustCompile(` [12]$`)
	noteNum := regexp.MustCompile(`^[12]\. `)
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimRight(line, " \u00a0")
		if line == "" {
			continue
		}
		line = marker.ReplaceAllString(line, "")
		line = noteNum.ReplaceAllString(line, "")
		out = append(out, line)
	}
	return out
}

// TestSeedText compares the edition's words with the seed's, in reading order: the collection
// title, then per letter its title, dateline, salutation, text, signature, endorsements, archival
// reference and notes, and last the translator's credit.
func TestSeedText(t *testing.T) {
	b := loadSeedEdition(t)
	var model []string
	model = append(model, b.Title)
	for _, d := range b.Documents {
		model = append(model, d.TitleText(), edition.PlainText(d.Dateline))
		if len(d.Salutation) > 0 {
			model = append(model, edition.PlainText(d.Salutation))
		}
		model = append(model, strings.Split(strings.TrimSpace(edition.BlocksText(d.Blocks)), "\n")...)
		if len(d.Signature) > 0 {
			model = append(model, edition.PlainText(d.Signature))
		}
		for _, e := range d.Endorsements {
			model = append(model, edition.PlainText(e))
		}
		model = append(model, edition.PlainText(d.Archive))
		for _, n := range d.Notes {
			model = append(model, strings.TrimSpace(edition.BlocksText(n.Blocks)))
		}
	}
	model = append(model, b.TranslatorCredit())

	// The edition adds to the seed's words one cross-reference, from the first letter's note to
	// the second letter ("See the following document (document 2, p. 11)."): the model holds it as
	// a reference with no words (each output prints the page its own pagination gives), and it
	// must point to the second letter.
	const xref = " ()."
	refs := b.Documents[0].XRefs()
	if len(refs) != 1 || refs[0].Kind != edition.TargetDocument || refs[0].Doc != 1 {
		t.Errorf("the first letter's cross-references are %+v, want one to the second letter", refs)
	}
	for i, m := range model {
		if strings.HasSuffix(m, "See the following document"+xref) {
			model[i] = strings.TrimSuffix(m, xref) + "."
		}
	}
	seed := seedParagraphs(t)
	// The seed runs the second letter's endorsement and archival reference on two lines of one
	// paragraph; the model has them as the two elements they are, so compare line by line.
	if len(model) != len(seed) {
		t.Errorf("paragraph count: model %d, seed %d", len(model), len(seed))
	}
	for i := 0; i < len(model) && i < len(seed); i++ {
		if model[i] != seed[i] {
			t.Errorf("paragraph %d differs:\nmodel: %q\nseed:  %q", i+1, model[i], seed[i])
		}
	}
}

// TestSeedRegister: the seed's register finds each person, place and organisation where the
// letters name it, each counted by reading the letters: the two spellings of Ordzhonikidze, the
// name and patronymic "Joseph Vissarionovich", the factory named after Molotov (which is not
// Molotov), and neither "Stalinist", "anti-Leninist" nor "Trotskyism".
func TestSeedRegister(t *testing.T) {
	b := loadSeedEdition(t)
	if b.Register == nil {
		t.Fatal("the seed has no register")
	}
	if _, warnings, err := source.Load(testkit.SeedDir(t), source.Options{}); err != nil || len(warnings) != 0 {
		t.Errorf("warnings: %v (%v)", warnings, err)
	}
	// Occurrences in the first and the second letter.
	want := map[string][2]int{
		"stalin": {13, 9}, "lenin": {5, 2}, "trotsky": {2, 0}, "tito": {1, 2}, "khrushchev": {2, 7}, "mikoyan": {1, 0},
		"kirov": {1, 0}, "zhdanov": {1, 0}, "ordzhonikidze": {1, 1}, "kuibyshev": {1, 0}, "voroshilov": {1, 1},
		"molotov": {0, 2}, "kaganovich": {0, 2}, "kalinin": {0, 1}, "furtseva": {1, 1}, "suslov": {1, 0}, "pospelov": {1, 0},
		"aristov": {1, 0}, "belyaev": {1, 0}, "brezhnev": {0, 1}, "gorbunov": {0, 1},
		"gorky": {0, 1}, "moscow": {0, 1}, "baltics": {0, 1}, "hungary": {0, 2}, "budapest": {0, 1}, "poland": {0, 1},
		"cpsu": {0, 1}, "central-committee": {2, 2}, "xx-congress": {1, 0}, "kommunist": {2, 3}, "moscow-committee": {0, 1},
		"molotov-factory": {0, 1}, "soviet-army": {1, 0}, "rgani": {1, 1},
	}
	if len(b.Register.Entries) != len(want) {
		t.Errorf("%d entries, want %d", len(b.Register.Entries), len(want))
	}
	for _, e := range b.Register.Entries {
		var got [2]int
		for _, o := range e.Occurrences {
			for i, d := range b.Documents {
				if o.Doc == d {
					got[i]++
				}
			}
		}
		if got != want[e.ID] {
			t.Errorf("%s: %v occurrences in the two letters, want %v", e.ID, got, want[e.ID])
		}
	}
	forms := map[string][]string{}
	for _, e := range b.Register.Entries {
		for _, o := range e.Occurrences {
			forms[e.ID] = append(forms[e.ID], o.Form)
		}
	}
	for id, f := range map[string]string{"ordzhonikidze": "Orzhonikidze Ordzhonikidze", "molotov-factory": "Molotov motor factory", "kuibyshev": "Kuibishev",
		"belyaev": "N.N. Belyaev", "furtseva": "E.A. Furtseva Furtseva"} {
		if got := strings.Join(forms[id], " "); got != f {
			t.Errorf("%s stands as %q, want %q", id, got, f)
		}
	}
	if !strings.Contains(strings.Join(forms["stalin"], "|"), "Joseph Vissarionovich") {
		t.Errorf("Joseph Vissarionovich is not Stalin: %q", forms["stalin"])
	}
	// Every person has dates but the archive's official, whose are not known; everyone has a note.
	for _, e := range b.Register.Entries {
		if e.Dates == "" && e.Kind == edition.Person && e.ID != "gorbunov" {
			t.Errorf("%s has no dates", e.ID)
		}
		if len(e.Note) == 0 {
			t.Errorf("%s has no note", e.ID)
		}
	}
}

// Package gen writes realistic synthetic editions for tests and benchmarks: N documents of letters
// and reports like the seed's, with paragraphs of varied length, notes at the seed's density and
// some long ones, section headings, quotations and typographic quotes. The same seed number gives
// the same files.
package gen

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"unicode"
)

// vocabulary is drawn from the register of the seed letters: political, archival, plain.
var vocabulary = strings.Fields(`the of and to in that a was is for on with as by at from this which
it be have not are were had his their they we our people party committee congress leadership work
question history position workers letter journal editorial board criticism comrade secretary city
factory members decision struggle central years time first general line against after before during
among about under between respect attitude events country socialist revolution government opinion
minutes resolution plenum district regional organisation conference report speech article editor
archive document copy note signature meeting delegates representatives correspondence directive
instructions discussion proposals economic industrial agricultural production collective farms
newspaper readers attention matter principle responsibility consequences achievements mistakes
shortcomings understanding explanation circumstances considerable significant particularly
immediately unfortunately nevertheless accordingly furthermore consequently obviously
certainly perhaps indeed simply plainly openly honestly carefully seriously rightly wrongly`)

var names = strings.Fields(`Lenin Stalin Khrushchev Molotov Kaganovich Voroshilov Mikoyan Suslov
Furtseva Pospelov Aristov Belyaev Brezhnev Kirov Zhdanov Ordzhonikidze Kuibishev Kalinin Gorbunov`)

type writer struct {
	r     *rand.Rand
	names []string        // the persons the text may name: the seed's, or more (Options.Names)
	used  map[string]bool // those it names
}

// name is one of the persons, at random.
func (w *writer) name() string {
	n := w.names[w.r.Intn(len(w.names))]
	w.used[n] = true
	return n
}

func (w *writer) word() string {
	if w.r.Intn(14) == 0 {
		return w.name()
	}
	return vocabulary[w.r.Intn(len(vocabulary))]
}

func (w *writer) sentence() string {
	n := 6 + w.r.Intn(22)
	ws := make([]string, n)
	for i := range ws {
		ws[i] = w.word()
	}
	if w.r.Intn(5) == 0 {
		k := w.r.Intn(n - 2)
		ws[k] = "‘" + ws[k]
		ws[k+1] = ws[k+1] + "’"
	}
	if w.r.Intn(6) == 0 {
		ws[w.r.Intn(n-1)] += ","
	}
	rs := []rune(strings.Join(ws, " "))
	for i, r := range rs {
		if unicode.IsLetter(r) {
			rs[i] = unicode.ToUpper(r)
			break
		}
	}
	return string(rs) + [...]string{".", ".", ".", "?", "."}[w.r.Intn(5)]
}

func (w *writer) paragraph(min, max int) string {
	n := min + w.r.Intn(max-min+1)
	ss := make([]string, n)
	for i := range ss {
		ss[i] = w.sentence()
	}
	return strings.Join(ss, " ")
}

// Document is the Markdown of one generated document.
func (w *writer) Document(i int) string {
	var b strings.Builder
	notes := 0
	var defs []string
	note := func(long bool) string {
		notes++
		label := fmt.Sprint(notes)
		text := w.paragraph(1, 3)
		if long {
			text = w.paragraph(8, 14) + "\n\n    " + w.paragraph(4, 8)
		}
		defs = append(defs, fmt.Sprintf("[^%s]: %s", label, text))
		return "[^" + label + "]"
	}
	fmt.Fprintf(&b, "---\ntitle: \"Letter %d to the Editorial Board%s\"\n", i+1, note(false))
	fmt.Fprintf(&b, "short_title: \"Letter %d\"\n", i+1)
	fmt.Fprintf(&b, "dateline: \"[not later than %d %s 1956]%s\"\n", 1+w.r.Intn(28), []string{"March", "June", "September", "November"}[w.r.Intn(4)], note(false))
	if w.r.Intn(2) == 0 {
		b.WriteString("salutation: \"Comrade Editor,\"\nsignature: \"A reader\"\n")
	}
	fmt.Fprintf(&b, "endorsements:\n  - \"Note: ‘Archive. %s. %d.11.1956’.\"\n", w.name(), 1+w.r.Intn(28))
	fmt.Fprintf(&b, "archive: \"RGANI. F. 5. Op. 30. D. %d. L. %d. Attested copy.\"\n---\n\n", 100+i, 1+w.r.Intn(300))
	paras := 3 + w.r.Intn(9)
	for p := 0; p < paras; p++ {
		if p > 0 && w.r.Intn(9) == 0 {
			fmt.Fprintf(&b, "## %s\n\n", strings.TrimSuffix(w.sentence(), "."))
		}
		text := w.paragraph(1, 9)
		if w.r.Intn(3) == 0 {
			text += note(w.r.Intn(6) == 0)
		}
		if w.r.Intn(12) == 0 {
			b.WriteString("> " + text + "\n\n")
		} else {
			b.WriteString(text + "\n\n")
		}
	}
	for _, d := range defs {
		b.WriteString(d + "\n\n")
	}
	return b.String()
}

// Options shape a generated edition beyond its size and seed.
type Options struct {
	// Names, when above 0, is how many persons the text names, and the edition gets a register of
	// them (and of the archive); up to the seed's nineteen it names the seed's, so that the text is
	// the same as without, and more adds invented surnames. 0 writes no register (WriteRegister
	// adds one for the seed's names).
	Names int
}

// Write writes an edition of n documents into dir/source.
func Write(dir string, n int, seed int64) error { return WriteWith(dir, n, seed, Options{}) }

// WriteWith writes an edition as Write does, shaped by opt.
func WriteWith(dir string, n int, seed int64, opt Options) error {
	w := &writer{r: rand.New(rand.NewSource(seed)), names: personNames(opt.Names), used: map[string]bool{}}
	src := filepath.Join(dir, "source")
	if err := os.MkdirAll(src, 0o755); err != nil {
		return err
	}
	book := fmt.Sprintf(`title: "Generated Letters, %d Documents"
short_title: "Generated Letters"
language: en
original_language: ru
contributors:
  - name: A. Translator
    role: translator
publisher: Test Press
date: 2026-01-01
rights: "Generated text for tests."
description: "A generated edition of %d letters for tests and benchmarks."
subjects: [Letters]
source: "A generated archive"
`, n, n)
	if err := os.WriteFile(filepath.Join(src, "book.yaml"), []byte(book), 0o644); err != nil {
		return err
	}
	width := len(fmt.Sprint(n))
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("%0*d-letter.md", width, i+1)
		if err := os.WriteFile(filepath.Join(src, name), []byte(w.Document(i)), 0o644); err != nil {
			return err
		}
	}
	if opt.Names <= 0 {
		return nil
	}
	// The register lists the persons the text named, so that none is found nowhere.
	var named []string
	for _, p := range w.names {
		if w.used[p] {
			named = append(named, p)
		}
	}
	return os.WriteFile(filepath.Join(src, "register.yaml"), []byte(registerYAML(named)), 0o644)
}

// WriteRegister writes dir/source/register.yaml with an entry for each name the generator uses
// (a person each, under the name as the texts have it), for tests of the register and the index
// on an edition of any size.
func WriteRegister(dir string) error {
	var b strings.Builder
	b.WriteString("# The persons the generated letters name (internal/gen).\npersons:\n")
	for _, n := range names {
		fmt.Fprintf(&b, "  - id: %s\n    name: %q\n    forms: [%s]\n    note: \"A person the generated letters name.\"\n", strings.ToLower(n), n, n)
	}
	return os.WriteFile(filepath.Join(dir, "source", "register.yaml"), []byte(b.String()), 0o644)
}

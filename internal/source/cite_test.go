package source

import (
	"strings"
	"testing"

	"colophon/internal/edition"
)

const references = `@book{sauvageau1889,
  author    = {Sauvageau, Claude and Jean Dupr{\'e}},
  title     = {Histoire des lettres},
  address   = {Paris},
  publisher = {Hachette},
  year      = 1889,
}

@article{ivanov1956,
  author  = "Ivanov, Ivan",
  title   = {Letters to the Editor},
  journal = {Kommunist},
  volume  = {33},
  number  = {14},
  pages   = {10--24},
  year    = {1956},
}

@incollection{petrov1960,
  author    = {Petrov, Petr},
  title     = {The Archive of the Party},
  booktitle = {Soviet Archives},
  editor    = {Anna Sidorova},
  pages     = {3--40},
  address   = {Moscow},
  publisher = {Nauka},
  year      = {1960},
}

@misc{never,
  title = {Never Cited},
  year  = {2000},
}
`

// TestCitations: [@key, locator] and [see @a; @b, pages] are set as Chicago author-date
// citations, the works cited listed in a reference list sorted by author (the one never cited
// left out), and a key the references do not have is an error at its place, with the closest.
func TestCitations(t *testing.T) {
	md := "# T\n\nAs the letters show [@sauvageau1889, p. 12], and others [see @ivanov1956; @petrov1960, 3–4].\n\n" +
		"A note.[^1]\n\n[^1]: Cited in a note [@ivanov1956].\n"
	b, _, err := Load(writeProject(t, map[string]string{"source/book.yaml": goodBook, "source/a.md": md, "source/references.bib": references}), Options{})
	if err != nil {
		t.Fatal(err)
	}
	text := edition.BlocksText(b.Documents[0].Blocks)
	for _, w := range []string{"(Sauvageau and Dupré 1889, p. 12)", "(see Ivanov 1956; Petrov 1960, 3–4)"} {
		if !strings.Contains(text, w) {
			t.Errorf("the text lacks %q: %s", w, text)
		}
	}
	if note := edition.BlocksText(b.Documents[0].Notes[0].Blocks); !strings.Contains(note, "(Ivanov 1956)") {
		t.Errorf("the note lacks its citation: %s", note)
	}
	var refs []string
	for _, r := range b.Bibliography {
		refs = append(refs, edition.PlainText(r.Inlines))
	}
	want := []string{
		"Ivanov, Ivan. 1956. “Letters to the Editor.” Kommunist 33 (14): 10–24.",
		"Petrov, Petr. 1960. “The Archive of the Party.” In Soviet Archives, edited by Anna Sidorova, 3–40. Moscow: Nauka.",
		"Sauvageau, Claude, and Jean Dupré. 1889. Histoire des lettres. Paris: Hachette.",
	}
	if strings.Join(refs, "\n") != strings.Join(want, "\n") {
		t.Errorf("reference list:\n%s\nwant:\n%s", strings.Join(refs, "\n"), strings.Join(want, "\n"))
	}

	got := diagnostics(t, writeProject(t, map[string]string{"source/book.yaml": goodBook, "source/references.bib": references,
		"source/a.md": "# T\n\nText [@sauvagau1889, 3].\n"}))
	if len(got) != 1 || got[0] != "source/a.md:3:7: citation @sauvagau1889: source/references.bib has no work with that key (did you mean @sauvageau1889?)" {
		t.Errorf("unknown key: %q", got)
	}
	got = diagnostics(t, writeProject(t, map[string]string{"source/book.yaml": goodBook, "source/a.md": "# T\n\nText [@smith2001].\n"}))
	if len(got) != 1 || !strings.Contains(got[0], "there is no source/references.bib") {
		t.Errorf("no references file: %q", got)
	}
	got = diagnostics(t, writeProject(t, map[string]string{"source/book.yaml": goodBook, "source/a.md": "# T\n\nText.\n",
		"source/references.bib": "@book{a,\n  title = {Unclosed,\n}\n"}))
	if len(got) != 1 || got[0] != "source/references.bib:1:1: the entry @book{a is never closed with }" {
		t.Errorf("bad BibTeX: %q", got)
	}
}

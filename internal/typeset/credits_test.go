package typeset

import (
	"strings"
	"testing"

	"colophon/internal/edition"
	"colophon/internal/print"
	"colophon/internal/testkit"
)

// coverText is every text a wrap cover draws, in order.
func coverText(t *testing.T, b *edition.Book, bk *Book) string {
	w := WrapGeometry(b.Print.Trim, len(bk.Pages), b.Print.PaperIn)
	sh, err := WrapCover(b, bk.Fonts, w, WrapOptions{Service: print.DefaultService})
	if err != nil {
		t.Fatal(err)
	}
	var s strings.Builder
	for _, a := range sh.Art {
		switch a := a.(type) {
		case Run:
			s.WriteString(a.Text + " ")
		case Text:
			s.WriteString(strings.Join(pagesText(&Book{Pages: []*Page{{Placed: []Placed{a.Placed}}}})[0], " ") + " ")
		}
	}
	return strings.Join(strings.Fields(s.String()), " ")
}

// Authors, translators and editors are named on the covers, the title page and the credits page of
// an edition with an author (the rich one: Vera Author, Boris Translator, Anna Editor), and an
// edition without one (the seed) names its translator there and no author at all.
func TestCreditsNamed(t *testing.T) {
	for _, c := range []struct {
		name       string
		b          *edition.Book
		want, none []string
	}{
		{"rich", testkit.Rich(t), []string{"Vera Author", "Boris Translator", "Anna Editor"}, nil},
		{"seed", testkit.Seed(t), []string{"Tahir Asghar"}, []string{"Author:", "Anonymous."}},
	} {
		bk := typeset(t, c.b, c.b.Print.Trim.Name)
		cover := coverText(t, c.b, bk)
		var title, credits string
		text := pagesText(bk)
		for i, p := range bk.Pages {
			for _, a := range p.Anchors {
				switch a.Name {
				case "title-page":
					title = strings.Join(strings.Fields(strings.Join(text[i], " ")), " ")
				case "credits":
					credits = strings.Join(strings.Fields(strings.Join(text[i], " ")), " ")
				}
			}
		}
		front := strings.Join(strings.Fields(c.b.CoverCredit()), " ")
		for _, who := range c.want {
			for place, s := range map[string]string{"wrap cover": cover, "title page": title, "credits page": credits, "ebook cover's credit": front} {
				if !strings.Contains(s, who) {
					t.Errorf("%s: the %s does not name %s: %q", c.name, place, who, s)
				}
			}
		}
		if c.name == "seed" && front != "Translated from the Russian by Tahir Asghar" {
			t.Errorf("seed: the covers' credit is %q; want the translation credit alone", front)
		}
		for _, who := range c.none {
			for place, s := range map[string]string{"wrap cover": cover, "title page": title, "credits page": credits} {
				if strings.Contains(s, who) {
					t.Errorf("%s: the %s says %q: %q", c.name, place, who, s)
				}
			}
		}
	}
}

// TestSpineNamesAuthors reads the spine of a 300-page wrap cover: the authors, the title and the
// publisher from top to bottom for the rich edition (Vera Author), the title and the publisher
// for the seed, whose letters are anonymous; an author whose full name leaves the title no room
// is named by surname.
func TestSpineNamesAuthors(t *testing.T) {
	spine := func(b *edition.Book) []string {
		w := WrapGeometry(b.Print.Trim, 300, b.Print.PaperIn)
		fonts, err := NewFonts(b.Fonts)
		if err != nil {
			t.Fatal(err)
		}
		sh, err := WrapCover(b, fonts, w, WrapOptions{Service: print.DefaultService})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		last := -1.0
		for _, a := range sh.Art {
			if r, ok := a.(Run); ok && r.Turned {
				if r.Y <= last {
					t.Errorf("%q is above the text before it on the spine", r.Text)
				}
				last = r.Y
				out = append(out, r.Text)
			}
		}
		return out
	}
	rich := testkit.Rich(t)
	seed := testkit.Seed(t)
	title := func(b *edition.Book) string {
		if b.ShortTitle != "" {
			return b.ShortTitle
		}
		return b.Title
	}
	for _, c := range []struct {
		name string
		b    *edition.Book
		want []string
	}{
		{"rich", rich, []string{"Vera Author", title(rich), rich.Publisher}},
		{"seed", seed, []string{title(seed), seed.Publisher}},
	} {
		if got := spine(c.b); strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%s: the spine reads %q; want %q", c.name, got, c.want)
		}
	}
	// A long name: the surname stands on the spine.
	long := *rich
	long.Contributors = append([]edition.Contributor(nil), rich.Contributors...)
	for i := range long.Contributors {
		if long.Contributors[i].Role == "author" {
			long.Contributors[i].Name = "Vera Konstantinovna Aleksandrovna-Voskresenskaya Author"
		}
	}
	long.ShortTitle = "A Title Long Enough to Want Most of the Spine for Itself"
	got := spine(&long)
	if len(got) == 0 || got[0] != "Author" {
		t.Errorf("a long name: the spine reads %q; want the surname first", got)
	}
}

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

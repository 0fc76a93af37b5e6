package web_test

import (
	"regexp"
	"strings"
	"testing"
)

// No page of the web edition shows its reader a urn: the edition's identifier is for machines
// (JSON-LD, the feed), and the home page's "About this edition" gives the ISBNs instead. The seed
// has no ISBN, so its identifier is a urn:uuid:; the rich edition has ISBNs.
func TestNoIdentifierShown(t *testing.T) {
	uuid := regexp.MustCompile(`(?i)urn:|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)
	for _, name := range []string{"seed", "rich"} {
		all := pages(t, built(t)[name])
		for p, doc := range all {
			if m := uuid.FindString(text(doc)); m != "" {
				t.Errorf("%s: %s shows its reader %q", name, p, m)
			}
		}
		home := strings.Join(strings.Fields(text(all["index.html"])), " ")
		if name == "rich" && !strings.Contains(home, "ISBN (print)") {
			t.Errorf("rich: the home page does not give the ISBN:\n%s", home)
		}
		if !strings.Contains(home, "About this edition") {
			t.Errorf("%s: the home page has no \"About this edition\"", name)
		}
	}
}

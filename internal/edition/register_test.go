package edition

import (
	"slices"
	"testing"
)

// TestRegisterIn: the entries a document names, each once, in register.yaml order, of the kind
// asked for; and Sorted's lists are the caller's own, so changing one changes no later answer.
func TestRegisterIn(t *testing.T) {
	d1, d2, d3 := &Document{ID: "d1"}, &Document{ID: "d2"}, &Document{ID: "d3"}
	zhdanov := &Entry{Kind: Person, ID: "zhdanov", Name: "Zhdanov"}
	beria := &Entry{Kind: Person, ID: "beria", Name: "Beria"}
	moscow := &Entry{Kind: Place, ID: "moscow", Name: "Moscow"}
	occ := func(e *Entry, ds ...*Document) {
		for _, d := range ds {
			e.Occurrences = append(e.Occurrences, &Occurrence{Entry: e, Doc: d})
		}
	}
	occ(zhdanov, d1, d1, d2)
	occ(beria, d2, d2, d2)
	occ(moscow, d1, d3)
	r := NewRegister([]*Entry{zhdanov, beria, moscow})
	ids := func(es []*Entry) (out []string) {
		for _, e := range es {
			out = append(out, e.ID)
		}
		return out
	}
	for _, c := range []struct {
		d    *Document
		k    EntryKind
		want []string
	}{
		{d1, Person, []string{"zhdanov"}},
		{d2, Person, []string{"zhdanov", "beria"}},
		{d3, Person, nil},
		{d1, Place, []string{"moscow"}},
		{d3, Place, []string{"moscow"}},
		{d2, Organisation, nil},
	} {
		if got := ids(r.In(c.d, c.k)); !slices.Equal(got, c.want) {
			t.Errorf("In(%s, %s) = %v, want %v", c.d.ID, c.k.Key(), got, c.want)
		}
	}
	s := r.Sorted(Person, "en")
	if got := ids(s); len(got) != 2 || got[0] != "beria" || got[1] != "zhdanov" {
		t.Fatalf("Sorted = %v", got)
	}
	s[0] = nil
	if got := r.Sorted(Person, "en"); got[0] != beria {
		t.Error("changing Sorted's list changed the next answer")
	}
	var none *Register
	if none.In(d1, Person) != nil || none.Sorted(Person, "en") != nil {
		t.Error("a nil register names nothing")
	}
}

package edition

import (
	"math/bits"
	"sort"

	"golang.org/x/text/unicode/norm"
)

// Runes are the characters any output may draw: every character of the edition's text and
// metadata, and what colophon adds itself (ASCII for numbers, dates and labels; typographic
// punctuation for ellipses, bullets and quotes).
func Runes(b *Book) []rune {
	var set runeSet
	add := set.addString
	for r := rune(0x20); r < 0x7f; r++ {
		set.add(r)
	}
	add("‘’“”–—…•·×©®\u00a0")
	add(b.Title + b.ShortTitle + b.Subtitle + b.Publisher + b.Rights + b.Description + b.Source + b.Fonts.Family + b.TranslatorCredit())
	for _, c := range b.Contributors {
		add(c.Name + c.Role)
	}
	for _, s := range b.Subjects {
		add(s)
	}
	add(BlocksText(b.Bibliography) + b.Say("bibliography"))
	for _, d := range b.Documents {
		add(d.ShortTitle + d.Original)
		for _, part := range d.Parts() {
			add(PlainText(part))
		}
		add(BlocksText(d.Blocks))
		for _, n := range d.Notes {
			add(BlocksText(n.Blocks))
		}
	}
	if b.Register != nil {
		add(b.Say("index") + b.Say("personnotes") + b.Say("persons") + b.Say("places") + b.Say("organisations"))
		for _, e := range b.Register.Entries {
			add(e.Name + e.Dates + PlainText(e.Note))
		}
	}
	// A composed character the fonts lack is shaped from its parts (HarfBuzz decomposes it):
	// the parts are characters the outputs may draw.
	for _, r := range set.list() {
		if r >= 0xC0 {
			set.addString(norm.NFD.String(string(r)))
		}
	}
	return set.list()
}

// runeSet is a set of characters: a bit for each of the Basic Multilingual Plane's, where the
// edition's text is (Runes reads every character of it, and a map's insert per character was a
// tenth of a rebuild's work), and a map for the rest.
type runeSet struct {
	bmp   [1 << 16 / 64]uint64
	other map[rune]bool
}

func (s *runeSet) add(r rune) {
	if r >= 0 && r < 1<<16 {
		s.bmp[r>>6] |= 1 << (r & 63)
		return
	}
	if s.other == nil {
		s.other = map[rune]bool{}
	}
	s.other[r] = true
}

func (s *runeSet) addString(str string) {
	for _, r := range str {
		if r < 1<<16 {
			s.bmp[r>>6] |= 1 << (r & 63)
		} else {
			s.add(r)
		}
	}
}

// list is the set's characters in order.
func (s *runeSet) list() []rune {
	var out []rune
	for i, w := range s.bmp {
		for w != 0 {
			bit := bits.TrailingZeros64(w)
			out = append(out, rune(i<<6+bit))
			w &= w - 1
		}
	}
	return append(out, sorted(s.other)...)
}

// CodeRunes are the characters set in the monospace face, sorted: printable ASCII, so that a
// small edit of the code keeps the cut face, and every character of the edition's inline code
// and code blocks.
func CodeRunes(b *Book) []rune {
	set := map[rune]bool{}
	for r := rune(0x20); r < 0x7f; r++ {
		set[r] = true
	}
	WalkCode(b, func(s string) {
		for _, r := range s {
			set[r] = true
		}
	})
	return sorted(set)
}

// HasCode says whether the edition sets any code: inline code or a code block.
func HasCode(b *Book) bool {
	found := false
	WalkCode(b, func(string) { found = true })
	return found
}

// WalkCode calls f with the text of every inline code and code block of the edition: the
// documents' text and notes, the bibliography and the register's notes.
func WalkCode(b *Book, f func(string)) {
	b.Walk(Visitor{
		Block: func(bl *Block) {
			if bl.Kind == CodeBlock {
				f(bl.Text)
			}
		},
		Inline: func(x *Inline) bool {
			if x.Kind == Code {
				f(x.Text)
			}
			return true
		},
	})
}

// sorted is a set of characters as a sorted list.
func sorted(set map[rune]bool) []rune {
	list := make([]rune, 0, len(set))
	for r := range set {
		list = append(list, r)
	}
	sort.Slice(list, func(i, j int) bool { return list[i] < list[j] })
	return list
}

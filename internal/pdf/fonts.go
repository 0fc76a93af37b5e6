package pdf

import (
	"fmt"
	"sync"
	"unicode/utf8"

	"colophon/internal/edition"
	"colophon/internal/typeset"
)

// subsets are the faces as fpdf is given them: cut down to the characters the edition can
// draw, once per build and set of fonts, and shared by every PDF of the build.
type subsets struct {
	once  sync.Once
	data  [4][]byte
	names [4]faceName // computed once: hashing the faces for every PDF cost more than drawing it
	runes map[rune]bool
	err   error
}

var (
	subsetMu    sync.Mutex
	subsetBook  *edition.Book
	subsetFonts = map[*typeset.Fonts]*subsets{}
)

func subsetsFor(b *edition.Book, fonts *typeset.Fonts) *subsets {
	subsetMu.Lock()
	if subsetBook != b { // a new build: forget the last one's fonts (colophon watch builds many)
		subsetBook = b
		subsetFonts = map[*typeset.Fonts]*subsets{}
	}
	s, ok := subsetFonts[fonts]
	if !ok {
		s = &subsets{}
		subsetFonts[fonts] = s
	}
	subsetMu.Unlock()
	s.once.Do(func() {
		s.runes = editionRunes(b)
		list := make([]rune, 0, len(s.runes))
		for r := range s.runes {
			list = append(list, r)
		}
		for i, data := range fonts.Data {
			if s.data[i], s.err = subsetTTF(data, list); s.err != nil {
				s.err = fmt.Errorf("subsetting font %d: %w", i, s.err)
				return
			}
		}
		s.names = faceNames(fonts.Family, s.data)
	})
	return s
}

// editionRunes are the characters any output may draw: every character of the edition's text and
// metadata, and what colophon adds itself (ASCII for numbers, dates and labels; typographic
// punctuation for ellipses, bullets and quotes).
func editionRunes(b *edition.Book) map[rune]bool {
	set := map[rune]bool{}
	add := func(s string) {
		for _, r := range s {
			set[r] = true
		}
	}
	for r := rune(0x20); r < 0x7f; r++ {
		set[r] = true
	}
	add("‘’“”–—…•·×©®\u00a0")
	add(b.Title + b.ShortTitle + b.Subtitle + b.Publisher + b.Rights + b.Description + b.Source + b.Fonts.Family + b.TranslatorCredit())
	for _, c := range b.Contributors {
		add(c.Name + c.Role)
	}
	for _, s := range b.Subjects {
		add(s)
	}
	for _, d := range b.Documents {
		add(d.ShortTitle)
		for _, part := range [][]edition.Inline{d.Title, d.Dateline, d.Salutation, d.Signature, d.Archive} {
			add(edition.PlainText(part))
		}
		for _, e := range d.Endorsements {
			add(edition.PlainText(e))
		}
		add(edition.BlocksText(d.Blocks))
		for _, n := range d.Notes {
			add(edition.BlocksText(n.Blocks))
		}
	}
	return set
}

// checkRunes makes sure a string's characters are in the subset fonts: one that is not would
// print as nothing, which is an error, never a blank.
func (d *doc) checkRunes(s string) {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !d.runes[r] {
			d.pdf.SetErrorf("character %q (U+%04X) is not in the fonts prepared for this edition", r, r)
			return
		}
		i += n
	}
}

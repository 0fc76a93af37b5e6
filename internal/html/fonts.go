package html

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"colophon/internal/edition"
	"colophon/internal/fontfile"
)

// Faces are the edition's faces as an HTML edition ships them: the files by name, and the
// @font-face rules that declare them.
type Faces struct {
	Files map[string][]byte
	rules []faceRule
}

type faceRule struct {
	family string // its own family (the monospace one's), or "" for the edition's
	style  int    // regular, italic, bold, bold italic
	file   string // its file
	rng    string // the characters it sets, as a CSS unicode-range, for a fallback family
}

var (
	faceNames  = [4]string{"regular.ttf", "italic.ttf", "bold.ttf", "bold-italic.ttf"}
	faceStyles = [4]string{"Regular", "Italic", "Bold", "Bold Italic"}
	faceCSS    = [4][2]string{{"normal", "normal"}, {"italic", "normal"}, {"normal", "bold"}, {"italic", "bold"}}
)

// CutFaces cuts the faces the text is set in to the characters the edition uses
// (fontfile.ForEPUB); a face that stands in for another (bold: regular) is the same file. used
// says which faces are set (FacesUsed, and what a stylesheet adds). A fallback family's faces are
// declared under the edition's family too, each with a unicode-range of the characters it sets
// (those the edition's faces lack), so that a reading system or browser sets each character in
// the face print sets it in, as one composite font.
func CutFaces(b *edition.Book, used [4]bool) (*Faces, error) {
	families := b.Fonts.Families()
	regulars := make([][]byte, len(families))
	for i, fam := range families {
		regulars[i] = fam[0]
	}
	served, err := fontfile.Assign(regulars, edition.Runes(b))
	if err != nil {
		return nil, err
	}
	f := &Faces{Files: map[string][]byte{}}
	smallCaps := []rune(SmallCapsText(b))
	for k, data := range families {
		if k > 0 && len(served[k]) == 0 {
			continue // sets no character of the edition
		}
		runes, prefix, rng := edition.Runes(b), "", ""
		if k > 0 {
			runes, prefix, rng = served[k], fmt.Sprintf("fallback-%d-", k), unicodeRange(served[k])
		}
		for i := range data {
			if !used[i] {
				continue // no text is set in it: not shipped, not declared
			}
			file := prefix + faceNames[i]
			for j := 0; j < i; j++ {
				if bytes.Equal(data[j], data[i]) {
					file = prefix + faceNames[j] // a stand-in: the same face, shipped once
					break
				}
			}
			if _, done := f.Files[file]; !done {
				sub, err := fontfile.ForEPUB(data[i], runes, faceStyles[i], smallCaps)
				if err != nil {
					return nil, fmt.Errorf("font %s: %w", file, err)
				}
				f.Files[file] = sub
			}
			f.rules = append(f.rules, faceRule{style: i, file: file, rng: rng})
		}
	}
	// The monospace family, cut to the code's characters, under its own name: the stylesheets
	// set code in it, and only code.
	if mono := CodeFacesUsed(b); b.Fonts.HasMono() && mono[0] {
		runes := edition.CodeRunes(b)
		for i, file := range [4]string{"mono-regular.ttf", "", "mono-bold.ttf", ""} {
			if !mono[i] {
				continue
			}
			sub, err := fontfile.ForEPUB(b.Fonts.Mono.Faces[i], runes, faceStyles[i], nil)
			if err != nil {
				return nil, fmt.Errorf("font %s: %w", file, err)
			}
			f.Files[file] = sub
			f.rules = append(f.rules, faceRule{family: b.Fonts.Mono.Family, style: i, file: file})
		}
	}
	return f, nil
}

// SmallCapsText is the text the HTML editions set in small capitals, whose small capitals the cut
// faces keep: the small-caps spans', and the publisher on the title page, which both stylesheets
// set so.
func SmallCapsText(b *edition.Book) string { return edition.SmallCapsText(b) + b.Publisher }

// FontFaces are the @font-face rules that declare the faces under the edition's family, with
// the files in dir as the stylesheet sees it.
func (f *Faces) FontFaces(family, dir string) string {
	var rules strings.Builder
	for _, r := range f.rules {
		rng := ""
		if r.rng != "" {
			rng = "; unicode-range: " + r.rng
		}
		fam := family
		if r.family != "" {
			fam = r.family
		}
		fmt.Fprintf(&rules, "@font-face { font-family: %s; font-style: %s; font-weight: %s; src: url(\"%s%s\")%s; }\n",
			CSSString(fam), faceCSS[r.style][0], faceCSS[r.style][1], dir, r.file, rng)
	}
	return rules.String()
}

// unicodeRange writes characters as a CSS unicode-range: sorted, consecutive ones as a range.
func unicodeRange(rs []rune) string {
	rs = slices.Clone(rs)
	slices.Sort(rs)
	var parts []string
	for i := 0; i < len(rs); {
		j := i
		for j+1 < len(rs) && rs[j+1] == rs[j]+1 {
			j++
		}
		if j == i {
			parts = append(parts, fmt.Sprintf("U+%X", rs[i]))
		} else {
			parts = append(parts, fmt.Sprintf("U+%X-%X", rs[i], rs[j]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

// FacesUsed says which of the four faces the documents set text in: regular always; italic for
// emphasis and for the parts the stylesheets set in italic (datelines, signatures, section
// headings, the subtitle, the credits under a title); bold and bold italic only for strong text
// (the stylesheets set nothing else in bold).
func FacesUsed(b *edition.Book) [4]bool { return facesUsed(b, false) }

// CodeFacesUsed says which of the monospace family's faces the edition's code is set in: none
// without code, regular for code blocks and code in upright or italic text (the family has no
// italic: its italic is its regular), bold for code in strong text or a term.
func CodeFacesUsed(b *edition.Book) [4]bool {
	if !edition.HasCode(b) {
		return [4]bool{}
	}
	u := facesUsed(b, true)
	return [4]bool{true, false, u[2] || u[3], false}
}

// facesUsed is FacesUsed for all the text, or with code for the inline code alone.
func facesUsed(b *edition.Book, code bool) [4]bool {
	used := [4]bool{!code}
	var walk func(in []edition.Inline, italic, bold bool)
	walk = func(in []edition.Inline, italic, bold bool) {
		for _, x := range in {
			switch x.Kind {
			case edition.Emph:
				walk(x.Children, !italic, bold)
				continue
			case edition.Strong:
				walk(x.Children, italic, true)
				continue
			}
			if (!code && (x.Text != "" || x.Kind == edition.NoteRef)) || (code && x.Kind == edition.Code) {
				used[map[[2]bool]int{{false, false}: 0, {true, false}: 1, {false, true}: 2, {true, true}: 3}[[2]bool{italic, bold}]] = true
			}
			walk(x.Children, italic, bold)
		}
	}
	var blocks func(bs []edition.Block, italic bool)
	blocks = func(bs []edition.Block, italic bool) {
		for _, bl := range bs {
			walk(bl.Inlines, italic || (bl.Kind == edition.Heading && bl.Level > 1), bl.Kind == edition.DefinitionTerm) // terms are bold
			blocks(bl.Children, italic || (bl.Kind == edition.TableRow && bl.Header))                                   // headings of columns are italic
		}
	}
	if b.Subtitle != "" && !code {
		used[1] = true
	}
	blocks(b.Bibliography, false)
	for _, d := range b.Documents {
		walk(d.Title, false, false)
		walk(d.Dateline, true, false)
		walk(d.Salutation, false, false)
		walk(d.Signature, true, false)
		walk(d.Archive, false, false)
		for _, e := range d.Endorsements {
			walk(e, false, false)
		}
		blocks(d.Blocks, false)
		for _, n := range d.Notes {
			blocks(n.Blocks, false)
		}
		if (len(d.Dateline) > 0 || len(d.Signature) > 0 || b.MixedCredits()) && !code {
			used[1] = true
		}
	}
	if b.Register != nil {
		for _, e := range b.Register.Entries {
			walk(e.Note, false, false)
			if e.Kind == edition.Person && !code {
				used[1] = true // the notes on persons set each name as a term, in italic
			}
		}
	}
	return used
}

// NameFamilies writes the edition's family for FAMILY in a stylesheet, and its monospace family
// for MONO, each a CSS family name.
func NameFamilies(b *edition.Book, css string) string {
	mono := "monospace"
	if b.Fonts.HasMono() {
		mono = CSSString(b.Fonts.Mono.Family) + ", monospace"
	}
	return strings.NewReplacer("FAMILY", CSSString(b.Fonts.Family), "MONO", mono).Replace(css)
}

// CSSString quotes a family name for CSS.
func CSSString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", " ").Replace(s) + `"`
}

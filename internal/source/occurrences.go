package source

import (
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"colophon/internal/edition"
)

// Occurrences: once every document is read, each register form found in the texts, and each
// passage a mark ties to an entry, becomes an Indexed inline with an anchor id, in reading order.
//
// A form matches as whole words: it begins where a word begins and ends where a word ends, so
// "Stalinist" is not Stalin, and "Stalin’s" is Stalin followed by its possessive. Where forms
// overlap, the one that begins first wins, and of those beginning at one place the longest:
// "our Molotov motor factory" is the factory, and the word Molotov in it is not the person.
// Matching is within a run of text of one style (a form half in italics is not found) and is
// exact in letter case.

// formMatcher finds forms by the first word of each, the longest form first.
type formMatcher struct {
	byWord map[string][]registerForm
}

func newFormMatcher(forms []registerForm) *formMatcher {
	m := &formMatcher{byWord: map[string][]registerForm{}}
	for _, f := range forms {
		w := f.text[:wordEnd(f.text, 0)]
		m.byWord[w] = append(m.byWord[w], f)
	}
	for _, fs := range m.byWord {
		sort.SliceStable(fs, func(i, j int) bool { return len(fs[i].text) > len(fs[j].text) })
	}
	return m
}

// isWordRune is a character words are made of: letters, digits and the marks on them.
func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }

// wordEnd is the end of the word that begins at i.
func wordEnd(s string, i int) int {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			break
		}
		i += n
	}
	return i
}

// matchAt is the end of form f in s at i, or -1. A space of the form matches any one space of
// the text (a no-break space too); its apostrophe matches a typed one.
func matchAt(s string, i int, f string) int {
	for j := 0; j < len(f); {
		if i >= len(s) {
			return -1
		}
		fr, fn := utf8.DecodeRuneInString(f[j:])
		sr, sn := utf8.DecodeRuneInString(s[i:])
		switch {
		case fr == sr:
		case fr == ' ' && unicode.IsSpace(sr):
		case fr == '’' && sr == '\'':
		default:
			return -1
		}
		i += sn
		j += fn
	}
	if i < len(s) {
		if r, _ := utf8.DecodeRuneInString(s[i:]); isWordRune(r) {
			return -1 // "Stalinist"
		}
	}
	return i
}

// occurrenceFinder is one pass over the edition's texts.
type occurrenceFinder struct {
	m     *formMatcher
	reg   *edition.Register
	count map[*edition.Entry]int
	doc   *edition.Document
	part  edition.Part
	note  *edition.Note
}

// findOccurrences finds every occurrence in the edition, and warns of each entry found nowhere.
func (p *project) findOccurrences(b *edition.Book) {
	if b.Register == nil {
		return
	}
	o := &occurrenceFinder{m: newFormMatcher(p.forms), reg: b.Register, count: map[*edition.Entry]int{}}
	for _, d := range b.Documents {
		o.doc, o.note = d, nil
		o.part = edition.InTitle
		d.Title = o.inlines(d.Title, nil, false)
		o.part = edition.InDateline
		d.Dateline = o.inlines(d.Dateline, nil, false)
		o.part = edition.InSalutation
		d.Salutation = o.inlines(d.Salutation, nil, false)
		o.part = edition.InBody
		o.blocks(d.Blocks)
		o.part = edition.InSignature
		d.Signature = o.inlines(d.Signature, nil, false)
		o.part = edition.InEndorsement
		for i := range d.Endorsements {
			d.Endorsements[i] = o.inlines(d.Endorsements[i], nil, false)
		}
		o.part = edition.InArchive
		d.Archive = o.inlines(d.Archive, nil, false)
		o.part = edition.InNote
		for _, n := range d.Notes {
			o.note = n
			o.blocks(n.Blocks)
		}
	}
	for _, e := range b.Register.Entries {
		if len(e.Occurrences) > 0 {
			continue
		}
		how := "no mark names it and it has no forms"
		if len(e.Forms) > 0 {
			how = "no mark names it, and none of its forms (" + strings.Join(e.Forms, ", ") + ") stands in them as whole words"
		}
		p.warn.Add(e.Pos, "warning: register entry %q stands nowhere in the texts: %s", e.ID, how)
	}
}

func (o *occurrenceFinder) blocks(bs []edition.Block) {
	for i := range bs {
		if bs[i].Kind == edition.CodeBlock {
			continue
		}
		bs[i].Inlines = o.inlines(bs[i].Inlines, nil, false)
		o.blocks(bs[i].Children)
	}
}

// occurrence makes the Indexed inline of one occurrence, numbering it.
func (o *occurrenceFinder) occurrence(e *edition.Entry, form string, children []edition.Inline) edition.Inline {
	o.count[e]++
	oc := &edition.Occurrence{Entry: e, ID: "reg-" + e.ID + "-" + strconv.Itoa(o.count[e]), Doc: o.doc, Part: o.part, Form: form, Marked: form == ""}
	if o.part == edition.InNote {
		oc.Note = o.note
	}
	e.Occurrences = append(e.Occurrences, oc)
	return edition.Inline{Kind: edition.Indexed, Children: children, Occurrence: oc}
}

// inlines finds the occurrences in a run of inlines. marked are the entries a mark around them
// names (their forms inside are the mark's occurrence, not occurrences of their own); off is set
// inside .noindex, where no form is looked for.
func (o *occurrenceFinder) inlines(in []edition.Inline, marked []*edition.Entry, off bool) []edition.Inline {
	var out []edition.Inline
	changed := false
	for i, x := range in {
		var repl []edition.Inline
		switch x.Kind {
		case edition.Text:
			if !off {
				repl = o.text(x.Text, marked)
			}
		case edition.Emph, edition.Strong, edition.Strike, edition.Link:
			x.Children = o.inlines(x.Children, marked, off)
		case edition.Span:
			x = o.span(x, marked, off)
		}
		if repl == nil && !changed {
			in[i] = x
			continue
		}
		if !changed {
			out = append(out, in[:i]...)
			changed = true
		}
		if repl != nil {
			out = append(out, repl...)
		} else {
			out = append(out, x)
		}
	}
	if !changed {
		return in
	}
	return out
}

// span handles a bracketed span: a mark (index=) makes its words an occurrence of each entry it
// names, outermost first; .noindex turns the forms inside off; a citation's text is colophon's,
// not the document's.
func (o *occurrenceFinder) span(x edition.Inline, marked []*edition.Entry, off bool) edition.Inline {
	if x.Attr.HasClass("citation") {
		return x
	}
	off = off || x.Attr.HasClass("noindex")
	ids, ok := x.Attr.Value("index")
	if !ok {
		x.Children = o.inlines(x.Children, marked, off)
		return x
	}
	var entries []*edition.Entry
	for _, id := range strings.Fields(ids) {
		if e := o.reg.Entry(id); e != nil {
			entries = append(entries, e)
		}
	}
	// Numbered outermost first, in reading order; the forms inside are found after.
	var made []*edition.Inline
	wrapped := make([]edition.Inline, 1)
	cur := &wrapped[0]
	for k, e := range entries {
		*cur = o.occurrence(e, "", nil)
		made = append(made, cur)
		if k < len(entries)-1 {
			cur.Children = make([]edition.Inline, 1)
			cur = &cur.Children[0]
		}
	}
	children := o.inlines(x.Children, append(append([]*edition.Entry(nil), marked...), entries...), off)
	if len(made) == 0 {
		x.Children = children
		return x
	}
	made[len(made)-1].Children = children
	x.Children = wrapped
	return x
}

// text finds the forms in a run of text, and returns it cut around them, or nil when it holds
// none.
func (o *occurrenceFinder) text(s string, marked []*edition.Entry) []edition.Inline {
	var out []edition.Inline
	last := 0 // the end of the text already given out
	prevWord := false
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			prevWord = false
			i += n
			continue
		}
		if prevWord {
			i += n
			continue
		}
		we := wordEnd(s, i)
		end, hit := -1, registerForm{}
		for _, f := range o.m.byWord[s[i:we]] {
			if e := matchAt(s, i, f.text); e >= 0 {
				end, hit = e, f
				break
			}
		}
		if end < 0 {
			i, prevWord = we, true
			continue
		}
		if !containsEntry(marked, hit.entry) {
			if i > last {
				out = append(out, edition.Inline{Kind: edition.Text, Text: s[last:i]})
			}
			out = append(out, o.occurrence(hit.entry, hit.text, []edition.Inline{{Kind: edition.Text, Text: s[i:end]}}))
			last = end
		}
		// What follows a form is never a letter (matchAt): the next word may begin there.
		i, prevWord = end, false
	}
	if out == nil {
		return nil
	}
	if last < len(s) {
		out = append(out, edition.Inline{Kind: edition.Text, Text: s[last:]})
	}
	return out
}

func containsEntry(es []*edition.Entry, e *edition.Entry) bool {
	for _, x := range es {
		if x == e {
			return true
		}
	}
	return false
}

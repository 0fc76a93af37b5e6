package source

import (
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
	"gopkg.in/yaml.v3"

	"colophon/internal/edition"
)

// The register, source/register.yaml: the persons, places and organisations the documents name,
// each with the forms under which it stands in the texts. Reading it checks every entry; the
// occurrences are found once every document is read (occurrences.go).

const registerPath = "source/register.yaml"

// Two marks, as bracketed spans, for what the forms cannot catch: words that stand for an entry
// without naming it by one of its forms, and a form that does not mean the entry where it stands.
func init() {
	spanKeys["index"] = "ties the words to the register entries whose ids it gives: [the General Secretary]{index=stalin}"
	spanClasses["noindex"] = "keeps the words out of the register's index: [Molotov]{.noindex} cocktail"
}

var registerKinds = []string{"persons", "places", "organisations"}
var entryKeys = []string{"id", "name", "forms", "dates", "note", "wikidata", "viaf", "gnd"}

var (
	wikidataPattern = regexp.MustCompile(`^Q[1-9][0-9]*$`)
	viafPattern     = regexp.MustCompile(`^[1-9][0-9]{0,21}$`)
	// The GND's own pattern for its identifiers (persons, bodies, places and subjects).
	gndPattern = regexp.MustCompile(`^(1[012]?[0-9]{7}[0-9X]|[47][0-9]{6}-[0-9]|[1-9][0-9]{0,7}-[0-9X]|3[0-9]{7}[0-9X])$`)
	dateRange  = regexp.MustCompile(`([0-9])-([0-9?])`)
)

// registerForm is one form as register.yaml writes it, where, and of which entry.
type registerForm struct {
	text  string // normalised: composed, apostrophes typographic, spaces single
	entry *edition.Entry
	pos   edition.Pos
}

// loadRegister reads source/register.yaml when there is one; the register is nil without it.
func (p *project) loadRegister(b *edition.Book, cov *coverage) {
	raw, err := p.read(registerPath)
	if errors.Is(err, fs.ErrNotExist) {
		return
	}
	if err != nil {
		p.ds.Add(fileProblem(registerPath, err), "%v", err)
		return
	}
	f, ok := readText(registerPath, raw, &p.ds)
	if !ok {
		return
	}
	cov.checkText(&p.ds, f)
	// The register exists from here on, however broken: a mark naming an entry is then checked
	// against the entries read, not refused for want of a register.
	b.Register = edition.NewRegister(nil)
	p.register = b.Register
	var root yaml.Node
	if err := yaml.Unmarshal(f.data, &root); err != nil {
		d := yamlError(registerPath, err, 0)
		p.ds.Add(d.Pos, "%s", d.Message)
		return
	}
	if len(root.Content) == 0 {
		return
	}
	m := yamlMap{path: registerPath, ds: &p.ds}
	lists := map[string]*yaml.Node{}
	m.each(root.Content[0], "register.yaml", registerKinds, func(key string, _, v *yaml.Node) {
		lists[key] = v
	})
	var entries []*edition.Entry
	ids := map[string]*edition.Entry{}
	forms := map[string]registerForm{}
	for ki, key := range registerKinds {
		v := lists[key]
		if v == nil || (v.Kind == yaml.ScalarNode && v.Tag == "!!null") {
			continue
		}
		if v.Kind != yaml.SequenceNode {
			m.ds.Add(m.pos(v), "%s must be a list of entries, each beginning \"- id: …\"", key)
			continue
		}
		for _, it := range v.Content {
			e := p.registerEntry(m, it, edition.EntryKinds[ki], b, cov)
			if e == nil {
				continue
			}
			if first, dup := ids[e.ID]; dup {
				p.ds.Add(e.Pos, "register id %q is given twice (first at line %d): each entry needs an id of its own", e.ID, first.Pos.Line)
				continue
			}
			ids[e.ID] = e
			entries = append(entries, e)
			p.entryForms(m, it, e, forms)
		}
	}
	b.Register = edition.NewRegister(entries)
	p.register = b.Register
	p.forms = make([]registerForm, 0, len(forms))
	for _, f := range forms {
		p.forms = append(p.forms, f)
	}
	sort.Slice(p.forms, func(i, j int) bool { return p.forms[i].text < p.forms[j].text })
}

// registerEntry reads one entry of a list, or nil when it cannot be one.
func (p *project) registerEntry(m yamlMap, it *yaml.Node, kind edition.EntryKind, b *edition.Book, cov *coverage) *edition.Entry {
	e := &edition.Entry{Kind: kind, Pos: m.pos(it)}
	if it.Kind == yaml.MappingNode && len(it.Content) > 0 {
		e.Pos = m.pos(it.Content[0])
	}
	what := "an entry of " + kind.Key()
	var idGiven bool
	m.each(it, what, entryKeys, func(key string, k, v *yaml.Node) {
		if key == "forms" {
			return // read by entryForms, once the entry is known to be one
		}
		s, ok := m.str(key, v)
		if !ok {
			return
		}
		s = strings.TrimSpace(s)
		at := m.pos(v)
		switch key {
		case "id":
			idGiven = true
			if !namePattern.MatchString(s) {
				p.ds.Add(at, "register id %q must be lower-case letters, digits and hyphens, such as stalin or moscow-committee", s)
				return
			}
			e.ID = s
			e.Pos = m.pos(k)
		case "name":
			e.Name = s
		case "dates":
			e.Dates = dateRange.ReplaceAllString(s, "$1–$2")
		case "note":
			e.Note = p.registerNote(field{text: s, pos: valuePos(m, v, s)}, b, cov)
		case "wikidata":
			if !wikidataPattern.MatchString(s) {
				p.ds.Add(at, "wikidata %q must be a Wikidata item's Q-number, such as Q855", s)
			}
			e.Wikidata = s
		case "viaf":
			if !viafPattern.MatchString(s) {
				p.ds.Add(at, "viaf %q must be a VIAF identifier, a number such as 101787139", s)
			}
			e.VIAF = s
		case "gnd":
			if !gndPattern.MatchString(s) {
				p.ds.Add(at, "gnd %q must be a GND identifier, such as 118616617 or 4005728-8", s)
			}
			e.GND = s
		}
	})
	if it.Kind != yaml.MappingNode {
		return nil
	}
	if !idGiven {
		p.ds.Add(e.Pos, "%s has no id: give it one (lower-case letters, digits and hyphens), which marks name it by", what)
		return nil
	}
	if e.ID == "" {
		return nil
	}
	if e.Name == "" {
		p.ds.Add(e.Pos, "register entry %q has no name: give the heading the index prints, such as \"Stalin, Joseph Vissarionovich\"", e.ID)
	}
	return e
}

// entryForms reads an entry's forms. A form stands for one entry only: the same form in two
// entries would make every occurrence of it ambiguous.
func (p *project) entryForms(m yamlMap, it *yaml.Node, e *edition.Entry, forms map[string]registerForm) {
	var v *yaml.Node
	for i := 0; i+1 < len(it.Content); i += 2 {
		if it.Content[i].Value == "forms" {
			v = it.Content[i+1]
			break
		}
	}
	if v == nil {
		return
	}
	items := []*yaml.Node{v}
	if v.Kind == yaml.SequenceNode {
		items = v.Content
	} else if v.Kind != yaml.ScalarNode {
		p.ds.Add(m.pos(v), "forms must be a list of the strings the entry stands under in the texts")
		return
	}
	for _, fv := range items {
		s, ok := m.str("a form", fv)
		if !ok {
			continue
		}
		at := valuePos(m, fv, s)
		form := normalForm(s)
		if r, _ := utf8.DecodeRuneInString(form); form == "" || !isWordRune(r) {
			p.ds.Add(at, "form %q must begin with a letter or a digit: forms are matched as whole words", s)
			continue
		}
		if first, dup := forms[form]; dup {
			if first.entry == e {
				p.ds.Add(at, "form %q is given twice in entry %q (first at line %d)", s, e.ID, first.pos.Line)
			} else {
				p.ds.Add(at, "form %q is a form of both %q and %q (line %d): a form stands for one entry; tie the other's occurrences with a mark, [%s]{index=%s}", s, first.entry.ID, e.ID, first.pos.Line, s, e.ID)
			}
			continue
		}
		forms[form] = registerForm{text: form, entry: e, pos: at}
		e.Forms = append(e.Forms, strings.TrimSpace(s))
	}
}

// normalForm is a form as the texts hold it once read: composed characters, typographic
// apostrophes (the typographer turns a typed ' into ’), and single spaces.
func normalForm(s string) string {
	s = norm.NFC.String(s)
	s = strings.ReplaceAll(s, "'", "’")
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

// registerNote reads an entry's note, one paragraph of Markdown in the book's language. It has
// no notes of its own and ties nothing to the register: it is not one of the texts. Its code is
// checked against the monospace face, as the texts' is (cov).
func (p *project) registerNote(fd field, b *edition.Book, cov *coverage) []edition.Inline {
	var refs []noteUse
	c := &converter{ds: &p.ds, proj: p, refs: &refs, lang: b.Language, images: map[*edition.Picture]imageUse{}, inNote: true, inRegister: true, cov: cov}
	in := c.parseInline(fd)
	c.checkInlineImages()
	return in
}

// checkIndexMark checks the ids of a mark, [words]{index=stalin}: each must be a register entry.
func (c *converter) checkIndexMark(at edition.Pos, value string) {
	if c.inRegister {
		c.ds.Add(at, "index=%s in the register: marks tie the documents' words to entries, and a register note is not one of the texts", value)
		return
	}
	ids := strings.Fields(value)
	if len(ids) == 0 {
		c.ds.Add(at, "index= names no entry: give the id of a register entry, [words]{index=stalin}")
		return
	}
	r := c.proj.register
	if r == nil {
		c.ds.Add(at, "index=%s: there is no %s with the entries marks name", value, registerPath)
		return
	}
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			c.ds.Add(at, "index= names %q twice", id)
			continue
		}
		seen[id] = true
		if r.Entry(id) != nil {
			continue
		}
		known := make([]string, 0, len(r.Entries))
		for _, e := range r.Entries {
			known = append(known, e.ID)
		}
		hint := ""
		if cl := Closest(id, known); cl != "" {
			hint = fmt.Sprintf(" (did you mean %s?)", cl)
		}
		c.ds.Add(at, "index=%s: %s has no entry with the id %q%s", id, registerPath, id, hint)
	}
}

package source

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"colophon/internal/edition"
)

// Citations, pandoc's syntax: [@key], [@key, p. 12], [see @a, 34; @b], each key a work of
// source/references.bib. They are set in the Chicago Manual of Style's author-date system:
// "(Sauvageau 1889, 12)" in the text, and a reference list of the works cited, sorted by author,
// at the end of the book and of the EPUB. A key the file does not have is an error at its place.

// citeItem is one work cited: the words before it, its key and the place in it.
type citeItem struct {
	prefix, key, locator string
	offset               int // of the key's @, for diagnostics
}

type citationNode struct {
	ast.BaseInline
	items  []citeItem
	offset int
}

var kindCitation = ast.NewNodeKind("Citation")

func (n *citationNode) Kind() ast.NodeKind { return kindCitation }

func (n *citationNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

type citationParser struct{}

func (citationParser) Trigger() []byte { return []byte{'['} }

// citePart is one work in a citation: words, @key, and after a comma the place cited.
var citePart = regexp.MustCompile(`^\s*((?:[^@;\]]*\s)?)@([A-Za-z0-9_][A-Za-z0-9_:.#$%&+?<>~/-]*?)[.:]?(?:\s*,\s*([^;\]]*?))?\s*$`)

func (citationParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	end := -1
	for i := 1; i < len(line); i++ {
		if line[i] == '[' || line[i] == '\n' {
			return nil
		}
		if line[i] == ']' {
			end = i
			break
		}
	}
	if end < 0 || !strings.Contains(string(line[1:end]), "@") {
		return nil
	}
	if end+1 < len(line) && strings.IndexByte("([{", line[end+1]) >= 0 {
		return nil // a link's or a span's text
	}
	n := &citationNode{offset: seg.Start}
	at := 1
	for _, part := range strings.Split(string(line[1:end]), ";") {
		m := citePart.FindStringSubmatch(part)
		if m == nil {
			return nil
		}
		n.items = append(n.items, citeItem{prefix: strings.TrimSpace(m[1]), key: m[2], locator: strings.TrimSpace(m[3]),
			offset: seg.Start + at + strings.Index(part, "@")})
		at += len(part) + 1
	}
	block.Advance(end + 1)
	return n
}

// citation sets a citation in the text: "(see Sauvageau 1889, 12; Smith 2001)". Each key must
// be a work of the references; the works cited are remembered for the reference list.
func (c *converter) citation(n *citationNode) edition.Inline {
	var parts []string
	for _, it := range n.items {
		e := c.proj.bib[it.key]
		if e == nil {
			c.ds.Add(c.pos(it.offset), "%s", c.proj.unknownWork(it.key))
			continue
		}
		if !slices.Contains(c.proj.cited, it.key) {
			c.proj.cited = append(c.proj.cited, it.key)
		}
		s := authorsShort(e) + " " + year(e)
		if it.prefix != "" {
			s = it.prefix + " " + s
		}
		if it.locator != "" {
			s += ", " + it.locator
		}
		parts = append(parts, s)
	}
	return edition.Inline{Kind: edition.Span, Attr: &edition.Attr{Classes: []string{"citation"}},
		Children: []edition.Inline{{Kind: edition.Text, Text: "(" + strings.Join(parts, "; ") + ")"}}}
}

// unknownWork says that a key is not in the references, with the closest one.
func (p *project) unknownWork(key string) string {
	if p.bib == nil {
		return fmt.Sprintf("citation @%s: there is no source/references.bib with the works the documents cite", key)
	}
	keys := make([]string, 0, len(p.bib))
	for k := range p.bib {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	hint := ""
	if cl := Closest(key, keys); cl != "" {
		hint = fmt.Sprintf(" (did you mean @%s?)", cl)
	}
	return fmt.Sprintf("citation @%s: source/references.bib has no work with that key%s", key, hint)
}

// person is a name as BibTeX writes it: "Last, First" or "First Last"; a name in braces is one
// (an institution's).
type person struct{ first, last string }

// names reads a field of names joined by "and".
func names(e *bibEntry, field string) []person {
	raw := e.raw[field]
	var out []person
	depth, start := 0, 0
	add := func(s string) {
		s = strings.TrimSpace(s)
		if s == "" {
			return
		}
		if strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") && closingIn([]byte(s), 0) == len(s)-1 {
			out = append(out, person{last: bibText(s)})
			return
		}
		if last, first, ok := strings.Cut(s, ","); ok {
			out = append(out, person{first: bibText(first), last: bibText(last)})
			return
		}
		w := strings.Fields(bibText(s))
		out = append(out, person{first: strings.Join(w[:len(w)-1], " "), last: w[len(w)-1]})
	}
	for i := 0; i < len(raw); i++ {
		switch raw[i] {
		case '{':
			depth++
		case '}':
			depth--
		case ' ', '\n', '\t':
			if depth == 0 && i+5 <= len(raw) && raw[i+1:i+4] == "and" && (raw[i+4] == ' ' || raw[i+4] == '\n' || raw[i+4] == '\t') {
				add(raw[start:i])
				start = i + 5
				i += 4
			}
		}
	}
	add(raw[start:])
	return out
}

// creators are a work's authors, else its editors.
func creators(e *bibEntry) ([]person, bool) {
	if a := names(e, "author"); len(a) > 0 {
		return a, false
	}
	return names(e, "editor"), true
}

// authorsShort is the names in a citation: "Ivanov", "Ivanov and Petrov", "Ivanov, Petrov, and
// Sidorov", "Ivanov et al." (four or more); a work without authors or editors is cited by title.
func authorsShort(e *bibEntry) string {
	ps, _ := creators(e)
	var last []string
	for _, p := range ps {
		last = append(last, p.last)
	}
	switch n := len(last); {
	case n == 0:
		return e.fields["title"]
	case n == 1:
		return last[0]
	case n == 2:
		return last[0] + " and " + last[1]
	case n == 3:
		return last[0] + ", " + last[1] + ", and " + last[2]
	}
	return last[0] + " et al."
}

func year(e *bibEntry) string {
	if y := e.fields["year"]; y != "" {
		return y
	}
	if d := e.fields["date"]; len(d) >= 4 {
		return d[:4]
	}
	return "n.d."
}

// fullNames writes the names of a reference list entry: the first inverted, "Ivanov, Ivan, Petr
// Petrov, and Anna Sidorova".
func fullNames(ps []person) string {
	var out []string
	for i, p := range ps {
		switch {
		case p.first == "":
			out = append(out, p.last)
		case i == 0:
			out = append(out, p.last+", "+p.first)
		default:
			out = append(out, p.first+" "+p.last)
		}
	}
	switch len(out) {
	case 0:
		return ""
	case 1:
		return out[0]
	case 2:
		return out[0] + ", and " + out[1]
	}
	return strings.Join(out[:len(out)-1], ", ") + ", and " + out[len(out)-1]
}

// sentence ends s with a full stop, unless it ends with one already (or ? or !).
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") {
		return s
	}
	return s + "."
}

// reference is one entry of the reference list, in Chicago's author-date form:
// Ivanov, Ivan. 1956. *Title*. Moscow: Publisher.
// Ivanov, Ivan. 1956. "Title." *Journal* 3 (2): 10–20.
// Ivanov, Ivan. 1956. "Title." In *Book*, edited by Anna Petrova, 10–20. Moscow: Publisher.
func reference(e *bibEntry) []edition.Inline {
	var in []edition.Inline
	txt := func(s string) {
		if s == "" {
			return
		}
		if k := len(in) - 1; k >= 0 && in[k].Kind == edition.Text {
			in[k].Text += s
			return
		}
		in = append(in, edition.Inline{Kind: edition.Text, Text: s})
	}
	ital := func(s string) {
		in = append(in, edition.Inline{Kind: edition.Emph, Children: []edition.Inline{{Kind: edition.Text, Text: s}}})
	}
	f := e.fields
	ps, edited := creators(e)
	title := f["title"]
	if len(ps) > 0 {
		who := fullNames(ps)
		if edited {
			if len(ps) > 1 {
				who += ", eds"
			} else {
				who += ", ed"
			}
		}
		txt(sentence(who) + " " + year(e) + ". ")
	} else if title != "" {
		// A work without authors is listed by its title.
	}
	container := f["journal"]
	if container == "" {
		container = f["booktitle"]
	}
	quoted := container != "" || e.typ == "article" || e.typ == "incollection" || e.typ == "inproceedings" || e.typ == "inbook" || e.typ == "phdthesis" || e.typ == "mastersthesis"
	if title != "" {
		if quoted {
			txt("“" + sentence(title) + "” ")
		} else {
			ital(strings.TrimRight(title, "."))
			txt(". ")
		}
	}
	if len(ps) == 0 {
		txt(year(e) + ". ")
	}
	switch {
	case f["journal"] != "":
		ital(f["journal"])
		if v := f["volume"]; v != "" {
			txt(" " + v)
		}
		if n := f["number"]; n != "" {
			txt(" (" + n + ")")
		}
		if p := f["pages"]; p != "" {
			txt(": " + p)
		}
		txt(". ")
	case f["booktitle"] != "":
		txt("In ")
		ital(f["booktitle"])
		if eds := names(e, "editor"); len(eds) > 0 && !edited {
			var n []string
			for _, p := range eds {
				n = append(n, strings.TrimSpace(p.first+" "+p.last))
			}
			txt(", edited by " + edition.JoinNames(n))
		}
		if p := f["pages"]; p != "" {
			txt(", " + p)
		}
		txt(". ")
	case e.typ == "phdthesis" || e.typ == "mastersthesis":
		kind := "PhD diss."
		if e.typ == "mastersthesis" {
			kind = "Master’s thesis"
		}
		txt(sentence(strings.TrimSpace(kind+", "+f["school"])) + " ")
	}
	place, pub := f["address"], f["publisher"]
	if pub == "" {
		pub = f["institution"]
	}
	switch {
	case place != "" && pub != "":
		txt(place + ": " + pub + ". ")
	case pub != "" || place != "":
		txt(pub + place + ". ")
	}
	for _, k := range []string{"howpublished", "note"} {
		if f[k] != "" {
			txt(sentence(f[k]) + " ")
		}
	}
	if u := f["url"]; u != "" {
		in = append(in, edition.Inline{Kind: edition.Link, URL: u, Children: []edition.Inline{{Kind: edition.Text, Text: u}}})
		txt(".")
	}
	if k := len(in) - 1; k >= 0 && in[k].Kind == edition.Text {
		in[k].Text = strings.TrimRight(in[k].Text, " ")
	}
	return in
}

// bibliography is the reference list of the works cited, sorted by their first author's last
// name (or title), then year.
func (p *project) bibliography() []edition.Block {
	keys := slices.Clone(p.cited)
	sortKey := func(k string) string {
		e := p.bib[k]
		ps, _ := creators(e)
		s := e.fields["title"]
		if len(ps) > 0 {
			s = ps[0].last + " " + ps[0].first
		}
		return strings.ToLower(s) + " " + year(e) + " " + k
	}
	sort.Slice(keys, func(i, j int) bool { return sortKey(keys[i]) < sortKey(keys[j]) })
	var out []edition.Block
	for _, k := range keys {
		out = append(out, edition.Block{Kind: edition.Paragraph, Inlines: reference(p.bib[k]), Pos: p.bib[k].pos})
	}
	return out
}

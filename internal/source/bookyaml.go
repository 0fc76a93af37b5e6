package source

import (
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"colophon/internal/edition"
	"colophon/internal/print"
)

// bookKeys are the keys source/book.yaml may hold, with what each is for; any other key is reported,
// so that a typo such as "tittle" is caught instead of silently ignored. The README documents them.
var bookKeys = []string{
	"name", "title", "short_title", "subtitle", "language", "original_language", "contributors", "publisher", "date",
	"rights", "description", "subjects", "source", "isbn", "ebook_isbn", "url", "trim", "bleed", "paper", "font_size", "print",
	"fonts", "cover", "openings", "number_documents", "edition", "printing",
}

// Paper thickness presets, inches per page (one leaf side), as print-on-demand services publish them.
var paperPresets = map[string]float64{"white": 0.002252, "cream": 0.0025}

var namePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
var yamlLine = regexp.MustCompile(`line (\d+)`)

// yamlError turns a yaml.v3 error into a diagnostic at the line it names. lineOffset is the number of
// lines before the YAML text in its file (front matter starts after the "---" line).
func yamlError(path string, err error, lineOffset int) edition.Diagnostic {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 1
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = strings.TrimSpace(strings.Replace(msg, m[0]+":", "", 1))
		// yaml.v3 counts lines from 0 for parser errors (all worded "did not find expected …") and
		// from 1 for scanner errors; on line 1 a parser error has no line at all.
		if strings.HasPrefix(msg, "did not find expected") {
			line++
		}
	}
	return edition.Diagnostic{Pos: edition.Pos{Path: path, Line: line + lineOffset, Col: 1}, Message: "malformed YAML: " + msg}
}

// yamlMap walks a mapping node's key/value pairs, reporting keys not in known.
type yamlMap struct {
	path       string
	lineOffset int
	ds         *edition.Diagnostics
}

func (m yamlMap) pos(n *yaml.Node) edition.Pos {
	return edition.Pos{Path: m.path, Line: n.Line + m.lineOffset, Col: n.Column}
}

// each calls fn for every key of a mapping; unknown keys and repeated keys are reported.
func (m yamlMap) each(n *yaml.Node, what string, known []string, fn func(key string, k, v *yaml.Node)) {
	if n.Kind != yaml.MappingNode {
		m.ds.Add(m.pos(n), "%s must be a mapping of keys to values", what)
		return
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !contains(known, k.Value) {
			m.ds.Add(m.pos(k), "unknown key %q in %s%s", k.Value, what, suggest(k.Value, known))
			continue
		}
		if seen[k.Value] {
			m.ds.Add(m.pos(k), "key %q is given twice in %s", k.Value, what)
			continue
		}
		seen[k.Value] = true
		fn(k.Value, k, v)
	}
}

// str reads a scalar as a string; YAML's other scalar types (dates, numbers) are taken as written.
func (m yamlMap) str(key string, v *yaml.Node) (string, bool) {
	if v.Kind != yaml.ScalarNode {
		m.ds.Add(m.pos(v), "%s must be a single line of text", key)
		return "", false
	}
	return v.Value, true
}

func (m yamlMap) strList(key string, v *yaml.Node) []string {
	if v.Kind == yaml.ScalarNode {
		return []string{v.Value}
	}
	if v.Kind != yaml.SequenceNode {
		m.ds.Add(m.pos(v), "%s must be a list of text items", key)
		return nil
	}
	var out []string
	for _, it := range v.Content {
		if s, ok := m.str(key, it); ok {
			out = append(out, s)
		}
	}
	return out
}

// parseFallback reads fonts.fallback: a list whose items are a .ttf file, set for every style, or
// a mapping of family and faces (regular, and italic, bold, bold_italic where the family has them).
func parseFallback(m yamlMap, v *yaml.Node) []fallbackYAML {
	if v.Kind != yaml.SequenceNode {
		m.ds.Add(m.pos(v), "fonts.fallback must be a list of fonts, each a .ttf file or a mapping with regular:, bold:, …")
		return nil
	}
	var out []fallbackYAML
	for _, it := range v.Content {
		fb := fallbackYAML{paths: map[string]yamlString{}, pos: m.pos(it)}
		switch it.Kind {
		case yaml.ScalarNode:
			fb.paths["regular"] = yamlString{it.Value, m.pos(it)}
		case yaml.MappingNode:
			m.each(it, "fonts.fallback", []string{"family", "regular", "italic", "bold", "bold_italic"}, func(face string, _, fv *yaml.Node) {
				if s, ok := m.str("fonts.fallback."+face, fv); ok {
					if face == "family" {
						fb.family = yamlString{s, m.pos(fv)}
					} else {
						fb.paths[face] = yamlString{s, m.pos(fv)}
					}
				}
			})
			if _, ok := fb.paths["regular"]; !ok {
				m.ds.Add(fb.pos, "fonts.fallback: this font has no regular: face; give its .ttf file")
				continue
			}
		default:
			m.ds.Add(m.pos(it), "fonts.fallback: each font is a .ttf file or a mapping with regular:, bold:, …")
			continue
		}
		out = append(out, fb)
	}
	return out
}

// bookYAML is what book.yaml said, with positions kept for checks that come later (fonts, ISBN).
type bookYAML struct {
	fontPaths   map[string]yamlString // face → path
	cover       yamlString
	strings     []yamlString // every printed value, for the character check
	languagePos edition.Pos
	fontsPos    edition.Pos // where book.yaml's fonts: key is, for a missing face
	// fallback is fonts.fallback, when given (an empty list turns the built-in fallback off).
	fallback      []fallbackYAML
	fallbackGiven bool
}

// fallbackYAML is one family of fonts.fallback: a file for every style, or its faces by style.
type fallbackYAML struct {
	family yamlString
	paths  map[string]yamlString // regular, italic, bold, bold_italic → path
	pos    edition.Pos
}

type yamlString struct {
	value string
	pos   edition.Pos
}

func parseBookYAML(f *textFile, b *edition.Book, ds *edition.Diagnostics) *bookYAML {
	out := &bookYAML{fontPaths: map[string]yamlString{}}
	var root yaml.Node
	if err := yaml.Unmarshal(f.data, &root); err != nil {
		ds.Add(yamlError(f.path, err, 0).Pos, "%s", yamlError(f.path, err, 0).Message)
		return nil
	}
	if len(root.Content) == 0 {
		ds.Add(edition.Pos{Path: f.path, Line: 1, Col: 1}, "book.yaml is empty: it needs at least title, language and date")
		return nil
	}
	m := yamlMap{path: f.path, ds: ds}
	doc := root.Content[0]
	given := map[string]bool{}
	var isbnAt, ebookAt edition.Pos
	printed := func(v *yaml.Node, s string) string {
		out.strings = append(out.strings, yamlString{s, valuePos(m, v, s)})
		return s
	}
	m.each(doc, "book.yaml", bookKeys, func(key string, k, v *yaml.Node) {
		given[key] = true
		switch key {
		case "contributors":
			b.Contributors = parseContributors(m, v, printed)
			return
		case "subjects":
			for _, s := range m.strList(key, v) {
				b.Subjects = append(b.Subjects, printed(v, s))
			}
			return
		case "print":
			m.each(v, "print", []string{"service", "condition"}, func(key string, _, pv *yaml.Node) {
				s, ok := m.str("print."+key, pv)
				if !ok {
					return
				}
				switch key {
				case "service":
					svc, known := print.Services[s]
					if !known {
						ds.Add(m.pos(pv), "print.service %q is not known; use one of %s", s, strings.Join(slices.Sorted(maps.Keys(print.Services)), ", "))
					}
					b.Print.Service = svc
				case "condition":
					if !slices.Contains(printConditions, s) {
						ds.Add(m.pos(pv), "print.condition %q is not one colophon knows; use one of %s", s, strings.Join(printConditions, ", "))
					}
					b.Print.Condition = s
				}
			})
			return
		case "fonts":
			out.fontsPos = m.pos(k)
			m.each(v, "fonts", []string{"family", "regular", "italic", "bold", "bold_italic", "fallback"}, func(face string, _, fv *yaml.Node) {
				if face == "fallback" {
					out.fallbackGiven = true
					out.fallback = parseFallback(m, fv)
					return
				}
				if s, ok := m.str("fonts."+face, fv); ok {
					if face == "family" {
						b.Fonts.Family = printed(fv, s)
					} else {
						out.fontPaths[face] = yamlString{s, m.pos(fv)}
					}
				}
			})
			return
		}
		s, ok := m.str(key, v)
		if !ok {
			return
		}
		at := m.pos(v)
		switch key {
		case "name":
			if !namePattern.MatchString(s) {
				ds.Add(at, "name %q must be lower-case letters, digits and hyphens (it names the output files)", s)
			} else if len(s) > maxName {
				ds.Add(at, "name is %d characters long; it names the output files, and may be at most %d", len(s), maxName)
			}
			b.Name = s
		case "title":
			b.Title = printed(v, s)
		case "short_title":
			b.ShortTitle = printed(v, s)
		case "subtitle":
			b.Subtitle = printed(v, s)
		case "language":
			b.Language = checkLang(ds, at, s)
			out.languagePos = at
		case "original_language":
			b.OriginalLanguage = checkLang(ds, at, s)
		case "publisher":
			b.Publisher = printed(v, s)
		case "date":
			if _, err := time.Parse("2006-01-02", s); err != nil {
				ds.Add(at, "date %q must be a calendar date written YYYY-MM-DD", s)
			}
			b.Date = s
		case "rights":
			b.Rights = printed(v, s)
		case "description":
			b.Description = printed(v, strings.TrimSpace(s))
		case "source":
			b.Source = printed(v, s)
		case "isbn", "ebook_isbn":
			if d, err := normalISBN(s); err != nil {
				ds.Add(at, "%v", err)
			} else if key == "isbn" {
				b.ISBN = d
				// Printed as the ISBN Agency's ranges cut it, whatever book.yaml wrote; an ISBN in
				// a range newer than colophon's data keeps book.yaml's hyphens.
				if b.ISBNText = edition.HyphenateISBN(d); b.ISBNText == d {
					b.ISBNText = strings.TrimSpace(s)
				}
				isbnAt = at
			} else {
				b.EbookISBN = d
				ebookAt = at
			}
		case "url":
			if !strings.HasPrefix(s, "https://") && !strings.HasPrefix(s, "http://") {
				ds.Add(at, "url %q must begin with https:// or http://", s)
			}
			b.URL = s
		case "openings":
			if !slices.Contains(edition.Openings, s) {
				ds.Add(at, "openings %q is not known; use one of %s", s, strings.Join(edition.Openings, ", "))
			}
			b.Openings = s
		case "number_documents":
			switch s {
			case "true":
				b.NumberDocuments = true
			case "false":
			default:
				ds.Add(at, "number_documents %q must be true or false", s)
			}
		case "edition":
			b.Edition = printed(v, s)
		case "printing":
			if n, err := strconv.Atoi(s); err != nil || n < 1 || n > 1000 {
				ds.Add(at, "printing %q must be a whole number from 1, the impression this is", s)
			} else {
				b.Printing = n
			}
		case "trim":
			trim, ok := print.Trims[s]
			if !ok {
				ds.Add(at, "trim %q is not a known size; use one of %s", s, strings.Join(slices.Sorted(maps.Keys(print.Trims)), ", "))
			}
			b.Print.Trim = trim
		case "bleed":
			mm, err := ParseLength(s)
			if err != nil || mm < 0 || mm > 10 {
				ds.Add(at, "bleed %q must be a length from 0 to 10 mm, such as 3mm or 0.125in", s)
			}
			b.Print.BleedMM = mm
		case "paper":
			if t, ok := paperPresets[s]; ok {
				b.Print.Paper, b.Print.PaperIn = s, t
			} else if mm, err := ParseLength(s); err == nil && mm > 0 && mm < 1 {
				b.Print.PaperIn = mm / 25.4
			} else {
				ds.Add(at, "paper %q must be white, cream or the thickness of one page, such as 0.0025in or 0.064mm", s)
			}
		case "font_size":
			pt, err := strconv.ParseFloat(strings.TrimSuffix(s, "pt"), 64)
			if err != nil || pt < 6 || pt > 24 {
				ds.Add(at, "font_size %q must be a size in points from 6 to 24", s)
			}
			b.Print.FontSize = pt
		case "cover":
			out.cover = yamlString{s, at}
		}
	})
	for _, req := range []string{"title", "language", "date"} {
		if !given[req] {
			ds.Add(edition.Pos{Path: f.path, Line: 1, Col: 1}, "book.yaml has no %s", req)
		}
	}
	if b.ISBN != "" && b.ISBN == b.EbookISBN {
		ds.Add(ebookAt, "ebook_isbn is the print edition's ISBN (isbn, line %d): each edition has an ISBN of its own", isbnAt.Line)
	}
	return out
}

func parseContributors(m yamlMap, v *yaml.Node, printed func(*yaml.Node, string) string) []edition.Contributor {
	if v.Kind != yaml.SequenceNode {
		m.ds.Add(m.pos(v), "contributors must be a list of entries with name and role")
		return nil
	}
	var out []edition.Contributor
	for _, it := range v.Content {
		var c edition.Contributor
		m.each(it, "a contributor", []string{"name", "role"}, func(key string, _, cv *yaml.Node) {
			s, ok := m.str(key, cv)
			if !ok {
				return
			}
			if key == "name" {
				c.Name = printed(cv, s)
			} else {
				if _, known := edition.Relators[s]; !known {
					m.ds.Add(m.pos(cv), "role %q is not known; use one of %s", s, strings.Join(slices.Sorted(maps.Keys(edition.Relators)), ", "))
				}
				c.Role = s
			}
		})
		if it.Kind == yaml.MappingNode && (c.Name == "" || c.Role == "") {
			m.ds.Add(m.pos(it), "a contributor needs both name and role")
			continue
		}
		out = append(out, c)
	}
	return out
}

// printConditions are the printing conditions of the ICC registry the printer's files may name:
// FOGRA39 (offset on coated paper, Europe; its profile is embedded) and CGATS TR 001 (SWOP, North
// America; named only).
var printConditions = []string{"FOGRA39", "CGATS TR 001"}

var langPattern = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)

func checkLang(ds *edition.Diagnostics, at edition.Pos, s string) string {
	if !langPattern.MatchString(s) {
		ds.Add(at, "language %q must be a language tag such as en, ru or en-GB", s)
	}
	return s
}

// ErrNoUnit is ParseLength's answer for a bare number other than 0.
var ErrNoUnit = errors.New("no unit: write mm, in or pt")

// ParseLength reads a length with its unit, "3mm", "0.125in" or "8.5pt", giving millimetres. A
// bare number is refused (is "3" millimetres, inches or points?), except 0.
func ParseLength(s string) (float64, error) {
	s = strings.TrimSpace(s)
	unit := 0.0
	switch {
	case strings.HasSuffix(s, "mm"):
		s, unit = strings.TrimSuffix(s, "mm"), 1
	case strings.HasSuffix(s, "in"):
		s, unit = strings.TrimSuffix(s, "in"), 25.4
	case strings.HasSuffix(s, "pt"):
		s, unit = strings.TrimSuffix(s, "pt"), 25.4/72
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil {
		return 0, err
	}
	if unit == 0 {
		if f != 0 {
			return 0, fmt.Errorf("%s has %w", s, ErrNoUnit)
		}
		unit = 1
	}
	return f * unit, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// suggest names the known key closest to a misspelt one.
func suggest(s string, known []string) string {
	if best := Closest(s, known); best != "" {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	return fmt.Sprintf("; known keys are %s", strings.Join(known, ", "))
}

// Closest is the word of known nearest to s, within two edits, or "".
func Closest(s string, known []string) string {
	best, bestD := "", 3
	for _, k := range known {
		if d := editDistance(s, k); d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

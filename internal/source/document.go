package source

import (
	"bytes"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"colophon/internal/edition"
)

// docKeys are the front matter keys a document may have. Each apparatus field is a line of Markdown
// and may hold a note reference, as the seed's titles and datelines do.
var docKeys = []string{"title", "short_title", "dateline", "language", "archive", "salutation", "signature", "endorsements",
	"translator", "original_language", "original"}

// fieldOrder is the reading order of a document's parts, which decides the numbering of notes.
const (
	partTitle = iota
	partDateline
	partSalutation
	partBody
	partSignature
	partEndorsements
	partArchive
)

// field is a front matter value that is set as Markdown inline text.
type field struct {
	text string
	pos  edition.Pos // where the value's text starts
}

// splitFrontMatter separates "---" YAML front matter from the body. It returns the YAML text, the
// number of lines before it, the byte offset where the body starts, and whether front matter was found.
func splitFrontMatter(data []byte) (yamlText []byte, bodyStart int, ok bool) {
	if !bytes.HasPrefix(data, []byte("---\n")) {
		return nil, 0, false
	}
	rest := data[4:]
	off := 4
	for len(rest) > 0 {
		nl := bytes.IndexByte(rest, '\n')
		line := rest
		if nl >= 0 {
			line = rest[:nl]
		}
		t := bytes.TrimRight(line, " \t")
		if bytes.Equal(t, []byte("---")) || bytes.Equal(t, []byte("...")) {
			end := off + len(line)
			if nl >= 0 {
				end++
			}
			return data[4:off], end, true
		}
		if nl < 0 {
			break
		}
		off += nl + 1
		rest = rest[nl+1:]
	}
	return nil, -1, true // opened but never closed
}

// frontMatter is what a document's front matter said.
type frontMatter struct {
	fields        map[string]field
	endorsements  []field
	shortTitle    string
	language      string
	languagePos   edition.Pos
	translators   []field // translator: one name or a list; "none" for a text in its original language
	hasTranslator bool
	originalLang  field
	original      field
	broken        bool // the YAML did not parse: later findings about missing keys would mislead
}

func parseFrontMatter(f *textFile, yamlText []byte, ds *edition.Diagnostics) *frontMatter {
	fm := &frontMatter{fields: map[string]field{}}
	var root yaml.Node
	if err := yaml.Unmarshal(yamlText, &root); err != nil {
		d := yamlError(f.path, err, 1)
		ds.Add(d.Pos, "%s", d.Message)
		fm.broken = true
		return fm
	}
	if len(root.Content) == 0 {
		return fm
	}
	m := yamlMap{path: f.path, lineOffset: 1, ds: ds}
	m.each(root.Content[0], "front matter", docKeys, func(key string, _, v *yaml.Node) {
		if key == "endorsements" {
			for _, s := range m.strList(key, v) {
				fm.endorsements = append(fm.endorsements, field{s, valuePos(m, v, s)})
			}
			return
		}
		if key == "translator" {
			fm.hasTranslator = true
			if v.Kind == yaml.SequenceNode {
				for _, s := range m.strList(key, v) {
					fm.translators = append(fm.translators, field{s, valuePos(m, v, s)})
				}
			} else if s, ok := m.str(key, v); ok {
				fm.translators = append(fm.translators, field{s, valuePos(m, v, s)})
			}
			return
		}
		s, ok := m.str(key, v)
		if !ok {
			return
		}
		switch key {
		case "short_title":
			fm.shortTitle = s
		case "language":
			fm.language = checkLang(ds, m.pos(v), s)
			fm.languagePos = m.pos(v)
		case "original_language":
			fm.originalLang = field{checkLang(ds, m.pos(v), s), m.pos(v)}
		case "original":
			fm.original = field{s, valuePos(m, v, s)}
		default:
			fm.fields[key] = field{s, valuePos(m, v, s)}
		}
	})
	return fm
}

// valuePos is where a scalar's text begins: after its opening quote, if it is quoted. For a list,
// the item holding the text is found so each endorsement has its own line.
func valuePos(m yamlMap, v *yaml.Node, s string) edition.Pos {
	n := v
	if v.Kind == yaml.SequenceNode {
		for _, it := range v.Content {
			if it.Value == s {
				n = it
				break
			}
		}
	}
	p := m.pos(n)
	if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
		p.Col++
	}
	return p
}

var idUnsafe = regexp.MustCompile(`[^a-z0-9]+`)

// documentID makes an XML-safe id from a file name: "01-letter.md" becomes "letter". A name that is
// all digits, or would collide, keeps its number behind a "doc-" prefix (ids may not start with a digit).
func documentID(path string, taken map[string]bool) string {
	base := strings.ToLower(strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)))
	full := strings.Trim(idUnsafe.ReplaceAllString(base, "-"), "-")
	id := strings.TrimLeft(full, "0123456789-")
	if id == "" || taken[id] {
		id = "doc-" + full
	}
	for n := 2; taken[id]; n++ {
		id = fmt.Sprintf("doc-%s-%d", full, n)
	}
	taken[id] = true
	return id
}

// runeCol moves a position forward by the characters of s before byte offset i, for references
// inside single-line front matter values.
func runeCol(p edition.Pos, s string, i int) edition.Pos {
	if i > len(s) {
		i = len(s)
	}
	if nl := strings.LastIndexByte(s[:i], '\n'); nl >= 0 {
		p.Line += strings.Count(s[:i], "\n")
		p.Col = utf8.RuneCountInString(s[nl+1:i]) + 1
		return p
	}
	p.Col += utf8.RuneCountInString(s[:i])
	return p
}

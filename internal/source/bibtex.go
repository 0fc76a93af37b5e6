package source

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"colophon/internal/edition"
)

// source/references.bib: the works the documents cite, in BibTeX. No maintained Go library for
// BibTeX or CSL-JSON is served by the module proxy, so this is the smallest reader of what
// editions need: entries @type{key, field = {value} | "value" | number, …}, values in braces
// nested any deep, "#" joining, @string, @comment and @preamble skipped, the common accent
// commands ({\"u}, \'e, \v{s}, \c{c}, …), \&, ~ and -- made characters. Each mistake is reported
// at its line and column.

// bibEntry is one work.
type bibEntry struct {
	typ, key string
	fields   map[string]string // values as text
	raw      map[string]string // values as written, for names (a name in braces is one name)
	pos      edition.Pos
}

// parseBibTeX reads a .bib file's entries by key.
func parseBibTeX(f *textFile, ds *edition.Diagnostics) map[string]*bibEntry {
	out := map[string]*bibEntry{}
	s := f.data
	i := 0
	skipSpace := func() {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
			i++
		}
	}
	ident := func() string {
		start := i
		for i < len(s) && (isLetter(s[i]) || s[i] >= '0' && s[i] <= '9' || strings.IndexByte("_-:.+/", s[i]) >= 0) {
			i++
		}
		return string(s[start:i])
	}
	for {
		at := strings.IndexByte(string(s[i:]), '@')
		if at < 0 {
			return out
		}
		i += at
		start := i
		i++
		typ := strings.ToLower(ident())
		skipSpace()
		if i >= len(s) || (s[i] != '{' && s[i] != '(') {
			ds.Add(f.pos(start), "a BibTeX entry @%s must be followed by { (e.g. @book{key, title = {…}})", typ)
			continue
		}
		if typ == "comment" || typ == "preamble" || typ == "string" {
			if end := closingIn(s, i); end > 0 {
				i = end + 1
				continue
			}
			ds.Add(f.pos(start), "@%s is never closed", typ)
			return out
		}
		i++
		skipSpace()
		keyAt := i
		key := ""
		for i < len(s) && s[i] != ',' && s[i] != '}' && s[i] != ' ' && s[i] != '\n' {
			i++
		}
		key = string(s[keyAt:i])
		if key == "" {
			ds.Add(f.pos(keyAt), "the @%s entry has no key", typ)
		}
		e := &bibEntry{typ: typ, key: key, fields: map[string]string{}, raw: map[string]string{}, pos: f.pos(start)}
		ok := true
		for ok {
			skipSpace()
			if i < len(s) && s[i] == ',' {
				i++
				skipSpace()
			}
			if i >= len(s) {
				ds.Add(f.pos(start), "the entry @%s{%s is never closed with }", typ, key)
				return out
			}
			if s[i] == '}' || s[i] == ')' {
				i++
				break
			}
			nameAt := i
			name := strings.ToLower(ident())
			skipSpace()
			if name == "" || i >= len(s) || s[i] != '=' {
				ds.Add(f.pos(nameAt), "expected a field, name = {value}, in @%s{%s", typ, key)
				ok = false
				break
			}
			i++
			var val strings.Builder
			for {
				skipSpace()
				if i >= len(s) {
					break
				}
				switch s[i] {
				case '{':
					end := closingIn(s, i)
					if end < 0 {
						ds.Add(f.pos(i), "the value of %s is never closed with }", name)
						return out
					}
					val.Write(s[i+1 : end])
					i = end + 1
				case '"':
					end := i + 1
					depth := 0
					for end < len(s) && !(s[end] == '"' && depth == 0) {
						if s[end] == '{' {
							depth++
						} else if s[end] == '}' {
							depth--
						}
						end++
					}
					if end >= len(s) {
						ds.Add(f.pos(i), "the value of %s is never closed with \"", name)
						return out
					}
					val.Write(s[i+1 : end])
					i = end + 1
				default:
					val.WriteString(ident()) // a number, or a month's abbreviation
				}
				skipSpace()
				if i < len(s) && s[i] == '#' {
					i++
					continue
				}
				break
			}
			if _, dup := e.fields[name]; dup {
				ds.Add(f.pos(nameAt), "%s is given twice in @%s{%s", name, typ, key)
			}
			e.fields[name] = bibText(val.String())
			e.raw[name] = val.String()
		}
		if !ok {
			// Skip to the entry's end.
			for i < len(s) && s[i] != '@' {
				i++
			}
		}
		if key != "" {
			if _, dup := out[key]; dup {
				ds.Add(e.pos, "the key %s is given to two entries", key)
			}
			out[key] = e
		}
	}
}

// closingIn is the index of the brace that closes s[open], or -1.
func closingIn(s []byte, open int) int {
	depth := 0
	for j := open; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case '{', '(':
			if s[j] == s[open] {
				depth++
			}
		case '}', ')':
			if (s[open] == '{' && s[j] == '}') || (s[open] == '(' && s[j] == ')') {
				depth--
				if depth == 0 {
					return j
				}
			}
		}
	}
	return -1
}

// accents are TeX's accent commands and the combining marks they put on the next letter.
var accents = map[byte]rune{'"': '\u0308', '\'': '\u0301', '`': '\u0300', '^': '\u0302', '~': '\u0303', '=': '\u0304',
	'.': '\u0307', 'u': '\u0306', 'v': '\u030C', 'H': '\u030B', 'c': '\u0327', 'k': '\u0328', 'r': '\u030A'}

// letters are TeX's commands for letters of their own.
var letters = map[string]string{"ss": "ß", "o": "ø", "O": "Ø", "l": "ł", "L": "Ł", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ",
	"aa": "å", "AA": "Å", "i": "ı", "&": "&", "%": "%", "$": "$", "#": "#", "_": "_"}

// bibText turns a value's TeX into text: accents composed, braces and line ends gone, ~ a
// no-break space, -- and --- dashes.
func bibText(v string) string {
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c == '{' || c == '}':
		case c == '~':
			b.WriteRune('\u00a0')
		case c == '\n' || c == '\r' || c == '\t':
			b.WriteByte(' ')
		case c == '-' && strings.HasPrefix(v[i:], "---"):
			b.WriteString("—")
			i += 2
		case c == '-' && strings.HasPrefix(v[i:], "--"):
			b.WriteString("–")
			i++
		case c == '\\' && i+1 < len(v):
			j := i + 1
			if mark, ok := accents[v[j]]; ok && (!isLetter(v[j]) || j+1 < len(v) && (v[j+1] == '{' || v[j+1] == ' ')) {
				j++
				for j < len(v) && (v[j] == '{' || v[j] == ' ') {
					j++
				}
				if j < len(v) {
					if v[j] == '\\' && j+1 < len(v) && v[j+1] == 'i' { // \'{\i}: a dotless i takes the accent
						j++
					}
					r, n := utf8.DecodeRuneInString(v[j:])
					b.WriteString(norm.NFC.String(string(r) + string(mark)))
					i = j + n - 1
					continue
				}
			}
			k := j
			for k < len(v) && isLetter(v[k]) {
				k++
			}
			if k == j {
				k = j + 1
			}
			if l, ok := letters[v[j:k]]; ok {
				b.WriteString(l)
			}
			i = k - 1
			for i+1 < len(v) && v[i+1] == ' ' && k > j+1 {
				i++ // the space that ends a command's name
			}
		default:
			b.WriteByte(c)
		}
	}
	return strings.Join(strings.FieldsFunc(b.String(), func(r rune) bool { return unicode.IsSpace(r) && r != '\u00a0' }), " ")
}

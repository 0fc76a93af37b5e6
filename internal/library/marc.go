// Package library writes the records libraries and distributors ingest — MARC 21 (MARCXML),
// ONIX 3.0, Dublin Core, an OPDS catalog — and packs the edition as a BagIt bag. Every record
// is made from the edition model, the typeset page count and the outputs' sizes and checksums.
package library

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"colophon/internal/edition"
)

// Edition is one published form of the book, as the records describe it.
type Edition struct {
	Form    string // "print" or "epub"
	Pages   int    // printed pages (for the EPUB: of the print edition it follows)
	HeightM float64
	WidthMM float64
	File    string // the output's path relative to the output folder
	Bytes   int
	SHA256  string
}

// field is a MARC data field: tag, indicators and subfields in order.
type field struct {
	tag        string
	ind1, ind2 byte
	subs       [][2]string // code, value
}

type marc struct {
	leader   string
	controls [][2]string
	fields   []field
}

func (m *marc) control(tag, value string) { m.controls = append(m.controls, [2]string{tag, value}) }

func (m *marc) add(tag string, ind1, ind2 byte, subs ...string) {
	f := field{tag: tag, ind1: ind1, ind2: ind2}
	for i := 0; i+1 < len(subs); i += 2 {
		if subs[i+1] != "" {
			f.subs = append(f.subs, [2]string{subs[i], subs[i+1]})
		}
	}
	if len(f.subs) > 0 {
		m.fields = append(m.fields, f)
	}
}

func (m *marc) xml() []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<collection xmlns="http://www.loc.gov/MARC21/slim">` + "\n<record>\n")
	fmt.Fprintf(&b, "  <leader>%s</leader>\n", m.leader)
	for _, c := range m.controls {
		fmt.Fprintf(&b, "  <controlfield tag=\"%s\">%s</controlfield>\n", c[0], esc(c[1]))
	}
	for _, f := range m.fields {
		fmt.Fprintf(&b, "  <datafield tag=\"%s\" ind1=\"%c\" ind2=\"%c\">\n", f.tag, f.ind1, f.ind2)
		for _, s := range f.subs {
			fmt.Fprintf(&b, "    <subfield code=\"%s\">%s</subfield>\n", s[0], esc(s[1]))
		}
		b.WriteString("  </datafield>\n")
	}
	b.WriteString("</record>\n</collection>\n")
	return []byte(b.String())
}

// marcLanguages maps BCP 47 tags to the MARC language codes of 008 and 041.
var marcLanguages = map[string]string{
	"en": "eng", "ru": "rus", "uk": "ukr", "be": "bel", "de": "ger", "fr": "fre", "es": "spa", "it": "ita",
	"pl": "pol", "cs": "cze", "hu": "hun", "ka": "geo", "hy": "arm", "lt": "lit", "lv": "lav", "et": "est",
	"zh": "chi", "ja": "jpn", "ar": "ara", "el": "gre",
}

// MARCLanguage is the MARC (ISO 639-2/B) code of a language tag, "und" when unknown.
func MARCLanguage(tag string) string {
	base, _, _ := strings.Cut(tag, "-")
	if c, ok := marcLanguages[base]; ok {
		return c
	}
	return "und"
}

// nonfiling counts the characters of a leading article the catalogue files the title under.
func nonfiling(title string) byte {
	for _, a := range []string{"The ", "A ", "An "} {
		if strings.HasPrefix(title, a) {
			return byte('0' + len(a))
		}
	}
	return '0'
}

// MARC makes the MARCXML bibliographic record of one form of the edition.
func MARC(b *edition.Book, e Edition) []byte {
	m := &marc{leader: "00000nam a2200000 i 4500"}
	year := b.Date[:4]
	ts := b.Timestamp.UTC()
	m.control("001", b.Name+"-"+e.Form)
	m.control("005", ts.Format("20060102150405")+".0")
	lang := MARCLanguage(b.Language)
	if e.Form == "epub" {
		m.control("006", "m     o  d        ")
		m.control("007", "cr |n|||||||||")
	}
	form := ' '
	if e.Form == "epub" {
		form = 'o'
	}
	// 008 for books, position by position: date entered, single date and its year, place not
	// known, no illustrations, general audience, form of item, no special contents, not a
	// government publication, conference, festschrift or indexed, literary form "i" (letters), no
	// biography, language, not modified, cataloguing source "d" (other).
	f008 := ts.Format("060102") + "s" + year + "    " + "xx " + "    " + " " + string(form) + "    " + " " + "000" + " " + "i" + " " + lang + " " + "d"
	m.control("008", f008)

	if e.Form == "print" && b.ISBN != "" {
		m.add("020", ' ', ' ', "a", b.ISBN, "q", "paperback")
	}
	if e.Form == "epub" && b.EbookISBN != "" {
		m.add("020", ' ', ' ', "a", b.EbookISBN, "q", "EPUB")
	}
	// 041: every language the texts are printed in ($a), and, for a translation, every language
	// they were translated from ($h).
	var f041 []string
	for _, l := range b.TextLanguages() {
		f041 = append(f041, "a", MARCLanguage(l))
	}
	sources := b.SourceLanguages()
	for _, l := range sources {
		f041 = append(f041, "h", MARCLanguage(l))
	}
	if len(sources) > 0 {
		m.add("041", '1', ' ', f041...)
	} else {
		m.add("041", '0', ' ', f041...)
	}
	authors := b.Authors()
	if len(authors) > 0 {
		m.add("100", '1', ' ', "a", invert(authors[0].Name)+",", "e", "author.")
	}
	resp := responsibility(b)
	ind1 := byte('0')
	if len(authors) > 0 {
		ind1 = '1'
	}
	title := b.Title
	subs := []string{}
	switch {
	case b.Subtitle != "" && resp != "":
		subs = []string{"a", title + " :", "b", b.Subtitle + " /", "c", resp + "."}
	case b.Subtitle != "":
		subs = []string{"a", title + " :", "b", b.Subtitle + "."}
	case resp != "":
		subs = []string{"a", title + " /", "c", resp + "."}
	default:
		subs = []string{"a", title + "."}
	}
	m.add("245", ind1, nonfiling(title), subs...)
	if st := strings.TrimSpace(b.Edition); st != "" {
		// The edition statement as the book states it, closed with ISBD's full stop.
		if !strings.HasSuffix(st, ".") {
			st += "."
		}
		m.add("250", ' ', ' ', "a", st)
	}
	pub := b.Publisher
	if pub == "" {
		pub = "[publisher not identified]"
	}
	m.add("264", ' ', '1', "a", "[Place of publication not identified] :", "b", pub+",", "c", year+".")
	if e.Form == "print" {
		m.add("300", ' ', ' ', "a", fmt.Sprintf("%d pages ;", e.Pages), "c", fmt.Sprintf("%d cm", int(math.Ceil(e.HeightM/10))))
	} else {
		m.add("300", ' ', ' ', "a", fmt.Sprintf("1 online resource (%d pages)", e.Pages))
	}
	m.add("336", ' ', ' ', "a", "text", "b", "txt", "2", "rdacontent")
	if e.Form == "print" {
		m.add("337", ' ', ' ', "a", "unmediated", "b", "n", "2", "rdamedia")
		m.add("338", ' ', ' ', "a", "volume", "b", "nc", "2", "rdacarrier")
	} else {
		m.add("337", ' ', ' ', "a", "computer", "b", "c", "2", "rdamedia")
		m.add("338", ' ', ' ', "a", "online resource", "b", "cr", "2", "rdacarrier")
		m.add("347", ' ', ' ', "a", "text file", "b", "EPUB", "2", "rdaft")
	}
	if sources := b.SourceLanguages(); len(sources) > 0 {
		m.add("500", ' ', ' ', "a", "Translated from the "+languageNames(sources)+".")
	}
	if e.Form == "epub" {
		m.add("500", ' ', ' ', "a", "Page numbers of the print edition are marked in the text.")
	}
	var titles []string
	for _, d := range b.Documents {
		titles = append(titles, d.TitleText())
	}
	if len(titles) > 1 {
		m.add("505", '0', ' ', "a", strings.Join(titles, " -- ")+".")
	}
	if b.Description != "" {
		m.add("520", ' ', ' ', "a", b.Description)
	}
	if note := languageNote(b); note != "" {
		m.add("546", ' ', ' ', "a", note)
	}
	if b.Source != "" {
		var refs []string
		for _, d := range b.Documents {
			if a := edition.PlainText(d.Archive); a != "" {
				refs = append(refs, a)
			}
		}
		note := edition.Sentence("Originals: " + b.Source)
		if len(refs) > 0 {
			note += " " + strings.Join(refs, " ")
		}
		m.add("561", ' ', ' ', "a", note)
	}
	subjectNames(m, b, edition.Person, "600", '1')
	subjectNames(m, b, edition.Organisation, "610", '2')
	for _, s := range b.Subjects {
		m.add("650", ' ', '4', "a", strings.TrimSuffix(s, ".")+".")
	}
	subjectNames(m, b, edition.Place, "651", ' ')
	for _, c := range b.Contributors {
		if c.Role == "author" {
			continue
		}
		m.add("700", '1', ' ', "a", invert(c.Name)+",", "e", c.Role+".", "4", edition.Relators[c.Role])
	}
	if e.Form == "epub" && b.ISBN != "" {
		m.add("776", '0', '8', "i", "Print version:", "t", b.Title+".", "z", b.ISBN)
	}
	if e.Form == "print" && b.EbookISBN != "" {
		m.add("776", '0', '8', "i", "Online version:", "t", b.Title+".", "z", b.EbookISBN)
	}
	if b.URL != "" {
		m.add("856", '4', '0', "u", b.URL)
	}
	return m.xml()
}

// subjectNames adds a subject added entry for each entry of one kind of the register that the
// texts name — 600 for persons (inverted name, ind1 1), 610 for organisations (direct order,
// ind1 2), 651 for places — with $d the person's dates and $0 the authority identifiers: the
// Wikidata item as a URI, VIAF's as a URI, GND's with its MARC organisation code. The headings
// are the register's own, not a thesaurus's: ind2 4, source not specified.
func subjectNames(m *marc, b *edition.Book, k edition.EntryKind, tag string, ind1 byte) {
	if b.Register == nil {
		return
	}
	for _, e := range b.Register.Sorted(k, b.Language) {
		if len(e.Occurrences) == 0 {
			continue
		}
		subs := []string{"a", e.Name}
		if k == edition.Person && e.Dates != "" {
			subs = []string{"a", e.Name + ",", "d", strings.ReplaceAll(e.Dates, "–", "-")}
		}
		last := len(subs) - 1
		subs[last] = edition.Sentence(subs[last])
		for _, id := range authorityURIs(e) {
			subs = append(subs, "0", id)
		}
		m.add(tag, ind1, '4', subs...)
	}
}

// authorityURIs are an entry's authority identifiers as MARC's $0 takes them.
func authorityURIs(e *edition.Entry) []string {
	var out []string
	if u := e.WikidataURI(); u != "" {
		out = append(out, u)
	}
	if e.VIAF != "" {
		out = append(out, "http://viaf.org/viaf/"+e.VIAF)
	}
	if e.GND != "" {
		out = append(out, "(DE-588)"+e.GND)
	}
	return out
}

// responsibility is 245 $c: "translated from the Russian by Tahir Asghar".
func responsibility(b *edition.Book) string {
	var parts []string
	for _, c := range b.Authors() {
		parts = append(parts, c.Name)
	}
	if t := b.TranslatorCredit(); t != "" {
		parts = append(parts, strings.ToLower(t[:1])+strings.TrimSuffix(t[1:], "."))
	}
	for _, c := range b.Contributors {
		if c.Role == "editor" {
			parts = append(parts, "edited by "+c.Name)
		}
	}
	return strings.Join(parts, " ; ")
}

// invert turns "Tahir Asghar" into "Asghar, Tahir", the form of a personal name heading.
func invert(name string) string {
	f := strings.Fields(name)
	if len(f) < 2 {
		return name
	}
	return f[len(f)-1] + ", " + strings.Join(f[:len(f)-1], " ")
}

var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

func esc(s string) string { return xmlEscaper.Replace(s) }

// languageNames names languages as prose does: "German", "German and French".
func languageNames(tags []string) string {
	var names []string
	for _, t := range tags {
		names = append(names, edition.LanguageName(t))
	}
	return edition.JoinNames(names)
}

// languageNote is the 546 note: the languages of the texts, what they were translated from, and
// which are printed in their original language.
func languageNote(b *edition.Book) string {
	sources := b.SourceLanguages()
	var originals []string
	for _, d := range b.Documents {
		if d.Untranslated && !slices.Contains(originals, d.Language) {
			originals = append(originals, d.Language)
		}
	}
	if len(sources) == 0 && len(originals) == 0 {
		return ""
	}
	note := "Text in " + languageNames(b.TextLanguages())
	if len(sources) > 0 {
		note += ", translated from the " + languageNames(sources)
	}
	if len(originals) > 0 && len(sources) > 0 {
		note += "; some texts in the original " + languageNames(originals)
	}
	return note + "."
}

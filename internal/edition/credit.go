package edition

import (
	"slices"
	"strings"
)

// languageNames are the English names of the languages editions are translated from, for credits
// ("Translated from the Russian") and catalogue notes. Tags not listed are printed as given.
var languageNames = map[string]string{
	"ru": "Russian", "uk": "Ukrainian", "be": "Belarusian", "de": "German", "fr": "French",
	"es": "Spanish", "it": "Italian", "pl": "Polish", "cs": "Czech", "hu": "Hungarian",
	"ka": "Georgian", "hy": "Armenian", "lt": "Lithuanian", "lv": "Latvian", "et": "Estonian",
	"zh": "Chinese", "ja": "Japanese", "ar": "Arabic", "en": "English", "el": "Greek",
}

// LanguageName is the English name of a language tag such as "ru" or "ru-RU".
func LanguageName(tag string) string {
	base, _, _ := strings.Cut(tag, "-")
	if n, ok := languageNames[base]; ok {
		return n
	}
	return tag
}

// TranslatorCredit is the credit line printed once in the edition, e.g. "Translated from the
// Russian by Tahir Asghar." Where the documents have different translators or source languages,
// or some are printed in their original language, it names every translator and no language
// ("Translated by A, B and C."), and each document carries its own credit (DocumentCredit). It is
// empty when nothing is translated.
func (b *Book) TranslatorCredit() string {
	if !b.MixedCredits() {
		var names []string
		for _, c := range b.ContributorsWith("translator") {
			names = append(names, c.Name)
		}
		if len(b.Documents) > 0 {
			names = b.Documents[0].Translators
		}
		if len(names) == 0 {
			return ""
		}
		s := "Translated"
		if lang := b.OriginalLanguage; len(b.Documents) > 0 && b.Documents[0].OriginalLanguage != "" {
			s += " from the " + LanguageName(b.Documents[0].OriginalLanguage)
		} else if lang != "" {
			s += " from the " + LanguageName(lang)
		}
		return s + " by " + joinNames(names) + "."
	}
	var names []string
	for _, c := range b.ContributorsWith("translator") {
		for _, d := range b.Documents {
			if slices.Contains(d.Translators, c.Name) {
				names = append(names, c.Name)
				break
			}
		}
	}
	if len(names) == 0 {
		return ""
	}
	return "Translated by " + joinNames(names) + "."
}

// MixedCredits says whether the documents differ in translator, source language or in being
// translated at all, so that one credit line cannot serve the whole edition.
func (b *Book) MixedCredits() bool {
	for _, d := range b.Documents[min(1, len(b.Documents)):] {
		first := b.Documents[0]
		if d.Untranslated != first.Untranslated || d.OriginalLanguage != first.OriginalLanguage ||
			!slices.Equal(d.Translators, first.Translators) {
			return true
		}
	}
	// A single document in its original language in an edition that names translators is mixed
	// too: the book's credit would be wrong for it.
	return len(b.Documents) > 0 && b.Documents[0].Untranslated && len(b.ContributorsWith("translator")) > 0
}

// DocumentCredit is one document's own credit, printed at its opening and in its handout's
// footer where the edition's credits are mixed: "Translated from the German by Anna Weber." or
// "Original text.", followed by what the original is when the front matter says.
func (b *Book) DocumentCredit(d *Document) string {
	var s string
	switch {
	case d.Untranslated:
		s = b.Say("original")
	case len(d.Translators) > 0:
		s = "Translated"
		if d.OriginalLanguage != "" {
			s += " from the " + LanguageName(d.OriginalLanguage)
		}
		s += " by " + joinNames(d.Translators) + "."
	}
	if d.Original != "" {
		s = strings.TrimSpace(s + " " + Sentence(d.Original))
	}
	return s
}

// CreditLanguage is the language a document's credit is in: colophon's words language for
// "Original text.", English for a translator's credit, which colophon writes in English only.
func (b *Book) CreditLanguage(d *Document) string {
	if d.Untranslated {
		return b.WordsLanguage()
	}
	return "en"
}

// SourceLanguages are the languages the edition's documents were translated from, in document
// order, without repeats.
func (b *Book) SourceLanguages() []string {
	var out []string
	for _, d := range b.Documents {
		if !d.Untranslated && d.OriginalLanguage != "" && !slices.Contains(out, d.OriginalLanguage) {
			out = append(out, d.OriginalLanguage)
		}
	}
	if len(out) == 0 && b.OriginalLanguage != "" && len(b.Documents) == 0 {
		out = append(out, b.OriginalLanguage)
	}
	return out
}

// TextLanguages are the languages the edition's documents are printed in, the book's first.
func (b *Book) TextLanguages() []string {
	out := []string{b.Language}
	for _, d := range b.Documents {
		if d.Language != "" && !slices.Contains(out, d.Language) {
			out = append(out, d.Language)
		}
	}
	return out
}

// TitlePageCredits are the lines a title page prints for the editors, annotators and authors of
// an introduction, as publishers print them: "Edited by A and B", "With notes by C".
func (b *Book) TitlePageCredits() []string {
	var out []string
	for _, r := range []struct{ role, lead string }{{"editor", "Edited by "}, {"annotator", "With notes by "}, {"introduction", "With an introduction by "}} {
		var names []string
		for _, c := range b.ContributorsWith(r.role) {
			names = append(names, c.Name)
		}
		if len(names) > 0 {
			out = append(out, r.lead+joinNames(names))
		}
	}
	return out
}

// JoinNames joins names as English prose does: "A", "A and B", "A, B and C".
func JoinNames(n []string) string { return joinNames(n) }

func joinNames(n []string) string {
	switch len(n) {
	case 1:
		return n[0]
	case 2:
		return n[0] + " and " + n[1]
	}
	return strings.Join(n[:len(n)-1], ", ") + " and " + n[len(n)-1]
}

// Relators are the roles a contributor may have, with the MARC relator code of each, which the EPUB,
// MARC and ONIX records use.
var Relators = map[string]string{
	"author":       "aut",
	"editor":       "edt",
	"translator":   "trl",
	"illustrator":  "ill",
	"annotator":    "ann",
	"introduction": "aui",
	"contributor":  "ctb",
}

// rightToLeft are the languages written right to left that editions meet: Hebrew, Yiddish,
// Arabic, Persian, Urdu (and Aramaic, Syriac, Dhivehi, Pashto, Sindhi, Kurdish in Arabic script).
var rightToLeft = map[string]bool{"he": true, "iw": true, "yi": true, "ji": true, "ar": true, "fa": true, "ur": true,
	"arc": true, "syr": true, "dv": true, "ps": true, "sd": true, "ckb": true, "ug": true}

// RightToLeft says whether text in a language is written right to left: its primary subtag is
// one of those languages', unless a script subtag says otherwise (az-Arab is, ku-Latn is not).
func RightToLeft(tag string) bool {
	parts := strings.Split(strings.ToLower(tag), "-")
	for _, p := range parts[1:] {
		if len(p) == 4 {
			return p == "arab" || p == "hebr" || p == "syrc" || p == "thaa"
		}
	}
	return rightToLeft[parts[0]]
}

// RoleLabel is a contributor's role as a credit names it: "Translator", "Introduction".
func RoleLabel(role string) string {
	if role == "" {
		return role
	}
	return strings.ToUpper(role[:1]) + role[1:]
}

// CoverCredit is what a cover says of who made the book, in one line: the authors, the
// translation credit and the editors, annotators and authors of an introduction, parted by full
// stops ("Vera Author. Translated from the Russian by Boris Translator. Edited by Anna Editor"); an
// edition without an author names none (not "Anonymous": that is for catalogues).
func (b *Book) CoverCredit() string {
	var parts, names []string
	for _, a := range b.Authors() {
		names = append(names, a.Name)
	}
	if len(names) > 0 {
		parts = append(parts, joinNames(names))
	}
	if c := strings.TrimSuffix(b.TranslatorCredit(), "."); c != "" {
		parts = append(parts, c)
	}
	parts = append(parts, b.TitlePageCredits()...)
	return strings.Join(parts, ". ")
}

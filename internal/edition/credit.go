package edition

import "strings"

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
// Russian by Tahir Asghar." It is empty when the book has no translator.
func (b *Book) TranslatorCredit() string {
	var names []string
	for _, c := range b.ContributorsWith("translator") {
		names = append(names, c.Name)
	}
	if len(names) == 0 {
		return ""
	}
	s := "Translated"
	if b.OriginalLanguage != "" {
		s += " from the " + LanguageName(b.OriginalLanguage)
	}
	return s + " by " + joinNames(names) + "."
}

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

package edition

import "strings"

// HyphenationLanguage is the hyphenation patterns a language tag is set with — "en-us", "en-gb",
// "de-1996", "fr", "it", "es", "pl", "cs", "hu", "la", "ru", "uk", "nl", "sv", "da", "nb", "nn" — or "" when colophon ships none
// for it (its text is then set without hyphenation, and check warns). internal/typeset holds the
// patterns; its tests make sure every name here has them.
func HyphenationLanguage(tag string) string {
	t := strings.ToLower(tag)
	primary, region, _ := strings.Cut(t, "-")
	switch primary {
	case "en":
		if region == "gb" || region == "uk" || region == "ie" || region == "au" || region == "nz" || region == "in" {
			return "en-gb"
		}
		return "en-us"
	case "de":
		return "de-1996" // the reformed spelling, for German, Austrian and Swiss texts alike
	case "fr", "it", "es", "pl", "cs", "hu", "la", "ru", "uk", "nl", "sv", "da", "nb", "nn":
		return primary
	case "no":
		return "nb" // Norwegian without a written standard: hyph-no's patterns serve both
	}
	return ""
}

package edition

import (
	"fmt"
	"strings"
)

// colophon's own words in an edition — headings, labels, link descriptions — in the edition's
// language where it is one of those colophon hyphenates (the twelve of internal/typeset/patterns:
// English, German, French, Italian, Spanish, Polish, Czech, Hungarian, Latin, Russian,
// Ukrainian), else in English. Inside a document in another language they are tagged with the
// edition's language (Say's language, LangOfWords), so a screen reader reads them in theirs.

// Words are the strings colophon prints, by key, in each language.
var words = map[string]map[string]string{
	"notes":               {"en": "Notes", "de": "Anmerkungen", "fr": "Notes", "it": "Note", "es": "Notas", "pl": "Przypisy", "cs": "Poznámky", "hu": "Jegyzetek", "la": "Notae", "ru": "Примечания", "uk": "Примітки"},
	"contents":            {"en": "Contents", "de": "Inhalt", "fr": "Table des matières", "it": "Indice", "es": "Índice", "pl": "Spis treści", "cs": "Obsah", "hu": "Tartalom", "la": "Index", "ru": "Содержание", "uk": "Зміст"},
	"credits":             {"en": "Credits", "de": "Impressum", "fr": "Crédits", "it": "Colophon", "es": "Créditos", "pl": "Metryka", "cs": "Tiráž", "hu": "Impresszum", "la": "Colophon", "ru": "Выходные данные", "uk": "Вихідні дані"},
	"bibliography":        {"en": "References", "de": "Literaturverzeichnis", "fr": "Bibliographie", "it": "Bibliografia", "es": "Bibliografía", "pl": "Bibliografia", "cs": "Literatura", "hu": "Irodalom", "la": "Bibliographia", "ru": "Литература", "uk": "Література"},
	"cover":               {"en": "Cover", "de": "Umschlag", "fr": "Couverture", "it": "Copertina", "es": "Cubierta", "pl": "Okładka", "cs": "Obálka", "hu": "Borító", "la": "Tegumentum", "ru": "Обложка", "uk": "Обкладинка"},
	"title":               {"en": "Title Page", "de": "Titelseite", "fr": "Page de titre", "it": "Frontespizio", "es": "Portada", "pl": "Strona tytułowa", "cs": "Titulní strana", "hu": "Címlap", "la": "Frontispicium", "ru": "Титульный лист", "uk": "Титульний аркуш"},
	"original":            {"en": "Original text.", "de": "Originaltext.", "fr": "Texte original.", "it": "Testo originale.", "es": "Texto original.", "pl": "Tekst oryginalny.", "cs": "Původní text.", "hu": "Eredeti szöveg.", "la": "Textus originalis.", "ru": "Оригинальный текст.", "uk": "Оригінальний текст."},
	"note":                {"en": "Note %d", "de": "Anmerkung %d", "fr": "Note %d", "it": "Nota %d", "es": "Nota %d", "pl": "Przypis %d", "cs": "Poznámka %d", "hu": "%d. jegyzet", "la": "Nota %d", "ru": "Примечание %d", "uk": "Примітка %d"},
	"cite":                {"en": "Link to this passage", "de": "Link zu dieser Stelle", "fr": "Lien vers ce passage", "it": "Link a questo passo", "es": "Enlace a este pasaje", "pl": "Odnośnik do tego fragmentu", "cs": "Odkaz na tuto pasáž", "hu": "Hivatkozás erre a részre", "la": "Nexus ad hunc locum", "ru": "Ссылка на этот фрагмент", "uk": "Посилання на цей фрагмент"},
	"back":                {"en": "Back to the text of note %d", "de": "Zurück zum Text von Anmerkung %d", "fr": "Retour au texte de la note %d", "it": "Torna al testo della nota %d", "es": "Volver al texto de la nota %d", "pl": "Powrót do tekstu przypisu %d", "cs": "Zpět k textu poznámky %d", "hu": "Vissza a(z) %d. jegyzet szövegéhez", "la": "Ad textum notae %d", "ru": "Назад к тексту примечания %d", "uk": "Назад до тексту примітки %d"},
	"xref-document":       {"en": "document %d", "de": "Dokument %d", "fr": "document %d", "it": "documento %d", "es": "documento %d", "pl": "dokument %d", "cs": "dokument %d", "hu": "%d. dokumentum", "la": "documentum %d", "ru": "документ %d", "uk": "документ %d"},
	"xref-note":           {"en": "note %d", "de": "Anm. %d", "fr": "note %d", "it": "nota %d", "es": "nota %d", "pl": "przyp. %d", "cs": "pozn. %d", "hu": "%d. jegyzet", "la": "nota %d", "ru": "прим. %d", "uk": "прим. %d"},
	"xref-page":           {"en": "p. %d", "de": "S. %d", "fr": "p. %d", "it": "p. %d", "es": "p. %d", "pl": "s. %d", "cs": "s. %d", "hu": "%d. o.", "la": "p. %d", "ru": "с. %d", "uk": "с. %d"},
	"index":               {"en": "Index", "de": "Register", "fr": "Index", "it": "Indice dei nomi", "es": "Índice onomástico", "pl": "Indeks", "cs": "Rejstřík", "hu": "Mutató", "la": "Index nominum", "ru": "Указатель", "uk": "Покажчик"},
	"personnotes":         {"en": "Notes on persons", "de": "Biographische Anmerkungen", "fr": "Notices biographiques", "it": "Note biografiche", "es": "Notas biográficas", "pl": "Noty biograficzne", "cs": "Biografické poznámky", "hu": "Életrajzi jegyzetek", "la": "Notae de personis", "ru": "Биографические справки", "uk": "Біографічні довідки"},
	"persons":             {"en": "Persons", "de": "Personen", "fr": "Personnes", "it": "Persone", "es": "Personas", "pl": "Osoby", "cs": "Osoby", "hu": "Személyek", "la": "Personae", "ru": "Имена", "uk": "Імена"},
	"places":              {"en": "Places", "de": "Orte", "fr": "Lieux", "it": "Luoghi", "es": "Lugares", "pl": "Miejsca", "cs": "Místa", "hu": "Helyek", "la": "Loca", "ru": "Географические названия", "uk": "Географічні назви"},
	"organisations":       {"en": "Organisations", "de": "Organisationen", "fr": "Organisations", "it": "Organizzazioni", "es": "Organizaciones", "pl": "Organizacje", "cs": "Organizace", "hu": "Szervezetek", "la": "Societates", "ru": "Организации", "uk": "Організації"},
	"index-persons":       {"en": "Index of persons", "de": "Personenregister", "fr": "Index des noms de personnes", "ru": "Именной указатель"},
	"index-places":        {"en": "Index of places", "de": "Ortsregister", "fr": "Index des lieux", "ru": "Географический указатель"},
	"index-organisations": {"en": "Index of organisations", "de": "Register der Organisationen", "fr": "Index des organisations", "ru": "Указатель организаций"},
	"handout-persons":     {"en": "Persons named", "de": "Genannte Personen", "fr": "Personnes citées", "ru": "Упомянутые лица"},
	"number":              {"en": "No. %d", "de": "Nr. %d", "fr": "N° %d", "it": "N. %d", "es": "N.º %d", "pl": "Nr %d", "cs": "Č. %d", "hu": "%d. sz.", "la": "Nr. %d", "ru": "№ %d", "uk": "№ %d"},
	"page":                {"en": "page %d of %d", "de": "Seite %d von %d", "fr": "page %d sur %d", "it": "pagina %d di %d", "es": "página %d de %d", "pl": "strona %d z %d", "cs": "strana %d z %d", "hu": "%d. oldal / %d", "la": "pagina %d ex %d", "ru": "страница %d из %d", "uk": "сторінка %d з %d"},
}

// WordsLanguage is the language colophon's own words in a book are in: the book's, where colophon
// has them in it, else English.
func (b *Book) WordsLanguage() string {
	if _, ok := words["notes"][primary(b.Language)]; ok {
		return b.Language
	}
	return "en"
}

// Say is one of colophon's strings in the book's words language, filled in as fmt.Sprintf does.
func (b *Book) Say(key string, args ...any) string {
	s, ok := words[key][primary(b.WordsLanguage())]
	if !ok {
		s = words[key]["en"]
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

func primary(tag string) string {
	p, _, _ := strings.Cut(strings.ToLower(tag), "-")
	return p
}

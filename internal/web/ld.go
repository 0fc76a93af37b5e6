package web

import "colophon/internal/edition"

// schema.org descriptions of the pages, as JSON-LD: the edition is a Book, each document an
// ArchiveComponent (a document an archive holds, when it has an archival reference) or a
// CreativeWork, part of the Book.

var schemaRoles = map[string]string{"author": "author", "editor": "editor", "translator": "translator", "illustrator": "illustrator", "contributor": "contributor"}

func (s *site) bookLD(docs []docPage) map[string]any {
	b := s.b
	ld := map[string]any{
		"@context":   "https://schema.org",
		"@type":      "Book",
		"name":       b.Title,
		"inLanguage": b.Language,
		"identifier": b.Identifier(),
	}
	set := func(k, v string) {
		if v != "" {
			ld[k] = v
		}
	}
	set("alternativeHeadline", b.Subtitle)
	set("description", b.Description)
	set("datePublished", b.Date)
	set("copyrightNotice", b.Rights)
	set("isbn", b.ISBN)
	set("url", s.url)
	if b.Publisher != "" {
		ld["publisher"] = map[string]any{"@type": "Organization", "name": b.Publisher}
	}
	for _, c := range b.Contributors {
		k := schemaRoles[c.Role]
		if k == "" {
			k = "contributor"
		}
		list, _ := ld[k].([]any)
		ld[k] = append(list, map[string]any{"@type": "Person", "name": c.Name})
	}
	if len(b.Authors()) == 0 {
		ld["author"] = []any{map[string]any{"@type": "Person", "name": "Anonymous"}}
	}
	if len(b.Subjects) > 0 {
		ld["keywords"] = b.Subjects
	}
	var parts []any
	for _, d := range docs {
		parts = append(parts, map[string]any{"@type": docType(d.doc), "name": d.doc.TitleText(), "url": s.url + d.file})
	}
	if len(parts) > 0 {
		ld["hasPart"] = parts
	}
	return ld
}

func (s *site) documentLD(d docPage) map[string]any {
	b := s.b
	lang := d.doc.Language
	if lang == "" {
		lang = b.Language
	}
	ld := map[string]any{
		"@context":   "https://schema.org",
		"@type":      docType(d.doc),
		"name":       d.doc.TitleText(),
		"inLanguage": lang,
		"isPartOf":   map[string]any{"@type": "Book", "name": b.Title, "url": s.url + "index.html", "identifier": b.Identifier()},
	}
	if s.url != "" {
		ld["url"] = s.url + d.file
		ld["isPartOf"].(map[string]any)["url"] = s.url
	}
	if a := edition.PlainText(d.doc.Archive); a != "" {
		ld["itemLocation"] = a
	}
	if dl := edition.PlainText(d.doc.Dateline); dl != "" {
		ld["temporalCoverage"] = dl
	}
	for _, t := range d.doc.Translators {
		list, _ := ld["translator"].([]any)
		ld["translator"] = append(list, map[string]any{"@type": "Person", "name": t})
	}
	if d.doc.OriginalLanguage != "" && !d.doc.Untranslated {
		ld["translationOfWork"] = map[string]any{"@type": "CreativeWork", "inLanguage": d.doc.OriginalLanguage}
	}
	return ld
}

// docType is ArchiveComponent for a document with an archival reference, else CreativeWork.
func docType(d *edition.Document) string {
	if len(d.Archive) > 0 {
		return "ArchiveComponent"
	}
	return "CreativeWork"
}

package library

import (
	"fmt"
	"strconv"
	"strings"

	"colophon/internal/edition"
)

// ONIX code values used here, from EDItEUR's code lists (issue 60+), named for the reader.
const (
	onixNotificationConfirmed = "03" // list 1: notification confirmed on publication
	onixIDProprietary         = "01" // list 5
	onixIDISBN13              = "15" // list 5
	onixCompositionSingle     = "00" // list 2: single-component retail product
	onixFormEPUBDownload      = "ED" // list 150: digital download
	onixFormPaperback         = "BC" // list 150: paperback / softback
	onixFormDetailEPUB        = "E101"
	onixTitleDistinctive      = "01"  // list 15
	onixTitleLevelProduct     = "01"  // list 149
	onixRoleTranslatedBy      = "B06" // list 17
	onixRoleEditedBy          = "B01"
	onixRoleByAuthor          = "A01"
	onixLanguageOfText        = "01" // list 22
	onixLanguageOriginal      = "02" // list 22: original language of a translated text
	onixExtentMainContent     = "00" // list 23: main content page count
	onixUnitPages             = "03" // list 24
	onixSubjectKeywords       = "20" // list 27
	onixTextDescription       = "03" // list 153
	onixAudienceAny           = "00" // list 154
	onixPublisherRole         = "01" // list 45
	onixStatusActive          = "04" // list 64
	onixDatePublication       = "01" // list 163
	onixRelationAlternative   = "06" // list 51: alternative format
)

var onixRoles = map[string]string{"author": onixRoleByAuthor, "translator": onixRoleTranslatedBy, "editor": onixRoleEditedBy,
	"illustrator": "A12", "annotator": "A20", "introduction": "A24", "contributor": "Z99"}

type xw struct {
	strings.Builder
	depth int
}

func (w *xw) open(tag string) {
	fmt.Fprintf(w, "%s<%s>\n", strings.Repeat("  ", w.depth), tag)
	w.depth++
}

func (w *xw) close(tag string) {
	w.depth--
	fmt.Fprintf(w, "%s</%s>\n", strings.Repeat("  ", w.depth), tag)
}

func (w *xw) el(tag, text string) {
	fmt.Fprintf(w, "%s<%s>%s</%s>\n", strings.Repeat("  ", w.depth), tag, esc(text), tag)
}

// ONIX makes an ONIX 3.0 message (reference tags) with a product record for each edition.
func ONIX(b *edition.Book, eds []Edition) []byte {
	w := &xw{}
	w.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	w.WriteString(`<ONIXMessage release="3.0" xmlns="http://ns.editeur.org/onix/3.0/reference">` + "\n")
	w.depth = 1
	w.open("Header")
	w.open("Sender")
	w.el("SenderName", orUnknown(b.Publisher))
	w.close("Sender")
	w.el("SentDateTime", b.Timestamp.UTC().Format("20060102T1504Z"))
	w.close("Header")
	for _, e := range eds {
		product(w, b, e, eds)
	}
	w.depth = 0
	w.WriteString("</ONIXMessage>\n")
	return []byte(w.String())
}

func orUnknown(s string) string {
	if s == "" {
		return "Unknown"
	}
	return s
}

func isbnOf(b *edition.Book, form string) string {
	if form == "epub" {
		return b.EbookISBN
	}
	return b.ISBN
}

func productID(w *xw, b *edition.Book, form string) {
	w.open("ProductIdentifier")
	if isbn := isbnOf(b, form); isbn != "" {
		w.el("ProductIDType", onixIDISBN13)
		w.el("IDValue", isbn)
	} else {
		w.el("ProductIDType", onixIDProprietary)
		w.el("IDTypeName", "colophon edition identifier")
		w.el("IDValue", b.UUID()+"-"+form)
	}
	w.close("ProductIdentifier")
}

func product(w *xw, b *edition.Book, e Edition, all []Edition) {
	w.open("Product")
	w.el("RecordReference", b.Name+"-"+e.Form)
	w.el("NotificationType", onixNotificationConfirmed)
	productID(w, b, e.Form)

	w.open("DescriptiveDetail")
	w.el("ProductComposition", onixCompositionSingle)
	if e.Form == "epub" {
		w.el("ProductForm", onixFormEPUBDownload)
		w.el("ProductFormDetail", onixFormDetailEPUB)
	} else {
		w.el("ProductForm", onixFormPaperback)
		for _, m := range [][3]string{{"01", fmt.Sprintf("%.0f", e.HeightM), "mm"}, {"02", fmt.Sprintf("%.0f", e.WidthMM), "mm"}} {
			w.open("Measure")
			w.el("MeasureType", m[0]) // list 48: 01 height, 02 width
			w.el("Measurement", m[1])
			w.el("MeasureUnitCode", m[2])
			w.close("Measure")
		}
	}
	w.open("TitleDetail")
	w.el("TitleType", onixTitleDistinctive)
	w.open("TitleElement")
	w.el("TitleElementLevel", onixTitleLevelProduct)
	w.el("TitleText", b.Title)
	if b.Subtitle != "" {
		w.el("Subtitle", b.Subtitle)
	}
	w.close("TitleElement")
	w.close("TitleDetail")
	for i, c := range b.Contributors {
		w.open("Contributor")
		w.el("SequenceNumber", fmt.Sprint(i+1))
		w.el("ContributorRole", onixRoles[c.Role])
		w.el("PersonName", c.Name)
		w.el("PersonNameInverted", invert(c.Name))
		w.close("Contributor")
	}
	// Edition (P.9): the number where the statement begins with one ("First edition", "2nd
	// edition"), and the statement as the book prints it.
	if st := strings.TrimSpace(b.Edition); st != "" {
		if n := EditionNumber(st); n > 0 {
			w.el("EditionNumber", fmt.Sprint(n))
		}
		w.el("EditionStatement", st)
	}
	for _, l := range b.TextLanguages() {
		w.open("Language")
		w.el("LanguageRole", onixLanguageOfText)
		w.el("LanguageCode", MARCLanguage(l))
		w.close("Language")
	}
	for _, l := range b.SourceLanguages() {
		w.open("Language")
		w.el("LanguageRole", onixLanguageOriginal)
		w.el("LanguageCode", MARCLanguage(l))
		w.close("Language")
	}
	w.open("Extent")
	w.el("ExtentType", onixExtentMainContent)
	w.el("ExtentValue", fmt.Sprint(e.Pages))
	w.el("ExtentUnit", onixUnitPages)
	w.close("Extent")
	if len(b.Subjects) > 0 {
		w.open("Subject")
		w.el("SubjectSchemeIdentifier", onixSubjectKeywords)
		w.el("SubjectHeadingText", strings.Join(b.Subjects, "; "))
		w.close("Subject")
	}
	nameSubjects(w, b)
	w.close("DescriptiveDetail")

	if b.Description != "" {
		w.open("CollateralDetail")
		w.open("TextContent")
		w.el("TextType", onixTextDescription)
		w.el("ContentAudience", onixAudienceAny)
		w.el("Text", b.Description)
		w.close("TextContent")
		w.close("CollateralDetail")
	}

	w.open("PublishingDetail")
	w.open("Publisher")
	w.el("PublishingRole", onixPublisherRole)
	w.el("PublisherName", orUnknown(b.Publisher))
	w.close("Publisher")
	w.el("PublishingStatus", onixStatusActive)
	w.open("PublishingDate")
	w.el("PublishingDateRole", onixDatePublication)
	w.el("Date", strings.ReplaceAll(b.Date, "-", ""))
	w.close("PublishingDate")
	w.close("PublishingDetail")

	for _, other := range all {
		if other.Form == e.Form {
			continue
		}
		w.open("RelatedMaterial")
		w.open("RelatedProduct")
		w.el("ProductRelationCode", onixRelationAlternative)
		productID(w, b, other.Form)
		w.close("RelatedProduct")
		w.close("RelatedMaterial")
	}
	w.close("Product")
}

// nameSubjects are the register's places the texts name, as keywords, and its persons and
// organisations as NameAsSubject (ONIX has no composite for a place as subject but Subject),
// each with its authority identifiers: Wikidata's as a proprietary identifier named so, VIAF
// (list 44 code 31) and GND (25).
func nameSubjects(w *xw, b *edition.Book) {
	if b.Register == nil {
		return
	}
	var places []string
	for _, e := range b.Register.Sorted(edition.Place, b.Language) {
		if len(e.Occurrences) > 0 {
			places = append(places, e.Name)
		}
	}
	if len(places) > 0 {
		w.open("Subject")
		w.el("SubjectSchemeIdentifier", onixSubjectKeywords)
		w.el("SubjectHeadingText", strings.Join(places, "; "))
		w.close("Subject")
	}
	for _, k := range []edition.EntryKind{edition.Person, edition.Organisation} {
		for _, e := range b.Register.Sorted(k, b.Language) {
			if len(e.Occurrences) == 0 {
				continue
			}
			w.open("NameAsSubject")
			for _, id := range [][3]string{{"01", "Wikidata", e.Wikidata}, {"31", "", e.VIAF}, {"25", "", e.GND}} {
				if id[2] == "" {
					continue
				}
				w.open("NameIdentifier")
				w.el("NameIDType", id[0])
				if id[1] != "" {
					w.el("IDTypeName", id[1])
				}
				w.el("IDValue", id[2])
				w.close("NameIdentifier")
			}
			if k == edition.Person {
				w.el("PersonNameInverted", e.Name)
			} else {
				w.el("CorporateName", e.Name)
			}
			w.close("NameAsSubject")
		}
	}
}

// EditionNumber is the number an English edition statement begins with, as an ordinal word
// ("First edition", "Second, revised edition") or in figures ("2nd edition"), or 0 when it begins
// with neither.
func EditionNumber(statement string) int {
	f := strings.Fields(strings.ToLower(statement))
	if len(f) == 0 {
		return 0
	}
	w := strings.TrimRight(f[0], ",.;:")
	for i, o := range []string{"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
		"eleventh", "twelfth"} {
		if w == o {
			return i + 1
		}
	}
	digits := strings.TrimRight(w, "stndrh")
	if n, err := strconv.Atoi(digits); err == nil && n > 0 && digits != w && n < 1000 {
		return n
	}
	return 0
}

package edition

import (
	"crypto/sha256"
	"fmt"
)

// Identifier is the edition's unique identifier: "urn:isbn:…" when it has an ISBN, otherwise a
// "urn:uuid:…" derived from what names the edition (name, title, language, publisher, date), so it
// is the same in every build and for every output, yet stays put when a typo in the text is fixed.
func (b *Book) Identifier() string {
	if b.ISBN != "" {
		return "urn:isbn:" + b.ISBN
	}
	return "urn:uuid:" + b.UUID()
}

// EPUBIdentifier is the EPUB's identifier: its own ISBN when it has one, else the edition's UUID
// (the print ISBN names the printed book, not the ebook).
func (b *Book) EPUBIdentifier() string {
	if b.EbookISBN != "" {
		return "urn:isbn:" + b.EbookISBN
	}
	return "urn:uuid:" + b.UUID()
}

// UUID is a name-based UUID (RFC 9562 version 8, from SHA-256) of the edition's naming metadata.
func (b *Book) UUID() string {
	return NameUUID("colophon edition\x00" + b.Name + "\x00" + b.Title + "\x00" + b.Language + "\x00" + b.Publisher + "\x00" + b.Date)
}

// NameUUID is the name-based UUID of a name: the same name, the same UUID.
func NameUUID(name string) string {
	h := sha256.Sum256([]byte(name))
	u := h[:16]
	u[6] = u[6]&0x0f | 0x80 // version 8: custom, here SHA-256 of a name
	u[8] = u[8]&0x3f | 0x80 // RFC 9562 variant
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

// Authors are the contributors credited as authors; the seed's letters are anonymous and have none.
func (b *Book) Authors() []Contributor { return b.ContributorsWith("author") }

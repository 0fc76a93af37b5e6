// Package pdf draws typeset pages with fpdf: the book interior (and, later, handouts and covers).
// It decides nothing about layout; internal/typeset did that. It only turns placed lines, rules,
// anchors and bookmarks into PDF, with the metadata and page boxes a printer expects, and makes
// the bytes the same on every build.
package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/xml"
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"codeberg.org/go-pdf/fpdf"

	"colophon/internal/edition"
	"colophon/internal/typeset"
)

// faceName is how one face is known: key is the name fpdf registers it under, final the name the
// PDF shows. fpdf names an embedded font "utf8" + key and marks no subset; a subset font's name
// must carry a six-letter tag ("ABCDEF+Name", ISO 32000 9.6.4). key is padded so that "utf8"+key
// and final have the same length, and the names are swapped in the finished file without moving
// a byte.
type faceName struct{ key, final string }

var styleSuffix = [4]string{"Regular", "Italic", "Bold", "BoldItalic"}

func faceNames(family string, data [4][]byte) [4]faceName {
	fam := strings.Map(func(r rune) rune {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return r
		}
		return -1
	}, family)
	if fam == "" {
		fam = "Font"
	}
	var out [4]faceName
	for i, face := range data {
		h := sha256.Sum256(face)
		tag := make([]byte, 6)
		for k := range tag {
			tag[k] = 'A' + h[k]%26
		}
		final := string(tag) + "+" + fam + "-" + styleSuffix[i]
		key := fmt.Sprintf("f%d", i)
		key += strings.Repeat("x", len(final)-4-len(key))
		out[i] = faceName{key: key, final: final}
	}
	return out
}

// renameFonts puts the final names in place of fpdf's, where fonts are named. The names have the
// same length, so the file is changed in place.
func renameFonts(pdf []byte, names [4]faceName) []byte {
	for _, n := range names {
		for _, prefix := range []string{"/BaseFont /", "/FontName /"} {
			from, to := []byte(prefix+"utf8"+n.key), []byte(prefix+n.final)
			if len(from) != len(to) {
				continue // no names: the document failed before it was written
			}
			for at := 0; ; {
				i := bytes.Index(pdf[at:], from)
				if i < 0 {
					break
				}
				copy(pdf[at+i:], to)
				at += i + len(to)
			}
		}
	}
	return pdf
}

// Book draws the typeset book (the book interior, or a handout: any typeset pages at their trim).
func Book(b *edition.Book, bk *typeset.Book, meta Meta) ([]byte, error) {
	g := bk.Geometry
	pw, ph := g.W+2*g.Bleed, g.H+2*g.Bleed
	d := newDoc(b, bk.Fonts, pw, ph, meta)
	d.size = g.Size
	if g.Bleed > 0 {
		// Trim and bleed boxes on every page; the bleed box is the whole page.
		d.pdf.SetPageBox("trim", g.Bleed, g.Bleed, g.W, g.H)
		d.pdf.SetPageBox("bleed", 0, 0, pw, ph)
	}
	d.anchorsOf(bk.Pages)
	for _, p := range bk.Pages {
		d.pdf.AddPage()
		if g.Bleed > 0 {
			cropMarks(d.pdf, g)
		}
		d.drawPage(p, 0, 0, true)
	}
	return d.finish()
}

// setup registers the fonts and writes the document's metadata, with every date fixed to the
// build timestamp.
func setup(pdf *fpdf.Fpdf, b *edition.Book, meta Meta) {
	pdf.SetMargins(0, 0, 0)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(b.Timestamp)
	pdf.SetModificationDate(b.Timestamp)
	pdf.SetTitle(meta.Title, true)
	pdf.SetAuthor(authorLine(b), true)
	pdf.SetSubject(b.Description, true)
	pdf.SetKeywords(strings.Join(b.Subjects, "; "), true)
	pdf.SetCreator("colophon", true)
	pdf.SetProducer("colophon (fpdf)", true)
	pdf.SetLang(b.Language)
	pdf.SetXmpMetadata(xmp(b, meta.Title))
}

// authorLine names the authors, or else the contributors with their roles.
func authorLine(b *edition.Book) string {
	var names []string
	for _, c := range b.Authors() {
		names = append(names, c.Name)
	}
	if len(names) == 0 {
		for _, c := range b.Contributors {
			names = append(names, c.Name+" ("+c.Role+")")
		}
	}
	return strings.Join(names, "; ")
}

func (d *doc) drawLine(pl typeset.Placed) {
	pdf, links := d.pdf, d.links
	for _, g := range pl.Line.Glyphs {
		size := float64(g.Size)
		d.font(g.Style, size)
		d.checkRunes(g.Text)
		x, y := pl.X+g.X, pl.Y-float64(g.Rise)
		pdf.Text(x, y, g.Text)
		if g.Ref == nil {
			continue
		}
		top, h := y-0.8*size, size*1.1
		switch link := g.Ref.Link; {
		case g.Ref.Note != nil:
			if id, ok := links[typeset.NoteAnchor(pl.Doc, g.Ref.Note.Number)]; ok {
				pdf.Link(x, top, g.Width, h, id)
			}
		case strings.HasPrefix(link, "#"):
			if id, ok := links[link[1:]]; ok {
				pdf.Link(x, top, g.Width, h, id)
			}
		case link != "":
			pdf.LinkString(x, top, g.Width, h, link)
		}
	}
}

// cropMarks draws the trim lines' extensions in the corners of the bleed, short of the trim so
// that a cut a little off does not show them.
func cropMarks(pdf *fpdf.Fpdf, g typeset.Geometry) {
	pdf.SetLineWidth(0.25)
	b := g.Bleed
	l := b * 0.6
	xs := []float64{b, b + g.W}
	ys := []float64{b, b + g.H}
	pw, ph := g.W+2*b, g.H+2*b
	for _, x := range xs {
		pdf.Line(x, 0, x, l)
		pdf.Line(x, ph-l, x, ph)
	}
	for _, y := range ys {
		pdf.Line(0, y, l, y)
		pdf.Line(pw-l, y, pw, y)
	}
}

// fpdf writes a page's boxes in Go map order; two boxes of the same length swap places between
// runs. Putting them in name order keeps every byte, and every offset, the same.
var boxPair = regexp.MustCompile(`(/(?:BleedBox|TrimBox) \[[^\]]*\]\n)(/(?:BleedBox|TrimBox) \[[^\]]*\]\n)`)

func canonicalBoxes(pdf []byte) []byte {
	return boxPair.ReplaceAllFunc(pdf, func(m []byte) []byte {
		parts := boxPair.FindSubmatch(m)
		if bytes.Compare(parts[1], parts[2]) > 0 {
			return append(append([]byte{}, parts[2]...), parts[1]...)
		}
		return m
	})
}

// xmp is the document's XMP packet: the same title, creators, description, subjects, language
// and dates as the Info dictionary.
func xmp(b *edition.Book, title string) []byte {
	esc := func(s string) string {
		var buf bytes.Buffer
		_ = xml.EscapeText(&buf, []byte(s)) // writing to a buffer cannot fail
		return buf.String()
	}
	ts := b.Timestamp.UTC().Format("2006-01-02T15:04:05Z")
	var subj strings.Builder
	for _, s := range b.Subjects {
		fmt.Fprintf(&subj, "<rdf:li>%s</rdf:li>", esc(s))
	}
	var creators strings.Builder
	for _, c := range b.Contributors {
		fmt.Fprintf(&creators, "<rdf:li>%s</rdf:li>", esc(c.Name))
	}
	return []byte(`<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">` + esc(title) + `</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq>` + creators.String() + `</rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">` + esc(b.Description) + `</rdf:li></rdf:Alt></dc:description>
<dc:subject><rdf:Bag>` + subj.String() + `</rdf:Bag></dc:subject>
<dc:language><rdf:Bag><rdf:li>` + esc(b.Language) + `</rdf:li></rdf:Bag></dc:language>
<dc:publisher><rdf:Bag><rdf:li>` + esc(b.Publisher) + `</rdf:li></rdf:Bag></dc:publisher>
<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">` + esc(b.Rights) + `</rdf:li></rdf:Alt></dc:rights>
<dc:identifier>` + esc(b.Identifier()) + `</dc:identifier>
<xmp:CreateDate>` + ts + `</xmp:CreateDate>
<xmp:ModifyDate>` + ts + `</xmp:ModifyDate>
<xmp:CreatorTool>colophon</xmp:CreatorTool>
<pdf:Producer>colophon (fpdf)</pdf:Producer>
<pdf:Keywords>` + esc(strings.Join(b.Subjects, "; ")) + `</pdf:Keywords>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>`)
}

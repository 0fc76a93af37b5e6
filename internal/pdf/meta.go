package pdf

import (
	"bytes"
	_ "embed"
	"encoding/xml"
	"fmt"
	"strings"
	"sync"

	"colophon/internal/edition"
)

//go:embed icc/sRGB.icc
var srgbProfile []byte

var srgbOnce = sync.OnceValue(func() []byte { return deflate(shortCurves(srgbProfile, 64)) })

// srgbDeflated is the output intent's profile, compressed once per process.
func srgbDeflated() []byte { return srgbOnce() }

//go:embed icc/ISOcoated_v2_300_bas.icc
var isoCoatedProfile []byte

var isoCoatedOnce = sync.OnceValue(func() []byte { return deflateFast(isoCoatedProfile) })

// isoCoatedDeflated is the printer's files' CMYK output intent profile (FOGRA39), compressed once.
func isoCoatedDeflated() []byte { return isoCoatedOnce() }

// producer names the program in Info and XMP.
const producer = "colophon"

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

// pdfDate and xmpDate write the build timestamp in the two forms; PDF/A requires that they agree.
func pdfDate(b *edition.Book) string {
	return b.Timestamp.UTC().Format("D:20060102150405") + "+00'00'"
}

func xmpDate(b *edition.Book) string {
	return b.Timestamp.UTC().Format("2006-01-02T15:04:05") + "+00:00"
}

// infoDict is the document information dictionary: the same values as the XMP packet.
func infoDict(b *edition.Book, meta Meta) string {
	var s strings.Builder
	fmt.Fprintf(&s, "<</Title %s", textString(meta.Title))
	if a := authorLine(b); a != "" {
		fmt.Fprintf(&s, " /Author %s", textString(a))
	}
	if b.Description != "" {
		fmt.Fprintf(&s, " /Subject %s", textString(b.Description))
	}
	if len(b.Subjects) > 0 {
		fmt.Fprintf(&s, " /Keywords %s", textString(strings.Join(b.Subjects, "; ")))
	}
	d := pdfDate(b)
	fmt.Fprintf(&s, " /Creator (colophon) /Producer (%s) /CreationDate (%s) /ModDate (%s)", producer, d, d)
	if meta.PDFX != "" {
		s.WriteString(" /GTS_PDFXVersion (PDF/X-1:2001) /GTS_PDFXConformance (PDF/X-1a:2001) /Trapped /False")
	}
	s.WriteString(">>")
	return s.String()
}

func esc(s string) string {
	var buf bytes.Buffer
	_ = xml.EscapeText(&buf, []byte(s)) // writing to a buffer cannot fail
	return buf.String()
}

// xmp is the document's XMP packet: title, creator, description, subjects, language, dates and
// tool as in the Info dictionary, the PDF/A identification (part 1, conformance A for a tagged
// PDF, B otherwise) and, for a tagged PDF, the PDF/UA identification with the extension schema
// PDF/A-1 requires for any property outside the predefined schemas.
func xmp(b *edition.Book, meta Meta) []byte {
	var x strings.Builder
	ts := xmpDate(b)
	x.WriteString("<?xpacket begin=\"\xef\xbb\xbf\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	x.WriteString(`<x:xmpmeta xmlns:x="adobe:ns:meta/">` + "\n")
	x.WriteString(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` + "\n")
	x.WriteString(`<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">` + "\n")
	x.WriteString("<dc:format>application/pdf</dc:format>\n")
	fmt.Fprintf(&x, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:title>\n", esc(meta.Title))
	if a := authorLine(b); a != "" {
		fmt.Fprintf(&x, "<dc:creator><rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq></dc:creator>\n", esc(a))
	}
	if b.Description != "" {
		fmt.Fprintf(&x, "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:description>\n", esc(b.Description))
	}
	if len(b.Subjects) > 0 {
		x.WriteString("<dc:subject><rdf:Bag>")
		for _, s := range b.Subjects {
			fmt.Fprintf(&x, "<rdf:li>%s</rdf:li>", esc(s))
		}
		x.WriteString("</rdf:Bag></dc:subject>\n")
	}
	fmt.Fprintf(&x, "<dc:language><rdf:Bag><rdf:li>%s</rdf:li></rdf:Bag></dc:language>\n", esc(b.Language))
	if b.Publisher != "" {
		fmt.Fprintf(&x, "<dc:publisher><rdf:Bag><rdf:li>%s</rdf:li></rdf:Bag></dc:publisher>\n", esc(b.Publisher))
	}
	if b.Rights != "" {
		fmt.Fprintf(&x, "<dc:rights><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:rights>\n", esc(b.Rights))
	}
	x.WriteString("</rdf:Description>\n")
	x.WriteString(`<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">` + "\n")
	fmt.Fprintf(&x, "<xmp:CreateDate>%s</xmp:CreateDate>\n<xmp:ModifyDate>%s</xmp:ModifyDate>\n<xmp:MetadataDate>%s</xmp:MetadataDate>\n<xmp:CreatorTool>colophon</xmp:CreatorTool>\n", ts, ts, ts)
	x.WriteString("</rdf:Description>\n")
	x.WriteString(`<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">` + "\n")
	fmt.Fprintf(&x, "<pdf:Producer>%s</pdf:Producer>\n", producer)
	if len(b.Subjects) > 0 {
		fmt.Fprintf(&x, "<pdf:Keywords>%s</pdf:Keywords>\n", esc(strings.Join(b.Subjects, "; ")))
	}
	x.WriteString("</rdf:Description>\n")
	conformance := "A"
	if meta.Untagged {
		conformance = "B"
	}
	if meta.PDFX != "" {
		x.WriteString(`<rdf:Description rdf:about="" xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">` + "\n")
		x.WriteString("<pdfxid:GTS_PDFXVersion>PDF/X-1:2001</pdfxid:GTS_PDFXVersion>\n<pdf:Trapped>False</pdf:Trapped>\n</rdf:Description>\n")
	} else {
		x.WriteString(`<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">` + "\n")
		fmt.Fprintf(&x, "<pdfaid:part>1</pdfaid:part>\n<pdfaid:conformance>%s</pdfaid:conformance>\n", conformance)
		x.WriteString("</rdf:Description>\n")
	}
	if !meta.Untagged {
		x.WriteString(`<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">` + "\n<pdfuaid:part>1</pdfuaid:part>\n</rdf:Description>\n")
		x.WriteString(`<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA identification</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>The part of ISO 14289 (PDF/UA) the file conforms to</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
`)
	}
	x.WriteString("</rdf:RDF>\n</x:xmpmeta>\n")
	// Padding lets a metadata editor grow the packet in place, as XMP recommends.
	x.WriteString(strings.Repeat(strings.Repeat(" ", 63)+"\n", 16))
	x.WriteString(`<?xpacket end="w"?>`)
	return []byte(x.String())
}

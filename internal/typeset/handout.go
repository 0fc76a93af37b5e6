package typeset

import (
	"fmt"
	"math"
	"strings"

	"colophon/internal/edition"
	"colophon/internal/print"
)

// HandoutSizes are the sheets handouts are printed on, in millimetres.
var HandoutSizes = map[string]print.Trim{"a4": print.A4, "letter": print.Letter}

// handoutGeometry is a single-sided page with equal side margins and a comfortable reading size:
// 12 pt on a measure of at most 28 ems. A4 and US Letter are wide for one column of text: across
// the sheet less 25 mm margins a line holds 85–95 characters, past the 60–75 a reader's eye
// follows back to the next line's start without losing it. 28 ems of Gentium at 12 pt hold
// about 66 (TestHandoutMeasure counts them), and the margins, 46–49 mm at each side, leave room
// for a reader's notes on the sheet. Two columns would hold as many characters at 11.5 pt but cut
// a document's notes, tables and figures into the columns' width.
func handoutGeometry(sheet string) Geometry {
	t := HandoutSizes[sheet]
	g := Geometry{W: t.W * mm, H: t.H * mm, Size: 12}
	g.Leading = 15.5
	g.Measure = math.Min(g.W-2*25*mm, 28*g.Size)
	g.Inner = (g.W - g.Measure) / 2
	g.Outer = g.Inner
	g.Top = 22 * mm
	lines := math.Floor((g.H - g.Top - 30*mm) / g.Leading)
	g.TextHeight = lines * g.Leading
	return g
}

// TypesetHandouts sets one document on its own for each sheet (A4, US Letter): title, dateline,
// text with its notes at the foot of each page, signature, endorsements and archival reference,
// and on every page a footer with the edition's title, the translator's credit and "page N of M".
// Sheets whose measure is the same share the set lines and differ only in pagination. fonts and
// hyph may be the build's, shared between handouts set at the same time (nil: read the fonts from
// the edition, make hyphenators of the handouts' own).
func TypesetHandouts(b *edition.Book, doc int, sheets []string, fonts *Fonts, hyph *Hyphenators) ([]*Book, error) {
	if fonts == nil {
		var err error
		if fonts, err = NewFonts(b.Fonts); err != nil {
			return nil, err
		}
	}
	if hyph == nil {
		hyph = NewHyphenators()
	}
	var out []*Book
	var prev *layout
	for _, sheet := range sheets {
		if _, ok := HandoutSizes[sheet]; !ok {
			return nil, fmt.Errorf("no handout size %q", sheet)
		}
		g := handoutGeometry(sheet)
		// A handout's cross-references print its own pages (xref.go): it is set again until they
		// are the pages their targets are on. A target in another document is not in the handout:
		// the reference names the document without a page, and links nowhere.
		xr := newXRefs(b, []int{doc})
		var bk *Book
		for pass := 0; ; pass++ {
			l := &layout{b: b, g: g, fonts: fonts, hyph: hyph, xr: xr}
			if prev != nil && !xr.any() && prev.g.Measure == g.Measure && prev.g.Size == g.Size && prev.g.Leading == g.Leading {
				l.list, l.over, l.root = prev.list, prev.over, prev.root
			} else {
				l.set = &Setter{Fonts: fonts, Hyph: l.hyphenator(b.Language), Lang: b.Language, Word: -1, XRef: l.resolver()}
				l.notes = map[*edition.Note]*noteBlock{}
				l.root = &Struct{Type: "Document", Doc: -1}
				l.root.Kids = []*Struct{l.document(doc, b.Documents[doc])}
				if st := l.handoutPersons(doc); st != nil {
					l.root.Kids = append(l.root.Kids, st)
				}
				if len(l.warn) > 0 {
					return nil, edition.Diagnostics(l.warn)
				}
			}
			pb := &pageBuilder{g: g, noteLd: l.noteStyle().Leading}
			pb.build(l.list)
			bk = &Book{Geometry: g, Fonts: fonts, Pages: pb.pages, Overfull: l.over, DocStart: []int{1}, Root: l.root}
			prev = l
			now := bk.AnchorPages()
			if !xr.any() || xr.settled(now) {
				l.footers(bk, doc)
				break
			}
			if pass+1 >= xrefPasses {
				return nil, fmt.Errorf("the cross-references' pages in the handout of %s did not settle in %d passes", b.Documents[doc].Path, xrefPasses)
			}
			xr.pages = now
			if pass+1 >= xrefFixAfter && !xr.fixed {
				xr.fixed, xr.digits = true, digitsOf(len(bk.Pages))
			}
		}
		bk.Sheets = readerSheets(bk.Pages, g)
		out = append(out, bk)
	}
	return out, nil
}

// TypesetHandout sets one document for one sheet.
func TypesetHandout(b *edition.Book, doc int, sheet string, fonts *Fonts) (*Book, error) {
	bks, err := TypesetHandouts(b, doc, []string{sheet}, fonts, nil)
	if err != nil {
		return nil, err
	}
	return bks[0], nil
}

// footers puts the handout's footer on every page, under the text block.
func (l *layout) footers(bk *Book, doc int) {
	g := l.g
	size := PointSize(0.78 * g.Size)
	// The credit: the edition's, or where documents differ, this document's own ("Original text."
	// for one printed in its original language). It is never cut: the title gives way to it.
	credit := strings.TrimSuffix(l.b.TranslatorCredit(), ".")
	if l.b.MixedCredits() {
		credit = strings.TrimSuffix(l.b.DocumentCredit(l.b.Documents[doc]), ".")
	}
	setter := &Setter{Fonts: l.fonts, Hyph: &Hyphenator{}, Word: -1}
	y := g.TopY() + g.TextHeight + 2.2*g.Leading
	for _, p := range bk.Pages {
		left := g.Left(p.Number)
		pageOf := fmt.Sprintf("page %d of %d", p.Number, len(bk.Pages))
		w := l.fonts.Face(Regular).Width(pageOf, size)
		room := g.Measure - w - 2*g.Size
		tail := ""
		if credit != "" {
			tail = ". " + credit
		}
		// The title and the credit on one line when they fit; else the title on it (the short
		// title if the full one does not fit) and the credit on a line beneath, so that neither
		// is cut while it fits the measure.
		title := func(room float64) string {
			foot := fitText(l.fonts, l.b.Title, size, room)
			if foot != l.b.Title && l.b.ShortTitle != "" {
				foot = fitText(l.fonts, l.b.ShortTitle, size, room)
			}
			return foot
		}
		feet := []string{title(room)}
		if credit != "" {
			if one := title(room - l.fonts.Width(Italic, tail, size)); !strings.HasSuffix(one, "…") && l.fonts.Width(Italic, one+tail, size) <= room {
				feet = []string{one + tail}
			} else {
				feet = append(feet, fitText(l.fonts, credit, size, g.Measure))
			}
		}
		for i, foot := range feet {
			width := room
			if i > 0 {
				width = g.Measure
			}
			ln := setter.SetParagraph(text(foot), ParaStyle{Size: size, Leading: g.Leading, Style: Italic, Align: Left}, width)
			if len(ln) > 0 {
				p.Placed = append(p.Placed, Placed{X: left, Y: y + float64(i)*1.25*size, Line: ln[0], Role: RoleHead, Doc: p.Doc, Foot: true})
			}
		}
		num := &Line{Glyphs: []Glyphs{{Text: pageOf, Size: float32(size), Width: w}}, Leading: g.Leading, FirstWord: -1}
		p.Placed = append(p.Placed, Placed{X: left + g.Measure - w, Y: y, Line: num, Role: RoleFolio, Doc: p.Doc, Foot: true})
		p.Rules = append(p.Rules, Rule{X: left, Y: y - size - 2, W: g.Measure, Thickness: 0.3})
	}
}

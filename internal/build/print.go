package build

import (
	"fmt"
	"strings"

	"colophon/internal/edition"
	"colophon/internal/pdf"
	"colophon/internal/preflight"
	"colophon/internal/print"
	"colophon/internal/typeset"
)

// writePrint makes the printer's files: the interior and the full-wrap cover as PDF/X-1a:2001 for
// the edition's print service and printing condition, each passed through colophon's preflight.
// It runs beside the other writers, not after them: its interior is usually the print book the PDF
// writer sets, moved across (interiorBook), so the two share one setting and one page count.
func writePrint(r *Resources, files *Files) error {
	b := r.Edition
	svc := b.Print.Service
	bk, pages, err := interiorBook(r, svc)
	if err != nil {
		return err
	}
	if pages < svc.MinPages {
		r.Warn(edition.Diagnostic{Pos: edition.Pos{Path: "source/book.yaml"},
			Message: fmt.Sprintf("warning: the book has %d pages; %s prints %d at least (print.service: %s)", pages, svc.Name, svc.MinPages, svc.Key)})
	}
	if svc.MaxPages > 0 && pages > svc.MaxPages {
		r.Warn(edition.Diagnostic{Pos: edition.Pos{Path: "source/book.yaml"},
			Message: fmt.Sprintf("warning: the book has %d pages; %s prints %d at most (print.service: %s)", pages, svc.Name, svc.MaxPages, svc.Key)})
	}
	interior, err := pdf.Interior(b, bk, typeset.Interior(bk, pages), b.Print.Condition, r.PDF())
	if err != nil {
		return err
	}
	inner := bk.Geometry.Inner
	bk = nil // the set book is large; only its PDF is needed from here
	// The preflights run while the files are written and the writers after this one work
	// (Later): a finding still fails the build before anything is put in place. The interior's
	// begins now, beside the cover's making and the interior's writing (a book of scans is tens
	// of megabytes, written on one core); the cover's after it, so that messages come in one
	// order. They read the files without their pictures' samples (pdf.Skeleton), which they
	// never look at and the PDF parser would otherwise copy.
	r.Later("preflight of the printer's interior of "+b.Dir, func() error {
		return preflightPrint(r, "interior", pdf.Skeleton(interior), svc)
	})
	w, cov, err := wrapCover(r, pages, b.Print.Condition)
	if err != nil {
		return err
	}
	if err := files.Put(Output{Path: "print/" + b.Name + "-interior.pdf", MediaType: "application/pdf", Parts: interior, Pages: pages,
		Note: fmt.Sprintf("PDF/X-1a:2001, %s, for %s: %d pages, inside margin %.3f in", b.Print.Condition, svc.Name, pages, inner/72)}); err != nil {
		return err
	}
	if err := files.Put(Output{Path: "print/" + b.Name + "-cover.pdf", MediaType: "application/pdf", Parts: cov, Pages: 1, Extra: w.Details(),
		Note: fmt.Sprintf("PDF/X-1a:2001, %s: spine %.4f in; %.3f × %.3f in with %.3f in bleed", b.Print.Condition, w.Spine/72, w.W/72, w.H/72, w.Bleed/72)}); err != nil {
		return err
	}
	r.Later("preflight of the printer's cover of "+b.Dir, func() error {
		return preflightPrint(r, "cover", pdf.Skeleton(cov), svc)
	})
	return nil
}

// interiorBook sets the printer's interior and gives the pages it is printed on. Its inside
// margin is the one the service asks for at the book's page count. Where the outside margin can
// give that room (typeset.Geometry.widenFor), the interior is the print book moved across, with
// the book's pages and page numbers. Else the page count depends on the margin: a wider gutter
// narrows the measure, the book grows, and its count may cross the next of the service's steps,
// which asks for a wider gutter still. So the book is set again until its count asks for no more
// than the margin it was set with. The margin only grows, so this settles within one pass per
// step; gutterPasses bounds it all the same, and a count that has not settled by then is an error
// naming the step. pages is the book padded to what the service prints.
func interiorBook(r *Resources, svc print.Service) (bk *typeset.Book, pages int, err error) {
	return settleGutter(r, svc, gutterPasses)
}

// gutterPasses is the most times the interior is set for its gutter: one more than the steps of
// the service with the most (KDP's five).
const gutterPasses = 6

func settleGutter(r *Resources, svc print.Service, passes int) (bk *typeset.Book, pages int, err error) {
	b := r.Edition
	facts, err := r.Facts()
	if err != nil {
		return nil, 0, err
	}
	fonts, err := r.Fonts()
	if err != nil {
		return nil, 0, err
	}
	pages = facts.Printed
	inside := svc.Inside(pages) * 72
	for pass := 0; ; pass++ {
		if bk != nil && bk.Geometry.Inner >= svc.Inside(pages)*72-0.01 {
			return bk, pages, nil
		}
		if pass == passes {
			return nil, 0, fmt.Errorf("the inside margin did not settle after setting the interior %d times: "+
				"set with a %.3f in gutter the book has %d pages, and %s asks for %.3f in at %s",
				passes, bk.Geometry.Inner/72, pages, svc.Name, svc.Inside(pages), svc.StepName(pages))
		}
		// Never narrower than the last pass's: the count may fall back under a step when the
		// margin grows (a short last page pulled back), and a margin that shrank again could
		// swing between two counts for ever.
		inside = max(inside, svc.Inside(pages)*72)
		opt := typeset.Options{Trim: b.Print.Trim, BleedMM: b.Print.BleedMM, FontSize: b.Print.FontSize, Fonts: fonts,
			Hyphenators: r.Hyphenators(), MinInner: inside, MinOuter: svc.Outside * 72, Cache: r.DocCache()}
		if pass == 0 {
			// The gutter taken from the outside margin (the usual case): the interior is the
			// print book itself, its pages moved across, and its count is the book's.
			pb, err := r.PrintBook()
			if err != nil {
				return nil, 0, err
			}
			if g := typeset.BookGeometry(opt); g.SameBlock(pb.Geometry) {
				bk = typeset.Moved(pb, g)
				pages = svc.Padded(len(bk.Pages))
				continue
			}
		}
		bk, err = typeset.Typeset(b, opt)
		if err != nil {
			return nil, 0, err
		}
		pages = svc.Padded(len(bk.Pages))
	}
}

// preflightPrint runs colophon's preflight on one of the printer's files. A finding fails the
// build — it would be a bug in colophon, not in the sources — but for a picture below 300 ppi,
// which is the user's to replace: a warning (the interior's figures were warned of at their
// source, typeset.Resolution, so only the cover's is).
func preflightPrint(r *Resources, name string, data [][]byte, svc print.Service) error {
	check := preflight.CheckParts
	if r.checked != nil {
		check = r.checked.CheckParts // watch: the pages checked before are taken as they were
	}
	findings, err := check(data, svc)
	if err != nil {
		return fmt.Errorf("preflight of the printer's %s: %w", name, err)
	}
	var problems []string
	for _, f := range findings {
		switch {
		case f.LowResolution && name == "interior":
		case f.LowResolution:
			r.Warn(edition.Diagnostic{Pos: edition.Pos{Path: "source/book.yaml"}, Message: "warning: the printer's " + name + ": " + f.String()})
		default:
			problems = append(problems, f.String())
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("preflight of the printer's %s: %s", name, strings.Join(problems, "; "))
	}
	return nil
}

package build

import "colophon/internal/pdf"

// writeBook makes the print book as a reader's PDF (tagged PDF/A-1a and PDF/UA-1), at the
// edition's trim and bleed.
func writeBook(r *Resources, files *Files) error {
	b := r.Edition
	bk, err := r.PrintBook()
	if err != nil {
		return err
	}
	if _, err := r.Facts(); err != nil { // while the book is at hand
		return err
	}
	data, err := pdf.Book(b, bk, pdf.Meta{}, r.PDF())
	if err != nil {
		return err
	}
	return files.Put(Output{Path: b.Name + ".pdf", MediaType: "application/pdf", Parts: data, Pages: len(bk.Pages)})
}

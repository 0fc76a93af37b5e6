package preflight

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"colophon/internal/html"
	"colophon/internal/pdf"
	"colophon/internal/print"
	"colophon/internal/testkit"
	"colophon/internal/typeset"
	"colophon/internal/validate"
)

// The build preflights a printer's file as its Skeleton, without the pictures' samples: the
// skeleton is a well-formed PDF (qpdf finds every object where its table says), smaller by at
// least the pictures' bytes, and preflight finds in it exactly what it finds in the file — in the
// rich edition's printer's interior (a colour facsimile and two PNGs, separated) and in its
// reading book (PDF/A, the JPEG as it is), which is no printer's file and has findings to compare.
func TestSkeletonChecksAsTheFile(t *testing.T) {
	b := testkit.Rich(t)
	bk, err := typeset.Typeset(b, typeset.Options{Trim: b.Print.Trim})
	if err != nil {
		t.Fatal(err)
	}
	svc := print.Services["kdp"]
	interior, err := pdf.Interior(b, bk, typeset.Interior(bk, svc.Padded(len(bk.Pages))), "FOGRA39", nil)
	if err != nil {
		t.Fatal(err)
	}
	book, err := pdf.Book(b, bk, pdf.Meta{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, files, err := html.Pictures(b, "")
	if err != nil {
		t.Fatal(err)
	}
	jpegs := 0 // the reading book holds each JPEG as it is
	for name, data := range files {
		if strings.HasSuffix(name, ".jpg") {
			jpegs += len(data)
		}
	}
	if jpegs == 0 {
		t.Fatal("the rich edition shows no JPEG")
	}
	qpdf := validate.Tool(t, "qpdf")
	for name, f := range map[string]pdf.File{"interior": interior, "book": book} {
		sk := pdf.Skeleton(f)
		if name == "book" && f.Len()-sk.Len() < jpegs {
			t.Errorf("%s: the skeleton is %d bytes against the file's %d: the JPEGs' %d are not all left out", name, sk.Len(), f.Len(), jpegs)
		}
		if name == "interior" && sk.Len() > f.Len()/2 {
			t.Errorf("%s: the skeleton is %d bytes against the file's %d", name, sk.Len(), f.Len())
		}
		p := filepath.Join(t.TempDir(), name+".pdf")
		if err := os.WriteFile(p, sk.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		// qpdf names a table that points anywhere but an object's start ("reconstructing").
		if out, err := exec.Command(qpdf, "--check", p).CombinedOutput(); err != nil {
			t.Errorf("%s: qpdf --check of the skeleton: %v\n%s", name, err, out)
		}
		want, err := CheckParts(f, svc)
		if err != nil {
			t.Fatal(err)
		}
		got, err := CheckParts(sk, svc)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: preflight of the skeleton found\n%v\nand of the file\n%v", name, got, want)
		}
		if name == "book" && len(want) == 0 {
			t.Errorf("the reading book has no findings to compare")
		}
	}
}

package preflight

import (
	"bytes"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"colophon/internal/cover"
	"colophon/internal/edition"
	"colophon/internal/pdf"
	"colophon/internal/print"
	"colophon/internal/testkit"
	"colophon/internal/typeset"
)

func TestMain(m *testing.M) { testkit.Main(m) }

// The reading edition's PDFs are not printer's files: preflight names what makes them so — no
// PDF/X keys or output intent, no trim box, links, bookmarks, RGB colour — and finds nothing in
// the printer's files made from the same book.
func TestReadingEditionIsNotAPrintersFile(t *testing.T) {
	b := testkit.Seed(t)
	bk, err := typeset.Typeset(b, typeset.Options{Trim: b.Print.Trim})
	if err != nil {
		t.Fatal(err)
	}
	svc := print.Services["kdp"]
	book, err := pdf.Book(b, bk, pdf.Meta{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	img, err := cover.Make(b)
	if err != nil {
		t.Fatal(err)
	}
	wrap, err := wrapCover(b, bk.Fonts, len(bk.Pages), img, svc, "")
	if err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct {
		data pdf.File
		want []string
	}{
		"book": {book, []string{"not PDF/X-1a", "Info /Trapped", "no output intent for PDF/X", "bookmarks", "page 1: no TrimBox", "annotations (Link"}},
		"wrap": {wrap, []string{"not PDF/X-1a", "no output intent for PDF/X", "DeviceRGB colour"}},
	} {
		got, err := CheckParts(c.data, svc)
		if err != nil {
			t.Fatal(err)
		}
		all := ""
		for _, f := range got {
			all += f.String() + "\n"
		}
		for _, w := range c.want {
			if !strings.Contains(all, w) {
				t.Errorf("%s: preflight does not report %q:\n%s", name, w, all)
			}
		}
	}
	interior, err := pdf.Interior(b, bk, typeset.Interior(bk, svc.Padded(len(bk.Pages))), "FOGRA39", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := CheckParts(interior, svc); err != nil || len(got) > 0 {
		t.Errorf("the printer's interior: %v %v", got, err)
	}
}

// Text set closer to the trim than the service's margins is found, side by side, with the
// gutter for the page count on the inside: here a handout (wide margins) checked against a
// made-up service whose margins are wider still.
func TestTextInsideTheMargins(t *testing.T) {
	b := testkit.Seed(t)
	bk, err := typeset.TypesetHandout(b, 0, "a4", nil)
	if err != nil {
		t.Fatal(err)
	}
	data, err := pdf.Interior(b, bk, typeset.Interior(bk, 2), "FOGRA39", nil)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "h.pdf")
	os.WriteFile(p, data.Bytes(), 0o644)
	// The handout's text stands 1.8 in from either side of the sheet: inside 2 in and outside
	// 1.9 in are both too close.
	wide := print.Service{Name: "wide", Gutter: []print.GutterStep{{MaxPages: 1000, Inside: 2}}, Outside: 1.9, PageMultiple: 2}
	got, err := Check(p, wide)
	if err != nil {
		t.Fatal(err)
	}
	all := ""
	for _, f := range got {
		all += f.String() + "\n"
	}
	for _, w := range []string{"page 1: text", "from the left trim, within the 2.000 in safety margin", "from the right trim, within the 1.900 in safety margin"} {
		if !strings.Contains(all, w) {
			t.Errorf("preflight does not report %q:\n%s", w, all)
		}
	}
	if got, _ := Check(p, print.Services["kdp"]); len(got) > 0 {
		t.Errorf("the handout's own margins are within KDP's: %v", got)
	}
}

// A cover picture too small for its place is found at its resolution and marked LowResolution:
// the build warns of it (the user's picture to replace) rather than failing as for a fault in the
// file.
func TestLowResolutionImage(t *testing.T) {
	b := testkit.Load(t, testkit.SeedDir(t)) // its own: the test gives it a cover picture
	fonts, err := typeset.NewFonts(b.Fonts)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 300, 450))); err != nil {
		t.Fatal(err)
	}
	img := &cover.Image{Data: buf.Bytes(), MediaType: "image/png", Ext: ".png", Width: 300, Height: 450}
	b.Cover = "covers/cover.png" // a picture of the user's, not the cover colophon sets
	svc := print.Services["kdp"]
	wrap, err := wrapCover(b, fonts, 120, img, svc, "FOGRA39")
	if err != nil {
		t.Fatal(err)
	}
	got, err := CheckParts(wrap, svc)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || !got[0].LowResolution || !strings.Contains(got[0].Message, "ppi at its placed size") {
		t.Errorf("want one low-resolution finding for a 300-pixel-wide front cover, got %+v", got)
	}
}

// TestPartsReader: a PDF in pieces reads as the file they make, across the pieces' ends.
func TestPartsReader(t *testing.T) {
	r := newPartsReader([][]byte{[]byte("%PDF"), nil, []byte("-1.3\n"), []byte("tail")})
	all, err := io.ReadAll(r)
	if err != nil || string(all) != "%PDF-1.3\ntail" {
		t.Fatalf("read %q, %v", all, err)
	}
	b := make([]byte, 6)
	if n, err := r.ReadAt(b, 2); n != 6 || err != nil || string(b) != "DF-1.3" {
		t.Errorf("ReadAt(2) = %d %q %v", n, b[:n], err)
	}
	if pos, _ := r.Seek(-4, io.SeekEnd); pos != 9 {
		t.Errorf("Seek(-4, end) = %d, want 9", pos)
	}
	if rest, _ := io.ReadAll(r); string(rest) != "tail" {
		t.Errorf("after seeking to the end less 4: %q", rest)
	}
}

// Preflight reads a PDF without pdfcpu's configuration folder — it neither reads nor writes one
// in the user's home — and without changing pdfcpu's package-wide settings to get there.
func TestNoConfigurationFolder(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	b := testkit.Seed(t)
	bk, err := typeset.TypesetHandout(b, 0, "a4", nil)
	if err != nil {
		t.Fatal(err)
	}
	data, err := pdf.Interior(b, bk, typeset.Interior(bk, 2), "FOGRA39", nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := CheckParts(data, print.Services["generic"]); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(home); len(entries) > 0 {
		t.Errorf("preflight wrote into the home folder: %v", entries)
	}
	if model.ConfigPath != "default" {
		t.Errorf("pdfcpu's model.ConfigPath was changed to %q", model.ConfigPath)
	}
}

// wrapCover lays out and draws a wrap cover for an interior of pages pages, as the build does.
func wrapCover(b *edition.Book, fonts *typeset.Fonts, pages int, img *cover.Image, svc print.Service, pdfx string) (pdf.File, error) {
	w := typeset.WrapGeometry(b.Print.Trim, pages, b.Print.PaperIn)
	sheet, err := typeset.WrapCover(b, fonts, w, typeset.WrapOptions{Service: svc, ImageW: img.Width, ImageH: img.Height})
	if err != nil {
		return nil, err
	}
	return pdf.WrapCover(b, fonts, sheet, img, pdf.CoverOptions{PDFX: pdfx}, nil)
}

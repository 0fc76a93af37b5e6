package pdf

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"colophon/internal/cover"
	"colophon/internal/edition"
	"colophon/internal/print"
	"colophon/internal/testkit"
	"colophon/internal/typeset"
)

// The seed's wrap cover: its width follows the real interior page count; boxes, fonts and
// structure pass the validators.
func TestWrapCover(t *testing.T) {
	for _, b := range []*edition.Book{testkit.Seed(t), testkit.Rich(t)} {
		bk, err := typeset.Typeset(b, typeset.Options{Trim: b.Print.Trim})
		if err != nil {
			t.Fatal(err)
		}
		img, err := cover.Make(b)
		if err != nil {
			t.Fatal(err)
		}
		w := typeset.WrapGeometry(b.Print.Trim, len(bk.Pages), b.Print.PaperIn)
		sheet, err := typeset.WrapCover(b, bk.Fonts, w, typeset.WrapOptions{Service: print.DefaultService, ImageW: img.Width, ImageH: img.Height})
		if err != nil {
			t.Fatal(err)
		}
		data, err := bytesOf(WrapCover(b, bk.Fonts, sheet, img, CoverOptions{}, nil))
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(t.TempDir(), "wrap.pdf")
		os.WriteFile(p, data, 0o644)
		info := run(t, "pdfinfo", "-box", p)
		if countSize(info, w.W, w.H) != 1 {
			t.Errorf("size is not %.2f x %.2f:\n%s", w.W, w.H, info)
		}
		want := fmt.Sprintf("%.2f %.2f %.2f %.2f", w.Bleed, w.Bleed, w.W-w.Bleed, w.H-w.Bleed)
		if m := trimBoxRe.FindStringSubmatch(info); m == nil || strings.Join(m[1:], " ") != want {
			t.Errorf("trim box:\n%s", info)
		}
		if out := run(t, "qpdf", "--check", p); !strings.Contains(out, "No syntax or stream encoding errors found") {
			t.Errorf("qpdf: %s", out)
		}
		for _, r := range strings.Split(strings.TrimSpace(run(t, "pdffonts", p)), "\n")[2:] {
			if c := strings.Fields(r); c[len(c)-5] != "yes" {
				t.Errorf("font not embedded: %s", r)
			}
		}
		text := run(t, "pdftotext", p, "-")
		if b.ISBN != "" && !strings.Contains(text, "ISBN "+b.ISBNText) {
			t.Errorf("the barcode's ISBN line is missing:\n%s", text)
		}
		if b.ISBN != "" {
			// A scanner reads the bars as the ISBN, from the cover rendered as a printer would.
			png := filepath.Join(t.TempDir(), "c")
			run(t, "pdftoppm", "-r", "300", "-png", "-singlefile", p, png)
			digits := strings.ReplaceAll(b.ISBN, "-", "")
			if got := strings.TrimSpace(run(t, "zbarimg", "-q", png+".png")); got != "EAN-13:"+digits {
				t.Errorf("zbarimg reads %q, want EAN-13:%s", got, digits)
			}
		}
	}
}

var trimBoxRe = regexp.MustCompile(`TrimBox:\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)`)

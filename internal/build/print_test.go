package build

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"colophon/internal/print"
	"colophon/internal/testkit"
)

// TestPrintersFiles builds the printer's files of the seed and of generated 6×9 in editions for
// KDP and IngramSpark, and checks what a printer's preflight checks and what the services ask:
// PDF/X-1a keys and a GTS_PDFX output intent, TrimBox and BleedBox on every page, fonts embedded, no
// annotations or bookmarks, no RGB, an even page count, the inside margin the service asks for at
// the page count (read back with pdftotext -bbox), and an EAN-13 at 100 % that a scanner reads.
func TestPrintersFiles(t *testing.T) {
	type edn struct {
		name, dir, service string
		docs               int
	}
	var cases []edn
	seed := testkit.Copy(t, testkit.SeedDir(t))
	appendYAML(t, seed, "print:\n  service: kdp\n")
	cases = append(cases, edn{"seed, kdp", seed, "kdp", 0})
	// Lulu's half-inch safety margin on every side is wider than the space above the trim's
	// running heads: the text block moves down for it.
	lulu := testkit.Copy(t, testkit.SeedDir(t))
	appendYAML(t, lulu, "print:\n  service: lulu\n")
	cases = append(cases, edn{"seed, lulu", lulu, "lulu", 0})
	// About 200 pages for KDP and IngramSpark, and about 350 for KDP, whose gutter for 301–500
	// pages (0.625 in) is wider than the 6×9 page's own inside margin: the book is set again.
	for _, e := range []struct {
		svc  string
		docs int
	}{{"kdp", 45}, {"ingramspark", 45}, {"kdp", 80}} {
		dir := testkit.Copy(t, testkit.GeneratedDir(t, e.docs, 1))
		appendYAML(t, dir, "trim: 6x9in\nisbn: 978-0-306-40615-7\nprint:\n  service: "+e.svc+"\n")
		cases = append(cases, edn{strconv.Itoa(e.docs) + " documents, " + e.svc, dir, e.svc, e.docs})
	}
	for _, c := range cases {
		out := t.TempDir()
		res, err := Run(Options{Dir: c.dir, Out: out, Only: []string{"print"}}, All)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		svc := print.Services[c.service]
		var interior, cover string
		for _, o := range res.Outputs {
			switch {
			case strings.HasSuffix(o.Path, "-interior.pdf"):
				interior = filepath.Join(out, o.Path)
			case strings.HasSuffix(o.Path, "-cover.pdf"):
				cover = filepath.Join(out, o.Path)
			}
		}
		pages := 0
		for _, p := range []string{interior, cover} {
			info := tool(t, "pdfinfo", "-box", "-f", "1", "-l", "100000", p)
			n, _ := strconv.Atoi(regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(info)[1])
			if p == interior {
				pages = n
			}
			if strings.Count(info, "TrimBox:") != n || strings.Count(info, "BleedBox:") != n {
				t.Errorf("%s: %s lacks a TrimBox or BleedBox on some of its %d pages", c.name, filepath.Base(p), n)
			}
			raw, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{"%PDF-1.3", "/GTS_PDFXVersion (PDF/X-1:2001)", "/GTS_PDFXConformance (PDF/X-1a:2001)", "/Trapped /False",
				"<pdfxid:GTS_PDFXVersion>PDF/X-1:2001</pdfxid:GTS_PDFXVersion>", "/S /GTS_PDFX /OutputConditionIdentifier (FOGRA39)", "/DestOutputProfile", "/ID [<"} {
				if !bytes.Contains(raw, []byte(want)) {
					t.Errorf("%s: %s lacks %s", c.name, filepath.Base(p), want)
				}
			}
			for _, banned := range []string{"/Annots", "/Outlines", "/JavaScript", "/SMask", "/StructTreeRoot", "/DeviceRGB"} {
				if bytes.Contains(raw, []byte(banned)) {
					t.Errorf("%s: %s has %s", c.name, filepath.Base(p), banned)
				}
			}
			for _, s := range contentStreams(t, raw) {
				if regexp.MustCompile(`(?m)\s(rg|RG)$`).MatchString(s) {
					t.Errorf("%s: %s sets an RGB colour", c.name, filepath.Base(p))
					break
				}
			}
			for _, r := range strings.Split(strings.TrimSpace(tool(t, "pdffonts", p)), "\n")[2:] {
				if f := strings.Fields(r); f[len(f)-5] != "yes" {
					t.Errorf("%s: font not embedded: %s", c.name, r)
				}
			}
		}
		if pages%svc.PageMultiple != 0 || pages < svc.MinPages && c.docs > 0 {
			t.Errorf("%s: %d interior pages", c.name, pages)
		}
		if c.docs == 0 {
			if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0].Message, fmt.Sprintf("%s prints %d at least", svc.Name, svc.MinPages)) {
				t.Errorf("%s: no warning of the %d pages: %v", c.name, pages, res.Warnings)
			}
			continue
		}
		// The inside margin, read back: on a recto the text block's left edge, on a verso the
		// distance from its right edge to the trim (pdftotext's coordinates are the MediaBox's,
		// which is the trim here: no bleed).
		inside := svc.Inside(pages) * 72
		t.Logf("%s: %d pages, inside %.1f pt", c.name, pages, inside)
		for _, page := range []int{pages/2 + 1, pages / 2} {
			bbox := tool(t, "pdftotext", "-bbox", "-f", strconv.Itoa(page), "-l", strconv.Itoa(page), interior, "-")
			minX, maxX := 1e9, 0.0
			for _, m := range regexp.MustCompile(`xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"`).FindAllStringSubmatch(bbox, -1) {
				x0, _ := strconv.ParseFloat(m[1], 64)
				x1, _ := strconv.ParseFloat(m[3], 64)
				minX, maxX = min(minX, x0), max(maxX, x1)
			}
			if page%2 == 1 && minX < inside-0.05 {
				t.Errorf("%s: recto %d's text starts %.1f pt from the gutter, want %.1f at least", c.name, page, minX, inside)
			}
			if page%2 == 0 && 6*72-maxX < inside-0.05 {
				t.Errorf("%s: verso %d's text ends %.1f pt from the gutter, want %.1f at least", c.name, page, 6*72-maxX, inside)
			}
		}
		// The barcode: bars no thinner than the 100 % module, no shorter than its bars, and a
		// scanner reads them.
		thinnest, tallest := 1e9, 0.0
		for _, s := range contentStreams(t, mustRead(t, cover)) {
			black := false
			for _, line := range strings.Split(s, "\n") {
				if strings.HasSuffix(line, " k") {
					black = line == "0 0 0 1 k"
				}
				if f := strings.Fields(line); black && len(f) == 6 && f[4] == "re" {
					w, _ := strconv.ParseFloat(f[2], 64)
					h, _ := strconv.ParseFloat(f[3], 64)
					thinnest, tallest = min(thinnest, w), max(tallest, h)
				}
			}
		}
		if module, bars := 0.33*72/25.4, 22.85*72/25.4; thinnest < module-0.01 || tallest < bars-0.01 {
			t.Errorf("%s: barcode module %.3f pt and bars %.2f pt high, want at least %.3f and %.2f (100 %%)", c.name, thinnest, tallest, module, bars)
		}
		t.Logf("%s: barcode module %.3f, bars %.2f", c.name, thinnest, tallest)
		png := filepath.Join(t.TempDir(), "c")
		tool(t, "pdftoppm", "-r", "300", "-png", "-singlefile", cover, png)
		if got := strings.TrimSpace(tool(t, "zbarimg", "-q", png+".png")); got != "EAN-13:9780306406157" {
			t.Errorf("%s: zbarimg reads %q", c.name, got)
		}
	}
}

func appendYAML(t *testing.T, dir, text string) {
	t.Helper()
	p := filepath.Join(dir, "source", "book.yaml")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, append(data, []byte(text)...), 0o644); err != nil {
		t.Fatal(err)
	}
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// contentStreams are a PDF's deflated streams, decompressed (page contents among them).
func contentStreams(t *testing.T, pdf []byte) []string {
	t.Helper()
	var out []string
	for _, m := range regexp.MustCompile(`(?s)/Filter /FlateDecode[^>]*>>\nstream\n`).FindAllIndex(pdf, -1) {
		end := bytes.Index(pdf[m[1]:], []byte("\nendstream"))
		if end < 0 {
			continue
		}
		r, err := zlib.NewReader(bytes.NewReader(pdf[m[1] : m[1]+end]))
		if err != nil {
			continue
		}
		data, err := io.ReadAll(r)
		if err == nil && bytes.Contains(data, []byte(" re")) || bytes.Contains(data, []byte("BT")) {
			out = append(out, string(data))
		}
	}
	return out
}

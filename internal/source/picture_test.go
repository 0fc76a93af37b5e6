package source

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"colophon/internal/edition"
)

// TestFigures: an image alone in its paragraph is a figure; its caption is the ": " line under
// it or the ": " paragraph after it, and may cite notes; an image with text around it stays in
// its line.
func TestFigures(t *testing.T) {
	md := "# T\n\n" +
		"![A map of the town](map.png)\n: The town in 1848.[^1]\n\n" +
		"![A second map](map.png)\n\n: A caption in a paragraph of its own.\n\n" +
		"![A third map](map.png)\n\n" +
		"An ordinary paragraph.\n\n" +
		"A star ![a star](star.png) in a line.\n\n" +
		"[^1]: A note from a caption.\n"
	dir := writeProject(t, map[string]string{"source/book.yaml": goodBook, "source/a.md": md,
		"source/map.png": pngOf(400, 300), "source/star.png": pngOf(10, 10)})
	b, _, err := Load(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	bs := b.Documents[0].Blocks
	kinds := []edition.BlockKind{edition.Figure, edition.Figure, edition.Figure, edition.Paragraph, edition.Paragraph}
	if len(bs) != len(kinds) {
		t.Fatalf("%d blocks, want %d: %+v", len(bs), len(kinds), bs)
	}
	for i, k := range kinds {
		if bs[i].Kind != k {
			t.Errorf("block %d is kind %d, want %d", i, bs[i].Kind, k)
		}
	}
	captions := []string{"The town in 1848.", "A caption in a paragraph of its own.", ""}
	alts := []string{"A map of the town", "A second map", "A third map"}
	for i := range captions {
		if got := edition.PlainText(bs[i].Inlines); got != captions[i] {
			t.Errorf("figure %d caption %q, want %q", i, got, captions[i])
		}
		if bs[i].Alt != alts[i] {
			t.Errorf("figure %d alt %q, want %q", i, bs[i].Alt, alts[i])
		}
		if p := bs[i].Picture; p == nil || p.Path != "source/map.png" || p.Width != 400 || p.Height != 300 || p.Format != "png" {
			t.Errorf("figure %d picture %+v", i, bs[i].Picture)
		}
	}
	if n := bs[0].Inlines[len(bs[0].Inlines)-1]; n.Kind != edition.NoteRef || n.Note == nil || n.Note.Number != 1 {
		t.Errorf("the first caption does not end with its note: %+v", bs[0].Inlines)
	}
	if img := bs[4].Inlines[1]; img.Kind != edition.Image || img.Picture == nil {
		t.Errorf("the star is not an image in its line: %+v", bs[4].Inlines)
	}
}

// TestRecordedPPI reads the resolution a JPEG's JFIF header and a PNG's pHYs chunk record.
func TestRecordedPPI(t *testing.T) {
	dir := t.TempDir()
	var j bytes.Buffer
	if err := jpeg.Encode(&j, image.NewGray(image.Rect(0, 0, 30, 20)), nil); err != nil {
		t.Fatal(err)
	}
	// Go's encoder writes no JFIF segment: put one in after SOI, at 300 dots per inch.
	jfif := []byte{0xff, 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 1, 0x01, 0x2c, 0x01, 0x2c, 0, 0}
	withJFIF := append(append(append([]byte{}, j.Bytes()[:2]...), jfif...), j.Bytes()[2:]...)
	// A PNG with pHYs of 11811 pixels per metre (300 ppi), before its IDAT.
	p := []byte(pngOf(30, 20))
	phys := make([]byte, 21)
	binary.BigEndian.PutUint32(phys, 9)
	copy(phys[4:], "pHYs")
	binary.BigEndian.PutUint32(phys[8:], 11811)
	binary.BigEndian.PutUint32(phys[12:], 11811)
	phys[16] = 1
	binary.BigEndian.PutUint32(phys[17:], crc32.ChecksumIEEE(phys[4:17]))
	withPHYs := append(append(append([]byte{}, p[:33]...), phys...), p[33:]...) // after IHDR
	cases := []struct {
		name string
		data []byte
		ppi  float64
	}{
		{"plain.jpg", j.Bytes(), 0},
		{"jfif.jpg", withJFIF, 300},
		{"plain.png", p, 0},
		{"phys.png", withPHYs, 299.9994},
	}
	for _, c := range cases {
		path := filepath.Join(dir, c.name)
		if err := os.WriteFile(path, c.data, 0o644); err != nil {
			t.Fatal(err)
		}
		pic, err := readPicture(path, c.name)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if pic.Width != 30 || pic.Height != 20 || d(pic.PPI, c.ppi) > 0.01 {
			t.Errorf("%s: %d × %d at %g ppi, want 30 × 20 at %g", c.name, pic.Width, pic.Height, pic.PPI, c.ppi)
		}
	}
	// At 300 ppi, 30 pixels are a tenth of an inch: 7.2 pt.
	if w, _ := (&edition.Picture{Width: 30, Height: 20, PPI: 300}).Size(); d(w, 7.2) > 1e-9 {
		t.Errorf("30 pixels at 300 ppi are %g pt, want 7.2", w)
	}
	// With no resolution recorded, a picture is as big as a reading system shows it: 96 per inch.
	if w, _ := (&edition.Picture{Width: 96, Height: 20}).Size(); d(w, 72) > 1e-9 {
		t.Errorf("96 pixels with no resolution are %g pt, want 72", w)
	}
}

func d(a, b float64) float64 {
	if a > b {
		return a - b
	}
	return b - a
}

// A JPEG whose scan data is longer than the part check decodes (a scan of a few megabytes) is
// read; one cut short is refused.
func TestLargeJPEG(t *testing.T) {
	m := image.NewGray(image.Rect(0, 0, 1000, 1000))
	seed := uint32(7)
	for i := range m.Pix {
		seed = seed*1664525 + 1013904223
		m.Pix[i] = uint8(seed >> 24) // noise: compresses to more than jpegFirstRows
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	if b.Len() < 2*jpegFirstRows {
		t.Fatalf("the test picture is %d bytes: not longer than what check decodes", b.Len())
	}
	cfg := image.Config{Width: 1000, Height: 1000}
	if err := verifyPicture(b.Bytes(), "jpeg", cfg); err != nil {
		t.Errorf("a good %d-byte JPEG: %v", b.Len(), err)
	}
	if err := verifyPicture(b.Bytes()[:b.Len()/2], "jpeg", cfg); err == nil {
		t.Error("a JPEG cut short was let through")
	}
	// Cut within the rows check decodes, its end-of-image marker put back after the cut.
	cut := append(bytes.Clone(b.Bytes()[:jpegFirstRows/2]), 0xff, 0xd9)
	if err := verifyPicture(cut, "jpeg", cfg); err == nil || !strings.Contains(err.Error(), "cut short") {
		t.Errorf("a JPEG cut short in its first rows, its end marker put back: %v, want it cut short", err)
	}
}

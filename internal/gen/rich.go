package gen

import (
	"bytes"
	"embed"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
)

// rich is an edition that uses every feature of the source format once: every block and inline,
// every apparatus field, a Russian document, an ISBN for each edition, a contributor of each
// common role, and an image.
//
//go:embed rich/*
var rich embed.FS

// languages is an edition in four languages by several hands: an English translation from German,
// a German song in its original, a French translation from Polish and a Russian one from
// Ukrainian, by two translators, with an editor and an annotator.
//
//go:embed languages/*
var languages embed.FS

// scripts is an edition in three scripts: a Hebrew letter in its original, an English letter
// that quotes a passage in Arabic, and a German letter with a Greek word, for right-to-left
// setting, fallback fonts and language tags.
//
//go:embed scripts/*
var scripts embed.FS

// WriteScripts writes the edition in three scripts into dir/source.
func WriteScripts(dir string) error { return writeEmbedded(scripts, "scripts", dir) }

// WriteLanguages writes the edition in four languages into dir/source.
func WriteLanguages(dir string) error { return writeEmbedded(languages, "languages", dir) }

// writeEmbedded copies an embedded edition's files into dir/source.
func writeEmbedded(files embed.FS, root, dir string) error {
	entries, err := files.ReadDir(root)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(dir, "source"), 0o755); err != nil {
		return err
	}
	for _, e := range entries {
		data, err := files.ReadFile(root + "/" + e.Name())
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, "source", e.Name()), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// WriteRich writes the rich edition into dir/source, with the pictures it shows in dir/images: a
// small half-transparent square that sits in a line of text, a JPEG facsimile of a handwritten page (portrait, too
// tall for what is left of its page, so it floats) and a PNG of a printed leaflet.
func WriteRich(dir string) error {
	if err := writeEmbedded(rich, "rich", dir); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(dir, "images"), 0o755); err != nil {
		return err
	}
	// The square is half transparent: print flattens it onto the page.
	square := image.NewNRGBA(image.Rect(0, 0, 8, 8))
	for i := range square.Pix {
		square.Pix[i] = []uint8{40, 40, 40, 160}[i%4]
	}
	var sq, fac, leaf bytes.Buffer
	if err := png.Encode(&sq, square); err != nil {
		return err
	}
	if err := jpeg.Encode(&fac, Manuscript(1240, 1754), &jpeg.Options{Quality: 80}); err != nil {
		return err
	}
	if err := png.Encode(&leaf, leaflet(900, 600)); err != nil {
		return err
	}
	for name, data := range map[string][]byte{"square.png": sq.Bytes(), "letter-p1.jpg": fac.Bytes(), "leaflet.png": leaf.Bytes()} {
		if err := os.WriteFile(filepath.Join(dir, "images", name), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Manuscript draws a stand-in for a scanned handwritten page, w × h pixels: yellowed paper, lines
// of ink of uneven length, and a round stamp in the top corner. It is drawn, not random, so the
// same picture comes out every time.
func Manuscript(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	paper := color.RGBA{236, 228, 204, 255}
	ink := color.RGBA{40, 48, 90, 255}
	stamp := color.RGBA{170, 40, 40, 255}
	margin, pitch := w/10, h/28
	cx, cy, rad := w-w/6, h/9, w/12
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := paper
			// Ink: a line of writing every pitch, its length varying from line to line.
			line := y / pitch
			if y%pitch > pitch*2/3 && y%pitch < pitch*2/3+max(2, pitch/12) && line > 3 && line < 26 &&
				x > margin && x < w-margin-(line*137%5)*w/14 {
				c = ink
			}
			// The stamp: a ring.
			dx, dy := x-cx, y-cy
			if d := dx*dx + dy*dy; d < rad*rad && d > (rad-rad/8)*(rad-rad/8) {
				c = stamp
			}
			m.SetRGBA(x, y, c)
		}
	}
	return m
}

// leaflet draws a stand-in for a printed leaflet in gray: a heavy black headline bar, columns of
// text lines, a frame.
func leaflet(w, h int) *image.Gray {
	m := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			v := uint8(245)
			switch {
			case x < 6 || y < 6 || x >= w-6 || y >= h-6:
				v = 20 // the frame
			case y > h/10 && y < h/4 && x > w/8 && x < w-w/8:
				v = 15 // the headline
			case y > h/3 && y%18 < 5 && (x%(w/2) > 30 && x%(w/2) < w/2-30):
				v = 70 // two columns of text
			}
			m.Pix[y*m.Stride+x] = v
		}
	}
	return m
}

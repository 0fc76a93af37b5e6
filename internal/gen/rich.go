package gen

import (
	"bytes"
	"embed"
	"image"
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

// WriteRich writes the rich edition into dir/source, with the image it shows in dir/images.
func WriteRich(dir string) error {
	if err := writeEmbedded(rich, "rich", dir); err != nil {
		return err
	}
	img := image.NewGray(image.Rect(0, 0, 8, 8))
	for i := range img.Pix {
		img.Pix[i] = 128
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(dir, "images"), 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "images", "square.png"), buf.Bytes(), 0o644)
}

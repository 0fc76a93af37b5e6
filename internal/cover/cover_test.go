package cover

import (
	"bytes"
	"image/png"
	"os"
	"testing"

	"colophon/internal/source"
)

func TestGeneratedCover(t *testing.T) {
	b, err := source.Load("../..", source.Options{})
	if err != nil {
		t.Fatal(err)
	}
	img, err := Make(b)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(img.Data))
	if err != nil || cfg.Width != Width || cfg.Height != Height {
		t.Fatalf("cover is not a %dx%d PNG: %v %+v", Width, Height, err, cfg)
	}
	again, _ := Make(b)
	if !bytes.Equal(img.Data, again.Data) {
		t.Error("two covers of the same edition differ")
	}
	if out := os.Getenv("COVER_OUT"); out != "" {
		os.WriteFile(out, img.Data, 0o644)
	}
	if got := Alt(b); got != "Cover: Two Anonymous Letters to the Editorial Board of ‘Kommunist’ Against the Criticism of J.V. Stalin, 1956. Two documents from the Russian State Archive of Contemporary History. Translated from the Russian by Tahir Asghar." {
		t.Errorf("alt text: %q", got)
	}
}

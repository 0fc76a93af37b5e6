package cover

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"strings"
	"testing"

	"colophon/internal/testkit"
	"colophon/internal/typeset"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

func TestMain(m *testing.M) { testkit.Main(m) }

func TestGeneratedCover(t *testing.T) {
	b := testkit.Seed(t)
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

// A title of eighty words, or of one word of three hundred letters, is fitted to the cover: no
// panic, and no ink outside the frame (it once ran off the image and panicked).
func TestLongTitlesFit(t *testing.T) {
	b := testkit.Load(t, testkit.SeedDir(t)) // its own: the test changes its texts
	for _, title := range []string{strings.Repeat("Committee ", 80), strings.Repeat("W", 300)} {
		b.Title, b.Subtitle, b.Publisher = title, strings.Repeat("Subtitle ", 60), strings.Repeat("Press ", 40)
		img, err := Make(b)
		if err != nil {
			t.Fatal(err)
		}
		m, err := png.Decode(bytes.NewReader(img.Data))
		if err != nil {
			t.Fatal(err)
		}
		// Text is drawn in steps from paper to ink, the frames in the accent colour: outside the
		// hairline frame (92 px in, 3 px wide) there is nothing but paper and accent.
		const in = 95
		for y := 0; y < Height; y++ {
			for x := 0; x < Width; x++ {
				if x >= in && x < Width-in && y >= in && y < Height-in {
					continue
				}
				if c := color.RGBAModel.Convert(m.At(x, y)).(color.RGBA); c != design.Paper.RGBA() && c != design.Accent.RGBA() {
					t.Fatalf("title %.20q…: text at %d,%d, outside the frame", title, x, y)
				}
			}
		}
	}
}

// BenchmarkMake makes the seed's generated cover: its text drawn, its palette picture and PNG.
func BenchmarkMake(b *testing.B) {
	book := testkit.Seed(b)
	for b.Loop() {
		if _, err := Make(book); err != nil {
			b.Fatal(err)
		}
	}
}

// Every pixel the text covers lies inside the setter's inked bounds, where the coverage is
// turned into palette steps: the title, subtitle and credit of the seed, an italic line, a word
// wider than the measure, and letters that reach far below the baseline and above the capitals.
func TestInkedBoundsHoldTheText(t *testing.T) {
	b := testkit.Seed(t)
	s := &setter{
		cov:   image.NewAlpha(image.Rect(0, 0, Width, Height)),
		img:   image.NewPaletted(image.Rect(0, 0, Width, Height), palette()),
		faces: map[typeset.Style]*opentype.Font{},
	}
	for st, data := range map[typeset.Style][]byte{typeset.Regular: b.Fonts.Regular, typeset.Italic: b.Fonts.Italic, typeset.Bold: b.Fonts.Bold} {
		f, err := opentype.Parse(data)
		if err != nil {
			t.Fatal(err)
		}
		s.faces[st] = f
	}
	y := 100
	for _, p := range []struct {
		t    typeset.CoverText
		text string
	}{
		{design.Title, b.Title},
		{design.Subtitle, b.Subtitle},
		{design.Credit, b.CoverCredit()},
		{typeset.CoverText{Style: typeset.Italic, Size: 90}, "Quagmire ſjögryf Ψ fjord"},
		{design.Title, strings.Repeat("W", 60)},
	} {
		var err error
		if y, err = s.paragraph(p.t, p.text, 1.2, y, 600); err != nil {
			t.Fatal(err)
		}
	}
	inked := 0
	for i, a := range s.cov.Pix {
		if a == 0 {
			continue
		}
		inked++
		if pt := image.Pt(i%Width, i/Width); !pt.In(s.inked) {
			t.Fatalf("covered pixel %v lies outside the inked bounds %v", pt, s.inked)
		}
	}
	if inked == 0 {
		t.Fatal("no text was drawn")
	}
}

// drawString gives the coverage font.Drawer's DrawString gives, byte for byte: lines laid over
// one another (so Over meets covered pixels), in each style, at sizes from small to the title's,
// placed partly off the image's edges.
func TestDrawStringAsDrawer(t *testing.T) {
	b := testkit.Seed(t)
	want := image.NewAlpha(image.Rect(0, 0, 400, 300))
	got := image.NewAlpha(want.Rect)
	n := 0
	for _, data := range [][]byte{b.Fonts.Regular, b.Fonts.Italic, b.Fonts.Bold} {
		f, err := opentype.Parse(data)
		if err != nil {
			t.Fatal(err)
		}
		for _, size := range []float64{9, 23.5, 61} {
			face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
			if err != nil {
				t.Fatal(err)
			}
			for _, at := range []fixed.Point26_6{{X: fixed.I(-7), Y: fixed.I(40)}, {X: fixed.I(13)<<0 + 21, Y: fixed.I(52) + 5}, {X: fixed.I(250), Y: fixed.I(310)}} {
				text := "Stalin’s “Kommunist”, 1956 — ﬁfty Wavy AVA"
				ref := &font.Drawer{Dst: want, Src: image.Opaque, Face: face, Dot: at}
				ref.DrawString(text)
				d := &font.Drawer{Dst: got, Src: image.Opaque, Face: face, Dot: at}
				drawString(d, got, text)
				if d.Dot != ref.Dot {
					t.Fatalf("size %v: the dot ends at %v, the Drawer's at %v", size, d.Dot, ref.Dot)
				}
				n++
			}
			face.Close()
		}
	}
	if !bytes.Equal(got.Pix, want.Pix) {
		diff := 0
		for i := range got.Pix {
			if got.Pix[i] != want.Pix[i] {
				diff++
			}
		}
		t.Fatalf("after %d lines, %d of %d pixels differ from the Drawer's", n, diff, len(got.Pix))
	}
	if bytes.Count(want.Pix, []byte{0}) == len(want.Pix) {
		t.Fatal("nothing was drawn")
	}
}

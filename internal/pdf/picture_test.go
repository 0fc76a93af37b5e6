package pdf

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"strings"
	"testing"

	"colophon/internal/edition"
)

func encodePNG(t *testing.T, m image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// idat is a PNG's image data, its IDAT chunks joined.
func idat(t *testing.T, data []byte) []byte {
	t.Helper()
	var out []byte
	for rest := data[8:]; len(rest) >= 12; {
		n := binary.BigEndian.Uint32(rest)
		if string(rest[4:8]) == "IDAT" {
			out = append(out, rest[8:8+n]...)
		}
		rest = rest[12+n:]
	}
	return out
}

func inflate(t *testing.T, data []byte) []byte {
	t.Helper()
	r, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestPicturesForPDFA: what goes into a PDF/A file for each kind of picture. A JPEG is its own
// bytes; an opaque PNG is its own compressed data with the PNG predictors (gray, RGB, palette);
// a PNG with alpha, or 16-bit, is decoded and flattened onto white, with no SMask (PDF/A-1
// forbids transparency).
func TestPicturesForPDFA(t *testing.T) {
	rgb := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for i := range rgb.Pix {
		rgb.Pix[i] = byte(i * 7)
		if i%4 == 3 {
			rgb.Pix[i] = 255
		}
	}
	var j bytes.Buffer
	if err := jpeg.Encode(&j, rgb, nil); err != nil {
		t.Fatal(err)
	}
	x, err := forPDFA(j.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(x.data, j.Bytes()) || !strings.Contains(x.dict, "/DCTDecode") || !strings.Contains(x.dict, "/DeviceRGB") {
		t.Errorf("a JPEG is not embedded as it is: %s", x.dict)
	}

	pal := image.NewPaletted(image.Rect(0, 0, 10, 10), color.Palette{color.Gray{0}, color.Gray{255}})
	for _, c := range []struct {
		name string
		m    image.Image
		cs   string
	}{
		{"gray", image.NewGray(image.Rect(0, 0, 30, 20)), "/DeviceGray"},
		{"rgb", rgb, "/DeviceRGB"},
		{"palette", pal, "[/Indexed /DeviceRGB 1 <000000ffffff>]"},
	} {
		data := encodePNG(t, c.m)
		x, err := forPDFA(data)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(x.data, idat(t, data)) || !strings.Contains(x.dict, "/Predictor 15") || !strings.Contains(x.dict, "/ColorSpace "+c.cs) {
			t.Errorf("%s PNG: not its own data with the PNG predictors: %s", c.name, x.dict)
		}
	}

	// Alpha: a black pixel half transparent, and a fully transparent one, on white.
	nrgba := image.NewNRGBA(image.Rect(0, 0, 2, 1))
	nrgba.SetNRGBA(0, 0, color.NRGBA{0, 0, 0, 128})
	nrgba.SetNRGBA(1, 0, color.NRGBA{200, 0, 0, 0})
	x, err = forPDFA(encodePNG(t, nrgba))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(x.dict, "SMask") || !strings.Contains(x.dict, "/DeviceRGB") || strings.Contains(x.dict, "Predictor") {
		t.Errorf("a PNG with alpha: %s", x.dict)
	}
	px := inflate(t, x.data)
	if len(px) != 6 || px[0] < 125 || px[0] > 129 || px[1] != px[0] || !bytes.Equal(px[3:], []byte{255, 255, 255}) {
		t.Errorf("a PNG with alpha is not flattened onto white: %v", px)
	}

	g16 := image.NewGray16(image.Rect(0, 0, 3, 2))
	g16.SetGray16(0, 0, color.Gray16{0xffff})
	x, err = forPDFA(encodePNG(t, g16))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(x.dict, "/BitsPerComponent 8") || !strings.Contains(x.dict, "/DeviceGray") {
		t.Errorf("a 16-bit PNG is not brought to 8 bits (PDF 1.4 has no 16-bit samples): %s", x.dict)
	}
	if px := inflate(t, x.data); len(px) != 6 || px[0] != 255 || px[1] != 0 {
		t.Errorf("16-bit gray samples: %v", px)
	}
}

// TestPicturesForPDFX: a printer's file holds gray or CMYK only. A gray JPEG goes in as it is; a
// colour one is separated into CMYK; one far finer than the press prints is brought down to the
// size asked for, each output pixel the average of the pixels it covers.
func TestPicturesForPDFX(t *testing.T) {
	gray := image.NewGray(image.Rect(0, 0, 16, 16))
	var gj bytes.Buffer
	if err := jpeg.Encode(&gj, gray, nil); err != nil {
		t.Fatal(err)
	}
	x, err := separated(gj.Bytes(), 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(x.data, gj.Bytes()) || !strings.Contains(x.dict, "/DeviceGray") {
		t.Errorf("a gray JPEG is not embedded as it is: %s", x.dict)
	}
	// Left half white, right half black: brought down to 2 × 1, one white pixel and one black.
	m := image.NewRGBA(image.Rect(0, 0, 8, 4))
	for y := 0; y < 4; y++ {
		for x := 0; x < 8; x++ {
			v := uint8(255)
			if x >= 4 {
				v = 0
			}
			m.SetRGBA(x, y, color.RGBA{v, v, v, 255})
		}
	}
	x, err = separated(encodePNG(t, m), 2, 1)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(x.dict, "/Width 2 /Height 1 /ColorSpace /DeviceCMYK") {
		t.Errorf("not brought down to 2 × 1 CMYK: %s", x.dict)
	}
	px := inflate(t, x.data)
	white, black := cmyk([3]int{255, 255, 255}), cmyk([3]int{0, 0, 0})
	want := []byte{byte(white[0]*255 + 0.5), byte(white[1]*255 + 0.5), byte(white[2]*255 + 0.5), byte(white[3]*255 + 0.5),
		byte(black[0]*255 + 0.5), byte(black[1]*255 + 0.5), byte(black[2]*255 + 0.5), byte(black[3]*255 + 0.5)}
	if !bytes.Equal(px, want) {
		t.Errorf("separated pixels %v, want %v", px, want)
	}
	// More rows asked for than the picture has (pictureKey never asks so, but separated must not
	// divide by the rows it did not find): made, not a panic.
	if x, err = separated(encodePNG(t, m), 2, 5); err != nil || !strings.Contains(x.dict, "/Width 2 /Height 5 ") {
		t.Errorf("2 × 5 from a picture %d rows high: %v %v", m.Bounds().Dy(), err, x)
	}
}

// TestPNGRows: reading a PNG row by row (inflated and unfiltered as stored, never decoded whole)
// gives the pixels Go's decoder gives, flattened onto white, for every colour type and depth Go's
// encoder writes and for the bit depths below 8 a scanner may write.
func TestPNGRows(t *testing.T) {
	const w, h = 37, 23 // odd sizes: rows that end inside a byte at low depths
	val := func(x, y, k int) int { return (x*31 + y*17 + k*59 + x*y) % 256 }
	pal := color.Palette{}
	for i := 0; i < 16; i++ {
		pal = append(pal, color.NRGBA{uint8(i * 16), uint8(255 - i*16), uint8(i * 7), uint8(255 - i*10)})
	}
	cases := map[string]image.Image{}
	g, g16, rgb, rgb16, nrgba, nrgba16, p := image.NewGray(image.Rect(0, 0, w, h)), image.NewGray16(image.Rect(0, 0, w, h)),
		image.NewRGBA(image.Rect(0, 0, w, h)), image.NewRGBA64(image.Rect(0, 0, w, h)), image.NewNRGBA(image.Rect(0, 0, w, h)),
		image.NewNRGBA64(image.Rect(0, 0, w, h)), image.NewPaletted(image.Rect(0, 0, w, h), pal)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			g.SetGray(x, y, color.Gray{uint8(val(x, y, 0))})
			g16.SetGray16(x, y, color.Gray16{uint16(val(x, y, 0)) * 257})
			rgb.SetRGBA(x, y, color.RGBA{uint8(val(x, y, 0)), uint8(val(x, y, 1)), uint8(val(x, y, 2)), 255})
			rgb16.SetRGBA64(x, y, color.RGBA64{uint16(val(x, y, 0)) * 257, uint16(val(x, y, 1)) * 257, uint16(val(x, y, 2)) * 257, 0xffff})
			nrgba.SetNRGBA(x, y, color.NRGBA{uint8(val(x, y, 0)), uint8(val(x, y, 1)), uint8(val(x, y, 2)), uint8(val(x, y, 3))})
			nrgba16.SetNRGBA64(x, y, color.NRGBA64{uint16(val(x, y, 0)) * 257, uint16(val(x, y, 1)) * 257, uint16(val(x, y, 2)) * 257, uint16(val(x, y, 3)) * 257})
			p.SetColorIndex(x, y, uint8(val(x, y, 0)%16))
		}
	}
	for name, m := range map[string]image.Image{"gray8": g, "gray16": g16, "rgb8": rgb, "rgb16": rgb16, "rgba8": nrgba, "rgba16": nrgba16, "palette with alpha": p} {
		cases[name] = m
	}
	for name, m := range cases {
		data := encodePNG(t, m)
		checkRows(t, name, data)
	}
	// Gray at 1, 2 and 4 bits, which Go's encoder does not write: a PNG made by hand, its rows
	// filtered with None.
	for _, depth := range []int{1, 2, 4} {
		stride := (w*depth + 7) / 8
		var raw []byte
		for y := 0; y < h; y++ {
			row := make([]byte, stride)
			for x := 0; x < w; x++ {
				v := val(x, y, 0) % (1 << depth)
				row[x*depth/8] |= byte(v << (8 - depth - (x*depth)%8))
			}
			raw = append(append(raw, 0), row...)
		}
		data := handPNG(t, w, h, byte(depth), 0, raw)
		checkRows(t, fmt.Sprintf("gray%d", depth), data)
	}
}

func checkRows(t *testing.T, name string, data []byte) {
	t.Helper()
	want, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	src, err := pngRows(data)
	if err != nil {
		t.Fatalf("%s: not read row by row: %v", name, err)
	}
	b := want.Bounds()
	rgb := make([]byte, 3*src.w)
	for y := 0; y < src.h; y++ {
		if err := src.next(rgb); err != nil {
			t.Fatalf("%s: row %d: %v", name, y, err)
		}
		for x := 0; x < src.w; x++ {
			r, g, bl := onWhite(want.At(b.Min.X+x, b.Min.Y+y))
			for k, v := range []byte{r, g, bl} {
				if d := int(rgb[3*x+k]) - int(v); d < -1 || d > 1 {
					t.Fatalf("%s: pixel (%d, %d) sample %d is %d, Go's decoder gives %d", name, x, y, k, rgb[3*x+k], v)
				}
			}
		}
	}
}

// handPNG writes a PNG from its IHDR fields and its filtered rows.
func handPNG(t *testing.T, w, h int, depth, ctype byte, raw []byte) []byte {
	t.Helper()
	var out bytes.Buffer
	out.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, body []byte) {
		var n [4]byte
		binary.BigEndian.PutUint32(n[:], uint32(len(body)))
		out.Write(n[:])
		out.WriteString(typ)
		out.Write(body)
		binary.BigEndian.PutUint32(n[:], crc32.ChecksumIEEE(append([]byte(typ), body...)))
		out.Write(n[:])
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr, uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = depth, ctype
	chunk("IHDR", ihdr)
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(raw)
	zw.Close()
	chunk("IDAT", z.Bytes())
	chunk("IEND", nil)
	return out.Bytes()
}

// TestPicturesKeptForTheNextBuild: a rebuild (colophon watch) takes the pictures the last build
// prepared when their bytes are the same, and prepares a changed picture again; a build without
// the last one's resources shares nothing with it.
func TestPicturesKeptForTheNextBuild(t *testing.T) {
	picture := func(v uint8) *edition.Picture {
		m := image.NewRGBA(image.Rect(0, 0, 20, 10))
		for i := range m.Pix {
			m.Pix[i] = v
			if i%4 == 3 {
				m.Pix[i] = 255 // opaque: a gray of v
			}
		}
		return &edition.Picture{Path: "p.png", Data: encodePNG(t, m), Format: "png", Width: 20, Height: 10}
	}
	key := pictureKey{path: "p.png", pdfx: true}
	var last *Resources
	prepare := func(pic *edition.Picture) *xobject {
		r := NewResources(&edition.Book{}, last)
		x, err := r.picture(pic, key)
		if err != nil {
			t.Fatal(err)
		}
		last = r
		return x
	}
	first := prepare(picture(200))
	if again := prepare(picture(200)); again != first {
		t.Error("the next build prepared the same picture again")
	}
	changed := prepare(picture(100))
	if changed == first || bytes.Equal(changed.data, first.data) {
		t.Error("a changed picture was taken from the last build")
	}
	last = nil
	if alone := prepare(picture(100)); alone == changed {
		t.Error("a build with no last build took a picture from one")
	}
}

// A gray JPEG goes into a printer's file as it is even when it is far finer than the press
// prints; a colour JPEG brought down is decoded at a reduced scale (jpegscale) and comes out as
// the full decoding averaged down would, within a few levels of ink.
func TestReducedJPEGForPDFX(t *testing.T) {
	var gj bytes.Buffer
	if err := jpeg.Encode(&gj, image.NewGray(image.Rect(0, 0, 800, 600)), nil); err != nil {
		t.Fatal(err)
	}
	x, err := separated(gj.Bytes(), 100, 75)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(x.data, gj.Bytes()) || !strings.Contains(x.dict, "/Width 800 /Height 600 /ColorSpace /DeviceGray") {
		t.Errorf("a fine gray JPEG is not embedded as it is: %s", x.dict)
	}
	m := image.NewRGBA(image.Rect(0, 0, 800, 600))
	for y := 0; y < 600; y++ {
		for x := 0; x < 800; x++ {
			m.SetRGBA(x, y, color.RGBA{uint8(x * 255 / 800), uint8(y * 255 / 600), uint8((x / 50 % 2) * 200), 255})
		}
	}
	var cj bytes.Buffer
	if err := jpeg.Encode(&cj, m, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	// 150 × 112 asks for 1/4 of the picture's size (200 × 150) at most: reduced.
	src, err := reducedRows(cj.Bytes(), "jpeg", 150, 112)
	if err != nil || !src.ycc || src.w != 200 || src.h != 150 {
		t.Fatalf("reduced rows: %+v %v, want 200 × 150 YCbCr", src, err)
	}
	got, err := separated(cj.Bytes(), 150, 112)
	if err != nil {
		t.Fatal(err)
	}
	// The same picture as a PNG goes the full-size way: the reference.
	want, err := separated(encodePNG(t, m), 150, 112)
	if err != nil {
		t.Fatal(err)
	}
	if got.dict != want.dict {
		t.Fatalf("%s, want %s", got.dict, want.dict)
	}
	g, w := inflate(t, got.data), inflate(t, want.data)
	sum := 0
	for i := range g {
		sum += max(int(g[i])-int(w[i]), int(w[i])-int(g[i]))
	}
	if mean := float64(sum) / float64(len(g)); mean > 4 {
		t.Errorf("the reduced decoding's separation differs from the full one by %.1f levels on average", mean)
	}
}

// cmykBytes, the separation in whole numbers, is cmyk's within rounding.
func TestCMYKBytes(t *testing.T) {
	for r := 0; r < 256; r += 3 {
		for g := 0; g < 256; g += 5 {
			for b := 0; b < 256; b += 7 {
				k := cmyk([3]int{r, g, b})
				got := cmykBytes([3]int{r, g, b})
				for i := range got {
					if d := float64(got[i]) - k[i]*255; d > 0.5001 || d < -0.5001 {
						t.Fatalf("%d %d %d: %v, want %v", r, g, b, got, k)
					}
				}
			}
		}
	}
}

// A reciprocal divides as the division does wherever separation uses one: every quotient's
// edges (k·d − 1 and k·d) for every divisor up to 4,096 and dividend up to 255·d, and every
// dividend cmykBytes makes. A divisor past that range is divided as it is.
func TestReciprocal(t *testing.T) {
	for d := 1; d <= 4096; d++ {
		r := divisor(d)
		for k := 0; k <= 255; k++ {
			for _, x := range []int{k*d - 1, k * d, k*d + d/2} {
				if x < 0 || x > 255*d {
					continue
				}
				if got := r.div(uint64(x)); got != x/d {
					t.Fatalf("%d / %d: %d, want %d", x, d, got, x/d)
				}
			}
		}
	}
	for m := 1; m < 256; m++ {
		r := halfMax[m]
		for x := 0; x <= 510*255+255; x++ {
			if got := r.div(uint64(x)); got != x/(2*m) {
				t.Fatalf("%d / %d: %d, want %d", x, 2*m, got, x/(2*m))
			}
		}
	}
	for _, d := range []int{4097, 10000, 1 << 20} {
		for _, x := range []int{0, d - 1, d, 255*d - 1, 255 * d} {
			if got := divisor(d).div(uint64(x)); got != x/d {
				t.Fatalf("%d / %d: %d, want %d", x, d, got, x/d)
			}
		}
	}
}

// BenchmarkSeparated prepares a 4,000 × 3,000 colour scan with a grain (as scans compress, not as
// flat colour) for a printer's file at a third of its pixels, as the bench's facsimiles are.
func BenchmarkSeparated(b *testing.B) {
	// Paper with lines of ink, and ±16 levels of noise in every channel, as the bench's
	// facsimiles have (2.7 MB at quality 85).
	m := image.NewRGBA(image.Rect(0, 0, 4000, 3000))
	seed := uint32(1)
	for i := range m.Pix {
		if i%4 == 3 {
			m.Pix[i] = 255
			continue
		}
		x, y := i/4%4000, i/4/4000
		v := 225 - 10*(i%4) - x/400
		if y%60 < 6 && (x/7)%5 != 0 {
			v = 60 // a line of handwriting
		}
		seed = seed*1664525 + 1013904223
		m.Pix[i] = uint8(min(255, max(0, v+int(seed>>27)-16)))
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, m, &jpeg.Options{Quality: 85}); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(buf.Len()))
	for b.Loop() {
		if _, err := separated(buf.Bytes(), 1293, 969); err != nil {
			b.Fatal(err)
		}
	}
}

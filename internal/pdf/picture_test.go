package pdf

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"strings"
	"testing"
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
}

package jpegscale

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
)

// picture is a test image with edges, gradients and noise, w × h, in colour or gray.
func picture(w, h int, gray bool) image.Image {
	seed := uint32(3)
	noise := func() int {
		seed = seed*1664525 + 1013904223
		return int(seed>>28) - 8
	}
	px := func(x, y int) (r, g, b int) {
		r, g, b = 255*x/w, 255*y/h, 128
		if (x/37+y/23)%2 == 0 {
			r, g, b = 240-r/2, 30+g/3, 200
		}
		if (x-w/2)*(x-w/2)+(y-h/2)*(y-h/2) < w*h/16 {
			r, g, b = 20, 20, 60
		}
		return r + noise(), g + noise(), b + noise()
	}
	c8 := func(v int) uint8 { return uint8(min(255, max(0, v))) }
	if gray {
		m := image.NewGray(image.Rect(0, 0, w, h))
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				r, g, _ := px(x, y)
				m.Pix[y*m.Stride+x] = c8((r + g) / 2)
			}
		}
		return m
	}
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			r, g, b := px(x, y)
			m.Set(x, y, color.RGBA{c8(r), c8(g), c8(b), 255})
		}
	}
	return m
}

func encode(t *testing.T, m image.Image, q int) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, &jpeg.Options{Quality: q}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// reference is image/jpeg's decoding of data, each scale × scale square averaged into one RGB
// pixel: what a decoder at 1/scale should come close to.
func reference(t *testing.T, data []byte, scale int) (w, h int, rgb []float64) {
	t.Helper()
	m, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	b := m.Bounds()
	w, h = (b.Dx()+scale-1)/scale, (b.Dy()+scale-1)/scale
	rgb = make([]float64, 3*w*h)
	count := make([]float64, w*h)
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			r, g, bb, _ := m.At(x, y).RGBA()
			i := (y/scale)*w + x/scale
			rgb[3*i] += float64(r >> 8)
			rgb[3*i+1] += float64(g >> 8)
			rgb[3*i+2] += float64(bb >> 8)
			count[i]++
		}
	}
	for i := range rgb {
		rgb[i] /= count[i/3]
	}
	return w, h, rgb
}

// compare is the mean and largest absolute difference of the decoding at 1/scale from the
// reference.
func compare(t *testing.T, data []byte, scale int) (mean, worst float64) {
	t.Helper()
	m, err := Decode(data, scale)
	if err != nil {
		t.Fatalf("scale %d: %v", scale, err)
	}
	w, h, ref := reference(t, data, scale)
	if m.W != w || m.H != h {
		t.Fatalf("scale %d: %d × %d, want %d × %d", scale, m.W, m.H, w, h)
	}
	row := make([]byte, 3*m.W)
	sum := 0.0
	for y := 0; y < m.H; y++ {
		m.RowRGB(y, row)
		for x, v := range row {
			d := math.Abs(float64(v) - ref[3*y*w+x])
			sum += d
			worst = max(worst, d)
		}
	}
	return sum / float64(len(ref)), worst
}

// At every scale, in gray and in colour with each subsampling Go's encoder and a scanner's
// write, the picture decoded in the DCT domain is the full decoding averaged down: at full
// scale within a level of image/jpeg's (whose transform is in integers), and reduced within
// a few levels on average (a block's low frequencies are its mean, not exactly the mean of
// each square of pixels, at edges).
func TestAgainstImageJPEG(t *testing.T) {
	cases := map[string][]byte{
		"gray":         encode(t, picture(203, 157, true), 90),
		"colour 4:2:0": encode(t, picture(203, 157, false), 90),
		"colour q50":   encode(t, picture(160, 96, false), 50),
	}
	// Other subsamplings and restart intervals, as cjpeg writes them, when it is installed.
	if cjpeg, err := exec.LookPath("cjpeg"); err == nil {
		dir := t.TempDir()
		var ppm bytes.Buffer
		m := picture(211, 149, false)
		fmt.Fprintf(&ppm, "P6\n%d %d\n255\n", 211, 149)
		for y := 0; y < 149; y++ {
			for x := 0; x < 211; x++ {
				r, g, b, _ := m.At(x, y).RGBA()
				ppm.Write([]byte{byte(r >> 8), byte(g >> 8), byte(b >> 8)})
			}
		}
		in := filepath.Join(dir, "in.ppm")
		if err := os.WriteFile(in, ppm.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		for name, args := range map[string][]string{
			"cjpeg 4:4:4":           {"-sample", "1x1"},
			"cjpeg 4:2:2, restarts": {"-sample", "2x1", "-restart", "3B"},
			"cjpeg 4:2:0, restarts": {"-restart", "1"},
		} {
			out, err := exec.Command(cjpeg, append(append(args, "-quality", "85", "-baseline"), in)...).Output()
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			cases[name] = out
		}
	} else {
		t.Log("cjpeg (libjpeg-turbo-progs) not installed: subsamplings other than Go's encoder's and restart intervals not tested")
	}
	for name, data := range cases {
		for _, scale := range []int{1, 2, 4, 8} {
			mean, worst := compare(t, data, scale)
			limit := 3.5
			if scale == 1 {
				limit = 1.0
			}
			if mean > limit {
				t.Errorf("%s at 1/%d: mean difference %.2f levels (largest %.0f), want ≤ %.1f", name, scale, mean, worst, limit)
			}
		}
	}
}

// What the decoder does not read it says so, for the caller to use image/jpeg; damage is an
// error, never a panic.
func TestUnsupportedAndDamaged(t *testing.T) {
	data := encode(t, picture(64, 48, false), 80)
	// A progressive frame header (SOF2) instead of the baseline one.
	prog := bytes.Replace(append([]byte(nil), data...), []byte{0xff, 0xc0}, []byte{0xff, 0xc2}, 1)
	if _, err := Decode(prog, 2); err != ErrUnsupported {
		t.Errorf("a progressive JPEG: %v, want ErrUnsupported", err)
	}
	if cfg, err := DecodeConfig(prog); err != nil || cfg.Supported || cfg.W != 64 {
		t.Errorf("a progressive JPEG's config: %+v %v", cfg, err)
	}
	for cut := 2; cut < len(data); cut += 7 {
		if _, err := Decode(data[:cut], 2); err == nil {
			t.Fatalf("a JPEG cut at %d of %d bytes was read", cut, len(data))
		}
	}
	for i := 2; i < len(data); i += 5 {
		bad := append([]byte(nil), data...)
		bad[i] ^= 0x5a
		Decode(bad, 1) // must not panic
		Decode(bad, 8)
	}
}

// FuzzDecode: damaged JPEGs are errors, never panics.
//
//	go test -run '^$' -fuzz FuzzDecode ./internal/jpegscale
func FuzzDecode(f *testing.F) {
	var b bytes.Buffer
	jpeg.Encode(&b, picture(40, 24, false), &jpeg.Options{Quality: 70})
	f.Add(b.Bytes())
	b.Reset()
	jpeg.Encode(&b, picture(17, 9, true), &jpeg.Options{Quality: 70})
	f.Add(b.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			return
		}
		if cfg, err := DecodeConfig(data); err == nil && int64(cfg.W)*int64(cfg.H) > 1<<22 {
			return
		}
		Decode(data, 1)
		Decode(data, 4)
		Verify(data, 256)
	})
}

// BenchmarkDecodeHalf decodes a 4,000 × 3,000 colour JPEG at half its size, as a printer's file
// brings down a facsimile placed at a third of its pixels.
func BenchmarkDecodeHalf(b *testing.B) {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, picture(4000, 3000, false), &jpeg.Options{Quality: 85}); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := Decode(buf.Bytes(), 2); err != nil {
			b.Fatal(err)
		}
	}
}

// The fast 8 × 8 transform gives the pixels the sums over the tables give, on blocks from sparse
// to dense: at most one level apart (float rounding at a .5).
func TestIDCT8(t *testing.T) {
	seed := uint32(7)
	rnd := func(n int) int32 {
		seed = seed*1664525 + 1013904223
		return int32(seed>>8)%int32(2*n+1) - int32(n)
	}
	for trial := range 2000 {
		var coef [64]int32
		extent := 2 + trial%7 // the coefficients not zero: the first extent × extent
		for v := range extent {
			for u := range extent {
				coef[8*v+u] = rnd(400 >> (u + v) / 2)
			}
		}
		coef[0] = rnd(1000)
		var fast, sums [64]byte
		idct8(&coef, fast[:], 8)
		idctSums(&coef, 8, 8, 8, 8, sums[:], 8)
		for i := range fast {
			if d := int(fast[i]) - int(sums[i]); d < -1 || d > 1 {
				t.Fatalf("trial %d, pixel %d: fast %d, sums %d (coefficients %v)", trial, i, fast[i], sums[i], coef)
			}
		}
	}
}

// The 4 × 4 transform gives the pixels the sums over the tables give, on blocks from the mean
// alone to every coefficient: at most one level apart (float rounding at a .5).
func TestIDCT4(t *testing.T) {
	seed := uint32(11)
	rnd := func(n int) int32 {
		seed = seed*1664525 + 1013904223
		return int32(seed>>8)%int32(2*n+1) - int32(n)
	}
	for trial := range 4000 {
		var coef [64]int32
		rowsUsed := 1 + trial%4
		for v := range rowsUsed {
			for u := range 4 {
				coef[8*v+u] = rnd(600 >> (u + v) / 2)
			}
		}
		coef[0] = rnd(1100)
		var fast, sums [16]byte
		idct4(&coef, rowsUsed, fast[:], 4)
		idctSums(&coef, 4, 4, 4, rowsUsed, sums[:], 4)
		for i := range fast {
			if d := int(fast[i]) - int(sums[i]); d < -1 || d > 1 {
				t.Fatalf("trial %d, pixel %d: fast %d, sums %d (coefficients %v)", trial, i, fast[i], sums[i], coef)
			}
		}
	}
}

// scanStart is where a JPEG's first scan's entropy-coded data begins.
func scanStart(t *testing.T, data []byte) int {
	t.Helper()
	for i := 2; i+4 <= len(data); {
		ln := int(data[i+2])<<8 | int(data[i+3])
		if data[i+1] == 0xda {
			return i + 2 + ln
		}
		i += 2 + ln
	}
	t.Fatal("no scan")
	return 0
}

// TestVerify: Verify reads the first rows and stops, finds damage in them, and finds data that
// ends (at a marker) before the last row, as Decode does; a well-formed picture passes whatever
// the limit.
func TestVerify(t *testing.T) {
	for _, gray := range []bool{false, true} {
		var b bytes.Buffer
		if err := jpeg.Encode(&b, picture(640, 480, gray), &jpeg.Options{Quality: 90}); err != nil {
			t.Fatal(err)
		}
		good := b.Bytes()
		sos := scanStart(t, good)
		for _, limit := range []int{1, 4 << 10, len(good)} {
			if err := Verify(good, limit); err != nil {
				t.Errorf("gray %v, limit %d: a good JPEG: %v", gray, limit, err)
			}
		}
		// Two kilobytes of all-ones codes half way in: no Huffman table has such a code. Verify
		// stops at the first row of blocks that begins at its limit or after it.
		damaged := bytes.Clone(good)
		at := sos + (len(good)-sos)/2
		for i := at; i < at+2048; i += 2 {
			damaged[i], damaged[i+1] = 0xff, 0x00
		}
		if err := Verify(damaged, len(damaged)); err == nil {
			t.Errorf("gray %v: damage within the limit was let through", gray)
		}
		if err := Verify(damaged, (at-sos)/2); err != nil {
			t.Errorf("gray %v: damage past the limit was read: %v", gray, err)
		}
		// Cut in the middle of its data, with the end-of-image marker put back: the rows after
		// the cut would be decoded from nothing.
		cut := append(bytes.Clone(good[:sos+(len(good)-sos)/2]), 0xff, 0xd9)
		if err := Verify(cut, len(cut)); !errors.Is(err, ErrShort) {
			t.Errorf("gray %v: a scan cut short: %v, want ErrShort", gray, err)
		}
		if _, err := Decode(cut, 2); !errors.Is(err, ErrShort) {
			t.Errorf("gray %v: Decode of a scan cut short: %v, want ErrShort", gray, err)
		}
	}
}

// AddRowYCC adds what RowYCC gives, in both of its ways: planes at one resolution (a 4:2:0
// picture at half size) and chroma at half the luma's (at full size).
func TestAddRowYCC(t *testing.T) {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, picture(96, 40, false), &jpeg.Options{Quality: 80}); err != nil {
		t.Fatal(err)
	}
	for _, scale := range []int{1, 2} {
		m, err := Decode(b.Bytes(), scale)
		if err != nil {
			t.Fatal(err)
		}
		row := make([]byte, 3*m.W)
		want := make([]uint32, 3*m.W)
		got := make([]uint32, 3*m.W)
		for y := 0; y < m.H; y++ {
			m.RowYCC(y, row)
			for i, v := range row {
				want[i] += uint32(v)
			}
			m.AddRowYCC(y, got)
		}
		if !slices.Equal(got, want) {
			t.Errorf("scale %d: AddRowYCC's sums differ from RowYCC's", scale)
		}
	}
}

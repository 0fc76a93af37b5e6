package main

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"

	"image/jpeg"
	"math/rand"
	"strings"
	"testing"

	"colophon/fonts"
)

// The hostile inputs that are made rather than kept: pictures, fonts and PDFs damaged in the ways
// a careless tool or a hostile sender damages them, each as small as it can be.

// noiseJPEG is a w × h colour JPEG of noise (which compresses badly, so it has many bytes).
func noiseJPEG(t *testing.T, w, h int) []byte {
	t.Helper()
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	r := rand.New(rand.NewSource(1))
	for i := range m.Pix {
		m.Pix[i] = byte(r.Intn(256))
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// jpegClaiming is a small JPEG whose frame header claims w × h pixels: a few hundred bytes that a
// decoder would make gigabytes of.
func jpegClaiming(t *testing.T, w, h int) []byte {
	data := noiseJPEG(t, 16, 16)
	for i := 2; i+9 < len(data); {
		if data[i] != 0xff {
			t.Fatal("no frame header")
		}
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		if data[i+1] == 0xc0 {
			binary.BigEndian.PutUint16(data[i+5:], uint16(h))
			binary.BigEndian.PutUint16(data[i+7:], uint16(w))
			return data
		}
		i += 2 + n
	}
	t.Fatal("no frame header")
	return nil
}

func pngChunk(typ string, body []byte) []byte {
	c := binary.BigEndian.AppendUint32(nil, uint32(len(body)))
	c = append(c, typ...)
	c = append(c, body...)
	return binary.BigEndian.AppendUint32(c, crc32.ChecksumIEEE(c[4:]))
}

// grayPNG is a w × h 8-bit gray PNG whose image data holds only the given number of rows (h for
// an honest file), each chunk's checksum right: a header that promises more than the data holds.
func grayPNG(w, h, rows int) []byte {
	var raw bytes.Buffer
	for y := 0; y < rows; y++ {
		raw.WriteByte(0)
		raw.Write(bytes.Repeat([]byte{byte(y)}, w))
	}
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(raw.Bytes())
	zw.Close()
	ihdr := binary.BigEndian.AppendUint32(nil, uint32(w))
	ihdr = binary.BigEndian.AppendUint32(ihdr, uint32(h))
	ihdr = append(ihdr, 8, 0, 0, 0, 0)
	out := []byte("\x89PNG\r\n\x1a\n")
	out = append(out, pngChunk("IHDR", ihdr)...)
	out = append(out, pngChunk("IDAT", z.Bytes())...)
	return append(out, pngChunk("IEND", nil)...)
}

// tinyWebP is a 1 × 1 lossless WebP.
const tinyWebP = "RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00\x2f\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00"

// damagedFont is the default regular face with one table changed by fn, in place.
func damagedFont(t *testing.T, tag string, fn func(table []byte)) string {
	t.Helper()
	data := append([]byte(nil), fonts.Regular...)
	n := int(binary.BigEndian.Uint16(data[4:]))
	for i := 0; i < n; i++ {
		rec := data[12+16*i:]
		if string(rec[:4]) == tag {
			off, length := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
			fn(data[off : off+length])
			return string(data)
		}
	}
	t.Fatalf("the font has no %s table", tag)
	return ""
}

// shortenTable is the default regular face with the table directory claiming a length for a
// table.
func shortenTable(t *testing.T, tag string, length uint32) string {
	t.Helper()
	data := append([]byte(nil), fonts.Regular...)
	n := int(binary.BigEndian.Uint16(data[4:]))
	for i := 0; i < n; i++ {
		rec := data[12+16*i:]
		if string(rec[:4]) == tag {
			binary.BigEndian.PutUint32(rec[12:], length)
			return string(data)
		}
	}
	t.Fatalf("the font has no %s table", tag)
	return ""
}

// noise fills a table with the same pseudo-random bytes on every run.
func noise(b []byte) {
	r := rand.New(rand.NewSource(7))
	for i := range b {
		b[i] = byte(r.Intn(256))
	}
}

// negativeCmapIndex points the first segment of the font's format 4 cmap before its glyph array:
// go-text's cmap reader sliced at a negative index and panicked.
func negativeCmapIndex(cmap []byte) {
	for i := 0; i < int(binary.BigEndian.Uint16(cmap[2:])); i++ {
		off := int(binary.BigEndian.Uint32(cmap[4+8*i+4:]))
		if binary.BigEndian.Uint16(cmap[off:]) != 4 {
			continue
		}
		segs := int(binary.BigEndian.Uint16(cmap[off+6:])) / 2
		idRangeOffsets := off + 14 + 2*segs + 2 + 4*segs
		binary.BigEndian.PutUint16(cmap[idRangeOffsets:], 2)
		return
	}
}

// fontBook is a book.yaml setting the edition in fonts/x.ttf alone.
const fontBook = "title: T\nlanguage: en\ndate: 2026-01-01\nfonts:\n  regular: fonts/x.ttf\n  italic: regular\n  bold: regular\n  bold_italic: regular\n"

// minimalPDF writes a one-page PDF whose page content is the given stream dictionary entries and
// data, with extra added to the trailer; objects are numbered 1 (catalog), 2 (pages), 3 (page),
// 4 (content), and 5, 6… the extra objects given.
func minimalPDF(streamDict string, stream []byte, trailer string, extra ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	var offs []int
	obj := func(body string, data []byte) {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s", len(offs), body)
		if data != nil {
			b.WriteString("\nstream\n")
			b.Write(data)
			b.WriteString("\nendstream")
		}
		b.WriteString("\nendobj\n")
	}
	obj("<< /Type /Catalog /Pages 2 0 R >>", nil)
	obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>", nil)
	obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 595] /TrimBox [0 0 420 595] /BleedBox [0 0 420 595] /Contents 4 0 R /Resources << >> >>", nil)
	obj(fmt.Sprintf("<< /Length %d %s >>", len(stream), streamDict), stream)
	for _, e := range extra {
		obj(e, nil)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, trailer, xref)
	return b.Bytes()
}

// flateBomb is a zlib stream of n MB of zeros, made by repeating one flushed deflate block of a
// megabyte of zeros (which refers back only to zeros), so making it costs nothing.
func flateBomb(n int) []byte {
	var block bytes.Buffer
	fw, _ := flate.NewWriter(&block, flate.BestCompression)
	fw.Write(make([]byte, 1<<20))
	fw.Flush()
	one := append([]byte(nil), block.Bytes()...)
	out := []byte{0x78, 0xda}
	out = append(out, bytes.Repeat(one, n)...)
	out = append(out, 0x03, 0x00) // a final, empty fixed block
	// Adler-32 of n MB of zeros: a = 1, b = the length.
	return binary.BigEndian.AppendUint32(out, uint32((n<<20)%65521)<<16|1)
}

// deep is s repeated n times.
func deep(s string, n int) string { return strings.Repeat(s, n) }

package pdf

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"io"

	"github.com/klauspost/compress/zlib"

	"colophon/internal/jpegscale"
)

// rowSource gives a picture's pixels a row at a time, as 8-bit RGB flattened onto white: what the
// pictures that must be re-encoded (a PNG with alpha for PDF/A, any colour picture for a printer's
// file) are read through.
type rowSource struct {
	w, h int
	gray bool                   // every pixel is gray: written as one sample, not three
	ycc  bool                   // the rows are YCbCr, not RGB (reducedRows)
	next func(rgb []byte) error // fills the next row, 3 × w bytes
	// release, when not nil, gives back what the rows were read from, after the last row.
	release func()
	// add, when not nil, adds the next row into sums (3 × w) instead of giving it.
	add func(sums []uint32)
}

// pictureRows reads a picture row by row. A PNG that is not interlaced is read as it is stored —
// inflated and unfiltered a row at a time — so a 6,000 × 8,000 scan never stands in memory as
// 192 MB of RGBA; anything else (a JPEG, which Go decodes only whole) is decoded first.
func pictureRows(data []byte) (*rowSource, error) {
	if src, err := pngRows(data); err == nil {
		return src, nil
	} else if !errors.Is(err, errNotStreamable) {
		return nil, err
	}
	m, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	b := m.Bounds()
	y := b.Min.Y
	return &rowSource{w: b.Dx(), h: b.Dy(), gray: isGray(m), next: func(rgb []byte) error {
		rowRGB(m, y, rgb)
		y++
		return nil
	}}, nil
}

var errNotStreamable = errors.New("not a PNG that can be read row by row")

// pngInfo is what a PNG's chunks say: its header, palette, transparency and image data.
type pngInfo struct {
	w, h         int
	depth, ctype byte
	interlaced   bool
	plte, trns   []byte
	idat         [][]byte
}

// readPNG reads a PNG's chunks; ok is false for anything that is not a whole, undamaged PNG
// (which is then left to Go's decoder to report).
func readPNG(data []byte) (*pngInfo, bool) {
	const sig = "\x89PNG\r\n\x1a\n"
	if !bytes.HasPrefix(data, []byte(sig)) {
		return nil, false
	}
	info := &pngInfo{}
	seen := false
	for rest := data[len(sig):]; len(rest) >= 12; {
		n := binary.BigEndian.Uint32(rest)
		if uint64(n)+12 > uint64(len(rest)) {
			return nil, false
		}
		body := rest[8 : 8+n]
		if crc32.ChecksumIEEE(rest[4:8+n]) != binary.BigEndian.Uint32(rest[8+n:]) {
			return nil, false
		}
		switch string(rest[4:8]) {
		case "IHDR":
			if n != 13 {
				return nil, false
			}
			info.w, info.h = int(binary.BigEndian.Uint32(body)), int(binary.BigEndian.Uint32(body[4:]))
			info.depth, info.ctype, info.interlaced, seen = body[8], body[9], body[12] != 0, true
		case "PLTE":
			info.plte = body
		case "tRNS":
			info.trns = body
		case "IDAT":
			info.idat = append(info.idat, body)
		case "IEND":
			return info, seen && len(info.idat) > 0 && info.w > 0 && info.h > 0
		}
		rest = rest[12+n:]
	}
	return info, seen && len(info.idat) > 0 && info.w > 0 && info.h > 0
}

// pngRows reads a non-interlaced PNG of any colour type and bit depth row by row.
func pngRows(data []byte) (*rowSource, error) {
	info, ok := readPNG(data)
	if !ok {
		return nil, errNotStreamable
	}
	w, h, depth, ctype, plte, trns, idat, interlaced := info.w, info.h, info.depth, info.ctype, info.plte, info.trns, info.idat, info.interlaced
	channels := map[byte]int{0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[ctype]
	if interlaced || channels == 0 || (depth != 8 && depth != 16 && !(depth < 8 && (ctype == 0 || ctype == 3))) {
		return nil, errNotStreamable
	}
	if len(trns) > 0 && (ctype == 0 || ctype == 2) {
		return nil, errNotStreamable // one colour made transparent: rare, left to Go's decoder
	}
	zr, err := zlib.NewReader(io.MultiReader(readers(idat)...))
	if err != nil {
		return nil, err
	}
	bpp := max(1, channels*int(depth)/8) // bytes per complete pixel, for the filters
	stride := (w*channels*int(depth) + 7) / 8
	cur, prev := make([]byte, stride+1), make([]byte, stride+1)
	gray := ctype == 0 || ctype == 4
	if ctype == 3 {
		gray = true
		for i := 0; i+2 < len(plte); i += 3 {
			if plte[i] != plte[i+1] || plte[i] != plte[i+2] {
				gray = false
			}
		}
	}
	sample := func(row []byte, i int) int { // the i-th sample of the row, as 8 bits
		switch depth {
		case 16:
			return int(row[2*i])
		case 8:
			return int(row[i])
		}
		per := 8 / int(depth)
		v := int(row[i/per]>>(8-int(depth)*(i%per+1))) & (1<<depth - 1)
		if ctype == 3 {
			return v // a palette index
		}
		return v * 255 / (1<<depth - 1)
	}
	return &rowSource{w: w, h: h, gray: gray, next: func(rgb []byte) error {
		cur, prev = prev, cur
		if _, err := io.ReadFull(zr, cur); err != nil {
			return err
		}
		if err := unfilter(cur[0], cur[1:], prev[1:], bpp); err != nil {
			return err
		}
		row := cur[1:]
		for x := 0; x < w; x++ {
			var r, g, b, a int
			switch ctype {
			case 0:
				r = sample(row, x)
				g, b, a = r, r, 255
			case 2:
				r, g, b, a = sample(row, 3*x), sample(row, 3*x+1), sample(row, 3*x+2), 255
			case 3:
				i := sample(row, x)
				if 3*i+2 >= len(plte) {
					return errors.New("palette index out of range")
				}
				r, g, b, a = int(plte[3*i]), int(plte[3*i+1]), int(plte[3*i+2]), 255
				if i < len(trns) {
					a = int(trns[i])
				}
			case 4:
				r, a = sample(row, 2*x), sample(row, 2*x+1)
				g, b = r, r
			case 6:
				r, g, b, a = sample(row, 4*x), sample(row, 4*x+1), sample(row, 4*x+2), sample(row, 4*x+3)
			}
			// Straight (not premultiplied) alpha, over white.
			rgb[3*x] = byte((r*a + 255*(255-a) + 127) / 255)
			rgb[3*x+1] = byte((g*a + 255*(255-a) + 127) / 255)
			rgb[3*x+2] = byte((b*a + 255*(255-a) + 127) / 255)
		}
		return nil
	}}, nil
}

func readers(parts [][]byte) []io.Reader {
	rs := make([]io.Reader, len(parts))
	for i, p := range parts {
		rs[i] = bytes.NewReader(p)
	}
	return rs
}

// unfilter undoes a PNG row's filter in place, given the row above (zeros for the first).
func unfilter(filter byte, cur, prev []byte, bpp int) error {
	switch filter {
	case 0:
	case 1: // Sub
		for i := bpp; i < len(cur); i++ {
			cur[i] += cur[i-bpp]
		}
	case 2: // Up
		for i := range cur {
			cur[i] += prev[i]
		}
	case 3: // Average
		for i := range cur {
			left := 0
			if i >= bpp {
				left = int(cur[i-bpp])
			}
			cur[i] += byte((left + int(prev[i])) / 2)
		}
	case 4: // Paeth
		for i := range cur {
			var a, c int
			if i >= bpp {
				a, c = int(cur[i-bpp]), int(prev[i-bpp])
			}
			cur[i] += paeth(a, int(prev[i]), c)
		}
	default:
		return errors.New("bad PNG row filter")
	}
	return nil
}

func paeth(a, b, c int) byte {
	p := a + b - c
	pa, pb, pc := abs(p-a), abs(p-b), abs(p-c)
	switch {
	case pa <= pb && pa <= pc:
		return byte(a)
	case pb <= pc:
		return byte(b)
	}
	return byte(c)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// reducedRows reads a picture for a printer's file that needs it at cols × rows at least (0:
// at its own size). A colour JPEG larger than that is decoded at the smallest of 1/2, 1/4 and
// 1/8 of its size that still has those pixels, in the DCT domain (internal/jpegscale), and its
// rows are given in YCbCr (ycc), to be brought down before their colours are converted; any
// other picture, and a JPEG that decoder does not read (progressive ones), as pictureRows
// reads it.
func reducedRows(data []byte, format string, cols, rows int) (*rowSource, error) {
	if format != "jpeg" || cols <= 0 || rows <= 0 {
		return pictureRows(data)
	}
	cfg, err := jpegscale.DecodeConfig(data)
	if err != nil || !cfg.Supported || cfg.Components != 3 {
		return pictureRows(data)
	}
	scale := 1
	for s := 2; s <= 8; s *= 2 {
		if (cfg.W+s-1)/s >= cols && (cfg.H+s-1)/s >= rows {
			scale = s
		}
	}
	if scale == 1 {
		return pictureRows(data) // image/jpeg's full-size decoding is the faster
	}
	m, err := jpegscale.Decode(data, scale)
	if err != nil {
		return nil, err
	}
	y := 0
	return &rowSource{w: m.W, h: m.H, ycc: true, next: func(dst []byte) error {
		m.RowYCC(y, dst)
		y++
		return nil
	}, release: m.Release, add: func(sums []uint32) {
		m.AddRowYCC(y, sums)
		y++
	}}, nil
}

// yccRGB converts a YCbCr colour to RGB as JFIF does, in 16.16 fixed point.
func yccRGB(y, cb, cr int) (r, g, b int) {
	y, cb, cr = y<<16+1<<15, cb-128, cr-128
	return min(255, max(0, (y+91881*cr)>>16)), min(255, max(0, (y-22554*cb-46802*cr)>>16)), min(255, max(0, (y+116130*cb)>>16))
}

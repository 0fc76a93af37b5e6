// Package jpegscale decodes a baseline JPEG at a reduced scale — 1/2, 1/4 or 1/8 of its size —
// in the DCT domain: each 8 × 8 block's low-frequency coefficients are inverse-transformed at
// 4 × 4, 2 × 2 or 1 × 1, so a picture is never decoded at its full size to be shrunk after. A
// printer's file needs a 4,000 × 3,000 scan at the 300 ppi of its placed size, often a third of
// its pixels or fewer; Go's image/jpeg decodes only whole pictures, and no pure-Go decoder with
// scaled output is served by the module proxy (the ones that scale, govips and bimg, call
// libvips through cgo), so this one is colophon's.
//
// It reads what scanners and cameras write: baseline and extended sequential Huffman-coded
// JPEGs of 8-bit samples, gray or YCbCr, any chroma subsampling, with restart intervals.
// Progressive, lossless, arithmetic-coded, 12-bit, CMYK and RGB-coded JPEGs are ErrUnsupported,
// for the caller to read with image/jpeg.
package jpegscale

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"sync"
)

// ErrUnsupported is a JPEG of a kind this decoder does not read (see the package comment).
var ErrUnsupported = errors.New("jpegscale: a kind of JPEG this decoder does not read")

// Image is a decoded picture: gray (one plane) or YCbCr (three), each plane at its own
// resolution as the file subsamples it.
type Image struct {
	W, H   int // the picture at its reduced size
	Planes []Plane
	// HMax, VMax are the largest sampling factors: plane c's pixel for picture pixel (x, y) is
	// at (x·H/HMax, y·V/VMax).
	HMax, VMax int
}

// Plane is one component's samples.
type Plane struct {
	H, V   int // sampling factors
	Stride int
	Pix    []byte
}

// At returns component c's sample for picture pixel (x, y).
func (m *Image) At(c, x, y int) byte {
	p := &m.Planes[c]
	return p.Pix[(y*p.V/m.VMax)*p.Stride+x*p.H/m.HMax]
}

// RowRGB writes picture row y as RGB into dst (3·W bytes), converting YCbCr as JFIF does.
func (m *Image) RowRGB(y int, dst []byte) {
	if len(m.Planes) == 1 {
		p := &m.Planes[0]
		row := p.Pix[y*p.Stride:]
		for x := 0; x < m.W; x++ {
			v := row[x]
			dst[3*x], dst[3*x+1], dst[3*x+2] = v, v, v
		}
		return
	}
	py, pb, pr := &m.Planes[0], &m.Planes[1], &m.Planes[2]
	yr := py.Pix[(y*py.V/m.VMax)*py.Stride:]
	br := pb.Pix[(y*pb.V/m.VMax)*pb.Stride:]
	rr := pr.Pix[(y*pr.V/m.VMax)*pr.Stride:]
	for x := 0; x < m.W; x++ {
		yy := int32(yr[x*py.H/m.HMax]) << 16
		cb := int32(br[x*pb.H/m.HMax]) - 128
		cr := int32(rr[x*pr.H/m.HMax]) - 128
		// JFIF's conversion in 16.16 fixed point: R = Y + 1.402 Cr, G = Y − 0.34414 Cb − 0.71414 Cr,
		// B = Y + 1.772 Cb.
		dst[3*x] = clamp((yy + 91881*cr + 1<<15) >> 16)
		dst[3*x+1] = clamp((yy - 22554*cb - 46802*cr + 1<<15) >> 16)
		dst[3*x+2] = clamp((yy + 116130*cb + 1<<15) >> 16)
	}
}

// RowYCC writes picture row y of a colour picture as its Y, Cb and Cr samples into dst (3·W
// bytes), each plane's sample for the pixel.
func (m *Image) RowYCC(y int, dst []byte) {
	yr, br, rr, aligned := m.planeRows(y)
	if aligned {
		dst = dst[:3*m.W]
		for x := range yr {
			d := dst[3*x : 3*x+3 : 3*x+3]
			d[0], d[1], d[2] = yr[x], br[x], rr[x]
		}
		return
	}
	py, pb, pr := &m.Planes[0], &m.Planes[1], &m.Planes[2]
	for x := 0; x < m.W; x++ {
		dst[3*x], dst[3*x+1], dst[3*x+2] = yr[x*py.H/m.HMax], br[x*pb.H/m.HMax], rr[x*pr.H/m.HMax]
	}
}

// AddRowYCC adds picture row y of a colour picture, as RowYCC gives it, into sum (3·W values):
// a picture brought down sums its rows without copying each first.
func (m *Image) AddRowYCC(y int, sum []uint32) {
	yr, br, rr, aligned := m.planeRows(y)
	if aligned {
		sum = sum[:3*m.W]
		for x := range yr {
			d := sum[3*x : 3*x+3 : 3*x+3]
			d[0] += uint32(yr[x])
			d[1] += uint32(br[x])
			d[2] += uint32(rr[x])
		}
		return
	}
	py, pb, pr := &m.Planes[0], &m.Planes[1], &m.Planes[2]
	for x := 0; x < m.W; x++ {
		sum[3*x] += uint32(yr[x*py.H/m.HMax])
		sum[3*x+1] += uint32(br[x*pb.H/m.HMax])
		sum[3*x+2] += uint32(rr[x*pr.H/m.HMax])
	}
}

// planeRows are the Y, Cb and Cr planes' rows that picture row y reads. aligned says every plane
// is at the picture's resolution across (as a 4:2:0 picture's are at half size): then pixel x is
// sample x of each, no division a pixel, and the rows are cut to the picture's width.
func (m *Image) planeRows(y int) (yr, br, rr []byte, aligned bool) {
	py, pb, pr := &m.Planes[0], &m.Planes[1], &m.Planes[2]
	yr = py.Pix[(y*py.V/m.VMax)*py.Stride:]
	br = pb.Pix[(y*pb.V/m.VMax)*pb.Stride:]
	rr = pr.Pix[(y*pr.V/m.VMax)*pr.Stride:]
	if py.H == m.HMax && pb.H == m.HMax && pr.H == m.HMax {
		return yr[:m.W], br[:m.W], rr[:m.W], true
	}
	return yr, br, rr, false
}

func clamp(v int32) byte {
	if uint32(v) <= 255 {
		return byte(v)
	}
	if v < 0 {
		return 0
	}
	return 255
}

// Config is what a JPEG's headers say, read without decoding.
type Config struct {
	W, H       int
	Components int
	// Supported is whether Decode reads it.
	Supported bool
}

// MaxPixels bounds the picture Decode reads, as the rest of colophon bounds pictures.
const MaxPixels = 1 << 28

type component struct {
	index        int // in the frame
	id, h, v, tq int
	td, ta       int // the scan's Huffman tables
	// nx, ny are the pixels each block gives across and down: 8/scale for the components
	// at full resolution, more for subsampled ones (up to 8), so that the planes come out
	// at one resolution where they can, as libjpeg's scaled decoding does — chroma at half the
	// luma's, shrunk again by the same scale, would mix colours across every edge.
	nx, ny int
	pred   int32
	// at[k] says where zigzag coefficient k goes, in its low byte: its natural position in the
	// block when it lies in the top-left nx × ny the transform reads, else 64, a slot past them
	// that nothing reads (so that a dropped coefficient costs no branch). Bits 8 to 15 and 16 to
	// 23 are its column's and row's bit when kept, none when not: OR-ed together over a block's
	// coefficients they give the extent the transform visits.
	at [64]uint32
}

type decoder struct {
	data   []byte
	w, h   int
	comps  []component
	q      [4][64]int32
	dc, ac [4]*huffman
	ri     int // restart interval, in MCUs
	hmax   int
	vmax   int
	n      int // output pixels per block side: 8/scale
	planes []Plane
	frame  bool
	adobe  bool
	transf int
	unsup  bool
	// the entropy-coded data's reader
	pos   int
	bits  uint64 // the next bits, from the top
	nbits int
	// marker is a marker met in the entropy-coded data (RST or the end), 0 while none.
	marker byte
	// pad is how many of the bit buffer's last bits are the zeros fill feeds past a marker or
	// the data's end: a block that reads into them was cut short.
	pad int
	// limit, when not 0, is where Verify stops reading the first scan's data.
	limit int
}

// errEnough stops Verify's scan at its limit; it is never returned.
var errEnough = errors.New("jpegscale: enough read")

// DecodeConfig reads a JPEG's headers.
func DecodeConfig(data []byte) (Config, error) {
	d := &decoder{data: data}
	if err := d.headers(false); err != nil {
		return Config{}, err
	}
	return Config{W: d.w, H: d.h, Components: len(d.comps), Supported: !d.unsup && d.checkTransform()}, nil
}

// Verify reads a JPEG as Decode does, at 1/8 of its size, up to the first limit bytes of its
// first scan's entropy-coded data (all of it when the scan is shorter), and says whether what it
// read is well formed: its headers, and each block's Huffman codes up to there. A check of a
// source picture asks this of every picture, before anything is built, at a few milliseconds
// each and without a full-size image in memory; the picture's end is the caller's to check.
// A JPEG of a kind Decode does not read is ErrUnsupported.
func Verify(data []byte, limit int) error {
	d := &decoder{data: data, n: 1, limit: max(limit, 1)}
	if err := d.headers(true); err != nil {
		return err
	}
	if !d.frame {
		return errors.New("jpegscale: no frame")
	}
	if d.planes == nil {
		return errors.New("jpegscale: no image data")
	}
	return nil
}

// Decode decodes a JPEG at 1/scale of its size (scale 1, 2, 4 or 8), its size rounded up.
func Decode(data []byte, scale int) (*Image, error) {
	n := 0
	switch scale {
	case 1, 2, 4, 8:
		n = 8 / scale
	default:
		return nil, fmt.Errorf("jpegscale: scale %d is not 1, 2, 4 or 8", scale)
	}
	d := &decoder{data: data, n: n}
	err := d.headers(true)
	if err == nil && !d.frame {
		err = errors.New("jpegscale: no frame")
	}
	if err == nil && d.planes == nil {
		err = errors.New("jpegscale: no image data")
	}
	m := &Image{W: (d.w*n + 7) / 8, H: (d.h*n + 7) / 8, Planes: d.planes, HMax: d.hmax * n, VMax: d.vmax * n}
	if err != nil {
		m.Release()
		return nil, err
	}
	return m, nil
}

// planes holds the planes of pictures Released, for the next Decode: a printer's file with
// twenty facsimiles decoded 150 MB of planes, 7 MB at a time, and the collector let the heap
// grow by as much before it took them back.
var planes sync.Pool // of *[]byte

// takePix is a plane's samples, cleared: a released plane's when one is large enough.
func takePix(n int) []byte {
	if p, ok := planes.Get().(*[]byte); ok && cap(*p) >= n {
		b := (*p)[:n]
		clear(b) // a scan of one component need not cover a plane's padding
		return b
	}
	return make([]byte, n)
}

// Release gives the picture's planes back for another Decode to use; m is not to be read after.
func (m *Image) Release() {
	for i := range m.Planes {
		if b := m.Planes[i].Pix; cap(b) > 0 {
			planes.Put(&b)
		}
		m.Planes[i].Pix = nil
	}
}

// headers reads the markers in order; with scans set it decodes each scan as it is met.
func (d *decoder) headers(scans bool) error {
	b := d.data
	if len(b) < 2 || b[0] != 0xff || b[1] != 0xd8 {
		return errors.New("jpegscale: not a JPEG")
	}
	i := 2
	for {
		for i < len(b) && b[i] == 0xff && i+1 < len(b) && b[i+1] == 0xff {
			i++ // fill bytes
		}
		if i+2 > len(b) {
			return errors.New("jpegscale: the file ends before its end marker")
		}
		if b[i] != 0xff {
			return fmt.Errorf("jpegscale: no marker at byte %d", i)
		}
		m := b[i+1]
		i += 2
		if m == 0xd9 { // EOI
			return nil
		}
		if m >= 0xd0 && m <= 0xd7 || m == 0x01 {
			continue // stray RST or TEM: no segment
		}
		if i+2 > len(b) {
			return errors.New("jpegscale: the file ends inside a marker")
		}
		ln := int(binary.BigEndian.Uint16(b[i:]))
		if ln < 2 || i+ln > len(b) {
			return errors.New("jpegscale: a segment runs past the end of the file")
		}
		seg := b[i+2 : i+ln]
		i += ln
		var err error
		switch {
		case m == 0xc0 || m == 0xc1: // baseline, extended sequential
			err = d.sof(seg)
		case m >= 0xc2 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc:
			d.unsup = true // progressive, lossless, hierarchical, arithmetic
			if err := d.sofSize(seg); err != nil {
				return err
			}
			if !scans {
				return nil
			}
			return ErrUnsupported
		case m == 0xc4:
			err = d.dht(seg)
		case m == 0xdb:
			err = d.dqt(seg)
		case m == 0xdd:
			if len(seg) < 2 {
				return errors.New("jpegscale: a short DRI segment")
			}
			d.ri = int(binary.BigEndian.Uint16(seg))
		case m == 0xee: // Adobe APP14: its transform says whether 3 components are YCbCr
			if len(seg) >= 12 && string(seg[:5]) == "Adobe" {
				d.adobe, d.transf = true, int(seg[11])
			}
		case m == 0xda:
			if !d.frame {
				return errors.New("jpegscale: a scan before the frame header")
			}
			if d.unsup {
				return ErrUnsupported
			}
			if !scans {
				return nil
			}
			d.pos = i
			if d.limit > 0 {
				d.limit += i // Verify's limit counts from the scan's data
			}
			if err := d.sos(seg); err != nil {
				if err == errEnough {
					return nil
				}
				return err
			}
			i = d.pos
		}
		if err != nil {
			return err
		}
		if !scans && d.frame {
			return nil // DecodeConfig: the frame header says all it asks
		}
	}
}

func (d *decoder) sofSize(seg []byte) error {
	if len(seg) < 6 {
		return errors.New("jpegscale: a short frame header")
	}
	d.h, d.w = int(binary.BigEndian.Uint16(seg[1:])), int(binary.BigEndian.Uint16(seg[3:]))
	d.comps = make([]component, int(seg[5]))
	d.frame = true
	return nil
}

func (d *decoder) sof(seg []byte) error {
	if d.frame {
		return errors.New("jpegscale: two frame headers")
	}
	if err := d.sofSize(seg); err != nil {
		return err
	}
	nc := len(d.comps)
	if len(seg) < 6+3*nc {
		return errors.New("jpegscale: a short frame header")
	}
	if seg[0] != 8 {
		d.unsup = true // 12-bit samples
	}
	if d.w <= 0 || d.h <= 0 {
		return errors.New("jpegscale: a picture without pixels (or with its height in a DNL marker)")
	}
	if int64(d.w)*int64(d.h) > MaxPixels {
		return fmt.Errorf("jpegscale: %d × %d pixels is more than this decoder reads", d.w, d.h)
	}
	switch nc {
	case 1, 3:
	default:
		d.unsup = true // CMYK and other component counts
	}
	for k := range d.comps {
		c := &d.comps[k]
		c.index = k
		c.id, c.h, c.v, c.tq = int(seg[6+3*k]), int(seg[7+3*k]>>4), int(seg[7+3*k]&15), int(seg[8+3*k])
		if c.h < 1 || c.h > 4 || c.v < 1 || c.v > 4 || c.tq > 3 {
			return errors.New("jpegscale: a component with bad sampling factors or quantisation table")
		}
		d.hmax, d.vmax = max(d.hmax, c.h), max(d.vmax, c.v)
	}
	if nc == 1 {
		// A gray picture's one component is its own MCU, whatever factors it states.
		d.comps[0].h, d.comps[0].v, d.hmax, d.vmax = 1, 1, 1, 1
	}
	if nc == 3 && (d.comps[0].id == 'R' && d.comps[1].id == 'G' && d.comps[2].id == 'B') {
		d.unsup = true // RGB-coded
	}
	for _, c := range d.comps {
		if !pow2(d.hmax/c.h) || !pow2(d.vmax/c.v) || d.hmax%c.h != 0 || d.vmax%c.v != 0 {
			d.unsup = true // subsampling by three, or by a fraction: image/jpeg's to read
		}
	}
	return nil
}

func pow2(n int) bool { return n > 0 && n&(n-1) == 0 }

// checkTransform refuses a three-component JPEG that Adobe's marker says is RGB.
func (d *decoder) checkTransform() bool {
	return !(len(d.comps) == 3 && d.adobe && d.transf == 0)
}

func (d *decoder) dqt(seg []byte) error {
	for len(seg) > 0 {
		pq, tq := seg[0]>>4, seg[0]&15
		if tq > 3 {
			return errors.New("jpegscale: a quantisation table numbered over 3")
		}
		n := 64
		if pq != 0 {
			n = 128
		}
		if len(seg) < 1+n {
			return errors.New("jpegscale: a short quantisation table")
		}
		for k := 0; k < 64; k++ {
			if pq == 0 {
				d.q[tq][k] = int32(seg[1+k])
			} else {
				d.q[tq][k] = int32(binary.BigEndian.Uint16(seg[1+2*k:]))
			}
		}
		seg = seg[1+n:]
	}
	return nil
}

// huffman is a decoding table: codes of up to lookBits bits are looked up at once, longer ones
// found by their length's first code.
type huffman struct {
	look [1 << lookBits]uint16 // value<<8 | length; 0: longer than lookBits
	// fast, for an AC table, decodes a code and the coefficient's bits after it at once where
	// both fit in lookBits (most of a scan's): value<<16 | run<<8 | bits used; 0: not so. The
	// end of a block (EOB) is endOfBlock | bits used, so that it too costs no call.
	fast    [1 << lookBits]int32
	maxcode [18]int32
	valptr  [17]int32
	mincode [17]int32
	vals    []byte
}

const lookBits = 10

func (d *decoder) dht(seg []byte) error {
	for len(seg) > 0 {
		if len(seg) < 17 {
			return errors.New("jpegscale: a short Huffman table")
		}
		tc, th := seg[0]>>4, seg[0]&15
		if tc > 1 || th > 3 {
			return errors.New("jpegscale: a Huffman table of a bad class or number")
		}
		var counts [17]int
		total := 0
		for l := 1; l <= 16; l++ {
			counts[l] = int(seg[l])
			total += counts[l]
		}
		if total > 256 || len(seg) < 17+total {
			return errors.New("jpegscale: a Huffman table of bad length")
		}
		h := &huffman{vals: append([]byte(nil), seg[17:17+total]...)}
		code, k := int32(0), int32(0)
		for l := 1; l <= 16; l++ {
			if int(code)+counts[l] > 1<<l {
				return errors.New("jpegscale: a Huffman table with too many codes")
			}
			h.valptr[l] = k
			h.mincode[l] = code
			for j := 0; j < counts[l]; j++ {
				if l <= lookBits {
					// every lookBits-bit word starting with this code
					shift := lookBits - l
					for w := code << shift; w < (code+1)<<shift; w++ {
						h.look[w] = uint16(h.vals[k])<<8 | uint16(l)
					}
				}
				code++
				k++
			}
			if counts[l] > 0 {
				h.maxcode[l] = code - 1
			} else {
				h.maxcode[l] = -1
			}
			code <<= 1
		}
		h.maxcode[17] = math.MaxInt32
		for w := range h.fast {
			e := h.look[w]
			l := int(e & 0xff)
			rs := int(e >> 8)
			r, sz := rs>>4, rs&15
			if l != 0 && rs == 0 && tc == 1 {
				h.fast[w] = endOfBlock | int32(l)
				continue
			}
			if l == 0 || sz == 0 || l+sz > lookBits {
				continue
			}
			v := int32(w>>(lookBits-l-sz)) & (1<<sz - 1)
			if v < 1<<(sz-1) {
				v += (-1 << sz) + 1
			}
			h.fast[w] = v<<16 | int32(r)<<8 | int32(l+sz)
		}
		if tc == 0 {
			d.dc[th] = h
		} else {
			d.ac[th] = h
		}
		seg = seg[17+total:]
	}
	return nil
}

// endOfBlock marks a fast entry that ends the block (huffman.fast): a bit above any run.
const endOfBlock = 1 << 15

var errData = errors.New("jpegscale: damaged image data")

// fill tops the bit buffer up to at least 57 bits; past a marker it feeds zeros, which a
// well-formed scan never reads. Where the bytes it needs hold no 0xff (no stuffed byte and no
// marker) they go in at once; otherwise a byte at a time.
func (d *decoder) fill() {
	if d.marker == 0 && d.pos+8 <= len(d.data) && d.nbits <= 56 {
		n := (64 - d.nbits) / 8 // whole bytes that fit
		w := binary.BigEndian.Uint64(d.data[d.pos:])
		// y is 0 in a byte where w is 0xff; the bytes after the first n are made not 0 in y, so
		// only those n are asked about (a borrow from a low byte is not possible then).
		low := uint64(1)<<(64-8*n) - 1
		if y := ^w | low; (y-0x0101010101010101)&^y&0x8080808080808080 == 0 {
			d.bits |= w &^ low >> d.nbits
			d.nbits += 8 * n
			d.pos += n
			return
		}
	}
	for d.nbits <= 56 {
		var c byte
		read := false
		if d.marker == 0 && d.pos < len(d.data) {
			c = d.data[d.pos]
			if c == 0xff {
				if d.pos+1 >= len(d.data) {
					d.marker = 0xd9
					c = 0
				} else if nx := d.data[d.pos+1]; nx == 0 {
					d.pos += 2
					read = true
				} else if nx == 0xff {
					d.pos++ // a fill byte before a marker
					continue
				} else {
					d.marker = nx
					c = 0
				}
			} else {
				d.pos++
				read = true
			}
		} else if d.marker == 0 {
			d.marker = 0xd9 // the data ended without one
		}
		if !read {
			d.pad += 8
		}
		d.bits |= uint64(c) << (56 - d.nbits)
		d.nbits += 8
	}
}

// ErrShort is a scan whose data ends (at a marker or the file's end) before its last block.
var ErrShort = errors.New("jpegscale: the image data ends before its last row")

// decode reads one Huffman-coded value.
func (d *decoder) decode(h *huffman) (byte, error) {
	if d.nbits < 16 {
		d.fill()
	}
	if e := h.look[d.bits>>(64-lookBits)]; e != 0 {
		l := int(e & 0xff)
		d.bits <<= l
		d.nbits -= l
		return byte(e >> 8), nil
	}
	code := int32(d.bits >> (64 - lookBits))
	for l := lookBits; l <= 16; l++ {
		if code <= h.maxcode[l] {
			v := h.vals[h.valptr[l]+code-h.mincode[l]]
			d.bits <<= l
			d.nbits -= l
			return v, nil
		}
		code = int32(d.bits >> (63 - l))
	}
	return 0, errData
}

// receive reads s bits as a signed value (JPEG's EXTEND).
func (d *decoder) receive(s int) int32 {
	if s == 0 {
		return 0
	}
	if d.nbits < s {
		d.fill()
	}
	v := int32(d.bits >> (64 - s))
	d.bits <<= s
	d.nbits -= s
	if v < 1<<(s-1) {
		v += (-1 << s) + 1
	}
	return v
}

// zigzag gives each coefficient's position in the natural (row-major) order of its block.
var zigzag = [64]int{
	0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
	12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
	35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
	58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
}

func (d *decoder) sos(seg []byte) error {
	if !d.checkTransform() {
		return ErrUnsupported
	}
	if len(seg) < 1 {
		return errors.New("jpegscale: a short scan header")
	}
	ns := int(seg[0])
	if ns < 1 || ns > len(d.comps) || len(seg) < 1+2*ns+3 {
		return errors.New("jpegscale: a bad scan header")
	}
	if d.planes == nil {
		d.alloc()
	}
	var sc []*component
	for k := 0; k < ns; k++ {
		id, t := int(seg[1+2*k]), seg[2+2*k]
		var c *component
		for j := range d.comps {
			if d.comps[j].id == id {
				c = &d.comps[j]
			}
		}
		if c == nil {
			return errors.New("jpegscale: a scan of a component the frame does not have")
		}
		c.td, c.ta = int(t>>4), int(t&15)
		if c.td > 3 || c.ta > 3 || d.dc[c.td] == nil || d.ac[c.ta] == nil {
			return errors.New("jpegscale: a scan names a Huffman table that is not defined")
		}
		c.pred = 0
		sc = append(sc, c)
	}
	if ss, se, a := seg[1+2*ns], seg[2+2*ns], seg[3+2*ns]; ss != 0 || se != 63 || a != 0 {
		return ErrUnsupported // a progressive scan
	}
	d.bits, d.nbits, d.marker, d.pad = 0, 0, 0, 0
	mcux, mcuy := (d.w+8*d.hmax-1)/(8*d.hmax), (d.h+8*d.vmax-1)/(8*d.vmax)
	var blocks func(yield func(c *component, bx, by int) error) error
	if ns == 1 {
		// A scan of one component goes block by block over that component's own size.
		c := sc[0]
		cw := (d.w*c.h + d.hmax - 1) / d.hmax
		ch := (d.h*c.v + d.vmax - 1) / d.vmax
		bw, bh := (cw+7)/8, (ch+7)/8
		blocks = func(yield func(c *component, bx, by int) error) error {
			for by := 0; by < bh; by++ {
				if d.limit > 0 && d.pos >= d.limit {
					return errEnough
				}
				for bx := 0; bx < bw; bx++ {
					if err := d.restart(by*bw + bx); err != nil {
						return err
					}
					if err := yield(c, bx, by); err != nil {
						return err
					}
				}
			}
			return nil
		}
	} else {
		blocks = func(yield func(c *component, bx, by int) error) error {
			for my := 0; my < mcuy; my++ {
				if d.limit > 0 && d.pos >= d.limit {
					return errEnough
				}
				for mx := 0; mx < mcux; mx++ {
					if err := d.restart(my*mcux + mx); err != nil {
						return err
					}
					for _, c := range sc {
						for v := 0; v < c.v; v++ {
							for h := 0; h < c.h; h++ {
								if err := yield(c, mx*c.h+h, my*c.v+v); err != nil {
									return err
								}
							}
						}
					}
				}
			}
			return nil
		}
	}
	var coef [128]int32 // the block's 64, then the slot dropped coefficients go to (component.at)
	err := blocks(func(c *component, bx, by int) error {
		clear(coef[:64])
		dc, ac, q := d.dc[c.td], d.ac[c.ta], &d.q[c.tq]
		if d.nbits < 32 {
			d.fill()
		}
		if f := dc.fast[d.bits>>(64-lookBits)]; f != 0 && f>>8&0xff == 0 {
			// The difference's code and bits at once, as for the coefficients below (a
			// value of 16 or more, which no DC table may hold, is left to decode to refuse).
			used := int(f & 0xff)
			d.bits <<= used
			d.nbits -= used
			c.pred += f >> 16
		} else {
			t, err := d.decode(dc)
			if err != nil {
				return err
			}
			if t > 16 {
				return errData
			}
			c.pred += d.receive(int(t))
		}
		coef[0] = c.pred * q[0]
		// The extent of the coefficients that are not zero: most of a block's are, and the
		// transform need not visit them.
		extent := uint32(1<<8 | 1<<16) // the mean, at least
		// The bit buffer is held in locals through the block, written back to the decoder for
		// fill and for the codes the fast table does not take: as fields they were stored and
		// loaded again at every coefficient, in the chain each lookup waits on.
		bits, nbits := d.bits, d.nbits
		for k := 1; k < 64; {
			if nbits < 32 {
				d.bits, d.nbits = bits, nbits
				d.fill()
				bits, nbits = d.bits, d.nbits
			}
			if f := ac.fast[bits>>(64-lookBits)]; f != 0 {
				used := int(f & 0xff)
				bits <<= used
				nbits -= used
				if f&endOfBlock != 0 {
					break
				}
				k += int(f>>8) & 15
				if k > 63 {
					return errData
				}
				e := c.at[k&63]
				coef[e&127] = (f >> 16) * q[k&63]
				extent |= e
				k++
				continue
			}
			d.bits, d.nbits = bits, nbits
			rs, err := d.decode(ac)
			if err != nil {
				return err
			}
			r, s := int(rs>>4), int(rs&15)
			if s == 0 {
				bits, nbits = d.bits, d.nbits
				if r != 15 {
					break // end of block
				}
				k += 16
				continue
			}
			k += r
			if k > 63 {
				return errData
			}
			v := d.receive(s)
			bits, nbits = d.bits, d.nbits
			e := c.at[k&63]
			coef[e&127] = v * q[k&63]
			extent |= e
			k++
		}
		d.bits, d.nbits = bits, nbits
		if d.nbits < d.pad {
			return ErrShort // the block was read from the zeros after the data
		}
		p := &d.planes[c.index]
		if bx*c.nx >= p.Stride || by*c.ny*p.Stride >= len(p.Pix) {
			return nil // a block of the padding beyond the plane
		}
		mu, mv := span(extent>>8), span(extent>>16)
		idct((*[64]int32)(coef[:64]), c.nx, c.ny, mu, mv, p.Pix[by*c.ny*p.Stride+bx*c.nx:], p.Stride)
		return nil
	})
	if err != nil {
		return err
	}
	// The scan ends at the next marker: step back to it for headers to read.
	for d.marker == 0 {
		d.nbits = 0
		d.fill()
	}
	d.pos = d.markerPos()
	return nil
}

// span is how many columns (or rows) a block's coefficients reach, from the bits of those that
// hold one (component.at).
func span(set uint32) int { return bits.Len8(uint8(set)) }

// markerPos is where the marker that ended the entropy-coded data stands.
func (d *decoder) markerPos() int {
	p := d.pos
	for p < len(d.data) && !(d.data[p] == 0xff && p+1 < len(d.data) && d.data[p+1] != 0 && d.data[p+1] != 0xff) {
		p++
	}
	return p
}

// restart handles the restart interval before MCU i: at each interval's start after the first,
// the RST marker, a fresh bit buffer and predictions.
func (d *decoder) restart(i int) error {
	if d.ri == 0 || i == 0 || i%d.ri != 0 {
		return nil
	}
	if d.marker == 0 {
		// the marker is next in the data, after the bits the buffer holds
		d.nbits = 0
		d.bits = 0
		d.fill()
	}
	if d.marker < 0xd0 || d.marker > 0xd7 {
		return errors.New("jpegscale: a restart marker is missing")
	}
	d.pos = d.markerPos() + 2
	d.bits, d.nbits, d.marker, d.pad = 0, 0, 0, 0
	for k := range d.comps {
		d.comps[k].pred = 0
	}
	return nil
}

// alloc makes each component's plane, over whole MCUs (blocks beyond the picture are decoded
// into it and cropped by Image's size).
func (d *decoder) alloc() {
	n := d.n
	mcux, mcuy := (d.w+8*d.hmax-1)/(8*d.hmax), (d.h+8*d.vmax-1)/(8*d.vmax)
	d.planes = make([]Plane, len(d.comps))
	for k := range d.comps {
		c := &d.comps[k]
		c.nx, c.ny = min(8, n*d.hmax/c.h), min(8, n*d.vmax/c.v)
		for k, z := range zigzag {
			if z&7 < c.nx && z>>3 < c.ny {
				c.at[k] = uint32(z) | 1<<(8+z&7) | 1<<(16+z>>3)
			} else {
				c.at[k] = 64
			}
		}
		stride := mcux * c.h * c.nx
		// H and V are the plane's pixels per MCU, against the picture's HMax·n and VMax·n.
		d.planes[k] = Plane{H: c.h * c.nx, V: c.v * c.ny, Stride: stride, Pix: takePix(stride * mcuy * c.v * c.ny)}
	}
}

// idctTables[n] are the n-point inverse transform's factors: C(u)/2 · cos((2x+1)uπ/2n), by
// [x][u]. With them, the block's top-left n × n coefficients give its n × n pixels, each the
// mean of the (8/n)² pixels it stands for (the 8-point transform's basis, sampled at n points).
var idctTables = func() (t [9][8][8]float32) {
	for _, n := range []int{1, 2, 4, 8} {
		for x := 0; x < n; x++ {
			for u := 0; u < n; u++ {
				c := 1.0
				if u == 0 {
					c = 1 / math.Sqrt2
				}
				t[n][x][u] = float32(c / 2 * math.Cos(float64(2*x+1)*float64(u)*math.Pi/float64(2*n)))
			}
		}
	}
	return t
}()

// idct writes a block's nx × ny pixels from its dequantised coefficients (natural order), of
// which only the first mu columns and mv rows are not all zero. The sums run over fixed-size
// arrays, written out, rather than loops over slices: without the bounds checks and the loops'
// branches the transform takes about half the time, and it was most of the decoding's.
func idct(coef *[64]int32, nx, ny, mu, mv int, dst []byte, stride int) {
	if mu == 1 && mv == 1 {
		// Only the mean: one value for the whole block.
		v := clamp((coef[0]+4)>>3 + 128)
		for y := 0; y < ny; y++ {
			row := dst[y*stride : y*stride+nx]
			for x := range row {
				row[x] = v
			}
		}
		return
	}
	if nx == 8 && ny == 8 && mu+mv > 6 {
		idct8(coef, dst, stride)
		return
	}
	if nx == 4 && ny == 4 {
		idct4(coef, mv, dst, stride)
		return
	}
	idctSums(coef, nx, ny, mu, mv, dst, stride)
}

// The 4-point transform's factors: idctTables[4][x][u] takes only these values, up to sign.
var (
	idct4A = float32(1 / (2 * math.Sqrt2))      // u = 0 and u = 2
	idct4P = float32(math.Cos(math.Pi/8) / 2)   // u = 1 at x = 0, 3; u = 3 at x = 1, 2
	idct4Q = float32(math.Cos(3*math.Pi/8) / 2) // u = 1 at x = 1, 2; u = 3 at x = 0, 3
)

// idct4 is the 4 × 4 transform of a block's top-left coefficients, the luma of a half-size
// decoding (most of a facsimile's blocks), by the 4-point transform's even and odd halves: 6
// multiplications for each of the 8 one-dimensional transforms, against 16 for the sums. Only
// the first mv rows hold coefficients.
func idct4(coef *[64]int32, mv int, dst []byte, stride int) {
	a, p, q := idct4A, idct4P, idct4Q
	var ws [4][4]float32 // by row v, the row's transform at x
	for v := range min(mv, 4) {
		r := (*[4]int32)(coef[8*v : 8*v+4])
		c0, c1, c2, c3 := float32(r[0]), float32(r[1]), float32(r[2]), float32(r[3])
		e0, e1 := a*(c0+c2), a*(c0-c2)
		o0, o1 := p*c1+q*c3, q*c1-p*c3
		ws[v] = [4]float32{e0 + o0, e1 + o1, e1 - o1, e0 - o0}
	}
	_ = dst[3*stride+3]
	for x := range 4 {
		c0, c1, c2, c3 := ws[0][x], ws[1][x], ws[2][x], ws[3][x]
		e0, e1 := a*(c0+c2), a*(c0-c2)
		o0, o1 := p*c1+q*c3, q*c1-p*c3
		dst[x] = clamp(int32(e0 + o0 + 128.5))
		dst[stride+x] = clamp(int32(e1 + o1 + 128.5))
		dst[2*stride+x] = clamp(int32(e1 - o1 + 128.5))
		dst[3*stride+x] = clamp(int32(e0 - o0 + 128.5))
	}
}

// idctSums is idct as sums over the tables: for the reduced sizes, and for full-size blocks with
// few coefficients.
func idctSums(coef *[64]int32, nx, ny, mu, mv int, dst []byte, stride int) {
	tx, ty := &idctTables[nx], &idctTables[ny]
	// Rows first: tmp[v][x] for the mv rows that hold coefficients. The tables are zero beyond
	// n and the coefficients beyond mu, so the written-out sums need no bounds.
	var tmp [8][8]float32
	for v := range mv {
		var r [8]float32
		for u, c := range coef[8*v : 8*v+mu] {
			r[u] = float32(c)
		}
		tv := &tmp[v]
		if mu <= 4 {
			for x := range nx {
				t := &tx[x]
				tv[x] = t[0]*r[0] + t[1]*r[1] + t[2]*r[2] + t[3]*r[3]
			}
			continue
		}
		for x := range nx {
			t := &tx[x]
			tv[x] = t[0]*r[0] + t[1]*r[1] + t[2]*r[2] + t[3]*r[3] + t[4]*r[4] + t[5]*r[5] + t[6]*r[6] + t[7]*r[7]
		}
	}
	// Then columns: each output row is the rows' sum weighed by the column transform.
	for y := range ny {
		t := &ty[y]
		var a [8]float32
		for v := range mv {
			f, r := t[v&7], &tmp[v&7]
			a[0] += f * r[0]
			a[1] += f * r[1]
			a[2] += f * r[2]
			a[3] += f * r[3]
			if nx > 4 {
				a[4] += f * r[4]
				a[5] += f * r[5]
				a[6] += f * r[6]
				a[7] += f * r[7]
			}
		}
		out := dst[y*stride : y*stride+nx]
		for x := range out {
			out[x] = clamp(int32(a[x&7] + 128.5)) // truncation is floor where it matters: below 0 is clamped anyway
		}
	}
}

// aanScale[k] is √2·cos(kπ/16) (1 for k = 0) over √8: the factor by which the fast transform
// below (Arai, Agui and Nakajima's factorisation of the 8-point DCT, as libjpeg's floating-point
// decoder uses it) needs each coefficient multiplied first, per direction.
var aanScale = func() (t [8]float32) {
	for k := range t {
		f := 1.0
		if k > 0 {
			f = math.Cos(float64(k)*math.Pi/16) * math.Sqrt2
		}
		t[k] = float32(f / math.Sqrt(8))
	}
	return t
}()

// idct8 is the full 8 × 8 inverse transform of a block with many coefficients (a chroma block of
// a half-size decoding, which keeps chroma at the luma's resolution): 5 multiplications and 29
// additions for each of the 16 one-dimensional transforms, against 64 multiplications for the
// sums. A 4,000 × 3,000 facsimile's decoding at half size took a third less time with it.
func idct8(coef *[64]int32, dst []byte, stride int) {
	var ws [64]float32
	// Columns: for each u, the eight coefficients down it.
	for u := range 8 {
		var d [8]float32
		for v := range 8 {
			d[v] = float32(coef[8*v+u]) * aanScale[v] * aanScale[u]
		}
		o := aan(d)
		for y := range 8 {
			ws[8*y+u] = o[y]
		}
	}
	for y := range 8 {
		o := aan([8]float32(ws[8*y : 8*y+8]))
		out := dst[y*stride : y*stride+8]
		for x := range out {
			out[x] = clamp(int32(o[x&7] + 128.5))
		}
	}
}

// aan is the one-dimensional 8-point inverse transform of coefficients pre-multiplied by aanScale.
func aan(d [8]float32) [8]float32 {
	// The even half, from the coefficients 0, 2, 4, 6.
	t10, t11 := d[0]+d[4], d[0]-d[4]
	t13 := d[2] + d[6]
	t12 := (d[2]-d[6])*math.Sqrt2 - t13
	e0, e3, e1, e2 := t10+t13, t10-t13, t11+t12, t11-t12
	// The odd half, from 1, 3, 5, 7.
	z13, z10 := d[5]+d[3], d[5]-d[3]
	z11, z12 := d[1]+d[7], d[1]-d[7]
	o7 := z11 + z13
	t11 = (z11 - z13) * math.Sqrt2
	z5 := (z10 + z12) * 1.847759065 // 2·cos(π/8)
	t10 = z5 - z12*1.082392200      // 2·(cos(π/8) − cos(3π/8))
	t12 = z5 - z10*2.613125930      // 2·(cos(π/8) + cos(3π/8))
	o6 := t12 - o7
	o5 := t11 - o6
	o4 := t10 - o5
	return [8]float32{e0 + o7, e1 + o6, e2 + o5, e3 + o4, e3 - o4, e2 - o5, e1 - o6, e0 - o7}
}

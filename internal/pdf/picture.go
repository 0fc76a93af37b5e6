package pdf

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"image"
	"image/color"
	_ "image/jpeg" // facsimiles are mostly JPEG
	_ "image/png"
	"runtime"
	"strings"
	"sync"

	"github.com/klauspost/compress/zlib"

	"colophon/internal/edition"
	"colophon/internal/typeset"
)

// The pictures of figures. Each is read and prepared once per build and kind of PDF (PDF/A for
// reading, PDF/X for the printer), and written as it is into every PDF that shows it:
//   - a JPEG goes in as its own bytes (DCTDecode), never decoded or re-encoded;
//   - a PNG without transparency goes in as its own compressed data: PNG's zlib stream with its
//     row filters is what PDF's FlateDecode with the PNG predictors reads, so the pixels are not
//     decoded either — a 6,000 × 8,000 scan costs its file's size, not 192 MB of RGBA;
//   - a PNG with an alpha channel, interlaced, or of 16 bits per sample is read (a row at a
//     time, rows.go, unless interlaced) and re-encoded: PDF/A-1 allows no transparency (no
//     SMask) and PDF 1.4 no 16-bit samples, so it is flattened onto the white page and written as
//     8-bit RGB (or gray). What prints is what it looked like.
// A printer's file (PDF/X-1a) holds only gray and CMYK, so there a colour picture is decoded and
// separated, and one far finer than the press can print (over 450 ppi at its placed size) is
// brought down to 300 ppi on the way, as prepress software does.

// xobject is a picture ready to be written: the image dictionary without /Length, and the stream.
type xobject struct {
	dict string
	data []byte
	// sum stands for the picture in the /ID of every file that holds it: the SHA-256 over its
	// dictionary and the stream's own SHA-256 (xobjectSum), so that a JPEG that goes in as it is
	// needs no digest beyond the one that names it. A kept picture holds it to be checked.
	sum [sha256.Size]byte
}

// xobjectSum is what a prepared picture's digests are made from: the SHA-256 of its dictionary,
// a newline, and the SHA-256 of its stream. A kept picture (savePicture) holds it whole.
func xobjectSum(dict string, data [sha256.Size]byte) [sha256.Size]byte {
	h := sha256.New()
	h.Write([]byte(dict + "\n"))
	h.Write(data[:])
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum
}

// setSum sets x.sum from its stream's SHA-256.
func (x *xobject) setSum(data [sha256.Size]byte) { x.sum = xobjectSum(x.dict, data) }

type digestEntry struct {
	once sync.Once
	sum  [sha256.Size]byte
}

// digest is the SHA-256 of the picture at path, taken once a build however many kinds of PDF
// prepare it: for twenty 2.7 MB facsimiles the second pass was 35 ms of CPU.
func (r *Resources) digest(path string, data []byte) [sha256.Size]byte {
	r.mu.Lock()
	e, ok := r.digests[path]
	if !ok {
		e = &digestEntry{}
		r.digests[path] = e
	}
	r.mu.Unlock()
	e.once.Do(func() { e.sum = sha256.Sum256(data) })
	return e.sum
}

type pictureKey struct {
	path string
	pdfx bool
	// cols and rows are the size a printer's file brings a too-fine picture down to (0: as is).
	cols, rows int
}

type pictureEntry struct {
	once sync.Once
	x    *xobject
	err  error
}

// contentKey names a prepared picture by what it was made from, not by its path.
type contentKey struct {
	sum        [sha256.Size]byte
	pdfx       bool
	cols, rows int
}

// picture returns the picture prepared as k says, preparing it on first use; a picture the last
// build in this process prepared from the same bytes is taken as it is, and so is one the build
// before kept in the Store.
func (r *Resources) picture(pic *edition.Picture, k pictureKey) (*xobject, error) {
	r.mu.Lock()
	e, ok := r.pictures[k]
	if !ok {
		e = &pictureEntry{}
		r.pictures[k] = e
	}
	r.mu.Unlock()
	e.once.Do(func() {
		data := pic.Data
		ck := contentKey{r.digest(k.path, data), k.pdfx, k.cols, k.rows}
		r.mu.Lock()
		x, kept := r.last[ck]
		r.mu.Unlock()
		// Only what a printer's file makes of a picture — decoded, brought down and separated,
		// seconds for a few scans — is worth a file in the store; the PDF/A pictures are mostly
		// the picture's own bytes.
		stored := r.Store != nil && k.pdfx
		name := fmt.Sprintf("%x-%dx%d", ck.sum, k.cols, k.rows)
		if !kept && stored {
			x, kept = loadPicture(r.Store, name)
		}
		if !kept {
			var err error
			if k.pdfx {
				x, err = separated(data, k.cols, k.rows)
			} else {
				x, err = forPDFA(data)
			}
			if err != nil {
				e.err = fmt.Errorf("%s: %w", k.path, err)
				return
			}
			if aliases(x.data, data) {
				x.setSum(ck.sum) // the picture's own bytes: their digest is taken already
			} else {
				x.setSum(sha256.Sum256(x.data))
			}
		}
		if stored && !aliases(x.data, data) {
			savePicture(r.Store, name, x) // a kept one too: the store links it into this build's
		}
		r.mu.Lock()
		r.this[ck] = x
		r.mu.Unlock()
		e.x = x
	})
	return e.x, e.err
}

// A Store keeps prepared pictures from one build to the next on disk (the build's .cache), by
// name: a name says what the picture was made from and how, so its content never goes stale
// within one version of colophon, and the Store's keeper makes the names of different versions
// differ. Load gives a kept file's bytes, or false; Save keeps one for the next build, given in
// parts so that a picture's stream is written from where it lies, not copied behind its header.
type Store interface {
	Load(name string) ([]byte, bool)
	Save(name string, parts ...[]byte) // the file is the parts one after the other
}

// storedMagic begins a kept picture: the line, the image dictionary, a newline, its sum
// (xobjectSum: of the dictionary and the stream's SHA-256), and the stream. The sum is checked on
// reading, so a kept file that was damaged or cut short is prepared again rather than printed.
const storedMagic = "colophon picture 3\n"

// savePicture keeps x, whose sum is set: writing it needs no pass over the stream.
func savePicture(st Store, name string, x *xobject) {
	head := make([]byte, 0, len(storedMagic)+len(x.dict)+1+sha256.Size)
	head = append(head, storedMagic...)
	head = append(head, x.dict...)
	head = append(head, '\n')
	head = append(head, x.sum[:]...)
	st.Save(name, head, x.data)
}

func loadPicture(st Store, name string) (*xobject, bool) {
	b, ok := st.Load(name)
	if !ok || !bytes.HasPrefix(b, []byte(storedMagic)) {
		return nil, false
	}
	b = b[len(storedMagic):]
	nl := bytes.IndexByte(b, '\n')
	if nl < 0 || len(b) < nl+1+sha256.Size {
		return nil, false
	}
	dict, sum, data := string(b[:nl]), b[nl+1:nl+1+sha256.Size], b[nl+1+sha256.Size:]
	x := &xobject{dict: dict, data: data}
	x.setSum(sha256.Sum256(data))
	if !bytes.Equal(x.sum[:], sum) {
		return nil, false
	}
	return x, true
}

// aliases says whether a prepared picture's stream is the picture's own bytes (a JPEG that goes
// in as it is): nothing to keep.
func aliases(a, b []byte) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// forPDFA prepares a picture for a PDF/A-1 file.
func forPDFA(data []byte) (*xobject, error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	switch format {
	case "jpeg":
		switch cfg.ColorModel {
		case color.GrayModel:
			return jpegObject(cfg, "/DeviceGray", data), nil
		case color.CMYKModel:
			// PDF/A-1 with an RGB output intent allows no CMYK: decoded, as a PNG with alpha is.
			return decoded(data)
		}
		return jpegObject(cfg, "/DeviceRGB", data), nil
	case "png":
		if x, ok := pngAsIs(data); ok {
			return x, nil
		}
		return decoded(data)
	}
	return nil, fmt.Errorf("a %s picture cannot be placed", format)
}

func jpegObject(cfg image.Config, cs string, data []byte) *xobject {
	return &xobject{dict: fmt.Sprintf("/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s /BitsPerComponent 8 /Filter /DCTDecode",
		cfg.Width, cfg.Height, cs), data: data}
}

// pngAsIs returns a PNG's own compressed data as an image stream, when it has no transparency,
// no interlacing and at most 8 bits per sample; ok is false otherwise.
func pngAsIs(data []byte) (*xobject, bool) {
	info, ok := readPNG(data)
	if !ok || info.interlaced || info.depth > 8 || len(info.trns) > 0 {
		return nil, false
	}
	w, h, depth, ctype, plte := info.w, info.h, info.depth, info.ctype, info.plte
	idat := info.idat[0] // one chunk is the file's own bytes: no copy
	if len(info.idat) > 1 {
		idat = bytes.Join(info.idat, nil)
	}
	var cs string
	colors := 1
	switch ctype {
	case 0:
		cs = "/DeviceGray"
	case 2:
		cs, colors = "/DeviceRGB", 3
	case 3:
		if len(plte) == 0 || len(plte)%3 != 0 {
			return nil, false
		}
		cs = fmt.Sprintf("[/Indexed /DeviceRGB %d <%x>]", len(plte)/3-1, plte)
	default:
		return nil, false // 4 and 6 carry alpha
	}
	return &xobject{dict: fmt.Sprintf("/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s /BitsPerComponent %d /Filter /FlateDecode /DecodeParms <</Predictor 15 /Colors %d /BitsPerComponent %d /Columns %d>>",
		w, h, cs, depth, colors, depth, w), data: idat}, true
}

// decoded reads a picture's pixels and writes them flattened onto white, as 8-bit gray when it
// is gray and RGB otherwise.
func decoded(data []byte) (*xobject, error) {
	src, err := pictureRows(data)
	if err != nil {
		return nil, err
	}
	cs := "/DeviceRGB"
	if src.gray {
		cs = "/DeviceGray"
	}
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.DefaultCompression)
	rgb := make([]byte, 3*src.w)
	row := rgb
	if src.gray {
		row = make([]byte, src.w)
	}
	for y := 0; y < src.h; y++ {
		if err := src.next(rgb); err != nil {
			return nil, err
		}
		if src.gray {
			for x := range row {
				row[x] = rgb[3*x]
			}
		}
		zw.Write(row)
	}
	zw.Close()
	return &xobject{dict: fmt.Sprintf("/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s /BitsPerComponent 8 /Filter /FlateDecode",
		src.w, src.h, cs), data: z.Bytes()}, nil
}

func isGray(m image.Image) bool {
	switch m.ColorModel() {
	case color.GrayModel, color.Gray16Model:
		return true
	}
	return false
}

// onWhite is a colour as it shows on white paper: its alpha flattened.
func onWhite(c color.Color) (r, g, b byte) {
	cr, cg, cb, ca := c.RGBA() // premultiplied: adding white's share flattens
	white := 0xffff - ca
	return byte((cr + white) >> 8), byte((cg + white) >> 8), byte((cb + white) >> 8)
}

// separated prepares a picture for a printer's file: a gray JPEG as it is, anything else decoded
// and written as gray (when gray) or CMYK, brought down to cols × rows pixels when those are given.
func separated(data []byte, cols, rows int) (*xobject, error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	if format == "jpeg" && cfg.ColorModel == color.GrayModel {
		// Gray, as printers take it: as it is, at any resolution — re-encoding would cost a
		// generation of JPEG's loss, and the press's RIP brings it to the plate's screen.
		return jpegObject(cfg, "/DeviceGray", data), nil
	}
	if format == "jpeg" && cols == 0 {
		switch cfg.ColorModel {
		case color.CMYKModel:
			// Adobe's CMYK JPEGs are stored inverted; the Decode array says so.
			return jpegObject(cfg, "/DeviceCMYK /Decode [1 0 1 0 1 0 1 0]", data), nil
		}
	}
	if format == "png" && cols == 0 {
		if x, ok := pngAsIs(data); ok && strings.Contains(x.dict, "/ColorSpace /DeviceGray") {
			return x, nil // gray, as printers take it: as it is
		}
	}
	src, err := reducedRows(data, format, cols, rows)
	if err != nil {
		return nil, err
	}
	if src.release != nil {
		defer src.release()
	}
	if cols <= 0 || rows <= 0 || cols >= src.w {
		cols, rows = src.w, src.h
	}
	gray := src.gray
	comps, cs := 4, "/DeviceCMYK"
	if gray {
		comps, cs = 1, "/DeviceGray"
	}
	// Huffman coding alone: a scan's separated pixels deflate little at any level (to 46 % at
	// the fastest, 60 % with Huffman codes alone, for a 1,293 × 969 CMYK facsimile), and the
	// fastest level took 2.4 times as long (44 ms against 18) and the default eight times.
	var z bytes.Buffer
	z.Grow(comps * cols * rows * 2 / 3) // what a scan deflates to, about: no doubling on the way
	zw, _ := zlib.NewWriterLevel(&z, zlib.HuffmanOnly)
	row := make([]byte, comps*cols)
	rgb := make([]byte, 3*src.w)
	// Each output pixel is the mean of the box of source pixels it covers. The box's rows are
	// added up first, column by column (a straight pass over the row, one addition a sample),
	// and the columns of each box once per output row, not once per source row: for a
	// 2,000 × 1,500 half-size decoding brought down to 1,293 × 969 that is a third of the work
	// the other order took, and the sums, whole numbers, are the same.
	colSum := make([]uint32, 3*src.w)
	// The source columns output column tx is the mean of: from[tx] up to from[tx+1].
	from := make([]int, cols+1)
	for tx := range from {
		from[tx] = (tx*src.w + cols - 1) / cols // the first x with x·cols/src.w ≥ tx
	}
	// rec[tx] divides by the pixels in column tx's box, for boxes of recRows source rows.
	rec, recRows := make([]reciprocal, cols), -1 // -1: none made yet (a row of no source rows is 0)
	sy := 0
	for ty := 0; ty < rows; ty++ {
		clear(colSum)
		n := 0 // source rows in this output row
		for ; sy < src.h && sy*rows/src.h == ty; sy++ {
			n++
			if src.add != nil {
				src.add(colSum)
				continue
			}
			if err := src.next(rgb); err != nil {
				return nil, err
			}
			cs := colSum[:len(rgb)]
			for i, v := range rgb {
				cs[i] += uint32(v)
			}
		}
		for tx := 0; tx < cols; tx++ {
			box := colSum[3*from[tx] : 3*from[tx+1]]
			var r, g, b uint64
			for i := 0; i+2 < len(box); i += 3 {
				r += uint64(box[i])
				g += uint64(box[i+1])
				b += uint64(box[i+2])
			}
			if n != recRows {
				for t := range rec {
					rec[t] = divisor(max(n*(from[t+1]-from[t]), 1))
				}
				recRows = n
			}
			d := rec[tx]
			c0, c1, c2 := d.div(r), d.div(g), d.div(b)
			if src.ycc {
				// brought down first, then converted: a pixel of the result at a time
				c0, c1, c2 = yccRGB(c0, c1, c2)
			}
			if gray {
				row[tx] = byte(c0)
				continue
			}
			separate((*[4]byte)(row[4*tx:4*tx+4]), c0, c1, c2)
		}
		zw.Write(row)
	}
	zw.Close()
	return &xobject{dict: fmt.Sprintf("/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s /BitsPerComponent 8 /Filter /FlateDecode",
		cols, rows, cs), data: z.Bytes()}, nil
}

// cmykBytes separates an RGB colour as cmyk does, in whole numbers (separate).
func cmykBytes(c [3]int) (k [4]byte) {
	separate(&k, c[0], c[1], c[2])
	return k
}

// separate writes an RGB colour's separation into px as cmyk does, in whole numbers:
// C = (max − R) / max of the three, and so on, K = 1 − max, each rounded to the nearest of
// 0…255. The division by 2·max is a multiplication by its reciprocal (see divisor): divided,
// three times a pixel, it was a fifth of a scan's separation.
func separate(px *[4]byte, r, g, b int) {
	mx := max(r, g, b)
	if mx <= 0 {
		*px = [4]byte{0, 0, 0, 255}
		return
	}
	h := halfMax[min(mx, 255)]
	px[0] = byte(h.div(uint64(510*(mx-r) + mx)))
	px[1] = byte(h.div(uint64(510*(mx-g) + mx)))
	px[2] = byte(h.div(uint64(510*(mx-b) + mx)))
	px[3] = byte(255 - mx)
}

// halfMax[m] divides by 2·m, for cmykBytes.
var halfMax = func() (t [256]reciprocal) {
	for m := 1; m < 256; m++ {
		t[m] = divisor(2 * m)
	}
	return t
}()

// A reciprocal divides whole numbers by a multiplication and a shift: ⌊x / d⌋ is
// (x · ⌈2³² / d⌉) >> 32 exactly while x · d < 2³², which holds for every x ≤ 255 · d when
// d ≤ 4,096 — every box of pixels a scan's separation averages (its boxes are 1 or 2 pixels a
// side) and every division cmykBytes makes (x ≤ 510 · 255 + 255, d ≤ 510). A larger box,
// from a picture brought down more than 64 times in both directions, is divided as it is.
type reciprocal struct{ m, d uint64 }

func divisor(d int) reciprocal {
	if d > 4096 {
		return reciprocal{d: uint64(d)}
	}
	return reciprocal{m: (1<<32 + uint64(d) - 1) / uint64(d)}
}

func (r reciprocal) div(x uint64) int {
	if r.m == 0 {
		return int(x / r.d)
	}
	return int(x * r.m >> 32)
}

// rowRGB reads row y of a picture as RGB flattened onto white, without an interface call per
// pixel for the decoders' own image types (a scan has millions of pixels).
func rowRGB(m image.Image, y int, dst []byte) {
	b := m.Bounds()
	switch im := m.(type) {
	case *image.YCbCr:
		for x := b.Min.X; x < b.Max.X; x++ {
			yi, ci := im.YOffset(x, y), im.COffset(x, y)
			i := 3 * (x - b.Min.X)
			dst[i], dst[i+1], dst[i+2] = color.YCbCrToRGB(im.Y[yi], im.Cb[ci], im.Cr[ci])
		}
	case *image.Gray:
		for x := b.Min.X; x < b.Max.X; x++ {
			v := im.Pix[im.PixOffset(x, y)]
			i := 3 * (x - b.Min.X)
			dst[i], dst[i+1], dst[i+2] = v, v, v
		}
	default:
		for x := b.Min.X; x < b.Max.X; x++ {
			i := 3 * (x - b.Min.X)
			dst[i], dst[i+1], dst[i+2] = onWhite(m.At(x, y))
		}
	}
}

// pictureKey names a picture as this PDF embeds it, placed w points wide.
func (d *doc) pictureKey(pic *edition.Picture, w float64) pictureKey {
	k := pictureKey{path: pic.Path, pdfx: d.meta.PDFX != ""}
	if k.pdfx {
		// Over 450 ppi at its placed size, a printer's file gets it at 300.
		if ppi := float64(pic.Width) / (w / 72); ppi > 450 {
			k.cols = max(1, int(w/72*300))
			k.rows = max(1, pic.Height*k.cols/pic.Width)
		}
	}
	return k
}

// preparePictures prepares the pictures the pages show before they are drawn, on every core:
// drawing goes page by page, and a printer's file separates each scan (decoding a 12-million
// pixel JPEG takes a tenth of a second). A failure is met again, and reported, when drawn.
func (d *doc) preparePictures(pages []*typeset.Page) {
	type job struct {
		pic *edition.Picture
		k   pictureKey
	}
	var jobs []job
	seen := map[pictureKey]bool{}
	add := func(pic *edition.Picture, w float64) {
		if k := d.pictureKey(pic, w); !seen[k] {
			seen[k] = true
			jobs = append(jobs, job{pic, k})
		}
	}
	for _, p := range pages {
		for _, pc := range p.Pictures {
			add(pc.Picture, pc.W)
		}
		for _, pl := range p.Placed {
			for _, g := range pl.Line.Glyphs {
				if pic := g.Pic(); pic != nil {
					add(pic.Picture, g.Width)
				}
			}
		}
	}
	if len(jobs) < 2 {
		return
	}
	next := make(chan job)
	var wg sync.WaitGroup
	for w := 0; w < min(runtime.GOMAXPROCS(0), len(jobs)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range next {
				d.res.picture(j.pic, j.k)
			}
		}()
	}
	for _, j := range jobs {
		next <- j
	}
	close(next)
	wg.Wait()
}

// drawPicture places a figure's picture on the page, inside its Figure element, and gives the
// element its bounding box.
func (d *doc) drawPicture(p *page, pc typeset.Picture, dx, dy float64) {
	var e *elem
	if d.tags != nil {
		e = d.tags.of(pc.Struct)
	}
	d.placePicture(p, pc.Picture, pc.X+dx, pc.Y+dy, pc.W, pc.H, e)
}

// drawInline draws a picture that sits in a line of text, as a Figure inside the line's element.
func (d *doc) drawInline(p *page, g typeset.Glyphs, x, baseline float64, leaf *elem) {
	var e *elem
	if leaf != nil {
		e = d.tags.child(leaf, "Figure", g.Pic().Alt)
		e.inline = true
	}
	pic := g.Pic()
	d.placePicture(p, pic.Picture, x, baseline-pic.H, g.Width, pic.H, e)
}

// placePicture draws a picture with its top left at left, top (from the page's top left), w × h
// points, as the content of element e (none when nil) whose bounding box it becomes.
func (d *doc) placePicture(p *page, pic *edition.Picture, left, top, w, h float64, e *elem) {
	k := d.pictureKey(pic, w)
	x, err := d.res.picture(pic, k)
	if err != nil {
		d.fail("picture %v", err)
		return
	}
	if d.pictures == nil {
		d.pictures = map[pictureKey]ref{}
	}
	r, ok := d.pictures[k]
	if !ok {
		r = d.f.alloc()
		d.f.sharedStream(r, x.dict, x.data, x.sum)
		d.pictures[k] = r
	}
	res := p.resource(r)
	if e != nil {
		d.beginContent(p, e)
		e.bbox = [4]float64{left, p.pdfY(top + h), left + w, p.pdfY(top)}
	}
	fmt.Fprintf(p.c, "q %s 0 0 %s %s %s cm /%s Do Q\n", num(w), num(h), num(left), num(p.pdfY(top+h)), res)
	d.endMarked(p)
}

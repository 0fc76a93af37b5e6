package epub

import (
	"archive/zip"
	"bytes"
	"io"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/klauspost/compress/flate"
)

func unzip(data []byte) (map[string][]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	for _, f := range zr.File {
		if f.FileInfo().IsDir() {
			continue
		}
		r, err := f.Open()
		if err != nil {
			return nil, err
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			return nil, err
		}
		files[f.Name] = b
	}
	return files, nil
}

// pack writes the OCF container deterministically: "mimetype" first and stored, as the EPUB
// specification requires, then the container file, then every other entry in name order, all
// with the build timestamp (clamped to 1980, the first date a zip can hold).
func pack(files map[string][]byte, ts time.Time) ([][]byte, error) {
	if ts.Before(time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)) {
		ts = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	dosDate := uint16(ts.Day() + int(ts.Month())<<5 + (ts.Year()-1980)<<9)
	dosTime := uint16(ts.Second()/2 + ts.Minute()<<5 + ts.Hour()<<11)
	names := make([]string, 0, len(files))
	for n := range files {
		if n != "mimetype" && n != "META-INF/container.xml" {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	names = append([]string{"mimetype", "META-INF/container.xml"}, names...)

	buf := &pieces{}
	zw := zip.NewWriter(buf)
	// The fastest deflate level costs a few per cent in size and saves most of the packing time.
	// One compressor is reset for every entry rather than a new one made: each holds several
	// hundred kilobytes of tables, and an edition of 250 documents has 500 entries.
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		if fw, ok := deflaters.Get().(*flate.Writer); ok {
			fw.Reset(w)
			return pooledDeflater{fw}, nil
		}
		fw, err := flate.NewWriter(w, flate.BestSpeed)
		return pooledDeflater{fw}, err
	})
	for _, n := range names {
		// The MS-DOS date fields are set directly: zip's Modified field would add an extended
		// timestamp field, which the OCF forbids on "mimetype".
		h := &zip.FileHeader{Name: n, Method: zip.Deflate, ModifiedDate: dosDate, ModifiedTime: dosTime}
		// mimetype must be stored; images are stored too (they are compressed already). The fonts,
		// cut to the edition's characters, are deflated: their empty glyphs' entries and layout
		// tables halve.
		if n == "mimetype" || strings.HasSuffix(n, ".png") || strings.HasSuffix(n, ".jpg") {
			h.Method = zip.Store
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(files[n]); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.done(), nil
}

var deflaters sync.Pool

// pooledDeflater gives its compressor back when the zip writer closes the entry.
type pooledDeflater struct{ *flate.Writer }

func (p pooledDeflater) Close() error {
	err := p.Writer.Close()
	deflaters.Put(p.Writer)
	return err
}

// pieces collects what the zip writer writes: small writes copied into pieces of its own, large
// ones kept as the slices they are. zip.Writer passes a stored entry's data through its 4 KB
// bufio.Writer, which hands a write larger than its buffer straight on, so a write over 1 MB is
// the caller's slice — a picture's bytes, which nobody changes — never a buffer that is reused
// (bufio's is 4 KB; a deflated entry's stored blocks are at most 64 KB). So an EPUB of twenty 3 MB
// scans does not hold them twice.
type pieces struct {
	parts [][]byte
	cur   []byte
}

const bigWrite = 1 << 20

func (p *pieces) Write(b []byte) (int, error) {
	if len(b) > bigWrite {
		if len(p.cur) > 0 {
			p.parts = append(p.parts, p.cur)
			p.cur = nil
		}
		p.parts = append(p.parts, b)
		return len(b), nil
	}
	p.cur = append(p.cur, b...)
	return len(b), nil
}

func (p *pieces) done() [][]byte {
	if len(p.cur) > 0 {
		p.parts = append(p.parts, p.cur)
		p.cur = nil
	}
	return p.parts
}

package source

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	"image/jpeg"
	"io"
	"strings"

	"github.com/klauspost/compress/zlib"

	"colophon/internal/jpegscale"
)

// verifyPicture reads enough of a picture to know that the build can: what check lets through,
// the printer's files decode (and a PNG goes into the reading PDFs as its own compressed rows,
// where missing rows would make a broken file rather than an error).
//   - A PNG is inflated whole, as stored — its chunks' checksums, each row's filter, and as many
//     rows as its header promises — without holding its pixels: a few hundred milliseconds for a
//     48-megapixel scan.
//   - A JPEG must end (an end-of-image marker after its first scan: a file cut short has none),
//     and its first rows are decoded, from its first quarter megabyte of entropy-coded data:
//     Go's decoder decodes only whole pictures, so a JPEG damaged further in is found by the
//     build, which names it.
func verifyPicture(data []byte, format string, cfg image.Config) error {
	if format == "png" {
		return verifyPNG(data)
	}
	return verifyJPEG(data)
}

// jpegFirstRows is how much of a JPEG's scan data check decodes.
const jpegFirstRows = 256 << 10

func verifyJPEG(data []byte) error {
	sos := -1
	for i := 2; i+4 <= len(data); {
		if data[i] != 0xff {
			return fmt.Errorf("no marker at byte %d", i)
		}
		m := data[i+1]
		if m == 0xff { // fill byte
			i++
			continue
		}
		if m == 0xda {
			sos = i
			break
		}
		i += 2 + int(binary.BigEndian.Uint16(data[i+2:]))
	}
	if sos < 0 {
		return errors.New("it has no image data")
	}
	if !bytes.Contains(data[sos:], []byte{0xff, 0xd9}) {
		return errors.New("it ends before its last row (the file is cut short)")
	}
	// What scanners and cameras write (baseline JPEGs) is read by jpegscale, at an eighth of its
	// size: Go's decoder would make the whole picture in memory to decode its first rows, 18 ms
	// and 18 MB for a 4,000 × 3,000 scan against about 6 ms and a fraction of a megabyte.
	switch err := jpegscale.Verify(data, jpegFirstRows); {
	case err == nil:
		return nil
	case errors.Is(err, jpegscale.ErrShort):
		return errors.New("it ends before its last row (the file is cut short)")
	case !errors.Is(err, jpegscale.ErrUnsupported):
		return errors.New(strings.TrimPrefix(err.Error(), "jpegscale: "))
	}
	prefix := data
	cut := len(data) > sos+jpegFirstRows
	if cut {
		prefix = data[:sos+jpegFirstRows]
	}
	// Go's decoder says a prefix ends with io.ErrUnexpectedEOF, or, when it ends inside the
	// entropy-coded data, "short Huffman data": either is the cut here, not damage.
	if _, _, err := image.Decode(bytes.NewReader(prefix)); err != nil && !(cut && (errors.Is(err, io.ErrUnexpectedEOF) || err == jpeg.FormatError("short Huffman data"))) {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return errors.New("it ends before its last row (the file is cut short)")
		}
		return err
	}
	return nil
}

func verifyPNG(data []byte) error {
	const sig = "\x89PNG\r\n\x1a\n"
	if !bytes.HasPrefix(data, []byte(sig)) {
		return errors.New("not a PNG signature")
	}
	var w, h, channels, depth int
	interlaced, ended := false, false
	var idat [][]byte
	for rest := data[len(sig):]; len(rest) > 0 && !ended; {
		if len(rest) < 12 {
			return errors.New("it ends inside a chunk (the file is cut short)")
		}
		n := binary.BigEndian.Uint32(rest)
		if uint64(n)+12 > uint64(len(rest)) {
			return errors.New("it ends inside a chunk (the file is cut short)")
		}
		typ, body := string(rest[4:8]), rest[8:8+n]
		if crc32.ChecksumIEEE(rest[4:8+n]) != binary.BigEndian.Uint32(rest[8+n:]) {
			return fmt.Errorf("its %s chunk's checksum is wrong", typ)
		}
		switch typ {
		case "IHDR":
			if n != 13 {
				return errors.New("its header is damaged")
			}
			w, h = int(binary.BigEndian.Uint32(body)), int(binary.BigEndian.Uint32(body[4:]))
			depth, interlaced = int(body[8]), body[12] != 0
			channels = map[byte]int{0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[body[9]]
		case "IDAT":
			idat = append(idat, body)
		case "IEND":
			ended = true
		}
		rest = rest[12+n:]
	}
	if !ended {
		return errors.New("it has no end chunk (the file is cut short)")
	}
	if len(idat) == 0 || channels == 0 || depth == 0 {
		return errors.New("it has no image data")
	}
	readers := make([]io.Reader, len(idat))
	for i, p := range idat {
		readers[i] = bytes.NewReader(p)
	}
	zr, err := zlib.NewReader(io.MultiReader(readers...))
	if err != nil {
		return fmt.Errorf("its image data cannot be inflated (%v)", err)
	}
	// The rows, pass by pass for an interlaced picture (Adam7), each a filter byte and the row.
	type pass struct{ x0, y0, dx, dy int }
	passes := []pass{{0, 0, 1, 1}}
	if interlaced {
		passes = []pass{{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}}
	}
	buf := make([]byte, 1+(w*channels*depth+7)/8)
	rows, want := 0, 0
	for _, p := range passes {
		pw, ph := (w-p.x0+p.dx-1)/p.dx, (h-p.y0+p.dy-1)/p.dy
		if pw <= 0 || ph <= 0 {
			continue
		}
		want += ph
		row := buf[:1+(pw*channels*depth+7)/8]
		for y := 0; y < ph; y++ {
			if _, err := io.ReadFull(zr, row); err != nil {
				if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
					if !interlaced {
						return fmt.Errorf("it holds %d of the %d rows its header promises", rows, h)
					}
					return errors.New("it holds fewer rows than its header promises")
				}
				return fmt.Errorf("its image data cannot be inflated (%v)", err)
			}
			if row[0] > 4 {
				return fmt.Errorf("row %d has an unknown filter (%d)", rows+1, row[0])
			}
			rows++
		}
	}
	// The stream's own end and checksum.
	if _, err := io.Copy(io.Discard, zr); err != nil {
		return fmt.Errorf("its image data cannot be inflated (%v)", err)
	}
	return nil
}

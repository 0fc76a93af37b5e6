package source

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // DecodeConfig reads JPEG headers
	_ "image/png"  // and PNG headers
	"io"

	"colophon/internal/edition"
)

// readPicture reads an image file — its bytes, which the writers embed as they are, and from its
// header its format, size in pixels and the resolution it records — and checks that the build
// can read it: within the pixel limit (from the header,
// before any decoding), and not damaged (verifyPicture). colophon places JPEG and PNG: the
// formats a PDF holds as they are (JPEG) or losslessly (PNG), and two of the EPUB's core media
// types.
func readPicture(abs, rel string) (*edition.Picture, error) {
	f, err := edition.OpenRegular(abs)
	if errors.Is(err, edition.ErrNotRegular) {
		if err.Error() == "a folder, not a file" {
			return nil, errors.New("is a folder, not a picture")
		}
		return nil, fmt.Errorf("is %w", err)
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := bufio.NewReader(f)
	head, _ := r.Peek(16)
	// Other formats are named before a decoder is asked: one may be registered (WebP is, by a
	// library colophon uses) and read a header the build cannot place.
	if kind := sniffKind(head); kind != "" {
		return nil, fmt.Errorf("is a %s picture; colophon places JPEG and PNG pictures: convert it to PNG (drawings, screenshots) or JPEG (photographs, scans)", kind)
	}
	cfg, format, err := image.DecodeConfig(r)
	if err == nil && format != "jpeg" && format != "png" {
		err = fmt.Errorf("a %s picture", format)
	}
	if err != nil {
		return nil, fmt.Errorf("cannot be read as a JPEG or PNG picture (%v)", err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, errors.New("has no pixels")
	}
	if px := int64(cfg.Width) * int64(cfg.Height); px > edition.MaxPicturePixels {
		return nil, fmt.Errorf("is %d × %d pixels (%d megapixels); colophon places pictures of at most %d megapixels: scale it down", cfg.Width, cfg.Height, px/1_000_000, edition.MaxPicturePixels/1_000_000)
	}
	var size int64
	if st, err := f.Stat(); err == nil {
		if size = st.Size(); size > edition.MaxPictureBytes {
			return nil, fmt.Errorf("is %d MB; colophon places pictures of at most %d MB", size>>20, edition.MaxPictureBytes>>20)
		}
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	// Read into a buffer of the file's size, not one grown by doubling: twenty 2.7 MB scans were
	// 110 MB of fresh memory to fault in instead of 54. What a file grown since it was asked its
	// size has more is read after, within the bound.
	data := make([]byte, size)
	n, err := io.ReadFull(f, data)
	if err != nil && err != io.ErrUnexpectedEOF {
		return nil, err
	}
	data = data[:n]
	more, err := io.ReadAll(io.LimitReader(f, edition.MaxPictureBytes+1-int64(n)))
	if err != nil {
		return nil, err
	}
	data = append(data, more...)
	if err := verifyPicture(data, format, cfg); err != nil {
		return nil, fmt.Errorf("is damaged: %v", err)
	}
	pic := &edition.Picture{Path: rel, Data: data, Format: format, Width: cfg.Width, Height: cfg.Height}
	pic.PPI = recordedPPI(bufio.NewReader(bytes.NewReader(data)), format)
	return pic, nil
}

func sniffKind(head []byte) string {
	switch {
	case bytes.HasPrefix(head, []byte("GIF8")):
		return "GIF"
	case len(head) >= 12 && bytes.Equal(head[:4], []byte("RIFF")) && bytes.Equal(head[8:12], []byte("WEBP")):
		return "WebP"
	case bytes.HasPrefix(head, []byte("BM")):
		return "BMP"
	case bytes.HasPrefix(head, []byte("<svg")) || bytes.HasPrefix(head, []byte("<?xml")):
		return "SVG"
	case bytes.HasPrefix(head, []byte("II*\x00")) || bytes.HasPrefix(head, []byte("MM\x00*")):
		return "TIFF"
	}
	return ""
}

// recordedPPI is the resolution a JPEG's JFIF header or a PNG's pHYs chunk records, in pixels per
// inch; 0 when the file records none (or only an aspect ratio).
func recordedPPI(r *bufio.Reader, format string) float64 {
	switch format {
	case "jpeg":
		// SOI, then segments: FF Ex length data. JFIF's APP0 comes first when there is one.
		var soi [2]byte
		if _, err := io.ReadFull(r, soi[:]); err != nil || soi != [2]byte{0xff, 0xd8} {
			return 0
		}
		for i := 0; i < 16; i++ {
			var seg [4]byte
			if _, err := io.ReadFull(r, seg[:]); err != nil || seg[0] != 0xff {
				return 0
			}
			n := int(binary.BigEndian.Uint16(seg[2:])) - 2
			if n < 0 {
				return 0
			}
			if seg[1] == 0xe0 && n >= 12 {
				data := make([]byte, n)
				if _, err := io.ReadFull(r, data); err != nil {
					return 0
				}
				if bytes.HasPrefix(data, []byte("JFIF\x00")) {
					x := float64(binary.BigEndian.Uint16(data[8:]))
					switch data[7] {
					case 1:
						return x
					case 2:
						return x * 2.54
					}
					return 0
				}
				continue
			}
			if seg[1] >= 0xc0 && seg[1] <= 0xcf && seg[1] != 0xc4 && seg[1] != 0xc8 && seg[1] != 0xcc {
				return 0 // the frame header: past where JFIF would be
			}
			if _, err := r.Discard(n); err != nil {
				return 0
			}
		}
	case "png":
		if _, err := r.Discard(8); err != nil {
			return 0
		}
		for {
			var h [8]byte
			if _, err := io.ReadFull(r, h[:]); err != nil {
				return 0
			}
			n := int(binary.BigEndian.Uint32(h[:4]))
			switch string(h[4:]) {
			case "pHYs":
				var d [9]byte
				if n != 9 {
					return 0
				}
				if _, err := io.ReadFull(r, d[:]); err != nil || d[8] != 1 {
					return 0
				}
				return float64(binary.BigEndian.Uint32(d[:4])) * 0.0254 // pixels per metre
			case "IDAT", "IEND":
				return 0 // pHYs must come before the image data
			}
			if _, err := r.Discard(n + 4); err != nil {
				return 0
			}
		}
	}
	return 0
}

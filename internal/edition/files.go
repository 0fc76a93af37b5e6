package edition

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// ErrNotRegular is the answer for a path that names something other than a file.
var ErrNotRegular = errors.New("not a file")

// OpenRegular opens a file for reading only if it is a regular file. A named pipe, a device or a
// socket where a file is expected is refused without waiting on it: it is opened without
// blocking (opening a FIFO for reading otherwise waits for a writer forever, and /dev/zero never
// ends) and checked before a byte is read.
func OpenRegular(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err == nil {
		err = NotRegular(info)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// ReadRegular reads a whole file, refusing what is not a regular file (OpenRegular).
func ReadRegular(path string) ([]byte, error) {
	f, err := OpenRegular(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// NotRegular says what a file is when it is not a regular file, or nil.
func NotRegular(info fs.FileInfo) error {
	m := info.Mode()
	switch {
	case m.IsRegular():
		return nil
	case m.IsDir():
		return notRegular("a folder, not a file")
	case m&fs.ModeNamedPipe != 0:
		return notRegular("not a file but a named pipe (FIFO)")
	case m&fs.ModeSocket != 0:
		return notRegular("not a file but a socket")
	case m&fs.ModeDevice != 0:
		return notRegular("not a file but a device")
	}
	return notRegular("not a regular file")
}

type notRegular string

func (e notRegular) Error() string        { return string(e) }
func (e notRegular) Is(target error) bool { return target == ErrNotRegular }

// The limits of a picture, checked from its file and header before any decoding: decoding a
// picture costs its pixels, three or four bytes each (a JPEG of 757 bytes claiming 65,000 × 65,000
// pixels once took 12 GB), and every output that shows it holds its file.
const (
	MaxPicturePixels = 100_000_000 // 10,000 × 10,000: a scan of an A3 page at 600 ppi is 35 million
	MaxPictureBytes  = 200 << 20
)

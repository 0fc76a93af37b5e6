package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"sync"

	"colophon/internal/edition"
)

// picturesDir is build/.cache/pictures: what the printer's files made of the edition's pictures
// (decoded, brought down to 300 ppi, separated into CMYK: a second or more per few scans), kept
// for the next `colophon build`. Each build takes the files it can use from the last build's
// folder and puts those it used into its own, which replaces the last; so the folder holds the
// pictures of the current edition only. pdf.Resources checks each file's digest as it reads it.
const picturesDir = "pictures"

// pictureStore is the build's pdf.Store: it reads from the output folder's .cache and writes
// into the stage's.
type pictureStore struct {
	from, to string
	// version names colophon's code in the files' names (executableDigest, or a test's), found
	// on first use.
	version func() string

	mu     sync.Mutex
	loaded map[string][]byte // read from the last build's folder: linked, not written again, when kept as read
	saved  map[string]bool   // kept in the stage's folder
	made   bool              // the stage's folder exists
}

// newPictureStore returns the store of a build writing into stage for the output folder out;
// version names colophon's code, "" for the running binary's digest.
func newPictureStore(out, stage, version string) *pictureStore {
	v := sync.OnceValue(executableDigest)
	if version != "" {
		v = func() string { return version }
	}
	return &pictureStore{from: filepath.Join(out, cacheDir, picturesDir), to: filepath.Join(stage, cacheDir, picturesDir),
		version: v, loaded: map[string][]byte{}, saved: map[string]bool{}}
}

// file is a picture's file name: the version's digest, then the picture's name; "" when the
// version is not known.
func (s *pictureStore) file(name string) string {
	version := s.version()
	if version == "" {
		return ""
	}
	v := sha256.Sum256([]byte(version))
	return hex.EncodeToString(v[:8]) + "-" + name
}

func (s *pictureStore) Load(name string) ([]byte, bool) {
	file := s.file(name)
	if file == "" {
		return nil, false
	}
	data, err := edition.ReadRegular(filepath.Join(s.from, file))
	if err != nil {
		return nil, false
	}
	s.mu.Lock()
	s.loaded[name] = data
	s.mu.Unlock()
	return data, true
}

// Save keeps a picture for the next build. A failure to is no failure of the build: the next
// one prepares the picture again.
func (s *pictureStore) Save(name string, parts ...[]byte) {
	file := s.file(name)
	if file == "" {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.made {
		if os.MkdirAll(s.to, 0o755) != nil {
			return
		}
		s.made = true
	}
	if s.saved[name] {
		return // the same picture at another path of the edition: kept once
	}
	s.saved[name] = true
	to := filepath.Join(s.to, file)
	if old, ok := s.loaded[name]; ok && equalParts(old, parts) && os.Link(filepath.Join(s.from, file), to) == nil {
		return // the same bytes as the last build's file (not one found damaged): a second name for it
	}
	// A new file, never one written through: a name linked to the last build's file shares its
	// bytes.
	f, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return
	}
	for _, p := range parts {
		if _, err = f.Write(p); err != nil {
			break
		}
	}
	if cerr := f.Close(); err != nil || cerr != nil {
		os.Remove(to)
	}
}

// equalParts says whether data is the parts one after the other.
func equalParts(data []byte, parts [][]byte) bool {
	for _, p := range parts {
		if len(p) > len(data) || !bytes.Equal(data[:len(p)], p) {
			return false
		}
		data = data[len(p):]
	}
	return len(data) == 0
}

// executableDigest names colophon's code: the SHA-256 of the running binary, so that a build by
// any other code — another release, a binary built from a changed checkout — never takes what
// this one made. Reading a 30 MB binary costs about 30 ms, paid only by a build whose printer's
// files hold a colour picture (the first Load or Save asks for it). "" when the binary cannot be
// read: then nothing is kept.
func executableDigest() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	f, err := os.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))
}

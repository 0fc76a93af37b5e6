package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
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
	version  string // what the names are prefixed with: colophon's version (cacheVersion)

	mu     sync.Mutex
	loaded map[string][]byte // read from the last build's folder: linked, not written again, when kept as read
	made   bool              // the stage's folder exists
}

func newPictureStore(out, stage, version string) *pictureStore {
	return &pictureStore{from: filepath.Join(out, cacheDir, picturesDir), to: filepath.Join(stage, cacheDir, picturesDir),
		version: version, loaded: map[string][]byte{}}
}

// file is a picture's file name: the version's digest, then the picture's name.
func (s *pictureStore) file(name string) string {
	v := sha256.Sum256([]byte(s.version))
	return hex.EncodeToString(v[:8]) + "-" + name
}

func (s *pictureStore) Load(name string) ([]byte, bool) {
	data, err := edition.ReadRegular(filepath.Join(s.from, s.file(name)))
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
func (s *pictureStore) Save(name string, data []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.made {
		if os.MkdirAll(s.to, 0o755) != nil {
			return
		}
		s.made = true
	}
	to := filepath.Join(s.to, s.file(name))
	if old, ok := s.loaded[name]; ok && bytes.Equal(old, data) && os.Link(filepath.Join(s.from, s.file(name)), to) == nil {
		return // the same bytes as the last build's file (not one found damaged): a second name for it
	}
	if os.WriteFile(to, data, 0o644) != nil {
		os.Remove(to)
	}
}

// cacheVersion is what names colophon's code in the kept files' names, so that a build by another
// version never takes what this one made: the module's version for a released binary, the commit
// for one built from a clean checkout, with the Go release (the standard library decodes the
// JPEGs jpegscale does not). A binary built from a checkout with changes, or without version
// control information (go test, go run), gives "": it keeps nothing, since its code is not named.
func cacheVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v + " " + runtime.Version()
	}
	var rev string
	for _, s := range info.Settings {
		switch {
		case s.Key == "vcs.revision":
			rev = s.Value
		case s.Key == "vcs.modified" && s.Value != "false":
			return ""
		}
	}
	if rev == "" {
		return ""
	}
	return rev + " " + runtime.Version()
}

package library

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"colophon/internal/edition"
)

// File is a file of a bag, its path relative to the bag's root, with forward slashes.
type File struct {
	Path string
	Data []byte
	// Size and SHA256 describe a payload file whose Data the caller no longer holds (colophon
	// writes each output once and links the bag's copy to it); they are computed from Data when
	// SHA256 is empty.
	Size   int
	SHA256 string
}

func (f File) sum() (string, int) {
	if f.SHA256 != "" {
		return f.SHA256, f.Size
	}
	return sum(f.Data), len(f.Data)
}

// Bag packs files as a BagIt bag (RFC 8493): the payload under data/, bagit.txt, bag-info.txt
// (Source-Organization, Bagging-Date, Payload-Oxum, External-Description, External-Identifier),
// manifest-sha256.txt and tagmanifest-sha256.txt. The result is in path order.
func Bag(b *edition.Book, payload []File) []File {
	sorted := append([]File(nil), payload...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Path < sorted[j].Path })
	var manifest bytes.Buffer
	octets := 0
	var out []File
	for _, f := range sorted {
		p := "data/" + f.Path
		h, n := f.sum()
		fmt.Fprintf(&manifest, "%s  %s\n", h, encodePath(p))
		octets += n
		out = append(out, File{Path: p, Data: f.Data, Size: n, SHA256: h})
	}
	bagit := []byte("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n")
	var info bytes.Buffer
	field := func(k, v string) {
		if v != "" {
			fmt.Fprintf(&info, "%s: %s\n", k, strings.Join(strings.Fields(v), " "))
		}
	}
	field("Source-Organization", b.Publisher)
	field("Bagging-Date", b.Timestamp.UTC().Format("2006-01-02"))
	field("Payload-Oxum", fmt.Sprintf("%d.%d", octets, len(sorted)))
	field("External-Description", b.Title+". "+b.Description)
	field("External-Identifier", b.Identifier())
	field("Bag-Software-Agent", "colophon")
	tags := []File{{Path: "bag-info.txt", Data: info.Bytes()}, {Path: "bagit.txt", Data: bagit}, {Path: "manifest-sha256.txt", Data: manifest.Bytes()}}
	var tagm bytes.Buffer
	for _, t := range tags {
		fmt.Fprintf(&tagm, "%s  %s\n", sum(t.Data), t.Path)
	}
	out = append(out, tags...)
	out = append(out, File{Path: "tagmanifest-sha256.txt", Data: tagm.Bytes()})
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

func sum(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}

// encodePath percent-encodes what RFC 8493 §2.1.3 requires in manifest paths.
func encodePath(p string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(p)
}

func decodePath(p string) string {
	return strings.NewReplacer("%0D", "\r", "%0d", "\r", "%0A", "\n", "%0a", "\n", "%25", "%").Replace(p)
}

// VerifyBag checks a bag on disk: its declaration, every payload and tag file against the
// SHA-256 manifests, files present but not listed, and the Payload-Oxum. Each problem names
// its file. No problems means the bag is valid.
func VerifyBag(dir string) ([]string, error) {
	var problems []string
	bagit, err := edition.ReadRegular(filepath.Join(dir, "bagit.txt"))
	if err != nil {
		return nil, fmt.Errorf("%s is not a bag: %w", dir, err)
	}
	if !bytes.HasPrefix(bagit, []byte("BagIt-Version: ")) {
		problems = append(problems, "bagit.txt: does not begin with BagIt-Version")
	}
	listed, p, err := checkManifest(dir, "manifest-sha256.txt")
	if err != nil {
		return nil, err
	}
	problems = append(problems, p...)
	_, p, err = checkManifest(dir, "tagmanifest-sha256.txt")
	if err == nil {
		problems = append(problems, p...)
	} else if !os.IsNotExist(unwrap(err)) {
		return nil, err
	}
	// Every payload file must be listed.
	octets, count := 0, 0
	err = filepath.WalkDir(filepath.Join(dir, "data"), func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(dir, path)
		rel = filepath.ToSlash(rel)
		info, err := d.Info()
		if err != nil {
			return err
		}
		octets += int(info.Size())
		count++
		if !listed[rel] {
			problems = append(problems, rel+": in the payload but not in manifest-sha256.txt")
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if info, err := edition.ReadRegular(filepath.Join(dir, "bag-info.txt")); err == nil {
		for _, line := range strings.Split(string(info), "\n") {
			if v, ok := strings.CutPrefix(line, "Payload-Oxum: "); ok {
				if want := fmt.Sprintf("%d.%d", octets, count); strings.TrimSpace(v) != want {
					problems = append(problems, fmt.Sprintf("bag-info.txt: Payload-Oxum is %s, the payload is %s", strings.TrimSpace(v), want))
				}
			}
		}
	}
	sort.Strings(problems)
	return problems, nil
}

func unwrap(err error) error {
	for {
		u, ok := err.(interface{ Unwrap() error })
		if !ok {
			return err
		}
		err = u.Unwrap()
	}
}

// checkManifest verifies the files a manifest lists, returning them and the problems found.
func checkManifest(dir, name string) (map[string]bool, []string, error) {
	f, err := edition.OpenRegular(filepath.Join(dir, name))
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	defer f.Close()
	listed := map[string]bool{}
	var problems []string
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if line == "" {
			continue
		}
		want, path, ok := strings.Cut(line, " ")
		path = decodePath(strings.TrimLeft(path, " \t"))
		if !ok || path == "" {
			problems = append(problems, fmt.Sprintf("%s:%d: not a checksum and a path", name, n))
			continue
		}
		listed[path] = true
		full := filepath.Join(dir, filepath.FromSlash(path))
		if !strings.HasPrefix(filepath.Clean(full), filepath.Clean(dir)+string(filepath.Separator)) {
			problems = append(problems, fmt.Sprintf("%s:%d: %s leaves the bag", name, n, path))
			continue
		}
		r, err := edition.OpenRegular(full)
		if errors.Is(err, edition.ErrNotRegular) {
			problems = append(problems, path+": "+err.Error())
			continue
		}
		if err != nil {
			problems = append(problems, path+": listed in "+name+" but missing")
			continue
		}
		h := sha256.New()
		_, err = io.Copy(h, r)
		r.Close()
		if err != nil {
			problems = append(problems, path+": "+err.Error())
			continue
		}
		if got := hex.EncodeToString(h.Sum(nil)); got != strings.ToLower(want) {
			problems = append(problems, fmt.Sprintf("%s: checksum %s, %s says %s", path, got, name, want))
		}
	}
	return listed, problems, sc.Err()
}

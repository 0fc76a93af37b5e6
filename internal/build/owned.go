package build

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
)

// The output folder is replaced whole by every build, so it must hold nothing but what colophon
// wrote there: a folder is colophon's only when its manifest.json lists every file in it and each
// file still has the checksum the manifest records (SHA256SUMS, which covers manifest.json, must
// agree too). Anything else — a file a user put there, an output a user edited, a folder of the
// user's own with a manifest.json of any kind in it — stops the build with each such file named,
// and the folder is replaced only with --force.

// ForeignFiles is the answer for an output folder holding files colophon did not write.
type ForeignFiles struct {
	Out   string    // the folder, as the user would name it
	Files []foreign // sorted by path
}

type foreign struct{ path, why string }

// maxForeignShown bounds the files named: a folder of ten thousand photos needs a few lines and
// a count, not ten thousand.
const maxForeignShown = 20

func (e ForeignFiles) Error() string {
	var b strings.Builder
	for i, f := range e.Files {
		if i == maxForeignShown {
			fmt.Fprintf(&b, "%s: %d more files colophon did not make\n", e.Out, len(e.Files)-i)
			break
		}
		fmt.Fprintf(&b, "%s: %s\n", f.path, f.why)
	}
	fmt.Fprintf(&b, "colophon: %s was not replaced, so that nothing in it colophon did not write is lost: move those files out of it, or build with --force to replace the folder and them", e.Out)
	return b.String()
}

// checkOwned returns a ForeignFiles error when the folder out (absolute; shown as display) holds
// anything colophon did not write. A folder that does not exist, or is empty, is fine.
func checkOwned(out, display string) error {
	entries, err := os.ReadDir(out)
	if errors.Is(err, fs.ErrNotExist) || (err == nil && len(entries) == 0) {
		return nil
	}
	if err != nil {
		return err
	}
	sums, why := readManifest(out, display)
	// The folders the outputs are in; any other folder is the user's.
	dirs := map[string]bool{}
	for p := range sums {
		for d := path.Dir(p); d != "."; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	var found []foreign
	seen := map[[2]uint64]string{} // checksums of files already read, by device and inode: the bag's hard links
	rec := readFilesRecord(out)    // how the files stood when colophon wrote them (cache.go)
	err = filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == out {
			return nil
		}
		rel, _ := filepath.Rel(out, p)
		rel = filepath.ToSlash(rel)
		shown := display + "/" + rel
		if rel == cacheDir && d.IsDir() {
			return filepath.SkipDir // colophon's own (cache.go)
		}
		if d.IsDir() {
			if !dirs[rel] {
				if sub, _ := os.ReadDir(p); len(sub) == 0 {
					found = append(found, foreign{shown, "a folder colophon did not make"})
				}
			}
			return nil
		}
		if !d.Type().IsRegular() {
			found = append(found, foreign{shown, "not a file colophon writes (a link or a special file)"})
			return nil
		}
		if sums == nil {
			found = append(found, foreign{shown, "a file colophon did not make (" + why + ")"})
			return nil
		}
		want, listed := sums[rel]
		if !listed {
			found = append(found, foreign{shown, fmt.Sprintf("a file colophon did not make (%s/manifest.json does not list it)", display)})
			return nil
		}
		if info, err := d.Info(); err == nil && rec != nil {
			if st, ok := statOf(info); ok && st == rec[rel] {
				return nil // not written since colophon wrote it: the manifest's checksum is its
			}
		}
		got, err := fileSum(p, d, seen)
		if err != nil {
			return err
		}
		if got != want {
			found = append(found, foreign{shown, "changed since colophon wrote it"})
		}
		return nil
	})
	if err != nil {
		return err
	}
	if len(found) == 0 {
		return nil
	}
	sort.Slice(found, func(i, j int) bool { return found[i].path < found[j].path })
	return ForeignFiles{Out: display, Files: found}
}

// readManifest reads the checksums colophon recorded in the folder: every output's from
// manifest.json, and manifest.json's own from SHA256SUMS, which must list the same files with the
// same sums (SHA256SUMS is listed with the sum it should have: the one the manifest implies). It
// returns nil, and why, when the folder has no manifest colophon wrote.
func readManifest(out, display string) (map[string]string, string) {
	data, err := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err != nil {
		return nil, display + " has no manifest.json"
	}
	var m manifest
	if err := json.Unmarshal(data, &m); err != nil || m.Edition == "" || m.Outputs == nil {
		return nil, display + "/manifest.json is not a manifest colophon wrote"
	}
	sums := map[string]string{}
	var list bytes.Buffer
	for _, o := range m.Outputs {
		if o.Path == "" || !fs.ValidPath(o.Path) || o.Path == "manifest.json" || o.Path == "SHA256SUMS" {
			return nil, display + "/manifest.json is not a manifest colophon wrote"
		}
		sums[o.Path] = o.SHA256
		fmt.Fprintf(&list, "%s  %s\n", o.SHA256, o.Path)
	}
	h := sha256.Sum256(data)
	sums["manifest.json"] = hex.EncodeToString(h[:])
	fmt.Fprintf(&list, "%s  manifest.json\n", sums["manifest.json"])
	h = sha256.Sum256(list.Bytes())
	sums["SHA256SUMS"] = hex.EncodeToString(h[:])
	return sums, ""
}

// fileSum is a file's SHA-256, read once per inode.
func fileSum(p string, d fs.DirEntry, seen map[[2]uint64]string) (string, error) {
	var key [2]uint64
	if info, err := d.Info(); err == nil {
		if st, ok := info.Sys().(*syscall.Stat_t); ok && st.Nlink > 1 {
			key = [2]uint64{uint64(st.Dev), st.Ino}
			if s, ok := seen[key]; ok {
				return s, nil
			}
		}
	}
	f, err := os.Open(p)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, bufio.NewReaderSize(f, 1<<20)); err != nil {
		return "", err
	}
	s := hex.EncodeToString(h.Sum(nil))
	if key != [2]uint64{} {
		seen[key] = s
	}
	return s, nil
}

// listNames lists what the folder holds, for newForeign.
func listNames(out string) map[string]bool {
	names := map[string]bool{}
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() && p == filepath.Join(out, cacheDir) {
			return filepath.SkipDir
		}
		if err == nil && p != out {
			names[p] = true
		}
		return nil
	})
	return names
}

// newForeign names what appeared in the folder since checkOwned read it (known): a file dropped
// into the output folder while the build ran is the user's too, and the swap would take it.
func newForeign(out, display string, known map[string]bool) error {
	var found []foreign
	for p := range listNames(out) {
		if !known[p] {
			rel, _ := filepath.Rel(out, p)
			found = append(found, foreign{display + "/" + filepath.ToSlash(rel), "put there while colophon was building"})
		}
	}
	if len(found) == 0 {
		return nil
	}
	sort.Slice(found, func(i, j int) bool { return found[i].path < found[j].path })
	return ForeignFiles{Out: display, Files: found}
}

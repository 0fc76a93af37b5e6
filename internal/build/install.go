package build

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/sys/unix"
)

// outFolder resolves the output folder and refuses one whose replacement would destroy sources:
// the project folder itself, anything holding or inside source/, fonts/ or covers/ (also when a
// symlink on the way leads there), or something that is not a folder. Whether the folder holds
// files colophon did not write is checkOwned's question.
func outFolder(project, out string) (string, error) {
	if out == "" {
		out = "build"
	}
	if !filepath.IsAbs(out) {
		out = filepath.Join(project, out)
	}
	out = resolved(filepath.Clean(out))
	for _, keep := range []string{"", "source", "fonts", "covers"} {
		k := resolved(filepath.Join(project, keep))
		if out == k || within(out, k) || (keep != "" && within(k, out)) {
			return "", UsageError{fmt.Sprintf("--out %s would replace the project's own files; choose a folder of its own such as build", out)}
		}
	}
	if st, err := os.Lstat(out); err == nil && !st.IsDir() {
		return "", UsageError{fmt.Sprintf("--out %s exists and is not a folder; refusing to replace it", out)}
	}
	return out, nil
}

// resolved is a path with the symlinks of its existing part followed, so that a folder is
// compared with the project's by where it really is.
func resolved(p string) string {
	rest := ""
	for dir := p; ; dir = filepath.Dir(dir) {
		if real, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(real, rest)
		}
		if filepath.Dir(dir) == dir {
			return p
		}
		rest = filepath.Join(filepath.Base(dir), rest)
	}
}

// shownOut is the output folder as the user would name it: relative to the project when inside it.
func shownOut(project, out string) string {
	if r, err := filepath.Rel(project, out); err == nil && within(project, out) {
		return filepath.ToSlash(r)
	}
	return out
}

// within reports whether path lies strictly inside dir.
func within(dir, path string) bool {
	r, err := filepath.Rel(dir, path)
	return err == nil && r != "." && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator))
}

// stage is the new build folder while it is being filled: a fresh folder beside the output folder,
// into which each output is written as soon as its writer makes it (so that a large edition's
// outputs are never all in memory at once), and which is swapped in whole at the end. Until then
// the output folder is untouched; a failed build removes the stage.
type stage struct {
	out, dir string
	mu       sync.Mutex
	paths    map[string]bool
	count    int
	// failAfter, when set by tests, makes the build fail once that many outputs are written.
	failAfter int
	// kept are the last build's outputs that checkOwned found as colophon wrote them, by path:
	// their checksums and how each stood on disk (cache.go). An output of the same bytes is
	// linked to the last build's file rather than written again (reuse).
	kept    map[string]string
	keptRec map[string]fileStat
	linked  int // outputs linked to the last build's files
}

// keepLast lets the stage link outputs to the last build's files where their bytes are the same:
// after checkOwned has found the folder colophon's, so that its manifest's checksums are the
// files'.
func (st *stage) keepLast() {
	st.kept, _ = readManifest(st.out, "")
	st.keptRec = readFilesRecord(st.out)
}

// reuse links the stage's path p to the last build's file of the same output when that file has
// the checksum sum and has not been written since the last build (its size, times and inode are
// as the record says). Creating and writing a file, and freeing the last build's blocks, is
// most of what an output that did not change costs: a 250-document edition is 2,000 files, and
// creating them took a tenth of its build's CPU on this project's machine.
func (st *stage) reuse(path, sum, p string) bool {
	if st.kept == nil || st.kept[path] != sum {
		return false
	}
	old := filepath.Join(st.out, filepath.FromSlash(path))
	info, err := os.Lstat(old)
	if err != nil || !info.Mode().IsRegular() {
		return false
	}
	if now, ok := statOf(info); !ok || now != st.keptRec[path] {
		return false
	}
	if os.Link(old, p) != nil {
		return false
	}
	st.mu.Lock()
	st.linked++
	st.mu.Unlock()
	return true
}

func newStage(out string) (*stage, error) {
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	cleanStale(parent)
	// The folder's name carries the process id, so that a later build can tell a folder left by a
	// killed build from one another build is filling now.
	dir, err := os.MkdirTemp(parent, fmt.Sprintf(".colophon-build-%d-", os.Getpid()))
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return &stage{out: out, dir: dir, paths: map[string]bool{}}, nil
}

// claim reserves an output's path, refusing a second output of the same path.
func (st *stage) claim(path string) (string, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.paths[path] {
		return "", fmt.Errorf("two writers made %s", path)
	}
	st.paths[path] = true
	st.count++
	if st.failAfter > 0 && st.count > st.failAfter {
		return "", errors.New("build stopped on purpose (test)")
	}
	p := filepath.Join(st.dir, filepath.FromSlash(path))
	return p, os.MkdirAll(filepath.Dir(p), 0o755)
}

// put writes an output into the stage. It records the output's size and checksum (computed once
// here, for the manifest, the library records and the bag alike) and lets go of its data.
func (st *stage) put(o *Output) error {
	p, err := st.claim(o.Path)
	if err != nil {
		return err
	}
	if o.Link != "" {
		// A copy of an output already staged (the bag's payload): a hard link, or a copy where
		// the file system has none.
		src := filepath.Join(st.dir, filepath.FromSlash(o.Link))
		if os.Link(src, p) == nil {
			return nil
		}
		data, err := os.ReadFile(src)
		if err != nil {
			return err
		}
		return os.WriteFile(p, data, 0o644)
	}
	parts := o.Parts
	if parts == nil {
		parts = [][]byte{o.Data}
	}
	h := sha256.New()
	o.Size = 0
	for _, part := range parts {
		h.Write(part)
		o.Size += len(part)
	}
	o.SHA256 = hex.EncodeToString(h.Sum(nil))
	if !st.reuse(o.Path, o.SHA256, p) {
		err = writeParts(p, parts)
	}
	o.Data, o.Parts = nil, nil
	return err
}

// writeParts writes a file from its pieces.
func writeParts(path string, parts [][]byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	for _, part := range parts {
		if _, err := f.Write(part); err != nil {
			f.Close()
			return err
		}
	}
	return f.Close()
}

// commit swaps the stage in for the output folder. The swap is one rename(2) with
// RENAME_EXCHANGE, so at every instant the output folder is either the previous complete build or
// the new one, even if the process is killed. Files are not fsynced: the promise is about a killed
// or failed build, not a power cut, and syncing every output would cost more than the whole build.
//
// What is left once the new build is in place, removing the previous one and recording the
// files again, is returned as tidy, for the caller to run now or while it does something else
// (colophon watch: while the next edit is waited for). A tidy interrupted leaves a folder named
// .colophon-old-…, which the next build removes (cleanStale).
func (st *stage) commit() (tidy func() error, err error) {
	out, tmp := st.out, st.dir
	none := func() error { return nil }
	if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(tmp, out); err != nil {
			os.RemoveAll(tmp)
			return none, err
		}
		return none, nil
	}
	if err := unix.Renameat2(unix.AT_FDCWD, tmp, unix.AT_FDCWD, out, unix.RENAME_EXCHANGE); err != nil {
		os.RemoveAll(tmp)
		return none, fmt.Errorf("swapping in the new build: %w", err)
	}
	// tmp now holds the previous build; its name marks it as stale if removal is interrupted.
	old := strings.Replace(tmp, ".colophon-build-", ".colophon-old-", 1)
	if os.Rename(tmp, old) == nil {
		tmp = old
	}
	linked := st.linked > 0
	return func() error {
		if err := os.RemoveAll(tmp); err != nil {
			return err
		}
		if linked {
			// Removing the previous build's names for the files this one linked moved those
			// files' status-change times: the record is made again, or the next build would
			// find none of them as recorded, hash them all and link none. Should this fail, the
			// next build hashes.
			recordFiles(out)
		}
		return nil
	}, nil
}

// abort removes the stage after a failed build.
func (st *stage) abort() { os.RemoveAll(st.dir) }

// cleanStale removes what interrupted builds left beside the output folder: previous builds that
// were swapped out, and unfinished new ones whose process is gone (or, for a name without a
// process id, that are old enough that no build running now can own them).
func cleanStale(parent string) {
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		name := e.Name()
		p := filepath.Join(parent, name)
		switch {
		case strings.HasPrefix(name, ".colophon-old-"):
			os.RemoveAll(p)
		case strings.HasPrefix(name, ".colophon-build-"):
			if owner, ok := stageOwner(name); ok {
				if owner != os.Getpid() && unix.Kill(owner, 0) == unix.ESRCH {
					os.RemoveAll(p)
				}
			} else if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > time.Hour {
				os.RemoveAll(p)
			}
		}
	}
}

// stageOwner reads the process id from a stage folder's name (".colophon-build-PID-random").
func stageOwner(name string) (int, bool) {
	rest := strings.TrimPrefix(name, ".colophon-build-")
	i := strings.IndexByte(rest, '-')
	if i <= 0 {
		return 0, false
	}
	pid, err := strconv.Atoi(rest[:i])
	return pid, err == nil && pid > 0
}

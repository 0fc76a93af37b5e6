package build

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

// outFolder resolves the output folder and refuses one whose replacement would destroy sources:
// the project folder itself, anything holding or inside source/, fonts/ or covers/, or a folder
// that exists with other files in it and was not made by colophon.
func outFolder(project, out string) (string, error) {
	if out == "" {
		out = "build"
	}
	if !filepath.IsAbs(out) {
		out = filepath.Join(project, out)
	}
	out = filepath.Clean(out)
	for _, keep := range []string{"", "source", "fonts", "covers"} {
		k := filepath.Join(project, keep)
		if out == k || within(out, k) || (keep != "" && within(k, out)) {
			return "", UsageError{fmt.Sprintf("--out %s would replace the project's own files; choose a folder of its own such as build", out)}
		}
	}
	if st, err := os.Lstat(out); err == nil && !st.IsDir() {
		return "", UsageError{fmt.Sprintf("--out %s exists and is not a folder; refusing to replace it", out)}
	}
	entries, err := os.ReadDir(out)
	if err == nil && len(entries) > 0 {
		if _, err := os.Stat(filepath.Join(out, "manifest.json")); err != nil {
			return "", UsageError{fmt.Sprintf("--out %s exists and was not made by colophon (no manifest.json); refusing to replace it", out)}
		}
	}
	return out, nil
}

// within reports whether path lies strictly inside dir.
func within(dir, path string) bool {
	r, err := filepath.Rel(dir, path)
	return err == nil && r != "." && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator))
}

// install writes the outputs into a fresh folder beside out and swaps it in whole. When failed is
// not nil the new folder is removed and out is left as it was. The swap is one rename(2) with
// RENAME_EXCHANGE, so at every instant out is either the previous complete build or the new one,
// even if the process is killed. Files are not fsynced: the promise is about a killed or failed
// build, not a power cut, and syncing every output would cost more than the whole build.
func install(out string, outs []Output, failed error) error {
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	cleanStale(parent)
	tmp, err := os.MkdirTemp(parent, ".colophon-build-")
	if err != nil {
		return err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	for _, o := range outs {
		if failed != nil {
			break
		}
		p := filepath.Join(tmp, filepath.FromSlash(o.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			failed = err
			break
		}
		failed = os.WriteFile(p, o.Data, 0o644)
	}
	if failed != nil {
		os.RemoveAll(tmp)
		return failed
	}
	if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(tmp, out); err != nil {
			os.RemoveAll(tmp)
			return err
		}
		return nil
	}
	if err := unix.Renameat2(unix.AT_FDCWD, tmp, unix.AT_FDCWD, out, unix.RENAME_EXCHANGE); err != nil {
		os.RemoveAll(tmp)
		return fmt.Errorf("swapping in the new build: %w", err)
	}
	// tmp now holds the previous build; its name marks it as stale if removal is interrupted.
	old := strings.Replace(tmp, ".colophon-build-", ".colophon-old-", 1)
	if os.Rename(tmp, old) == nil {
		tmp = old
	}
	return os.RemoveAll(tmp)
}

// cleanStale removes what interrupted builds left beside the output folder: previous builds that
// were swapped out, and unfinished new ones old enough that no build running now can own them.
func cleanStale(parent string) {
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		name := e.Name()
		p := filepath.Join(parent, name)
		switch {
		case strings.HasPrefix(name, ".colophon-old-"):
			os.RemoveAll(p)
		case strings.HasPrefix(name, ".colophon-build-"):
			if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > time.Hour {
				os.RemoveAll(p)
			}
		}
	}
}

package build

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A user's file in the output folder survives a build, and the build says which file stopped it
// and why; --force replaces the folder.
func TestUsersFileInBuildSurvives(t *testing.T) {
	dir := project(t)
	if _, err := Run(Options{Dir: dir}, fake); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "build")
	before := read(t, filepath.Join(out, "SHA256SUMS"))
	os.WriteFile(filepath.Join(out, "notes.txt"), []byte("mine"), 0o644)
	os.MkdirAll(filepath.Join(out, "empty"), 0o755)
	_, err := Run(Options{Dir: dir}, fake)
	var ff ForeignFiles
	if !errors.As(err, &ff) {
		t.Fatalf("got %v, want the files colophon did not make", err)
	}
	msg := err.Error()
	for _, want := range []string{
		"build/notes.txt: a file colophon did not make (build/manifest.json does not list it)",
		"build/empty: a folder colophon did not make",
		"--force",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("the message does not say %q:\n%s", want, msg)
		}
	}
	if read(t, filepath.Join(out, "notes.txt")) != "mine" {
		t.Error("the user's file was lost")
	}
	if read(t, filepath.Join(out, "SHA256SUMS")) != before {
		t.Error("the previous build was changed")
	}
	os.Remove(filepath.Join(out, "notes.txt"))
	os.Remove(filepath.Join(out, "empty"))

	// A file colophon made and the user changed is the user's now.
	os.WriteFile(filepath.Join(out, "t.txt"), []byte("edited by hand"), 0o644)
	_, err = Run(Options{Dir: dir}, fake)
	if err == nil || !strings.Contains(err.Error(), "build/t.txt: changed since colophon wrote it") {
		t.Fatalf("an edited output: got %v", err)
	}
	if read(t, filepath.Join(out, "t.txt")) != "edited by hand" {
		t.Error("the edited output was replaced")
	}
	// --force replaces the folder, edited file and all.
	if _, err := Run(Options{Dir: dir, Force: true}, fake); err != nil {
		t.Fatalf("--force: %v", err)
	}
	if read(t, filepath.Join(out, "SHA256SUMS")) != before {
		t.Error("--force did not put a fresh build in place")
	}
	// And the fresh build is colophon's again: the next build replaces it without --force.
	if _, err := Run(Options{Dir: dir}, fake); err != nil {
		t.Fatalf("a build over colophon's own folder: %v", err)
	}
}

// A folder with any manifest.json in it is not colophon's on that account: `--out DIR` onto a
// user's folder holding "{}" as manifest.json and a thesis deletes nothing.
func TestOutOntoAFolderWithAFalseManifest(t *testing.T) {
	dir := project(t)
	mine := filepath.Join(dir, "mine")
	os.MkdirAll(filepath.Join(mine, "ch"), 0o755)
	os.WriteFile(filepath.Join(mine, "manifest.json"), []byte("{}"), 0o644)
	os.WriteFile(filepath.Join(mine, "thesis.txt"), []byte("years of work"), 0o644)
	os.WriteFile(filepath.Join(mine, "ch", "one.txt"), []byte("chapter"), 0o644)
	_, err := Run(Options{Dir: dir, Out: "mine"}, fake)
	if err == nil {
		t.Fatal("the folder was replaced")
	}
	for _, want := range []string{"mine/thesis.txt: a file colophon did not make", "mine/ch/one.txt: a file colophon did not make"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the message does not say %q:\n%v", want, err)
		}
	}
	if read(t, filepath.Join(mine, "thesis.txt")) != "years of work" || read(t, filepath.Join(mine, "ch", "one.txt")) != "chapter" {
		t.Error("the user's files were lost")
	}
	// A folder with no manifest at all names its files the same way.
	os.Remove(filepath.Join(mine, "manifest.json"))
	if _, err := Run(Options{Dir: dir, Out: "mine"}, fake); err == nil || !strings.Contains(err.Error(), "mine/thesis.txt: a file colophon did not make (mine has no manifest.json)") {
		t.Errorf("no manifest: got %v", err)
	}
}

// An output folder reached through a symlink into the sources is the sources.
func TestOutThroughASymlinkIntoTheSources(t *testing.T) {
	dir := project(t)
	if err := os.Symlink("source", filepath.Join(dir, "x")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	_, err := Run(Options{Dir: dir, Out: "x/y", Force: true}, fake)
	var ue UsageError
	if !errors.As(err, &ue) || !strings.Contains(err.Error(), "would replace the project's own files") {
		t.Errorf("got %v", err)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "source"))
	if len(entries) != 2 {
		t.Errorf("source/ now holds %d entries", len(entries))
	}
}

// build/.cache is colophon's: not listed in the manifest or SHA256SUMS, not taken for a user's
// folder, and its record of the files does not hide an edit that keeps a file's size and
// modification time (the status-change time moves); a file named .cache is the user's.
func TestCacheFolderAndFilesRecord(t *testing.T) {
	dir := project(t)
	if _, err := Run(Options{Dir: dir}, fake); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "build")
	if _, err := os.Stat(filepath.Join(out, cacheDir, filesRecord)); err != nil {
		t.Fatalf("no record of the files: %v", err)
	}
	for _, f := range []string{"manifest.json", "SHA256SUMS"} {
		if strings.Contains(read(t, filepath.Join(out, f)), cacheDir) {
			t.Errorf("%s lists the cache", f)
		}
	}
	// A second build over the first: the folder is colophon's, cache and all.
	if _, err := Run(Options{Dir: dir}, fake); err != nil {
		t.Fatalf("a build over a build with its cache: %v", err)
	}
	// The same number of bytes, the modification time put back: still an edit.
	p := filepath.Join(out, "t.txt")
	info, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	data := []byte(read(t, p))
	data[0] ^= 1
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(p, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(Options{Dir: dir}, fake); err == nil || !strings.Contains(err.Error(), "build/t.txt: changed since colophon wrote it") {
		t.Fatalf("an edit of the same size with its time put back: got %v", err)
	}
	if _, err := Run(Options{Dir: dir, Force: true}, fake); err != nil {
		t.Fatal(err)
	}
	// A file, not a folder, called .cache is a user's.
	os.RemoveAll(filepath.Join(out, cacheDir))
	os.WriteFile(filepath.Join(out, cacheDir), []byte("mine"), 0o644)
	if _, err := Run(Options{Dir: dir}, fake); err == nil || !strings.Contains(err.Error(), "build/.cache: a file colophon did not make") {
		t.Fatalf("a file named .cache: got %v", err)
	}
}

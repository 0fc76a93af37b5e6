// Command samebytes says whether a change to colophon's code changed any output: it builds the
// same editions with colophon at a git revision and with the working tree, and compares their
// SHA256SUMS file by file. A refactoring should print "same" for every edition. Run it from the
// repository root:
//
//	go run ./scripts/samebytes              # against HEAD
//	go run ./scripts/samebytes -rev main    # against main (after a rebase: the new base commit)
//	go run ./scripts/samebytes -docs 1000   # a larger generated edition
//
// The editions are written once, by the working tree's code, and both binaries build the same
// files: the seed (the repository's source/, as it is in the working tree), the seed with a 3 mm
// bleed, the rich edition (internal/gen), the rich edition with a cover image, a print service
// and a bleed, the edition in four languages, and a generated edition of -docs documents
// (`colophon generate`), without a register and with one of 299 persons (`generate -names 299`).
// The revision is checked out into a temporary git worktree, removed at the end. Exit status 1 when any output differs or a build fails.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"colophon/internal/gen"
)

var (
	rev  = flag.String("rev", "HEAD", "the git revision to compare the working tree with")
	docs = flag.Int("docs", 250, "documents in the generated edition")
	keep = flag.Bool("keep", false, "keep the temporary folder (its path is printed) to look at the outputs")
)

// edition is one project both binaries build, with the build's extra arguments.
type edition struct {
	name    string
	project string // the folder under editions/; the name when empty
	args    []string
}

func main() {
	flag.Parse()
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "samebytes:", err)
		os.Exit(1)
	}
}

func run() error {
	root, err := gitOut(".", "rev-parse", "--show-toplevel")
	if err != nil {
		return fmt.Errorf("not in a git checkout: %v", err)
	}
	commit, err := gitOut(root, "rev-parse", "--short", *rev+"^{commit}")
	if err != nil {
		return fmt.Errorf("revision %q: %v", *rev, err)
	}
	tmp, err := os.MkdirTemp("", "samebytes-")
	if err != nil {
		return err
	}
	if *keep {
		fmt.Println("outputs in", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}

	base := filepath.Join(tmp, "base")
	if _, err := gitOut(root, "worktree", "add", "--detach", base, commit); err != nil {
		return err
	}
	defer gitOut(root, "worktree", "remove", "--force", base)

	bins := map[string]string{"base": filepath.Join(tmp, "colophon-base"), "work": filepath.Join(tmp, "colophon-work")}
	for tree, dir := range map[string]string{"base": base, "work": root} {
		if out, err := command(dir, nil, "go", "build", "-o", bins[tree], "./cmd/colophon"); err != nil {
			return fmt.Errorf("building colophon (%s): %v\n%s", tree, err, out)
		}
	}

	eds, err := writeEditions(root, filepath.Join(tmp, "editions"))
	if err != nil {
		return err
	}
	fmt.Printf("comparing %s (%s) with the working tree\n", *rev, commit)
	differ := false
	for _, ed := range eds {
		sums := map[string]map[string]string{}
		for _, tree := range []string{"base", "work"} {
			out := filepath.Join(tmp, "out", tree, ed.name)
			project := ed.project
			if project == "" {
				project = ed.name
			}
			args := append([]string{"build", "-q", "-C", filepath.Join(tmp, "editions", project), "--out", out}, ed.args...)
			// SOURCE_DATE_EPOCH is left out: the outputs' timestamp is then the edition's date.
			if msg, err := command(root, []string{"SOURCE_DATE_EPOCH="}, bins[tree], args...); err != nil {
				return fmt.Errorf("%s: colophon build (%s): %v\n%s", ed.name, tree, err, msg)
			}
			if sums[tree], err = readSums(filepath.Join(out, "SHA256SUMS")); err != nil {
				return err
			}
		}
		diffs := compare(sums["base"], sums["work"])
		if len(diffs) == 0 {
			fmt.Printf("%-24s same: %d files\n", ed.name, len(sums["work"]))
			continue
		}
		differ = true
		fmt.Printf("%-24s DIFFERENT: %d of %d files\n", ed.name, len(diffs), len(sums["work"]))
		for _, d := range diffs {
			fmt.Println("  " + d)
		}
	}
	if differ {
		return fmt.Errorf("outputs differ from %s", *rev)
	}
	return nil
}

// writeEditions writes the projects both binaries build, with the working tree's code.
func writeEditions(root, dir string) ([]edition, error) {
	project := func(name string) string { return filepath.Join(dir, name) }
	// The seed: the repository's own project folders.
	for _, sub := range []string{"source", "fonts", "covers"} {
		if _, err := os.Stat(filepath.Join(root, sub)); err == nil {
			if err := os.CopyFS(filepath.Join(project("seed"), sub), os.DirFS(filepath.Join(root, sub))); err != nil {
				return nil, err
			}
		}
	}
	if err := gen.WriteRich(project("rich")); err != nil {
		return nil, err
	}
	// The rich edition with what it lacks: a cover image (so the wrap cover's front is a picture)
	// and a print service other than the default.
	if err := gen.WriteRich(project("rich-cover")); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Join(project("rich-cover"), "covers"), 0o755); err != nil {
		return nil, err
	}
	var jpg bytes.Buffer
	if err := jpeg.Encode(&jpg, gen.Manuscript(800, 1280), &jpeg.Options{Quality: 80}); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(project("rich-cover"), "covers", "cover.jpg"), jpg.Bytes(), 0o644); err != nil {
		return nil, err
	}
	yaml := filepath.Join(project("rich-cover"), "source", "book.yaml")
	data, err := os.ReadFile(yaml)
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(yaml, append(data, "print: {service: kdp}\n"...), 0o644); err != nil {
		return nil, err
	}
	if err := gen.WriteLanguages(project("languages")); err != nil {
		return nil, err
	}
	generated := fmt.Sprintf("generated-%d", *docs)
	if err := gen.Write(project(generated), *docs, 1); err != nil {
		return nil, err
	}
	// The same number of documents naming 299 persons, with their register: the notes on persons
	// and the indexes, whose pages are made from the others'.
	registered := generated + "-register"
	if err := gen.WriteWith(project(registered), *docs, 1, gen.Options{Names: 299}); err != nil {
		return nil, err
	}
	return []edition{
		{name: "seed"},
		{name: "seed-bleed", project: "seed", args: []string{"--bleed", "3mm"}},
		{name: "rich"},
		{name: "rich-cover", args: []string{"--bleed", "3mm"}},
		{name: "languages"},
		{name: generated},
		{name: registered},
	}, nil
}

// readSums reads a SHA256SUMS file: path → checksum.
func readSums(path string) (map[string]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	sums := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		sum, file, ok := strings.Cut(sc.Text(), "  ")
		if !ok {
			return nil, fmt.Errorf("%s: a line without a checksum: %q", path, sc.Text())
		}
		sums[file] = sum
	}
	return sums, sc.Err()
}

// compare lists the files that are not the same in both builds, by path.
func compare(base, work map[string]string) []string {
	var diffs []string
	for p, s := range base {
		switch w, ok := work[p]; {
		case !ok:
			diffs = append(diffs, p+": only at the revision")
		case w != s:
			diffs = append(diffs, p+": changed")
		}
	}
	for p := range work {
		if _, ok := base[p]; !ok {
			diffs = append(diffs, p+": only in the working tree")
		}
	}
	sort.Strings(diffs)
	return diffs
}

func gitOut(dir string, args ...string) (string, error) {
	out, err := command(dir, nil, "git", args...)
	if err != nil {
		return "", fmt.Errorf("git %s: %v: %s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out)), nil
}

func command(dir string, env []string, name string, args ...string) ([]byte, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	return cmd.CombinedOutput()
}

package source

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Skeleton is what `colophon init` writes: a small edition that builds, showing each feature of the
// source format once.
var Skeleton = []struct{ Path, Text string }{
	{".gitignore", "/build/\n/.colophon-*\n"},
	{"source/book.yaml", `# The edition. Every key is explained in colophon's README ("source/book.yaml").
# name is the base of the output files' names (build/NAME.epub, build/NAME.pdf); init takes it from
# the folder's name.
name: NAME
title: "A New Edition"
subtitle: "Documents from the archive"
language: en
contributors:
  - name: A. Translator
    role: translator
publisher: The Publisher
date: 2026-01-01
rights: "All rights reserved."
description: "One document, to show the source format."
subjects:
  - Letters
trim: a5
`},
	{"source/01-first.md", `---
title: "The First Document[^1]"
dateline: "[1 January 1956]"
archive: "Archive. Fond 1. File 1."
---

Each document is a Markdown file in source/, set in file-name order. Its title, dateline, salutation,
signature, endorsements and archival reference are front matter; the text follows.

A paragraph may carry a note.[^2] Notes are numbered per document in the order they are cited.

[^1]: A note on the title: where the document was found.

[^2]: Notes are set at the foot of the page in print and pop up in ebooks.
`},
}

// InitName is the name init writes for a new edition in dir: the folder's own name, made of
// lower-case letters, digits and hyphens ("Voices of 1848" becomes voices-of-1848), as book.yaml's
// name must be.
func InitName(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		abs = dir
	}
	name := strings.Join(strings.FieldsFunc(strings.ToLower(filepath.Base(abs)), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}), "-")
	if name == "" {
		return "edition"
	}
	return name
}

// Init writes a new edition into dir, refusing to overwrite an existing one.
func Init(dir string) error {
	if _, err := os.Stat(filepath.Join(dir, "source")); err == nil {
		return fmt.Errorf("%s already has a source folder; init makes new editions only", dir)
	} else if !errors.Is(err, os.ErrNotExist) {
		return err
	}
	for _, f := range Skeleton {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if _, err := os.Stat(p); err == nil {
			continue // keep a .gitignore the folder already has
		}
		text := f.Text
		if f.Path == "source/book.yaml" {
			text = strings.Replace(text, "name: NAME", "name: "+InitName(dir), 1)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			return err
		}
	}
	return os.MkdirAll(filepath.Join(dir, "covers"), 0o755)
}

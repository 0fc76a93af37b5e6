package source

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Skeleton is what `colophon init` writes: a small edition that builds, showing each feature of the
// source format once.
var Skeleton = []struct{ Path, Text string }{
	{".gitignore", "/build/\n/.colophon-*\n"},
	{"source/book.yaml", `# The edition. Every key is explained in colophon's README ("source/book.yaml").
title: "A New Edition"
subtitle: "Documents from the archive"
language: en
original_language: ru
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
		if err := os.WriteFile(p, []byte(f.Text), 0o644); err != nil {
			return err
		}
	}
	return os.MkdirAll(filepath.Join(dir, "covers"), 0o755)
}

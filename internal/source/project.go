// Package source reads an edition's sources — source/book.yaml, source/*.md, fonts and covers —
// into the edition model, and checks them. Every mistake a user can make is reported as a
// diagnostic with its file, line and column; nothing here panics on bad input or writes a file.
package source

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/yuin/goldmark/text"
	"golang.org/x/image/font/sfnt"

	"colophon/fonts"
	"colophon/internal/edition"
	"colophon/internal/fontfile"
	"colophon/internal/print"
)

// Options are the inputs to loading that do not come from the project folder.
type Options struct {
	// SourceDateEpoch is the value of SOURCE_DATE_EPOCH, or "" when unset.
	SourceDateEpoch string
}

// maxSourceBytes bounds one source file: far above any real document, low enough that a runaway
// file is refused with a message instead of exhausting memory.
const maxSourceBytes = 64 << 20

// project is the state of one load: the folder, what was found, and the findings.
type project struct {
	dir string // absolute, symlinks resolved
	ds  edition.Diagnostics
	// warn are findings that stop nothing (a language colophon cannot hyphenate): Load returns
	// them beside the book.
	warn edition.Diagnostics
	// pictures are the picture files read so far, by absolute path: a picture shown in several
	// places is read once, and every place holds the same bytes.
	pictures map[string]*edition.Picture
	// bib are the works of source/references.bib by key (nil without one), cited the keys the
	// documents cite, in the order first cited.
	bib   map[string]*bibEntry
	cited []string
	// register is source/register.yaml's entries (nil without one), and forms their forms.
	register *edition.Register
	forms    []registerForm
	// xrefs are the cross-references met, in reading order, and spanIDs the ids spans give:
	// resolved once every document is read (xref.go).
	xrefs   []xrefUse
	spanIDs []spanID
}

// Load reads the edition in dir. It returns the book and the warnings (findings that stop
// nothing, which check and build print and go on), or the diagnostics as an edition.Diagnostics
// error (content errors), or another error (the folder could not be read).
func Load(dir string, opt Options) (*edition.Book, edition.Diagnostics, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, nil, err
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	if st, err := os.Stat(filepath.Join(abs, "source")); err != nil || !st.IsDir() {
		return nil, nil, fmt.Errorf("%s is not a colophon project: it has no source folder (colophon init %s makes a new edition there)", abs, dir)
	}
	p := &project{dir: abs}
	b := &edition.Book{Dir: abs}
	p.load(b)
	if len(p.ds) == 0 {
		if ts, err := timestamp(b.Date, opt.SourceDateEpoch); err != nil {
			return nil, nil, err
		} else {
			b.Timestamp = ts
		}
	}
	if len(p.ds) > 0 {
		return nil, nil, p.ds.Sorted()
	}
	return b, p.warn.Sorted(), nil
}

// timestamp is the instant recorded in outputs: SOURCE_DATE_EPOCH if set, else the edition date.
func timestamp(date, epoch string) (time.Time, error) {
	if epoch != "" {
		n, err := strconv.ParseInt(epoch, 10, 64)
		if err != nil || n < 0 {
			return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a whole number of seconds since 1970", epoch)
		}
		return time.Unix(n, 0).UTC(), nil
	}
	t, err := time.Parse("2006-01-02", date)
	if err != nil {
		return time.Time{}, fmt.Errorf("edition date %q: %v", date, err)
	}
	return t.UTC(), nil
}

func (p *project) load(b *edition.Book) {
	const bookPath = "source/book.yaml"
	raw, err := p.read(bookPath)
	var by *bookYAML
	switch {
	case errors.Is(err, fs.ErrNotExist):
		p.ds.Add(edition.Pos{Path: bookPath, Line: 1, Col: 1}, "missing: every edition needs source/book.yaml (colophon init DIR makes a new edition)")
	case err != nil:
		p.ds.Add(fileProblem(bookPath, err), "%v", err)
	default:
		if f, ok := readText(bookPath, raw, &p.ds); ok {
			by = parseBookYAML(f, b, &p.ds)
		}
	}
	if b.Name == "" {
		b.Name = slug(b.Title)
	}
	if b.Print.Trim.Name == "" {
		b.Print.Trim = print.DefaultTrim
	}
	if b.Print.Service.Key == "" {
		b.Print.Service = print.DefaultService
	}
	if b.Print.Condition == "" {
		b.Print.Condition = "FOGRA39"
	}
	if b.Print.PaperIn == 0 {
		b.Print.Paper, b.Print.PaperIn = "white", paperPresets["white"]
	}
	cov := p.loadFonts(b, by)
	if by != nil && b.Language != "" {
		p.noPatterns(b, b.Language, by.languagePos)
	}
	if by != nil {
		b.Cover = p.checkCover(by.cover)
		if by.cover.value == "" {
			b.Cover = p.defaultCover()
		}
		for _, s := range by.strings {
			cov.checkString(&p.ds, s.pos, s.value)
		}
	}

	p.loadRegister(b, cov)

	if f := p.loadReferences(); f != nil {
		cov.checkText(&p.ds, f)
	}

	paths, err := filepath.Glob(filepath.Join(p.dir, "source", "*.md"))
	if err != nil {
		p.ds.Add(edition.Pos{Path: "source", Line: 1, Col: 1}, "%v", err)
		return
	}
	sort.Strings(paths)
	if len(paths) == 0 {
		p.ds.Add(edition.Pos{Path: "source/"}, "no documents: add Markdown files such as source/01-first.md")
	}
	ids := map[string]bool{}
	for _, abs := range paths {
		rel := "source/" + filepath.Base(abs)
		raw, err := p.read(rel)
		if err != nil {
			p.ds.Add(fileProblem(rel, err), "%v", err)
			continue
		}
		f, ok := readText(rel, raw, &p.ds)
		if !ok {
			continue
		}
		// Nesting and paragraphs too deep or long to parse and set are found first, by a scan
		// of the lines: nothing else reads such a file.
		if off, msg := nestingProblem(f.data); off >= 0 {
			p.ds.Add(f.pos(off), "%s", msg)
			continue
		}
		cov.checkText(&p.ds, f)
		if d := p.loadDocument(f, b, cov); d != nil {
			d.ID = documentID(rel, ids)
			b.Documents = append(b.Documents, d)
		}
	}
	b.Bibliography = p.bibliography()
	p.resolveXRefs(b)
	if len(p.ds) == 0 {
		p.findOccurrences(b)
	}
}

// loadReferences reads source/references.bib, when there is one.
func (p *project) loadReferences() *textFile {
	const path = "source/references.bib"
	raw, err := p.read(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		p.ds.Add(edition.Pos{Path: path, Line: 1, Col: 1}, "%v", err)
		return nil
	}
	f, ok := readText(path, raw, &p.ds)
	if !ok {
		return nil
	}
	p.bib = parseBibTeX(f, &p.ds)
	return f
}

// read reads a file of the project, refusing files that are too large or lead outside the project.
func (p *project) read(rel string) ([]byte, error) {
	abs, err := p.inside(rel)
	if err != nil {
		return nil, err
	}
	f, err := edition.OpenRegular(abs)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.Size() > maxSourceBytes {
		return nil, fmt.Errorf("file is %d MB; source files may be at most %d MB", st.Size()>>20, maxSourceBytes>>20)
	}
	return io.ReadAll(io.LimitReader(f, maxSourceBytes+1))
}

// fileProblem places a problem reading a whole file: at the file when it is not a file at all,
// else at its first line.
func fileProblem(rel string, err error) edition.Pos {
	if errors.Is(err, edition.ErrNotRegular) {
		return edition.Pos{Path: rel}
	}
	return edition.Pos{Path: rel, Line: 1, Col: 1}
}

// picture reads a picture file, once however many places show it: each place gets a Picture of
// its own (the Markdown reader tells them apart), all holding the same bytes.
func (p *project) picture(abs, rel string) (*edition.Picture, error) {
	if pic, ok := p.pictures[abs]; ok {
		again := *pic
		again.Path = rel
		return &again, nil
	}
	pic, err := readPicture(abs, rel)
	if err != nil {
		return nil, err
	}
	if p.pictures == nil {
		p.pictures = map[string]*edition.Picture{}
	}
	p.pictures[abs] = pic
	return pic, nil
}

// inside resolves a project-relative path, following symlinks, and refuses one that leaves the project.
// errOutside is inside's answer for a path that leaves the project, by its name or a symlink.
var errOutside = errors.New("leads outside the project folder")

func (p *project) inside(rel string) (string, error) {
	if filepath.IsAbs(rel) {
		return "", fmt.Errorf("%q is an absolute path; name files relative to the project folder", rel)
	}
	abs := filepath.Join(p.dir, filepath.FromSlash(rel))
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) && within(p.dir, abs) {
			return abs, fs.ErrNotExist
		}
		if !within(p.dir, abs) {
			return "", fmt.Errorf("%q %w", rel, errOutside)
		}
		return "", err
	}
	if !within(p.dir, real) {
		return "", fmt.Errorf("%q %w", rel, errOutside)
	}
	return real, nil
}

func within(dir, path string) bool {
	r, err := filepath.Rel(dir, path)
	return err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator)) && !filepath.IsAbs(r)
}

// image resolves an image's path as every Markdown editor and previewer does, from the folder of
// the Markdown file that names it, and returns it relative to the project folder (where the
// writers read it). It reports a path that is remote, absolute, leaves the project, or names no
// file; a path that names a file only when read from the project folder gets the path to write.
func (p *project) image(at edition.Pos, src string) (string, *edition.Picture) {
	if strings.Contains(src, "://") {
		p.ds.Add(at, "image %q is remote; put the file in the project folder (print editions need it)", src)
		return src, nil
	}
	if path.IsAbs(src) || filepath.IsAbs(src) {
		p.ds.Add(at, "image %q is an absolute path; name it relative to %s", src, at.Path)
		return src, nil
	}
	from := path.Dir(filepath.ToSlash(at.Path))
	rel := path.Join(from, src)
	abs, err := p.inside(rel)
	if err == nil {
		pic, err := p.picture(abs, rel)
		if err != nil {
			p.ds.Add(at, "image %q %v", src, err)
			return rel, nil
		}
		return rel, pic
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if _, err := p.inside(src); err == nil && !strings.HasPrefix(path.Clean(src), "..") {
			want, _ := filepath.Rel(filepath.FromSlash(from), filepath.FromSlash(path.Clean(src)))
			p.ds.Add(at, "image %q does not exist: image paths are read from the folder of %s; write %q", src, at.Path, filepath.ToSlash(want))
		} else {
			p.ds.Add(at, "image %q does not exist", src)
		}
	case errors.Is(err, errOutside):
		p.ds.Add(at, "image %q leads outside the project folder", src)
	default:
		p.ds.Add(at, "image: %v", err)
	}
	return rel, nil
}

func (p *project) checkCover(c yamlString) string {
	if c.value == "" {
		return ""
	}
	ext := strings.ToLower(filepath.Ext(c.value))
	if ext != ".jpg" && ext != ".jpeg" && ext != ".png" {
		p.ds.Add(c.pos, "cover %q must be a .jpg or .png image", c.value)
		return ""
	}
	abs, err := p.inside(c.value)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			p.ds.Add(c.pos, "cover %q does not exist", c.value)
		} else {
			p.ds.Add(c.pos, "cover: %v", err)
		}
		return ""
	}
	// The cover is read as figures' pictures are: the build would fail on one that check let by.
	if _, err := readPicture(abs, c.value); err != nil {
		p.ds.Add(c.pos, "cover %q %v", c.value, err)
		return ""
	}
	return c.value
}

// translation resolves who translated a document and from what: its front matter's translator,
// original_language and original, else the book's. A translator named in front matter must be
// one of book.yaml's contributors with role translator, so that the records list everyone.
func (p *project) translation(d *edition.Document, fm *frontMatter, b *edition.Book, cov *coverage) {
	var bookTranslators []string
	for _, c := range b.ContributorsWith("translator") {
		bookTranslators = append(bookTranslators, c.Name)
	}
	d.Translators = bookTranslators
	d.OriginalLanguage = b.OriginalLanguage
	if fm.originalLang.text != "" {
		d.OriginalLanguage = fm.originalLang.text
	}
	if fm.original.text != "" {
		d.Original = fm.original.text
		cov.checkString(&p.ds, fm.original.pos, fm.original.text)
	}
	if fm.hasTranslator {
		d.Translators = nil
		for _, t := range fm.translators {
			switch {
			case t.text == "none":
				d.Untranslated = true
			case !slices.Contains(bookTranslators, t.text):
				if len(bookTranslators) == 0 {
					p.ds.Add(t.pos, "translator %q: book.yaml names no translator; add %q to its contributors with role translator", t.text, t.text)
				} else {
					hint := ""
					if c := Closest(t.text, bookTranslators); c != "" {
						hint = fmt.Sprintf(" (did you mean %q?)", c)
					}
					p.ds.Add(t.pos, "translator %q is not among book.yaml's translators (%s)%s; add them to its contributors with role translator", t.text, strings.Join(bookTranslators, ", "), hint)
				}
			default:
				d.Translators = append(d.Translators, t.text)
			}
		}
		if d.Untranslated && len(d.Translators) > 0 {
			p.ds.Add(fm.translators[0].pos, "translator: none cannot be given with translators' names")
		}
	}
	if d.OriginalLanguage != "" && sameLanguage(d.Language, d.OriginalLanguage) {
		d.Untranslated = true
	}
	if d.Untranslated {
		d.Translators = nil
	}
}

func sameLanguage(a, b string) bool {
	pa, _, _ := strings.Cut(strings.ToLower(a), "-")
	pb, _, _ := strings.Cut(strings.ToLower(b), "-")
	return pa == pb
}

// noPatterns warns of a language colophon has no hyphenation patterns for: its text is set
// without hyphenation, which a reader sees as looser lines, so it is said rather than done silently.
// Hebrew, Yiddish and the languages in Arabic script are not hyphenated by their own typographic
// custom, so their text is set as it should be and nothing is said.
func (p *project) noPatterns(b *edition.Book, lang string, at edition.Pos) {
	if edition.HyphenationLanguage(lang) == "" && !edition.RightToLeft(lang) {
		p.warn.Add(at, "warning: colophon has no hyphenation patterns for %q; its text is set without hyphenation (see README, Languages)", lang)
	}
}

// defaultCover is covers/cover.jpg or covers/cover.png when book.yaml names no cover. One that is
// there but cannot be the cover — a folder, a symlink out of the project, a damaged picture — is
// reported rather than passed over for the typographic cover.
func (p *project) defaultCover() string {
	for _, c := range []string{"covers/cover.jpg", "covers/cover.jpeg", "covers/cover.png"} {
		if _, err := os.Lstat(filepath.Join(p.dir, filepath.FromSlash(c))); err != nil {
			continue
		}
		abs, err := p.inside(c)
		if err == nil {
			_, err = readPicture(abs, c)
		} else if errors.Is(err, errOutside) {
			err = errOutside
		}
		if err != nil {
			p.ds.Add(edition.Pos{Path: c}, "the cover %v", strings.TrimPrefix(err.Error(), "is a folder, not a file"))
			return ""
		}
		return c
	}
	return ""
}

// loadFonts reads the faces book.yaml names, or the embedded defaults, and returns their coverage.
func (p *project) loadFonts(b *edition.Book, by *bookYAML) *coverage {
	b.Fonts.Regular, b.Fonts.Italic, b.Fonts.Bold, b.Fonts.BoldItalic = fonts.Regular, fonts.Italic, fonts.Bold, fonts.BoldItalic
	if b.Fonts.Family == "" {
		b.Fonts.Family = fonts.Family
	}
	if by != nil && len(by.fontPaths) > 0 {
		// An edition that names its faces names all four, each a file or another face that
		// stands in for it ("bold: regular"): a face left out would otherwise be set in the
		// default typeface under the edition's name.
		faces := []string{"regular", "italic", "bold", "bold_italic"}
		slot := map[string]*[]byte{"regular": &b.Fonts.Regular, "italic": &b.Fonts.Italic, "bold": &b.Fonts.Bold, "bold_italic": &b.Fonts.BoldItalic}
		read, isFile := map[string]bool{}, map[string]bool{}
		for _, face := range faces {
			fp, ok := by.fontPaths[face]
			if !ok {
				p.ds.Add(by.fontsPos, "fonts: %s is not named: name all four faces, each a .ttf file or the face that stands in for it (%s: regular)", face, face)
				continue
			}
			if slices.Contains(faces, fp.value) {
				continue // a stand-in, resolved below
			}
			isFile[face] = true
			if data := p.readFont(fp); data != nil {
				*slot[face] = data
				read[face] = true
			}
		}
		for _, face := range faces {
			fp, ok := by.fontPaths[face]
			if !ok || !slices.Contains(faces, fp.value) {
				continue
			}
			switch {
			case fp.value == face:
				p.ds.Add(fp.pos, "fonts: %s cannot stand in for itself; give a .ttf file", face)
			case !isFile[fp.value]:
				p.ds.Add(fp.pos, "fonts: %s stands in for %s, but is not a font file itself", fp.value, face)
			case !read[fp.value]:
				// The file's own problem is reported where it is named.
			default:
				*slot[face] = *slot[fp.value]
			}
		}
	}
	b.Fonts.Fallback = p.loadFallback(by)
	b.Fonts.Mono = edition.FallbackFont{Family: fonts.MonoFamily, Faces: [4][]byte{fonts.MonoRegular, fonts.MonoRegular, fonts.MonoBold, fonts.MonoBold}}
	cov, err := newCoverage(b.Fonts)
	if err != nil {
		p.ds.Add(edition.Pos{Path: "source/book.yaml", Line: 1, Col: 1}, "fonts: %v", err)
	}
	return cov
}

// loadFallback reads the fallback families book.yaml names, or the built-in ones (Hebrew and
// Arabic) when it names none. A style a family does not have is set in another of its faces:
// italic and bold in the regular, bold italic in the bold.
func (p *project) loadFallback(by *bookYAML) []edition.FallbackFont {
	if by == nil || !by.fallbackGiven {
		return []edition.FallbackFont{
			{Family: fonts.HebrewFamily, Faces: [4][]byte{fonts.HebrewRegular, fonts.HebrewRegular, fonts.HebrewBold, fonts.HebrewBold}},
			{Family: fonts.ArabicFamily, Faces: [4][]byte{fonts.ArabicRegular, fonts.ArabicRegular, fonts.ArabicBold, fonts.ArabicBold}},
		}
	}
	var out []edition.FallbackFont
	for _, fy := range by.fallback {
		var fb edition.FallbackFont
		ok := true
		for i, face := range []string{"regular", "italic", "bold", "bold_italic"} {
			fp, given := fy.paths[face]
			if !given {
				continue
			}
			if fb.Faces[i] = p.readFont(fp); fb.Faces[i] == nil {
				ok = false
			}
		}
		if !ok {
			continue
		}
		if fb.Faces[1] == nil {
			fb.Faces[1] = fb.Faces[0]
		}
		if fb.Faces[2] == nil {
			fb.Faces[2] = fb.Faces[0]
		}
		if fb.Faces[3] == nil {
			fb.Faces[3] = fb.Faces[2]
		}
		fb.Family = fy.family.value
		if fb.Family == "" {
			fb.Family = familyName(fb.Faces[0])
		}
		out = append(out, fb)
	}
	return out
}

func (p *project) readFont(fp yamlString) []byte {
	data, err := p.read(fp.value)
	if err != nil {
		switch {
		case errors.Is(err, fs.ErrNotExist):
			err = fmt.Errorf("%q does not exist", fp.value)
		case errors.Is(err, edition.ErrNotRegular):
			p.ds.Add(fp.pos, "font %q is %v", fp.value, err)
			return nil
		}
		p.ds.Add(fp.pos, "font: %v", err)
		return nil
	}
	if err := checkTrueType(data); err != nil {
		p.ds.Add(fp.pos, "font %q: %v", fp.value, err)
		return nil
	}
	// Every table, as the shaper and the subsetters read them: a damaged one is the font
	// file's problem, named by its path.
	err = fontfile.Check(data)
	if err == nil {
		// And as the coverage check and the cover read it.
		if _, e := sfnt.Parse(data); e != nil {
			err = &fontfile.Damaged{Table: "font", Why: e.Error()}
		}
	}
	if err != nil {
		p.ds.Add(edition.Pos{Path: fp.value}, "%v; replace the font (book.yaml names it at %s:%d:%d)", err, fp.pos.Path, fp.pos.Line, fp.pos.Col)
		return nil
	}
	return data
}

// loadDocument parses one Markdown file into a Document.
func (p *project) loadDocument(f *textFile, b *edition.Book, cov *coverage) *edition.Document {
	d := &edition.Document{Path: f.path, Language: b.Language}
	fm := &frontMatter{fields: map[string]field{}}
	bodyStart := 0
	if y, start, ok := splitFrontMatter(f.data); ok {
		if start < 0 {
			p.ds.Add(f.pos(0), "front matter opened with \"---\" is never closed with a \"---\" line")
			return nil
		}
		fm = parseFrontMatter(f, y, &p.ds)
		bodyStart = start
	}
	if strings.TrimSpace(string(f.data)) == "" {
		p.ds.Add(f.pos(0), "document is empty")
		return nil
	}
	if fm.language != "" {
		d.Language = fm.language
		p.noPatterns(b, fm.language, fm.languagePos)
	}
	d.ShortTitle = fm.shortTitle
	p.translation(d, fm, b, cov)

	var refs []noteUse
	body := f.data[bodyStart:]
	c := &converter{src: body, ds: &p.ds, proj: p, refs: &refs, lang: d.Language, images: map[*edition.Picture]imageUse{}, cov: cov,
		pos: func(off int) edition.Pos { return f.pos(bodyStart + off) }}
	doc := markdownFor(d.Language).Parser().Parse(text.NewReader(body))

	// Parts are converted in reading order so that refs lines up with walkRefs.
	if t, ok := fm.fields["title"]; ok {
		d.Title = c.parseInline(t)
	}
	if v, ok := fm.fields["dateline"]; ok {
		d.Dateline = c.parseInline(v)
	}
	if v, ok := fm.fields["salutation"]; ok {
		d.Salutation = c.parseInline(v)
	}
	blocks := c.blocks(doc, 0)
	for i, bl := range blocks {
		if bl.Kind != edition.Heading || bl.Level != 1 {
			continue
		}
		switch {
		case i == 0 && d.Title == nil:
			d.Title = bl.Inlines
		case i == 0:
			p.ds.Add(bl.Pos, "title given twice: in the front matter and as a \"# \" heading")
		default:
			p.ds.Add(bl.Pos, "a document has one \"# \" title, at its top; use \"## \" for sections")
		}
	}
	for _, bl := range blocks {
		if bl.Kind != edition.Heading || bl.Level != 1 {
			d.Blocks = append(d.Blocks, bl)
		}
	}
	if v, ok := fm.fields["signature"]; ok {
		d.Signature = c.parseInline(v)
	}
	for _, e := range fm.endorsements {
		d.Endorsements = append(d.Endorsements, c.parseInline(e))
	}
	if v, ok := fm.fields["archive"]; ok {
		d.Archive = c.parseInline(v)
	}
	defs, order := collectDefs(c, doc, bodyStart, f)
	resolveNotes(d, refs, defs, order, &p.ds)
	c.checkInlineImages()

	if len(d.Title) == 0 && !fm.broken {
		p.ds.Add(f.pos(0), "document has no title: add \"title:\" to its front matter or begin it with a \"# \" heading")
	}
	if len(d.Blocks) == 0 {
		p.ds.Add(f.pos(bodyStart), "document is empty: it has no text after its front matter")
	}
	cov.checkModel(&p.ds, d)
	return d
}

// slug makes a file name from a title: its first words, lower case, joined by hyphens.
func slug(title string) string {
	words := strings.FieldsFunc(strings.ToLower(title), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	})
	if len(words) > 6 {
		words = words[:6]
	}
	if len(words) == 0 {
		return "edition"
	}
	name := strings.Join(words, "-")
	// A file name has at most 255 bytes, and the outputs add to it ("-booklet-letter.pdf"): a
	// title of one 300-letter word is cut, at a hyphen when there is one.
	if len(name) > maxName {
		name = name[:maxName]
		if i := strings.LastIndexByte(name, '-'); i > 0 {
			name = name[:i]
		}
	}
	return name
}

// maxName bounds the edition's name, which every output's file name begins with.
const maxName = 100

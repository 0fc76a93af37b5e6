// Package epub writes the edition as an EPUB 3 (with an EPUB 2 NCX for old readers). go-epub
// assembles the container; since it cannot express most of what an edition needs (contributor
// roles, accessibility metadata, landmarks, page-list, page languages, a fixed modification date,
// a stable manifest order), finish.go then edits the package document, navigation and pages as
// XML trees, and zip.go re-packs everything deterministically.
package epub

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"path"
	"slices"
	"strings"
	"sync"

	goepub "github.com/go-shiori/go-epub"

	_ "embed"

	"colophon/internal/cover"
	"colophon/internal/edition"
	"colophon/internal/fontfile"
)

//go:embed colophon.css
var stylesheet string

// Options carry what the EPUB takes from other writers.
type Options struct {
	Cover *cover.Image
	// PageBreaks, from the typeset print edition, become page-break markers before the words the
	// printed pages begin with, and a page-list, so that "p. 12" of the print edition can be found.
	PageBreaks []PageBreak
	// PrintSource names the print edition the page numbers come from.
	PrintSource string
}

// PageBreak is where a printed page begins: before word Word (counted from 0 over the document's
// title, dateline, salutation, text, signature, endorsements and archival reference) of document
// Doc.
type PageBreak struct {
	Doc  int
	Word int // -1 for a page that begins with a figure and holds no running text
	// Figure is that figure, counted from 0 in the document.
	Figure int
	Label  string
}

// go-epub keeps its files in a package-level file system, so one EPUB is assembled at a time.
var assembling sync.Mutex

func init() {
	// Keep go-epub's working files in memory instead of the machine's temporary folder.
	if err := goepub.Use(goepub.MemoryFS); err != nil {
		panic(err)
	}
}

// Write makes the EPUB of the book. It comes in pieces: the pictures' bytes are the build's own
// (edition.Book.PictureData), stored in the container as they are and not copied into it.
func Write(b *edition.Book, opt Options) ([][]byte, error) {
	if opt.Cover == nil {
		return nil, fmt.Errorf("no cover image")
	}
	images, imageFiles, err := contentImages(b)
	if err != nil {
		return nil, err
	}
	pages := []page{coverPage(b, opt.Cover), titlePage(b), creditsPage(b), contentsPage(b)}
	breaks := make([]map[int]string, len(b.Documents))
	figBreaks := make([]map[int]string, len(b.Documents))
	for _, pb := range opt.PageBreaks {
		if breaks[pb.Doc] == nil {
			breaks[pb.Doc], figBreaks[pb.Doc] = map[int]string{}, map[int]string{}
		}
		if pb.Word < 0 {
			figBreaks[pb.Doc][pb.Figure] = pb.Label
			continue
		}
		breaks[pb.Doc][pb.Word] = pb.Label
	}
	for i, d := range b.Documents {
		credit := ""
		if b.MixedCredits() {
			credit = b.DocumentCredit(d)
		}
		p := documentPage(d, credit, images, breaks[i], figBreaks[i])
		p.pageBreaks = breaks[i]
		pages = append(pages, p)
	}

	fontFiles, faces, err := faceFiles(b)
	if err != nil {
		return nil, err
	}
	all := media(b, opt.Cover, imageFiles, fontFiles)
	raw, err := assemble(b, pages, styleSheet(b, faces), all)
	if err != nil {
		return nil, err
	}
	files, err := unzip(raw)
	if err != nil {
		return nil, fmt.Errorf("reading what go-epub wrote: %w", err)
	}
	// go-epub was given stand-ins for the fonts and images (see assemble); the real bytes go in
	// here, where the container is packed once.
	for name, data := range all {
		if _, ok := files[name]; !ok {
			return nil, fmt.Errorf("go-epub did not write %s", name)
		}
		files[name] = data
	}
	if err := finish(files, b, pages, opt); err != nil {
		return nil, err
	}
	return pack(files, b.Timestamp)
}

// assemble has go-epub build the container: pages, stylesheet, fonts and images.
func assemble(b *edition.Book, pages []page, css string, media map[string][]byte) ([]byte, error) {
	assembling.Lock()
	defer assembling.Unlock()
	e, err := goepub.NewEpub(b.Title)
	if err != nil {
		return nil, err
	}
	e.SetLang(b.Language)
	e.SetIdentifier(b.EPUBIdentifier())
	e.SetDescription(b.Description)
	cssPath, err := e.AddCSS(dataURL("text/css", []byte(css)), "colophon.css")
	if err != nil {
		return nil, err
	}
	// go-epub is given one-byte stand-ins for fonts and images: it would otherwise encode,
	// copy and compress megabytes that Write replaces anyway when it packs the container.
	for _, name := range sortedKeys(media) {
		dir, file := path.Split(name)
		var err error
		if strings.HasSuffix(dir, "fonts/") {
			_, err = e.AddFont(dataURL("application/octet-stream", []byte{0}), file)
		} else {
			_, err = e.AddImage(dataURL("application/octet-stream", []byte{0}), file)
		}
		if err != nil {
			return nil, err
		}
	}
	for _, p := range pages {
		if _, err := e.AddSection(p.body, p.title, p.file, cssPath); err != nil {
			return nil, err
		}
	}
	var buf bytes.Buffer
	if _, err := e.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// media are the EPUB's binary files by their path in the container.
func media(b *edition.Book, cov *cover.Image, images map[string][]byte, fonts map[string][]byte) map[string][]byte {
	m := map[string][]byte{"EPUB/images/cover" + cov.Ext: cov.Data}
	for name, data := range fonts {
		m["EPUB/fonts/"+name] = data
	}
	for name, data := range images {
		m["EPUB/images/"+name] = data
	}
	return m
}

// faceFiles are the edition's faces as the EPUB ships them, cut to the characters the edition
// uses (fontfile.ForEPUB): a face that stands in for another (bold: regular) is the same file. It
// returns the files by name and the @font-face rules that declare them under the edition's family.
// A fallback family's faces are declared under the edition's family too, each with a
// unicode-range of the characters it sets (those the edition's faces lack), so that a reading
// system sets each character in the face print sets it in, as one composite font.
func faceFiles(b *edition.Book) (map[string][]byte, string, error) {
	families := b.Fonts.Families()
	regulars := make([][]byte, len(families))
	for i, fam := range families {
		regulars[i] = fam[0]
	}
	served, err := fontfile.Assign(regulars, edition.Runes(b))
	if err != nil {
		return nil, "", err
	}
	names := [4]string{"regular.ttf", "italic.ttf", "bold.ttf", "bold-italic.ttf"}
	styles := [4]string{"Regular", "Italic", "Bold", "Bold Italic"}
	css := [4][2]string{{"normal", "normal"}, {"italic", "normal"}, {"normal", "bold"}, {"italic", "bold"}}
	files := map[string][]byte{}
	var rules strings.Builder
	used := facesUsed(b)
	for k, data := range families {
		if k > 0 && len(served[k]) == 0 {
			continue // sets no character of the edition
		}
		runes, prefix, rng := edition.Runes(b), "", ""
		if k > 0 {
			runes, prefix, rng = served[k], fmt.Sprintf("fallback-%d-", k), "; unicode-range: "+unicodeRange(served[k])
		}
		for i := range data {
			if !used[i] {
				continue // no text is set in it: not shipped, not declared
			}
			file := prefix + names[i]
			for j := 0; j < i; j++ {
				if bytes.Equal(data[j], data[i]) {
					file = prefix + names[j] // a stand-in: the same face, shipped once
					break
				}
			}
			if _, done := files[file]; !done {
				sub, err := fontfile.ForEPUB(data[i], runes, styles[i])
				if err != nil {
					return nil, "", fmt.Errorf("font %s: %w", file, err)
				}
				files[file] = sub
			}
			fmt.Fprintf(&rules, "@font-face { font-family: %s; font-style: %s; font-weight: %s; src: url(\"../fonts/%s\")%s; }\n",
				cssString(b.Fonts.Family), css[i][0], css[i][1], file, rng)
		}
	}
	return files, rules.String(), nil
}

// unicodeRange writes characters as a CSS unicode-range: sorted, consecutive ones as a range.
func unicodeRange(rs []rune) string {
	rs = slices.Clone(rs)
	slices.Sort(rs)
	var parts []string
	for i := 0; i < len(rs); {
		j := i
		for j+1 < len(rs) && rs[j+1] == rs[j]+1 {
			j++
		}
		if j == i {
			parts = append(parts, fmt.Sprintf("U+%X", rs[i]))
		} else {
			parts = append(parts, fmt.Sprintf("U+%X-%X", rs[i], rs[j]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

// facesUsed says which of the four faces the EPUB sets text in: regular always; italic for
// emphasis and for the parts the stylesheet sets in italic (datelines, signatures, section
// headings, the subtitle, the credits under a title); bold and bold italic only for strong text
// (the stylesheet sets nothing else in bold).
func facesUsed(b *edition.Book) [4]bool {
	used := [4]bool{true}
	var walk func(in []edition.Inline, italic, bold bool)
	walk = func(in []edition.Inline, italic, bold bool) {
		for _, x := range in {
			switch x.Kind {
			case edition.Emph:
				walk(x.Children, !italic, bold)
				continue
			case edition.Strong:
				walk(x.Children, italic, true)
				continue
			}
			if x.Text != "" || x.Kind == edition.NoteRef {
				used[map[[2]bool]int{{false, false}: 0, {true, false}: 1, {false, true}: 2, {true, true}: 3}[[2]bool{italic, bold}]] = true
			}
			walk(x.Children, italic, bold)
		}
	}
	var blocks func(bs []edition.Block, italic bool)
	blocks = func(bs []edition.Block, italic bool) {
		for _, bl := range bs {
			walk(bl.Inlines, italic || (bl.Kind == edition.Heading && bl.Level > 1), false)
			blocks(bl.Children, italic || (bl.Kind == edition.TableRow && bl.Header)) // headings of columns are italic
		}
	}
	if b.Subtitle != "" {
		used[1] = true
	}
	for _, d := range b.Documents {
		walk(d.Title, false, false)
		walk(d.Dateline, true, false)
		walk(d.Salutation, false, false)
		walk(d.Signature, true, false)
		walk(d.Archive, false, false)
		for _, e := range d.Endorsements {
			walk(e, false, false)
		}
		blocks(d.Blocks, false)
		for _, n := range d.Notes {
			blocks(n.Blocks, false)
		}
		if len(d.Dateline) > 0 || len(d.Signature) > 0 || b.MixedCredits() {
			used[1] = true
		}
	}
	return used
}

// cssString quotes a family name for CSS.
func cssString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", " ").Replace(s) + `"`
}

// styleSheet is colophon.css for the edition: its faces declared under its own family.
func styleSheet(b *edition.Book, faces string) string {
	return strings.Replace(strings.ReplaceAll(stylesheet, "FAMILY", cssString(b.Fonts.Family)), "/* FONT-FACES */\n", faces, 1)
}

func dataURL(mediaType string, data []byte) string {
	return "data:" + mediaType + ";base64," + base64.StdEncoding.EncodeToString(data)
}

// contentImages reads the images the documents show; the loader has checked that each lies inside
// the project. It returns the href of each from a page, and the files by name.
func contentImages(b *edition.Book) (map[string]string, map[string][]byte, error) {
	hrefs := map[string]string{}
	files := map[string][]byte{}
	var walk func([]edition.Inline) error
	walk = func(in []edition.Inline) error {
		for _, x := range in {
			if x.Kind == edition.Image {
				if _, done := hrefs[x.URL]; !done {
					data, err := b.PictureData(x.URL)
					if err != nil {
						return err
					}
					ext := strings.ToLower(path.Ext(x.URL))
					if x.Picture != nil {
						// Named by what the file is, not what its name says: the media type
						// follows the extension.
						ext = map[string]string{"jpeg": ".jpg", "png": ".png"}[x.Picture.Format]
					}
					name := fmt.Sprintf("image-%d%s", len(files)+1, ext)
					files[name] = data
					hrefs[x.URL] = "../images/" + name
				}
			}
			if err := walk(x.Children); err != nil {
				return err
			}
		}
		return nil
	}
	var blocks func([]edition.Block) error
	blocks = func(bs []edition.Block) error {
		for _, bl := range bs {
			if bl.Kind == edition.Figure {
				if err := walk([]edition.Inline{{Kind: edition.Image, URL: bl.Picture.Path, Picture: bl.Picture}}); err != nil {
					return err
				}
			}
			if err := walk(bl.Inlines); err != nil {
				return err
			}
			if err := blocks(bl.Children); err != nil {
				return err
			}
		}
		return nil
	}
	for _, d := range b.Documents {
		if err := blocks(d.Blocks); err != nil {
			return nil, nil, err
		}
	}
	return hrefs, files, nil
}

package main

import (
	"flag"
	"fmt"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"colophon/internal/gen"
)

var breaksOnly = flag.Bool("breaks", false, "only count hyphens at the ends of paragraphs and pages in colophon's and pandoc + xelatex's PDFs of the seed, the rich edition and 100 generated documents")

// benchBreaks sets the seed, the rich edition and a generated edition of 100 documents with
// colophon and with pandoc + xelatex (A5, Gentium Book Plus from fonts/), and counts in both PDFs,
// read alike with pdftotext -bbox: paragraphs whose last full line ends in a hyphen before a
// last line under a third of the measure, and pages whose text ends in a hyphen.
func benchBreaks(tmp, bin string) {
	fontDir, _ := filepath.Abs("fonts")
	rich := filepath.Join(tmp, "rich")
	must(gen.WriteRich(rich))
	generated := filepath.Join(tmp, "gen100")
	must(exec.Command(bin, "generate", "100", generated).Run())
	fmt.Println("edition | setter | pages | paragraph ends read | hyphen before a short last line | pages ending in a hyphen")
	for _, e := range []struct{ name, dir string }{{"seed", "."}, {"rich", rich}, {"generated 100", generated}} {
		out := filepath.Join(tmp, "out-"+filepath.Base(e.dir))
		if out, err := exec.Command(bin, "build", "-q", "-C", e.dir, "--out", out, "--only", "pdf").CombinedOutput(); err != nil {
			must(fmt.Errorf("%v\n%s", err, out))
		}
		pdfs, _ := filepath.Glob(filepath.Join(out, "*.pdf"))
		c := countHyphens(pdfs[0])
		fmt.Printf("%s | colophon | %d | %d | %d | %d\n", e.name, c.pages, c.paraEnds, c.shortAfterHyphen, c.pageEnds)
		md := filepath.Join(tmp, filepath.Base(e.dir)+".md")
		must(pandocMarkdown(e.dir, md))
		pdf := filepath.Join(tmp, filepath.Base(e.dir)+"-xelatex.pdf")
		cmd := exec.Command("pandoc", md, "-o", pdf, "--pdf-engine=xelatex", "-V", "geometry:a5paper",
			"-V", "mainfont=GentiumBookPlus-Regular.ttf",
			"-V", "mainfontoptions=Path="+fontDir+"/, BoldFont=GentiumBookPlus-Bold.ttf, ItalicFont=GentiumBookPlus-Italic.ttf, BoldItalicFont=GentiumBookPlus-BoldItalic.ttf")
		if out, err := cmd.CombinedOutput(); err != nil {
			must(fmt.Errorf("pandoc + xelatex: %v\n%s", err, out))
		}
		c = countHyphens(pdf)
		fmt.Printf("%s | pandoc + xelatex | %d | %d | %d | %d\n", e.name, c.pages, c.paraEnds, c.shortAfterHyphen, c.pageEnds)
	}
}

type hyphenCounts struct{ pages, paraEnds, shortAfterHyphen, pageEnds int }

var (
	bboxPage = regexp.MustCompile(`(?s)<page [^>]*>(.*?)</page>`)
	bboxWord = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
)

// countHyphens reads a PDF's text lines with pdftotext -bbox. The running text is the lines of
// the body's size (the commonest height), which leaves out headings, running heads, folios and
// notes; a paragraph ends at a line followed by an indented line or by a gap wider than a line.
func countHyphens(pdf string) hyphenCounts {
	out, err := exec.Command("pdftotext", "-bbox", pdf, "-").Output()
	must(err)
	type line struct {
		x0, x1, y0, h float64
		last          string
	}
	var pages [][]line
	heights := map[int]int{}
	for _, pm := range bboxPage.FindAllStringSubmatch(string(out), -1) {
		var lines []line
		for _, m := range bboxWord.FindAllStringSubmatch(pm[1], -1) {
			f := func(i int) float64 { v, _ := strconv.ParseFloat(m[i], 64); return v }
			x0, y0, x1, y1 := f(1), f(2), f(3), f(4)
			if n := len(lines); n > 0 && abs(y1-(lines[n-1].y0+lines[n-1].h)) < 2 && x0 > lines[n-1].x1-0.5 {
				lines[n-1].x1, lines[n-1].last = x1, m[5]
				continue
			}
			lines = append(lines, line{x0, x1, y0, y1 - y0, m[5]})
			heights[int(y1-y0+0.5)]++
		}
		pages = append(pages, lines)
	}
	body, most := 0, 0
	for h, n := range heights {
		if n > most || n == most && h < body {
			body, most = h, n
		}
	}
	hyphen := func(s string) bool {
		r, _ := utf8.DecodeLastRuneInString(strings.TrimSuffix(s, "-"))
		return strings.HasSuffix(s, "-") && unicode.IsLetter(r)
	}
	var c hyphenCounts
	for _, lines := range pages {
		var text []line
		for _, l := range lines {
			if abs(l.h-float64(body)) <= 1 {
				text = append(text, l)
			}
		}
		if len(text) == 0 {
			continue
		}
		c.pages++
		sort.SliceStable(text, func(i, j int) bool { return text[i].y0 < text[j].y0 })
		left, right := text[0].x0, text[0].x1
		for _, l := range text {
			left, right = min(left, l.x0), max(right, l.x1)
		}
		measure := right - left
		for i := 0; i+1 < len(text); i++ {
			cur, next := text[i], text[i+1]
			ends := i+2 == len(text) || text[i+2].x0 > left+3 || text[i+2].y0-next.y0 > 1.6*next.h+2
			if !ends {
				continue
			}
			c.paraEnds++
			if hyphen(cur.last) && next.x1-next.x0 < measure/3 {
				c.shortAfterHyphen++
			}
		}
		if hyphen(text[len(text)-1].last) {
			c.pageEnds++
		}
	}
	return c
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

package source

import (
	"bytes"
	"fmt"
)

// Nesting is bounded before goldmark reads a file, by a scan of its lines: goldmark builds the
// tree first, and 200,000 nested list markers (400 kB) kept it busy for over a minute, 100,000
// nested link brackets for as long; 50,000 nested emphasis marks made a tree the EPUB's XML could
// not hold. The converter checks the depth of the tree too (maxDepth), which this scan keeps
// cheap to reach.

// maxParagraph bounds a paragraph: the typesetter holds a paragraph's words, glue and breaks at
// once (about 400 bytes for each byte of text), and sets it again for each measure; a 1 MB
// paragraph, a whole book without a blank line, takes about 8 s of CPU and 400 MB to build.
const maxParagraph = 1 << 20

// nestingProblem finds the first place in a Markdown text that nests deeper than maxDepth — block
// quote and list markers opened on one line, unescaped link brackets open at once within a
// paragraph, or a run of emphasis marks — or a paragraph longer than maxParagraph. It returns the
// byte offset and the message, or -1.
func nestingProblem(src []byte) (int, string) {
	const blocks = "blocks are nested more than %d deep (block quotes or lists inside each other)"
	const inlines = "emphasis, links or brackets are nested more than %d deep"
	fence := []byte(nil) // the fence of the code block the scan is in, if any
	brackets := 0
	deepOpen, deepCloses := -1, 0 // where the bracket past maxDepth opened, and closes since
	opened := [3]int{-1, -1, -1}  // where a long run of *, _ or ~ opened in this paragraph
	para := -1                    // where the paragraph (the run of lines without a blank one) began
	for start := 0; start < len(src); {
		end := bytes.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start
		}
		line := src[start:end]
		trimmed := bytes.TrimLeft(line, " \t")
		if fence != nil {
			if bytes.HasPrefix(trimmed, fence) {
				fence = nil
			}
			start = end + 1
			continue
		}
		if bytes.HasPrefix(trimmed, []byte("```")) || bytes.HasPrefix(trimmed, []byte("~~~")) {
			fence = trimmed[:3]
			start = end + 1
			continue
		}
		if len(trimmed) == 0 {
			brackets, opened = 0, [3]int{-1, -1, -1} // a blank line ends the paragraph
			deepOpen, deepCloses = -1, 0
			para = -1
		} else if para < 0 {
			para = start
		}
		if para >= 0 && end-para > maxParagraph {
			return para, fmt.Sprintf("paragraph of more than %d MB: colophon sets paragraphs of at most %d MB (a paragraph's lines are set as one, and all its words are held while they are); part it with blank lines", maxParagraph>>20, maxParagraph>>20)
		}
		if isRule(trimmed) {
			start = end + 1
			continue
		}
		// Container markers at the line's start, one inside the other.
		depth := 0
		for i := 0; i < len(line); {
			for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
				i++
			}
			n := listMarker(line[i:])
			if n == 0 && i < len(line) && line[i] == '>' {
				n = 1
			}
			if n == 0 {
				break
			}
			if depth++; depth > maxDepth {
				return start + i, fmt.Sprintf(blocks, maxDepth)
			}
			i += n
		}
		// Brackets, and runs of emphasis marks that can open and close each other, outside code
		// spans. A run of more marks than 2 × maxDepth nests that deep only if a run as long
		// closes it: a line of underscores to sign on opens nothing.
		code := false
		for i := 0; i < len(line); i++ {
			c := line[i]
			switch {
			case c == '\\':
				i++
			case c == '`':
				code = !code
			case code:
			case c == '[':
				if brackets++; brackets == maxDepth+1 && deepOpen < 0 {
					deepOpen = start + i
				}
			case c == ']':
				// Brackets open are text until closed: 200,000 of them are a paragraph of
				// brackets. Once more than maxDepth have been open at once, more than maxDepth
				// closes after it make that many pairs nested in each other.
				if deepOpen >= 0 {
					if deepCloses++; deepCloses > maxDepth {
						return deepOpen, fmt.Sprintf(inlines, maxDepth)
					}
				}
				brackets = max(0, brackets-1)
			case c == '*' || c == '_' || c == '~':
				j := i
				for j < len(line) && line[j] == c {
					j++
				}
				if j-i > 2*maxDepth {
					opens := j < len(line) && line[j] != ' ' && line[j] != '\t'
					closes := i > 0 && line[i-1] != ' ' && line[i-1] != '\t'
					if k := bytes.IndexByte([]byte("*_~"), c); closes && opened[k] >= 0 {
						return opened[k], fmt.Sprintf(inlines, maxDepth)
					} else if opens && opened[k] < 0 {
						opened[k] = start + i
					}
				}
				i = j - 1
			}
		}
		start = end + 1
	}
	return -1, ""
}

// listMarker is the length of a list marker and the space after it at the start of b ("- ",
// "* ", "+ ", "12. ", "3) "), or 0.
func listMarker(b []byte) int {
	if len(b) >= 2 && (b[0] == '-' || b[0] == '*' || b[0] == '+') && (b[1] == ' ' || b[1] == '\t') {
		return 2
	}
	i := 0
	for i < len(b) && i < 9 && b[i] >= '0' && b[i] <= '9' {
		i++
	}
	if i > 0 && i+1 < len(b) && (b[i] == '.' || b[i] == ')') && (b[i+1] == ' ' || b[i+1] == '\t') {
		return i + 2
	}
	return 0
}

// isRule says whether a line is a thematic break: three or more of one of * - _ and spaces.
func isRule(line []byte) bool {
	line = bytes.TrimRight(line, " \t\r")
	if len(line) < 3 || bytes.IndexByte([]byte("*-_"), line[0]) < 0 {
		return false
	}
	n := 0
	for _, c := range line {
		switch c {
		case line[0]:
			n++
		case ' ', '\t':
		default:
			return false
		}
	}
	return n >= 3
}

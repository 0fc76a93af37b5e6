package typeset

import "colophon/internal/edition"

// kind says what an item of a paragraph is, in TeX's terms.
type kind uint8

const (
	box     kind = iota // material of fixed width: a piece of a word
	glue                // space that may stretch or shrink, and where a line may break
	penalty             // a possible break with a cost; a hyphen when flagged
)

const (
	infPenalty = 10000   // never break here
	ejectPen   = -10000  // always break here
	fil        = 100000. // stretch that swamps all other: the last line's fill
)

// item is one box, glue or penalty.
type item struct {
	kind    kind
	width   float64
	stretch float64
	shrink  float64
	penalty float64
	flagged bool // a hyphenation break: two in a row cost extra, three are not allowed

	// A box's content.
	text   string
	style  Style
	size   float64
	rise   float64        // baseline shift, for note numbers
	note   *edition.Note  // a note reference: the note it cites
	link   string         // a link target (URL or anchor)
	word   int            // index of the running-text word this box begins or continues; -1 for none
	start  bool           // the box begins word `word`
	strike bool           // struck out in the original
	pic    *InlinePicture // a picture in the line
	level  uint8          // bidi embedding level (odd: right to left), of a box or a space
	caps   bool           // a box in small capitals (the face's own)
	anchor string         // a place links point to begins with this box (a span's id)
	lang   string         // a box in another language than its paragraph's
	shaped *Shaped        // the box's text as its width was measured (a word or a piece of one)

	// A penalty's hyphen, drawn at the end of the line when the break is taken here.
	hyphen     string
	hyphenSize float64
	hyphenSty  Style
}

// Package fonts holds the edition's default typefaces, SIL Gentium Book Plus in four styles,
// embedded in the binary so that colophon works from any folder. The faces are TrueType
// because the PDF library cannot read CFF-flavoured .otf files. Licence: fonts/OFL.txt.
package fonts

import _ "embed"

// The four default faces. Family is the name the writers print in colophons and CSS.
const Family = "Gentium Book Plus"

//go:embed GentiumBookPlus-Regular.ttf
var Regular []byte

//go:embed GentiumBookPlus-Italic.ttf
var Italic []byte

//go:embed GentiumBookPlus-Bold.ttf
var Bold []byte

//go:embed GentiumBookPlus-BoldItalic.ttf
var BoldItalic []byte

//go:embed OFL.txt
var Licence []byte

// The built-in fallback faces: characters the edition's faces lack are set in the first of these
// that has them, unless book.yaml's fonts.fallback names others. Noto Serif Hebrew sits beside a
// serif such as Gentium, Noto Naskh Arabic is the Naskh style of book typography. Neither has an
// italic: an italic Hebrew or Arabic word is set upright, as those scripts' books set it.
// Licence: fonts/OFL-Noto.txt.
const (
	HebrewFamily = "Noto Serif Hebrew"
	ArabicFamily = "Noto Naskh Arabic"
)

//go:embed NotoSerifHebrew-Regular.ttf
var HebrewRegular []byte

//go:embed NotoSerifHebrew-Bold.ttf
var HebrewBold []byte

//go:embed NotoNaskhArabic-Regular.ttf
var ArabicRegular []byte

//go:embed NotoNaskhArabic-Bold.ttf
var ArabicBold []byte

//go:embed OFL-Noto.txt
var NotoLicence []byte

// The monospace family code is set in, in every output: Noto Sans Mono, regular and bold (it has
// no italic; code in an italic passage is set upright, as code is). A sans-serif monospace beside
// Gentium, as a book sets code apart from its text; it draws Latin, Greek and Cyrillic. From
// Debian's fonts-noto-mono (20201225-1). Licence: fonts/OFL-Noto.txt.
const MonoFamily = "Noto Sans Mono"

//go:embed NotoSansMono-Regular.ttf
var MonoRegular []byte

//go:embed NotoSansMono-Bold.ttf
var MonoBold []byte

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

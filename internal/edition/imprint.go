package edition

import (
	"strconv"
	"strings"
)

// EditionLines are the credits' edition statement and printer's key: "First edition." and, for
// the printing, the numbers from 10 down to it ("10 9 8 7 6 5 4 3 2" is the second printing; the
// printer removes the lowest for each new one), or "Printing 12." past ten. None when book.yaml
// states neither.
func (b *Book) EditionLines() []string {
	var out []string
	if b.Edition != "" {
		out = append(out, Sentence(b.Edition))
	}
	switch {
	case b.Printing > 10:
		out = append(out, "Printing "+strconv.Itoa(b.Printing)+".")
	case b.Printing > 0:
		var key []string
		for n := 10; n >= b.Printing; n-- {
			key = append(key, strconv.Itoa(n))
		}
		out = append(out, strings.Join(key, " "))
	}
	return out
}

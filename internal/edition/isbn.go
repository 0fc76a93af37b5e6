package edition

import (
	_ "embed"
	"strings"
	"sync"
)

// isbnRanges is the International ISBN Agency's ranges (isbnranges.txt says which file, and when).
//
//go:embed isbnranges.txt
var isbnRanges string

var (
	rangesOnce sync.Once
	ranges     map[string][]isbnRange // by "978" (its groups) or "978-3" (that group's registrants)
)

type isbnRange struct{ lo, hi string }

func readRanges() {
	ranges = map[string][]isbnRange{}
	for _, line := range strings.Split(isbnRanges, "\n") {
		line, _, _ = strings.Cut(line, "#")
		key, list, ok := strings.Cut(strings.TrimSpace(line), " ")
		if !ok {
			continue
		}
		for _, r := range strings.Split(list, ",") {
			if lo, hi, ok := strings.Cut(strings.TrimSpace(r), "-"); ok && len(lo) == len(hi) {
				ranges[key] = append(ranges[key], isbnRange{lo, hi})
			}
		}
	}
}

// element finds the range of key that digits begin in, and gives its length (0: none).
func element(key, digits string) int {
	for _, r := range ranges[key] {
		if n := len(r.lo); n <= len(digits) && digits[:n] >= r.lo && digits[:n] <= r.hi {
			return n
		}
	}
	return 0
}

// HyphenateISBN writes a 13-digit ISBN as the agency's ranges cut it, "978-0-306-40615-7": prefix,
// registration group, registrant, publication and check digit. An ISBN in no range known (a group
// opened after the ranges' date) is given as it came.
func HyphenateISBN(isbn string) string {
	if len(isbn) != 13 {
		return isbn
	}
	rangesOnce.Do(readRanges)
	prefix, rest := isbn[:3], isbn[3:12]
	g := element(prefix, rest)
	if g == 0 {
		return isbn
	}
	group := prefix + "-" + rest[:g]
	r := element(group, rest[g:])
	if r == 0 || g+r >= len(rest) {
		return isbn
	}
	return group + "-" + rest[g:g+r] + "-" + rest[g+r:] + "-" + isbn[12:]
}

package source

import (
	"fmt"
	"strings"
)

// normalISBN strips hyphens and spaces from an ISBN-13 and checks its length, prefix and check digit.
// It returns the 13 digits, or a message saying what is wrong.
func normalISBN(s string) (string, error) {
	digits := strings.Map(func(r rune) rune {
		if r == '-' || r == ' ' {
			return -1
		}
		return r
	}, s)
	if len(digits) == 10 {
		return "", fmt.Errorf("ISBN %q has 10 digits; give the 13-digit ISBN (978 + the first nine digits + a new check digit)", s)
	}
	if len(digits) != 13 {
		return "", fmt.Errorf("ISBN %q must have 13 digits, it has %d characters", s, len(digits))
	}
	sum := 0
	for i, r := range digits {
		if r < '0' || r > '9' {
			return "", fmt.Errorf("ISBN %q has a character that is not a digit: %q", s, r)
		}
		d := int(r - '0')
		if i == 12 {
			break
		}
		if i%2 == 1 {
			d *= 3
		}
		sum += d
	}
	if !strings.HasPrefix(digits, "978") && !strings.HasPrefix(digits, "979") {
		return "", fmt.Errorf("ISBN %q must begin with 978 or 979", s)
	}
	want := (10 - sum%10) % 10
	if got := int(digits[12] - '0'); got != want {
		return "", fmt.Errorf("ISBN %q has a wrong check digit: %d, expected %d", s, got, want)
	}
	return digits, nil
}

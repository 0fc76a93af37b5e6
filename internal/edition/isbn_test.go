package edition

import "testing"

// ISBNs as their publishers print them, hyphenated by the agency's ranges.
func TestHyphenateISBN(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"9780306406157", "978-0-306-40615-7"}, // English language, a three-digit registrant
		{"9783161484100", "978-3-16-148410-0"}, // German language, a two-digit registrant
		{"9780141439518", "978-0-14-143951-8"}, // Penguin
		{"9782070360024", "978-2-07-036002-4"}, // Gallimard
		{"9785020000000", "978-5-02-000000-0"}, // former USSR
		{"9791032000007", "979-10-320-0000-7"}, // France, 979
		{"9798888888888", "979-8-88888-888-8"}, // United States, 979-8: a five-digit registrant
		{"9786000000000", "978-600-00-0000-0"}, // Iran: a three-digit group
		{"9789993700007", "978-99937-0-000-7"}, // Macau: a five-digit group
		{"97912345", "97912345"},               // not an ISBN-13: as given
		{"9796000000000", "9796000000000"},     // 979-6: no group there
	} {
		if got := HyphenateISBN(c.in); got != c.want {
			t.Errorf("HyphenateISBN(%s) = %s; want %s", c.in, got, c.want)
		}
	}
}

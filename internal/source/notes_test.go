package source

import (
	"reflect"
	"regexp"
	"testing"
)

// TestDefStartsAsExpression holds defStarts to what it replaced: the offsets of the lines that
// match (?m)^ {0,3}\[\^([^\]\s]+)\]: by label, on the cases a writer can make and on pseudo-random
// text over the characters that matter.
func TestDefStartsAsExpression(t *testing.T) {
	expr := regexp.MustCompile(`(?m)^ {0,3}\[\^([^\]\s]+)\]:`)
	want := func(body []byte, bodyStart int) map[string][]int {
		out := map[string][]int{}
		for _, m := range expr.FindAllSubmatchIndex(body[bodyStart:], -1) {
			start := m[0]
			for body[bodyStart+start] == ' ' {
				start++
			}
			label := string(body[bodyStart+m[2] : bodyStart+m[3]])
			out[label] = append(out[label], bodyStart+start)
		}
		return out
	}
	samples := []string{
		"", "[^1]:", "[^1]: a note\n[^2]: another\n", "text[^1] in a line\n\n[^1]: the note\n",
		"   [^a]: three spaces\n    [^b]: four spaces is code\n", "[^]: empty label\n[^ x]: a space\n",
		"[^x]\n[^y] : not a definition\n[^z]:\n", "[^[^x]: nested\n", "\n\n[^é]: ünïcode label\n[^1]: twice\n[^1]: again\n",
		"x\r\n[^cr]: after a carriage return\n", "[^tab\tx]: a tab\n[^a\fb]: a form feed\n", "[^a]:[^b]:\n",
	}
	seed := uint32(11)
	alphabet := []byte("[^]: \n\tab1\r")
	for n := 0; n < 2000; n++ {
		b := make([]byte, n%60)
		for i := range b {
			seed = seed*1664525 + 1013904223
			b[i] = alphabet[int(seed>>24)%len(alphabet)]
		}
		samples = append(samples, string(b))
	}
	for _, s := range samples {
		for _, start := range []int{0, min(3, len(s))} {
			f := &textFile{data: []byte(s)}
			got := defStarts(f, start)
			if w := want(f.data, start); !reflect.DeepEqual(got, w) {
				t.Fatalf("defStarts(%q, %d) = %v, the expression gives %v", s, start, got, w)
			}
		}
	}
}

package preflight

import (
	"fmt"
	"strings"
	"testing"
)

// show prints tokens as the lexer read them.
func show(ts []token) string {
	var out []string
	for _, t := range ts {
		switch t.kind {
		case 'n':
			out = append(out, fmt.Sprint(t.num))
		case '[':
			out = append(out, "["+show(t.arr)+"]")
		case '<':
			out = append(out, fmt.Sprintf("<<%d>>", len(t.dict)))
		case 's':
			out = append(out, fmt.Sprintf("%q", t.str))
		default:
			out = append(out, string(t.kind)+t.str)
		}
	}
	return strings.Join(out, " ")
}

// The lexer reads hex strings (white space inside, an odd last digit), and arrays at the top
// (read into its one buffer) hold their items until the operator that takes them, with nested
// arrays and arrays in dictionaries their own.
func TestLexer(t *testing.T) {
	l := &lexer{b: []byte("<48 65 6c6C6f> <4> [<0001> -250 [1 2]] TJ [3] << /A [9 8] >> BDC [(x)] TJ")}
	var got []string
	var ops []token
	for {
		tk, ok := l.next()
		if !ok {
			break
		}
		if tk.kind != 'k' {
			ops = append(ops, tk)
			continue
		}
		got = append(got, show(ops)+" "+tk.str)
		ops = ops[:0]
	}
	want := []string{
		`"Hello" "@" ["\x00\x01" -250 [1 2]] TJ`,
		`[3] <<1>> BDC`,
		`["x"] TJ`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("tokens:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

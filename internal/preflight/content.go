package preflight

import (
	"strings"
)

// token is one lexical item of a content stream: an operand or an operator.
type token struct {
	kind byte // 'n' number, '/' name, 's' string, 'k' keyword (operator), '[' array, '<' dict
	num  float64
	str  string  // a name, a keyword, or a string's bytes
	arr  []token // an array's items
	dict map[string]token
}

// lexer reads the tokens of a content stream. It is forgiving: what it cannot read it skips, so
// that a damaged stream yields fewer findings rather than none.
type lexer struct {
	b     []byte
	i     int
	depth int     // arrays open
	items []token // the buffer of the array being read at the top
}

// hexDigit is a hexadecimal digit's value.
func hexDigit(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// classes marks white space (1) and delimiters (2), looked up for every byte of every stream.
var classes = func() (t [256]byte) {
	for _, c := range []byte(" \n\r\t\f\x00") {
		t[c] = 1
	}
	for _, c := range []byte("()<>[]{}/%") {
		t[c] = 2
	}
	return t
}()

func isSpace(c byte) bool { return classes[c] == 1 }
func isDelim(c byte) bool { return classes[c] == 2 }

func (l *lexer) skipSpace() {
	for l.i < len(l.b) {
		c := l.b[l.i]
		if c == '%' {
			for l.i < len(l.b) && l.b[l.i] != '\n' && l.b[l.i] != '\r' {
				l.i++
			}
			continue
		}
		if !isSpace(c) {
			return
		}
		l.i++
	}
}

// next returns the next token, or false at the end.
func (l *lexer) next() (token, bool) {
	l.skipSpace()
	if l.i >= len(l.b) {
		return token{}, false
	}
	c := l.b[l.i]
	switch {
	case c == '/':
		l.i++
		start := l.i
		for l.i < len(l.b) && !isSpace(l.b[l.i]) && !isDelim(l.b[l.i]) {
			l.i++
		}
		return token{kind: '/', str: string(l.b[start:l.i])}, true
	case c == '(':
		return token{kind: 's', str: l.literal()}, true
	case c == '<' && l.i+1 < len(l.b) && l.b[l.i+1] == '<':
		l.i += 2
		d := map[string]token{}
		l.depth++ // an array in a dictionary is its own, not the lexer's buffer
		defer func() { l.depth-- }()
		for {
			l.skipSpace()
			if l.i+1 < len(l.b) && l.b[l.i] == '>' && l.b[l.i+1] == '>' {
				l.i += 2
				return token{kind: '<', dict: d}, true
			}
			k, ok := l.next()
			if !ok {
				return token{kind: '<', dict: d}, true
			}
			v, ok := l.next()
			if !ok {
				return token{kind: '<', dict: d}, true
			}
			if k.kind == '/' {
				d[k.str] = v
			}
		}
	case c == '<':
		l.i++
		start := l.i
		for l.i < len(l.b) && l.b[l.i] != '>' {
			l.i++
		}
		// hex digits, two to a byte, white space skipped and an odd last digit followed by 0
		out := make([]byte, 0, (l.i-start+1)/2)
		hi, half := byte(0), false
		for _, d := range l.b[start:l.i] {
			v, ok := hexDigit(d)
			if !ok {
				continue
			}
			if half {
				out = append(out, hi<<4|v)
			} else {
				hi = v
			}
			half = !half
		}
		if half {
			out = append(out, hi<<4)
		}
		l.i++
		return token{kind: 's', str: string(out)}, true
	case c == '[':
		l.i++
		// An array at the top (a TJ's, every line of text) is read into the lexer's one buffer,
		// valid until the next such array: an operator takes at most one.
		var items []token
		top := l.depth == 0
		if top {
			items = l.items[:0]
		}
		l.depth++
		defer func() {
			l.depth--
			if top {
				l.items = items
			}
		}()
		for {
			l.skipSpace()
			if l.i >= len(l.b) || l.b[l.i] == ']' {
				l.i++
				return token{kind: '[', arr: items}, true
			}
			t, ok := l.next()
			if !ok {
				return token{kind: '[', arr: items}, true
			}
			items = append(items, t)
		}
	case c == ']' || c == '>' || c == ')' || c == '{' || c == '}':
		l.i++
		return l.next()
	}
	start := l.i
	for l.i < len(l.b) && classes[l.b[l.i]] == 0 {
		l.i++
	}
	word := l.b[start:l.i]
	if v, ok := number(word); ok {
		return token{kind: 'n', num: v}, true
	}
	if op, ok := operators[string(word)]; ok { // no allocation: the common operators are interned
		return token{kind: 'k', str: op}, true
	}
	return token{kind: 'k', str: string(word)}, true
}

// operators are the content stream operators, interned.
var operators = func() map[string]string {
	m := map[string]string{}
	for _, op := range strings.Fields("b B b* B* BDC BI BMC BT BX c cm CS cs d d0 d1 Do DP EI EMC ET EX f F f* G g gs h i ID j J K k l m M MP n q Q re RG rg ri s S SC sc SCN scn sh T* Tc Td TD Tf Tj TJ TL Tm Tr Ts Tw Tz v w W W* y ' \"") {
		m[op] = op
	}
	return m
}()

// number reads a PDF number (an optional sign, digits, at most one point) without allocating.
func number(b []byte) (float64, bool) {
	if len(b) == 0 {
		return 0, false
	}
	i, neg := 0, false
	if b[0] == '-' || b[0] == '+' {
		neg = b[0] == '-'
		i++
	}
	v, frac, digits, scale := 0.0, false, 0, 1.0
	for ; i < len(b); i++ {
		switch c := b[i]; {
		case c >= '0' && c <= '9':
			digits++
			if frac {
				scale /= 10
				v += float64(c-'0') * scale
			} else {
				v = v*10 + float64(c-'0')
			}
		case c == '.' && !frac:
			frac = true
		default:
			return 0, false
		}
	}
	if digits == 0 {
		return 0, false
	}
	if neg {
		v = -v
	}
	return v, true
}

// literal reads a (string) with its escapes and nested parentheses.
func (l *lexer) literal() string {
	l.i++ // (
	var out []byte
	depth := 1
	for l.i < len(l.b) {
		c := l.b[l.i]
		l.i++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return string(out)
			}
		case '\\':
			if l.i >= len(l.b) {
				return string(out)
			}
			e := l.b[l.i]
			l.i++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r', '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && l.i < len(l.b) && l.b[l.i] >= '0' && l.b[l.i] <= '7'; k++ {
						v = v*8 + int(l.b[l.i]-'0')
						l.i++
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		out = append(out, c)
	}
	return string(out)
}

// skipInlineImage moves past an inline image's data, which ends at "EI" between white space.
func (l *lexer) skipInlineImage() {
	l.i++ // the one white-space character after ID
	for l.i+2 < len(l.b) {
		if l.b[l.i] == 'E' && l.b[l.i+1] == 'I' && isSpace(l.b[l.i-1]) && (l.i+2 == len(l.b) || isSpace(l.b[l.i+2])) {
			l.i += 2
			return
		}
		l.i++
	}
	l.i = len(l.b)
}

// matrix is a PDF transformation [a b c d e f].
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul is m × n: m applied first, then n.
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func (m matrix) apply(x, y float64) (float64, float64) {
	return m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]
}

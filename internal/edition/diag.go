package edition

import (
	"fmt"
	"sort"
	"strings"
)

// Diagnostic is one finding in the sources, printed as "path:line:col: message".
type Diagnostic struct {
	Pos     Pos
	Message string
}

// A finding about a folder or a whole file, not a place in it, has line 0 and is printed
// "path: message", with no invented line and column.
func (d Diagnostic) String() string {
	if d.Pos.Line == 0 {
		return fmt.Sprintf("%s: %s", d.Pos.Path, d.Message)
	}
	return fmt.Sprintf("%s:%d:%d: %s", d.Pos.Path, d.Pos.Line, d.Pos.Col, d.Message)
}

// Diagnostics collects findings; it is an error when it holds any.
type Diagnostics []Diagnostic

// Add records a finding.
func (ds *Diagnostics) Add(p Pos, format string, args ...any) {
	*ds = append(*ds, Diagnostic{Pos: p, Message: fmt.Sprintf(format, args...)})
}

// Sorted returns the findings in file, line and column order, without repeats.
func (ds Diagnostics) Sorted() Diagnostics {
	out := append(Diagnostics(nil), ds...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Pos, out[j].Pos
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	dedup := out[:0]
	for i, d := range out {
		if i > 0 && d == out[i-1] {
			continue
		}
		dedup = append(dedup, d)
	}
	return dedup
}

func (ds Diagnostics) Error() string {
	var b strings.Builder
	for i, d := range ds.Sorted() {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.String())
	}
	return b.String()
}

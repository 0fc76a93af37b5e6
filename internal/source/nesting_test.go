package source

import (
	"strings"
	"testing"
)

// The scan before goldmark finds deep nesting at its marker, and lets ordinary text by: rules of
// many stars, lines of underscores to sign on, brackets and stars in code.
func TestNestingProblem(t *testing.T) {
	for _, c := range []struct {
		src  string
		off  int
		kind string
	}{
		{strings.Repeat("- ", 40) + "x", 64, "blocks"},
		{strings.Repeat("> ", 40) + "x", 64, "blocks"},
		{strings.Repeat("1. ", 40) + "x", 96, "blocks"},
		{strings.Repeat("[", 40) + "x" + strings.Repeat("]", 40), 32, "emphasis"},
		{strings.Repeat("[", 40) + "x", -1, ""}, // brackets never closed are text
		{strings.Repeat("[a ", 200) + "]", -1, ""},
		{strings.Repeat("*", 100) + "x" + strings.Repeat("*", 100), 0, "emphasis"},
		{"a\n" + strings.Repeat("_", 100) + "x" + strings.Repeat("_", 100), 2, "emphasis"},
		{strings.Repeat("- ", 20) + "x", -1, ""},
		{strings.Repeat("* ", 80), -1, ""},                                                 // a rule
		{strings.Repeat("*", 80), -1, ""},                                                  // a rule
		{"Name: " + strings.Repeat("_", 80) + " Date: " + strings.Repeat("_", 80), -1, ""}, // blanks to fill
		{"`" + strings.Repeat("[", 40) + "`", -1, ""},
		{"```\n" + strings.Repeat("[", 40) + "\n```\n", -1, ""},
		{strings.Repeat("[", 20) + "\n\n" + strings.Repeat("[", 20), -1, ""}, // two paragraphs
		{strings.Repeat("\\[", 40), -1, ""},
	} {
		off, msg := nestingProblem([]byte(c.src))
		if off != c.off || (c.kind != "" && !strings.HasPrefix(msg, c.kind)) {
			t.Errorf("%.30q…: at %d %q, want %d %s", c.src, off, msg, c.off, c.kind)
		}
	}
}

func TestParagraphLimit(t *testing.T) {
	long := strings.Repeat("word ", maxParagraph/5+10)
	if off, msg := nestingProblem([]byte("# T\n\n" + long + "\n")); off != 5 || !strings.HasPrefix(msg, "paragraph of more than 1 MB") {
		t.Errorf("a paragraph over the limit: at %d %q", off, msg)
	}
	half := strings.Repeat("word ", maxParagraph/10)
	if off, _ := nestingProblem([]byte(half + "\n\n" + half)); off != -1 {
		t.Errorf("two paragraphs of half the limit each were refused at %d", off)
	}
}

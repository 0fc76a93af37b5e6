package build

import (
	"path/filepath"
	"strings"
	"testing"

	"colophon/internal/testkit"
	"colophon/internal/validate"
)

func TestMain(m *testing.M) { testkit.Main(m) }

// built is a full build of one of the test kit's editions (every output), made once per test
// binary: the tests that read the seed's or the rich edition's outputs share it.
func built(t *testing.T, name, dir string) (string, *Result) {
	t.Helper()
	type key struct{ name string }
	type made struct {
		out string
		res *Result
	}
	m := testkit.Once(t, key{name}, func() (made, error) {
		out := filepath.Join(testkit.Folder(t, "builds"), name)
		res, err := Run(Options{Dir: dir, Out: out}, All)
		return made{out, res}, err
	})
	return m.out, m.res
}

// builtSeed is the seed edition, built.
func builtSeed(t *testing.T) (string, *Result) { return built(t, "seed", testkit.SeedDir(t)) }

// buildRich is the rich edition, built: the folder of its outputs.
func buildRich(t *testing.T) string {
	out, _ := built(t, "rich", testkit.RichDir(t))
	return out
}

// sharedTool is what a tool (pdftotext, pdfinfo) prints of a file of a shared build (built), run
// once per test binary however many tests read it: the file does not change. (poppler's
// -struct-text of the rich book alone takes 3 s of CPU.)
func sharedTool(t *testing.T, name string, args ...string) string {
	t.Helper()
	validate.Tool(t, name) // each test that reads it skips where the tool is missing
	type key struct{ cmd string }
	return testkit.Once(t, key{name + "\x00" + strings.Join(args, "\x00")}, func() (string, error) {
		return validate.Output(t, name, args...), nil
	})
}

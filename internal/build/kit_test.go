package build

import (
	"path/filepath"
	"testing"

	"colophon/internal/testkit"
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

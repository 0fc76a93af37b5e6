package print

import "fmt"

// Service is what a print-on-demand service asks of the files it prints. Lengths are in inches.
// README ("Printer's files") lists the values with their sources.
type Service struct {
	Key  string // its name in book.yaml (print: service:) and on the command line, e.g. "kdp"
	Name string
	// Gutter is the least inside margin by page count: the first step whose MaxPages the book
	// does not exceed applies.
	Gutter []GutterStep
	// Outside is the least outside, top and bottom margin of the interior.
	Outside float64
	// MinPages is the fewest pages the service prints; PageMultiple what an interior is padded to.
	MinPages int
	// MaxPages is the most pages the service prints (0: no limit known).
	MaxPages     int
	PageMultiple int
	// SpineTextMin is the fewest pages whose spine may carry text.
	SpineTextMin int
	// CoverSafety is the least distance from the cover's trim and spine folds to text and frames.
	CoverSafety float64
}

// GutterStep is the inside margin a book of up to MaxPages pages needs.
type GutterStep struct {
	MaxPages int
	Inside   float64
}

// Services are the profiles book.yaml's `print: service:` names, by name; DefaultService is the
// one of a book.yaml that names none.
var Services = map[string]Service{
	"kdp": {Key: "kdp", Name: "Amazon KDP", Gutter: []GutterStep{{150, 0.375}, {300, 0.5}, {500, 0.625}, {700, 0.75}, {828, 0.875}},
		Outside: 0.25, MinPages: 24, MaxPages: 828, PageMultiple: 2, SpineTextMin: 79, CoverSafety: 0.25},
	"ingramspark": {Key: "ingramspark", Name: "IngramSpark", Gutter: []GutterStep{{1 << 30, 0.5}}, Outside: 0.25,
		MinPages: 18, PageMultiple: 2, SpineTextMin: 48, CoverSafety: 0.5},
	"lulu": {Key: "lulu", Name: "Lulu", Gutter: []GutterStep{{1 << 30, 0.5}}, Outside: 0.5,
		MinPages: 32, PageMultiple: 2, SpineTextMin: 80, CoverSafety: 0.5},
	"generic": {Key: "generic", Name: "a printer", Gutter: []GutterStep{{150, 0.375}, {300, 0.5}, {500, 0.625}, {1 << 30, 0.75}},
		Outside: 0.25, MinPages: 4, PageMultiple: 2, SpineTextMin: 79, CoverSafety: 0.25},
}

// DefaultService is a printer colophon knows nothing particular of.
var DefaultService = Services["generic"]

// Inside is the least inside margin for a book of n pages.
func (s Service) Inside(n int) float64 {
	for _, g := range s.Gutter {
		if n <= g.MaxPages {
			return g.Inside
		}
	}
	return s.Gutter[len(s.Gutter)-1].Inside
}

// StepName names the gutter step a book of n pages falls in, for messages: "301–500 pages".
func (s Service) StepName(n int) string {
	low := 1
	for _, g := range s.Gutter {
		if n <= g.MaxPages {
			if g.MaxPages >= 1<<30 {
				return fmt.Sprintf("%d pages or more", low)
			}
			return fmt.Sprintf("%d–%d pages", low, g.MaxPages)
		}
		low = g.MaxPages + 1
	}
	return fmt.Sprintf("more than %d pages", low-1)
}

// Padded is n rounded up to the service's page multiple: the pages the printer prints.
func (s Service) Padded(n int) int {
	m := max(s.PageMultiple, 1)
	return (n + m - 1) / m * m
}

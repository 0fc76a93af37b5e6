package typeset

import "math"

// Knuth–Plass total-fit line breaking, after "Breaking Paragraphs into Lines" (1981) and TeX's
// §813–890: every feasible break is considered and the set of breaks with the least total
// demerits over the whole paragraph wins, so one bad line is not bought with a good one above it.

const (
	linePenalty     = 10    // TeX's \linepenalty
	hyphenPenalty   = 50    // TeX's \hyphenpenalty
	flaggedDemerits = 3000  // TeX's \doublehyphendemerits
	fitnessDemerits = 10000 // TeX's \adjdemerits
	maxHyphensInRow = 2
	// tooManyHyphensDemerits is what a hyphen past maxHyphensInRow costs in the last pass, which
	// alone allows one: more than any usual break, less than an overfull line (1e9).
	tooManyHyphensDemerits = 1e8
	// finalHyphenDemerits is TeX's \finalhyphendemerits: the last full line of a paragraph had
	// rather not end in a hyphen. shortFinalDemerits is added when the last line is also under a
	// third of the measure — "um-/brella." — which is then taken only when nothing else can be.
	finalHyphenDemerits = 5000
	shortFinalDemerits  = 1e7
)

type breakNode struct {
	pos       int // index of the break item; -1 before the paragraph
	line      int // number of lines up to this break
	fitness   int // 0 tight, 1 decent, 2 loose, 3 very loose
	hyphens   int // consecutive hyphenated lines ending here
	w, y, z   float64
	demerits  float64
	prev      *breakNode
	overfull  bool
	active    bool
	ratio     float64
	hyphenate bool
}

// breakLines chooses the breakpoints of a paragraph for lines of the given width. It never fails:
// passes relax from tight to loose, and the last pass accepts overfull lines where nothing else
// fits (a 200-character URL), which the caller reports.
//
// A pass whose best breaks end the paragraph with a hyphen before a short last line is not taken
// while a looser pass may find better: the next is tried, and the better of the two kept.
//
// The nodes come from nodes, reset here: the breaks returned are valid until its next use.
func breakLines(nodes *breakNodes, items []item, width float64, ragged float64) []*breakNode {
	nodes.reset()
	sums := nodes.sumsOf(items) // the same for every pass
	var best []*breakNode
	better := func(bs []*breakNode) bool {
		if bs != nil && (best == nil || bs[len(bs)-1].demerits < best[len(best)-1].demerits) {
			best = bs
		}
		return best != nil && best[len(best)-1].demerits < shortFinalDemerits
	}
	for _, tol := range []float64{200, 1000} {
		if better(tryBreak(nodes, items, sums, width, ragged, tol, false)) {
			return best
		}
	}
	// TeX's \emergencystretch: every line is judged as if it could stretch a tenth of the measure
	// more, so that the breaks chosen spread the looseness over many lines rather than leaving
	// one line very loose. The spaces themselves never stretch past maxSpaceRatio when the lines
	// are set (setLine); a line that would needs it ends ragged instead.
	if better(tryBreak(nodes, items, sums, width, ragged+width/10, 10000, false)) || best != nil {
		return best
	}
	return tryBreak(nodes, items, sums, width, ragged+width/10, 10000, true)
}

// widthSums are the items' widths, stretch and shrink summed from the paragraph's start: item i's
// are at i+1.
type widthSums struct{ w, y, z []float64 }

// breakNodes hands out the nodes of a paragraph's line breaking, and holds its width sums, in
// memory reused for the next paragraph set on the same goroutine (a Setter's): every kept
// candidate of every pass is a node, and allocating each one was a twelfth of all the memory a
// build allocated. The nodes are handed out from chunks that never move, so a node's address
// stays good while later ones are taken.
type breakNodes struct {
	chunks [][]breakNode
	chunk  int // the chunk being handed out
	used   int // how many of its nodes are taken
	sums   widthSums
}

const breakChunk = 256

func (ns *breakNodes) reset() { ns.chunk, ns.used = 0, 0 }

// take gives a node set to v.
func (ns *breakNodes) take(v breakNode) *breakNode {
	if ns.chunk < len(ns.chunks) && ns.used == len(ns.chunks[ns.chunk]) {
		ns.chunk, ns.used = ns.chunk+1, 0
	}
	if ns.chunk == len(ns.chunks) {
		ns.chunks = append(ns.chunks, make([]breakNode, breakChunk))
	}
	nb := &ns.chunks[ns.chunk][ns.used]
	ns.used++
	*nb = v
	return nb
}

func (ns *breakNodes) sumsOf(items []item) widthSums {
	n := len(items)
	grow := func(b []float64) []float64 {
		if cap(b) < n+1 {
			return make([]float64, n+1)
		}
		return b[:n+1]
	}
	s := widthSums{grow(ns.sums.w), grow(ns.sums.y), grow(ns.sums.z)}
	ns.sums = s
	s.w[0], s.y[0], s.z[0] = 0, 0, 0
	for i := range items {
		it := &items[i]
		s.w[i+1], s.y[i+1], s.z[i+1] = s.w[i], s.y[i], s.z[i]
		if it.kind != penalty {
			s.w[i+1] += it.width
		}
		if it.kind == glue {
			s.y[i+1] += it.stretch
			s.z[i+1] += it.shrink
		}
	}
	return s
}

// tryBreak runs one pass. ragged, when non-zero, is stretch added to every line's end: lines are
// then judged by how far they fall short, as in ragged-right or centred setting.
func tryBreak(nodes *breakNodes, items []item, sums widthSums, width, ragged, tolerance float64, final bool) []*breakNode {
	n := len(items)
	sumW, sumY, sumZ := sums.w, sums.y, sums.z
	active := []*breakNode{nodes.take(breakNode{pos: -1, fitness: 1, active: true})}
	// rSkip is a stretch ratio above which a line's badness is certainly above the pass's
	// tolerance (100 r³ > tolerance), with a margin that keeps rounding out of it: a ratio near it
	// is judged exactly below. A pass that accepts any badness (10,000, badness's cap) skips none.
	rSkip := math.Inf(1)
	if tolerance < 10000 {
		rSkip = math.Cbrt(tolerance/100) * (1 + 1e-6)
	}
	var lastDeactivated *breakNode

	for b := 0; b < n; b++ {
		it := &items[b] // an item is some 200 bytes: not copied for every one looked at
		legal := false
		switch it.kind {
		case glue:
			legal = b > 0 && items[b-1].kind == box
		case penalty:
			// Emergency breaks inside long words count only in the last pass: in the others
			// they would multiply the active breaks of every line for nothing.
			legal = it.penalty < infPenalty && (final || it.penalty < emergencyPenalty)
		}
		if !legal {
			continue
		}
		// The best break here of each fitness class: the node it would follow, its demerits and
		// ratio. A node is taken only for the classes that end up with one, not for every better
		// candidate found on the way.
		var bestA [4]*breakNode
		var bestR [4]float64
		bestD := [4]float64{math.Inf(1), math.Inf(1), math.Inf(1), math.Inf(1)}
		forced := it.kind == penalty && it.penalty <= ejectPen
		pw := 0.0 // a penalty's width (a hyphen's) is the line's when it breaks there
		if it.kind == penalty {
			pw = it.width
		}
		wb, yb, zb := sumW[b], sumY[b], sumZ[b]
		keep := active[:0]
		for _, a := range active {
			// Width of the line from a to b: the sums after a's break skip discarded items.
			w := wb - a.w + pw
			y := yb - a.y + ragged
			if w < width && y > 0 && width-w > rSkip*y {
				// Certainly too loose for this pass (most of the lines tried are): kept for
				// later breaks, or let go at a forced one.
				if !forced {
					keep = append(keep, a)
				}
				continue
			}
			z := zb - a.z
			var r float64
			switch {
			case w < width && y > 0:
				r = (width - w) / y
			case w < width:
				r = 100 // cannot stretch at all: as bad as it gets
			case w > width && z > 0:
				r = (width - w) / z
			case w > width:
				r = math.Inf(-1)
			}
			if r < -1 || forced {
				if r < -1 {
					lastDeactivated = a
				}
			} else {
				keep = append(keep, a)
			}
			if r < -1 {
				continue
			}
			bad := badness(r)
			if bad > tolerance {
				continue
			}
			tooMany := it.flagged && a.hyphens >= maxHyphensInRow
			if tooMany && !final {
				continue
			}
			d := demerits(bad, it, a)
			if tooMany {
				// The last pass takes a third hyphen in a row where the only other break is a
				// line sticking out past the measure ("baaaccanxaaa" in 48 pt after two
				// hyphenated lines, FuzzParagraph): dearly, but below an overfull line's cost.
				d += tooManyHyphensDemerits
			}
			if b == n-1 && a.hyphenate {
				d += finalHyphenDemerits
				if w < width/3 {
					d += shortFinalDemerits
				}
			}
			fc := fitness(r)
			if abs(fc-a.fitness) > 1 {
				d += fitnessDemerits
			}
			d += a.demerits
			if d < bestD[fc] {
				bestA[fc], bestD[fc], bestR[fc] = a, d, r
			}
		}
		active = keep
		for fc, a := range bestA {
			if a == nil {
				continue
			}
			hy := 0
			if it.flagged {
				hy = a.hyphens + 1
			}
			nb := nodes.take(breakNode{pos: b, line: a.line + 1, fitness: fc, hyphens: hy, demerits: bestD[fc], prev: a, active: true, ratio: bestR[fc], hyphenate: it.flagged})
			nb.w, nb.y, nb.z = afterBreak(items, b, sumW, sumY, sumZ)
			active = append(active, nb)
		}
		if len(active) == 0 {
			if !final || lastDeactivated == nil {
				return nil
			}
			// Nothing fits: take an overfull line from the last node that could not reach here.
			a := lastDeactivated
			nb := nodes.take(breakNode{pos: b, line: a.line + 1, fitness: 1, demerits: a.demerits + 1e9, prev: a, active: true, overfull: true, ratio: -1})
			nb.w, nb.y, nb.z = afterBreak(items, b, sumW, sumY, sumZ)
			active = append(active, nb)
			lastDeactivated = nil
		}
	}
	// The paragraph ends with a forced break, so the active nodes all end there.
	var best *breakNode
	for _, a := range active {
		if a.pos == n-1 && (best == nil || a.demerits < best.demerits) {
			best = a
		}
	}
	if best == nil {
		return nil
	}
	var out []*breakNode
	for x := best; x != nil && x.pos >= 0; x = x.prev {
		out = append(out, x)
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// afterBreak gives the running sums at the start of the line after a break at b: glue and
// penalties after the break are discarded up to the next box.
func afterBreak(items []item, b int, sumW, sumY, sumZ []float64) (float64, float64, float64) {
	i := b + 1
	for i < len(items) && items[i].kind != box && !(items[i].kind == penalty && items[i].penalty <= ejectPen) {
		i++
	}
	return sumW[i], sumY[i], sumZ[i]
}

func badness(r float64) float64 {
	if r < -1 {
		return math.Inf(1)
	}
	b := 100 * math.Abs(r*r*r)
	if b > 10000 {
		return 10000
	}
	return b
}

func demerits(bad float64, it *item, a *breakNode) float64 {
	l := linePenalty + bad
	d := l * l
	if it.kind == penalty {
		p := it.penalty
		switch {
		case p >= 0:
			d += p * p
		case p > ejectPen:
			d -= p * p
		}
		if it.flagged && a.hyphenate {
			d += flaggedDemerits
		}
	}
	return d
}

func fitness(r float64) int {
	switch {
	case r < -0.5:
		return 0
	case r <= 0.5:
		return 1
	case r <= 1:
		return 2
	}
	return 3
}

func abs(i int) int {
	if i < 0 {
		return -i
	}
	return i
}

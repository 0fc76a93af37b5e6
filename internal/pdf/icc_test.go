package pdf

import (
	"bytes"
	"encoding/binary"
	"math"
	"testing"
)

// curveAt is a curveType table's value at x in [0, 1], interpolated linearly, in [0, 1].
func curveAt(curv []byte, x float64) float64 {
	be := binary.BigEndian
	m := int(be.Uint32(curv[8:]))
	p := x * float64(m-1)
	k := min(int(p), m-2)
	a, b := float64(be.Uint16(curv[12+2*k:])), float64(be.Uint16(curv[14+2*k:]))
	return (a + (p-float64(k))*(b-a)) / 65535
}

// tagsOf are a profile's tags by signature.
func tagsOf(t *testing.T, icc []byte) map[string][]byte {
	be := binary.BigEndian
	if int(be.Uint32(icc)) != len(icc) {
		t.Fatalf("the profile says it is %d bytes long; it is %d", be.Uint32(icc), len(icc))
	}
	out := map[string][]byte{}
	for i := range int(be.Uint32(icc[128:])) {
		e := icc[132+12*i:]
		off, size := be.Uint32(e[4:]), be.Uint32(e[8:])
		if off%4 != 0 {
			t.Errorf("tag %s at %d, not on a 4-byte boundary", e[:4], off)
		}
		out[string(e[:4])] = icc[off : off+size]
	}
	return out
}

// The sRGB output intent's tone curves, shortened to 64 entries, follow the profile's own
// 1,024-entry curves to within 0.00011 everywhere (an 8-bit colour's step is 0.0039); every other tag and the header are the same
// bytes.
func TestShortCurves(t *testing.T) {
	short := shortCurves(srgbProfile, 64)
	if len(short) >= len(srgbProfile)/2 {
		t.Errorf("the shortened profile is %d bytes, the original %d", len(short), len(srgbProfile))
	}
	if !bytes.Equal(short[4:128], srgbProfile[4:128]) {
		t.Errorf("the header changed past the size")
	}
	long, got := tagsOf(t, srgbProfile), tagsOf(t, short)
	if len(long) != len(got) {
		t.Fatalf("%d tags, the original %d", len(got), len(long))
	}
	for sig, data := range long {
		switch sig {
		case "rTRC", "gTRC", "bTRC":
			if n := binary.BigEndian.Uint32(got[sig][8:]); n != 64 {
				t.Errorf("%s has %d entries", sig, n)
			}
			worst := 0.0
			for i := 0; i <= 4096; i++ {
				x := float64(i) / 4096
				worst = max(worst, math.Abs(curveAt(got[sig], x)-curveAt(data, x)))
			}
			if worst > 1.1e-4 {
				t.Errorf("%s is up to %.6f from the original", sig, worst)
			}
		default:
			if !bytes.Equal(data, got[sig]) {
				t.Errorf("%s changed", sig)
			}
		}
	}
	if bad := []byte("not a profile"); !bytes.Equal(shortCurves(bad, 64), bad) {
		t.Errorf("a short input was changed")
	}
}

package pdf

import (
	"encoding/binary"
	"math"
)

// shortCurves is an ICC version 2 profile with its tone curves (rTRC, gTRC, bTRC: curveType tables
// of more than n entries) resampled to n entries, by linear interpolation in the profile's own
// table, every other tag as it was. Debian's sRGB profile (icc/sRGB.icc) has 1,024-entry curves;
// poppler inverts the output intent's curves for every page it reads (Little CMS's
// cmsReverseToneCurveEx, 89 % of pdftotext's time on the seed's book: 28 ms a page against 3 ms
// without), and every reader and tool built on poppler paid that. At 64 entries the curves stay
// within 0.00011 of the 1,024-entry ones (TestShortCurves): a thirty-fifth of one step of an
// 8-bit colour, where the curve bends most. A profile it cannot read is given back as it is.
func shortCurves(icc []byte, n int) []byte {
	be := binary.BigEndian
	if len(icc) < 132 || n < 2 {
		return icc
	}
	count := int(be.Uint32(icc[128:]))
	if count > 100 || len(icc) < 132+12*count {
		return icc
	}
	type tag struct {
		sig  [4]byte
		data []byte
	}
	tags := make([]tag, count)
	for i := range tags {
		e := icc[132+12*i:]
		off, size := int(be.Uint32(e[4:])), int(be.Uint32(e[8:]))
		if off < 0 || size < 0 || off+size > len(icc) {
			return icc
		}
		copy(tags[i].sig[:], e[:4])
		tags[i].data = icc[off : off+size]
		switch string(e[:4]) {
		case "rTRC", "gTRC", "bTRC":
			if c := resampled(tags[i].data, n); c != nil {
				tags[i].data = c
			}
		}
	}
	out := append([]byte(nil), icc[:128]...)
	out = be.AppendUint32(out, uint32(count))
	at := 132 + 12*count
	var body []byte
	for _, t := range tags {
		out = append(out, t.sig[:]...)
		out = be.AppendUint32(out, uint32(at+len(body)))
		out = be.AppendUint32(out, uint32(len(t.data)))
		body = append(body, t.data...)
		for len(body)%4 != 0 {
			body = append(body, 0)
		}
	}
	out = append(out, body...)
	be.PutUint32(out[0:], uint32(len(out)))
	return out
}

// resampled is a curveType tag's table at n entries, or nil when it is no table longer than that.
func resampled(curv []byte, n int) []byte {
	be := binary.BigEndian
	if len(curv) < 12 || string(curv[:4]) != "curv" {
		return nil
	}
	m := int(be.Uint32(curv[8:]))
	if m <= n || len(curv) < 12+2*m {
		return nil
	}
	at := func(i int) float64 { return float64(be.Uint16(curv[12+2*i:])) }
	out := append([]byte("curv\x00\x00\x00\x00"), 0, 0, 0, 0)
	be.PutUint32(out[8:], uint32(n))
	for i := range n {
		x := float64(i) * float64(m-1) / float64(n-1)
		k := min(int(x), m-2)
		v := at(k) + (x-float64(k))*(at(k+1)-at(k))
		out = be.AppendUint16(out, uint16(math.Round(v)))
	}
	return out
}

// Package preflight checks a PDF as a printer's preflight does before it accepts a file: the
// PDF/X-1a keys and output intent, the colour spaces of every content stream and image, embedded
// fonts, page boxes, annotations, transparency, bookmarks, image resolution, and text within the
// print service's safety margins. It reads any PDF (pdfcpu parses the file; the content streams
// are interpreted here), so it serves colophon's own printer's files and anyone else's.
package preflight

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/pdfcpu/pdfcpu/pkg/filter"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"colophon/internal/edition"
	"colophon/internal/print"
)

// readConfig is pdfcpu's configuration for reading a PDF, made here and not by
// model.NewDefaultConfiguration, which reads (and first writes) a configuration folder in the
// user's home unless pdfcpu's package-wide model.ConfigPath is switched off, and which stamps the
// time: a reader needs neither, and colophon changes no library's global settings. The values
// are pdfcpu's defaults for reading. (Its api package is not used: it pulls in a text-width
// library whose start-up costs every colophon run 20 ms.)
func readConfig() *model.Configuration {
	return &model.Configuration{
		Reader15:                  true,
		ValidationMode:            model.ValidationRelaxed,
		UnsupportedResourcePolicy: model.UnsupportedResourceSkip,
		Eol:                       types.EolLF,
		Limits:                    model.DefaultResourceLimits(),
	}
}

// Finding is one problem: on a page (from 1), or in the document (page 0).
type Finding struct {
	Page    int
	Message string
	// LowResolution marks an image below MinPPI: the user's picture to replace, not a fault
	// in how the file is made.
	LowResolution bool
}

func (f Finding) String() string {
	if f.Page == 0 {
		return f.Message
	}
	return fmt.Sprintf("page %d: %s", f.Page, f.Message)
}

// MaxInflated bounds what preflight inflates of one stream, and the file's streams together: a
// flate stream inflates up to a thousand times (1.9 MB made 2 GB), and a page's content is
// interpreted whole. A book's page is a few hundred kilobytes; 64 MB is no real page's.
const MaxInflated = 64 << 20

// maxInflatedFile bounds what preflight inflates of a whole file: time, as MaxInflated bounds
// memory (a thousand pages of bombs would each stay under it). A 1,000-page book inflates to about
// 60 MB.
const maxInflatedFile = 1 << 30

// MinPPI is the least resolution printers accept for an image at its placed size.
const MinPPI = 300

// Check preflights the PDF at path for the service (its margins and gutter).
func Check(path string, svc print.Service) ([]Finding, error) {
	data, err := edition.ReadRegular(path)
	if err != nil {
		return nil, err
	}
	return CheckBytes(data, svc)
}

// CheckBytes preflights a PDF held in memory.
func CheckBytes(data []byte, svc print.Service) ([]Finding, error) {
	return CheckParts([][]byte{data}, svc)
}

// CheckParts preflights a PDF held in pieces, as colophon's PDF layer makes them (pdf.File),
// without joining them: a printer's file of twenty scans is tens of megabytes.
func CheckParts(parts [][]byte, svc print.Service) ([]Finding, error) {
	return check(parts, svc, nil)
}

func check(parts [][]byte, svc print.Service, memo *Memo) ([]Finding, error) {
	conf := readConfig()
	// Object and cross-reference streams are inflated as the file is read: within the limit too.
	conf.Limits.MaxDecodeBytes = MaxInflated
	ctx, err := readPDF(parts, conf)
	if err != nil && strings.Contains(err.Error(), "password") {
		return nil, errors.New("the file is encrypted: preflight cannot read it without its password, and PDF/X forbids encryption")
	}
	if err != nil {
		return nil, fmt.Errorf("reading the PDF: %w", err)
	}
	c := &checker{x: ctx.XRefTable, svc: svc, seen: map[string]bool{}, memo: memo}
	c.guarded(func() int { return 0 }, func() { c.document(parts) })
	if !c.unreadable {
		c.pages(ctx.PageCount)
	}
	sort.SliceStable(c.out, func(i, j int) bool { return c.out[i].Page < c.out[j].Page })
	return c.out, nil
}

// pages checks every page, walking the page tree once (pageTree), which claims count pages.
func (c *checker) pages(count int) {
	last, stop := 0, 0
	c.guarded(func() int { return last + 1 }, func() {
		err := c.pageTree(count, func(n int, p leaf) bool {
			last = n
			c.guarded(func() int { return n }, func() { c.checkPage(n, count, p) })
			if c.unreadable {
				stop = n
			}
			return !c.unreadable
		})
		switch {
		case err != nil && !c.unreadable:
			c.add(last+1, "cannot be read: %v", err)
			c.unreadable, stop = true, last+1
		case !c.unreadable && last < count:
			c.add(last+1, "cannot be read: the page tree holds %d pages, and its Count says %d", last, count)
			c.unreadable, stop = true, last+1
		}
	})
	if c.unreadable && stop == 0 {
		stop = last + 1 // the walk itself failed (guarded)
	}
	// A page that cannot be read ends the reading: the pages after it are behind the same
	// damage, and a page tree claiming a million pages would otherwise be a million findings.
	if c.unreadable && stop < count {
		c.add(stop, "the %d pages after it were not read", count-stop)
	}
}

// guarded checks the document (page 0) or a page. pdfcpu's object model panics on some damaged
// files as they are read (FuzzPreflight found a missing MediaBox and broken page trees): a panic
// is the file's damage there, reported as a finding of that page. One in preflight's own code
// is counted too, for the fuzz target to fail on: that is a bug here, not damage.
func (c *checker) guarded(page func() int, check func()) {
	defer func() {
		if r := recover(); r != nil {
			site := panicSite()
			if strings.Contains(site, "colophon/internal/preflight") {
				ownPanics.Add(1)
			}
			c.add(page(), "cannot be read: the PDF reader failed on it (%v)", r)
			c.unreadable = true
		}
	}()
	check()
}

// ownPanics counts the panics recovered in preflight's own code (guarded).
var ownPanics atomic.Int64

// panicSite is the function that panicked: the first frame below the runtime's.
func panicSite() string {
	pc := make([]uintptr, 32)
	frames := runtime.CallersFrames(pc[:runtime.Callers(3, pc)])
	for {
		f, more := frames.Next()
		if !strings.HasPrefix(f.Function, "runtime.") {
			return f.Function
		}
		if !more {
			return ""
		}
	}
}

// readPDF reads a PDF's objects and page tree with pdfcpu. pdfcpu has panicked on damaged files
// (a missing page tree, found by FuzzPreflight): a panic inside it is the file's damage, reported
// as an error at this boundary.
func readPDF(parts [][]byte, conf *model.Configuration) (ctx *model.Context, err error) {
	defer func() {
		if r := recover(); r != nil {
			ctx, err = nil, fmt.Errorf("the file is damaged: the PDF reader failed on it (%v)", r)
		}
	}()
	ctx, err = pdfcpu.Read(newPartsReader(parts), conf)
	if err != nil {
		return nil, err
	}
	if err := ctx.EnsurePageCount(); err != nil {
		return nil, fmt.Errorf("its pages: %w", err)
	}
	return ctx, nil
}

// partsReader reads pieces as one file.
type partsReader struct {
	parts [][]byte
	size  int64
	off   int64
}

func newPartsReader(parts [][]byte) *partsReader {
	r := &partsReader{parts: parts}
	for _, p := range parts {
		r.size += int64(len(p))
	}
	return r
}

func (r *partsReader) Read(b []byte) (int, error) {
	n, err := r.ReadAt(b, r.off)
	r.off += int64(n)
	if err == io.EOF && n > 0 {
		err = nil
	}
	return n, err
}

func (r *partsReader) ReadAt(b []byte, off int64) (int, error) {
	if off >= r.size {
		return 0, io.EOF
	}
	n := 0
	for _, p := range r.parts {
		if off >= int64(len(p)) {
			off -= int64(len(p))
			continue
		}
		k := copy(b[n:], p[off:])
		n += k
		off = 0
		if n == len(b) {
			return n, nil
		}
	}
	return n, io.EOF
}

func (r *partsReader) Seek(offset int64, whence int) (int64, error) {
	switch whence {
	case io.SeekStart:
	case io.SeekCurrent:
		offset += r.off
	case io.SeekEnd:
		offset += r.size
	}
	if offset < 0 {
		return 0, errors.New("seek before the start")
	}
	r.off = offset
	return offset, nil
}

type checker struct {
	x        *model.XRefTable
	svc      print.Service
	out      []Finding
	seen     map[string]bool // a finding said once per document, not once per page
	inflated int64           // bytes inflated so far, against maxInflatedFile
	// unreadable is set once a page cannot be read, which ends the reading.
	unreadable bool
	// spaceCache and widthCache hold each font's space codes and widths, by the font
	// dictionary's identity: a page shows thousands of strings in a few fonts.
	spaceCache map[string]spaceSet
	widthCache map[string]func(int) float64
	embedCache map[string]string // the font's BaseFont when it is not embedded, else ""
	// memo, when not nil, holds the findings of pages checked before (memo.go); rec is the
	// record of the page being checked, and digests the digests of the objects hashed for the
	// pages' keys, by object number.
	memo    *Memo
	rec     *pageRecord
	digests map[int][32]byte
	// texts is the list of the page being checked's text boxes, reused for the next page: a
	// 1,000-page interior's were most of what the preflight allocated.
	texts []rect
}

func (c *checker) add(page int, format string, args ...any) {
	c.apply(page, event{kind: pageFinding, msg: fmt.Sprintf(format, args...)})
}

// once records a finding on the first page it occurs and not again; key says which findings are
// the same (msg may carry a measurement).
func (c *checker) once(page int, msg string, key ...string) {
	e := event{kind: firstPage, msg: msg, key: "once " + msg}
	if len(key) > 0 {
		e.key = "once " + key[0]
	}
	c.apply(page, e)
}

// event is one finding a check made, as the memo replays it.
type event struct {
	kind     eventKind
	msg, key string
	low      bool // Finding.LowResolution
}

type eventKind byte

const (
	pageFinding eventKind = iota // once per page (add)
	firstPage                    // on the first page it occurs (once), keyed by key
	fileFinding                  // the file's (page 0), once, keyed by key
)

// apply records a finding of page (0: the file's) unless the same was recorded, and notes it in
// the record of the page being checked, for the memo to replay.
func (c *checker) apply(page int, e event) {
	if c.rec != nil {
		c.rec.events = append(c.rec.events, e)
	}
	f := Finding{Page: page, Message: e.msg, LowResolution: e.low}
	key := e.msg
	switch {
	case e.kind == firstPage:
		key = e.key
		f.Message += fmt.Sprintf(" (first on page %d)", page)
	case e.kind == fileFinding:
		key, f.Page = e.key, 0
	case page > 0:
		key = fmt.Sprint(page, e.msg)
	}
	if c.seen[key] {
		return
	}
	c.seen[key] = true
	c.out = append(c.out, f)
}

func (c *checker) dict(o types.Object) types.Dict {
	d, err := c.x.DereferenceDict(o)
	if err != nil {
		return nil
	}
	return d
}

func (c *checker) name(o types.Object) string {
	o, _ = c.x.Dereference(o)
	if n, ok := o.(types.Name); ok {
		return string(n)
	}
	return ""
}

func (c *checker) number(o types.Object) (float64, bool) {
	v, err := c.x.DereferenceNumber(o)
	return v, err == nil
}

func (c *checker) text(o types.Object) string {
	s, err := c.x.DereferenceText(o)
	if err != nil {
		return ""
	}
	return s
}

// document checks the trailer, the Info dictionary and the catalog.
func (c *checker) document(parts [][]byte) {
	if c.x.Encrypt != nil {
		c.add(0, "the file is encrypted")
	}
	if len(c.x.ID) == 0 {
		c.add(0, "no trailer /ID")
	}
	info := types.Dict{}
	if c.x.Info != nil {
		info = c.dict(*c.x.Info)
	}
	if v := c.text(info["GTS_PDFXVersion"]); !strings.HasPrefix(v, "PDF/X-1") {
		c.add(0, "not PDF/X-1a: no GTS_PDFXVersion PDF/X-1… in Info (%q)", v)
	}
	if t := c.name(info["Trapped"]); t != "True" && t != "False" {
		c.add(0, "Info /Trapped must be /True or /False (it is %q)", t)
	}
	// The XMP packet is written uncompressed, in one piece.
	if !slices.ContainsFunc(parts, func(raw []byte) bool {
		return bytes.Contains(raw, []byte("GTS_PDFXVersion>")) || bytes.Contains(raw, []byte("pdfxid:GTS_PDFXVersion"))
	}) {
		c.add(0, "no pdfxid:GTS_PDFXVersion in the XMP metadata")
	}
	cat, err := c.x.Catalog()
	if err != nil {
		c.add(0, "no catalog: %v", err)
		return
	}
	pdfx := false
	if arr, err := c.x.DereferenceArray(cat["OutputIntents"]); err == nil {
		for _, o := range arr {
			oi := c.dict(o)
			if c.name(oi["S"]) != "GTS_PDFX" {
				continue
			}
			pdfx = true
			id := c.text(oi["OutputConditionIdentifier"])
			if id == "" {
				c.add(0, "the GTS_PDFX output intent has no OutputConditionIdentifier")
			}
			if _, has := oi["DestOutputProfile"]; !has && (id == "" || strings.EqualFold(id, "Custom")) {
				c.add(0, "the output intent names no registered condition and embeds no profile")
			}
		}
	}
	if !pdfx {
		c.add(0, "no output intent for PDF/X (/S /GTS_PDFX)")
	}
	if _, has := cat["Outlines"]; has {
		c.add(0, "bookmarks (an outline): printers ask for none")
	}
	if names := c.dict(cat["Names"]); names != nil {
		if _, has := names["JavaScript"]; has {
			c.add(0, "JavaScript")
		}
		if _, has := names["EmbeddedFiles"]; has {
			c.add(0, "embedded files")
		}
	}
	if oa := c.dict(cat["OpenAction"]); oa != nil && c.name(oa["S"]) == "JavaScript" {
		c.add(0, "JavaScript")
	}
}

// box reads a page box as [llx lly urx ury].
func (c *checker) box(pd types.Dict, key string) ([4]float64, bool) {
	arr, err := c.x.DereferenceArray(pd[key])
	if err != nil || len(arr) != 4 {
		return [4]float64{}, false
	}
	var b [4]float64
	for i, o := range arr {
		v, ok := c.number(o)
		if !ok {
			return [4]float64{}, false
		}
		b[i] = v
	}
	return [4]float64{min(b[0], b[2]), min(b[1], b[3]), max(b[0], b[2]), max(b[1], b[3])}, true
}

// page checks page n of pages, p as the page tree's walk found it.
func (c *checker) page(n, pages int, p leaf) {
	pd := p.dict
	if !p.hasMedia {
		c.add(n, "has no MediaBox: it has no size")
		return
	}
	media := p.media
	trim, hasTrim := c.box(pd, "TrimBox")
	if !hasTrim {
		if _, art := pd["ArtBox"]; !art {
			c.once(n, "no TrimBox")
		}
		trim = media
	}
	if bleed, ok := c.box(pd, "BleedBox"); !ok {
		c.once(n, "no BleedBox")
	} else if bleed[0] > trim[0]+0.01 || bleed[1] > trim[1]+0.01 || bleed[2] < trim[2]-0.01 || bleed[3] < trim[3]-0.01 {
		c.add(n, "the BleedBox does not hold the TrimBox")
	}
	if arr, err := c.x.DereferenceArray(pd["Annots"]); err == nil && len(arr) > 0 {
		var kinds []string
		for _, a := range arr {
			kinds = append(kinds, c.name(c.dict(a)["Subtype"]))
		}
		c.once(n, fmt.Sprintf("annotations (%s): printers ask for none", strings.Join(kinds, ", ")))
	}
	if g := c.dict(pd["Group"]); g != nil && c.name(g["S"]) == "Transparency" {
		c.once(n, "a transparency group: PDF/X-1a allows no transparency")
	}
	content, err := c.content(pd)
	if errors.Is(err, filter.ErrDecodeLimitExceeded) {
		c.add(n, "a content stream inflates to more than %d MB, which preflight does not read: the file is damaged or made to exhaust a reader's memory", MaxInflated>>20)
		return
	}
	if err != nil {
		// A page with no content is blank: nothing to check.
		return
	}
	texts := c.texts[:0]
	c.run(n, content, p.resources, identity, &texts, 0)
	c.texts = texts

	// Text within the safety margins: the service's outside margin from the trim, and on an
	// interior page (portrait, more than one page) its gutter for the page count on the inside.
	inset := [4]float64{c.svc.Outside * 72, c.svc.Outside * 72, c.svc.Outside * 72, c.svc.Outside * 72}
	w, h := trim[2]-trim[0], trim[3]-trim[1]
	if pages > 1 && h > w {
		gutter := c.svc.Inside(pages) * 72
		if n%2 == 1 {
			inset[0] = gutter
		} else {
			inset[2] = gutter
		}
	} else {
		for i := range inset {
			inset[i] = c.svc.CoverSafety * 72
		}
	}
	for _, t := range texts {
		switch {
		case t[0] < trim[0]+inset[0]-0.5:
			c.once(n, fmt.Sprintf("text %.2f in from the left trim, within the %.3f in safety margin", (t[0]-trim[0])/72, inset[0]/72), "margin left")
		case t[2] > trim[2]-inset[2]+0.5:
			c.once(n, fmt.Sprintf("text %.2f in from the right trim, within the %.3f in safety margin", (trim[2]-t[2])/72, inset[2]/72), "margin right")
		case t[1] < trim[1]+inset[1]-0.5:
			c.once(n, fmt.Sprintf("text %.2f in from the bottom trim, within the %.3f in safety margin", (t[1]-trim[1])/72, inset[1]/72), "margin bottom")
		case t[3] > trim[3]-inset[3]+0.5:
			c.once(n, fmt.Sprintf("text %.2f in from the top trim, within the %.3f in safety margin", (trim[3]-t[3])/72, inset[3]/72), "margin top")
		}
	}
}

// rect is a box in page space: [llx lly urx ury].
type rect [4]float64

// state is the graphics state the interpreter follows.
type state struct {
	ctm              matrix
	font             types.Dict
	widths           func(int) float64 // the font's, looked up when Tf sets it
	spaces           spaceSet
	two              bool // two-byte codes (a Type0 font)
	size, tc, tw, tz float64
	tl, ts           float64
	fillCS, strokeCS string
}

// run interprets one content stream (a page's or a form's) with its resources.
func (c *checker) run(page int, content []byte, res types.Dict, ctm matrix, texts *[]rect, depth int) {
	if depth > 8 {
		return
	}
	st := state{ctm: ctm, tz: 100, fillCS: "DeviceGray", strokeCS: "DeviceGray"}
	var stack []state
	var tm, tlm matrix
	var ops []token
	l := &lexer{b: content}
	num := func(i int) float64 {
		if i < len(ops) && ops[i].kind == 'n' {
			return ops[i].num
		}
		return 0
	}
	resource := func(kind, name string) types.Dict {
		return c.dict(c.dict(res[kind])[name])
	}
	show := func(s string) {
		if st.font == nil {
			return
		}
		widths, spaces, two := st.widths, st.spaces, st.two
		th := st.tz / 100
		trm := matrix{st.size * th, 0, 0, st.size, 0, st.ts}.mul(tm).mul(st.ctm)
		x0, y0 := trm.apply(0, -0.25)
		adv, ink := 0.0, 0.0 // ink: where the last glyph that is not a space ends
		for i := 0; i < len(s); i++ {
			code := int(s[i])
			if two && i+1 < len(s) {
				code = code<<8 | int(s[i+1])
				i++
			}
			w := widths(code) / 1000 * st.size
			sp := 0.0
			if !two && code == 32 {
				sp = st.tw
			}
			adv += (w + st.tc + sp) * th
			if !spaces.has(code) {
				ink = adv
			}
		}
		if ink > 0 {
			x1, y1 := matrix{1, 0, 0, 1, ink / (st.size * th), 0}.mul(trm).apply(0, 0.8)
			*texts = append(*texts, rect{min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)})
		}
		tm = matrix{1, 0, 0, 1, adv, 0}.mul(tm)
	}
	for {
		t, ok := l.next()
		if !ok {
			return
		}
		if t.kind != 'k' {
			ops = append(ops, t)
			continue
		}
		switch t.str {
		case "q":
			stack = append(stack, st)
		case "Q":
			if len(stack) > 0 {
				st = stack[len(stack)-1]
				stack = stack[:len(stack)-1]
			}
		case "cm":
			st.ctm = matrix{num(0), num(1), num(2), num(3), num(4), num(5)}.mul(st.ctm)
		case "BT":
			tm, tlm = identity, identity
		case "Tf":
			if len(ops) >= 2 && ops[0].kind == '/' {
				st.font = resource("Font", ops[0].str)
				if st.font != nil {
					c.embedded(st.font)
					st.widths, st.spaces = c.widths(st.font), c.spaces(st.font)
					st.two = c.name(st.font["Subtype"]) == "Type0"
				}
				st.size = num(1)
			}
		case "Tc":
			st.tc = num(0)
		case "Tw":
			st.tw = num(0)
		case "Tz":
			st.tz = num(0)
		case "TL":
			st.tl = num(0)
		case "Ts":
			st.ts = num(0)
		case "Td", "TD":
			if t.str == "TD" {
				st.tl = -num(1)
			}
			tlm = matrix{1, 0, 0, 1, num(0), num(1)}.mul(tlm)
			tm = tlm
		case "Tm":
			tlm = matrix{num(0), num(1), num(2), num(3), num(4), num(5)}
			tm = tlm
		case "T*":
			tlm = matrix{1, 0, 0, 1, 0, -st.tl}.mul(tlm)
			tm = tlm
		case "Tj", "'", "\"":
			if t.str != "Tj" {
				if t.str == "\"" {
					st.tw, st.tc = num(0), num(1)
				}
				tlm = matrix{1, 0, 0, 1, 0, -st.tl}.mul(tlm)
				tm = tlm
			}
			if len(ops) > 0 && ops[len(ops)-1].kind == 's' {
				show(ops[len(ops)-1].str)
			}
		case "TJ":
			if len(ops) > 0 && ops[len(ops)-1].kind == '[' {
				for _, it := range ops[len(ops)-1].arr {
					if it.kind == 's' {
						show(it.str)
					} else if it.kind == 'n' {
						tm = matrix{1, 0, 0, 1, -it.num / 1000 * st.size * st.tz / 100, 0}.mul(tm)
					}
				}
			}
		case "rg", "RG":
			c.once(page, "DeviceRGB colour: PDF/X-1a allows gray and CMYK only")
		case "cs", "CS":
			if len(ops) > 0 && ops[0].kind == '/' {
				c.colourSpace(page, ops[0].str, res)
			}
		case "gs":
			if len(ops) > 0 && ops[0].kind == '/' {
				gs := resource("ExtGState", ops[0].str)
				if sm := gs["SMask"]; sm != nil && c.name(sm) != "None" {
					c.once(page, "a soft mask: PDF/X-1a allows no transparency")
				}
				for _, k := range []string{"CA", "ca"} {
					if v, ok := c.number(gs[k]); ok && v < 1 {
						c.once(page, "constant opacity below 1: PDF/X-1a allows no transparency")
					}
				}
				if bm := c.name(gs["BM"]); bm != "" && bm != "Normal" && bm != "Compatible" {
					c.once(page, "blend mode "+bm+": PDF/X-1a allows no transparency")
				}
			}
		case "Do":
			if len(ops) > 0 && ops[0].kind == '/' {
				c.xobject(page, ops[0].str, res, st.ctm, texts, depth)
			}
		case "BI":
			d := map[string]token{}
			for {
				k, ok := l.next()
				if !ok || (k.kind == 'k' && k.str == "ID") {
					break
				}
				v, _ := l.next()
				d[k.str] = v
			}
			l.skipInlineImage()
			cs := d["CS"].str
			if cs == "" {
				cs = d["ColorSpace"].str
			}
			if cs == "RGB" || cs == "DeviceRGB" {
				c.once(page, "an inline RGB image: PDF/X-1a allows gray and CMYK only")
			}
			w := d["W"].num
			if w == 0 {
				w = d["Width"].num
			}
			c.resolution(page, w, st.ctm)
		}
		ops = ops[:0]
	}
}

// colourSpace checks a colour space named in a content stream.
func (c *checker) colourSpace(page int, name string, res types.Dict) {
	switch name {
	case "DeviceGray", "DeviceCMYK", "Pattern", "G", "CMYK":
		return
	case "DeviceRGB", "RGB":
		c.once(page, "DeviceRGB colour: PDF/X-1a allows gray and CMYK only")
		return
	}
	c.colourSpaceObject(page, c.dict(res["ColorSpace"])[name], name)
}

func (c *checker) colourSpaceObject(page int, o types.Object, label string) {
	o, _ = c.x.Dereference(o)
	switch v := o.(type) {
	case types.Name:
		if v == "DeviceRGB" || v == "CalRGB" || v == "Lab" {
			c.once(page, fmt.Sprintf("colour space %s (%s): PDF/X-1a allows gray and CMYK only", label, v))
		}
	case types.Array:
		if len(v) == 0 {
			return
		}
		switch kind := c.name(v[0]); kind {
		case "ICCBased":
			if len(v) > 1 {
				if sd, _, err := c.x.DereferenceStreamDict(v[1]); err == nil && sd != nil {
					if n, ok := c.number(sd.Dict["N"]); ok && n != 1 && n != 4 {
						c.once(page, fmt.Sprintf("colour space %s is an ICC profile with %g components: PDF/X-1a allows gray and CMYK only", label, n))
					}
				}
			}
		case "CalRGB", "Lab":
			c.once(page, fmt.Sprintf("colour space %s (%s): PDF/X-1a allows gray and CMYK only", label, kind))
		case "Indexed":
			if len(v) > 1 {
				c.colourSpaceObject(page, v[1], label)
			}
		}
	}
}

// xobject checks an image or form drawn with Do.
func (c *checker) xobject(page int, name string, res types.Dict, ctm matrix, texts *[]rect, depth int) {
	ref := c.dict(res["XObject"])[name]
	sd, _, err := c.x.DereferenceStreamDict(ref)
	if err != nil || sd == nil {
		return
	}
	switch c.name(sd.Dict["Subtype"]) {
	case "Image":
		if sm := sd.Dict["SMask"]; sm != nil {
			c.once(page, "an image with a soft mask: PDF/X-1a allows no transparency")
		}
		if cs, ok := sd.Dict["ColorSpace"]; ok {
			c.colourSpaceObject(page, cs, "of image "+name)
		}
		w, _ := c.number(sd.Dict["Width"])
		c.resolution(page, w, ctm)
	case "Form":
		if err := c.decode(sd); err != nil {
			if errors.Is(err, filter.ErrDecodeLimitExceeded) {
				c.once(page, fmt.Sprintf("form %s inflates to more than %d MB, which preflight does not read", name, MaxInflated>>20))
			}
			return
		}
		m := identity
		if arr, err := c.x.DereferenceArray(sd.Dict["Matrix"]); err == nil && len(arr) == 6 {
			for i := range m {
				m[i], _ = c.number(arr[i])
			}
		}
		fres := c.dict(sd.Dict["Resources"])
		if fres == nil {
			fres = res
		}
		c.run(page, sd.Content, fres, m.mul(ctm), texts, depth+1)
	}
}

// resolution checks an image w pixels wide placed by ctm (the unit square).
func (c *checker) resolution(page int, w float64, ctm matrix) {
	placed := math.Hypot(ctm[0], ctm[1]) / 72 // inches
	if w <= 0 || placed <= 0 {
		return
	}
	if ppi := w / placed; ppi < MinPPI-0.5 {
		c.apply(page, event{kind: pageFinding, msg: fmt.Sprintf("an image at %.0f ppi at its placed size (printers ask for %d)", ppi, MinPPI), low: true})
	}
}

// spaces are the codes of a font that draw a space (no ink), from its ToUnicode map, or the ASCII
// space for a simple font without one: text may end in a space that reaches the margin.
func (c *checker) spaces(font types.Dict) spaceSet {
	key := fmt.Sprintf("%p", font)
	if m, ok := c.spaceCache[key]; ok {
		return m
	}
	var m spaceSet
	if c.name(font["Subtype"]) != "Type0" {
		m = m.with(32)
	}
	if sd, _, err := c.x.DereferenceStreamDict(font["ToUnicode"]); err == nil && sd != nil && c.decode(sd) == nil {
		for _, e := range bfchar.FindAllSubmatch(sd.Content, -1) {
			if u := strings.ToUpper(string(e[2])); u == "0020" || u == "00A0" || u == "202F" || u == "2009" {
				v, _ := strconv.ParseInt(string(e[1]), 16, 32)
				m = m.with(int(v))
			}
		}
	}
	if c.spaceCache == nil {
		c.spaceCache = map[string]spaceSet{}
	}
	c.spaceCache[key] = m
	return m
}

// spaceSet is the character codes of a font that draw a space, indexed by code (codes are at
// most two bytes): looked up for every glyph of every page.
type spaceSet []bool

func (s spaceSet) has(code int) bool { return code >= 0 && code < len(s) && s[code] }

func (s spaceSet) with(code int) spaceSet {
	if code < 0 || code > 0xffff {
		return s
	}
	for len(s) <= code {
		s = append(s, false)
	}
	s[code] = true
	return s
}

var bfchar = regexp.MustCompile(`<([0-9A-Fa-f]{2,4})>\s*<([0-9A-Fa-f]{4})>`)

// widths returns a font's glyph widths (thousandths of an em) by character code; fonts the file
// does not embed are reported once.
func (c *checker) widths(font types.Dict) func(code int) float64 {
	key := fmt.Sprintf("%p", font)
	if f, ok := c.widthCache[key]; ok {
		return f
	}
	f := c.readWidths(font)
	if c.widthCache == nil {
		c.widthCache = map[string]func(int) float64{}
	}
	c.widthCache[key] = f
	return f
}

// embedded reports a font the file does not embed, once for the file. It is asked at every use
// of the font (not only where its widths are first read), so that each page's record has it.
func (c *checker) embedded(font types.Dict) {
	key := fmt.Sprintf("%p", font)
	base, ok := c.embedCache[key]
	if !ok {
		if c.name(font["Subtype"]) != "Type3" {
			fd := c.dict(c.descendant(font)["FontDescriptor"])
			_, f1 := fd["FontFile"]
			_, f2 := fd["FontFile2"]
			_, f3 := fd["FontFile3"]
			if !f1 && !f2 && !f3 {
				base = "font " + c.name(font["BaseFont"])
			}
		}
		if c.embedCache == nil {
			c.embedCache = map[string]string{}
		}
		c.embedCache[key] = base
	}
	if base != "" {
		c.apply(0, event{kind: fileFinding, msg: base + " is not embedded", key: base})
	}
}

// descendant is the dictionary that holds a font's widths and descriptor: a Type0 font's
// descendant CIDFont, or the font itself.
func (c *checker) descendant(font types.Dict) types.Dict {
	if c.name(font["Subtype"]) == "Type0" {
		if arr, err := c.x.DereferenceArray(font["DescendantFonts"]); err == nil && len(arr) > 0 {
			return c.dict(arr[0])
		}
	}
	return font
}

func (c *checker) readWidths(font types.Dict) func(code int) float64 {
	sub := c.name(font["Subtype"])
	desc := c.descendant(font)
	if sub == "Type0" {
		dw := 1000.0
		if v, ok := c.number(desc["DW"]); ok {
			dw = v
		}
		// The widths by code, in a slice (codes are two bytes): looked up for every glyph.
		var w []float64
		set := func(code int, v float64) {
			if code < 0 || code > 0xffff {
				return
			}
			for len(w) <= code {
				w = append(w, dw)
			}
			w[code] = v
		}
		if arr, err := c.x.DereferenceArray(desc["W"]); err == nil {
			for i := 0; i < len(arr); {
				first, _ := c.number(arr[i])
				if i+1 < len(arr) {
					if list, err := c.x.DereferenceArray(arr[i+1]); err == nil {
						for k, o := range list {
							v, _ := c.number(o)
							set(int(first)+k, v)
						}
						i += 2
						continue
					}
				}
				if i+2 < len(arr) {
					last, _ := c.number(arr[i+1])
					v, _ := c.number(arr[i+2])
					for k := int(first); k <= int(last) && k-int(first) < 1<<16; k++ {
						set(k, v)
					}
				}
				i += 3
			}
		}
		return func(code int) float64 {
			if code >= 0 && code < len(w) {
				return w[code]
			}
			return dw
		}
	}
	first, _ := c.number(font["FirstChar"])
	ws, _ := c.x.DereferenceArray(font["Widths"])
	return func(code int) float64 {
		if k := code - int(first); k >= 0 && k < len(ws) {
			v, _ := c.number(ws[k])
			return v
		}
		return 500
	}
}

// decode inflates a stream within MaxInflated, and within what is left of the file's budget.
func (c *checker) decode(sd *types.StreamDict) error {
	limit := min(int64(MaxInflated), maxInflatedFile-c.inflated)
	if limit <= 0 {
		return filter.ErrDecodeLimitExceeded
	}
	if err := sd.DecodeWithLimit(limit); err != nil {
		if c.rec != nil && errors.Is(err, filter.ErrDecodeLimitExceeded) {
			c.rec.overBudget = true // what it finds depends on what was inflated before
		}
		return err
	}
	c.inflated += int64(len(sd.Content))
	return nil
}

// content is a page's content streams, inflated (decode) and joined.
func (c *checker) content(pd types.Dict) ([]byte, error) {
	o, err := c.x.Dereference(pd["Contents"])
	if err != nil || o == nil {
		return nil, errors.New("no content")
	}
	var list []types.Object
	switch o := o.(type) {
	case types.StreamDict:
		list = []types.Object{o}
	case types.Array:
		list = o
	default:
		return nil, errors.New("no content")
	}
	var out []byte
	for _, x := range list {
		sd, _, err := c.x.DereferenceStreamDict(x)
		if err != nil || sd == nil {
			continue
		}
		if err := c.decode(sd); err != nil {
			if errors.Is(err, filter.ErrDecodeLimitExceeded) {
				return nil, err
			}
			continue // a damaged stream draws nothing, as a reader shows it
		}
		if len(out)+len(sd.Content) > MaxInflated {
			return nil, filter.ErrDecodeLimitExceeded
		}
		out = append(out, sd.Content...)
		out = append(out, '\n')
	}
	return out, nil
}

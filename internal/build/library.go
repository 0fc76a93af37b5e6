package build

import (
	"strings"

	"colophon/internal/library"
)

// writeLibrary makes the records libraries ingest — MARCXML for the print book and the EPUB, ONIX,
// Dublin Core, an OPDS catalog — and a BagIt bag of the whole edition, records included. It runs
// after the other writers (Writer.After): the records list their files' sizes and checksums.
func writeLibrary(r *Resources, files *Files) error {
	b := r.Edition
	outs := files.Before()
	facts, err := r.Facts()
	if err != nil {
		return err
	}
	trim := b.Print.Trim
	find := func(path string) (Output, bool) {
		for _, o := range outs {
			if o.Path == path {
				return o, true
			}
		}
		return Output{}, false
	}
	printed := library.Edition{Form: "print", Pages: facts.Printed, WidthMM: trim.W, HeightM: trim.H, File: b.Name + ".pdf"}
	ebook := library.Edition{Form: "epub", Pages: facts.Printed, File: b.Name + ".epub"}
	dir := "library/"
	records := []Output{
		{Path: dir + b.Name + "-print-marc.xml", MediaType: "application/marcxml+xml", Data: library.MARC(b, printed)},
		{Path: dir + b.Name + "-epub-marc.xml", MediaType: "application/marcxml+xml", Data: library.MARC(b, ebook)},
		{Path: dir + b.Name + "-onix.xml", MediaType: "application/xml", Data: library.ONIX(b, []library.Edition{printed, ebook})},
	}
	var formats []string
	var acq []library.Acquisition
	for _, f := range []struct{ path, title string }{{b.Name + ".epub", "EPUB"}, {b.Name + ".pdf", "PDF (print edition)"}} {
		if o, ok := find(f.path); ok {
			formats = append(formats, o.MediaType)
			acq = append(acq, library.Acquisition{Href: "../" + o.Path, MediaType: o.MediaType, Bytes: o.Size, SHA256: o.SHA256, Title: f.title})
		}
	}
	records = append(records, Output{Path: dir + b.Name + "-dc.xml", MediaType: "application/xml", Data: library.DublinCore(b, formats)})
	var cov *library.Acquisition
	for _, o := range outs {
		if strings.HasPrefix(o.Path, "cover/") && strings.HasPrefix(o.MediaType, "image/") {
			cov = &library.Acquisition{Href: "../" + o.Path, MediaType: o.MediaType, Bytes: o.Size, SHA256: o.SHA256}
		}
	}
	records = append(records, Output{Path: dir + b.Name + "-opds.xml", MediaType: "application/atom+xml;profile=opds-catalog;kind=acquisition", Data: library.OPDS(b, cov, acq)})

	// The bag holds every output and the records. The outputs are already written (their bytes
	// let go), so the bag's copies are links to them, listed with the checksums computed when they
	// were written; the records are written with the bag.
	var payload []library.File
	for _, o := range outs {
		payload = append(payload, library.File{Path: o.Path, Size: o.Size, SHA256: o.SHA256})
	}
	for _, o := range records {
		payload = append(payload, library.File{Path: o.Path, Data: o.Data})
	}
	bagDir := dir + b.Name + "-bag/"
	for _, f := range library.Bag(b, payload) {
		o := Output{Path: bagDir + f.Path, MediaType: mediaTypeOf(f.Path, outs, records), Data: f.Data}
		if p, ok := strings.CutPrefix(f.Path, "data/"); ok {
			o.Data, o.Link, o.Size, o.SHA256 = nil, p, f.Size, f.SHA256
		}
		records = append(records, o)
	}
	for _, o := range records {
		if err := files.Put(o); err != nil {
			return err
		}
	}
	return nil
}

// mediaTypeOf gives a bag file the media type of the output it copies, or text/plain for the
// bag's own tag files.
func mediaTypeOf(bagPath string, lists ...[]Output) string {
	if p, ok := strings.CutPrefix(bagPath, "data/"); ok {
		for _, l := range lists {
			for _, o := range l {
				if o.Path == p {
					return o.MediaType
				}
			}
		}
	}
	return "text/plain"
}

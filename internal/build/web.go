package build

import (
	"strings"

	"colophon/internal/web"
)

// writeWeb makes the web edition in web/. It runs last (Writer.After), so that its home page
// offers every other output with its size, and its downloads/ folder holds them as links.
func writeWeb(r *Resources, files *Files) error {
	b := r.Edition
	facts, err := r.Facts()
	if err != nil {
		return err
	}
	opt := web.Options{PageBreaks: pageBreaks(facts), TargetPage: facts.TargetPage, CutFaces: r.HTMLFaces}
	// The handouts were made before the writers that run after the others began; the printer's
	// files and the library records are made while the documents' pages are (Files.Before).
	for _, dl := range downloads(r.Written()) {
		if strings.HasPrefix(dl.Path, "handouts/") {
			opt.Handouts = append(opt.Handouts, dl)
		}
	}
	var outs []Output
	opt.Downloads = func() []web.Download {
		outs = files.Before()
		return downloads(outs)
	}
	if opt.Cover, err = r.Cover(); err != nil {
		return err
	}
	made, err := web.Write(b, opt)
	if err != nil {
		return err
	}
	// The site's files are put on every core: the web edition is the last writer running, and
	// checksumming and linking or writing its thousand files one by one was a tenth of a second
	// of a rebuild with the other core idle. The outputs are listed by path afterwards
	// (Resources.wrote), whichever is put first.
	return parallel(len(made), func(k int) string { return "writing web/" + made[k].Path }, func(k int) error {
		f := made[k]
		o := Output{Path: "web/" + f.Path, MediaType: webMediaType(f.Path), Data: f.Data}
		if f.Link != "" {
			o.Data, o.Link = nil, f.Link
			for _, d := range outs {
				if d.Path == f.Link {
					o.MediaType, o.Size, o.SHA256 = d.MediaType, d.Size, d.SHA256
				}
			}
		}
		return files.Put(o)
	})
}

// downloads are the outputs the web edition offers: all but the bag's (its copies of the other
// outputs, and its tag files).
func downloads(outs []Output) []web.Download {
	var dls []web.Download
	for _, o := range outs {
		if o.Link != "" || strings.HasSuffix(o.Path, ".txt") {
			continue
		}
		dls = append(dls, web.Download{Path: o.Path, MediaType: o.MediaType, Size: o.Size})
	}
	return dls
}

// webMediaType is the media type a host serves a file of the web edition with.
func webMediaType(path string) string {
	switch {
	case strings.HasSuffix(path, ".html"):
		return "text/html"
	case strings.HasSuffix(path, ".css"):
		return "text/css"
	case strings.HasSuffix(path, ".js"):
		return "text/javascript"
	case strings.HasSuffix(path, ".json"):
		return "application/json"
	case strings.HasSuffix(path, ".ttf"):
		return "font/ttf"
	case strings.HasSuffix(path, ".png"):
		return "image/png"
	case strings.HasSuffix(path, ".jpg"):
		return "image/jpeg"
	case path == "feed.xml":
		return "application/atom+xml"
	case strings.HasSuffix(path, ".xml"):
		return "application/xml"
	}
	return "text/plain"
}

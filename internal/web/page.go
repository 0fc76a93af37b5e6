package web

import (
	"encoding/json"
	"strings"

	"colophon/internal/edition"
	"colophon/internal/html"
)

// page is one HTML page of the site, before the frame every page shares is put round it.
type page struct {
	file        string // its path in the site, e.g. "index.html"
	title       string // its <title>, before the edition's
	description string
	ogType      string         // Open Graph type: book, article or website
	jsonLD      map[string]any // schema.org description, if any
	main        string         // the HTML of <main>
	// root is the site's folder as the page's links see it: "" for the pages at the top, and the
	// edition's url for the 404 page, which a host serves at any depth.
	root   string
	search bool // the search page: search.js fills its results
}

// site is what every page's frame needs of the edition.
type site struct {
	b     *edition.Book
	url   string // the edition's url, ending in "/", or ""
	image string // the cover's file in the site, for Open Graph
	// extra are the pages after the documents (the register's), in the contents' order.
	extra []string
}

// render puts the frame round a page: the head with its metadata for machines, the banner with
// the edition's title and the search box, the page, the footer.
func (s *site) render(p page) []byte {
	h := &html.Writer{Flavor: html.Web}
	h.WriteString("<!DOCTYPE html>\n")
	h.Open("html", "lang", s.b.Language)
	h.WriteString("\n<head>\n<meta charset=\"utf-8\">\n")
	h.WriteString(`<meta name="viewport" content="width=device-width, initial-scale=1">` + "\n")
	title := p.title
	if title != s.b.Title {
		title += " — " + shortTitle(s.b)
	}
	h.El("title", title)
	h.WriteByte('\n')
	meta := func(attr, name, content string) {
		if content != "" {
			h.Void("meta", attr, name, "content", content)
			h.WriteByte('\n')
		}
	}
	meta("name", "description", p.description)
	meta("name", "color-scheme", "light dark")
	if s.url != "" && p.file != "404.html" {
		h.Void("link", "rel", "canonical", "href", s.url+canonicalPath(p.file))
		h.WriteByte('\n')
	}
	// Open Graph: what a link to the page shows where it is shared.
	meta("property", "og:title", p.title)
	meta("property", "og:type", p.ogType)
	meta("property", "og:site_name", s.b.Title)
	meta("property", "og:description", p.description)
	meta("property", "og:locale", strings.ReplaceAll(s.b.Language, "-", "_"))
	if s.url != "" {
		meta("property", "og:url", s.url+canonicalPath(p.file))
		if s.image != "" {
			meta("property", "og:image", s.url+s.image)
		}
	}
	h.Void("link", "rel", "stylesheet", "href", p.root+"site.css")
	h.WriteByte('\n')
	h.Void("link", "rel", "alternate", "type", "application/atom+xml", "href", p.root+"feed.xml", "title", s.b.Title)
	h.WriteByte('\n')
	if p.jsonLD != nil {
		data, err := json.Marshal(p.jsonLD) // escapes <, > and &: the data cannot end the script
		if err != nil {
			panic(err) // strings, slices and maps of them only
		}
		h.WriteString(`<script type="application/ld+json">`)
		h.Write(data)
		h.WriteString("</script>\n")
	}
	h.Open("script", "src", p.root+"search.js", "defer", "defer")
	h.WriteString("</script>\n</head>\n<body>\n")
	h.Open("a", "class", "skip", "href", "#main")
	h.WriteString("Skip to the text</a>\n")
	h.WriteString(`<header class="site">` + "\n")
	h.Open("a", "class", "site-title", "href", p.root+"index.html")
	h.Text(shortTitle(s.b))
	h.WriteString("</a>\n")
	searchForm(h, p.root)
	h.WriteString("</header>\n")
	h.WriteString(`<main id="main">` + "\n")
	h.WriteString(p.main)
	h.WriteString("</main>\n")
	h.WriteString(`<footer class="site">` + "\n")
	foot := []string{}
	if s.b.Publisher != "" {
		foot = append(foot, s.b.Publisher)
	}
	if s.b.Rights != "" {
		foot = append(foot, s.b.Rights)
	}
	h.Open("p")
	h.Text(strings.Join(foot, " · "))
	if len(foot) > 0 {
		h.Text(" · ")
	}
	h.Open("a", "href", p.root+"index.html#contents")
	h.WriteString("Contents</a> · ")
	h.Open("a", "href", p.root+"feed.xml")
	h.WriteString("Atom feed</a></p>\n</footer>\n</body>\n</html>\n")
	return []byte(h.String())
}

// searchForm is the search box every page has. Without JavaScript it goes to the search page,
// which says that search needs it; with it, results show under the box as one types.
func searchForm(h *html.Writer, root string) {
	h.Open("form", "class", "search", "role", "search", "action", root+"search.html", "method", "get", "data-root", root)
	h.WriteByte('\n')
	h.El("label", "Search", "for", "q", "class", "search-label")
	h.WriteByte('\n')
	h.Void("input", "type", "search", "id", "q", "name", "q", "placeholder", "Search the edition", "autocomplete", "off", "spellcheck", "false")
	h.WriteByte('\n')
	h.El("button", "Search", "type", "submit")
	h.WriteString("\n</form>\n")
}

// canonicalPath is a page's path in its canonical URL: the home page is the folder itself.
func canonicalPath(file string) string {
	if file == "index.html" {
		return ""
	}
	return file
}

func shortTitle(b *edition.Book) string {
	if b.ShortTitle != "" {
		return b.ShortTitle
	}
	return b.Title
}

package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"colophon/internal/edition"
)

// manifestEntry is one line of build/manifest.json.
type manifestEntry struct {
	Path      string         `json:"path"`
	MediaType string         `json:"media_type"`
	Bytes     int            `json:"bytes"`
	SHA256    string         `json:"sha256"`
	Pages     int            `json:"pages,omitempty"`
	Extra     map[string]any `json:"details,omitempty"` // encoding/json sorts map keys
}

type manifest struct {
	Edition   string          `json:"edition"`
	Title     string          `json:"title"`
	Timestamp string          `json:"timestamp"`
	Outputs   []manifestEntry `json:"outputs"`
}

// manifestOutputs makes build/manifest.json and build/SHA256SUMS for the outputs (sorted by path,
// and written: their sizes and checksums are known).
func manifestOutputs(b *edition.Book, outs []Output) []Output {
	m := manifest{Edition: b.Name, Title: b.Title, Timestamp: b.Timestamp.UTC().Format("2006-01-02T15:04:05Z"), Outputs: []manifestEntry{}}
	var sums bytes.Buffer
	for _, o := range outs {
		m.Outputs = append(m.Outputs, manifestEntry{o.Path, o.MediaType, o.Size, o.SHA256, o.Pages, o.Extra})
		fmt.Fprintf(&sums, "%s  %s\n", o.SHA256, o.Path)
	}
	js, _ := json.MarshalIndent(m, "", "  ") // cannot fail: plain values only
	js = append(js, '\n')
	// SHA256SUMS covers manifest.json too, so one `sha256sum -c` checks everything.
	h := sha256.Sum256(js)
	fmt.Fprintf(&sums, "%s  %s\n", hex.EncodeToString(h[:]), "manifest.json")
	return []Output{
		{Path: "manifest.json", MediaType: "application/json", Data: js},
		{Path: "SHA256SUMS", MediaType: "text/plain", Data: sums.Bytes()},
	}
}

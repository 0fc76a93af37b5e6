package html

import (
	"crypto/sha256"
	"encoding/base32"
	"strconv"
	"strings"
)

// Passage is a block of a web page that has an id of its own, to be cited and found: a
// paragraph, a heading, a stanza, a part of the apparatus, a note.
type Passage struct {
	ID   string
	Text string // its plain text
	Note bool   // one of the document's notes
}

// Passages are the passages written so far, in reading order.
func (h *Writer) Passages() []Passage { return h.passages }

var idEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// passageID gives a passage its id: "p-" and six letters from a digest of its text, so that it is
// the same on every build while the text is, wherever the passage moves in its document; the
// second passage of the same text in a document is "-2", and so on.
func (h *Writer) passageID(text string) string {
	sum := sha256.Sum256([]byte(strings.TrimSpace(text)))
	id := "p-" + idEncoding.EncodeToString(sum[:])[:6]
	if h.ids == nil {
		h.ids = map[string]int{}
	}
	h.ids[id]++
	if n := h.ids[id]; n > 1 {
		id += "-" + strconv.Itoa(n)
	}
	return id
}

// passage records a passage and returns its id; the EPUB has none.
func (h *Writer) passage(text string) string {
	if h.Flavor != Web || h.notes {
		return ""
	}
	id := h.passageID(text)
	h.passages = append(h.passages, Passage{ID: id, Text: text})
	return id
}

// cite writes the link for citing a passage, at its end.
func (h *Writer) cite(id string) {
	if id == "" {
		return
	}
	h.WriteByte(' ')
	// colophon's words: in a document or passage in another language they say which they are in.
	h.Open("a", append([]string{"class", "cite", "href", "#" + id, "aria-label", h.say("cite", "Link to this passage")}, h.ours...)...)
	h.WriteString("¶")
	h.Close("a")
}

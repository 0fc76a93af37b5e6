package gen

import (
	"fmt"
	"strings"
)

// The generated editions' register: every person the text names, with the seed register's dates
// for the seed's names, and the archive every archival reference cites.

// seedDates are the seed's persons' dates, as source/register.yaml gives them.
var seedDates = map[string]string{
	"Lenin": "1870–1924", "Stalin": "1878–1953", "Khrushchev": "1894–1971", "Molotov": "1890–1986", "Kaganovich": "1893–1991",
	"Voroshilov": "1881–1969", "Mikoyan": "1895–1978", "Suslov": "1902–1982", "Furtseva": "1910–1974", "Pospelov": "1898–1979",
	"Aristov": "1903–1973", "Belyaev": "1903–1966", "Brezhnev": "1906–1982", "Kirov": "1886–1934", "Zhdanov": "1896–1948",
	"Ordzhonikidze": "1886–1937", "Kuibishev": "1888–1935", "Kalinin": "1875–1946",
}

// Invented surnames are made of a stem, a vowel and an ending: 20 × 5 × 8 of them, none a word of
// the vocabulary or one of the seed's names.
var (
	stems   = strings.Fields("Bel Dan Gor Kor Lav Mar Nes Pet Rod Sav Tar Vol Zai Kus Lit Mak Ost Pro Sem Tro")
	vowels  = strings.Fields("a o i e u")
	endings = strings.Fields("nov rov lin chenko sky tsev kin shin")
)

// personNames are the seed's names, then invented ones up to n.
func personNames(n int) []string {
	out := append([]string(nil), names...)
	for i := 0; len(out) < n && i < len(stems)*len(vowels)*len(endings); i++ {
		e := i % len(endings)
		v := (i / len(endings)) % len(vowels)
		st := i / (len(endings) * len(vowels))
		out = append(out, stems[st]+vowels[v]+endings[e])
	}
	return out
}

// registerYAML is the register of the persons named: each an entry whose one form is the name.
func registerYAML(persons []string) string {
	var b strings.Builder
	b.WriteString("# The register of a generated edition: the persons its text names, and the archive.\npersons:\n")
	for i, p := range persons {
		fmt.Fprintf(&b, "  - id: %s\n    name: %q\n    forms: [%s]\n", strings.ToLower(p), p, p)
		if d := seedDates[p]; d != "" {
			fmt.Fprintf(&b, "    dates: %q\n", d)
		}
		fmt.Fprintf(&b, "    note: \"Person %d of the generated register.\"\n", i+1)
	}
	b.WriteString("organisations:\n  - id: rgani\n    name: \"Russian State Archive of Contemporary History (RGANI)\"\n    forms: [RGANI]\n")
	return b.String()
}

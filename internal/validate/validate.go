// Package validate runs the reference validators the project is judged by — epubcheck, Ace by
// DAISY, poppler, qpdf, yaz-marcdump, xmllint — for the tests of every writer. A validator that is
// not installed skips the test with a message, except under CI=true, where it fails it: CI
// installs them all (.ci/run), so a missing one there is a broken install, not a reason to pass.
package validate

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Missing skips or fails the test because a validator is not installed.
func Missing(t testing.TB, what string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is not installed, and CI=true: .ci/run must install it", what)
	}
	t.Skipf("%s is not installed: skipping (.ci/run installs it)", what)
}

// Tool returns the path of a command, or skips/fails the test when it is missing.
func Tool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		Missing(t, name)
	}
	return p
}

// javaFlags start the Java validators (epubcheck, PDFBox, the Nu Html Checker) for one short run:
// the first compiler tier only and the serial collector. A validator runs for seconds, too short
// for the optimising compiler to pay for itself: with these flags epubcheck of the seed takes
// less than half the CPU time (3.2 s instead of 7.9 s), and gives the same verdict. The first
// tier's code takes more stack, and the Nu Html Checker recurses deeply through its schema: it
// asks for at least 512k, so the threads get more.
var javaFlags = []string{"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss16m"}

var epubcheckSummary = regexp.MustCompile(`Messages: (\d+) fatals? / (\d+) errors? / (\d+) warnings?`)

// Epubcheck runs epubcheck on an EPUB and returns its findings (fatals, errors, warnings), one per
// line; none means it passed.
func Epubcheck(t testing.TB, path string) []string {
	t.Helper()
	const jar = "/usr/bin/epubcheck" // Debian's wrapper is a jar that cannot be executed directly
	if _, err := os.Stat(jar); err != nil {
		Missing(t, "epubcheck")
	}
	java := Tool(t, "java")
	out, _ := exec.Command(java, append(javaFlags, "-jar", jar, path)...).CombinedOutput()
	m := epubcheckSummary.FindStringSubmatch(string(out))
	if m == nil {
		t.Fatalf("epubcheck gave no verdict:\n%s", out)
	}
	var findings []string
	for _, line := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(line, "FATAL") || strings.HasPrefix(line, "ERROR") || strings.HasPrefix(line, "WARNING") {
			findings = append(findings, line)
		}
	}
	if m[1]+m[2]+m[3] != "000" && len(findings) == 0 {
		findings = append(findings, m[0])
	}
	return findings
}

// acePath finds Ace: $ACE, then the copy .ci/run installs in the repository, then /opt/ace.
func acePath() string {
	if p := os.Getenv("ACE"); p != "" {
		return p
	}
	if root, err := repoRoot(); err == nil {
		p := filepath.Join(root, ".ci", "ace", "node_modules", ".bin", "ace-puppeteer")
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return "/opt/ace/node_modules/.bin/ace-puppeteer"
}

func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above the test")
		}
		dir = parent
	}
}

// Ace runs Ace by DAISY on an EPUB and returns every assertion it reports, of any impact.
func Ace(t testing.TB, path string) []string {
	t.Helper()
	ace := acePath()
	if _, err := os.Stat(ace); err != nil {
		Missing(t, "Ace by DAISY")
	}
	chromium := os.Getenv("PUPPETEER_EXECUTABLE_PATH")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	if _, err := os.Stat(chromium); err != nil {
		Missing(t, "chromium (for Ace)")
	}
	// Ace that writes no report at all did not get to check the book: its browser did not start
	// or answer in time, which happens when the machine is loaded (the whole suite runs chromium
	// for Ace and axe side by side). It is run once more then; its findings are in the report,
	// so a second run hides none.
	var data []byte
	var tries []string
	for len(tries) < 2 && data == nil {
		out := t.TempDir()
		cmd := exec.Command(ace, "-f", "-s", "-o", out, path)
		cmd.Env = append(os.Environ(), "PUPPETEER_EXECUTABLE_PATH="+chromium)
		log, err := cmd.CombinedOutput()
		if d, rerr := os.ReadFile(filepath.Join(out, "report.json")); rerr == nil {
			data = d
		} else {
			tries = append(tries, fmt.Sprintf("(%v):\n%s", err, log))
		}
	}
	if data == nil {
		t.Fatalf("Ace wrote no report, twice: %s", strings.Join(tries, "\nand then "))
	}
	var report struct {
		Assertions []struct {
			Subject struct {
				URL string `json:"url"`
			} `json:"earl:testSubject"`
			Assertions []struct {
				Test struct {
					Impact string `json:"earl:impact"`
					Title  string `json:"dct:title"`
				} `json:"earl:test"`
			} `json:"assertions"`
		} `json:"assertions"`
	}
	if err := json.Unmarshal(data, &report); err != nil {
		t.Fatalf("Ace's report: %v", err)
	}
	var findings []string
	for _, doc := range report.Assertions {
		for _, a := range doc.Assertions {
			findings = append(findings, fmt.Sprintf("%s: %s: %s", doc.Subject.URL, a.Test.Impact, a.Test.Title))
		}
	}
	return findings
}

// Output runs a validator and returns its standard output; it fails the test if the command
// fails. Standard error is kept apart: pdftotext, for one, says "no word list" there for blank
// pages, which would otherwise land in the middle of its XML.
func Output(t testing.TB, name string, args ...string) string {
	t.Helper()
	tool := Tool(t, name)
	var stderr bytes.Buffer
	cmd := exec.Command(tool, args...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s%s", name, strings.Join(args, " "), err, out, stderr.Bytes())
	}
	return string(out)
}

// pdfboxJars are the jars of Debian's PDFBox 2 preflight (libpdfbox2-java) and what it needs
// (libactivation-java, libjaxb-api-java, commons-logging).
var pdfboxJars = []string{"preflight.jar", "pdfbox2.jar", "xmpbox.jar", "fontbox2.jar", "commons-logging.jar", "javax.activation.jar", "jaxb-api.jar"}

// PDFA runs PDFBox's PDF/A-1b preflight on each PDF, in one Java process, and returns its findings
// per file: none means the file is valid. It is the strictest PDF/A check reachable here (PDFBox
// 2 checks part 1, level B: the conditions of level A beyond it — structure, Unicode for every
// glyph — are the tests' own).
func PDFA(t testing.TB, paths ...string) map[string][]string {
	t.Helper()
	java := Tool(t, "java")
	var cp []string
	for _, j := range pdfboxJars {
		p := filepath.Join("/usr/share/java", j)
		if _, err := os.Stat(p); err != nil {
			Missing(t, "PDFBox preflight ("+j+")")
		}
		cp = append(cp, p)
	}
	found := map[string][]string{}
	if len(paths) == 0 {
		return found
	}
	// PDFBox's "group" mode reads a list of files and writes one XML report for all of them,
	// in the list's order: one Java start for every PDF of a test instead of one each, which
	// was most of the PDF tests' time.
	dir, err := os.MkdirTemp("", "colophon-pdfbox-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	list := filepath.Join(dir, "files")
	var abs []string
	for _, path := range paths {
		a, err := filepath.Abs(path)
		if err != nil {
			t.Fatal(err)
		}
		if strings.ContainsAny(a, "\n\r") {
			t.Fatalf("PDFBox reads one file a line: %q has a line break", a)
		}
		abs = append(abs, a)
	}
	if err := os.WriteFile(list, []byte(strings.Join(abs, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(java, append(javaFlags, "-cp", strings.Join(cp, ":"), "org.apache.pdfbox.preflight.Validator_A1b", "xml", "group", list)...)
	cmd.Dir = dir
	out, _ := cmd.CombinedOutput()
	report, err := os.ReadFile(list + ".preflight.xml")
	if err != nil {
		t.Fatalf("PDFBox wrote no report: %v\n%s", err, out)
	}
	var r struct {
		Files []struct {
			Name   string `xml:"name,attr"`
			Valid  string `xml:"isValid"`
			Errors []struct {
				Code    string `xml:"code"`
				Details string `xml:"details"`
			} `xml:"errors>error"`
		} `xml:"preflight"`
	}
	if err := xml.Unmarshal(report, &r); err != nil {
		t.Fatalf("PDFBox's report: %v\n%s", err, report)
	}
	if len(r.Files) != len(paths) {
		t.Fatalf("PDFBox reported on %d files of %d:\n%s\n%s", len(r.Files), len(paths), report, out)
	}
	for i, path := range paths {
		f := r.Files[i]
		if f.Name != filepath.Base(path) {
			t.Fatalf("PDFBox's report %d is of %s, not of %s", i, f.Name, filepath.Base(path))
		}
		if strings.TrimSpace(f.Valid) == "true" && len(f.Errors) == 0 {
			found[path] = nil
			continue
		}
		var findings []string
		for _, e := range f.Errors {
			findings = append(findings, strings.TrimSpace(e.Code)+": "+strings.TrimSpace(e.Details))
		}
		if len(findings) == 0 {
			findings = []string{"PDFBox found the file not valid and gave no reason"}
		}
		found[path] = findings
	}
	return found
}

// WebModules is the folder of the npm packages the web edition's tests run (.ci/web: the Nu Html
// Checker, axe-core, puppeteer-core), installed by .ci/run; it skips or fails the test when they
// are missing.
func WebModules(t testing.TB) string {
	t.Helper()
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, ".ci", "web", "node_modules")
	for _, p := range []string{"vnu-jar/build/dist/vnu.jar", "axe-core/axe.min.js", "puppeteer-core/package.json"} {
		if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
			Missing(t, "npm package "+strings.SplitN(p, "/", 2)[0]+" (cd .ci/web && npm ci)")
		}
	}
	return dir
}

// Chromium is Debian's chromium, which the browser tests drive.
func Chromium(t testing.TB) string {
	t.Helper()
	p := os.Getenv("PUPPETEER_EXECUTABLE_PATH")
	if p == "" {
		p = "/usr/bin/chromium"
	}
	if _, err := os.Stat(p); err != nil {
		Missing(t, "chromium")
	}
	return p
}

// NuHTML runs the Nu Html Checker on every HTML page of the folders, in one Java process, and
// returns its errors, one per line; none means every page is valid.
func NuHTML(t testing.TB, dirs ...string) []string {
	t.Helper()
	java := Tool(t, "java")
	jar := filepath.Join(WebModules(t), "vnu-jar", "build", "dist", "vnu.jar")
	args := append(append(javaFlags, "-jar", jar, "--errors-only", "--skip-non-html"), dirs...)
	var stderr bytes.Buffer
	cmd := exec.Command(java, args...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	var findings []string
	for _, line := range strings.Split(strings.TrimSpace(stderr.String()+string(out)), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			findings = append(findings, line)
		}
	}
	if err != nil && len(findings) == 0 {
		t.Fatalf("the Nu Html Checker failed: %v", err)
	}
	return findings
}

package bench

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/jdkato/prose/v2"

	"github.com/diplotext/diplotext/text"
)

type goldenRule struct {
	Name   string   `json:"name"`
	Input  string   `json:"input"`
	Output []string `json:"output"`
}

func goldenRules(tb testing.TB) []goldenRule {
	path := filepath.Join(proseDir(tb), "testdata", "golden_rules_en.json")
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Skipf("golden rules not available: %v", err)
	}
	var rules []goldenRule
	if err := json.Unmarshal(data, &rules); err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	return rules
}

func diplotextSentences(s string) []string {
	d := text.Parse(s)
	out := make([]string, len(d.Sentences))
	for i := range d.Sentences {
		out[i] = d.SentenceText(i)
	}
	return out
}

func proseSentences(s string) []string {
	doc, err := prose.NewDocument(s, prose.WithTagging(false), prose.WithExtraction(false), prose.WithTokenization(false))
	if err != nil {
		return nil
	}
	var out []string
	for _, sent := range doc.Sentences() {
		out = append(out, sent.Text)
	}
	return out
}

func sameSentences(got, want []string) bool {
	norm := func(ss []string) []string {
		var out []string
		for _, s := range ss {
			if s = strings.Join(strings.Fields(s), " "); s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	return slices.Equal(norm(got), norm(want))
}

// TestGoldenRules scores the sentence splitter against prose's on the
// Golden Rules set shipped in prose's testdata (a rule passes when every
// sentence matches). Run with -v to see the rules each one misses.
func TestGoldenRules(t *testing.T) {
	rules := goldenRules(t)
	var ours, theirs int
	for _, r := range rules {
		if sameSentences(diplotextSentences(r.Input), r.Output) {
			ours++
		} else {
			t.Logf("diplotext misses %s: %q", r.Name, diplotextSentences(r.Input))
		}
		if sameSentences(proseSentences(r.Input), r.Output) {
			theirs++
		}
	}
	t.Logf("golden rules passed: diplotext %d/%d, prose %d/%d", ours, len(rules), theirs, len(rules))
	if ours < theirs {
		t.Errorf("diplotext passes fewer golden rules (%d) than prose (%d)", ours, theirs)
	}
}

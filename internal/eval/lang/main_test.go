package main

import (
	"strings"
	"testing"

	"github.com/diplotext/diplotext/internal/shareddata"
)

// TestAccuracy holds the figures of docs/lang.md: documents of every
// language come out right, and English headlines never come out as
// another language.
func TestAccuracy(t *testing.T) {
	shareddata.Require(t, "conll2002/esp.testa")
	dir, err := shareddata.Dir()
	if err != nil {
		t.Skip(err)
	}
	sets, err := LoadSets(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sets {
		r := Evaluate(s)
		right, wrong := pct(r.Right, r.N), pct(r.Wrong, r.N)
		t.Logf("%-32s n=%d right %.1f%% undecided %.1f%% wrong %.1f%%", r.Set, r.N, right, pct(r.Undecided, r.N), wrong)
		switch {
		case strings.HasSuffix(s.Name, "documents") || strings.HasSuffix(s.Name, "speeches") || strings.HasSuffix(s.Name, "bodies") || strings.Contains(s.Name, "bodies"):
			if right < 94 || wrong > 1.5 {
				t.Errorf("%s: right %.1f%%, wrong %.1f%%", s.Name, right, wrong)
			}
		case strings.HasSuffix(s.Name, "headlines"):
			if wrong > 0.1 {
				t.Errorf("%s: %.2f%% of English headlines detected as another language", s.Name, wrong)
			}
		case strings.HasSuffix(s.Name, "sentences"):
			if wrong > 3 {
				t.Errorf("%s: wrong %.1f%%", s.Name, wrong)
			}
		}
	}
}

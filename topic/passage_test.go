package topic

import (
	"context"
	"math"
	"testing"

	"github.com/diplotext/diplotext/text"
)

// TestPassageWindowsMatchExact checks the linear-time window margins of
// passages against scoring each window's text on its own: equal where
// the sentences of a window share no feature, close otherwise.
func TestPassageWindowsMatchExact(t *testing.T) {
	var ex []Example
	for range 4 {
		ex = append(ex,
			Example{Text: "The striker scored in the cup final", Labels: []string{"sport"}},
			Example{Text: "The team lost the league match", Labels: []string{"sport"}},
			Example{Text: "The central bank raised interest rates", Labels: []string{"finance"}},
			Example{Text: "Inflation slowed and bond yields fell", Labels: []string{"finance"}})
	}
	m, err := Train(context.Background(), ex, WithFolds(0), WithMinDF(1))
	if err != nil {
		t.Fatal(err)
	}
	c, err := NewClassifier(m, WithPassages(1))
	if err != nil {
		t.Fatal(err)
	}
	d := text.Parse("The striker scored. The bank raised rates. Bond yields fell. The team lost the cup match.")
	sc := new(scratch)
	sc.occs = extract(d, nil)
	m.vectorizeOccs(sc, sc.occs)
	best := make([]float64, len(c.rows))
	at := make([]int, len(c.rows))
	pass := c.passages(d, sc, best, at)
	if len(pass) != len(d.Sentences) {
		t.Fatalf("%d passages for %d sentences", len(pass), len(d.Sentences))
	}
	for _, p := range pass {
		lo, hi := max(p.sentence-1, 0), min(p.sentence+2, len(d.Sentences))
		win := d.Text[d.Sentences[lo].Start:d.Sentences[hi-1].End]
		preds := m.Predict(win)
		for t2, j := range c.rows {
			var exact float64
			for _, q := range preds {
				if q.Label == m.labels[j] {
					exact = q.Score
				}
			}
			if math.Abs(exact-p.p[t2]) > 0.02 {
				t.Errorf("sentence %d, %s: window score %.4f, exact %.4f (%q)", p.sentence, m.labels[j], p.p[t2], exact, win)
			}
		}
	}
}

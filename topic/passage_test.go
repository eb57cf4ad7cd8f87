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
	c.th = []float64{1e-9, 1e-9} // keep every passage
	c.cfg.maxPassages = len(d.Sentences)
	best := make([]float64, len(c.rows))
	tops := c.passages(d, sc, best)
	for t2, j := range c.rows {
		if len(tops[t2]) != len(d.Sentences) {
			t.Fatalf("%s: %d passages for %d sentences", m.labels[j], len(tops[t2]), len(d.Sentences))
		}
		for _, p := range tops[t2] {
			lo, hi := max(p.sentence-1, 0), min(p.sentence+2, len(d.Sentences))
			win := d.Text[d.Sentences[lo].Start:d.Sentences[hi-1].End]
			var exact float64
			for _, q := range m.Predict(win) {
				if q.Label == m.labels[j] {
					exact = q.Score
				}
			}
			if math.Abs(exact-p.p) > 0.02 {
				t.Errorf("sentence %d, %s: window score %.4f, exact %.4f (%q)", p.sentence, m.labels[j], p.p, exact, win)
			}
		}
	}
}

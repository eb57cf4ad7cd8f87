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

// TestExactWindows checks the sliding-window margins of
// passages with WithExactWindows against scoring each window's text on its own, for several
// radii and for texts whose sentences share features (and repeat
// outright), where summing per-sentence scores would over-count: equal to
// rounding.
func TestExactWindows(t *testing.T) {
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
	texts := []string{
		"The striker scored. The bank raised rates. Bond yields fell. The team lost the cup match.",
		"The striker scored. The striker scored. The striker scored. The bank raised rates. The bank raised rates. Rates rose.",
		"Rates fell. The cup final. Rates fell again and the team lost. Yields fell. The league match. Bond rates fell. Fell.",
	}
	overcount := false // the default windows, on the same texts
	for _, radius := range []int{0, 1, 2} {
		c, err := NewClassifier(m, WithPassages(radius), WithExactWindows())
		if err != nil {
			t.Fatal(err)
		}
		for _, tx := range texts {
			d := text.Parse(tx)
			sc := new(scratch)
			sc.occs = extract(d, nil)
			m.vectorizeOccs(sc, sc.occs)
			c.th = []float64{1e-9, 1e-9} // keep every passage
			c.cfg.maxPassages = len(d.Sentences)
			best := make([]float64, len(c.rows))
			tops := c.passages(d, sc, best)
			for t2, j := range c.rows {
				if len(tops[t2]) != len(d.Sentences) {
					t.Fatalf("radius %d, %s: %d passages for %d sentences", radius, m.labels[j], len(tops[t2]), len(d.Sentences))
				}
				for _, p := range tops[t2] {
					lo, hi := max(p.sentence-radius, 0), min(p.sentence+radius+1, len(d.Sentences))
					win := d.Text[d.Sentences[lo].Start:d.Sentences[hi-1].End]
					var exact float64
					for _, q := range m.Predict(win) {
						if q.Label == m.labels[j] {
							exact = q.Score
						}
					}
					if math.Abs(exact-p.p) > 1e-6 { // Predict normalises in float32
						t.Errorf("radius %d, sentence %d, %s: window score %.12f, exact %.12f (%q)", radius, p.sentence, m.labels[j], p.p, exact, win)
					}
				}
			}
			approx, err := NewClassifier(m, WithPassages(radius))
			if err != nil {
				t.Fatal(err)
			}
			approx.th, approx.cfg.maxPassages = c.th, c.cfg.maxPassages
			for t2, hs := range approx.passages(d, sc, make([]float64, len(c.rows))) {
				for _, h := range hs {
					for _, e := range tops[t2] {
						if e.sentence == h.sentence && math.Abs(h.p-e.p) > 0.01 {
							overcount = true
						}
					}
				}
			}
		}
	}
	if !overcount {
		t.Error("the default windows never differ from the exact ones on repeated sentences")
	}
}

// TestPassageSentenceWeight checks WithSentenceWeight: each passage scores
// w times its sentence's own score (exact, as Predict scores the sentence)
// plus 1−w times the window's score without the option (to rounding, as
// Predict sums in another order), except where the window is the whole
// document (the middle sentence here), which keeps the window's score,
// with the default windows and with WithExactWindows; bad weights are
// errors.
func TestPassageSentenceWeight(t *testing.T) {
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
	d := text.Parse("The striker scored. The bank raised rates. Bond yields fell. The team lost the cup match. Rates rose again.")
	for _, exact := range []bool{false, true} {
		score := func(opts ...Option) [][]hit {
			if exact {
				opts = append(opts, WithExactWindows())
			}
			c, err := NewClassifier(m, append([]Option{WithPassages(2)}, opts...)...)
			if err != nil {
				t.Fatal(err)
			}
			sc := new(scratch)
			sc.occs = extract(d, nil)
			m.vectorizeOccs(sc, sc.occs)
			c.th = []float64{1e-9, 1e-9} // keep every passage
			c.cfg.maxPassages = len(d.Sentences)
			return c.passages(d, sc, make([]float64, len(c.rows)))
		}
		const w = 0.3
		win, mixed := score(), score(WithSentenceWeight(w))
		for t2, label := range m.labels {
			if len(mixed[t2]) != len(d.Sentences) || len(win[t2]) != len(d.Sentences) {
				t.Fatalf("%s: %d and %d passages for %d sentences", label, len(win[t2]), len(mixed[t2]), len(d.Sentences))
			}
			byS := map[int]float64{}
			for _, h := range win[t2] {
				byS[h.sentence] = h.p
			}
			for _, h := range mixed[t2] {
				s := d.Sentences[h.sentence]
				var alone float64
				for _, q := range m.Predict(d.Text[s.Start:s.End]) {
					if q.Label == label {
						alone = q.Score
					}
				}
				want := w*alone + (1-w)*byS[h.sentence]
				if h.sentence-2 <= 0 && h.sentence+3 >= len(d.Sentences) {
					want = byS[h.sentence] // the window is the whole document
				}
				if math.Abs(h.p-want) > 1e-6 {
					t.Errorf("exact %v, sentence %d, %s: %.6f, want %.3f×%.6f + %.3f×%.6f = %.6f", exact, h.sentence, label, h.p, w, alone, 1-w, byS[h.sentence], want)
				}
			}
		}
	}
	for _, bad := range []float64{-0.1, 1.5, math.NaN()} {
		if _, err := NewClassifier(m, WithSentenceWeight(bad)); err == nil {
			t.Errorf("WithSentenceWeight(%v): no error", bad)
		}
	}
}

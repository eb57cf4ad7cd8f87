package stats

import (
	"math"
	"testing"
)

func TestCorrelations(t *testing.T) {
	cases := []struct {
		name      string
		x, y      []float64
		p, s      float64
		tolerance float64
	}{
		{"same order", []float64{1, 2, 3, 4}, []float64{10, 20, 30, 41}, 0.9997, 1, 1e-3},
		{"reversed", []float64{1, 2, 3, 4}, []float64{4, 3, 2, 1}, -1, -1, 1e-12},
		{"constant", []float64{1, 1, 2}, []float64{5, 5, 5}, 0, 0, 0},
		{"lengths differ", []float64{1, 2}, []float64{1}, 0, 0, 0},
	}
	for _, c := range cases {
		if got := Pearson(c.x, c.y); math.Abs(got-c.p) > c.tolerance {
			t.Errorf("%s: Pearson = %v, want %v", c.name, got, c.p)
		}
		if got := Spearman(c.x, c.y); math.Abs(got-c.s) > c.tolerance {
			t.Errorf("%s: Spearman = %v, want %v", c.name, got, c.s)
		}
	}
	r := Ranks([]float64{3, 1, 3, 2})
	want := []float64{3.5, 1, 3.5, 2}
	for i := range r {
		if r[i] != want[i] {
			t.Fatalf("Ranks = %v, want %v", r, want)
		}
	}
}

func TestConfusionF1(t *testing.T) {
	// gold rows, predicted columns: class 0 all right, class 1 half,
	// class 2 never predicted
	f1, macro, acc := ConfusionF1([3][3]int{{2, 0, 0}, {1, 1, 0}, {0, 2, 0}})
	want := [3]float64{0.8, 0.4, 0}
	for k := range 3 {
		if math.Abs(f1[k]-want[k]) > 1e-9 {
			t.Errorf("F1[%d] = %v, want %v", k, f1[k], want[k])
		}
	}
	if math.Abs(macro-0.4) > 1e-9 || math.Abs(acc-0.5) > 1e-9 {
		t.Errorf("macro %v acc %v, want 0.4 and 0.5", macro, acc)
	}
}

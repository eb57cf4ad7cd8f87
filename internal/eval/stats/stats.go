// Package stats holds the correlation measures the evaluation tools share.
package stats

import (
	"math"
	"sort"
)

// Pearson returns the Pearson correlation of x and y; 0 when either is
// constant, when they are shorter than 2 or when their lengths differ.
func Pearson(x, y []float64) float64 {
	if len(x) != len(y) || len(x) < 2 {
		return 0
	}
	n := float64(len(x))
	var mx, my float64
	for i := range x {
		mx += x[i]
		my += y[i]
	}
	mx /= n
	my /= n
	var sxy, sxx, syy float64
	for i := range x {
		sxy += (x[i] - mx) * (y[i] - my)
		sxx += (x[i] - mx) * (x[i] - mx)
		syy += (y[i] - my) * (y[i] - my)
	}
	if sxx == 0 || syy == 0 {
		return 0
	}
	return sxy / math.Sqrt(sxx*syy)
}

// Spearman returns the Spearman rank correlation of x and y (ties share
// their mean rank), with the cases of [Pearson].
func Spearman(x, y []float64) float64 {
	if len(x) != len(y) || len(x) < 2 {
		return 0
	}
	return Pearson(Ranks(x), Ranks(y))
}

// Ranks returns the 1-based ranks of x, ties sharing their mean rank.
func Ranks(x []float64) []float64 {
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return x[idx[a]] < x[idx[b]] })
	r := make([]float64, len(x))
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && x[idx[j+1]] == x[idx[i]] {
			j++
		}
		mean := float64(i+j)/2 + 1
		for k := i; k <= j; k++ {
			r[idx[k]] = mean
		}
		i = j + 1
	}
	return r
}

// ConfusionF1 returns the per-class F1, the macro-F1 and the accuracy of a
// three-class confusion matrix indexed [gold][predicted]. A class never
// predicted correctly has F1 0.
func ConfusionF1(c [3][3]int) (f1 [3]float64, macro, acc float64) {
	total, correct := 0, 0
	for k := range 3 {
		tp := float64(c[k][k])
		correct += c[k][k]
		var gk, pk float64
		for j := range 3 {
			gk += float64(c[k][j])
			pk += float64(c[j][k])
			total += c[k][j]
		}
		if tp > 0 {
			p, r := tp/pk, tp/gk
			f1[k] = 2 * p * r / (p + r)
		}
		macro += f1[k] / 3
	}
	if total > 0 {
		acc = float64(correct) / float64(total)
	}
	return f1, macro, acc
}

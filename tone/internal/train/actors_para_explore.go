//go:build tonetrain

package main

import (
	"github.com/diplotext/diplotext/internal/eval/stats"
)

// exploreParas prints, for variants of the paragraph reader, its
// paragraph macro-F1 and the article macro-F1 of its mean alone, by
// 5-fold CV over dev (shift and band chosen on the training folds).
func exploreParas(dev []psItem, logf func(string, ...any)) {
	type variant struct {
		name string
		l2   float64
		tau  float64
		keep func(p psPara) psPara
	}
	id := func(p psPara) psPara { return p }
	dense := func(p psPara) psPara { p.buckets = nil; return p }
	bags := func(p psPara) psPara { p.dense = make([]float64, len(p.dense)); return p }
	vs := []variant{
		{"base", paraL2, paraTau, id},
		{"l2 0.001", 0.001, paraTau, id},
		{"l2 0.003", 0.003, paraTau, id},
		{"l2 0.03", 0.03, paraTau, id},
		{"l2 0.1", 0.1, paraTau, id},
		{"tau 1", paraL2, 1, id},
		{"tau 1000", paraL2, 1000, id},
		{"dense only", paraL2, paraTau, dense},
		{"bags only", paraL2, paraTau, bags},
	}
	for _, v := range vs {
		items := make([]psItem, len(dev))
		for i, it := range dev {
			it.paras = append([]psPara(nil), it.paras...)
			for j := range it.paras {
				it.paras[j] = v.keep(it.paras[j])
			}
			items[i] = it
		}
		saveL2, saveTau := paraL2, paraTau
		paraL2, paraTau = v.l2, v.tau
		var acm, pcm [3][3]int
		for k := range 5 {
			tr, te := splitFold(items, k)
			m := learnPara(tr, v.l2)
			x := make([]float64, len(tr))
			g := make([]int, len(tr))
			for i, it := range tr {
				x[i], g[i] = m.agg(it), it.row.Gold+1
			}
			s, b, _ := bestBand(x, g)
			for _, it := range te {
				acm[it.row.Gold+1][bandClass(m.agg(it)-s, b)]++
				m.addConfusion(&pcm, it)
			}
		}
		paraL2, paraTau = saveL2, saveTau
		_, af, _ := stats.ConfusionF1(acm)
		_, pf, _ := stats.ConfusionF1(pcm)
		logf("explore %-10s: paragraphs macro-F1 %.3f, article (mean alone) %.3f %v", v.name, pf, af, acm)
	}
}

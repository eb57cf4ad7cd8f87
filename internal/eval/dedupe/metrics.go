package dedupeeval

// Scores are pairwise clustering scores: over all pairs of documents, a
// pair is positive when both are in one group. ARI is the adjusted Rand
// index (Hubert and Arabie 1985).
type Scores struct {
	Docs, Pairs, TruePairs, PredPairs, TP int64
	Precision, Recall, F1, ARI            float64
}

// Score compares predicted groups with true ones; truth[i] and pred[i] are
// the group labels of document i.
func Score(truth, pred []string) Scores {
	n := int64(len(truth))
	type pair struct{ t, p string }
	tc, pc, both := map[string]int64{}, map[string]int64{}, map[pair]int64{}
	for i := range truth {
		tc[truth[i]]++
		pc[pred[i]]++
		both[pair{truth[i], pred[i]}]++
	}
	c2 := func(x int64) int64 { return x * (x - 1) / 2 }
	var s Scores
	s.Docs = n
	s.Pairs = c2(n)
	for _, v := range tc {
		s.TruePairs += c2(v)
	}
	for _, v := range pc {
		s.PredPairs += c2(v)
	}
	for _, v := range both {
		s.TP += c2(v)
	}
	if s.PredPairs > 0 {
		s.Precision = float64(s.TP) / float64(s.PredPairs)
	}
	if s.TruePairs > 0 {
		s.Recall = float64(s.TP) / float64(s.TruePairs)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	if s.Pairs > 0 {
		exp := float64(s.TruePairs) * float64(s.PredPairs) / float64(s.Pairs)
		mx := (float64(s.TruePairs) + float64(s.PredPairs)) / 2
		if mx-exp != 0 {
			s.ARI = (float64(s.TP) - exp) / (mx - exp)
		} else {
			s.ARI = 1
		}
	}
	return s
}

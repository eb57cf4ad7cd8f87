//go:build tonetrain

package main

import (
	"fmt"
	"math"
	"os"
	"slices"
	"strconv"

	"github.com/diplotext/diplotext/tone"
)

// The paragraph reader (figures only, DIPLOTEXT_PS_PARA=1; not embedded:
// in nested CV it did not gain over the article-level model alone, see
// docs/tone.md): a class-weighted 3-class logistic regression
// learned on the PerSenT paragraph labels over every paragraph's words
// (outside and inside quotation marks told apart) and its dense features
// (tone.TrainingParagraph), whose position-weighted mean P(pos)-P(neg)
// over an article's paragraphs is mixed with the article-level model's
// score; the mix, shift and band are chosen by the same inner 4-fold CV
// as the article-level model's L2.

// paraL2 is the L2 strength of the paragraph reader.
var paraL2 = envFloat("DIPLOTEXT_PS_PARAL2", 0.01)

// paraClassPow is the power of the paragraph reader's class weights.
var paraClassPow = envFloat("DIPLOTEXT_PS_PARACLASSPOW", actorClassPow)

// paraTau sets the position weights of the paragraphs in an article's
// mean: paragraph k (from 0) weighs 1/(1+k/paraTau).
var paraTau = envFloat("DIPLOTEXT_PS_PARATAU", 4)

// envFloat is the number in the environment variable name, def when it
// is unset; the program stops on a value that is not a number.
func envFloat(name string, def float64) float64 {
	e := os.Getenv(name)
	if e == "" {
		return def
	}
	v, err := strconv.ParseFloat(e, 64)
	if err != nil {
		fmt.Fprintf(os.Stderr, "train: %s: %v\n", name, err)
		os.Exit(2)
	}
	return v
}

// psPara is one paragraph of an article: its features and its gold label
// (-1, 0, +1; -2 without one).
type psPara struct {
	gold    int
	buckets []uint32
	dense   []float64
}

// newParas pairs the paragraph reader's features with the labels of the
// lines they cover.
func newParas(txt string, ps []tone.TrainingParagraph, labels []int) []psPara {
	out := make([]psPara, len(ps))
	line, off := 0, 0
	for i, p := range ps {
		for ; off < p.Start; off++ {
			if txt[off] == '\n' {
				line++
			}
		}
		g := -2
		if line < len(labels) {
			g = labels[line]
		}
		out[i] = psPara{gold: g, buckets: p.Buckets, dense: p.Dense}
	}
	return out
}

// paraFit is a learned paragraph reader.
type paraFit struct {
	w   [][3]float64 // 0 bias, 1.. dense, then buckets by idx
	idx map[uint32]int
	nd  int
}

// paraFeats is the feature vector of p under m's index (unknown buckets
// left out).
func paraFeats(p psPara, idx map[uint32]int, nd int) []feat {
	x := make([]feat, 0, 1+nd+len(p.buckets))
	x = append(x, feat{0, 1})
	for k, v := range p.dense {
		if v != 0 {
			x = append(x, feat{1 + k, v})
		}
	}
	if len(p.buckets) > 0 {
		n := 1 / math.Sqrt(float64(len(p.buckets)))
		for _, b := range p.buckets {
			if j, ok := idx[b]; ok {
				x = append(x, feat{j, n})
			}
		}
	}
	return x
}

// learnPara fits the paragraph reader on the labelled paragraphs of items.
// addConfusion counts, for each labelled paragraph of it, its gold class
// against the reader's most likely class.
func (m *paraFit) addConfusion(cm *[3][3]int, it psItem) {
	for _, p := range it.paras {
		if p.gold < -1 {
			continue
		}
		pr := m.probs(p)
		c := 0
		for j := range 3 {
			if pr[j] > pr[c] {
				c = j
			}
		}
		cm[p.gold+1][c]++
	}
}

func learnPara(items []psItem, l2 float64) *paraFit {
	nd := 0
	var ps []psPara
	for _, it := range items {
		for _, p := range it.paras {
			nd = len(p.dense)
			if p.gold >= -1 {
				ps = append(ps, p)
			}
		}
	}
	idx := map[uint32]int{}
	var keys []uint32
	for _, p := range ps {
		for _, b := range p.buckets {
			if _, ok := idx[b]; !ok {
				idx[b] = 0
				keys = append(keys, b)
			}
		}
	}
	slices.Sort(keys)
	for j, k := range keys {
		idx[k] = 1 + nd + j
	}
	var freq [3]float64
	for _, p := range ps {
		freq[p.gold+1]++
	}
	X := make([][]feat, len(ps))
	Y := make([]int, len(ps))
	W := make([]float64, len(ps))
	var wsum float64
	for i, p := range ps {
		X[i], Y[i] = paraFeats(p, idx, nd), p.gold+1
		W[i] = math.Pow(float64(len(ps))/(3*math.Max(freq[Y[i]], 1)), paraClassPow)
		wsum += W[i]
	}
	return &paraFit{w: learnLR(X, Y, W, wsum, 1+nd+len(keys), l2), idx: idx, nd: nd}
}

// probs is the reader's class probabilities for p.
func (m *paraFit) probs(p psPara) [3]float64 {
	var z [3]float64
	for _, f := range paraFeats(p, m.idx, m.nd) {
		for k := range 3 {
			z[k] += m.w[f.j][k] * f.v
		}
	}
	return softmax3(z)
}

// paraOtherW is the weight, in an article's mean, of a paragraph that
// does not mention the person, against 1 for one that does.
var paraOtherW = envFloat("DIPLOTEXT_PS_PARAOTHERW", 1)

// agg is the position-weighted mean P(pos)-P(neg) of m over it's paragraphs.
func (m *paraFit) agg(it psItem) float64 {
	var s, ws float64
	for k, p := range it.paras {
		w := 1 / (1 + float64(k)/paraTau)
		if p.dense[1] == 0 {
			w *= paraOtherW
		}
		pr := m.probs(p)
		s += w * (pr[2] - pr[0])
		ws += w
	}
	if ws == 0 {
		return 0
	}
	return s / ws
}

// aggFeats is the article-level summary of m's reading of it's
// paragraphs, for the stacking regression: the weighted mean P(pos)-P(neg),
// the mean P(neg), the largest P(neg) and P(pos), and the shares of
// paragraphs that mention the person and where the person speaks.
func (m *paraFit) aggFeats(it psItem) []float64 {
	var s, ws, pn, mxn, mxp, men, spk float64
	for k, p := range it.paras {
		w := 1 / (1 + float64(k)/paraTau)
		pr := m.probs(p)
		s += w * (pr[2] - pr[0])
		ws += w
		pn += pr[0]
		mxn = max(mxn, pr[0])
		mxp = max(mxp, pr[2])
		men += p.dense[1]
		spk += p.dense[8]
	}
	if ws == 0 {
		return make([]float64, 6)
	}
	n := float64(len(it.paras))
	return []float64{s / ws, pn / n, mxn, mxp, men / n, spk / n}
}

// stackFit mixes an article-level model and a paragraph reader.
type stackFit struct {
	art                *actorFit
	para               *paraFit
	alpha, shift, band float64
	// lr, if not nil: a 3-class regression over the article score and
	// aggFeats instead of the mix.
	lr [][3]float64
}

// stackX is the stacking regression's features of an item.
func stackX(art float64, agg []float64) []feat {
	x := []feat{{0, 1}, {1, art}}
	for k, v := range agg {
		x = append(x, feat{2 + k, v})
	}
	return x
}

func lrScore(w [][3]float64, x []feat) float64 {
	var z [3]float64
	for _, f := range x {
		for k := range 3 {
			z[k] += w[f.j][k] * f.v
		}
	}
	p := softmax3(z)
	return p[2] - p[0]
}

// fitStack learns the paragraph reader on items and chooses the mix of
// art (the article-level model learned on the same items, with its inner
// out-of-fold scores) and the reader's mean, with the shift and band, on
// the inner 4-fold out-of-fold scores of both.
func fitStack(items []psItem, art *actorFit) *stackFit {
	oof := make([]float64, len(items))
	aggs := make([][]float64, len(items))
	for j := range 4 {
		var tr []psItem
		for i, it := range items {
			if i%4 != j {
				tr = append(tr, it)
			}
		}
		m := learnPara(tr, paraL2)
		for i, it := range items {
			if i%4 == j {
				oof[i] = m.agg(it)
				aggs[i] = m.aggFeats(it)
			}
		}
	}
	gold := make([]int, len(items))
	for i, it := range items {
		gold[i] = it.row.Gold + 1
	}
	st := &stackFit{art: art}
	best := -1.0
	x := make([]float64, len(items))
	for a := 0; a <= 10; a++ {
		al := float64(a) / 10
		for i := range x {
			x[i] = al*art.oof[i] + (1-al)*oof[i]
		}
		if s, b, f := bestBand(x, gold); f > best {
			best, st.alpha, st.shift, st.band = f, al, s, b
		}
	}
	st.para = learnPara(items, paraL2)
	if os.Getenv("DIPLOTEXT_PS_STACK") == "lr" {
		var freq [3]float64
		for _, g := range gold {
			freq[g]++
		}
		X := make([][]feat, len(items))
		W := make([]float64, len(items))
		var wsum float64
		for i := range items {
			X[i] = stackX(art.oof[i], aggs[i])
			W[i] = math.Pow(float64(len(items))/(3*math.Max(freq[gold[i]], 1)), actorClassPow)
			wsum += W[i]
		}
		st.lr = learnLR(X, gold, W, wsum, 2+len(aggs[0]), envFloat("DIPLOTEXT_PS_STACKL2", 0.01))
		for i := range x {
			x[i] = lrScore(st.lr, X[i])
		}
		st.shift, st.band, _ = bestBand(x, gold)
	}
	return st
}

// label is the class (0, 1, 2) st gives it.
func (st *stackFit) label(it psItem) int {
	x := st.alpha*st.art.score(it) + (1-st.alpha)*st.para.agg(it)
	if st.lr != nil {
		x = lrScore(st.lr, stackX(st.art.score(it), st.para.aggFeats(it)))
	}
	return bandClass(x-st.shift, st.band)
}

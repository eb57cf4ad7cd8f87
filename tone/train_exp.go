//go:build tonetrain

package tone

import (
	"math"
	"math/rand/v2"
	"os"
	"strings"

	"github.com/diplotext/diplotext/text"
)

// Candidate features and learners of the targeted model, measured by its
// CV (-what target -dry) and not built into the runtime model; their
// figures are in docs/tone.md. DIPLOTEXT_TGT_X names feature groups of
// expFeatures, comma-separated: wb (word bigrams within 4 words of the
// target), tid (the target's own words), len (sentence and clause length),
// punct (question and exclamation marks), lexw (each lexicon contribution
// by side and clause), pre (5-letter prefixes of the segment's words),
// norm (word families scaled by 1/sqrt of their size), bin2 (pairs of
// lexicon-sum ranges), oseg (the words of the sentence's other segments).

// expGroups are the feature groups named in DIPLOTEXT_TGT_X.
var expGroups = func() map[string]bool {
	m := map[string]bool{}
	for _, g := range strings.Split(os.Getenv("DIPLOTEXT_TGT_X"), ",") {
		if g != "" {
			m[g] = true
		}
	}
	return m
}()

// expStem is the feature stem of token i ("" if it is no word or an office
// word).
func expStem(d *text.Document, i int) string {
	if d.Tokens[i].Kind != text.Word {
		return ""
	}
	return featureStem(d.TokenText(i))
}

// expNorm scales each word-feature family by 1/sqrt of its size
// (DIPLOTEXT_TGT_X=norm).
func expNorm(dst []feature) []feature {
	n := map[string]int{}
	fam := func(name string) string {
		i := strings.IndexByte(name, ':')
		if i < 0 {
			return ""
		}
		switch name[:i+1] {
		case "s:", "c:", "cl:", "cr:", "dw:":
			return name[:i+1]
		}
		return ""
	}
	for _, f := range dst {
		if p := fam(f.name); p != "" {
			n[p]++
		}
	}
	for i, f := range dst {
		if p := fam(f.name); p != "" {
			dst[i].val = float32(float64(f.val) * 2 / math.Sqrt(float64(n[p])))
		}
	}
	return dst
}

// expFeatures appends the features of the groups in expGroups.
func expFeatures(d *text.Document, si, first, last int, sc *scratch, dst []feature) []feature {
	s := d.Sentences[si]
	cs, ce := targetClause(d, si, first, last)
	ss, se := segmentBounds(d, s, first, last)
	if expGroups["bin2"] {
		// pairs of lexicon-sum ranges
		v := map[string]float32{}
		for _, f := range dst {
			if strings.HasPrefix(f.name, "lex:") {
				v[f.name] = f.val
			}
		}
		for _, p := range [][2]string{{"clause", "sent"}, {"cl", "cr"}, {"left", "right"}, {"cpos", "cneg"}} {
			a, b := lexBin(v["lex:"+p[0]]), lexBin(v["lex:"+p[1]])
			dst = append(dst, feature{"b2:" + p[0] + p[1] + ":" + string(rune('0'+a)) + string(rune('0'+b)), 1})
		}
	}
	if expGroups["oseg"] {
		// words of the sentence's other segments, by side (ol:, or:)
		for i := s.First; i < s.Last; i++ {
			if i >= ss && i < se {
				continue
			}
			if st := expStem(d, i); st != "" {
				side := "ol:"
				if i >= se {
					side = "or:"
				}
				dst = append(dst, feature{side + st, 1})
			}
		}
	}
	if expGroups["norm"] {
		dst = expNorm(dst)
	}
	if expGroups["wb"] {
		// bigrams in windows of 4 words on each side
		prev := ""
		for i := max(first-4, s.First); i < first; i++ {
			st := expStem(d, i)
			if st != "" && prev != "" {
				dst = append(dst, feature{"wbl:" + prev + "_" + st, 1})
			}
			prev = st
		}
		prev = ""
		for i := last; i < min(last+4, s.Last); i++ {
			st := expStem(d, i)
			if st != "" && prev != "" {
				dst = append(dst, feature{"wbr:" + prev + "_" + st, 1})
			}
			prev = st
		}
	}
	if expGroups["pre"] {
		for i := ss; i < se; i++ {
			if i >= first && i < last {
				continue
			}
			st := expStem(d, i)
			if len(st) < 6 {
				continue
			}
			fam := "sp:"
			if i >= cs && i < ce {
				fam = "cp:"
			}
			dst = append(dst, feature{fam + st[:5], 1})
		}
	}
	if expGroups["tid"] {
		for i := first; i < last; i++ {
			if st := expStem(d, i); st != "" {
				dst = append(dst, feature{"tid:" + st, 1})
			}
		}
	}
	if expGroups["len"] {
		n := s.Last - s.First
		b := "s"
		switch {
		case n > 40:
			b = "l"
		case n > 20:
			b = "m"
		}
		dst = append(dst, feature{"len:" + b, 1})
		cn := ce - cs
		b = "s"
		switch {
		case cn > 15:
			b = "l"
		case cn > 6:
			b = "m"
		}
		dst = append(dst, feature{"clen:" + b, 1})
	}
	if expGroups["punct"] {
		for i := s.First; i < s.Last; i++ {
			w := d.TokenText(i)
			switch w {
			case "?":
				dst = append(dst, feature{"p:q", 1})
			case "!":
				dst = append(dst, feature{"p:excl", 1})
			}
		}
	}
	if expGroups["lexw"] {
		// the lexicon valence of each contributing word, by side and
		// clause membership, as a signed feature of its stem class
		for _, c := range sc.contribs {
			if c.tok < ss || c.tok >= se {
				continue
			}
			side := "l"
			if c.tok >= last {
				side = "r"
			}
			in := "o"
			if c.tok >= cs && c.tok < ce {
				in = "c"
			}
			dst = append(dst, feature{"lv:" + side + in, float32(c.v / 2)})
		}
	}
	return dst
}

// fitTwoStage learns neutral-or-not on all examples and negative-or-positive
// on the polar ones (DIPLOTEXT_TGT_2STAGE=1).
func fitTwoStage(tr []tgtExample, lambda float64, epochs int, seed uint64) (np, pn *lrModel) {
	a := make([]tgtExample, len(tr))
	var b []tgtExample
	for i, e := range tr {
		a[i] = e
		if e.class != 1 {
			a[i].class = 0
			b = append(b, e)
		}
	}
	return fitLR(a, lambda, epochs, seed), fitLR(b, lambda, epochs, seed+5)
}

// predictTwoStage is neutral if the first stage gives it at least thr,
// else the second stage's class.
func predictTwoStage(np, pn *lrModel, feats []feature, thr float64) int {
	p := np.probs(feats)
	if p[1] >= thr {
		return 1
	}
	q := pn.probs(feats)
	if q[2] > q[0] {
		return 2
	}
	return 0
}

// mlpModel is the linear model plus one hidden layer of tanh units over the
// same features (DIPLOTEXT_TGT_MLP=H): a test of whether interactions among
// the features, which a linear model cannot express, carry the tone.
type mlpModel struct {
	idx map[string]int
	w   [][3]float64 // linear part
	u   [][]float64  // input to hidden
	c   []float64    // hidden biases
	v   [][3]float64 // hidden to output
}

func (m *mlpModel) forward(feats []feature, ids []int, h []float64) [3]float64 {
	var z [3]float64
	copy(h, m.c)
	for fi, f := range feats {
		j := ids[fi]
		if j < 0 {
			continue
		}
		x := float64(f.val)
		for k := range 3 {
			z[k] += m.w[j][k] * x
		}
		for q := range h {
			h[q] += m.u[j][q] * x
		}
	}
	for q := range h {
		h[q] = math.Tanh(h[q])
		for k := range 3 {
			z[k] += m.v[q][k] * h[q]
		}
	}
	return z
}

func (m *mlpModel) ids(feats []feature, ids []int) []int {
	ids = ids[:0]
	for _, f := range feats {
		j, ok := m.idx[f.name]
		if !ok {
			j = -1
		}
		ids = append(ids, j)
	}
	return ids
}

func (m *mlpModel) predict(feats []feature) [3]float64 {
	h := make([]float64, len(m.c))
	return softmax(m.forward(feats, m.ids(feats, nil), h))
}

func fitMLP(ex []tgtExample, hidden, epochs int, lambda, rateW, rateH float64, seed uint64) *mlpModel {
	lin := fitLROnce(ex, lambda, 0, seed) // the kept features, zero weights
	m := &mlpModel{idx: lin.idx, w: lin.w}
	rng := rand.New(rand.NewPCG(seed, 99))
	m.u = make([][]float64, len(m.w))
	for j := range m.u {
		m.u[j] = make([]float64, hidden)
		for q := range m.u[j] {
			m.u[j][q] = rng.NormFloat64() * 0.1
		}
	}
	m.c = make([]float64, hidden)
	m.v = make([][3]float64, hidden)
	for q := range m.v {
		for k := range 3 {
			m.v[q][k] = rng.NormFloat64() * 0.1
		}
	}
	var freq [3]float64
	for _, e := range ex {
		freq[e.class]++
	}
	var cw [3]float64
	for k := range 3 {
		cw[k] = float64(len(ex)) / (3 * math.Max(freq[k], 1))
	}
	gw := make([][3]float64, len(m.w))
	gu := make([][]float64, len(m.w))
	for j := range gu {
		gu[j] = make([]float64, hidden)
	}
	gc := make([]float64, hidden)
	gv := make([][3]float64, hidden)
	order := make([]int, len(ex))
	for i := range order {
		order[i] = i
	}
	h := make([]float64, hidden)
	dh := make([]float64, hidden)
	var ids []int
	ada := func(w, g2 *float64, g, rate float64) {
		*g2 += g * g
		*w -= rate * g / (math.Sqrt(*g2) + 1e-6)
	}
	for range epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, oi := range order {
			e := &ex[oi]
			ids = m.ids(e.feats, ids)
			p := softmax(m.forward(e.feats, ids, h))
			var dz [3]float64
			for k := range 3 {
				y := 0.0
				if k == e.class {
					y = 1
				}
				dz[k] = cw[e.class] * (p[k] - y)
			}
			for q := range h {
				var s float64
				for k := range 3 {
					s += dz[k] * m.v[q][k]
					ada(&m.v[q][k], &gv[q][k], dz[k]*h[q]+lambda*m.v[q][k], rateH)
				}
				dh[q] = s * (1 - h[q]*h[q])
				ada(&m.c[q], &gc[q], dh[q], rateH)
			}
			for fi, f := range e.feats {
				j := ids[fi]
				if j < 0 {
					continue
				}
				x := float64(f.val)
				for k := range 3 {
					ada(&m.w[j][k], &gw[j][k], dz[k]*x+lambda*m.w[j][k], rateW)
				}
				for q := range h {
					ada(&m.u[j][q], &gu[j][q], dh[q]*x+lambda*m.u[j][q], rateH)
				}
			}
		}
	}
	return m
}

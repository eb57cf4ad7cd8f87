package topic

import (
	"errors"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"sort"
	"sync"

	"github.com/diplotext/diplotext/text"
)

// Algorithm names a training algorithm of [Train].
type Algorithm int

const (
	// LogisticRegression is L2-regularised logistic regression, one per
	// label (one-vs-rest), trained by dual coordinate descent over
	// log-scaled, idf-weighted, length-normalised word and bigram
	// features. It is the default and the more accurate algorithm.
	LogisticRegression Algorithm = iota + 1
	// NaiveBayes is one-vs-rest multinomial naive Bayes with Laplace
	// smoothing over word and bigram counts: faster to train, less
	// accurate.
	NaiveBayes
)

var algoNames = [...]string{"", "logreg", "naive-bayes"}

// String returns "logreg" or "naive-bayes".
func (a Algorithm) String() string {
	if a > 0 && int(a) < len(algoNames) {
		return algoNames[a]
	}
	return fmt.Sprintf("Algorithm(%d)", int(a))
}

// MarshalText implements encoding.TextMarshaler.
func (a Algorithm) MarshalText() ([]byte, error) {
	if a <= 0 || int(a) >= len(algoNames) {
		return nil, fmt.Errorf("topic: unknown algorithm %d", int(a))
	}
	return []byte(a.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler; it accepts the names
// returned by String and the aliases "lr" and "nb".
func (a *Algorithm) UnmarshalText(b []byte) error {
	switch string(b) {
	case "logreg", "lr", "logistic":
		*a = LogisticRegression
	case "naive-bayes", "nb", "naivebayes", "bayes":
		*a = NaiveBayes
	default:
		return fmt.Errorf("topic: unknown algorithm %q (want logreg or naive-bayes)", b)
	}
	return nil
}

// Model is a trained multi-label text classifier: one linear scorer per
// label over hashed word and bigram features, a calibration of each
// scorer's output to a probability-like score, and a decision threshold per
// label tuned by cross-validation. Create one with [Train] or [Load].
//
// A Model is immutable and safe for concurrent use by many goroutines.
type Model struct {
	algo      Algorithm
	labels    []string
	hashes    []uint64  // sorted feature hashes
	idf       []float32 // per feature (tf-idf weighting only)
	weights   []float32 // len(hashes)*len(labels), row-major by feature
	bias      []float32 // per label
	plattA    []float32 // per label: p = 1/(1+exp(-(A*margin+B)))
	plattB    []float32
	threshold []float32 // per label, on the calibrated score
	defIDF    float32   // idf of features unseen in training
	minLabels int       // at least this many labels are returned (0 or 1)
	meta      map[string]string

	index  sync.Once
	slots  []slot // open-addressing table: feature hash -> row
	shift  uint
	filter []uint64 // one bit per hashed feature: 0 means not in slots
	fshift uint
}

// Labels returns the model's labels in their internal order (a copy).
func (m *Model) Labels() []string { return slices.Clone(m.labels) }

// Algorithm returns the algorithm the model was trained with.
func (m *Model) Algorithm() Algorithm { return m.algo }

// Threshold returns the decision threshold of label on the calibrated
// score, and false if the model has no such label.
func (m *Model) Threshold(label string) (float64, bool) {
	for i, l := range m.labels {
		if l == label {
			return float64(m.threshold[i]), true
		}
	}
	return 0, false
}

// NumFeatures returns the number of features with weights in the model.
func (m *Model) NumFeatures() int { return len(m.hashes) }

// Meta returns the free-form metadata stored with the model (training
// date, data set, cross-validated figures), as a copy. [Train] adds
// "c:LABEL" (the regularisation C chosen for a label) and
// "untuned:LABEL" (why a label kept the default threshold).
func (m *Model) Meta() map[string]string {
	out := make(map[string]string, len(m.meta))
	for k, v := range m.meta {
		out[k] = v
	}
	return out
}

// slot is an entry of the model's feature table; row -1 marks an empty
// slot.
type slot struct {
	hash uint64
	row  int32
	idf  float32 // the row's idf (0 without tf-idf weighting), read with the row
}

// buildIndex builds the table that probe reads: feature hash to row, by
// open addressing with linear probing (about twice as fast as a Go map
// here), and a filter in front of it.
func (m *Model) buildIndex() {
	size := 16
	for size < 2*len(m.hashes) {
		size <<= 1
	}
	m.slots = make([]slot, size)
	for i := range m.slots {
		m.slots[i].row = -1
	}
	m.shift = 64 - uint(bits.TrailingZeros(uint(size)))
	for i, h := range m.hashes {
		j := int((h * 0x9E3779B97F4A7C15) >> m.shift)
		for m.slots[j].row >= 0 {
			j = (j + 1) & (size - 1)
		}
		var idf float32
		if i < len(m.idf) {
			idf = m.idf[i]
		}
		m.slots[j] = slot{h, int32(i), idf}
	}
	// about 16 filter bits per feature: a feature the model does not
	// know (most word pairs of a text) is then rejected from a table of
	// 1/8 of the slots' size, which stays in cache, with about 6% of
	// them probing the slots all the same
	fb := 64
	for fb < 16*len(m.hashes) {
		fb <<= 1
	}
	m.filter = make([]uint64, fb/64)
	m.fshift = 64 - uint(bits.TrailingZeros(uint(fb)))
	for _, h := range m.hashes {
		b := (h * filterMul) >> m.fshift
		m.filter[b>>6] |= 1 << (b & 63)
	}
}

// filterMul mixes a feature hash into its filter bit, independently of the
// slot it probes first.
const filterMul = 0xD6E8FEB86659FD93

// probe returns the row of feature hash h and its idf, or -1 and the idf
// of unseen features when the model does not know it, from the table of
// buildIndex, which must have run (m.index.Do(m.buildIndex)).
func (m *Model) probe(h uint64) (int32, float32) {
	if b := (h * filterMul) >> m.fshift; m.filter[b>>6]&(1<<(b&63)) == 0 {
		return -1, m.defIDF
	}
	mask := len(m.slots) - 1
	for j := int((h * 0x9E3779B97F4A7C15) >> m.shift); ; j = (j + 1) & mask {
		sl := &m.slots[j]
		if sl.row < 0 {
			return -1, m.defIDF
		}
		if sl.hash == h {
			return sl.row, sl.idf
		}
	}
}

// Prediction is the score of one label for one document.
type Prediction struct {
	Label string  `json:"label"`
	Score float64 `json:"score"` // calibrated, in [0,1]
	// Selected reports whether Score reached the label's threshold (or
	// the label was kept to honour the model's minimum label count).
	Selected bool `json:"selected"`
	// Margin is the raw linear score before calibration.
	Margin float64 `json:"margin"`
}

// scratch holds per-call buffers.
type scratch struct {
	occs   []occurrence
	table  []termCount
	counts []termCount
	rows   []int32
	vals   []float32
	idf    []float32 // per count: the feature's idf
	margin []float64
	// buffers of ModelClassifier.passages and featureIndex
	slot, feat, cnt, wcnt, touched, at []int32
	off                                []int
	dot                                []float64
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// vectorize turns d into the model's feature vector: rows (-1 for features
// the model does not know) and values, normalised as in training.
func (m *Model) vectorize(d *text.Document, sc *scratch) {
	sc.occs = extract(d, sc.occs[:0])
	sc.counts, sc.table = countTermsHashed(sc.occs, sc.table, sc.counts[:0], nil)
	m.vectorizeCounts(sc)
}

// vectorizeCounts fills sc.rows and sc.vals from sc.counts.
func (m *Model) vectorizeCounts(sc *scratch) {
	sc.rows = sc.rows[:0]
	sc.vals = sc.vals[:0]
	var norm float64
	m.index.Do(m.buildIndex)
	sc.idf = sc.idf[:0]
	for _, tc := range sc.counts {
		r, idf := m.probe(tc.hash)
		v := m.value(idf, tc.count)
		norm += float64(v) * float64(v)
		sc.rows = append(sc.rows, r)
		sc.vals = append(sc.vals, v)
		sc.idf = append(sc.idf, idf)
	}
	if m.algo == LogisticRegression && norm > 0 {
		inv := float32(1 / math.Sqrt(norm))
		for i := range sc.vals {
			sc.vals[i] *= inv
		}
	}
}

// value is the weight of a feature of idf (as probe gives it) counted
// count times in a text, before normalisation.
func (m *Model) value(idf float32, count int32) float32 {
	if m.algo == NaiveBayes {
		return float32(count)
	}
	if count == 1 {
		return float32(math.Ln2) * idf // the common case, without a log
	}
	return float32(math.Log1p(float64(count))) * idf
}

// margins computes the raw linear score of every label into sc.margin.
func (m *Model) margins(sc *scratch) {
	L := len(m.labels)
	sc.margin = slices.Grow(sc.margin[:0], L)[:L]
	for j := range L {
		sc.margin[j] = float64(m.bias[j])
	}
	for i, r := range sc.rows {
		if r < 0 {
			continue
		}
		axpy(sc.margin, float64(sc.vals[i]), m.weights[int(r)*L:int(r)*L+L])
	}
}

// axpy adds v × w[j] to dst[j] for every j (dst at least as long as w),
// in float64 as every scorer of the package sums, four at a time: the
// inner loop of scoring, with its bounds checks hoisted.
func axpy(dst []float64, v float64, w []float32) {
	dst = dst[:len(w)]
	j := 0
	for ; j+4 <= len(w); j += 4 {
		d, x := dst[j:j+4:j+4], w[j:j+4:j+4]
		d[0] += v * float64(x[0])
		d[1] += v * float64(x[1])
		d[2] += v * float64(x[2])
		d[3] += v * float64(x[3])
	}
	for ; j < len(w); j++ {
		dst[j] += v * float64(w[j])
	}
}

// axpy2 is axpy of the same v and w into two vectors, reading w once.
func axpy2(dst1, dst2 []float64, v float64, w []float32) {
	dst1, dst2 = dst1[:len(w)], dst2[:len(w)]
	for j, x := range w {
		y := v * float64(x)
		dst1[j] += y
		dst2[j] += y
	}
}

func sigmoid(x float64) float64 {
	if x >= 0 {
		return 1 / (1 + math.Exp(-x))
	}
	e := math.Exp(x)
	return e / (1 + e)
}

func (m *Model) calibrate(j int, margin float64) float64 {
	return sigmoid(m.logit(j, margin))
}

// logit returns the calibrated log-odds of label j at margin: calibrate
// is its sigmoid.
func (m *Model) logit(j int, margin float64) float64 {
	return float64(m.plattA[j])*margin + float64(m.plattB[j])
}

// PredictDocument scores every label for d and returns the predictions
// sorted by score, highest first. It never fails; an empty or nil document
// gets the prior score of each label, and so does a document whose tokens
// do not fit its text.
func (m *Model) PredictDocument(d *text.Document) []Prediction {
	if m == nil {
		return []Prediction{}
	}
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	if validDocument(d) {
		m.vectorize(d, sc)
	} else {
		sc.occs, sc.counts = sc.occs[:0], sc.counts[:0]
		m.vectorizeCounts(sc)
	}
	return m.predictions(sc)
}

// Features are the feature occurrences of one document, extracted once so
// that several models, which all read the same features, can score the
// document without extracting them again ([Model.PredictFeatures],
// [ModelClassifier.ClassifyFeatures]). Immutable and safe for concurrent
// use.
type Features struct {
	d     *text.Document
	valid bool // the tokens and sentences fit the text
	occs  []occurrence
}

// ExtractFeatures extracts the features of d. A nil d is the empty
// document; a document whose tokens do not fit its text has no features.
func ExtractFeatures(d *text.Document) *Features {
	f := &Features{d: d, valid: validDocument(d)}
	if f.valid {
		f.occs = extract(d, nil)
	}
	return f
}

// PredictFeatures is [Model.PredictDocument] of the document whose
// features f holds. A nil f is the empty document.
func (m *Model) PredictFeatures(f *Features) []Prediction {
	if m == nil {
		return []Prediction{}
	}
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	var occs []occurrence
	if f != nil {
		occs = f.occs
	}
	sc.occs = sc.occs[:0]
	sc.counts, sc.table = countTermsHashed(occs, sc.table, sc.counts[:0], nil)
	m.vectorizeCounts(sc)
	return m.predictions(sc)
}

// predictions returns the predictions of the vectorised document in sc.
func (m *Model) predictions(sc *scratch) []Prediction {
	m.margins(sc)
	out := make([]Prediction, len(m.labels))
	for j, l := range m.labels {
		p := m.calibrate(j, sc.margin[j])
		out[j] = Prediction{Label: l, Score: p, Margin: sc.margin[j], Selected: p >= float64(m.threshold[j])}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Score > out[b].Score })
	if m.minLabels > 0 && len(out) > 0 && !out[0].Selected {
		out[0].Selected = true
	}
	return out
}

// Predict parses s and calls [Model.PredictDocument].
func (m *Model) Predict(s string) []Prediction { return m.PredictDocument(text.Parse(s)) }

// ClassifyDocument returns the labels selected for d as topics, sorted by
// score, with the features that contributed most to each as evidence. It
// implements [Classifier] over the whole document; the ID and Label of
// each topic are the model's label and CAP is 0 (use [NewClassifier] to
// name the labels or to score passages). A nil or empty document gets an
// empty result; a nil model or a document whose tokens do not fit its
// text is an error.
func (m *Model) ClassifyDocument(d *text.Document) ([]Topic, error) {
	if m == nil {
		return nil, fmt.Errorf("topic: classify: %w", ErrNilClassifier)
	}
	out := []Topic{}
	if d == nil || len(d.Tokens) == 0 {
		return out, nil
	}
	if !validDocument(d) {
		return nil, errBadDocument
	}
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	m.vectorize(d, sc)
	m.margins(sc)
	chosen := m.selectLabels(sc)
	sort.SliceStable(chosen, func(a, b int) bool { return chosen[a].p > chosen[b].p })
	for _, c := range chosen {
		l := m.labels[c.j]
		out = append(out, Topic{ID: l, Label: l, Score: round4(c.p), Evidence: m.evidence(d, sc, c.j, defaultEvidence), Passages: []Passage{}})
	}
	return out, nil
}

// errBadDocument is returned for a document whose tokens or sentences do
// not fit its text.
var errBadDocument = errors.New("topic: document tokens or sentences do not fit its text")

// validDocument reports whether d is nil or its tokens and sentences lie
// within its text, in order.
func validDocument(d *text.Document) bool {
	if d == nil {
		return true
	}
	prev := 0
	for _, t := range d.Tokens {
		if t.Start < prev || t.End < t.Start || t.End > len(d.Text) {
			return false
		}
		prev = t.End
	}
	for _, s := range d.Sentences {
		if s.First < 0 || s.Last < s.First || s.Last > len(d.Tokens) || s.Start < 0 || s.End < s.Start || s.End > len(d.Text) {
			return false
		}
	}
	return true
}

// labelProb is a label index with its calibrated probability.
type labelProb struct {
	j int
	p float64
}

// selectLabels returns the labels the model selects from the margins in
// sc, in label order: those at or above their threshold or, when none is
// and the model was trained to give at least one label, the most probable.
func (m *Model) selectLabels(sc *scratch) []labelProb {
	var out []labelProb
	best := labelProb{j: -1, p: -1}
	for j := range m.labels {
		p := m.calibrate(j, sc.margin[j])
		if p > best.p {
			best = labelProb{j, p}
		}
		if p >= float64(m.threshold[j]) {
			out = append(out, labelProb{j, p})
		}
	}
	if len(out) == 0 && m.minLabels > 0 && best.j >= 0 {
		out = append(out, best)
	}
	return out
}

// Classify parses s and calls [Model.ClassifyDocument].
func (m *Model) Classify(s string) ([]Topic, error) { return m.ClassifyDocument(text.Parse(s)) }

const defaultEvidence = 5

// evidence returns up to n features with the largest positive contribution
// to label j, each at its first occurrence in d.
func (m *Model) evidence(d *text.Document, sc *scratch, j, n int) []Evidence {
	return m.evidenceFor(d, sc, []int{j}, n)[0]
}

// contrib is a feature's contribution to a label's margin.
type contrib struct {
	hash uint64
	w    float64
}

// evidenceFor returns the evidence of each label of js (see evidence) in
// one pass over the document's features, which reads each feature's
// weights once for all labels.
func (m *Model) evidenceFor(d *text.Document, sc *scratch, js []int, n int) [][]Evidence {
	out := make([][]Evidence, len(js))
	if n <= 0 || len(js) == 0 {
		return out
	}
	L := len(m.labels)
	// keep the n largest contributions per label by insertion (n is small)
	tops := make([][]contrib, len(js))
	buf := make([]contrib, len(js)*(n+1))
	for t := range tops {
		tops[t] = buf[t*(n+1) : t*(n+1) : (t+1)*(n+1)]
	}
	for i, r := range sc.rows {
		if r < 0 {
			continue
		}
		v := float64(sc.vals[i])
		ws := m.weights[int(r)*L : int(r)*L+L]
		for t, j := range js {
			w := v * float64(ws[j])
			top := tops[t]
			if w <= 0 || (len(top) == n && w <= top[n-1].w) {
				continue
			}
			c := contrib{sc.counts[i].hash, w}
			k := len(top)
			top = append(top, c)
			for k > 0 && (top[k-1].w < w || top[k-1].w == w && top[k-1].hash > c.hash) {
				top[k] = top[k-1]
				k--
			}
			top[k] = c
			if len(top) > n {
				top = top[:n]
			}
			tops[t] = top
		}
	}
	// the first occurrence of each evidence feature, in one pass
	need := 0
	first := map[uint64]int{}
	for _, top := range tops {
		for _, c := range top {
			if _, ok := first[c.hash]; !ok {
				first[c.hash] = -1
				need++
			}
		}
	}
	for k, o := range sc.occs {
		if need == 0 {
			break
		}
		if f, ok := first[o.hash]; ok && f < 0 {
			first[o.hash] = k
			need--
		}
	}
	for t, top := range tops {
		ev := make([]Evidence, 0, len(top))
		for _, c := range top {
			k := first[c.hash]
			if k < 0 {
				continue
			}
			o := sc.occs[k]
			start, end := d.Tokens[o.first].Start, d.Tokens[o.last].End
			ev = append(ev, Evidence{Text: d.Text[start:end], Start: start, End: end, Weight: round4(c.w)})
		}
		sort.SliceStable(ev, func(a, b int) bool { return ev[a].Start < ev[b].Start })
		out[t] = ev
	}
	return out
}

func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }

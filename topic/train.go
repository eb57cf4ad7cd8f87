package topic

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/diplotext/diplotext/text"
)

// Example is one training document: its text and its labels (none, one or
// several). A document without labels is a negative example of every label.
type Example struct {
	Text   string   `json:"text"`
	Labels []string `json:"labels"`
	// Weight scales the example's influence on logistic regression and
	// its counts in naive Bayes; 0 means 1. NaN, infinite, negative or
	// above 1e6 is an error of [Train].
	Weight float64 `json:"weight,omitempty"`
	// Group, when not empty, keeps the examples that share it in the same
	// cross-validation fold (several views of one document, such as a
	// headline alone and with its summary), so that no view of a held-out
	// document is trained on.
	Group string `json:"group,omitempty"`
}

type trainConfig struct {
	algo  Algorithm
	folds int
	c     float64
	// cGrid, when not empty, are the values of C tried for each label by
	// cross-validation (the default); labelC is the C of each label for
	// trainLR when set.
	cGrid     []float64
	labelC    []float64
	alpha     float64
	minDF     int
	minLabels int
	epochs    int
	workers   int
	seed      uint64
	prune     float64
	progress  func(string)
	meta      map[string]string
	// background examples: always trained on, never held out or scored
	background []Example
}

// TrainOption configures [Train] and [CrossValidate].
type TrainOption func(*trainConfig)

// WithAlgorithm selects the training algorithm (default
// [LogisticRegression]).
func WithAlgorithm(a Algorithm) TrainOption { return func(c *trainConfig) { c.algo = a } }

// WithFolds sets the number of cross-validation folds used to calibrate
// scores and tune the decision thresholds (default 5; 0 or 1 skips tuning
// and uses a threshold of 0.5 on uncalibrated logistic outputs).
func WithFolds(k int) TrainOption { return func(c *trainConfig) { c.folds = k } }

// WithRegularization sets the inverse regularisation strength C of
// logistic regression for every label (larger fits the training data more
// closely), in (0, 1e6]; NaN, infinite, negative or larger values are an
// error of [Train]. By default, or with cost 0, each label gets the C of
// [DefaultCGrid] with the best F1 on the out-of-fold predictions of the
// calibration folds (see [WithFolds]), at the price of one cross-validation
// per value; without folds, C is 8. The chosen values are in
// [Model.Meta] under "c:LABEL".
func WithRegularization(cost float64) TrainOption { return func(c *trainConfig) { c.c = cost } }

// DefaultCGrid returns the values of C that [Train] tries for each label
// when no [WithRegularization] is given.
func DefaultCGrid() []float64 { return []float64{2, 8, 32, 128} }

// fallbackC is C when the grid cannot be searched (no folds, too few
// documents).
const fallbackC = 8

// WithSmoothing sets the additive (Laplace) smoothing of naive Bayes
// (default 0.1).
func WithSmoothing(alpha float64) TrainOption { return func(c *trainConfig) { c.alpha = alpha } }

// WithMinDF keeps only features that occur in at least n training documents
// (default 2), which makes models smaller without hurting accuracy.
func WithMinDF(n int) TrainOption { return func(c *trainConfig) { c.minDF = n } }

// WithMinLabels makes the model return its best label even when no label
// reaches its threshold (n = 1), for data where every document has at least
// one label. The default, 0, allows an empty answer.
func WithMinLabels(n int) TrainOption {
	return func(c *trainConfig) { c.minLabels = min(max(n, 0), 1) }
}

// WithWorkers sets the number of goroutines used for training (default
// GOMAXPROCS).
func WithWorkers(n int) TrainOption { return func(c *trainConfig) { c.workers = n } }

// WithSeed sets the seed of the fold assignment and of the order of
// coordinate descent (default 1), so training is reproducible.
func WithSeed(seed uint64) TrainOption { return func(c *trainConfig) { c.seed = seed } }

// WithPrune zeroes weights whose magnitude is below eps and drops features
// left without weights, for smaller model files (default 0: keep all).
func WithPrune(eps float64) TrainOption { return func(c *trainConfig) { c.prune = eps } }

// WithBackground adds examples that are trained on but never held out:
// they are in every training fold of the threshold tuning of [Train] and of
// [CrossValidate], and calibration, thresholds and reports use only the
// out-of-fold predictions of the main examples. Use it to mix plentiful
// out-of-domain data (with smaller weights, see [Example].Weight) into a
// model whose thresholds must fit the main, in-domain examples. Calling it
// again appends.
func WithBackground(examples []Example) TrainOption {
	return func(c *trainConfig) { c.background = append(c.background, examples...) }
}

// WithProgress sets a function that receives short progress messages.
func WithProgress(f func(msg string)) TrainOption { return func(c *trainConfig) { c.progress = f } }

// WithMeta stores key/value metadata in the model (see [Model.Meta]).
func WithMeta(key, value string) TrainOption {
	return func(c *trainConfig) {
		if c.meta == nil {
			c.meta = map[string]string{}
		}
		c.meta[key] = value
	}
}

func newTrainConfig(opts []TrainOption) (*trainConfig, error) {
	c := &trainConfig{algo: LogisticRegression, folds: 5, alpha: 0.1, minDF: 2, epochs: 60, seed: 1}
	for _, o := range opts {
		if o != nil {
			o(c)
		}
	}
	bad := func(option string, v any, want string) error {
		return fmt.Errorf("topic: train: %w: %s(%v): want %s", ErrOption, option, v, want)
	}
	switch {
	case c.algo != LogisticRegression && c.algo != NaiveBayes:
		return nil, bad("WithAlgorithm", c.algo, "LogisticRegression or NaiveBayes")
	case c.folds < 0:
		return nil, bad("WithFolds", c.folds, "0 or more")
	case !finite(c.c) || c.c < 0 || c.c > maxCost:
		return nil, bad("WithRegularization", c.c, fmt.Sprintf("0 (choose by cross-validation) or a C in (0,%g]", float64(maxCost)))
	case !finite(c.alpha) || c.alpha < 0:
		return nil, bad("WithSmoothing", c.alpha, "0 (the default 0.1) or more")
	case c.minDF < 0:
		return nil, bad("WithMinDF", c.minDF, "0 or more")
	case c.workers < 0:
		return nil, bad("WithWorkers", c.workers, "0 (GOMAXPROCS) or more")
	case !finite(c.prune) || c.prune < 0:
		return nil, bad("WithPrune", c.prune, "0 or more")
	}
	if c.workers == 0 {
		c.workers = runtime.GOMAXPROCS(0)
	}
	if c.c == 0 {
		c.c = fallbackC
		if c.algo == LogisticRegression {
			c.cGrid = DefaultCGrid()
		}
	}
	if c.alpha == 0 {
		c.alpha = 0.1
	}
	if c.minDF < 1 {
		c.minDF = 1
	}
	return c, nil
}

// maxCost bounds C; maxWeight bounds an example's weight: beyond them the
// optimisation overflows.
const (
	maxCost   = 1e6
	maxWeight = 1e6
)

// checkExamples refuses weights where nothing sensible follows.
func checkExamples(what string, examples []Example) error {
	for i, ex := range examples {
		if w := ex.Weight; !finite(w) || w < 0 || w > maxWeight {
			return fmt.Errorf("topic: train: %w: %s %d has weight %v; want 0 (meaning 1) up to %g", ErrExample, what, i+1, w, float64(maxWeight))
		}
	}
	return nil
}

func (c *trainConfig) say(format string, args ...any) {
	if c.progress != nil {
		c.progress(fmt.Sprintf(format, args...))
	}
}

// docFeat is a featurised training document.
type docFeat struct {
	counts     []termCount
	labels     []int // sorted label indexes
	weight     float64
	group      string
	background bool // trained on, never held out (WithBackground)
}

// labelSet validates the labels of examples and returns them sorted.
func labelSet(examples, background []Example) ([]string, error) {
	if len(examples) == 0 {
		return nil, errors.New("topic: train: no examples")
	}
	seen := map[string]int{}
	all := examples
	if len(background) > 0 {
		all = append(slices.Clip(examples), background...)
	}
	for i, ex := range all {
		for _, l := range ex.Labels {
			if strings.TrimSpace(l) == "" {
				return nil, fmt.Errorf("topic: train: example %d has an empty label", i+1)
			}
			seen[l]++
		}
	}
	if len(seen) == 0 {
		return nil, errors.New("topic: train: no example has a label")
	}
	labels := make([]string, 0, len(seen))
	for l, n := range seen {
		if n == len(all) && len(seen) == 1 {
			return nil, fmt.Errorf("topic: train: the only label %q is on every example; a classifier needs examples without it", l)
		}
		labels = append(labels, l)
	}
	sort.Strings(labels)
	return labels, nil
}

// featurize parses and featurises every example, in parallel.
func featurize(ctx context.Context, examples []Example, labels []string, cfg *trainConfig) ([]docFeat, error) {
	index := make(map[string]int, len(labels))
	for i, l := range labels {
		index[l] = i
	}
	docs := make([]docFeat, len(examples))
	var wg sync.WaitGroup
	next := make(chan int, 64)
	for range cfg.workers {
		wg.Go(func() {
			var occs []occurrence
			var hs []uint64
			for i := range next {
				d := text.Parse(examples[i].Text)
				occs = extract(d, occs[:0])
				var counts []termCount
				counts, hs = countTerms(occs, hs, nil)
				df := docFeat{counts: counts, weight: 1, group: examples[i].Group}
				if w := examples[i].Weight; w > 0 {
					df.weight = w
				}
				for _, l := range examples[i].Labels {
					if j, ok := index[l]; ok && !slices.Contains(df.labels, j) {
						df.labels = append(df.labels, j)
					}
				}
				slices.Sort(df.labels)
				docs[i] = df
			}
		})
	}
	var err error
	for i := range examples {
		if err = ctx.Err(); err != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if err != nil {
		return nil, fmt.Errorf("topic: train: %w", err)
	}
	return docs, nil
}

// Train trains a multi-label one-vs-rest classifier on examples. Scores are
// calibrated (Platt scaling) and each label's decision threshold is chosen
// to maximise its F1 on out-of-fold predictions of a k-fold
// cross-validation on examples (see [WithFolds]); for logistic regression
// the same cross-validation also chooses each label's regularisation
// unless [WithRegularization] fixes it.
//
// Train returns an error for no examples, an empty label, a single label
// that is on every example, a bad weight or a bad option value (wrapping
// [ErrExample] or [ErrOption]); a nil ctx means context.Background(). A label on fewer documents than there are folds
// keeps the default threshold of 0.5 on a score calibrated without it.
// Examples with no text are allowed (they carry only the label priors).
func Train(ctx context.Context, examples []Example, opts ...TrainOption) (*Model, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	cfg, err := newTrainConfig(opts)
	if err != nil {
		return nil, err
	}
	if err := checkExamples("example", examples); err != nil {
		return nil, err
	}
	if err := checkExamples("background example", cfg.background); err != nil {
		return nil, err
	}
	labels, err := labelSet(examples, cfg.background)
	if err != nil {
		return nil, err
	}
	docs, err := featurizeAll(ctx, examples, labels, cfg)
	if err != nil {
		return nil, err
	}
	return fit(ctx, docs, labels, cfg)
}

// featurizeAll featurises examples followed by the background examples.
func featurizeAll(ctx context.Context, examples []Example, labels []string, cfg *trainConfig) ([]docFeat, error) {
	cfg.say("featurising %d documents and %d background documents", len(examples), len(cfg.background))
	docs, err := featurize(ctx, examples, labels, cfg)
	if err != nil {
		return nil, err
	}
	if len(cfg.background) > 0 {
		bg, err := featurize(ctx, cfg.background, labels, cfg)
		if err != nil {
			return nil, err
		}
		for i := range bg {
			bg[i].background = true
		}
		docs = append(docs, bg...)
	}
	return docs, nil
}

// dataset is a featurised training set in compressed sparse rows, with a
// vocabulary of feature hashes.
type dataset struct {
	hashes []uint64
	idf    []float32
	defIDF float32
	ptr    []int
	idx    []int32
	val    []float32
	sqnorm []float64 // per document
}

func buildDataset(docs []docFeat, cfg *trainConfig) *dataset {
	df := map[uint64]int32{}
	for _, d := range docs {
		for _, tc := range d.counts {
			df[tc.hash]++
		}
	}
	ds := &dataset{}
	for h, n := range df {
		if int(n) >= cfg.minDF {
			ds.hashes = append(ds.hashes, h)
		}
	}
	slices.Sort(ds.hashes)
	N := float64(len(docs))
	ds.idf = make([]float32, len(ds.hashes))
	pos := make(map[uint64]int32, len(ds.hashes))
	for i, h := range ds.hashes {
		ds.idf[i] = float32(math.Log((N+1)/(float64(df[h])+1)) + 1)
		pos[h] = int32(i)
	}
	ds.defIDF = float32(math.Log((N+1)/float64(cfg.minDF)) + 1)
	ds.ptr = make([]int, 1, len(docs)+1)
	ds.sqnorm = make([]float64, len(docs))
	for i, d := range docs {
		var norm float64
		start := len(ds.idx)
		for _, tc := range d.counts {
			r, ok := pos[tc.hash]
			var v float32
			if cfg.algo == NaiveBayes {
				v = float32(tc.count)
			} else {
				idf := ds.defIDF
				if ok {
					idf = ds.idf[r]
				}
				v = float32(math.Log1p(float64(tc.count))) * idf
			}
			norm += float64(v) * float64(v)
			if ok {
				ds.idx = append(ds.idx, r)
				ds.val = append(ds.val, v)
			}
		}
		if cfg.algo == LogisticRegression && norm > 0 {
			inv := float32(1 / math.Sqrt(norm))
			var sq float64
			for k := start; k < len(ds.val); k++ {
				ds.val[k] *= inv
				sq += float64(ds.val[k]) * float64(ds.val[k])
			}
			ds.sqnorm[i] = sq
		}
		ds.ptr = append(ds.ptr, len(ds.idx))
	}
	return ds
}

// linear is one label's scorer: weights over the dataset's vocabulary and
// a bias.
type linear struct {
	w []float64
	b float64
}

func (l *linear) margin(ds *dataset, i int) float64 {
	s := l.b
	for k := ds.ptr[i]; k < ds.ptr[i+1]; k++ {
		s += l.w[ds.idx[k]] * float64(ds.val[k])
	}
	return s
}

func hasLabel(d *docFeat, j int) bool {
	_, ok := slices.BinarySearch(d.labels, j)
	return ok
}

// trainLR fits L2-regularised logistic regression for label j on the
// documents rows by dual coordinate descent (Yu, Huang and Lin, 2011), with
// a bias feature of value 1. C is scaled by each document's weight.
func trainLR(ds *dataset, docs []docFeat, rows []int, j int, cfg *trainConfig, rng *rand.Rand) linear {
	c := cfg.c
	if cfg.labelC != nil {
		c = cfg.labelC[j]
	}
	V := len(ds.hashes)
	w := make([]float64, V)
	var b float64
	n := len(rows)
	alpha := make([]float64, 2*n)
	y := make([]float64, n)
	cs := make([]float64, n)
	for t, i := range rows {
		y[t] = -1
		if hasLabel(&docs[i], j) {
			y[t] = 1
		}
		cs[t] = c * docs[i].weight
		a := min(1e-3*cs[t], 1e-8)
		alpha[2*t], alpha[2*t+1] = a, cs[t]-a
		for k := ds.ptr[i]; k < ds.ptr[i+1]; k++ {
			w[ds.idx[k]] += y[t] * a * float64(ds.val[k])
		}
		b += y[t] * a
	}
	order := make([]int, n)
	for t := range order {
		order[t] = t
	}
	const innerEps0 = 1e-2
	innerEps := innerEps0
	var gmaxInit float64
	for epoch := 0; epoch < cfg.epochs; epoch++ {
		rng.Shuffle(n, func(a, c int) { order[a], order[c] = order[c], order[a] })
		gmax := 0.0
		for _, t := range order {
			i := rows[t]
			C := cs[t]
			if C <= 0 {
				continue
			}
			yi := y[t]
			xsq := ds.sqnorm[i] + 1
			wx := b
			for k := ds.ptr[i]; k < ds.ptr[i+1]; k++ {
				wx += w[ds.idx[k]] * float64(ds.val[k])
			}
			ywx := yi * wx
			i1, i2, sign := 2*t, 2*t+1, 1.0
			if 0.5*xsq*(alpha[i2]-alpha[i1])+ywx < 0 {
				i1, i2, sign = i2, i1, -1
			}
			aold := alpha[i1]
			z := aold
			if C-z < 0.5*C {
				z *= 0.1
			}
			gp := xsq*(z-aold) + sign*ywx + math.Log(z/(C-z))
			gmax = max(gmax, math.Abs(gp))
			inner := 0
			for ; inner < 100; inner++ {
				if math.Abs(gp) < innerEps {
					break
				}
				gpp := xsq + C/(C-z)/z
				tz := z - gp/gpp
				if tz <= 0 {
					z *= 0.1
				} else {
					z = tz
				}
				gp = xsq*(z-aold) + sign*ywx + math.Log(z/(C-z))
			}
			if inner > 0 {
				alpha[i1], alpha[i2] = z, C-z
				d := sign * (z - aold) * yi
				for k := ds.ptr[i]; k < ds.ptr[i+1]; k++ {
					w[ds.idx[k]] += d * float64(ds.val[k])
				}
				b += d
			}
		}
		if epoch == 0 {
			gmaxInit = gmax
		}
		if gmax <= 0.01*gmaxInit {
			break
		}
		innerEps = max(innerEps*0.1, 1e-8)
	}
	return linear{w: w, b: b}
}

// trainNB fits one-vs-rest multinomial naive Bayes for label j.
func trainNB(ds *dataset, docs []docFeat, rows []int, j int, cfg *trainConfig) linear {
	V := len(ds.hashes)
	pos := make([]float64, V)
	neg := make([]float64, V)
	var posTot, negTot, npos, nneg float64
	for _, i := range rows {
		wt := docs[i].weight
		in := hasLabel(&docs[i], j)
		if in {
			npos += wt
		} else {
			nneg += wt
		}
		for k := ds.ptr[i]; k < ds.ptr[i+1]; k++ {
			v := float64(ds.val[k]) * wt
			if in {
				pos[ds.idx[k]] += v
				posTot += v
			} else {
				neg[ds.idx[k]] += v
				negTot += v
			}
		}
	}
	a := cfg.alpha
	w := make([]float64, V)
	lp := math.Log(posTot + a*float64(V))
	ln := math.Log(negTot + a*float64(V))
	for f := range w {
		w[f] = math.Log(pos[f]+a) - lp - (math.Log(neg[f]+a) - ln)
	}
	b := math.Log((npos + 0.5) / (nneg + 0.5))
	return linear{w: w, b: b}
}

// trainAll trains one scorer per label on rows, in parallel, leaving out
// the labels j with skip[j] (skip may be nil).
func trainAll(ctx context.Context, ds *dataset, docs []docFeat, rows []int, L int, cfg *trainConfig, skip []bool) ([]linear, error) {
	out := make([]linear, L)
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(cfg.workers, L) {
		wg.Go(func() {
			for j := range next {
				if cfg.algo == NaiveBayes {
					out[j] = trainNB(ds, docs, rows, j, cfg)
				} else {
					rng := rand.New(rand.NewPCG(cfg.seed, uint64(j)))
					out[j] = trainLR(ds, docs, rows, j, cfg, rng)
				}
			}
		})
	}
	var err error
	for j := range L {
		if err = ctx.Err(); err != nil {
			break
		}
		if skip != nil && skip[j] {
			continue
		}
		next <- j
	}
	close(next)
	wg.Wait()
	if err != nil {
		return nil, fmt.Errorf("topic: train: %w", err)
	}
	return out, nil
}

// outOfFold returns, for each label, the margins of every document with a
// fold from the model trained on the other folds (0 for documents without
// a fold, and for the labels j with skip[j], which are not trained).
func outOfFold(ctx context.Context, ds *dataset, docs []docFeat, fold []int, L int, cfg *trainConfig, skip []bool) ([][]float64, error) {
	oof := make([][]float64, L)
	for j := range oof {
		oof[j] = make([]float64, len(docs))
	}
	for f := range cfg.folds {
		var tr, te []int
		for i := range docs {
			if fold[i] == f {
				te = append(te, i)
			} else {
				tr = append(tr, i)
			}
		}
		if len(cfg.cGrid) > 1 {
			cfg.say("calibration fold %d/%d, C = %g", f+1, cfg.folds, cfg.c)
		} else {
			cfg.say("calibration fold %d/%d", f+1, cfg.folds)
		}
		sc, err := trainAll(ctx, ds, docs, tr, L, cfg, skip)
		if err != nil {
			return nil, err
		}
		for j := range L {
			if skip != nil && skip[j] {
				continue
			}
			for _, i := range te {
				oof[j][i] = sc[j].margin(ds, i)
			}
		}
	}
	return oof, nil
}

// foldsOf assigns each main document to one of k folds, stratified by its
// first label so that rare labels are spread over the folds; documents of
// one group share a fold. Background documents get fold -1 (always
// trained on).
func foldsOf(docs []docFeat, k int, seed uint64) []int {
	f := make([]int, len(docs))
	// units: groups of main documents, in first-seen order
	var units [][]int
	byGroup := map[string]int{}
	for i := range docs {
		if docs[i].background {
			f[i] = -1
			continue
		}
		if g := docs[i].group; g != "" {
			if u, ok := byGroup[g]; ok {
				units[u] = append(units[u], i)
				continue
			}
			byGroup[g] = len(units)
		}
		units = append(units, []int{i})
	}
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	perm := rng.Perm(len(units))
	sort.SliceStable(perm, func(a, b int) bool {
		return firstLabel(&docs[units[perm[a]][0]]) < firstLabel(&docs[units[perm[b]][0]])
	})
	for r, u := range perm {
		for _, i := range units[u] {
			f[i] = r % k
		}
	}
	return f
}

func firstLabel(d *docFeat) int {
	if len(d.labels) == 0 {
		return -1
	}
	return d.labels[0]
}

// fit trains the final model on docs, with calibration and thresholds from
// out-of-fold margins.
func fit(ctx context.Context, docs []docFeat, labels []string, cfg *trainConfig) (*Model, error) {
	L := len(labels)
	ds := buildDataset(docs, cfg)
	cfg.say("%d documents, %d labels, %d features", len(docs), L, len(ds.hashes))
	all := make([]int, len(docs))
	for i := range all {
		all[i] = i
	}
	m := &Model{
		algo: cfg.algo, labels: slices.Clone(labels), minLabels: cfg.minLabels,
		plattA: make([]float32, L), plattB: make([]float32, L), threshold: make([]float32, L),
		meta: map[string]string{},
	}
	for k, v := range cfg.meta {
		m.meta[k] = v
	}
	// calibration and thresholds from out-of-fold margins
	for j := range L {
		m.plattA[j], m.plattB[j], m.threshold[j] = 1, 0, 0.5
	}
	nmain := 0
	for i := range docs {
		if !docs[i].background {
			nmain++
		}
	}
	if cfg.folds >= 2 && nmain >= 2*cfg.folds {
		fold := foldsOf(docs, cfg.folds, cfg.seed)
		var main []int
		for i := range docs {
			if fold[i] >= 0 {
				main = append(main, i)
			}
		}
		grid := cfg.cGrid
		if len(grid) == 0 {
			grid = []float64{cfg.c}
		}
		type choice struct {
			f1, a, b, threshold float64
			c                   float64
			npos                int
		}
		best := make([]choice, L)
		for j := range best {
			best[j].f1 = -1
		}
		// a label on fewer main documents than there are folds cannot
		// choose its C, so it is trained at the fallback C only
		var rare []bool
		if len(grid) > 1 {
			rare = make([]bool, L)
			for j := range L {
				n := 0
				for _, i := range main {
					if hasLabel(&docs[i], j) {
						n++
					}
				}
				rare[j] = n < cfg.folds
			}
		}
		for _, cv := range grid {
			gc := *cfg
			gc.c, gc.labelC = cv, nil
			var skip []bool
			if cv != fallbackC {
				skip = rare
			}
			oof, err := outOfFold(ctx, ds, docs, fold, L, &gc, skip)
			if err != nil {
				return nil, err
			}
			for j := range L {
				if skip != nil && skip[j] {
					continue // too few positives to choose: keep the fallback C
				}
				y := make([]bool, len(main))
				mj := make([]float64, len(main))
				npos := 0
				for t, i := range main {
					y[t] = hasLabel(&docs[i], j)
					mj[t] = oof[j][i]
					if y[t] {
						npos++
					}
				}
				a, b := platt(mj, y)
				ch := choice{a: a, b: b, threshold: 0.5, c: cv, npos: npos}
				if npos >= cfg.folds {
					p := make([]float64, len(main))
					for t := range p {
						p[t] = sigmoid(a*mj[t] + b)
					}
					ch.threshold = bestThreshold(p, y)
					ch.f1 = f1At(p, y, ch.threshold)
				} else if len(grid) > 1 && cv != fallbackC {
					continue // too few positives to choose: keep the fallback C
				}
				if ch.f1 > best[j].f1 {
					best[j] = ch
				}
			}
		}
		if len(grid) > 1 {
			c2 := *cfg
			c2.labelC = make([]float64, L)
			cfg = &c2
		}
		for j := range L {
			ch := best[j]
			m.plattA[j], m.plattB[j] = float32(ch.a), float32(ch.b)
			if ch.npos >= cfg.folds {
				m.threshold[j] = float32(ch.threshold)
			} else {
				m.meta["untuned:"+labels[j]] = fmt.Sprintf("only %d documents", ch.npos)
			}
			if cfg.labelC != nil {
				cfg.labelC[j] = ch.c
				m.meta["c:"+labels[j]] = strconv.FormatFloat(ch.c, 'g', -1, 64)
			}
		}
	}
	cfg.say("training final model")
	sc, err := trainAll(ctx, ds, docs, all, L, cfg, nil)
	if err != nil {
		return nil, err
	}
	// keep features with any non-negligible weight
	eps := max(cfg.prune, 1e-6)
	for f, h := range ds.hashes {
		keep := false
		for j := range L {
			if math.Abs(sc[j].w[f]) < eps {
				sc[j].w[f] = 0
			} else {
				keep = true
			}
		}
		if !keep {
			continue
		}
		m.hashes = append(m.hashes, h)
		m.idf = append(m.idf, ds.idf[f])
		for j := range L {
			m.weights = append(m.weights, float32(sc[j].w[f]))
		}
	}
	m.defIDF = ds.defIDF
	m.bias = make([]float32, L)
	for j := range L {
		m.bias[j] = float32(sc[j].b)
	}
	if err := m.checkFinite(); err != nil {
		return nil, fmt.Errorf("topic: train: %w", err)
	}
	return m, nil
}

// checkFinite reports an error when a weight of m is NaN or infinite
// (training overflowed), so that no model is written that cannot be
// loaded.
func (m *Model) checkFinite() error {
	for _, s := range [][]float32{m.idf, m.weights, m.bias, m.plattA, m.plattB, m.threshold, {m.defIDF}} {
		for _, x := range s {
			if !finite(float64(x)) {
				return errors.New("the fitted model has a non-finite weight (example weights or C too large)")
			}
		}
	}
	return nil
}

// platt fits p = sigmoid(A*m + B) to labels y by Newton's method on the
// regularised targets of Platt (1999), as improved by Lin, Lin and Weng
// (2007).
func platt(m []float64, y []bool) (float64, float64) {
	var np, nn float64
	for _, v := range y {
		if v {
			np++
		} else {
			nn++
		}
	}
	if np == 0 || nn == 0 {
		return 1, 0
	}
	hi, lo := (np+1)/(np+2), 1/(nn+2)
	t := make([]float64, len(y))
	for i, v := range y {
		if v {
			t[i] = hi
		} else {
			t[i] = lo
		}
	}
	A, B := 0.0, math.Log((nn+1)/(np+1))
	obj := func(A, B float64) float64 {
		f := 0.0
		for i := range m {
			fa := m[i]*A + B
			if fa >= 0 {
				f += t[i]*fa + math.Log1p(math.Exp(-fa))
			} else {
				f += (t[i]-1)*fa + math.Log1p(math.Exp(fa))
			}
		}
		return f
	}
	// Platt's parameterisation is p = 1/(1+exp(A*m+B)); we negate at the end.
	fval := obj(A, B)
	for it := 0; it < 100; it++ {
		h11, h22, h21, g1, g2 := 1e-12, 1e-12, 0.0, 0.0, 0.0
		for i := range m {
			fa := m[i]*A + B
			var p, q float64
			if fa >= 0 {
				e := math.Exp(-fa)
				p, q = e/(1+e), 1/(1+e)
			} else {
				e := math.Exp(fa)
				p, q = 1/(1+e), e/(1+e)
			}
			d2 := p * q
			h11 += m[i] * m[i] * d2
			h22 += d2
			h21 += m[i] * d2
			d1 := t[i] - p
			g1 += m[i] * d1
			g2 += d1
		}
		if math.Abs(g1) < 1e-5 && math.Abs(g2) < 1e-5 {
			break
		}
		det := h11*h22 - h21*h21
		dA := -(h22*g1 - h21*g2) / det
		dB := -(-h21*g1 + h11*g2) / det
		gd := g1*dA + g2*dB
		step := 1.0
		for step >= 1e-10 {
			nA, nB := A+step*dA, B+step*dB
			nf := obj(nA, nB)
			if nf < fval+1e-4*step*gd {
				A, B, fval = nA, nB, nf
				break
			}
			step /= 2
		}
		if step < 1e-10 {
			break
		}
	}
	return -A, -B
}

// bestThreshold returns the threshold on p that maximises F1 against y: the
// midpoint between the lowest selected score and the next one.
// f1At returns the F1 of the decisions p >= t against y.
func f1At(p []float64, y []bool, t float64) float64 {
	tp, fp, fn := 0, 0, 0
	for i := range p {
		switch {
		case p[i] >= t && y[i]:
			tp++
		case p[i] >= t:
			fp++
		case y[i]:
			fn++
		}
	}
	if tp == 0 {
		return 0
	}
	return 2 * float64(tp) / float64(2*tp+fp+fn)
}

func bestThreshold(p []float64, y []bool) float64 {
	idx := make([]int, len(p))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return p[idx[a]] > p[idx[b]] })
	npos := 0
	for _, v := range y {
		if v {
			npos++
		}
	}
	if npos == 0 {
		return 0.5
	}
	best, bestF, tp := 0.5, -1.0, 0
	for r, i := range idx {
		if y[i] {
			tp++
		}
		if r+1 < len(idx) && p[idx[r+1]] == p[i] {
			continue
		}
		f := 2 * float64(tp) / float64(r+1+npos)
		if f > bestF {
			bestF = f
			next := 0.0
			if r+1 < len(idx) {
				next = p[idx[r+1]]
			}
			best = (p[i] + next) / 2
		}
	}
	return min(max(best, 0.01), 0.99)
}

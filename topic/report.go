package topic

import (
	"context"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"
)

// LabelScore is the precision, recall and F1 of one label.
type LabelScore struct {
	Label     string  `json:"label"`
	Support   int     `json:"support"` // gold documents with the label
	TP        int     `json:"tp"`
	FP        int     `json:"fp"`
	FN        int     `json:"fn"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

// CVReport scores multi-label predictions against gold labels.
type CVReport struct {
	Documents int          `json:"documents"`
	Labels    []LabelScore `json:"labels"` // sorted by label
	// MicroP, MicroR and MicroF1 pool the decisions of all labels.
	MicroP  float64 `json:"micro_precision"`
	MicroR  float64 `json:"micro_recall"`
	MicroF1 float64 `json:"micro_f1"`
	// MacroF1 is the mean of the labels' F1.
	MacroF1 float64 `json:"macro_f1"`
	// ExactMatch is the share of documents whose predicted label set
	// equals the gold set.
	ExactMatch float64 `json:"exact_match"`
	// Confusion counts, for each gold label (row), the documents
	// predicted with each label (column), with "-" standing for no
	// predicted label; a multi-label document counts in several cells.
	Confusion map[string]map[string]int `json:"confusion"`
}

// Scorer accumulates gold and predicted label sets into a [CVReport].
// The zero value is ready to use; it is not safe for concurrent use.
type Scorer struct {
	// Restrict, when non-empty, limits scoring to these labels: other
	// gold and predicted labels are ignored.
	Restrict []string

	docs, exact int
	counts      map[string]*LabelScore
	confusion   map[string]map[string]int
}

// Add records one document's gold and predicted labels.
func (s *Scorer) Add(gold, predicted []string) {
	if s.counts == nil {
		s.counts = map[string]*LabelScore{}
		s.confusion = map[string]map[string]int{}
		for _, l := range s.Restrict {
			s.counts[l] = &LabelScore{Label: l}
		}
	}
	keep := func(ls []string) []string {
		var out []string
		for _, l := range ls {
			if (len(s.Restrict) == 0 || slices.Contains(s.Restrict, l)) && !slices.Contains(out, l) {
				out = append(out, l)
			}
		}
		sort.Strings(out)
		return out
	}
	gold, predicted = keep(gold), keep(predicted)
	s.docs++
	if slices.Equal(gold, predicted) {
		s.exact++
	}
	get := func(l string) *LabelScore {
		c := s.counts[l]
		if c == nil {
			c = &LabelScore{Label: l}
			s.counts[l] = c
		}
		return c
	}
	for _, g := range gold {
		c := get(g)
		c.Support++
		if slices.Contains(predicted, g) {
			c.TP++
		} else {
			c.FN++
		}
		row := s.confusion[g]
		if row == nil {
			row = map[string]int{}
			s.confusion[g] = row
		}
		if len(predicted) == 0 {
			row["-"]++
		}
		for _, p := range predicted {
			row[p]++
		}
	}
	for _, p := range predicted {
		if !slices.Contains(gold, p) {
			get(p).FP++
		}
	}
}

// Report returns the scores so far.
func (s *Scorer) Report() *CVReport {
	r := &CVReport{Documents: s.docs, Confusion: s.confusion}
	var tp, fp, fn int
	for _, c := range s.counts {
		c.Precision, c.Recall, c.F1 = prf(c.TP, c.FP, c.FN)
		r.Labels = append(r.Labels, *c)
		tp += c.TP
		fp += c.FP
		fn += c.FN
		r.MacroF1 += c.F1
	}
	sort.Slice(r.Labels, func(a, b int) bool { return r.Labels[a].Label < r.Labels[b].Label })
	if len(r.Labels) > 0 {
		r.MacroF1 /= float64(len(r.Labels))
	}
	r.MicroP, r.MicroR, r.MicroF1 = prf(tp, fp, fn)
	if s.docs > 0 {
		r.ExactMatch = float64(s.exact) / float64(s.docs)
	}
	return r
}

func prf(tp, fp, fn int) (p, r, f float64) {
	if tp+fp > 0 {
		p = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		r = float64(tp) / float64(tp+fn)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

// Label returns the scores of label l, or false if it was never seen.
func (r *CVReport) Label(l string) (LabelScore, bool) {
	for _, s := range r.Labels {
		if s.Label == l {
			return s, true
		}
	}
	return LabelScore{}, false
}

// WriteTo writes the report as an aligned text table: per-label precision,
// recall, F1 and support, then the micro and macro averages.
func (r *CVReport) WriteTo(w io.Writer) (int64, error) {
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "label\tprecision\trecall\tF1\tsupport\t\n")
	for _, l := range r.Labels {
		fmt.Fprintf(tw, "%s\t%.4f\t%.4f\t%.4f\t%d\t\n", l.Label, l.Precision, l.Recall, l.F1, l.Support)
	}
	fmt.Fprintf(tw, "micro\t%.4f\t%.4f\t%.4f\t\t\n", r.MicroP, r.MicroR, r.MicroF1)
	fmt.Fprintf(tw, "macro\t\t\t%.4f\t\t\n", r.MacroF1)
	tw.Flush()
	fmt.Fprintf(&b, "documents %d, exact match %.4f\n", r.Documents, r.ExactMatch)
	n, err := io.WriteString(w, b.String())
	return int64(n), err
}

// CrossValidate estimates how a model trained by [Train] with opts would do
// on unseen documents: it splits examples into k folds (stratified by first
// label, keeping each [Example].Group in one fold), trains on k-1 folds plus
// any [WithBackground] examples (threshold tuning included, inside those
// folds only) and scores the held-out fold, and returns the report over all
// folds. Restrict, if given, limits scoring to those labels.
func CrossValidate(ctx context.Context, examples []Example, k int, restrict []string, opts ...TrainOption) (*CVReport, error) {
	sc := &Scorer{Restrict: restrict}
	pred := make([][]string, len(examples))
	var labels []string
	var docs []docFeat
	err := crossValidate(ctx, examples, k, opts, func(m *Model, ds []docFeat, held []int) error {
		labels, docs = m.labels, ds
		for _, i := range held {
			pred[i] = m.decide(ds[i].counts)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for i := range examples {
		gold := make([]string, len(docs[i].labels))
		for t, j := range docs[i].labels {
			gold[t] = labels[j]
		}
		sc.Add(gold, pred[i])
	}
	return sc.Report(), nil
}

// CrossValidateModels is the k-fold cross-validation of [CrossValidate]
// for scores of one's own: for each fold it trains a model with opts on the
// other folds (plus any [WithBackground] examples; thresholds are tuned
// inside those folds only) and calls eval with the model and the indexes in
// examples of the held-out documents. An error from eval stops it.
func CrossValidateModels(ctx context.Context, examples []Example, k int, eval func(m *Model, heldOut []int) error, opts ...TrainOption) error {
	return crossValidate(ctx, examples, k, opts, func(m *Model, _ []docFeat, held []int) error { return eval(m, held) })
}

func crossValidate(ctx context.Context, examples []Example, k int, opts []TrainOption, eval func(m *Model, docs []docFeat, held []int) error) error {
	if k < 2 {
		return fmt.Errorf("topic: cross-validate: need at least 2 folds, got %d", k)
	}
	if ctx == nil {
		ctx = context.Background()
	}
	cfg, err := newTrainConfig(opts)
	if err != nil {
		return err
	}
	if err := checkExamples("example", examples); err != nil {
		return err
	}
	if err := checkExamples("background example", cfg.background); err != nil {
		return err
	}
	labels, err := labelSet(examples, cfg.background)
	if err != nil {
		return err
	}
	if len(examples) < 2*k {
		return fmt.Errorf("topic: cross-validate: %d examples are too few for %d folds", len(examples), k)
	}
	docs, err := featurizeAll(ctx, examples, labels, cfg)
	if err != nil {
		return err
	}
	fold := foldsOf(docs, k, cfg.seed^0xc0ffee)
	for f := range k {
		var tr []docFeat
		var te []int
		for i := range docs {
			if fold[i] == f {
				te = append(te, i)
			} else {
				tr = append(tr, docs[i])
			}
		}
		cfg.say("cross-validation fold %d/%d", f+1, k)
		m, err := fit(ctx, tr, labels, cfg)
		if err != nil {
			return err
		}
		if err := eval(m, docs, te); err != nil {
			return err
		}
	}
	return nil
}

// decide returns the labels the model selects for pre-counted features.
func (m *Model) decide(counts []termCount) []string {
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	sc.counts = append(sc.counts[:0], counts...)
	m.vectorizeCounts(sc)
	m.margins(sc)
	var out []string
	for _, c := range m.selectLabels(sc) {
		out = append(out, m.labels[c.j])
	}
	return out
}

package topic

import (
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/diplotext/diplotext/text"
)

// LabelInfo names one label of a model for the topics of a
// [ModelClassifier].
type LabelInfo struct {
	// ID is the model's label, used as [Topic].ID.
	ID string
	// Label is the human-readable name; "" means ID.
	Label string
	// CAP is the Comparative Agendas Project major topic code, or 0.
	CAP int
}

type config struct {
	threshold    float64 // 0: the model's tuned thresholds
	maxTopics    int
	evidence     int
	radius       int // context sentences either side of a passage; -1: whole document only
	maxPassages  int
	minPassage   float64 // a passage at least this much above threshold alone selects
	sentenceW    float64 // weight of the sentence alone in a passage's score
	exactWindows bool    // slide the window's counts instead of summing its sentences' scores
	labels       []LabelInfo
	err          error
}

func (c *config) bad(option string, v any, want string) {
	if c.err == nil {
		c.err = fmt.Errorf("%w: %s(%v): want %s", ErrOption, option, v, want)
	}
}

// Option configures [NewClassifier].
type Option func(*config)

// WithThreshold replaces every label's tuned decision threshold with t, a
// calibrated score in (0,1): lower returns more topics. Without it each
// label keeps the threshold tuned by cross-validation when the model was
// trained. NaN or a value outside (0,1) is an error of [NewClassifier].
func WithThreshold(t float64) Option {
	return func(c *config) {
		if !(t > 0 && t < 1) {
			c.bad("WithThreshold", t, "a score in (0,1)")
		}
		c.threshold = t
	}
}

// WithMaxTopics returns at most n topics per document (default 5; 0 means
// no limit; negative is an error).
func WithMaxTopics(n int) Option {
	return func(c *config) {
		if n < 0 {
			c.bad("WithMaxTopics", n, "0 (no limit) or more")
		}
		c.maxTopics = n
	}
}

// WithEvidence sets how many evidence words or phrases each topic carries
// (default 5; 0 for none, which is faster; negative is an error).
func WithEvidence(n int) Option {
	return func(c *config) {
		if n < 0 {
			c.bad("WithEvidence", n, "0 or more")
		}
		c.evidence = n
	}
}

// WithPassages makes the classifier score passages: each sentence, with
// radius sentences either side as context, is scored on its own, and a
// document's topic gets the score of its strongest passage (or of the
// whole text when that is higher), so that a topic discussed in one
// paragraph of a long article is found. Each topic then lists its
// supporting sentences in [Topic].Passages. A radius of 2 is what the
// built-in taxonomy uses. Without this option the whole document is one
// passage. A negative radius is an error.
func WithPassages(radius int) Option {
	return func(c *config) {
		if radius < 0 {
			c.bad("WithPassages", radius, "0 or more sentences")
		}
		c.radius = radius
	}
}

// WithMaxPassages sets how many supporting passages each topic lists
// (default 5; 0 for none; negative is an error).
func WithMaxPassages(n int) Option {
	return func(c *config) {
		if n < 0 {
			c.bad("WithMaxPassages", n, "0 or more")
		}
		c.maxPassages = n
	}
}

// WithMinPassageScore sets the lowest score at which a topic is selected
// from a document of several passages, when the topic's threshold is
// lower: the strongest of many passages runs higher than a single text's
// score, so a long document needs a stronger passage than one sentence
// does. It applies with [WithPassages]; the default 0 keeps the
// thresholds. Outside [0,1) or NaN is an error.
func WithMinPassageScore(p float64) Option {
	return func(c *config) {
		if !(p >= 0 && p < 1) {
			c.bad("WithMinPassageScore", p, "a score in [0,1)")
		}
		c.minPassage = p
	}
}

// WithSentenceWeight scores each passage of [WithPassages] as w times the
// calibrated score of its sentence alone plus 1−w times the score of the
// sentence with its context, so that a wide context informs a sentence
// without drowning a topic that only the sentence carries. A window that
// spans the whole document keeps its own score (the document's): in a
// short text the sentence alone would only re-score one of its
// sentences. The default 0 scores the window alone. Outside [0,1] or NaN
// is an error.
func WithSentenceWeight(w float64) Option {
	return func(c *config) {
		if !(w >= 0 && w <= 1) {
			c.bad("WithSentenceWeight", w, "a weight in [0,1]")
		}
		c.sentenceW = w
	}
}

// WithExactWindows makes the passages of [WithPassages] score each window
// exactly as its text alone would be scored: a feature found in several
// sentences of a window counts as the window's count, not once per
// sentence. Without it a window's score is derived from its sentences'
// scores, which is exact when they share no feature and over-counts the
// features they share (a text of one sentence repeated scores higher than
// the sentence); exact windows cost a little more, one more weight row for
// each feature shared within a window. The built-in taxonomy uses them.
func WithExactWindows() Option {
	return func(c *config) { c.exactWindows = true }
}

// WithLabels restricts the classifier to the given labels of the model and
// names them: each topic gets the label's name and CAP code. Without it
// every label of the model is a topic named by its label. A label the
// model does not have is an error of [NewClassifier].
func WithLabels(labels ...LabelInfo) Option {
	return func(c *config) {
		if len(labels) == 0 {
			c.bad("WithLabels", "none", "at least one label")
		}
		c.labels = slices.Clone(labels)
	}
}

// ModelClassifier is a [Classifier] over a trained [Model]: it selects the
// labels whose calibrated score reaches their threshold, optionally scoring
// passages (see [WithPassages]), with word and passage evidence. It is
// immutable and safe for concurrent use.
type ModelClassifier struct {
	m    *Model
	cfg  config
	rows []int // model rows of the topics
	info []LabelInfo
	th   []float64 // per topic
}

// NewClassifier returns a classifier over m configured by opts. It returns
// an error for a nil model and for bad option values (wrapping
// [ErrOption]).
func NewClassifier(m *Model, opts ...Option) (*ModelClassifier, error) {
	if m == nil {
		return nil, fmt.Errorf("topic: NewClassifier: %w", ErrNilClassifier)
	}
	cfg := config{maxTopics: 5, evidence: defaultEvidence, radius: -1, maxPassages: 5}
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	if cfg.err != nil {
		return nil, cfg.err
	}
	c := &ModelClassifier{m: m, cfg: cfg}
	if len(cfg.labels) == 0 {
		for _, l := range m.labels {
			cfg.labels = append(cfg.labels, LabelInfo{ID: l})
		}
	}
	for _, li := range cfg.labels {
		j := slices.Index(m.labels, li.ID)
		if j < 0 {
			return nil, fmt.Errorf("%w: WithLabels: the model has no label %q", ErrOption, li.ID)
		}
		if li.Label == "" {
			li.Label = li.ID
		}
		c.rows = append(c.rows, j)
		c.info = append(c.info, li)
		th := float64(m.threshold[j])
		if cfg.threshold > 0 {
			th = cfg.threshold
		}
		c.th = append(c.th, th)
	}
	return c, nil
}

// Model returns the classifier's model.
func (c *ModelClassifier) Model() *Model { return c.m }

// Classify parses s and calls [ModelClassifier.ClassifyDocument].
func (c *ModelClassifier) Classify(s string) ([]Topic, error) {
	return c.ClassifyDocument(text.Parse(s))
}

// ClassifyDocument returns the topics of d whose score reaches their
// threshold, sorted by score, highest first, at most the configured
// number, each with its word evidence and supporting passages. A nil or
// empty document gets an empty result. A nil receiver is an error.
func (c *ModelClassifier) ClassifyDocument(d *text.Document) ([]Topic, error) {
	if c == nil || c.m == nil {
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
	sc.occs = extract(d, sc.occs[:0])
	return c.classify(d, sc), nil
}

// ClassifyFeatures is [ModelClassifier.ClassifyDocument] of the document
// whose features f holds, without extracting them again. A nil f is the
// empty document.
func (c *ModelClassifier) ClassifyFeatures(f *Features) ([]Topic, error) {
	if c == nil || c.m == nil {
		return nil, fmt.Errorf("topic: classify: %w", ErrNilClassifier)
	}
	if f == nil || f.d == nil || len(f.d.Tokens) == 0 {
		return []Topic{}, nil
	}
	if !f.valid {
		return nil, errBadDocument
	}
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	sc.occs = append(sc.occs[:0], f.occs...) // the scratch's own copy: it goes back to the pool
	return c.classify(f.d, sc), nil
}

// classify is ClassifyDocument of a valid, non-empty d whose feature
// occurrences are in sc.occs.
func (c *ModelClassifier) classify(d *text.Document, sc *scratch) []Topic {
	out := []Topic{}
	m := c.m
	T := len(c.rows)
	// whole document
	best := make([]float64, T)   // best score per topic
	doc := make([]float64, T)    // whole-document score per topic
	m.vectorizeOccs(sc, sc.occs) // whole document
	m.margins(sc)
	for t, j := range c.rows {
		best[t] = m.calibrate(j, sc.margin[j])
		doc[t] = best[t]
	}
	var tops [][]hit
	if c.cfg.radius >= 0 && len(d.Sentences) > 1 {
		tops = c.passages(d, sc, best)
	}
	var chosen []int
	for t := range T {
		th := c.th[t]
		if tops != nil {
			th = max(th, c.cfg.minPassage)
		}
		if best[t] >= th {
			chosen = append(chosen, t)
		}
	}
	sort.SliceStable(chosen, func(a, b int) bool { return best[chosen[a]] > best[chosen[b]] })
	if c.cfg.maxTopics > 0 && len(chosen) > c.cfg.maxTopics {
		chosen = chosen[:c.cfg.maxTopics]
	}
	evs := c.evidence(d, sc, chosen, tops, doc)
	for i, t := range chosen {
		li := c.info[t]
		tp := Topic{ID: li.ID, Label: li.Label, Score: round4(best[t]), CAP: li.CAP, Evidence: []Evidence{}, Passages: []Passage{}}
		if evs[i] != nil {
			tp.Evidence = evs[i]
		}
		switch {
		case c.cfg.maxPassages > 0 && tops != nil:
			tp.Passages = c.support(d, tops[t])
		case c.cfg.maxPassages > 0 && c.cfg.radius >= 0 && len(d.Sentences) == 1:
			// one sentence: the passage is the text's only sentence
			st := d.Sentences[0]
			tp.Passages = []Passage{{Start: st.Start, End: st.End, Score: tp.Score}}
		}
		out = append(out, tp)
	}
	return out
}

// evidence returns the word evidence of each chosen topic: from its
// strongest passage when that beats the whole document's score, else from
// the whole document. Topics with the same source share one pass over its
// features (the whole document's are those of sc, already vectorised).
func (c *ModelClassifier) evidence(d *text.Document, sc *scratch, chosen []int, tops [][]hit, doc []float64) [][]Evidence {
	out := make([][]Evidence, len(chosen))
	if c.cfg.evidence <= 0 || len(chosen) == 0 {
		return out
	}
	m := c.m
	type span struct{ lo, hi int }
	var spans []span
	byTopic := make([]span, len(chosen))
	whole := span{-1, -1}
	for i, t := range chosen {
		sp := whole
		if tops != nil && len(tops[t]) > 0 && tops[t][0].p > doc[t] {
			sp = span{tops[t][0].lo, tops[t][0].hi} // the strongest passage
		}
		byTopic[i] = sp
		if !slices.Contains(spans, sp) {
			spans = append(spans, sp)
		}
	}
	var s2 *scratch
	for _, sp := range spans {
		var js, at []int
		for i, t := range chosen {
			if byTopic[i] == sp {
				js, at = append(js, c.rows[t]), append(at, i)
			}
		}
		src := sc
		if sp != whole {
			// a second scratch: sc must stay intact for the other spans
			if s2 == nil {
				s2 = scratchPool.Get().(*scratch)
				defer scratchPool.Put(s2)
			}
			occs := sc.occs[sp.lo:sp.hi]
			m.vectorizeOccs(s2, occs)
			s2.occs = append(s2.occs[:0], occs...)
			src = s2
		}
		for k, ev := range m.evidenceFor(d, src, js, c.cfg.evidence) {
			out[at[k]] = ev
		}
	}
	return out
}

// hit is a passage supporting a topic: the sentence, the window's
// occurrences [lo, hi) and its score.
type hit struct {
	sentence, lo, hi int
	p                float64
}

// passages scores each sentence with its context window, raising best
// where a passage beats the whole document, and returns for each topic its
// strongest passages at or above the topic's threshold (at most
// max(maxPassages, 1), strongest first). It must follow the whole-document
// vectorisation of sc.occs (sc.counts, sc.rows, sc.idf, sc.table), whose
// features it reuses, and handles each sentence's features once or
// twice, not once per window; memory is bounded by the number of
// occurrences.
//
// By default each sentence's raw dot products with every label's weights
// and its squared norm are kept for the 2·radius+1 sentences of the
// current window, and a window's margin is the sum of its sentences' dot
// products over the root of the sum of their squared norms: exact when
// the sentences share no feature, an over-count otherwise (k copies of a
// sentence score √k times its margin). With WithExactWindows the window
// slides instead: it keeps each feature's count in the window, its raw
// margins and squared norm, and updates them by the change of each
// feature's value as a sentence enters or leaves, so a window scores as
// its text alone would (to rounding). With a sentence weight
// (WithSentenceWeight) a passage's score mixes in the sentence's own
// score, from its own dot products and norm (exact either way).
func (c *ModelClassifier) passages(d *text.Document, sc *scratch, best []float64) [][]hit {
	m := c.m
	n := len(d.Sentences)
	L := len(m.labels)
	T := len(c.rows)
	// occurrence offsets of each sentence: extract emits them in
	// sentence order, by token position
	off := grow(&sc.off, n+1)
	k := 0
	for si := range n {
		off[si] = k
		last := int32(d.Sentences[si].Last)
		for k < len(sc.occs) && sc.occs[k].first < last {
			k++
		}
	}
	off[n] = len(sc.occs)
	// the distinct feature of each occurrence, found in the table of the
	// whole-document count
	feat := featureIndex(sc)
	cnt := grow(&sc.cnt, len(sc.counts))
	clear(cnt)
	touched := sc.touched[:0]
	defer func() { sc.touched = touched[:0] }()
	r := c.cfg.radius
	W := 2*r + 1
	sw := c.cfg.sentenceW
	exact := c.cfg.exactWindows
	// the ring of the window's sentences' own dot products, summed into
	// the window's margins
	dot := grow(&sc.dot, W*L)
	var wcnt []int32   // exact: the features' counts in the window
	var corr []float64 // exact: the window's margins less its sentences' sum
	if exact {
		wcnt = grow(&sc.wcnt, len(sc.counts))
		clear(wcnt)
		corr = make([]float64, L)
	}
	sq := make([]float64, W)  // the sentences' own squared norms
	win := make([]float64, L) // the window's raw margins, without the bias
	var winSq float64         // exact: the window's squared norm
	winOccs := 0
	keep := max(c.cfg.maxPassages, 1)
	tops := make([][]hit, T)
	// a passage changes nothing for a topic when its score is below both
	// the topic's threshold and the best score so far (at least the whole
	// document's); a mean is at most the larger of its two scores, so
	// when both logits are below that floor's the calibration (two
	// exponentials) is skipped. The floor is lowered a little so that
	// rounding cannot skip a passage that reaches it.
	floor := make([]float64, T)
	for t := range T {
		floor[t] = math.Inf(-1)
		if lo := min(c.th[t], best[t]); lo > 0 && lo < 1 {
			floor[t] = math.Log(lo/(1-lo)) - 1e-9
		}
	}
	// slide adds sentence q to the window or removes it. Entering, it
	// computes the sentence's own dot products; a feature the window
	// already has, or keeps after q leaves, changes the window's
	// correction by the change of its window value less its value in q,
	// so that a feature found in one sentence of the window costs one
	// weight row, as in the default windows.
	slide := func(q int, enter bool) {
		touched = touched[:0]
		for k := off[q]; k < off[q+1]; k++ {
			f := feat[k]
			if cnt[f] == 0 {
				touched = append(touched, f)
			}
			cnt[f]++
		}
		var ds []float64
		if enter {
			winOccs += off[q+1] - off[q]
			sq[q%W] = 0
			ds = dot[(q%W)*L : (q%W)*L+L]
			clear(ds)
		} else {
			winOccs -= off[q+1] - off[q]
		}
		for _, f := range touched {
			nf := cnt[f] // the feature's count in sentence q
			cnt[f] = 0
			old := wcnt[f]
			now := old - nf
			if enter {
				now = old + nf
			}
			wcnt[f] = now
			idf := sc.idf[f]
			v := float64(m.value(idf, nf)) // the feature's value in q
			var dc float64                 // the change of its correction
			switch {
			case enter && old == 0:
				winSq += v * v
			case !enter && now == 0:
				winSq -= v * v
			default:
				vOld, vNow := float64(m.value(idf, old)), float64(m.value(idf, now))
				winSq += vNow*vNow - vOld*vOld
				dc = vNow - vOld - v
				if !enter {
					dc = vNow - vOld + v
				}
			}
			if enter {
				sq[q%W] += v * v
			}
			row := sc.rows[f]
			if row < 0 {
				continue
			}
			w := m.weights[int(row)*L : int(row)*L+L]
			if enter {
				axpy(ds, v, w)
			}
			if dc != 0 {
				axpy(corr, dc, w)
			}
		}
		if winOccs == 0 {
			// an empty window: drop the rounding left by the updates
			clear(corr)
			winSq = 0
		}
	}
	for s := 0; s < n+r; s++ {
		if exact {
			if s < n {
				slide(s, true)
			}
			if q := s - 2*r - 1; q >= 0 {
				slide(q, false)
			}
		} else if s < n {
			ds := dot[(s%W)*L : (s%W)*L+L]
			clear(ds)
			sq[s%W] = 0
			touched = touched[:0]
			for k := off[s]; k < off[s+1]; k++ {
				f := feat[k]
				if cnt[f] == 0 {
					touched = append(touched, f)
				}
				cnt[f]++
			}
			for _, f := range touched {
				row := sc.rows[f]
				v := float64(m.value(sc.idf[f], cnt[f]))
				cnt[f] = 0
				sq[s%W] += v * v
				if row < 0 {
					continue
				}
				axpy(ds, v, m.weights[int(row)*L:int(row)*L+L])
			}
		}
		si := s - r
		if si < 0 || off[si] == off[si+1] {
			continue // no window yet, or no feature: nothing to score
		}
		a, b := max(si-r, 0), min(si+r+1, n)
		// the window's dot products, summed in text order for all labels
		// at once, and corrected for shared features (exact)
		norm := 0.0
		clear(win)
		for q := a; q < b; q++ {
			norm += sq[q%W]
			ds := dot[(q%W)*L : (q%W)*L+L]
			for j, x := range ds {
				win[j] += x
			}
		}
		if exact {
			norm = winSq
			for j, x := range corr {
				win[j] += x
			}
		}
		scale := 1.0
		if m.algo == LogisticRegression && norm > 0 {
			scale = 1 / math.Sqrt(norm)
		}
		// the sentence's own score is mixed in only where the window is
		// part of the document: a window over the whole document is the
		// document, scored as such
		mix := sw > 0 && (a > 0 || b < n)
		aloneScale := 1.0
		if m.algo == LogisticRegression && sq[si%W] > 0 {
			aloneScale = 1 / math.Sqrt(sq[si%W])
		}
		for t, j := range c.rows {
			z := m.logit(j, float64(m.bias[j])+win[j]*scale)
			za := math.Inf(-1)
			if mix {
				za = m.logit(j, float64(m.bias[j])+dot[(si%W)*L+j]*aloneScale)
			}
			if max(z, za) < floor[t] {
				continue
			}
			p := sigmoid(z)
			if mix {
				p = sw*sigmoid(za) + (1-sw)*p
			}
			best[t] = max(best[t], p)
			if p < c.th[t] {
				continue
			}
			top := tops[t]
			if len(top) == keep && p <= top[keep-1].p {
				continue
			}
			h := hit{sentence: si, lo: off[a], hi: off[b], p: p}
			top = append(top, h)
			for x := len(top) - 1; x > 0 && top[x-1].p < p; x-- {
				top[x], top[x-1] = top[x-1], top[x]
			}
			if len(top) > keep {
				top = top[:keep]
			}
			tops[t] = top
		}
	}
	return tops
}

// support returns the passages of hits (the strongest of a topic) in text
// order, at most the configured number.
func (c *ModelClassifier) support(d *text.Document, hits []hit) []Passage {
	hits = slices.Clone(hits[:min(len(hits), c.cfg.maxPassages)])
	slices.SortFunc(hits, func(a, b hit) int { return a.sentence - b.sentence })
	out := make([]Passage, 0, len(hits))
	for _, h := range hits {
		s := d.Sentences[h.sentence]
		out = append(out, Passage{Start: s.Start, End: s.End, Score: round4(h.p)})
	}
	return out
}

// featureIndex returns, for each occurrence of sc.occs, the index in
// sc.counts of its feature, from the table slots that countTermsHashed
// recorded in sc.at (vectorizeOccs of sc.occs must have run).
func featureIndex(sc *scratch) []int32 {
	if len(sc.table) == 0 {
		return nil
	}
	slot := grow(&sc.slot, len(sc.table))
	// counts were emitted in table order: the i-th non-empty slot is
	// counts[i]
	ci := int32(0)
	for i, tc := range sc.table {
		if tc.count != 0 {
			slot[i] = ci
			ci++
		}
	}
	out := grow(&sc.feat, len(sc.occs))
	for k, i := range sc.at[:len(sc.occs)] {
		out[k] = slot[i]
	}
	return out
}

// grow returns (*buf)[:n], reallocating *buf when it is too short; the
// contents are not cleared.
func grow[T any](buf *[]T, n int) []T {
	if cap(*buf) < n {
		*buf = make([]T, n, n+n/4)
	}
	*buf = (*buf)[:n]
	return *buf
}

// vectorizeOccs fills sc.counts, sc.rows and sc.vals from occs, and sc.at
// with each occurrence's slot in sc.table.
func (m *Model) vectorizeOccs(sc *scratch, occs []occurrence) {
	sc.counts, sc.table = countTermsHashed(occs, sc.table, sc.counts[:0], grow(&sc.at, len(occs)))
	m.vectorizeCounts(sc)
}

// finite reports whether x is neither NaN nor infinite.
func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

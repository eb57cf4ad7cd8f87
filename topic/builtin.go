package topic

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/diplotext/diplotext/text"
)

//go:generate go run ./internal/gen/places
//go:generate go run ./internal/gen/builtin -out builtin.model -foreign foreign.model -go builtin_gen.go

// builtinModelOnce decodes the embedded taxonomy model once per process.
var builtinModelOnce = sync.OnceValues(func() (*Model, error) {
	m, err := Load(bytes.NewReader(builtinModel))
	if err != nil {
		return nil, fmt.Errorf("topic: embedded model: %w", err)
	}
	for _, t := range taxonomy {
		if _, ok := m.Threshold(t.ID); !ok {
			return nil, fmt.Errorf("topic: embedded model lacks topic %q; run go generate", t.ID)
		}
	}
	return m, nil
})

// foreignModelOnce decodes the embedded foreign-affairs model once per
// process.
var foreignModelOnce = sync.OnceValues(func() (*Model, error) {
	m, err := Load(bytes.NewReader(foreignModel))
	if err != nil {
		return nil, fmt.Errorf("topic: embedded foreign-affairs model: %w", err)
	}
	return m, nil
})

// foreignLabels are the labels a foreign-affairs model must have.
var foreignLabels = [...]string{"@foreign", "@cap16", "@cap18", "@cap19"}

type config struct {
	threshold float64
	maxTopics int
	evidence  int
	foreign   *Model
}

// Option configures [NewBuiltin].
type Option func(*config)

// WithThreshold replaces every topic's tuned decision threshold with t, a
// calibrated score in (0,1): lower returns more topics. The default uses
// the thresholds tuned by cross-validation when the model was trained.
func WithThreshold(t float64) Option { return func(c *config) { c.threshold = t } }

// WithMaxTopics returns at most n topics per document (default 5; 0 or
// less means no limit).
func WithMaxTopics(n int) Option { return func(c *config) { c.maxTopics = n } }

// WithEvidence sets how many evidence words or phrases each topic carries
// (default 5; 0 for none, which is faster).
func WithEvidence(n int) Option { return func(c *config) { c.evidence = max(n, 0) } }

// WithForeignModel replaces the embedded foreign-affairs model of
// [Builtin.ForeignAffairs] with m, which must have the labels "@foreign"
// (a text about CAP 16, 18 or 19) and "@cap16", "@cap18", "@cap19" (its
// code), for example a model retrained with [Train] on one's own coded
// headlines. The default is the embedded model (see docs/topic.md).
func WithForeignModel(m *Model) Option { return func(c *config) { c.foreign = m } }

// Builtin classifies texts into the built-in diplomatic taxonomy (see
// [Taxonomy]): multi-label, with a calibrated score per topic, a decision
// threshold and the words that drove each decision. It also decides whether
// a text is about foreign affairs in the sense of the Comparative Agendas
// Project ([Builtin.ForeignAffairs]).
//
// The models are logistic regressions per topic over stemmed words and
// word pairs, trained on labelled public data (see docs/topic.md) and
// embedded in the package; they are decoded once per process, on first
// use. A Builtin is immutable and safe for concurrent use.
//
// The taxonomy scores are calibrated against the labels the model was
// trained on, which come from reviewed seed phrases and source codings,
// not from coders: they rank the topics of a text well, but are not
// probabilities that a human coder would agree. Checked against the CAP
// codes of coded NYT headlines, about 69% of the selected topics agree
// with the coder (counting CAP 16, 18 and 19 as one family) whatever their
// score (docs/topic.md). The foreign-affairs score of
// [Builtin.ForeignAffairs] is calibrated on coded headlines.
type Builtin struct {
	m   *Model
	cfg config
	// rows of the taxonomy topics in m
	topics []int
	info   []TopicInfo
	// the foreign-affairs model and the rows of its heads
	fm      *Model
	foreign int
	caps    [3]int
}

// NewBuiltin returns the built-in taxonomy classifier. It fails only if the
// embedded model cannot be decoded, which a test guards against.
func NewBuiltin(opts ...Option) (*Builtin, error) {
	cfg := config{maxTopics: 5, evidence: defaultEvidence}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.threshold < 0 || cfg.threshold >= 1 {
		return nil, fmt.Errorf("topic: threshold %v is not in [0,1)", cfg.threshold)
	}
	m, err := builtinModelOnce()
	if err != nil {
		return nil, err
	}
	b := &Builtin{m: m, cfg: cfg, fm: cfg.foreign}
	index := map[string]int{}
	for j, l := range m.labels {
		index[l] = j
	}
	for _, t := range taxonomy {
		b.topics = append(b.topics, index[t.ID])
		b.info = append(b.info, t)
	}
	if b.fm == nil {
		if b.fm, err = foreignModelOnce(); err != nil {
			return nil, err
		}
	}
	rows := make([]int, len(foreignLabels))
	for i, l := range foreignLabels {
		if rows[i] = slices.Index(b.fm.labels, l); rows[i] < 0 {
			return nil, fmt.Errorf("topic: foreign-affairs model lacks label %q", l)
		}
	}
	b.foreign = rows[0]
	copy(b.caps[:], rows[1:])
	return b, nil
}

// Classify returns the taxonomy topics of d whose score reaches the
// threshold, sorted by score, highest first, at most the configured number,
// each with its evidence. An empty or non-English text usually gets no
// topic. It returns an error only for a nil document.
func (b *Builtin) Classify(d *text.Document) ([]Topic, error) {
	if d == nil {
		return nil, errors.New("topic: nil document")
	}
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	b.m.vectorize(d, sc)
	b.m.margins(sc)
	var out []Topic
	var rows []int
	for i, j := range b.topics {
		p := b.m.calibrate(j, sc.margin[j])
		th := float64(b.m.threshold[j])
		if b.cfg.threshold > 0 {
			th = b.cfg.threshold
		}
		if p >= th {
			t := b.info[i]
			out = append(out, Topic{ID: t.ID, Label: t.Label, Score: round4(p), CAP: t.CAP})
			rows = append(rows, j)
		}
	}
	order := make([]int, len(out))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, c int) bool { return out[order[a]].Score > out[order[c]].Score })
	if b.cfg.maxTopics > 0 && len(order) > b.cfg.maxTopics {
		order = order[:b.cfg.maxTopics]
	}
	res := make([]Topic, len(order))
	js := make([]int, len(order))
	for i, k := range order {
		res[i] = out[k]
		js[i] = rows[k]
	}
	ev := b.m.evidenceFor(d, sc, js, b.cfg.evidence)
	for i := range res {
		res[i].Evidence = ev[i]
		if res[i].Evidence == nil {
			res[i].Evidence = []Evidence{}
		}
	}
	return res, nil
}

// ClassifyText parses s and calls [Builtin.Classify].
func (b *Builtin) ClassifyText(s string) ([]Topic, error) { return b.Classify(text.Parse(s)) }

// Foreign is the foreign-affairs decision for a text: whether it is about
// defence (CAP major topic 16), foreign trade (18) or international affairs
// and foreign aid (19), as the Comparative Agendas Project codes news from
// a US perspective.
type Foreign struct {
	// Foreign reports whether Score reached the tuned threshold.
	Foreign bool `json:"foreign"`
	// Score is the calibrated score of the decision, in [0,1].
	Score float64 `json:"score"`
	// CAP is the most likely of 16, 18 and 19 (set even when Foreign is
	// false): the code with the highest calibrated score divided by the
	// square root of its tuned threshold, so that a rare code such as 18
	// (foreign trade), whose scores run low, can still be chosen.
	CAP int `json:"cap"`
	// CAPScore is the calibrated score of CAP.
	CAPScore float64 `json:"cap_score"`
}

// ForeignAffairs decides whether d is about foreign affairs (CAP 16, 18 or
// 19) and which of the three codes fits best. The embedded model is
// trained on CAP-coded New York Times headlines (with and without the
// coder's one-line summary) and, with smaller weights, CAP-coded US
// Congress bill titles and news headlines; it works best on headlines and
// short news texts.
func (b *Builtin) ForeignAffairs(d *text.Document) (Foreign, error) {
	if d == nil {
		return Foreign{}, errors.New("topic: nil document")
	}
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	m := b.fm
	m.vectorize(d, sc)
	m.margins(sc)
	j := b.foreign
	p := m.calibrate(j, sc.margin[j])
	f := Foreign{Score: round4(p), Foreign: p >= float64(m.threshold[j])}
	// the most likely code
	best := -1.0
	for i, k := range b.caps {
		q := m.calibrate(k, sc.margin[k])
		if r := q / math.Sqrt(max(float64(m.threshold[k]), 1e-3)); r > best {
			best = r
			f.CAP, f.CAPScore = [3]int{16, 18, 19}[i], q
		}
	}
	f.CAPScore = round4(f.CAPScore)
	return f, nil
}

// Model returns the trained model of the taxonomy topics, whose labels are
// the taxonomy ids.
func (b *Builtin) Model() *Model { return b.m }

// ForeignModel returns the model behind [Builtin.ForeignAffairs], whose
// labels are "@foreign", "@cap16", "@cap18" and "@cap19".
func (b *Builtin) ForeignModel() *Model { return b.fm }

// String describes the classifier.
func (b *Builtin) String() string {
	ids := make([]string, len(b.info))
	for i, t := range b.info {
		ids[i] = t.ID
	}
	return "topic.Builtin(" + strings.Join(ids, ",") + ")"
}

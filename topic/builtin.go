package topic

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/diplotext/diplotext/text"
)

//go:generate go run ./internal/gen/places
//go:generate go run ./internal/gen/builtin -out builtin.model -go builtin_gen.go

// builtinModelOnce decodes the embedded model once per process.
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

type config struct {
	threshold float64
	maxTopics int
	evidence  int
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

// Builtin classifies texts into the built-in diplomatic taxonomy (see
// [Taxonomy]): multi-label, with a calibrated score per topic, a decision
// threshold and the words that drove each decision. It also decides whether
// a text is about foreign affairs in the sense of the Comparative Agendas
// Project ([Builtin.ForeignAffairs]).
//
// The model is a logistic regression per topic over stemmed words and
// word pairs, trained on labelled public data (see docs/topic.md) and
// embedded in the package; it is decoded once per process, on first use.
// A Builtin is immutable and safe for concurrent use.
type Builtin struct {
	m   *Model
	cfg config
	// rows of the taxonomy topics and the foreign-affairs heads in m
	topics  []int
	info    []TopicInfo
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
	b := &Builtin{m: m, cfg: cfg, foreign: -1}
	index := map[string]int{}
	for j, l := range m.labels {
		index[l] = j
	}
	for _, t := range taxonomy {
		b.topics = append(b.topics, index[t.ID])
		b.info = append(b.info, t)
	}
	var ok bool
	if b.foreign, ok = index["@foreign"]; !ok {
		return nil, errors.New("topic: embedded model lacks the foreign-affairs head")
	}
	for i, c := range []string{"@cap16", "@cap18", "@cap19"} {
		if b.caps[i], ok = index[c]; !ok {
			return nil, errors.New("topic: embedded model lacks head " + c)
		}
	}
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
	for i, k := range order {
		res[i] = out[k]
		res[i].Evidence = b.m.evidence(d, sc, rows[k], b.cfg.evidence)
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
	// false).
	CAP int `json:"cap"`
	// CAPScore is the calibrated score of CAP.
	CAPScore float64 `json:"cap_score"`
}

// ForeignAffairs decides whether d is about foreign affairs (CAP 16, 18 or
// 19) and which of the three codes fits best.
func (b *Builtin) ForeignAffairs(d *text.Document) (Foreign, error) {
	if d == nil {
		return Foreign{}, errors.New("topic: nil document")
	}
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	b.m.vectorize(d, sc)
	b.m.margins(sc)
	j := b.foreign
	p := b.m.calibrate(j, sc.margin[j])
	f := Foreign{Score: round4(p), Foreign: p >= float64(b.m.threshold[j])}
	// the code whose score is largest relative to its threshold
	best := -1.0
	for i, k := range b.caps {
		q := b.m.calibrate(k, sc.margin[k])
		if r := q / max(float64(b.m.threshold[k]), 1e-3); r > best {
			best = r
			f.CAP, f.CAPScore = []int{16, 18, 19}[i], q
		}
	}
	f.CAPScore = round4(f.CAPScore)
	return f, nil
}

// Model returns the underlying trained model, whose labels are the
// taxonomy ids plus the foreign-affairs heads "@foreign", "@cap16",
// "@cap18" and "@cap19".
func (b *Builtin) Model() *Model { return b.m }

// String describes the classifier.
func (b *Builtin) String() string {
	ids := make([]string, len(b.info))
	for i, t := range b.info {
		ids[i] = t.ID
	}
	return "topic.Builtin(" + strings.Join(ids, ",") + ")"
}

// Package builtin is the built-in diplomatic taxonomy classifier: the
// embedded taxonomy model (see [topic.Taxonomy]) scored passage by passage,
// and the foreign-affairs decision in the sense of the Comparative Agendas
// Project (CAP major topics 16 defence, 18 foreign trade, 19 international
// affairs and foreign aid).
//
// The models are embedded in this package only, so that a program that
// uses package topic with its own trained models does not link them. Each
// is decoded once per process, on first use.
//
// How the models are trained, on which data, and how well they do on
// held-out speeches and headlines is in docs/topic.md; `go generate
// ./topic/builtin` retrains them from ../shared/data.
package builtin

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/diplotext/diplotext/text"
	"github.com/diplotext/diplotext/topic"
)

//go:generate go run ../internal/gen/builtin -out builtin.model -foreign foreign.model -go builtin_gen.go

// taxonomyModel decodes the embedded taxonomy model once per process.
var taxonomyModel = sync.OnceValues(func() (*topic.Model, error) {
	m, err := topic.Load(bytes.NewReader(builtinModel))
	if err != nil {
		return nil, fmt.Errorf("builtin: embedded model: %w", err)
	}
	for _, t := range topic.Taxonomy() {
		if _, ok := m.Threshold(t.ID); !ok {
			return nil, fmt.Errorf("builtin: embedded model lacks topic %q; run go generate", t.ID)
		}
	}
	return m, nil
})

// foreignEmbedded decodes the embedded foreign-affairs model once per
// process, on first use.
var foreignEmbedded = sync.OnceValues(func() (*topic.Model, error) {
	m, err := topic.Load(bytes.NewReader(foreignModel))
	if err != nil {
		return nil, fmt.Errorf("builtin: embedded foreign-affairs model: %w", err)
	}
	return m, nil
})

// ForeignLabels are the labels a foreign-affairs model must have (see
// [WithForeignModel]).
var ForeignLabels = [...]string{"@foreign", "@cap16", "@cap18", "@cap19"}

// ErrOption is returned (wrapped, naming the option) by [New] for an option
// value where nothing sensible follows.
var ErrOption = errors.New("builtin: bad option")

type config struct {
	topicOpts []topic.Option
	foreign   *topic.Model
	taxonomy  *topic.Model
	err       error
}

// Option configures [New].
type Option func(*config)

// WithThreshold replaces every topic's tuned decision threshold with t, a
// calibrated score in (0,1): lower returns more topics. NaN or a value
// outside (0,1) is an error of [New].
func WithThreshold(t float64) Option {
	return func(c *config) { c.topicOpts = append(c.topicOpts, topic.WithThreshold(t)) }
}

// WithMaxTopics returns at most n topics per document (default 5; 0 means
// no limit; negative is an error of [New]).
func WithMaxTopics(n int) Option {
	return func(c *config) { c.topicOpts = append(c.topicOpts, topic.WithMaxTopics(n)) }
}

// WithEvidence sets how many evidence words or phrases each topic carries
// (default 5; 0 for none; negative is an error of [New]).
func WithEvidence(n int) Option {
	return func(c *config) { c.topicOpts = append(c.topicOpts, topic.WithEvidence(n)) }
}

// WithMaxPassages sets how many supporting passages each topic lists
// (default 5; 0 for none; negative is an error of [New]).
func WithMaxPassages(n int) Option {
	return func(c *config) { c.topicOpts = append(c.topicOpts, topic.WithMaxPassages(n)) }
}

// WithForeignModel replaces the embedded foreign-affairs model with m,
// which must have the labels of [ForeignLabels]: "@foreign" (a text about
// CAP 16, 18 or 19) and "@cap16", "@cap18", "@cap19" (its code), for
// example a model retrained with [topic.Train] on one's own coded texts. A
// nil m is an error of [New].
func WithForeignModel(m *topic.Model) Option {
	return func(c *config) {
		if m == nil && c.err == nil {
			c.err = fmt.Errorf("%w: WithForeignModel(nil)", ErrOption)
		}
		c.foreign = m
	}
}

// WithTaxonomyModel replaces the embedded taxonomy model with m, which must
// have a label for every topic of [topic.Taxonomy], for example a model
// retrained with the recipe of `go generate` on other data. A nil m is an
// error of [New].
func WithTaxonomyModel(m *topic.Model) Option {
	return func(c *config) {
		if m == nil && c.err == nil {
			c.err = fmt.Errorf("%w: WithTaxonomyModel(nil)", ErrOption)
		}
		c.taxonomy = m
	}
}

// minPassageScore is the score a topic of a text of several sentences
// needs when its threshold is lower (see topic.WithMinPassageScore):
// chosen on the three articles of testdata and the speech sentences'
// thresholds, most of which are below 0.35 (docs/topic.md).
const minPassageScore = 0.35

// passageRadius is the context of a passage: two sentences either side.
// Each passage scores as the mean of its sentence alone and of its window
// (passageSentenceWeight), the window scored exactly as its text
// (topic.WithExactWindows): by cross-validation on whole speeches this
// beats one neighbour either side (docs/topic.md, session 9).
const passageRadius = 2

// passageSentenceWeight is the weight of a passage's sentence alone in its
// score (topic.WithSentenceWeight).
const passageSentenceWeight = 0.5

// Builtin classifies texts into the built-in diplomatic taxonomy (see
// [topic.Taxonomy]): multi-label, each sentence scored with its neighbours
// as context, a document's topic scored by its strongest passage, with a
// decision threshold per topic, the words that drove each decision and the
// supporting passages. It also decides whether a text is about foreign
// affairs in the sense of the Comparative Agendas Project
// ([Builtin.ForeignAffairs]), consistently with the topics
// ([Builtin.Decide]).
//
// A Builtin is immutable and safe for concurrent use. Its zero value is
// not usable: methods of a nil or zero Builtin return an error.
type Builtin struct {
	c      *topic.ModelClassifier
	capOf  map[string]int
	custom *topic.Model // WithForeignModel, or nil for the embedded model
	rows   sync.Once
	fm     *topic.Model
	fmErr  error
	th     [4]float64 // thresholds of ForeignLabels
}

// New returns the built-in taxonomy classifier. It fails for bad option
// values, for a foreign-affairs model without the labels of
// [ForeignLabels], or if the embedded model cannot be decoded (which a test
// guards against).
func New(opts ...Option) (*Builtin, error) {
	var cfg config
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	if cfg.err != nil {
		return nil, cfg.err
	}
	m := cfg.taxonomy
	if m == nil {
		var err error
		if m, err = taxonomyModel(); err != nil {
			return nil, err
		}
	}
	var err error
	b := &Builtin{capOf: map[string]int{}, custom: cfg.foreign}
	var infos []topic.LabelInfo
	for _, t := range topic.Taxonomy() {
		infos = append(infos, topic.LabelInfo{ID: t.ID, Label: t.Label, CAP: t.CAP})
		b.capOf[t.ID] = t.CAP
	}
	copts := append([]topic.Option{topic.WithPassages(passageRadius), topic.WithSentenceWeight(passageSentenceWeight), topic.WithExactWindows(), topic.WithMinPassageScore(minPassageScore), topic.WithLabels(infos...)}, cfg.topicOpts...)
	if b.c, err = topic.NewClassifier(m, copts...); err != nil {
		return nil, fmt.Errorf("builtin: %w", err)
	}
	if cfg.foreign != nil {
		if err := b.initForeign(); err != nil {
			return nil, err
		}
	}
	return b, nil
}

// initForeign decodes (once) and checks the foreign-affairs model.
func (b *Builtin) initForeign() error {
	b.rows.Do(func() {
		fm := b.custom
		if fm == nil {
			if fm, b.fmErr = foreignEmbedded(); b.fmErr != nil {
				return
			}
		}
		for i, l := range ForeignLabels {
			th, ok := fm.Threshold(l)
			if !ok {
				b.fmErr = fmt.Errorf("builtin: foreign-affairs model lacks label %q", l)
				return
			}
			b.th[i] = th
		}
		b.fm = fm
	})
	return b.fmErr
}

func (b *Builtin) ok() error {
	if b == nil || b.c == nil {
		return errors.New("builtin: nil or zero Builtin; use builtin.New")
	}
	return nil
}

// Classify parses s and calls [Builtin.ClassifyDocument].
func (b *Builtin) Classify(s string) ([]topic.Topic, error) {
	return b.ClassifyDocument(text.Parse(s))
}

// ClassifyDocument returns the taxonomy topics of d whose score reaches
// the threshold, sorted by score, highest first, at most the configured
// number, each with its evidence and passages. A nil, empty or non-English
// document usually gets no topic (an empty, non-nil result).
func (b *Builtin) ClassifyDocument(d *text.Document) ([]topic.Topic, error) {
	if err := b.ok(); err != nil {
		return nil, err
	}
	return b.c.ClassifyDocument(d)
}

// Foreign is the foreign-affairs decision for a text: whether it is about
// defence (CAP major topic 16), foreign trade (18) or international affairs
// and foreign aid (19), as the Comparative Agendas Project codes texts from
// a US perspective.
type Foreign struct {
	// Foreign reports whether Score reached the tuned threshold.
	Foreign bool `json:"foreign"`
	// Score is the calibrated score of the decision, in [0,1].
	Score float64 `json:"score"`
	// CAP is the most likely of 16, 18 and 19 (set even when Foreign is
	// false). With [Builtin.Decide] it is reconciled with the strongest
	// selected topic that has one of the three codes (see
	// [Builtin.DecideDocument]).
	CAP int `json:"cap"`
	// CAPScore is the calibrated score of the model's head for CAP.
	CAPScore float64 `json:"cap_score"`

	heads [3]float64 // scores of the heads 16, 18, 19
}

// ForeignAffairs parses s and calls [Builtin.ForeignAffairsDocument].
func (b *Builtin) ForeignAffairs(s string) (Foreign, error) {
	return b.ForeignAffairsDocument(text.Parse(s))
}

// ForeignAffairsDocument decides whether d is about foreign affairs (CAP
// 16, 18 or 19) and which of the three codes fits best, from the text
// alone (see [Builtin.Decide] for the decision reconciled with the
// topics). A nil or empty document is not foreign.
func (b *Builtin) ForeignAffairsDocument(d *text.Document) (Foreign, error) {
	if err := b.ok(); err != nil {
		return Foreign{}, err
	}
	if err := b.initForeign(); err != nil {
		return Foreign{}, err
	}
	if d == nil || len(d.Tokens) == 0 {
		return Foreign{CAP: 19}, nil
	}
	return b.foreign(b.fm.PredictDocument(d)), nil
}

// foreign is the decision of the foreign-affairs model's predictions.
func (b *Builtin) foreign(preds []topic.Prediction) Foreign {
	var score [4]float64
	for _, p := range preds {
		if i := slices.Index(ForeignLabels[:], p.Label); i >= 0 {
			score[i] = p.Score
		}
	}
	f := Foreign{Score: round4(score[0]), Foreign: score[0] >= b.th[0]}
	// the most likely code: the highest score relative to the square
	// root of its threshold, so that a rare code such as 18, whose
	// scores run low, can still be chosen
	best := -1.0
	for i, code := range [3]int{16, 18, 19} {
		q := score[i+1]
		f.heads[i] = q
		if r := q / math.Sqrt(max(b.th[i+1], 1e-3)); r > best {
			best = r
			f.CAP, f.CAPScore = code, round4(q)
		}
	}
	return f
}

// Decision is the built-in classifier's one answer for a text: its topics
// and its foreign-affairs decision, consistent with each other.
type Decision struct {
	Topics  []topic.Topic `json:"topics"`
	Foreign Foreign       `json:"foreign"`
}

// Decide parses s and calls [Builtin.DecideDocument].
func (b *Builtin) Decide(s string) (Decision, error) { return b.DecideDocument(text.Parse(s)) }

// DecideDocument returns the topics of d (as [Builtin.ClassifyDocument])
// and the foreign-affairs decision reconciled with them: when the
// strongest selected topic with a foreign-affairs code (16, 18 or 19) has
// another code than the decision's, the decision takes that code if it is
// 18 or if the model scores it at least half as high as its own choice
// (relative to the codes' thresholds). This is what the root Analyze
// carries.
func (b *Builtin) DecideDocument(d *text.Document) (Decision, error) {
	if err := b.ok(); err != nil {
		return Decision{}, err
	}
	if err := b.initForeign(); err != nil {
		return Decision{}, err
	}
	// both models read the same features: extract them once
	feats := topic.ExtractFeatures(d)
	topics, err := b.c.ClassifyFeatures(feats)
	if err != nil {
		return Decision{}, err
	}
	f := Foreign{CAP: 19}
	if d != nil && len(d.Tokens) > 0 {
		f = b.foreign(b.fm.PredictFeatures(feats))
	}
	for _, t := range topics {
		if isForeign(t.CAP) {
			if t.CAP != f.CAP && b.agrees(f, t.CAP) {
				f.CAP, f.CAPScore = t.CAP, round4(f.heads[capIndex(t.CAP)])
			}
			break
		}
	}
	return Decision{Topics: topics, Foreign: f}, nil
}

// agrees reports whether the foreign-affairs model leaves room for code,
// the code of the strongest selected topic: code 18 (foreign trade, which
// the model rarely finds on its own), or a code whose head scores at least
// half as high, relative to its threshold, as the model's best. Overriding
// the model's code with every topic's code cost per-code F1 by
// cross-validation (docs/topic.md).
func (b *Builtin) agrees(f Foreign, code int) bool {
	if code == 18 {
		return true
	}
	rel := func(c int) float64 { return f.heads[capIndex(c)] / math.Sqrt(max(b.th[capIndex(c)+1], 1e-3)) }
	return rel(code) >= 0.5*rel(f.CAP)
}

// capIndex is the index of a foreign code (16, 18, 19) among the heads.
func capIndex(code int) int {
	switch code {
	case 16:
		return 0
	case 18:
		return 1
	}
	return 2
}

func isForeign(code int) bool { return code == 16 || code == 18 || code == 19 }

// Model returns the trained model of the taxonomy topics, whose labels are
// the taxonomy ids.
func (b *Builtin) Model() *topic.Model {
	if b == nil || b.c == nil {
		return nil
	}
	return b.c.Model()
}

// ForeignModel returns the model behind [Builtin.ForeignAffairs], whose
// labels are those of [ForeignLabels], decoding the embedded one if needed
// (nil if it cannot be decoded).
func (b *Builtin) ForeignModel() *topic.Model {
	if b.ok() != nil || b.initForeign() != nil {
		return nil
	}
	return b.fm
}

// String describes the classifier.
func (b *Builtin) String() string {
	ids := make([]string, 0, len(b.capOf))
	for _, t := range topic.Taxonomy() {
		ids = append(ids, t.ID)
	}
	return "builtin.Builtin(" + strings.Join(ids, ",") + ")"
}

func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }

package diplotext

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/diplotext/diplotext/dedupe"
	"github.com/diplotext/diplotext/entity"
	"github.com/diplotext/diplotext/entity/statistical"
	"github.com/diplotext/diplotext/text"
	"github.com/diplotext/diplotext/tone"
	"github.com/diplotext/diplotext/topic"
	"github.com/diplotext/diplotext/topic/builtin"
)

// Span is a byte range [Start, End) of a text, such as a target whose tone
// is wanted.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Input is one document for [Analyzer.Analyze].
type Input struct {
	// ID names the document in the report and in the dedupe index; it
	// may be empty when no dedupe index is configured.
	ID string `json:"id,omitempty"`
	// Text is the document, as UTF-8 (invalid bytes are tolerated).
	Text string `json:"text"`
	// Targets are spans of Text whose tone is wanted (optional).
	Targets []Span `json:"targets,omitempty"`
}

// Entity is an entity of the report with the tone expressed toward it.
type Entity struct {
	entity.Entity
	// Tone is the tone toward this mention, read from the clauses that
	// speak of it; nil when tone is disabled.
	Tone *tone.Target `json:"tone,omitempty"`
}

// Report is what [Analyze] finds in one document. A part whose extractor is
// disabled is empty.
type Report struct {
	ID       string        `json:"id,omitempty"`
	Entities []Entity      `json:"entities"`
	Topics   []topic.Topic `json:"topics"`
	Tone     *tone.Result  `json:"tone"`
	// Targets holds the tone toward each of the input's targets, in order.
	Targets []tone.Target `json:"targets,omitempty"`
	// Duplicate is the document's group in the dedupe index, when one is
	// configured with [WithDedupe].
	Duplicate *dedupe.Result `json:"duplicate,omitempty"`
}

// config is what the options set.
type config struct {
	tagger      *entity.Tagger
	classifier  topic.Classifier
	labeler     *tone.Labeler
	index       dedupe.Grouper
	noEntities  bool
	noTopics    bool
	noTone      bool
	entityTones bool
}

// Option configures an [Analyzer].
type Option func(*config)

// WithTagger sets the entity tagger (default: entity.NewTagger with the
// recogniser of entity/statistical).
func WithTagger(t *entity.Tagger) Option { return func(c *config) { c.tagger = t } }

// WithClassifier sets the topic classifier (default: the built-in
// diplomatic taxonomy, builtin.New() of package topic/builtin). Any [topic.Classifier] works,
// such as a model trained with topic.Train or a user's own rules.
func WithClassifier(cl topic.Classifier) Option { return func(c *config) { c.classifier = cl } }

// WithLabeler sets the tone labeler (default: tone.NewLabeler()).
func WithLabeler(l *tone.Labeler) Option { return func(c *config) { c.labeler = l } }

// WithDedupe adds every analysed document to g, a near-duplicate
// [dedupe.Index] or a same-story [dedupe.Stories], and reports its group
// in [Report.Duplicate]. Documents then need an ID.
func WithDedupe(g dedupe.Grouper) Option { return func(c *config) { c.index = g } }

// WithoutEntities disables entity tagging.
func WithoutEntities() Option { return func(c *config) { c.noEntities = true } }

// WithoutTopics disables topic classification.
func WithoutTopics() Option { return func(c *config) { c.noTopics = true } }

// WithoutTone disables tone, including the tone toward entities and targets.
func WithoutTone() Option { return func(c *config) { c.noTone = true } }

// WithoutEntityTone keeps document tone but skips the tone toward each
// entity mention, which costs one clause analysis per entity.
func WithoutEntityTone() Option { return func(c *config) { c.entityTones = false } }

// Analyzer runs entity tagging, topic classification, tone and (when
// configured) near-duplicate detection over a document tokenised once. It is
// built once and safe for concurrent use by multiple goroutines.
type Analyzer struct {
	cfg config
}

// New returns an Analyzer. Extractors not given by options are built with
// their defaults; their models are decoded once per process and shared.
func New(opts ...Option) (*Analyzer, error) {
	cfg := config{entityTones: true}
	for _, o := range opts {
		o(&cfg)
	}
	var err error
	if !cfg.noEntities && cfg.tagger == nil {
		rec, err := statistical.New()
		if err != nil {
			return nil, fmt.Errorf("diplotext: entity recogniser: %w", err)
		}
		if cfg.tagger, err = entity.NewTagger(rec); err != nil {
			return nil, fmt.Errorf("diplotext: entity tagger: %w", err)
		}
	}
	if !cfg.noTopics && cfg.classifier == nil {
		if cfg.classifier, err = builtin.New(); err != nil {
			return nil, fmt.Errorf("diplotext: topic classifier: %w", err)
		}
	}
	if !cfg.noTone && cfg.labeler == nil {
		if cfg.labeler, err = tone.NewLabeler(); err != nil {
			return nil, fmt.Errorf("diplotext: tone labeler: %w", err)
		}
	}
	return &Analyzer{cfg: cfg}, nil
}

// ErrNoID is returned when a dedupe index is configured and a document has
// no ID.
var ErrNoID = errors.New("diplotext: document needs an ID for the dedupe index")

// Analyze analyses one document. It returns an error for a target span out
// of range, splitting a UTF-8 character or covering no token (spaces
// alone), for a missing ID when a dedupe
// index is configured, or when ctx is done; it never panics.
func (a *Analyzer) Analyze(ctx context.Context, in Input) (Report, error) {
	rep := Report{ID: in.ID, Entities: []Entity{}, Topics: []topic.Topic{}}
	for i, t := range in.Targets {
		if t.Start < 0 || t.End > len(in.Text) || t.Start >= t.End {
			return Report{}, fmt.Errorf("diplotext: target %d [%d,%d) is out of range for a text of %d bytes", i, t.Start, t.End, len(in.Text))
		}
	}
	if a.cfg.index != nil && in.ID == "" {
		return Report{}, ErrNoID
	}
	doc := text.Parse(in.Text)
	if err := ctx.Err(); err != nil {
		return Report{}, err
	}
	if a.cfg.tagger != nil {
		ents, err := a.cfg.tagger.TagDocument(doc)
		if err != nil {
			return Report{}, fmt.Errorf("diplotext: entities: %w", err)
		}
		rep.Entities = make([]Entity, len(ents))
		for i, e := range ents {
			rep.Entities[i].Entity = e
		}
	}
	if err := ctx.Err(); err != nil {
		return Report{}, err
	}
	if a.cfg.classifier != nil {
		topics, err := a.cfg.classifier.ClassifyDocument(doc)
		if err != nil {
			return Report{}, fmt.Errorf("diplotext: topics: %w", err)
		}
		if topics != nil {
			rep.Topics = topics
		}
	}
	if err := ctx.Err(); err != nil {
		return Report{}, err
	}
	if a.cfg.labeler != nil {
		res, err := a.cfg.labeler.LabelDocument(doc)
		if err != nil {
			return Report{}, fmt.Errorf("diplotext: tone: %w", err)
		}
		rep.Tone = &res
		if a.cfg.entityTones && len(rep.Entities) > 0 {
			spans := make([]tone.Span, len(rep.Entities))
			for i, e := range rep.Entities {
				spans[i] = tone.Span{Start: e.Start, End: e.End}
			}
			ts, err := a.cfg.labeler.Towards(doc, spans)
			if err != nil {
				return Report{}, fmt.Errorf("diplotext: tone toward entities: %w", err)
			}
			for i := range rep.Entities {
				rep.Entities[i].Tone = &ts[i]
			}
		}
		if len(in.Targets) > 0 {
			spans := make([]tone.Span, len(in.Targets))
			for i, sp := range in.Targets {
				spans[i] = tone.Span{Start: sp.Start, End: sp.End}
			}
			ts, err := a.cfg.labeler.Towards(doc, spans)
			if err != nil {
				return Report{}, fmt.Errorf("diplotext: targets: %w", err)
			}
			rep.Targets = append(rep.Targets, ts...)
		}
	}
	if a.cfg.index != nil {
		res, err := a.cfg.index.AddDocument(ctx, in.ID, doc)
		if err != nil {
			return Report{}, fmt.Errorf("diplotext: dedupe: %w", err)
		}
		rep.Duplicate = &res
	}
	return rep, nil
}

var defaultAnalyzer = sync.OnceValues(func() (*Analyzer, error) { return New() })

// Analyze analyses s with an Analyzer configured by opts. Without options it
// uses a default Analyzer built once per process; with options it builds a
// new one, so callers analysing many documents should keep an [Analyzer].
func Analyze(ctx context.Context, s string, opts ...Option) (Report, error) {
	a, err := defaultAnalyzer()
	if len(opts) > 0 {
		a, err = New(opts...)
	}
	if err != nil {
		return Report{}, err
	}
	return a.Analyze(ctx, Input{Text: s})
}

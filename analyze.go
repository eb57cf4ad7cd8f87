package diplotext

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"

	"github.com/diplotext/diplotext/dedupe"
	"github.com/diplotext/diplotext/entity"
	"github.com/diplotext/diplotext/entity/statistical"
	"github.com/diplotext/diplotext/event"
	"github.com/diplotext/diplotext/lang"
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
//
// A document detected to be in a language other than English (Language
// neither "en" nor "") gets only its Language and, when configured, its
// Duplicate group: its entities, topics, tone, events and actors are left
// empty rather than guessed by English models (see [WithAnyLanguage]).
type Report struct {
	ID string `json:"id,omitempty"`
	// Language is the ISO 639-1 code of the document's language ("en",
	// "fr", "ru", ...), or "" when it could not be decided (too short, no
	// letters); English models are run on undecided text.
	Language string        `json:"language"`
	Entities []Entity      `json:"entities"`
	Topics   []topic.Topic `json:"topics"`
	// Foreign is the foreign-affairs decision (CAP major topics 16, 18 and
	// 19) of the built-in classifier, consistent with the topics' CAP
	// codes; nil with a classifier of one's own that gives none.
	Foreign *builtin.Foreign `json:"foreign,omitempty"`
	Tone    *tone.Result     `json:"tone"`
	// Events are the acts the document reports (who did what to whom), in
	// text order, at most one per sentence; their actors are the
	// document's entities.
	Events []event.Event `json:"events"`
	// Dyads sums the events up by source and target country.
	Dyads []event.Dyad `json:"dyads,omitempty"`
	// Actors holds one entry per real entity (canonical name) of the
	// document with the tone toward it over all its mentions, most
	// mentioned first.
	Actors []Actor `json:"actors"`
	// Targets holds the tone toward each of the input's targets, in order.
	Targets []tone.Target `json:"targets,omitempty"`
	// Duplicate is the document's group in the dedupe index, when one is
	// configured with [WithDedupe].
	Duplicate *dedupe.Result `json:"duplicate,omitempty"`
}

// Actor is one real entity of a document (all mentions with one canonical
// name and type) and the tone toward it.
type Actor struct {
	Canonical string      `json:"canonical"`
	Type      entity.Type `json:"type"`
	Country   string      `json:"country,omitempty"`
	Role      string      `json:"role,omitempty"`
	// ID is the stable id of the actor's entity ("wikidata:Q142",
	// "geonames:524901"), where one of its mentions has one: see
	// [entity.Entity.ID].
	ID string `json:"id,omitempty"`
	// Mentions counts the mentions read: the entity's own mentions plus,
	// for a person, the pronouns and titles that clearly refer to it.
	Mentions int `json:"mentions"`
	// Tone is the tone of the document toward the actor (nil when tone is
	// disabled).
	Tone *ActorTone `json:"tone,omitempty"`
}

// ActorTone is the tone toward one actor over all its mentions.
type ActorTone struct {
	Score float64       `json:"score"`
	Label tone.Polarity `json:"label"`
	// Evidence holds up to three sentences that speak of the actor most
	// strongly, strongest first.
	Evidence []tone.SentenceTone `json:"evidence"`
}

// config is what the options set.
type config struct {
	tagger      *entity.Tagger
	classifier  topic.Classifier
	labeler     *tone.Labeler
	events      *event.Extractor
	index       dedupe.Grouper
	noEvents    bool
	anyLanguage bool
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

// WithEvents sets the event extractor (default:
// event.New(event.WithActorPhrases()): actor spans are the event coders'
// noun phrases, their countries from the entities inside them).
func WithEvents(x *event.Extractor) Option { return func(c *config) { c.events = x } }

// WithoutEvents disables event extraction; the document cooperation is
// then the tone lexicon's reading of the text instead of the aggregate of
// its events.
func WithoutEvents() Option { return func(c *config) { c.noEvents = true } }

// WithAnyLanguage runs the English models on every document, whatever
// language it is detected to be in (by default a document in another
// language gets an empty report with its language).
func WithAnyLanguage() Option { return func(c *config) { c.anyLanguage = true } }

// WithoutEntities disables entity tagging.
func WithoutEntities() Option { return func(c *config) { c.noEntities = true } }

// WithoutTopics disables topic classification.
func WithoutTopics() Option { return func(c *config) { c.noTopics = true } }

// WithoutTone disables tone, including the tone toward entities and targets.
func WithoutTone() Option { return func(c *config) { c.noTone = true } }

// WithoutEntityTone keeps document tone but skips the tone toward each
// entity mention and each actor (Entity.Tone and Actor.Tone stay nil),
// which costs a clause analysis per mention.
func WithoutEntityTone() Option { return func(c *config) { c.entityTones = false } }

// Analyzer runs entity tagging, topic classification, tone and (when
// configured) near-duplicate detection over a document tokenised once. It is
// built once and safe for concurrent use by multiple goroutines.
type Analyzer struct {
	cfg config
}

// New returns an Analyzer. Extractors not given by options are built with
// their defaults, at the same time on several goroutines; their models are
// decoded once per process and shared.
func New(opts ...Option) (*Analyzer, error) {
	cfg := config{entityTones: true}
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
	)
	build := func(what string, f func() error) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := f(); err != nil {
				mu.Lock()
				errs = append(errs, fmt.Errorf("diplotext: %s: %w", what, err))
				mu.Unlock()
			}
		}()
	}
	if !cfg.noEntities && cfg.tagger == nil {
		build("entity tagger", func() error {
			rec, err := statistical.New()
			if err == nil {
				cfg.tagger, err = entity.NewTagger(rec)
			}
			return err
		})
	}
	if !cfg.noTopics && cfg.classifier == nil {
		build("topic classifier", func() error {
			b, err := builtin.New()
			if err == nil {
				// decode the foreign-affairs model now rather than on
				// the first document
				_, err = b.DecideDocument(text.Parse("Ministers met."))
				cfg.classifier = b
			}
			return err
		})
	}
	if !cfg.noTone && cfg.labeler == nil {
		build("tone labeler", func() (err error) {
			cfg.labeler, err = tone.NewLabeler()
			return err
		})
	}
	if !cfg.noEvents && cfg.events == nil {
		build("event extractor", func() (err error) {
			cfg.events, err = event.New(event.WithActorPhrases())
			return err
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if cfg.noEntities {
		cfg.tagger = nil
	}
	if cfg.noTopics {
		cfg.classifier = nil
	}
	if cfg.noTone {
		cfg.labeler = nil
	}
	if cfg.noEvents {
		cfg.events = nil
	}
	return &Analyzer{cfg: cfg}, nil
}

// decider is what the built-in classifier adds to [topic.Classifier]: its
// topics and foreign-affairs decision as one answer.
type decider interface {
	DecideDocument(d *text.Document) (builtin.Decision, error)
}

// ErrNoID is returned when a dedupe index is configured and a document has
// no ID.
var ErrNoID = errors.New("diplotext: document needs an ID for the dedupe index")

// Analyze analyses one document: it parses it once, detects its language,
// tags its entities, classifies its topics and foreign-affairs decision,
// reads its tone and the tone toward each entity and actor, extracts its
// events between those entities (whose aggregate is the document's
// cooperation), and adds it to the dedupe index when one is configured.
//
// It returns an error for a target span out of range, splitting a UTF-8
// character or covering no token (spaces alone), for targets on a document
// in a language other than English (wrapping [ErrLanguage]), for a missing ID when a dedupe index is
// configured, or when ctx is done (a nil ctx is context.Background()); it
// never panics: a panic in a user's callback (a [topic.Classifier] or
// [dedupe.Grouper] of its own) is an error wrapping [ErrPanic]. A nil
// *Analyzer is an error.
func (a *Analyzer) Analyze(ctx context.Context, in Input) (rep Report, err error) {
	if a == nil {
		return Report{}, errors.New("diplotext: nil *Analyzer")
	}
	defer recoverPanic(&err, func() { rep = Report{} })
	return a.analyze(ctx, in, nil)
}

// ErrPanic is wrapped by the error of [Analyzer.Analyze] and
// [Analyzer.WriteReport] when a callback they call (a user's classifier,
// grouper or writer) panics.
var ErrPanic = errors.New("diplotext: panic during analysis")

// recoverPanic, deferred, turns a panic into *err (wrapping ErrPanic) and
// calls clear to drop a partial result.
func recoverPanic(err *error, clear func()) {
	if p := recover(); p != nil {
		*err = fmt.Errorf("%w: %v", ErrPanic, p)
		if clear != nil {
			clear()
		}
	}
}

// analyze is Analyze; for a document analysed in windows, a non-nil emit
// takes its entities instead of the report (see analyzeWindowed).
func (a *Analyzer) analyze(ctx context.Context, in Input, emit entitySink) (Report, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	rep := Report{ID: in.ID, Entities: []Entity{}, Topics: []topic.Topic{}, Events: []event.Event{}, Actors: []Actor{}}
	for i, t := range in.Targets {
		if t.Start < 0 || t.End > len(in.Text) || t.Start >= t.End {
			return Report{}, fmt.Errorf("diplotext: target %d [%d,%d) is out of range for a text of %d bytes", i, t.Start, t.End, len(in.Text))
		}
	}
	if a.cfg.index != nil && in.ID == "" {
		return Report{}, ErrNoID
	}
	if len(in.Text) > windowBytes {
		return a.analyzeWindowed(ctx, in, rep, emit)
	}
	doc := text.Parse(in.Text)
	if err := ctx.Err(); err != nil {
		return Report{}, err
	}
	rep.Language, _ = lang.DetectDocument(doc)
	if !a.cfg.anyLanguage && rep.Language != "" && rep.Language != lang.English {
		if len(in.Targets) > 0 {
			return Report{}, errTargetsLanguage(rep.Language)
		}
		return a.dedupe(ctx, in.ID, doc, rep)
	}
	if err := a.extract(ctx, doc, in.Targets, &rep); err != nil {
		return Report{}, err
	}
	return a.dedupe(ctx, in.ID, doc, rep)
}

// ErrLanguage is wrapped by the error of [Analyzer.Analyze] for targets on a
// document detected to be in a language other than English (see
// [WithAnyLanguage] for the option that reads every document as English).
var ErrLanguage = errors.New("tone is read in English only")

func errTargetsLanguage(code string) error {
	return fmt.Errorf("diplotext: targets: the document is in language %q: %w", code, ErrLanguage)
}

// dedupe adds doc to the dedupe index, when one is configured.
func (a *Analyzer) dedupe(ctx context.Context, id string, doc *text.Document, rep Report) (Report, error) {
	if a.cfg.index != nil {
		res, err := a.cfg.index.AddDocument(ctx, id, doc)
		if err != nil {
			return Report{}, fmt.Errorf("diplotext: dedupe: %w", err)
		}
		rep.Duplicate = &res
	}
	return rep, nil
}

// extract runs the extractors over doc into rep.
func (a *Analyzer) extract(ctx context.Context, doc *text.Document, targets []Span, rep *Report) error {
	if a.cfg.tagger != nil {
		ents, err := a.cfg.tagger.TagDocument(doc)
		if err != nil {
			return fmt.Errorf("diplotext: entities: %w", err)
		}
		rep.Entities = make([]Entity, len(ents))
		for i, e := range ents {
			rep.Entities[i].Entity = e
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if a.cfg.classifier != nil {
		var topics []topic.Topic
		var err error
		if d, ok := a.cfg.classifier.(decider); ok {
			var dec builtin.Decision
			if dec, err = d.DecideDocument(doc); err == nil {
				topics, rep.Foreign = dec.Topics, &dec.Foreign
			}
		} else {
			topics, err = a.cfg.classifier.ClassifyDocument(doc)
		}
		if err != nil {
			return fmt.Errorf("diplotext: topics: %w", err)
		}
		if topics != nil {
			rep.Topics = topics
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if a.cfg.labeler != nil {
		res, err := a.cfg.labeler.LabelDocument(doc)
		if err != nil {
			return fmt.Errorf("diplotext: tone: %w", err)
		}
		rep.Tone = &res
		if len(targets) > 0 {
			spans := make([]tone.Span, len(targets))
			for i, sp := range targets {
				spans[i] = tone.Span{Start: sp.Start, End: sp.End}
			}
			ts, err := a.cfg.labeler.Towards(doc, spans)
			if err != nil {
				return fmt.Errorf("diplotext: targets: %w", err)
			}
			rep.Targets = append(rep.Targets, ts...)
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if a.cfg.events != nil {
		actors := make([]event.Actor, len(rep.Entities))
		for i, e := range rep.Entities {
			actors[i] = event.Actor{Start: e.Start, End: e.End, Country: e.Country, Type: e.Type.String()}
		}
		evs, err := a.cfg.events.ExtractDocument(doc, actors...)
		if err != nil {
			return fmt.Errorf("diplotext: events: %w", err)
		}
		rep.Events = evs
		rep.Dyads = event.Summarize(evs).Dyads
		if rep.Tone != nil {
			rep.Tone.Cooperation = event.Cooperation(evs)
		}
	}
	return a.actors(doc, rep)
}

// actors fills rep.Actors: the entities grouped by canonical name and type,
// with the tone toward each over all its mentions.
func (a *Analyzer) actors(doc *text.Document, rep *Report) error {
	type key struct {
		name string
		typ  entity.Type
	}
	index := map[key]int{}
	var mentions []tone.ActorMentions
	for _, e := range rep.Entities {
		k := key{e.Canonical, e.Type}
		if k.name == "" {
			k.name = e.Text
		}
		i, ok := index[k]
		if !ok {
			i = len(rep.Actors)
			index[k] = i
			rep.Actors = append(rep.Actors, Actor{Canonical: k.name, Type: e.Type})
			mentions = append(mentions, tone.ActorMentions{Name: k.name, Person: e.Type == entity.PERSON})
		}
		act := &rep.Actors[i]
		act.Mentions++
		if act.Country == "" {
			act.Country = e.Country
		}
		if act.ID == "" {
			act.ID = e.ID
		}
		if act.Role == "" && e.Role != "" {
			act.Role = e.Role
			mentions[i].Role = e.Role
		}
		mentions[i].Mentions = append(mentions[i].Mentions, tone.Span{Start: e.Start, End: e.End})
	}
	if a.cfg.labeler != nil && a.cfg.entityTones && len(mentions) > 0 {
		var tones []tone.ActorTone
		var err error
		if rep.Tone != nil {
			// the document's tone is read once: the actors' scores mix it in
			tones, err = a.cfg.labeler.ActorsIn(doc, *rep.Tone, mentions)
		} else {
			tones, err = a.cfg.labeler.Actors(doc, mentions)
		}
		if err != nil {
			return fmt.Errorf("diplotext: tone toward actors: %w", err)
		}
		// the tone toward each entity mention is the one its actor read
		toward := make(map[tone.Span]*tone.Target, len(rep.Entities))
		for i, t := range tones {
			rep.Actors[i].Mentions = t.Mentions
			rep.Actors[i].Tone = &ActorTone{Score: t.Score, Label: t.Label, Evidence: t.Evidence}
			for k := range t.Targets {
				tg := &tones[i].Targets[k]
				toward[tone.Span{Start: tg.Start, End: tg.End}] = tg
			}
		}
		var missing []int
		// one array for the tones of all mentions rather than one small
		// object each (entity-dense text has a mention every few bytes)
		own := make([]tone.Target, len(rep.Entities))
		for i := range rep.Entities {
			e := &rep.Entities[i]
			if tg, ok := toward[tone.Span{Start: e.Start, End: e.End}]; ok {
				own[i] = *tg
				e.Tone = &own[i]
			} else {
				missing = append(missing, i)
			}
		}
		if len(missing) > 0 {
			spans := make([]tone.Span, len(missing))
			for k, i := range missing {
				spans[k] = tone.Span{Start: rep.Entities[i].Start, End: rep.Entities[i].End}
			}
			ts, err := a.cfg.labeler.Towards(doc, spans)
			if err != nil {
				return fmt.Errorf("diplotext: tone toward entities: %w", err)
			}
			for k, i := range missing {
				rep.Entities[i].Tone = &ts[k]
			}
		}
	}
	sort.SliceStable(rep.Actors, func(i, j int) bool { return rep.Actors[i].Mentions > rep.Actors[j].Mentions })
	return nil
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

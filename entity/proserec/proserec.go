// Package proserec provides an [entity.Recognizer] backed by the named-entity
// extractor of github.com/jdkato/prose/v2, for comparison with the built-in
// recogniser and for users who train prose models on their own data.
//
// prose finds PERSON, GPE (reported as LOCATION, then refined by the
// Tagger's gazetteers) and ORG entities, without offsets; this package maps
// them back to byte offsets of the document, builds the prose model once,
// runs prose sentence by sentence (sentences longer than 64 KiB are
// skipped) and turns prose panics into errors.
//
// Measured on CoNLL-2003 it is much less accurate and much slower than the
// built-in recogniser (see docs/entity.md); it is not the default.
//
// # Training a prose model on your own data
//
// Annotate sentences with labelled byte spans and build a model once:
//
//	data := []prose.EntityContext{{
//		Text:   "Rubio met Lavrov in Kuala Lumpur.",
//		Spans:  []prose.LabeledEntity{{Start: 0, End: 5, Label: "PERSON"}, {Start: 10, End: 16, Label: "PERSON"}},
//		Accept: true,
//	}, /* ... many more ... */}
//	m := prose.ModelFromData("diplo", prose.UsingEntities(data))
//	tagger, err := entity.NewTagger(proserec.New(proserec.WithModel(m)))
//
// [TrainModel] does the same from [entity.Entity] annotations.
package proserec

import (
	"fmt"
	"strings"
	"sync"

	"github.com/diplotext/diplotext/entity"
	"github.com/diplotext/diplotext/text"
	"github.com/jdkato/prose/v2"
)

// maxSentence is the longest sentence given to prose, in bytes.
const maxSentence = 64 << 10

// Option configures the recogniser.
type Option func(*config)

type config struct {
	model *prose.Model
}

// WithModel uses a prose model built by the caller, for example with
// prose.ModelFromData or [TrainModel], instead of prose's built-in one.
func WithModel(m *prose.Model) Option { return func(c *config) { c.model = m } }

// defaultModel is prose's built-in English model, decoded once.
var defaultModel = sync.OnceValue(func() *prose.Model { return prose.ModelFromData("en") })

// New returns a recogniser backed by prose. It is safe for concurrent use
// (prose models are read-only once built).
func New(opts ...Option) entity.Recognizer {
	var c config
	for _, o := range opts {
		o(&c)
	}
	return &recognizer{model: c.model}
}

type recognizer struct {
	model *prose.Model
}

// Label maps a prose label to an entity type: PERSON, ORG, GPE (as
// LOCATION) and anything else as MISC.
func Label(l string) entity.Type {
	switch strings.TrimPrefix(strings.TrimPrefix(l, "B-"), "I-") {
	case "PERSON", "PER":
		return entity.PERSON
	case "ORG", "ORGANIZATION":
		return entity.ORG
	case "GPE", "LOC", "LOCATION":
		return entity.LOCATION
	case "NORP":
		return entity.NORP
	}
	return entity.MISC
}

func (r *recognizer) Recognize(d *text.Document) (ms []entity.Mention, err error) {
	defer func() {
		if p := recover(); p != nil {
			ms, err = nil, fmt.Errorf("proserec: prose panicked: %v", p)
		}
	}()
	m := r.model
	if m == nil {
		m = defaultModel()
	}
	for _, s := range d.Sentences {
		if s.End-s.Start > maxSentence {
			continue
		}
		sent := d.Text[s.Start:s.End]
		doc, err := prose.NewDocument(sent, prose.UsingModel(m), prose.WithSegmentation(false))
		if err != nil {
			return nil, fmt.Errorf("proserec: %w", err)
		}
		cursor := 0
		for _, e := range doc.Entities() {
			start, end, ok := locate(sent, e.Text, cursor)
			if !ok {
				continue
			}
			cursor = end
			ms = append(ms, entity.Mention{Start: s.Start + start, End: s.Start + end, Type: Label(e.Label)})
		}
	}
	return ms, nil
}

// locate finds the words of an entity text (prose joins its tokens with
// spaces) in s from byte from on: the span from the first word to the
// last, with nothing but white space and the entity's own characters in
// between.
func locate(s, ent string, from int) (int, int, bool) {
	words := strings.Fields(ent)
	if len(words) == 0 || from > len(s) {
		return 0, 0, false
	}
	i := strings.Index(s[from:], words[0])
	if i < 0 {
		return 0, 0, false
	}
	start := from + i
	end := start + len(words[0])
	for _, w := range words[1:] {
		j := end
		for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r') {
			j++
		}
		if !strings.HasPrefix(s[j:], w) {
			return 0, 0, false
		}
		end = j + len(w)
	}
	return start, end, true
}

// TrainModel trains a prose entity model named name on annotated texts:
// for each text, the entities a person marked in it (their Start, End and
// Type; other fields are ignored). Types are given to prose by name
// ("PERSON", "ORG", "COUNTRY", ...). Training takes time proportional to
// the data; build the model once and reuse it with [WithModel].
func TrainModel(name string, texts []string, ents [][]entity.Entity) (*prose.Model, error) {
	if len(texts) != len(ents) {
		return nil, fmt.Errorf("proserec: %d texts but %d entity lists", len(texts), len(ents))
	}
	data := make([]prose.EntityContext, 0, len(texts))
	for i, t := range texts {
		c := prose.EntityContext{Text: t, Accept: true}
		for _, e := range ents[i] {
			if e.Start < 0 || e.End > len(t) || e.Start >= e.End {
				return nil, fmt.Errorf("proserec: text %d: entity [%d,%d) out of range", i, e.Start, e.End)
			}
			c.Spans = append(c.Spans, prose.LabeledEntity{Start: e.Start, End: e.End, Label: e.Type.String()})
		}
		data = append(data, c)
	}
	var m *prose.Model
	var perr error
	func() {
		defer func() {
			if p := recover(); p != nil {
				perr = fmt.Errorf("proserec: prose panicked: %v", p)
			}
		}()
		m = prose.ModelFromData(name, prose.UsingEntities(data))
	}()
	return m, perr
}

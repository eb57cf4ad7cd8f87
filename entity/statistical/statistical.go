// Package statistical is the built-in entity recogniser of package
// entity: a two-stage averaged perceptron with Viterbi decoding, trained
// on CoNLL-2003 English news, whose weights (about 5.5 MB gzipped, 45 MB
// in memory) are embedded in this package.
//
// It is a package of its own so that programs that bring their own
// recogniser, or use gazetteer matches only, do not link the weights: a
// program that never imports this package does not contain them.
//
//	rec, err := statistical.New()
//	...
//	tagger, err := entity.NewTagger(rec)
//
// The weights are decoded once per process, on the first call of [New],
// and shared by every recogniser it returns.
package statistical

import (
	_ "embed"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/diplotext/diplotext/entity"
	"github.com/diplotext/diplotext/entity/internal/gaz"
	"github.com/diplotext/diplotext/entity/internal/ner"
	"github.com/diplotext/diplotext/entity/internal/prep"
	"github.com/diplotext/diplotext/text"
)

// The models are trained from ../shared/data/conll2003/eng.train by
// entity/internal/train (see docs/entity.md for the recipe and figures).
//go:generate go run ../internal/train -out ner.model
//go:generate go run ../internal/train -lower -out ner_lower.model

//go:embed ner.model
var nerModel []byte

//go:embed ner_lower.model
var nerLowerModel []byte

// models are the recogniser's models: one for ordinary text and one
// trained on lower-cased text, for text without capitals.
type models struct {
	cased, caseless *ner.Model
}

// load decodes the embedded models once for the whole process.
var load = sync.OnceValues(func() (*models, error) {
	m, err := ner.Load(nerModel, gaz.Default())
	if err != nil {
		return nil, fmt.Errorf("statistical: load model: %w", err)
	}
	lm, err := ner.Load(nerLowerModel, gaz.Default())
	if err != nil {
		return nil, fmt.Errorf("statistical: load lower-case model: %w", err)
	}
	return &models{cased: m, caseless: lm}, nil
})

// errNotLoaded is returned by the methods of a nil recogniser.
var errNotLoaded = errors.New("statistical: nil recogniser")

// New returns the built-in recogniser. It reports PER, ORG, LOC and MISC
// as entity.PERSON, ORG, LOCATION and MISC; the Tagger's gazetteers
// refine them. Its features are words, affixes, shapes, context,
// capitalisation in context (headlines in capitals or in title case),
// word clusters learnt from unlabelled news, gazetteer and name-list
// matches and document-level consistency. Text without capitals, or all
// in capitals, is tagged by a second model trained on lower-cased text.
//
// The recogniser is safe for concurrent use. A nil document is the empty
// document (an empty, non-nil result); a document whose tokens or
// sentences do not fit its text is an error. New fails only if the
// embedded weights are corrupt.
func New() (entity.Recognizer, error) {
	m, err := load()
	if err != nil {
		return nil, err
	}
	return &recognizer{models: m}, nil
}

type recognizer struct {
	*models
}

type scratch struct {
	s     ner.Scratch
	p     prep.Doc
	words []string
	tags  []ner.Tag
}

var pool = sync.Pool{New: func() any { return new(scratch) }}

var classTypes = [...]entity.Type{0, entity.PERSON, entity.ORG, entity.LOCATION, entity.MISC}

// Recognize returns the mentions of d.
func (r *recognizer) Recognize(d *text.Document) ([]entity.Mention, error) {
	if r == nil || r.models == nil {
		return nil, errNotLoaded
	}
	if d == nil || len(d.Tokens) == 0 {
		return []entity.Mention{}, nil
	}
	if err := prep.Check(d); err != nil {
		return nil, fmt.Errorf("statistical: invalid document: %w", err)
	}
	sc := pool.Get().(*scratch)
	defer pool.Put(sc)
	sc.p.Reset(d)
	defer sc.p.Release()
	return r.RecognizePrepared(&sc.p)
}

// RecognizePrepared returns the mentions of the document p was prepared
// for. The Tagger calls it (through an interface of its own) so that the
// words, hashes and sentences are computed once per document.
func (r *recognizer) RecognizePrepared(p *prep.Doc) ([]entity.Mention, error) {
	if r == nil || r.models == nil {
		return nil, errNotLoaded
	}
	d := p.D
	sc := pool.Get().(*scratch)
	defer pool.Put(sc)
	// text without capitals (or without small letters) goes to the model
	// trained on lower-cased text
	m := r.cased
	fold := !p.Lower // all in capitals: read in lower case
	if !p.Upper || !p.Lower {
		m = r.caseless
	} else if prep.MostlyLower(d) {
		m, fold = r.caseless, true
	}
	doc := ner.Doc{Words: p.Words, Hashes: p.Hashes, Sents: p.Sents}
	if fold {
		words := sc.words[:0]
		for _, w := range p.Words {
			words = append(words, strings.ToLower(w))
		}
		sc.words = words
		doc = ner.Doc{Words: words, Sents: p.Sents}
		defer clear(sc.words)
	}
	sc.tags = m.Tag(&doc, &sc.s, sc.tags[:0])
	out := []entity.Mention{}
	tags := sc.tags
	for i := 0; i < len(tags); {
		if tags[i] == ner.O {
			i++
			continue
		}
		c := tags[i].Class()
		j := i + 1
		for j < len(tags) && tags[j] == ner.BeginOf(c)+1 {
			j++
		}
		out = append(out, entity.Mention{
			Start: d.Tokens[i].Start, End: d.Tokens[j-1].End, Type: classTypes[c],
			Score: m.Confidence(m.RawMargin(&sc.s, i, j, tags)),
		})
		i = j
	}
	return out, nil
}

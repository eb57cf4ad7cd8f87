// Package statistical is the built-in entity recogniser of package
// entity: a two-stage averaged perceptron with Viterbi decoding, trained
// on CoNLL-2003 English news, whose weights (9.4 MB, stored uncompressed
// with the zero rows left out, so that decoding is a copy; 19 MB in
// memory, and 7.5 MB more for a table of both stages' weights that a
// model builds once it has tagged 20,000 words) are embedded in this
// package.
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
// trained on lower-cased text, for text without capitals. The second is
// decoded on the first document that needs it: most text never does.
type models struct {
	cased *ner.Model
}

// caseless returns the model trained on lower-cased text.
func (*models) caseless() (*ner.Model, error) { return loadLower() }

// load decodes the embedded model for ordinary text once for the whole
// process. The gazetteer index it reads is generated (nothing to build).
var load = sync.OnceValues(func() (*models, error) {
	m, err := ner.Load(nerModel, gaz.Default())
	if err != nil {
		return nil, fmt.Errorf("statistical: load model: %w", err)
	}
	return &models{cased: m}, nil
})

// loadLower decodes the embedded lower-case model once for the whole
// process.
var loadLower = sync.OnceValues(func() (*ner.Model, error) {
	m, err := ner.Load(nerLowerModel, gaz.Default())
	if err != nil {
		return nil, fmt.Errorf("statistical: load lower-case model: %w", err)
	}
	return m, nil
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
// embedded weights are corrupt; the lower-case model is decoded on the
// first document without capitals (or without small letters), and a
// corrupt one is that document's error.
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
	sents []ner.Span
	tags  []ner.Tag
}

// segment is the most tokens the model reads at once.
const segment = 1 << 15

// tagSegment tags doc, the tokens of d from token first on, and appends
// its mentions to out.
func (r *recognizer) tagSegment(m *ner.Model, doc *ner.Doc, sc *scratch, first int, d *text.Document, out []entity.Mention) []entity.Mention {
	sc.tags = m.Tag(doc, &sc.s, sc.tags[:0])
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
			Start: d.Tokens[first+i].Start, End: d.Tokens[first+j-1].End, Type: classTypes[c],
			Score: m.Confidence(m.RawMargin(&sc.s, i, j, tags)),
		})
		i = j
	}
	return out
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
	caseless := !p.Upper || !p.Lower
	if !caseless && prep.MostlyLower(d) {
		caseless, fold = true, true
	}
	if caseless {
		var err error
		if m, err = r.caseless(); err != nil {
			return nil, err
		}
	}
	if fold {
		defer clear(sc.words)
	}
	out := []entity.Mention{}
	// a long document is read in segments of whole sentences (a sentence
	// longer than a segment is cut), so that the model's buffers are
	// bounded by the segment, not the document
	sents := p.Sents
	from := 0 // tokens of sents[0] before from were read with the previous segment
	for len(sents) > 0 {
		first := max(sents[0].First, from)
		k := 0
		for k < len(sents) && (k == 0 || sents[k].Last-first <= segment) {
			k++
		}
		last := min(sents[k-1].Last, first+segment)
		sc.sents = sc.sents[:0]
		for _, sp := range sents[:k] {
			sc.sents = append(sc.sents, ner.Span{First: max(sp.First, first) - first, Last: min(sp.Last, last) - first})
		}
		if last < sents[k-1].Last {
			// the rest of a cut sentence starts the next segment
			sents, from = sents[k-1:], last
		} else {
			sents = sents[k:]
		}
		doc := ner.Doc{Words: p.Words[first:last], Hashes: p.Hashes[first:last], Sents: sc.sents}
		if fold {
			// the lower-case model reads the words in lower case (and
			// hashes them itself)
			sc.words = sc.words[:0]
			for _, w := range doc.Words {
				sc.words = append(sc.words, strings.ToLower(w))
			}
			doc = ner.Doc{Words: sc.words, Sents: sc.sents}
		}
		out = r.tagSegment(m, &doc, sc, first, d, out)
	}
	return out, nil
}

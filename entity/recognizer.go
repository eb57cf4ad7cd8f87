package entity

import (
	"fmt"
	"sync"

	"github.com/diplotext/diplotext/entity/internal/gaz"
	"github.com/diplotext/diplotext/entity/internal/ner"
	"github.com/diplotext/diplotext/entity/model"
	"github.com/diplotext/diplotext/text"
)

// Mention is a span found by a [Recognizer], before gazetteer refinement
// and canonicalisation: bytes [Start, End) of the document's text.
type Mention struct {
	Start, End int
	Type       Type
	// Score is the recogniser's confidence in (0, 1], or 0 if unknown.
	Score float64
}

// Recognizer finds entity mentions in a document. Implementations must be
// safe for concurrent use. The [Tagger] drops mentions whose offsets are
// out of range or overlap an earlier one, so a recogniser need not be
// careful about them; it should not panic (the Tagger recovers a panic
// and returns it as an error).
//
// Ready-made recognisers are [Statistical] (the default) and, in package
// entity/proserec, one backed by github.com/jdkato/prose/v2.
type Recognizer interface {
	Recognize(d *text.Document) ([]Mention, error)
}

// RecognizerFunc adapts a function to the [Recognizer] interface.
type RecognizerFunc func(d *text.Document) ([]Mention, error)

// Recognize calls f(d).
func (f RecognizerFunc) Recognize(d *text.Document) ([]Mention, error) { return f(d) }

// loadModel decodes the embedded model once for the whole process.
var loadModel = sync.OnceValues(func() (*ner.Model, error) {
	m, err := ner.Load(model.NER(), gaz.Default())
	if err != nil {
		return nil, fmt.Errorf("entity: load model: %w", err)
	}
	return m, nil
})

// Statistical returns the built-in recogniser: a two-stage averaged
// perceptron with Viterbi decoding, trained on CoNLL-2003 English news
// (PER, ORG, LOC and MISC, reported as PERSON, ORG, LOCATION and MISC and
// refined by the Tagger's gazetteers). Its features are words, affixes,
// shapes, context, capitalisation in context, gazetteer matches and
// document-level consistency. The model (about 1.5 MB compressed, 40 MB in
// memory) is decoded once, on first use, and shared; the recogniser is
// safe for concurrent use.
func Statistical() (Recognizer, error) {
	m, err := loadModel()
	if err != nil {
		return nil, err
	}
	return &statistical{m: m}, nil
}

type statistical struct {
	m *ner.Model
}

type statScratch struct {
	s     ner.Scratch
	doc   ner.Doc
	tags  []ner.Tag
	spans []ner.Span
}

var statPool = sync.Pool{New: func() any { return new(statScratch) }}

var classTypes = [...]Type{0, PERSON, ORG, LOCATION, MISC}

func (r *statistical) Recognize(d *text.Document) ([]Mention, error) {
	sc := statPool.Get().(*statScratch)
	defer statPool.Put(sc)
	words := sc.doc.Words[:0]
	for _, t := range d.Tokens {
		words = append(words, d.Text[t.Start:t.End])
	}
	sents := sc.doc.Sents[:0]
	for _, s := range d.Sentences {
		sents = append(sents, ner.Span{First: s.First, Last: s.Last})
	}
	sc.doc = ner.Doc{Words: words, Sents: sents}
	sc.tags = r.m.Tag(&sc.doc, &sc.s, sc.tags[:0])
	var out []Mention
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
		out = append(out, Mention{
			Start: d.Tokens[i].Start, End: d.Tokens[j-1].End, Type: classTypes[c],
			Score: r.m.Confidence(r.m.RawMargin(&sc.s, i, j, tags)),
		})
		i = j
	}
	// do not keep references to the caller's text in the pool
	clear(sc.doc.Words)
	return out, nil
}

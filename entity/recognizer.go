package entity

import (
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

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

// models are the built-in recogniser's models: one for ordinary text and
// one trained on lower-cased text, for text without capitals.
type models struct {
	cased, caseless *ner.Model
}

// loadModel decodes the embedded models once for the whole process.
var loadModel = sync.OnceValues(func() (*models, error) {
	m, err := ner.Load(model.NER(), gaz.Default())
	if err != nil {
		return nil, fmt.Errorf("entity: load model: %w", err)
	}
	lm, err := ner.Load(model.NERLower(), gaz.Default())
	if err != nil {
		return nil, fmt.Errorf("entity: load lower-case model: %w", err)
	}
	return &models{cased: m, caseless: lm}, nil
})

// Statistical returns the built-in recogniser: a two-stage averaged
// perceptron with Viterbi decoding, trained on CoNLL-2003 English news
// (PER, ORG, LOC and MISC, reported as PERSON, ORG, LOCATION and MISC and
// refined by the Tagger's gazetteers). Its features are words, affixes,
// shapes, context, capitalisation in context (headlines in capitals or in
// title case), word clusters learnt from unlabelled news, gazetteer and
// name-list matches and document-level consistency. Text without
// capitals, or all in capitals, is tagged by a second model trained on
// lower-cased text. The models (about 6 MB gzipped, 45 MB in memory) are
// decoded once, on first use, and shared; the recogniser is safe for
// concurrent use.
func Statistical() (Recognizer, error) {
	m, err := loadModel()
	if err != nil {
		return nil, err
	}
	return &statistical{models: m}, nil
}

type statistical struct {
	*models
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
	// text without capitals (or without small letters) goes to the model
	// trained on lower-cased text
	m := r.cased
	upper, lower := letterCases(d.Text)
	fold := !lower // all in capitals: read in lower case
	if !upper || !lower {
		m = r.caseless
	} else if mostlyLower(d) {
		m, fold = r.caseless, true
	}
	words := sc.doc.Words[:0]
	for _, t := range d.Tokens {
		w := d.Text[t.Start:t.End]
		if fold {
			w = strings.ToLower(w)
		}
		words = append(words, w)
	}
	sents := sc.doc.Sents[:0]
	for k := 0; k < len(d.Sentences); k++ {
		first := d.Sentences[k].First
		// hard-wrapped text: a "heading" line that is the start of a
		// sentence continued on the next line ("the International
		// Monetary\nFund") is read with it
		for k+1 < len(d.Sentences) && wrapped(d, k) {
			k++
		}
		sents = append(sents, ner.Span{First: first, Last: d.Sentences[k].Last})
	}
	sc.doc = ner.Doc{Words: words, Sents: sents}
	sc.tags = m.Tag(&sc.doc, &sc.s, sc.tags[:0])
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
			Score: m.Confidence(m.RawMargin(&sc.s, i, j, tags)),
		})
		i = j
	}
	// do not keep references to the caller's text in the pool
	clear(sc.doc.Words)
	return out, nil
}

// wrapped reports whether sentence k of d ends in a line break without
// final punctuation and continues on the next line: its last token is a
// word, it is followed by a single line break and it has at least two
// words starting in lower case, which headings do not.
func wrapped(d *text.Document, k int) bool {
	s, next := d.Sentences[k], d.Sentences[k+1]
	if s.Last <= s.First || s.End > next.Start || next.Start > len(d.Text) || d.Tokens[s.Last-1].Kind != text.Word {
		return false
	}
	breaks := 0
	for _, c := range []byte(d.Text[s.End:next.Start]) {
		switch c {
		case '\n':
			breaks++
		case ' ', '\t', '\r':
		default:
			return false
		}
	}
	if breaks != 1 {
		return false
	}
	lower := 0
	for _, t := range d.Tokens[s.First:s.Last] {
		if c := d.Text[t.Start]; t.Kind == text.Word && 'a' <= c && c <= 'z' {
			lower++
		}
	}
	return lower >= 2
}

// mostlyLower reports whether d is a text of at least 30 words of which
// fewer than one in 50 is capitalised, not at the start of a sentence and
// not in capitals only: lower-cased text with the odd acronym (US, BBC)
// left in capitals. News has one in 10 or more.
func mostlyLower(d *text.Document) bool {
	words, capitals := 0, 0
	for _, s := range d.Sentences {
		for i := s.First; i < s.Last && i < len(d.Tokens); i++ {
			t := d.Tokens[i]
			if t.Kind != text.Word {
				continue
			}
			words++
			if i > s.First {
				if upper, lower := letterCases(d.Text[t.Start:t.End]); upper && lower && startsUpper(d.Text[t.Start:t.End]) {
					capitals++
				}
			}
		}
	}
	return words >= 30 && capitals*50 < words
}

func startsUpper(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// letterCases reports whether s has upper-case and lower-case letters.
func letterCases(s string) (upper, lower bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'A' <= c && c <= 'Z':
			upper = true
		case 'a' <= c && c <= 'z':
			lower = true
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.IsUpper(r) {
				upper = true
			} else if unicode.IsLower(r) {
				lower = true
			}
			i += size - 1
		}
		if upper && lower {
			return
		}
	}
	return
}

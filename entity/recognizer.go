package entity

import (
	"github.com/diplotext/diplotext/entity/internal/prep"
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
// Ready-made recognisers are the built-in statistical model of package
// entity/statistical and, in package entity/proserec, one backed by
// github.com/jdkato/prose/v2.
type Recognizer interface {
	Recognize(d *text.Document) ([]Mention, error)
}

// RecognizerFunc adapts a function to the [Recognizer] interface.
type RecognizerFunc func(d *text.Document) ([]Mention, error)

// Recognize calls f(d). A nil f finds nothing.
func (f RecognizerFunc) Recognize(d *text.Document) ([]Mention, error) {
	if f == nil {
		return []Mention{}, nil
	}
	return f(d)
}

// preparedRecognizer is a recogniser that reads the words, hashes and
// sentences the Tagger prepared, instead of computing them again (the
// recogniser of package entity/statistical).
type preparedRecognizer interface {
	RecognizePrepared(p *prep.Doc) ([]Mention, error)
}

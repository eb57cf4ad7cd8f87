// Package topic classifies texts into topics: multi-label linear models
// over stemmed words and word pairs ([Train], [Model]), a classifier that
// scores a document's passages and derives its topics from them
// ([NewClassifier]), the built-in diplomatic taxonomy's description
// ([Taxonomy]) and cross-validation ([CrossValidate]).
//
// The embedded taxonomy model lives in package topic/builtin, so that a
// program using only its own trained models does not link it.
//
// Every exported function and method is safe for concurrent use unless its
// doc says otherwise ([Scorer] is not). A nil *text.Document is the empty
// document: it gets an empty, non-nil result and no error.
package topic

import (
	"errors"
	"fmt"
	"slices"

	"github.com/diplotext/diplotext/text"
)

// Evidence is a word or phrase of the input that drove a topic decision:
// the bytes Text == input[Start:End] and its contribution Weight to the
// topic's score (larger is stronger).
type Evidence struct {
	Text   string  `json:"text"`
	Start  int     `json:"start"`
	End    int     `json:"end"`
	Weight float64 `json:"weight"`
}

// Topic is one topic assigned to a text.
type Topic struct {
	// ID is the stable identifier of the topic ("sanctions") or, for a
	// trained [Model], its label.
	ID string `json:"id"`
	// Label is the human-readable name ("Sanctions and export controls").
	Label string `json:"label"`
	// Score is the topic's score in [0,1]: for a [ModelClassifier], the
	// calibrated score of its strongest passage or of the whole text (see
	// docs/topic.md for how well it is calibrated against coders).
	Score float64 `json:"score"`
	// CAP is the Comparative Agendas Project major topic code the topic
	// maps to (19 international affairs, 16 defence, 18 foreign trade,
	// ...), or 0 when none applies.
	CAP int `json:"cap"`
	// Evidence lists the words and phrases that drove the decision, in
	// text order.
	Evidence []Evidence `json:"evidence"`
	// Passages are the sentences that support the topic (each scored
	// with its neighbours as context), in text order; empty when the
	// classifier scores whole documents only.
	Passages []Passage `json:"passages"`
}

// Shifted returns a copy of t whose evidence and passage offsets are moved
// by off bytes, for a topic found in a part of a text that starts at off;
// t itself is not changed.
func (t Topic) Shifted(off int) Topic {
	t.Evidence = slices.Clone(t.Evidence)
	for k := range t.Evidence {
		t.Evidence[k].Start += off
		t.Evidence[k].End += off
	}
	t.Passages = slices.Clone(t.Passages)
	for k := range t.Passages {
		t.Passages[k].Start += off
		t.Passages[k].End += off
	}
	return t
}

// Passage is a span of the input, input[Start:End], that supports a topic
// with the given calibrated Score.
type Passage struct {
	Start int     `json:"start"`
	End   int     `json:"end"`
	Score float64 `json:"score"`
}

// Classifier assigns topics to a parsed document. It returns only the topics
// above its decision threshold, sorted by score, highest first; an empty
// result means no topic applies. A nil document is the empty document.
// The built-in taxonomy (package topic/builtin), a [ModelClassifier] and a
// trained [Model] implement it; users plug in their own (rules, an external
// service).
//
// Implementations must be safe for concurrent use.
type Classifier interface {
	ClassifyDocument(d *text.Document) ([]Topic, error)
}

// ClassifierFunc adapts a function to the [Classifier] interface.
type ClassifierFunc func(d *text.Document) ([]Topic, error)

// ClassifyDocument calls f(d), turning a panic of f into an error (a nil
// f is an error too).
func (f ClassifierFunc) ClassifyDocument(d *text.Document) (topics []Topic, err error) {
	if f == nil {
		return nil, ErrNilClassifier
	}
	defer func() {
		if r := recover(); r != nil {
			topics, err = nil, fmt.Errorf("%w: %v", ErrClassifierPanic, r)
		}
	}()
	return f(d)
}

// Classify parses s and calls f.ClassifyDocument.
func (f ClassifierFunc) Classify(s string) ([]Topic, error) { return f.ClassifyDocument(text.Parse(s)) }

// Errors of the package, wrapped with context by the functions that return
// them.
var (
	// ErrNilClassifier is returned when a nil classifier or model is used.
	ErrNilClassifier = errors.New("topic: nil classifier")
	// ErrClassifierPanic is returned when a user's classifier panics.
	ErrClassifierPanic = errors.New("topic: classifier panicked")
	// ErrOption is returned (wrapped, naming the option) by constructors
	// and [Train] for an option value where nothing sensible follows.
	ErrOption = errors.New("topic: bad option")
	// ErrExample is returned (wrapped) by [Train] for a bad example.
	ErrExample = errors.New("topic: bad example")
)

package topic

import (
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
	// Score is a calibrated probability-like score in [0,1].
	Score float64 `json:"score"`
	// CAP is the Comparative Agendas Project major topic code the topic
	// maps to (19 international affairs, 16 defence, 18 foreign trade,
	// ...), or 0 when none applies.
	CAP int `json:"cap"`
	// Evidence lists the words and phrases that drove the decision, in
	// text order.
	Evidence []Evidence `json:"evidence"`
}

// Classifier assigns topics to a document. It returns only the topics above
// its decision threshold, sorted by score, highest first; an empty result
// means no topic applies. The built-in [Builtin] and a trained [Model]
// implement it; users plug in their own (rules, an external service).
//
// Implementations must be safe for concurrent use.
type Classifier interface {
	Classify(d *text.Document) ([]Topic, error)
}

// ClassifierFunc adapts a function to the [Classifier] interface.
type ClassifierFunc func(d *text.Document) ([]Topic, error)

// Classify calls f(d).
func (f ClassifierFunc) Classify(d *text.Document) ([]Topic, error) { return f(d) }

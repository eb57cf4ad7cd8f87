package topic_test

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/diplotext/diplotext/text"
	"github.com/diplotext/diplotext/topic"
)

// TestFeaturesMatchDocument checks that scoring features extracted once
// (ExtractFeatures, PredictFeatures, ClassifyFeatures) gives what scoring
// the document gives, for ordinary, empty, nil and malformed documents,
// with passages and evidence.
func TestFeaturesMatchDocument(t *testing.T) {
	var ex []topic.Example
	for range 4 {
		ex = append(ex,
			topic.Example{Text: "The striker scored in the cup final", Labels: []string{"sport"}},
			topic.Example{Text: "The team lost the league match", Labels: []string{"sport"}},
			topic.Example{Text: "The central bank raised interest rates", Labels: []string{"finance"}},
			topic.Example{Text: "Inflation slowed and bond yields fell", Labels: []string{"finance"}})
	}
	m, err := topic.Train(context.Background(), ex, topic.WithFolds(0), topic.WithMinDF(1))
	if err != nil {
		t.Fatal(err)
	}
	c, err := topic.NewClassifier(m, topic.WithPassages(1), topic.WithThreshold(0.01))
	if err != nil {
		t.Fatal(err)
	}
	bad := text.Parse("The striker scored.")
	bad.Tokens[0].End = 1000 // a token past the text
	docs := []*text.Document{
		text.Parse("The striker scored. The bank raised rates. Bond yields fell. The team lost the cup match."),
		text.Parse("Rates"), text.Parse(""), nil, bad,
	}
	for i, d := range docs {
		f := topic.ExtractFeatures(d)
		if got, want := m.PredictFeatures(f), m.PredictDocument(d); !reflect.DeepEqual(got, want) {
			t.Errorf("doc %d: PredictFeatures %+v, PredictDocument %+v", i, got, want)
		}
		got, err1 := c.ClassifyFeatures(f)
		want, err2 := c.ClassifyDocument(d)
		if !reflect.DeepEqual(got, want) || !errors.Is(err1, err2) {
			t.Errorf("doc %d: ClassifyFeatures %+v, %v; ClassifyDocument %+v, %v", i, got, err1, want, err2)
		}
	}
	if got, err := c.ClassifyFeatures(nil); err != nil || len(got) != 0 {
		t.Errorf("ClassifyFeatures(nil) = %v, %v", got, err)
	}
	if len(m.PredictFeatures(nil)) != len(m.Labels()) {
		t.Error("PredictFeatures(nil): want the priors of every label")
	}
}

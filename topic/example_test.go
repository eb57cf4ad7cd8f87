package topic_test

import (
	"context"
	"fmt"

	"github.com/diplotext/diplotext/topic"
)

func ExampleBuiltin_ClassifyText() {
	b, err := topic.NewBuiltin()
	if err != nil {
		panic(err)
	}
	topics, err := b.ClassifyText("The Security Council voted to tighten sanctions and an arms embargo on the regime.")
	if err != nil {
		panic(err)
	}
	fmt.Println(topics[0].ID, topics[0].CAP)
	// Output: sanctions 19
}

func ExampleTrain() {
	var ex []topic.Example
	for range 5 {
		ex = append(ex,
			topic.Example{Text: "The striker scored in the cup final", Labels: []string{"sport"}},
			topic.Example{Text: "The team lost the league match", Labels: []string{"sport"}},
			topic.Example{Text: "The central bank raised interest rates", Labels: []string{"finance"}},
			topic.Example{Text: "Inflation slowed and bond yields fell", Labels: []string{"finance"}})
	}
	m, err := topic.Train(context.Background(), ex, topic.WithFolds(0), topic.WithMinDF(1))
	if err != nil {
		panic(err)
	}
	fmt.Println(m.PredictText("Rates and inflation")[0].Label)
	// Output: finance
}

func ExampleTaxonomy() {
	for _, t := range topic.Taxonomy()[:3] {
		fmt.Println(t.ID, t.CAP)
	}
	// Output:
	// bilateral_diplomacy 19
	// multilateral_organisations 19
	// arms_control 16
}

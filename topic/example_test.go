package topic_test

import (
	"context"
	"fmt"

	"github.com/diplotext/diplotext/topic"
)

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
	fmt.Println(m.Predict("Rates and inflation")[0].Label)
	// Output: finance
}

func ExampleNewClassifier() {
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
	c, err := topic.NewClassifier(m, topic.WithPassages(0), topic.WithThreshold(0.6))
	if err != nil {
		panic(err)
	}
	topics, err := c.Classify("The striker scored twice in the final. Later, the central bank raised interest rates.")
	if err != nil {
		panic(err)
	}
	for _, t := range topics {
		fmt.Println(t.ID, len(t.Passages))
	}
	// Unordered output:
	// finance 1
	// sport 1
}

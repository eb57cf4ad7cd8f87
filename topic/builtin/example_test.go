package builtin_test

import (
	"fmt"

	"github.com/diplotext/diplotext/topic"
	"github.com/diplotext/diplotext/topic/builtin"
)

func ExampleBuiltin_Classify() {
	b, err := builtin.New()
	if err != nil {
		panic(err)
	}
	topics, err := b.Classify("The Security Council voted to tighten sanctions and an arms embargo on the regime.")
	if err != nil {
		panic(err)
	}
	fmt.Println(topics[0].ID, topics[0].CAP)
	// Output: sanctions 19
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

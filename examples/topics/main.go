// Command topics classifies a few diplomatic texts with the built-in
// taxonomy and prints each topic with its score, CAP code and evidence.
//
//	go run ./examples/topics
package main

import (
	"fmt"
	"log"

	"github.com/diplotext/diplotext/text"
	"github.com/diplotext/diplotext/topic"
)

func main() {
	b, err := topic.NewBuiltin(topic.WithMaxTopics(3), topic.WithEvidence(3))
	if err != nil {
		log.Fatal(err)
	}
	for _, s := range []string{
		"The Security Council voted to tighten sanctions and an arms embargo on the regime.",
		"Rebels shelled the city as the ceasefire collapsed and troops advanced.",
		"Washington raised tariffs on steel imports, escalating the trade dispute with Beijing.",
	} {
		d := text.Parse(s)
		topics, err := b.Classify(d)
		if err != nil {
			log.Fatal(err)
		}
		fa, _ := b.ForeignAffairs(d)
		fmt.Printf("%s\n  foreign affairs: %v (CAP %d, score %.2f)\n", s, fa.Foreign, fa.CAP, fa.Score)
		for _, t := range topics {
			fmt.Printf("  %-28s %.2f  CAP %2d  evidence:", t.ID, t.Score, t.CAP)
			for _, e := range t.Evidence {
				fmt.Printf(" %q", e.Text)
			}
			fmt.Println()
		}
	}
}

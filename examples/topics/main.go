// Command topics classifies a few diplomatic texts with the built-in
// taxonomy and prints each topic with its score, CAP code, evidence and
// supporting passages, and the foreign-affairs decision.
//
//	go run ./examples/topics
package main

import (
	"fmt"
	"log"

	"github.com/diplotext/diplotext/topic/builtin"
)

func main() {
	b, err := builtin.New(builtin.WithMaxTopics(3), builtin.WithEvidence(3))
	if err != nil {
		log.Fatal(err)
	}
	for _, s := range []string{
		"The Security Council voted to tighten sanctions and an arms embargo on the regime.",
		"Rebels shelled the city as the ceasefire collapsed and troops advanced.",
		"Washington raised tariffs on steel imports, escalating the trade dispute with Beijing.",
	} {
		dec, err := b.Decide(s)
		if err != nil {
			log.Fatal(err)
		}
		fa := dec.Foreign
		fmt.Printf("%s\n  foreign affairs: %v (CAP %d, score %.2f)\n", s, fa.Foreign, fa.CAP, fa.Score)
		for _, t := range dec.Topics {
			fmt.Printf("  %-28s %.2f  CAP %2d  evidence:", t.ID, t.Score, t.CAP)
			for _, e := range t.Evidence {
				fmt.Printf(" %q", e.Text)
			}
			for _, p := range t.Passages {
				fmt.Printf("  passage [%d,%d) %.2f", p.Start, p.End, p.Score)
			}
			fmt.Println()
		}
	}
}

// Command dedupe shows streaming near-duplicate detection: each document
// gets its group as it arrives, with the reason for each match.
package main

import (
	"context"
	"fmt"
	"log"

	"github.com/diplotext/diplotext/dedupe"
)

func main() {
	ix, err := dedupe.NewIndex()
	if err != nil {
		log.Fatal(err)
	}
	defer ix.Close()
	body := "Foreign ministers of the two countries met in Geneva on Monday to discuss a ceasefire, " +
		"humanitarian corridors and the exchange of prisoners, officials said after the talks. " +
		"The ministers agreed to meet again next month and to set up a joint working group on aid deliveries."
	docs := []struct{ id, text string }{
		{"wire-1", body},
		{"paper-7", "GENEVA (Daily Courier) - " + body + " Copyright 2026 Daily Courier. All rights reserved."},
		{"blog-3", body[:len(body)*2/3]}, // a truncated copy
		{"bank-2", "The central bank left interest rates unchanged on Thursday, citing slowing inflation."},
	}
	for _, d := range docs {
		r, err := ix.Add(context.Background(), d.id, d.text)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%-8s group %-8s", r.ID, r.Cluster)
		for _, s := range r.Similar {
			fmt.Printf("  %s (%s %.2f)", s.ID, s.Method, s.Score)
		}
		fmt.Println()
	}
}

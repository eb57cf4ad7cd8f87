// Command tone shows the tone of a short diplomatic readout: its polarity,
// registers with their meanings, cooperation value, the evidence behind
// them, and the tone toward each of two named actors.
//
//	go run ./examples/tone
package main

import (
	"fmt"
	"log"
	"strings"

	"github.com/diplotext/diplotext/text"
	"github.com/diplotext/diplotext/tone"
)

const readout = `Foreign Minister Ana Ruiz held a full and frank exchange of views with her Ruritanian counterpart in Geneva on Tuesday.
The talks did not yield breakthroughs, but both sides agreed to keep channels open.
Ruiz praised Norway for its patient mediation, while she accused Ruritania of violating the ceasefire.`

func main() {
	l, err := tone.NewLabeler()
	if err != nil {
		log.Fatal(err)
	}
	d := text.Parse(readout)
	r, err := l.LabelDocument(d)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("polarity %s (%.2f), cooperation %+.1f\n", r.Label, r.Score, r.Cooperation)
	for _, reg := range r.Register {
		fmt.Printf("register %-12s %s\n", reg, reg.Meaning())
	}
	for _, s := range r.Sentences {
		fmt.Printf("sentence %+.2f %v  %.60s…\n", s.Score, s.Register, readout[s.Start:s.End])
	}
	for _, e := range r.Evidence {
		fmt.Printf("  %-12s %+.2f  %q\n", e.Kind, e.Weight, e.Text)
	}
	for _, actor := range []string{"Norway", "Ruritania"} {
		i := strings.LastIndex(readout, actor)
		t, err := l.Toward(d, i, i+len(actor))
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("toward %-10s %s (%+.2f)\n", actor, t.Label, t.Score)
	}
}

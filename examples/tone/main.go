// Command tone shows the tone of a short diplomatic readout: its polarity,
// registers with their meanings, cooperation value, the evidence behind
// them, and the tone toward each actor over all its mentions (a person's
// pronouns included).
//
//	go run ./examples/tone
package main

import (
	"fmt"
	"log"
	"strings"
	"unicode"

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
	for _, rs := range r.Registers {
		fmt.Printf("register %-12s confidence %.2f  %s\n", rs.Register, rs.Confidence, rs.Register.Meaning())
		for _, sp := range rs.Sentences {
			fmt.Printf("    %.70s…\n", readout[sp.Start:sp.End])
		}
	}
	for _, s := range r.Sentences {
		fmt.Printf("sentence %+.2f %v  %.60s…\n", s.Score, s.Register, readout[s.Start:s.End])
	}
	for _, e := range r.Evidence {
		fmt.Printf("  %-12s %+.2f  %q\n", e.Kind, e.Weight, e.Text)
	}
	// The actors and their mentions, as an entity tagger would give them.
	var actors []tone.ActorMentions
	for _, a := range []struct {
		name   string
		person bool
		forms  []string
	}{
		{"Ana Ruiz", true, []string{"Ana Ruiz", "Ruiz"}},
		{"Norway", false, []string{"Norway"}},
		{"Ruritania", false, []string{"Ruritania"}},
	} {
		am := tone.ActorMentions{Name: a.name, Person: a.person}
		for off := 0; off < len(readout); {
			best, n := -1, 0
			for _, f := range a.forms {
				if i := strings.Index(readout[off:], f); i >= 0 && (best < 0 || i < best || i == best && len(f) > n) {
					best, n = i, len(f)
				}
			}
			if best < 0 {
				break
			}
			start, end := off+best, off+best+n
			off = end
			if end < len(readout) && unicode.IsLetter(rune(readout[end])) {
				continue // part of a longer word ("Ruritanian")
			}
			am.Mentions = append(am.Mentions, tone.Span{Start: start, End: end})
		}
		actors = append(actors, am)
	}
	tones, err := l.Actors(d, actors)
	if err != nil {
		log.Fatal(err)
	}
	for _, a := range tones {
		fmt.Printf("toward %-10s %s (%+.2f), %d mentions (%d pronouns)\n", a.Name, a.Label, a.Score, a.Mentions, a.Pronouns)
	}
}

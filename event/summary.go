package event

import (
	"math"
	"sort"
)

// Dyad sums up the events from one source country to one target country.
// Reciprocal events count once in each direction; an event with
// coordinated actors ([Event.Also]) counts once for each source and target
// pair.
type Dyad struct {
	Source    string  `json:"source"`
	Target    string  `json:"target"`
	Events    int     `json:"events"`
	Goldstein float64 `json:"goldstein"` // mean Goldstein value of its events
}

// Summary is the per-document view of a list of events.
type Summary struct {
	// Dyads lists the country pairs with at least one event whose source
	// and target countries are both known, most events first.
	Dyads []Dyad `json:"dyads"`
	// Cooperation is the confidence-weighted mean Goldstein value of the
	// events, -10..+10 (0 without events): see [Cooperation].
	Cooperation float64 `json:"cooperation"`
	Events      int     `json:"events"`
}

// Cooperation returns the document's cooperation-conflict aggregate on the
// Goldstein scale, -10..+10: the mean of the events' Goldstein values
// weighted by their Score. It is 0 for no events or zero total weight.
func Cooperation(events []Event) float64 {
	var num, den float64
	for _, e := range events {
		w := e.Score
		if !(w > 0) || math.IsInf(w, 0) {
			continue
		}
		num += w * e.Goldstein
		den += w
	}
	if den == 0 {
		return 0
	}
	return math.Round(num/den*1000) / 1000
}

// Summarize returns the dyads and the cooperation aggregate of events.
func Summarize(events []Event) Summary {
	type key struct{ s, t string }
	sum := map[key]*Dyad{}
	add := func(s, t string, g float64) {
		if s == "" || t == "" {
			return
		}
		d := sum[key{s, t}]
		if d == nil {
			d = &Dyad{Source: s, Target: t}
			sum[key{s, t}] = d
		}
		d.Events++
		d.Goldstein += g
	}
	for _, e := range events {
		if e.Source == nil || e.Target == nil {
			continue
		}
		if e.Reciprocal {
			add(e.Source.Country, e.Target.Country, e.Goldstein)
			add(e.Target.Country, e.Source.Country, e.Goldstein)
			continue
		}
		// every source (Source and the coordinated ones) toward every
		// target: "India and Japan urged Iran and Syria" is four dyads
		add(e.Source.Country, e.Target.Country, e.Goldstein)
		for _, a := range e.Also {
			if a.Role == Target {
				add(e.Source.Country, a.Country, e.Goldstein)
			}
		}
		for _, a := range e.Also {
			if a.Role != Source {
				continue
			}
			add(a.Country, e.Target.Country, e.Goldstein)
			for _, b := range e.Also {
				if b.Role == Target {
					add(a.Country, b.Country, e.Goldstein)
				}
			}
		}
	}
	out := Summary{Dyads: []Dyad{}, Cooperation: Cooperation(events), Events: len(events)}
	for _, d := range sum {
		d.Goldstein = math.Round(d.Goldstein/float64(d.Events)*1000) / 1000
		out.Dyads = append(out.Dyads, *d)
	}
	sort.Slice(out.Dyads, func(i, j int) bool {
		a, b := out.Dyads[i], out.Dyads[j]
		if a.Events != b.Events {
			return a.Events > b.Events
		}
		if a.Source != b.Source {
			return a.Source < b.Source
		}
		return a.Target < b.Target
	})
	return out
}

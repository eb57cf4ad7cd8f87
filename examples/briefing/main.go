// Command briefing reads an article and prints a short briefing for an
// analyst: the people involved and their roles, the countries,
// organisations and places, the topics and the tone.
//
//	go run ./examples/briefing               # the built-in sample article
//	go run ./examples/briefing article.txt   # an article of your own
//	cat article.txt | go run ./examples/briefing -
package main

import (
	"context"
	_ "embed"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/diplotext/diplotext"
	"github.com/diplotext/diplotext/entity"
	"github.com/diplotext/diplotext/event"
	"github.com/diplotext/diplotext/text"
)

// sample is an article written for this example: a bilateral meeting of two
// foreign ministers.
//
//go:embed sample.txt
var sample string

func main() {
	article, err := readArticle(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "briefing:", err)
		os.Exit(1)
	}
	rep, err := diplotext.Analyze(context.Background(), article)
	if err != nil {
		fmt.Fprintln(os.Stderr, "briefing:", err)
		os.Exit(1)
	}
	printBriefing(os.Stdout, article, rep)
	printEvents(os.Stdout, article, rep)
}

func readArticle(args []string) (string, error) {
	switch {
	case len(args) == 0:
		return sample, nil
	case args[0] == "-":
		b, err := io.ReadAll(os.Stdin)
		return string(b), err
	default:
		b, err := os.ReadFile(args[0])
		return string(b), err
	}
}

// group is one real entity with all its mentions.
type group struct {
	canonical, country, role string
	typ                      entity.Type
	mentions                 int
	variants                 map[string]bool
	tone                     float64
}

func printBriefing(w io.Writer, article string, rep diplotext.Report) {
	fmt.Fprintf(w, "BRIEFING: %s\n", title(article))

	groups := map[string]*group{}
	var order []string
	for _, e := range rep.Entities {
		// A country and its nationality ("Russia", "Russian") are one
		// line: their spelling key is the same ("country:RUS").
		key := e.Type.String() + "|" + e.Canonical
		if (e.Type == entity.COUNTRY || e.Type == entity.NORP) && strings.HasPrefix(e.Key, "country:") {
			key = e.Key
		}
		g := groups[key]
		if g == nil {
			g = &group{canonical: e.Canonical, typ: e.Type, variants: map[string]bool{}}
			groups[key] = g
			order = append(order, key)
		}
		g.mentions++
		g.variants[e.Text] = true
		if g.country == "" {
			g.country = e.Country
		}
		if g.role == "" {
			g.role = e.Role
		}
		if e.Tone != nil {
			g.tone += e.Tone.Score
		}
	}
	section := func(name string, types ...entity.Type) {
		var lines []string
		for _, key := range order {
			g := groups[key]
			if !hasType(g.typ, types) {
				continue
			}
			var b strings.Builder
			b.WriteString(g.canonical)
			var facts []string
			if g.role != "" {
				facts = append(facts, g.role)
			}
			if g.country != "" {
				facts = append(facts, g.country)
			}
			if len(facts) > 0 {
				fmt.Fprintf(&b, " (%s)", strings.Join(facts, ", "))
			}
			fmt.Fprintf(&b, ", %d mention%s", g.mentions, plural(g.mentions))
			if others := variants(g); len(others) > 0 {
				fmt.Fprintf(&b, ", also written %s", strings.Join(others, ", "))
			}
			if g.typ == entity.PERSON {
				fmt.Fprintf(&b, "; tone toward: %+.2f", g.tone/float64(g.mentions))
			}
			lines = append(lines, b.String())
		}
		if len(lines) == 0 {
			return
		}
		fmt.Fprintf(w, "\n%s\n", name)
		for _, l := range lines {
			fmt.Fprintf(w, "  - %s\n", l)
		}
	}
	section("People", entity.PERSON)
	section("Countries and nationalities", entity.COUNTRY, entity.NORP)
	section("Organisations", entity.ORG)
	section("Places", entity.CITY, entity.LOCATION)
	section("Other names", entity.MISC)

	fmt.Fprintf(w, "\nTopics\n")
	if len(rep.Topics) == 0 {
		fmt.Fprintln(w, "  (none above the decision threshold)")
	}
	for _, t := range rep.Topics {
		var ev []string
		for _, e := range t.Evidence {
			ev = append(ev, fmt.Sprintf("%q", e.Text))
		}
		fmt.Fprintf(w, "  - %s (score %.2f, CAP %d): %s\n", t.Label, t.Score, t.CAP, strings.Join(ev, ", "))
	}

	if rep.Tone != nil {
		t := rep.Tone
		fmt.Fprintf(w, "\nTone\n  %s (%+.2f on -1..+1); cooperation %+.1f on the -10..+10 conflict-cooperation scale\n",
			t.Label, t.Score, t.Cooperation)
		for _, r := range t.Register {
			fmt.Fprintf(w, "  - register %s: %s\n", r, r.Meaning())
		}
	}
}

// printEvents lists who did what to whom, the document's entity mentions
// serving as candidate actors with their countries.
func printEvents(w io.Writer, article string, rep diplotext.Report) {
	var actors []event.Actor
	for _, e := range rep.Entities {
		actors = append(actors, event.Actor{Start: e.Start, End: e.End, Country: e.Country, Type: string(e.Type)})
	}
	evs, err := event.Extract(article, actors...)
	if err != nil {
		fmt.Fprintln(w, "\nEvents\n  error:", err)
		return
	}
	fmt.Fprintf(w, "\nEvents\n")
	name := func(s *event.Span) string {
		if s == nil {
			return "?"
		}
		if s.Country != "" {
			return s.Text + " (" + s.Country + ")"
		}
		return s.Text
	}
	for _, e := range evs {
		arrow := "->"
		if e.Reciprocal {
			arrow = "<->"
		}
		fmt.Fprintf(w, "  - %s %s %s: %q, %s, CAMEO %s, Goldstein %+.1f (score %.2f)\n",
			name(e.Source), arrow, name(e.Target), e.Trigger.Text, e.Class, e.CAMEO, e.Goldstein, e.Score)
	}
	sum := event.Summarize(evs)
	for _, d := range sum.Dyads {
		fmt.Fprintf(w, "  dyad %s -> %s: %d events, mean Goldstein %+.1f\n", d.Source, d.Target, d.Events, d.Goldstein)
	}
	fmt.Fprintf(w, "  cooperation from the events: %+.1f on -10..+10\n", sum.Cooperation)
}

func hasType(t entity.Type, types []entity.Type) bool {
	for _, x := range types {
		if t == x {
			return true
		}
	}
	return false
}

// variants returns the spellings of a group other than its canonical name.
func variants(g *group) []string {
	var out []string
	for v := range g.variants {
		if v != g.canonical && !strings.EqualFold(v, g.canonical) {
			out = append(out, fmt.Sprintf("%q", v))
		}
	}
	sort.Strings(out)
	return out
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// title returns the article's first sentence without Markdown markers.
func title(article string) string {
	doc := text.Parse(article)
	if len(doc.Sentences) == 0 {
		return "(empty article)"
	}
	return strings.Trim(doc.SentenceText(0), "*#_ \t")
}

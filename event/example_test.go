package event_test

import (
	"fmt"
	"strings"

	"github.com/diplotext/diplotext/event"
)

func ExampleExtract() {
	evs, err := event.Extract("Iran threatened to close the Strait of Hormuz.")
	if err != nil {
		panic(err)
	}
	for _, e := range evs {
		fmt.Printf("%s -> %s: %q %s CAMEO %s Goldstein %v\n", e.Source.Text, e.Target.Text, e.Trigger.Text, e.Class, e.CAMEO, e.Goldstein)
	}
	// Output:
	// Iran -> the Strait of Hormuz: "threatened" verbal_conflict CAMEO 13 Goldstein -6
}

func ExampleExtractDocument_actors() {
	s := "Rubio and Lavrov agreed to keep channels open."
	// Candidate actors, as an entity tagger gives them, with their country.
	actors := []event.Actor{
		{Start: strings.Index(s, "Rubio"), End: strings.Index(s, "Rubio") + len("Rubio"), Country: "USA", Type: "PERSON"},
		{Start: strings.Index(s, "Lavrov"), End: strings.Index(s, "Lavrov") + len("Lavrov"), Country: "RUS", Type: "PERSON"},
	}
	evs, err := event.Extract(s, actors...)
	if err != nil {
		panic(err)
	}
	for _, e := range evs {
		fmt.Println(e.Source.Country, e.Target.Country, e.Reciprocal, e.Class, e.Goldstein)
	}
	sum := event.Summarize(evs)
	fmt.Println(sum.Dyads, sum.Cooperation)
	// Output:
	// USA RUS true verbal_cooperation 3.5
	// [{RUS USA 1 3.5} {USA RUS 1 3.5}] 3.5
}

func ExampleGoldstein() {
	for _, code := range []string{"04", "19", "0871"} {
		g, _ := event.Goldstein(code)
		d, _ := event.Description(code)
		c, _ := event.RootClass(code)
		fmt.Printf("%s %v %s (%s)\n", code, g, d, c)
	}
	// Output:
	// 04 1 CONSULT (verbal_cooperation)
	// 19 -10 FIGHT (material_conflict)
	// 0871 9 Declare truce, ceasefire (material_cooperation)
}

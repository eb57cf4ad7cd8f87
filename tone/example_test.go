package tone_test

import (
	"fmt"
	"strings"

	"github.com/diplotext/diplotext/text"
	"github.com/diplotext/diplotext/tone"
)

func ExampleLabeler_Label() {
	l, err := tone.NewLabeler()
	if err != nil {
		panic(err)
	}
	r, err := l.Label("The foreign ministers held frank talks in Geneva. " +
		"The meeting did not yield breakthroughs, but both sides agreed to keep channels open.")
	if err != nil {
		panic(err)
	}
	fmt.Println(r.Label, r.Register, r.Cooperation > 0)
	for _, reg := range r.Register {
		fmt.Printf("%s: %s\n", reg, reg.Meaning())
	}
	// Output:
	// neutral [cautious frank] true
	// cautious: Guarded: no breakthrough, expectations kept low, channels kept open.
	// frank: Candid: the parties disagreed openly; diplomats' code for real differences.
}

func ExampleLabeler_Toward() {
	l, err := tone.NewLabeler()
	if err != nil {
		panic(err)
	}
	s := "The minister warmly thanked Kenya for its excellent mediation but accused Ruritania of sabotaging the deal."
	d := text.Parse(s)
	for _, name := range []string{"Kenya", "Ruritania"} {
		i := strings.Index(s, name)
		t, err := l.Toward(d, i, i+len(name))
		if err != nil {
			panic(err)
		}
		fmt.Println(name, t.Label)
	}
	// Output:
	// Kenya positive
	// Ruritania negative
}

func ExampleRegister_Meaning() {
	fmt.Println(tone.Hostile, "-", tone.Hostile.Meaning())
	// Output: hostile - Confrontational: condemnation, rejection, threats or hostile acts.
}

func ExampleLabeler_Towards() {
	l, err := tone.NewLabeler()
	if err != nil {
		panic(err)
	}
	s := "The foreign minister praised Norway for its patient mediation, while she accused Ruritania of violating the ceasefire."
	d := text.Parse(s)
	var spans []tone.Span
	for _, name := range []string{"Norway", "Ruritania"} {
		i := strings.Index(s, name)
		spans = append(spans, tone.Span{Start: i, End: i + len(name)})
	}
	ts, err := l.Towards(d, spans) // one analysis of the sentence for both
	if err != nil {
		panic(err)
	}
	for _, t := range ts {
		fmt.Println(s[t.Start:t.End], t.Label, t.Score > 0)
	}
	// Output:
	// Norway positive true
	// Ruritania negative false
}

func ExampleLabeler_Actors() {
	l, err := tone.NewLabeler()
	if err != nil {
		panic(err)
	}
	s := "Critics accused Karl Holm of corruption. He denied wrongdoing, but Holm's party condemned his disastrous policies."
	d := text.Parse(s)
	// The mentions an entity tagger found: the full name and the surname.
	i, j := strings.Index(s, "Karl Holm"), strings.LastIndex(s, "Holm")
	mentions := []tone.Span{{Start: i, End: i + len("Karl Holm")}, {Start: j, End: j + len("Holm")}}
	acts, err := l.Actors(d, []tone.ActorMentions{{Name: "Karl Holm", Person: true, Mentions: mentions}})
	if err != nil {
		panic(err)
	}
	a := acts[0]
	fmt.Println(a.Name, a.Label, a.Mentions, "mentions,", a.Pronouns, "pronouns")
	fmt.Println("strongest:", s[a.Evidence[0].Start:a.Evidence[0].End])
	// Output:
	// Karl Holm negative 4 mentions, 2 pronouns
	// strongest: Critics accused Karl Holm of corruption.
}

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

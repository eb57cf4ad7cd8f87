package statistical_test

import (
	"fmt"
	"strings"

	"github.com/diplotext/diplotext/entity"
	"github.com/diplotext/diplotext/entity/statistical"
)

func Example() {
	rec, err := statistical.New()
	if err != nil {
		panic(err)
	}
	tagger, err := entity.NewTagger(rec)
	if err != nil {
		panic(err)
	}
	ents, err := tagger.Tag("Sergei Lavrov flew to Kuala Lumpur.")
	if err != nil {
		panic(err)
	}
	for _, e := range ents {
		fmt.Println(strings.TrimSpace(e.Text + " " + e.Type.String() + " " + e.Country))
	}
	// Output:
	// Sergei Lavrov PERSON
	// Kuala Lumpur CITY MYS
}

// The recogniser alone proposes mentions with the classes it was trained
// on (PER, ORG, LOC, MISC); the Tagger refines them.
func Example_recognize() {
	rec, err := statistical.New()
	if err != nil {
		panic(err)
	}
	ms, err := rec.Recognize(nil) // a nil document is the empty document
	fmt.Println(len(ms), ms != nil, err)
	// Output:
	// 0 true <nil>
}

package proserec_test

import (
	"fmt"

	"github.com/diplotext/diplotext/entity"
	"github.com/diplotext/diplotext/entity/proserec"
)

// A Tagger whose mentions come from prose's extractor instead of the
// default statistical recogniser; gazetteers and canonicalisation still
// apply to what prose finds.
func ExampleNew() {
	tagger, err := entity.NewTagger(proserec.New(), entity.WithGazetteerMatches(false))
	if err != nil {
		fmt.Println(err)
		return
	}
	s := "Sergey Lavrov met Marco Rubio in Kuala Lumpur."
	ents, err := tagger.Tag(s)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range ents {
		fmt.Printf("%s %q [%d,%d)\n", e.Type, e.Text, e.Start, e.End)
	}
	// Output:
	// PERSON "Sergey Lavrov" [0,13)
	// PERSON "Marco Rubio" [18,29)
	// CITY "Kuala Lumpur" [33,45)
}

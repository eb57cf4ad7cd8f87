package entity_test

import (
	"fmt"
	"strings"

	"github.com/diplotext/diplotext/entity"
	"github.com/diplotext/diplotext/entity/statistical"
	"github.com/diplotext/diplotext/text"
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
	ents, err := tagger.Tag("Russian Foreign Minister Sergei Lavrov met U.S. Secretary of State Marco Rubio in Kuala Lumpur. Lavrov said talks with Washington would go on.")
	if err != nil {
		panic(err)
	}
	for _, e := range ents {
		line := fmt.Sprintf("%-13s %-7s %-14s %s %s", e.Text, e.Type, e.Canonical, e.Country, e.Role)
		fmt.Println(strings.TrimSpace(line))
	}
	// Output:
	// Russian       NORP    Russia         RUS
	// Sergei Lavrov PERSON  Sergey Lavrov  RUS foreign minister
	// U.S.          COUNTRY United States  USA
	// Marco Rubio   PERSON  Marco Rubio    USA secretary of state
	// Kuala Lumpur  CITY    Kuala Lumpur   MYS
	// Lavrov        PERSON  Sergey Lavrov  RUS foreign minister
	// Washington    CITY    Washington     USA
}

func ExampleTagger_TagDocument() {
	rec, err := statistical.New()
	if err != nil {
		panic(err)
	}
	tagger, err := entity.NewTagger(rec)
	if err != nil {
		panic(err)
	}
	// parse once, share the document with other extractors
	doc := text.Parse("NATO allies met in Brussels.")
	ents, err := tagger.TagDocument(doc)
	if err != nil {
		panic(err)
	}
	for _, e := range ents {
		fmt.Println(e.Start, e.End, doc.Text[e.Start:e.End], e.Type, e.Canonical)
	}
	// Output:
	// 0 4 NATO ORG North Atlantic Treaty Organization
	// 19 27 Brussels CITY Brussels
}

func ExampleWithGazetteer() {
	g, err := entity.ReadGazetteer(strings.NewReader(
		"ORG\tContoso Institute for Peace\t-\tCIP\n"))
	if err != nil {
		panic(err)
	}
	rec, err := statistical.New()
	if err != nil {
		panic(err)
	}
	tagger, err := entity.NewTagger(rec, entity.WithGazetteer(g))
	if err != nil {
		panic(err)
	}
	ents, _ := tagger.Tag("A report by CIP was presented on Monday.")
	for _, e := range ents {
		fmt.Println(e.Text, e.Type, e.Canonical)
	}
	// Output:
	// CIP ORG Contoso Institute for Peace
}

func ExampleRecognizerFunc() {
	// a recogniser of your own: here, every word in capitals is an ORG
	caps := entity.RecognizerFunc(func(d *text.Document) ([]entity.Mention, error) {
		var ms []entity.Mention
		for i, t := range d.Tokens {
			w := d.TokenText(i)
			if len(w) > 1 && strings.ToUpper(w) == w && t.Kind == text.Word {
				ms = append(ms, entity.Mention{Start: t.Start, End: t.End, Type: entity.ORG, Score: 0.5})
			}
		}
		return ms, nil
	})
	tagger, err := entity.NewTagger(caps, entity.WithGazetteerMatches(false))
	if err != nil {
		panic(err)
	}
	ents, _ := tagger.Tag("ACME and the IAEA signed.")
	for _, e := range ents {
		fmt.Println(e.Text, e.Type, e.Canonical)
	}
	// Output:
	// ACME ORG ACME
	// IAEA ORG International Atomic Energy Agency
}

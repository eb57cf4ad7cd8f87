package entity_test

import (
	"testing"

	"github.com/diplotext/diplotext/entity"
)

// idOf returns the ID of the first entity with text s, and whether there
// is one.
func idOf(ents []entity.Entity, s string) (string, bool) {
	for _, e := range ents {
		if e.Text == s {
			return e.ID, true
		}
	}
	return "", false
}

func TestStableIDs(t *testing.T) {
	tg := tagger(t)
	ents, err := tg.Tag("France and Germany signed a deal with the European Union in Brussels. " +
		"The United Nations and the EU welcomed it. Officials in England, Scotland and Europe agreed. " +
		"FRANCE said the U.S. and Denmark would join.")
	if err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]string{
		"France":         "wikidata:Q142",
		"FRANCE":         "wikidata:Q142",
		"Germany":        "wikidata:Q183",
		"U.S.":           "wikidata:Q30",
		"Denmark":        "wikidata:Q35", // Denmark proper, not the Kingdom of Denmark
		"European Union": "wikidata:Q458",
		"EU":             "wikidata:Q458",
		"United Nations": "wikidata:Q1065",
		"England":        "wikidata:Q21",
		"Scotland":       "wikidata:Q22",
		"Europe":         "wikidata:Q46",
	} {
		got, ok := idOf(ents, text)
		if !ok {
			t.Errorf("%q: not found in %v", text, ents)
			continue
		}
		if got != want {
			t.Errorf("%q: ID %q, want %q", text, got, want)
		}
	}
	// a person and an unknown organisation get no id
	ents, err = tg.Tag("Sergei Lavrov met officials of the Contoso Institute.")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if e.ID != "" {
			t.Errorf("%q (%v): unexpected ID %q", e.Text, e.Type, e.ID)
		}
	}
}

func TestCityIDs(t *testing.T) {
	tg := tagger(t)
	ents, err := tg.Tag("Talks in Kuala Lumpur ended. Officials in Springfield and Moscow agreed. " +
		"Brussels would host the next round.")
	if err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]string{
		"Kuala Lumpur": "geonames:1735161",
		"Moscow":       "geonames:524901",
		"Brussels":     "geonames:2800866",
		"Springfield":  "", // Missouri or Illinois: ambiguous
	} {
		got, ok := idOf(ents, text)
		if !ok {
			t.Errorf("%q: not found in %v", text, ents)
		} else if got != want {
			t.Errorf("%q: ID %q, want %q", text, got, want)
		}
	}
	// a qualifier decides, for every mention of the city
	ents, err = tg.Tag("In Paris, Texas, the mayor spoke. Paris has 25,000 people.")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range ents {
		if e.Text == "Paris" {
			n++
			if e.ID != "geonames:4717560" {
				t.Errorf("Paris at %d: ID %q, want geonames:4717560 (Paris, Texas)", e.Start, e.ID)
			}
		}
	}
	if n != 2 {
		t.Errorf("%d mentions of Paris in %v", n, ents)
	}
}

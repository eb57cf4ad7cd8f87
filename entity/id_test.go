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

package entity_test

import (
	"testing"

	"github.com/diplotext/diplotext/entity"
)

// TestPlacesInContext checks that namesakes are chosen by the region named
// after them, that AP abbreviations after a place become places, and that
// resolved places carry coordinates and a region.
func TestPlacesInContext(t *testing.T) {
	tg := tagger(t)
	s := "The mayor flew from Paris, Texas, to London, Ont., then drove to Louisville, Ky., on Monday."
	ents, err := tg.Tag(s)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct{ country, region string }{
		"Paris": {"USA", "US.TX"}, "London": {"CAN", "CA.08"}, "Louisville": {"USA", "US.KY"}, "Ky.": {"USA", "US.KY"},
	}
	for _, e := range ents {
		if s[e.Start:e.End] != e.Text {
			t.Errorf("offsets of %q", e.Text)
		}
		w, ok := want[e.Text]
		if !ok {
			continue
		}
		delete(want, e.Text)
		if e.Country != w.country || e.Place == nil || e.Place.Region != w.region {
			t.Errorf("%s: country %q place %+v, want %s in %s", e.Text, e.Country, e.Place, w.country, w.region)
		}
	}
	for name := range want {
		t.Errorf("%s: not found in %+v", name, ents)
	}
	// alone, Paris is the French capital
	ents, err = tg.Tag("Talks resumed in Paris on Monday.")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if e.Text == "Paris" && (e.Country != "FRA" || e.Place == nil || e.Place.Lat < 48 || e.Place.Lat > 49.5) {
			t.Errorf("Paris alone: %+v %+v", e, e.Place)
		}
	}
}

// TestSurnameOfAFullNameStaysAPerson checks that a capital's name used as
// the surname of a person the document names in full is not retyped as the
// city ("Washington" after "MaliVai Washington").
func TestSurnameOfAFullNameStaysAPerson(t *testing.T) {
	tg := tagger(t)
	s := "TENNIS - O'BRIEN BEATS WASHINGTON.\nMaliVai Washington lost to Alex O'Brien on Sunday. The hard-serving O'Brien fired up 17 aces to subdue the never-say-die Washington."
	ents, err := tg.Tag(s)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range ents {
		if e.Text == "Washington" && e.Start > 0 {
			found = true
			if e.Type != entity.PERSON {
				t.Errorf("%q at %d typed %s (canonical %q), want PERSON", e.Text, e.Start, e.Type, e.Canonical)
			}
		}
	}
	if !found {
		t.Errorf("no entity Washington in %+v", ents)
	}
}

// TestAcronymIsNotATown checks that an organisation named with an acronym
// does not take the country of a town spelt with the same letters ("UN
// General Assembly" is not in Un, India).
func TestAcronymIsNotATown(t *testing.T) {
	tg := tagger(t)
	s := "Watch for a follow-up call between Rubio and Lavrov before the UN General Assembly in September."
	ents, err := tg.Tag(s)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if e.Text == "UN General Assembly" && e.Country != "" {
			t.Errorf("%q got country %q", e.Text, e.Country)
		}
	}
}

// TestKnownAcronymsAreNotTowns checks that an organisation written as an
// acronym the gazetteer expands, or that the gazetteer names in full with
// no country, takes no country from a town spelt with its letters or first
// word (Eu in France, Un in India, Nato in the Philippines, United in
// Pennsylvania), while a real place in the same sentence keeps its country.
func TestKnownAcronymsAreNotTowns(t *testing.T) {
	tg := tagger(t)
	for _, s := range []string{
		"The EU imposed new sanctions on Russia on Monday.",
		"The UN called for a ceasefire in Gaza.",
		"NATO expanded its presence in Poland.",
		"The US welcomed the United Nations vote.", // not United, Pennsylvania
		"The UN said the US would attend.",
	} {
		ents, err := tg.Tag(s)
		if err != nil {
			t.Fatal(err)
		}
		orgs, places := 0, 0
		for _, e := range ents {
			switch e.Type {
			case entity.ORG:
				orgs++
				if e.Country != "" {
					t.Errorf("%q in %q got country %q", e.Text, s, e.Country)
				}
			case entity.COUNTRY, entity.CITY:
				places++
				if e.Country == "" {
					t.Errorf("%q in %q lost its country", e.Text, s)
				}
			}
		}
		if orgs != 1 || places != 1 {
			t.Errorf("%q: %d organisations and %d places, want 1 and 1", s, orgs, places)
		}
	}
}

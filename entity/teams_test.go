package entity_test

import (
	"testing"

	"github.com/diplotext/diplotext/entity"
	"github.com/diplotext/diplotext/entity/statistical"
)

func TestNationalTeams(t *testing.T) {
	// the recogniser may miss the nicknames: a user gazetteer lists them
	g := entity.NewGazetteer()
	for _, n := range []string{"Springboks", "All Blacks"} {
		if err := g.Add(entity.ORG, n, ""); err != nil {
			t.Fatal(err)
		}
	}
	rec, err := statistical.New()
	if err != nil {
		t.Fatal(err)
	}
	tg, err := entity.NewTagger(rec, entity.WithGazetteer(g))
	if err != nil {
		t.Fatal(err)
	}
	ents, err := tg.Tag("Wales beat England 23-10 at Twickenham on Saturday. Brazil's coach said the team had played well. " +
		"RUGBY UNION - Captain Francois Pienaar said the Springboks would beat the All Blacks in Johannesburg. Fans travelled from England. France and Germany signed a trade deal.")
	if err != nil {
		t.Fatal(err)
	}
	type want struct{ canonical, key, id string }
	for text, w := range map[string]want{
		"Wales":      {"Wales national team", "team:GBR:wales", ""},
		"Brazil":     {"Brazil national team", "team:BRA", ""},
		"Springboks": {"South Africa national team", "team:ZAF", ""},
		"All Blacks": {"New Zealand national team", "team:NZL", ""},
		"France":     {"France", "country:FRA", "wikidata:Q142"},
		"Germany":    {"Germany", "country:DEU", "wikidata:Q183"},
	} {
		found := false
		for _, e := range ents {
			if e.Text != text {
				continue
			}
			found = true
			if e.Canonical != w.canonical || e.Key != w.key || e.ID != w.id {
				t.Errorf("%q: canonical %q key %q id %q, want %q %q %q", text, e.Canonical, e.Key, e.ID, w.canonical, w.key, w.id)
			}
			break
		}
		if !found {
			t.Errorf("%q not found in %v", text, ents)
		}
	}
	// the first "England" is the side, "from England" the country
	var england []entity.Entity
	for _, e := range ents {
		if e.Text == "England" {
			england = append(england, e)
		}
	}
	if len(england) != 2 || england[0].Key != "team:GBR:england" || england[1].ID != "wikidata:Q21" {
		t.Errorf("England: %+v", england)
	}
}

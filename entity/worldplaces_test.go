package entity_test

import (
	"strings"
	"testing"

	"github.com/diplotext/diplotext/entity"
)

// TestAmbiguousPlacesInWorldNews checks that short world-news texts (written
// for this test) resolve ambiguous toponyms by their context: the country
// or region named beside them, the other places of the document, and one
// sense per document. Every mention of each name listed must have the
// country given, and a place where the table has one.
func TestAmbiguousPlacesInWorldNews(t *testing.T) {
	tg := tagger(t)
	cases := []struct {
		name, text string
		want       map[string]string // mention text: country
		region     map[string]string // mention text: first-level region, if checked
	}{
		{"London, Ontario, then London alone",
			"Flooding closed roads in London, Ontario, on Tuesday, and the city's mayor asked the province for help. " +
				"Officials in Toronto and Ottawa said the river had risen two metres overnight. Residents of London were told to stay away from its banks.",
			map[string]string{"London": "CAN", "Toronto": "CAN", "Ottawa": "CAN"}, map[string]string{"London": "CA.08"}},
		{"London alone is the British capital",
			"Protesters marched through London on Saturday, and the British government said it would respond on Monday.",
			map[string]string{"London": "GBR"}, nil},
		{"Georgia the country",
			"Russian troops moved closer to the Georgian capital Tbilisi on Friday. Georgia's president said the country " +
				"would not give up South Ossetia, and officials in Moscow accused Georgia of provoking the conflict.",
			map[string]string{"Georgia": "GEO", "Tbilisi": "GEO", "Moscow": "RUS"}, nil},
		{"Georgia the state",
			"Storms swept across Atlanta overnight. The governor of Georgia declared an emergency, and crews from " +
				"Alabama and Tennessee arrived to restore power across Georgia.",
			map[string]string{"Georgia": "USA", "Atlanta": "USA", "Alabama": "USA"}, map[string]string{"Georgia": "US.GA"}},
		{"Victoria the Australian state",
			"Bushfires burned across Victoria on Sunday as temperatures in Melbourne passed 45 degrees. The premier " +
				"of Victoria said firefighters from New South Wales and South Australia had joined the effort.",
			map[string]string{"Victoria": "AUS", "Melbourne": "AUS"}, nil},
		{"Victoria the Canadian city",
			"Ferries between Vancouver and Victoria were cancelled on Monday as a storm crossed British Columbia.",
			map[string]string{"Victoria": "CAN", "Vancouver": "CAN"}, nil},
		{"Hyderabad in Pakistan",
			"Heavy rain flooded parts of Karachi and Hyderabad, and officials in Islamabad said Pakistan would seek aid.",
			map[string]string{"Hyderabad": "PAK", "Karachi": "PAK"}, nil},
		{"Hyderabad in India",
			"The Indian technology firm opened a campus in Hyderabad after its offices in Bengaluru and Chennai ran out of space.",
			map[string]string{"Hyderabad": "IND", "Bengaluru": "IND"}, nil},
		{"Tripoli in Libya",
			"Fighting broke out again in Tripoli, and the unity government said rival militias from Misrata and " +
				"Benghazi had agreed to talks in Libya's capital.",
			map[string]string{"Tripoli": "LBY", "Benghazi": "LBY"}, nil},
		{"Tripoli in Lebanon",
			"Clashes in Tripoli, Lebanon's second city, killed three people, the army said. Officials in Beirut called for calm.",
			map[string]string{"Tripoli": "LBN", "Beirut": "LBN"}, nil},
		{"Paris, Texas",
			"The festival moved from Paris, Texas, to Dallas this year, organisers said.",
			map[string]string{"Paris": "USA", "Dallas": "USA"}, map[string]string{"Paris": "US.TX"}},
		{"countries listed beside a country stay countries",
			"Ranchers in Kansas and Texas sold cattle to buyers from Morocco, Tunisia and Egypt, the Abilene exchange said.",
			map[string]string{"Morocco": "MAR", "Tunisia": "TUN", "Egypt": "EGY", "Kansas": "USA"}, nil},
		{"a dateline in capitals before a dash",
			"Roads closed after the storm. KINGSTON, Ont. — City crews worked overnight, officials in Ontario said.",
			map[string]string{"KINGSTON": "CAN"}, map[string]string{"KINGSTON": "CA.08"}},
		{"a sports heading is no dateline",
			"RUGBY - WALES BEAT ENGLAND\nWales beat England 23-19 in Cardiff on Saturday.",
			map[string]string{"Cardiff": "GBR"}, nil},
		{"a hyphenated adjective of one country",
			"Shelling hit two Georgian-controlled villages near Tbilisi, and U.S.-led talks were postponed.",
			map[string]string{"Georgian-controlled": "GEO", "U.S.-led": "USA"}, nil},
		{"Geneva under its English name is the Swiss city",
			"Talks between the two delegations resumed in Geneva on Friday.",
			map[string]string{"Geneva": "CHE"}, nil},
		{"Geneva, N.Y., stays in New York",
			"The college in Geneva, N.Y., reopened on Monday.",
			map[string]string{"Geneva": "USA"}, nil},
		{"Bosnia is the country",
			"The envoy arrived in Bosnia on Tuesday and met Croat and Bosniak leaders.",
			map[string]string{"Bosnia": "BIH", "Croat": "HRV", "Bosniak": "BIH"}, nil},
		{"nationals named by a noun",
			"Kyrgyz troops and Tajik border guards exchanged fire, and Kazakh and Uzbek officials called for calm.",
			map[string]string{"Kyrgyz": "KGZ", "Tajik": "TJK", "Kazakh": "KAZ", "Uzbek": "UZB"}, nil},
	}
	for _, c := range cases {
		ents, err := tg.Tag(c.text)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		seen := map[string]bool{}
		for _, e := range ents {
			if c.text[e.Start:e.End] != e.Text {
				t.Errorf("%s: offsets of %q", c.name, e.Text)
			}
			w, ok := c.want[e.Text]
			if !ok {
				continue
			}
			seen[e.Text] = true
			if e.Country != w {
				t.Errorf("%s: %q at %d: country %q, want %s (type %s)", c.name, e.Text, e.Start, e.Country, w, e.Type)
			}
			if r, ok := c.region[e.Text]; ok && (e.Place == nil || e.Place.Region != r) {
				t.Errorf("%s: %q at %d: place %+v, want region %s", c.name, e.Text, e.Start, e.Place, r)
			}
		}
		for name := range c.want {
			if !seen[name] {
				t.Errorf("%s: %q not found in %+v", c.name, name, ents)
			}
		}
	}
}

// TestCountiesAndSmallTowns checks the US counties and the towns of fewer
// than 1,000 people of the place table (GeoNames postal codes): a county
// gets its country and a point in its state, names listed before
// "counties" are counties, and a town typed as a person in a place
// context becomes the town.
func TestCountiesAndSmallTowns(t *testing.T) {
	tg := tagger(t)
	s := "Deputies in Tarrant County arrested two men on Friday. Sheriffs of Harper and Kingman counties in Kansas " +
		"said the storm closed roads. Sen. Tom Bakk, DFL-Cook, said the Minnesota budget would be cut."
	ents, err := tg.Tag(s)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"Tarrant County": "US.TX", "Harper": "US.KS", "Kingman": "US.KS", "Cook": "US.MN"}
	for _, e := range ents {
		if s[e.Start:e.End] != e.Text {
			t.Errorf("offsets of %q", e.Text)
		}
		r, ok := want[e.Text]
		if !ok {
			continue
		}
		delete(want, e.Text)
		if e.Country != "USA" || e.Place == nil || e.Place.Region != r {
			t.Errorf("%q: type %s country %q place %+v, want USA in %s", e.Text, e.Type, e.Country, e.Place, r)
		}
		if e.Text == "Harper" && !strings.HasSuffix(e.Canonical, "County") {
			t.Errorf("Harper: canonical %q, want the county", e.Canonical)
		}
	}
	for name := range want {
		t.Errorf("%q not found in %+v", name, ents)
	}
}

// TestSportsHeadingIsNoDateline checks that a sport named in capitals
// before a dash at the start of a report ("RUGBY - WALES BEAT ENGLAND")
// is not read as a dateline, though Rugby is a town.
func TestSportsHeadingIsNoDateline(t *testing.T) {
	ents, err := tagger(t).Tag("RUGBY - WALES BEAT ENGLAND\nWales beat England 23-19 in Cardiff on Saturday.")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if e.Text == "RUGBY" && (e.Type == entity.CITY || e.Type == entity.LOCATION) {
			t.Errorf("RUGBY: %+v", e)
		}
	}
}

// TestPersonCountryFromApposition checks that a person gets the country
// and role an apposition or a nationality before the name gives (texts
// written for this test, after the event issue's actor-country misses).
func TestPersonCountryFromApposition(t *testing.T) {
	tg := tagger(t)
	cases := []struct {
		text, name, country, role string
	}{
		{"Ahmad Karimzai, an Afghan defence spokesperson, said the attack was repelled.", "Ahmad Karimzai", "AFG", ""},
		{"Ali Kushayb, a Sudanese militia leader, appeared in court.", "Ali Kushayb", "SDN", ""},
		{"The sanctions hit firms owned by the Russian oligarch Viktor Belenko.", "Viktor Belenko", "RUS", ""},
		{"Robert Hale, U.S. undersecretary of state for political affairs, met the delegation.", "Robert Hale", "USA", "under secretary"},
		{"Ranil Wickremesinghe, the former Prime Minister of Sri Lanka, called for talks.", "Ranil Wickremesinghe", "LKA", "prime minister"},
		{"Sergei Lavrov, Russia's foreign minister, told reporters the talks would go on.", "Sergei Lavrov", "RUS", "foreign minister"},
		// a place in apposition is no nationality of the person
		{"Anna Berg, a lawyer in Paris, said the case was closed.", "Anna Berg", "", ""},
	}
	for _, c := range cases {
		ents, err := tg.Tag(c.text)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, e := range ents {
			if e.Text != c.name {
				continue
			}
			found = true
			if e.Type != entity.PERSON || e.Country != c.country || e.Role != c.role {
				t.Errorf("%q: %s country %q role %q, want PERSON %q %q", c.text, e.Type, e.Country, e.Role, c.country, c.role)
			}
		}
		if !found {
			t.Errorf("%q: %q not found in %+v", c.text, c.name, ents)
		}
	}
}

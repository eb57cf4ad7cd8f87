package entity

import (
	"strings"

	"github.com/diplotext/diplotext/entity/internal/gaz"
	"github.com/diplotext/diplotext/text"
)

// sportWords are words that make a sentence a report of a game between
// national sides ("Wales beat England at Twickenham", "Brazil's coach
// said"): results, positions, sports and competitions. Words with an
// everyday political sense ("team", "final", "victory", "draw",
// "defender", "penalty") are left out.
var sportWords = map[uint64]bool{} // by text.Hash

// sportSlugs are the sports that open a wire story's slug ("SOCCER -
// JAPAN GET LUCKY WIN", "RUGBY UNION-WALES ..."), which makes every
// country name of the story a team unless a preposition of place comes
// before it.
var sportSlugs = map[uint64]bool{} // by text.Hash

// placeWords before a country name make it the country even in a report
// of a game: "in Brazil", "from England", "visited France".
var placeWords = map[uint64]bool{} // by text.Hash

// sideNames are nicknames of national sides, by country: always the team.
var sideNames = map[uint64]string{} // by text.Hash

var sideNameList = map[string]string{
	"springboks": "ZAF", "springbok": "ZAF", "bafana bafana": "ZAF", "proteas": "ZAF",
	"all blacks": "NZL", "all black": "NZL", "black caps": "NZL", "blackcaps": "NZL",
	"wallabies": "AUS", "wallaby": "AUS", "socceroos": "AUS", "matildas": "AUS",
	"azzurri": "ITA", "les bleus": "FRA", "selecao": "BRA", "seleção": "BRA", "oranje": "NLD",
	"super eagles": "NGA", "black stars": "GHA", "indomitable lions": "CMR", "brave blossoms": "JPN",
}

func init() {
	for n, c := range sideNameList {
		sideNames[text.Hash(n)] = c
	}
	for _, w := range strings.Fields("beat beats beaten defeated thrashed routed edged outclassed " +
		"coach coaches striker strikers midfielder midfielders goalkeeper goalkeepers squad squads " +
		"captain captained referee stadium kickoff halftime half-time " +
		"rugby soccer football footballer cricket tennis hockey basketball volleyball handball " +
		"qualifier qualifiers qualifying cup tournament championship championships " +
		"match matches innings wicket wickets goal goals scored scorer " +
		"semifinal semifinals semi-final semi-finals quarterfinal quarterfinals quarter-final quarter-finals") {
		sportWords[text.Hash(w)] = true
	}
	for _, w := range strings.Fields("soccer football rugby cricket tennis golf athletics basketball baseball " +
		"hockey boxing cycling skiing swimming volleyball handball motorsport motor-racing olympics") {
		sportSlugs[text.Hash(w)] = true
	}
	for _, w := range strings.Fields("in at from into across inside throughout visit visited visiting visits") {
		placeWords[text.Hash(w)] = true
	}
}

// nationalTeams gives the country names that stand for a national side
// their own canonical name ("Wales national team"), key ("team:GBR:wales")
// and no ID, so that they are not joined to the country, nor to its
// people ("Belgian", canonical "Belgium"): a country or UK nation named
// in a sentence with a word of sport, or anywhere in a story whose slug
// names a sport, except after a preposition of place ("in Brazil"). It
// runs after the places are resolved, which read the country's canonical
// name. The type stays COUNTRY or LOCATION, as in CoNLL-2003, where
// national sides are LOC.
func (w *work) nationalTeams() {
	if len(w.ents) == 0 {
		return
	}
	slug := w.sportSlug()
	lastSent, sporty := -1, false
	var teams []int // entities made teams
	for k := range w.ents {
		e := &w.ents[k]
		if c, ok := sideNames[text.Hash(e.Text)]; ok && e.Type != PERSON {
			e.Country, e.Key, e.ID = c, "team:"+c, ""
			e.Canonical = gaz.CountryName(c) + " national team"
			continue
		}
		if e.Type != COUNTRY && e.Type != LOCATION {
			continue
		}
		if !isTeamName(e) {
			continue
		}
		if !slug {
			si := w.d.SentenceAt(e.Start)
			if si < 0 {
				continue
			}
			if si != lastSent {
				lastSent, sporty = si, w.sportSentence(si)
			}
			if !sporty {
				continue
			}
		}
		if i, _, ok := w.tokenRange(*e); ok && i > 0 && placeWords[w.hashes[i-1]] {
			continue
		}
		e.Key = teamKey(e)
		e.Canonical += " national team"
		e.ID = ""
		teams = append(teams, k)
	}
	if len(teams) == 0 || !slug {
		return
	}
	// "the Irish", "Scottish" in a sports story are the side of the
	// country the story has a team of
	for k := range w.ents {
		e := &w.ents[k]
		if e.Type != NORP {
			continue
		}
		key := teamKey(e)
		if key == "" {
			continue
		}
		for _, j := range teams {
			if w.ents[j].Key == key {
				e.Canonical, e.Key, e.ID = w.ents[j].Canonical, key, ""
				break
			}
		}
	}
}

// teamKey returns the Key of the national team of the country or UK
// nation that e names ("team:BRA", "team:GBR:wales"), or "" if e's
// canonical name is neither.
func teamKey(e *Entity) string {
	if e.Country == "" {
		return ""
	}
	if gaz.CountryName(e.Country) == e.Canonical {
		return "team:" + e.Country
	}
	if a, _, ok := gaz.AreaByName(e.Canonical); ok && !a.Org && a.Country == e.Country {
		return "team:" + e.Country + ":" + strings.ToLower(e.Canonical)
	}
	return ""
}

// isTeamName reports whether e's canonical name is that of a country or
// UK nation, whose side it may be (teamKey without building the key).
func isTeamName(e *Entity) bool {
	if e.Country == "" {
		return false
	}
	if gaz.CountryName(e.Country) == e.Canonical {
		return true
	}
	a, _, ok := gaz.AreaByName(e.Canonical)
	return ok && !a.Org && a.Country == e.Country
}

// sportSentence reports whether sentence si has a word of sport.
func (w *work) sportSentence(si int) bool {
	s := w.d.Sentences[si]
	for i := s.First; i < s.Last && i < len(w.hashes); i++ {
		if sportWords[w.hashes[i]] {
			return true
		}
	}
	return false
}

// sportSlug reports whether the document opens with a sport and a dash,
// as wire stories do ("SOCCER - ...", "RUGBY UNION-...").
func (w *work) sportSlug() bool {
	n := min(len(w.words), 4)
	if n < 2 || !sportSlugs[w.hashes[0]] {
		return false
	}
	for i := 1; i < n; i++ {
		if w.words[i] == "-" || strings.HasPrefix(w.words[i], "-") {
			return true
		}
	}
	return false
}

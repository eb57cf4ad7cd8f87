// Command places writes topic/places_gen.go: the sorted, case-folded words
// that name a country or territory other than the United States, or a
// language or people (as adjectives: "Russian", "Japanese"), taken from the
// English display names of the Unicode CLDR data in golang.org/x/text
// (language/display), plus candidate adjectival forms derived from them
// ("Iraq" → "iraqi", "Syria" → "syrian"). The classifier adds a shared
// feature for any of these words, so that a rarely seen country still
// counts as a place abroad.
//
// It also adds the single-word city names of the IANA Time Zone Database
// (tzdata, public domain) as shipped in Go's lib/time/zoneinfo.zip
// ("Europe/Belgrade" → "belgrade"), without the zones of the United
// States and without names that are common English words, and a short
// reviewed list of regions and peoples that neither source names
// ("mideast", "serb", "kurd").
//
// Run with `go generate ./topic`.
package main

import (
	"archive/zip"
	"bytes"
	"fmt"
	"go/format"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// generic words of multi-word names that do not name a place alone
var generic = map[string]bool{
	"south": true, "north": true, "east": true, "west": true, "central": true, "republic": true,
	"islands": true, "island": true, "saint": true, "new": true, "united": true, "states": true,
	"kingdom": true, "and": true, "the": true, "of": true, "st.": true, "equatorial": true,
	"outlying": true, "minor": true, "french": false, "british": false, "virgin": true, "heard": true,
	"mcdonald": true, "sar": true, "china)": true, "(islas": true, "malvinas)": true, "territory": true,
	"territories": true, "american": true, "america": true, "english": true, "us": true, "u.s.": true,
	"town": true, "city": true, "pseudo-accents": true, "pseudo-bidi": true, "world": true, "unknown": true,
	"region": true, "union": true, "nations": true, "outlying islands": true, "sign": true, "language": true,
	"old": true, "middle": true, "ancient": true, "classical": true, "standard": true, "modern": true,
	"sint": true, "great": true, "little": true, "upper": true, "lower": true, "northern": true, "southern": true,
	"eastern": true, "western": true, "low": true, "high": true, "creole": true, "pidgin": true,
	"& ": true, "&": true, "guard": true, "man": true, "chad": true, "jersey": true, "georgia": true,
	"turkey": true, "jordan": true, "niger": true, "guinea": true, "mali": true, "cook": true, "cape": true,
	"holy": true, "see": true, "ascension": true, "christmas": true, "norfolk": true, "wallis": true,
	"pitcairn": true, "bouvet": true, "tristan": true, "da": true, "cunha": true, "diego": true,
	"garcia": true, "canary": true, "ceuta": true, "melilla": true, "clipperton": true, "collectivity": true,
}

// zoneAreas are the tz areas whose cities count as places abroad.
var zoneAreas = map[string]bool{"Africa": true, "America": true, "Asia": true, "Atlantic": true,
	"Australia": true, "Europe": true, "Indian": true, "Pacific": true}

// usZones are tz zones in the United States (and its territories), whose
// cities are not abroad.
var usZones = []string{
	"America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "America/Phoenix",
	"America/Anchorage", "America/Juneau", "America/Sitka", "America/Metlakatla", "America/Yakutat",
	"America/Nome", "America/Adak", "America/Atka", "America/Boise", "America/Detroit", "America/Menominee",
	"America/Fort_Wayne", "America/Indianapolis", "America/Knox_IN", "America/Louisville", "America/Shiprock",
	"America/Puerto_Rico", "America/St_Thomas", "America/Virgin", "Pacific/Honolulu", "Pacific/Johnston",
	"Pacific/Midway", "Pacific/Wake", "Pacific/Guam", "Pacific/Saipan", "Pacific/Pago_Pago", "Pacific/Samoa",
}

// notCities are tz city names that are also common English words or names
// ("Europe/Jersey", "Pacific/Easter", "Australia/Darwin").
var notCities = map[string]bool{
	"jersey": true, "resolute": true, "regina": true, "victoria": true, "darwin": true, "dawson": true,
	"cayenne": true, "thule": true, "easter": true, "stanley": true, "christmas": true, "reunion": true,
	"oral": true, "creston": true, "canary": true, "nassau": true, "queensland": false, "tasmania": false,
	"currie": true, "lindeman": true, "eucla": true, "macquarie": true, "casey": true, "davis": true,
	"mawson": true, "palmer": true, "rothera": true, "troll": true, "vostok": false, "syowa": true,
	"mcmurdo": true, "marigot": false, "belem": false, "rosario": true, "madeira": true, "bermuda": false,
	"chatham": true, "norfolk": true, "wallis": true, "pitcairn": true, "gambier": true, "truk": true,
	"yap": true, "johnston": true, "samoa": false, "north": true, "south": true, "west": true, "central": true,
	"universal": true, "zulu": true, "greenwich": true, "eastern": true, "pacific": true, "mountain": true,
	"atlantic": true, "indiana": true, "michigan": true, "hawaii": true, "alaska": true, "aleutian": true,
	"arizona": true, "mahe": true, "chita": true, "anadyr": true, "omsk": false, "kirov": true,
	"tortola": false, "dominica": false, "grenada": false, "montreal": false, "halifax": true,
	"edmonton": false, "winnipeg": false, "atikokan": true, "moncton": true, "nipigon": true,
	"inuvik": true, "iqaluit": true, "whitehorse": true, "yellowknife": true, "pangnirtung": true,
	"merida": true, "cordoba": false, "mendoza": false, "bahia": true, "noronha": true, "recife": false,
	"fortaleza": true, "maceio": true, "araguaina": true, "santarem": true, "cuiaba": true, "manaus": false,
	"ensenada": false, "hermosillo": false, "mazatlan": false, "matamoros": false, "ojinaga": true,
	"tijuana": false, "chihuahua": true, "cancun": false, "jujuy": true, "catamarca": true, "ushuaia": false,
}

// extraPlaces are regions, peoples and armed movements abroad that
// neither CLDR nor tzdata name as single words; hand-written and reviewed.
var extraPlaces = []string{
	"mideast", "balkan", "balkans", "arab", "serb", "croat", "kurd", "soviet", "kremlin", "beijing",
	"peking", "delhi", "islamabad", "chechnya", "chechen", "kashmir", "tibet", "darfur", "ulster",
	"crimea", "golan", "sinai", "ramallah", "basra", "mosul", "falluja", "fallujah", "tikrit", "kandahar",
	"hezbollah", "hamas", "taliban", "qaeda", "pashtun", "sandinista", "contras",
}

// foreignLeaders are surnames (and a few given names) of foreign heads of
// state and government and other leading foreign political figures since
// the 1980s, chosen to be unambiguous in English news; hand-written and
// reviewed. The classifier only learns how much they count, as one shared
// feature with the places.
var foreignLeaders = []string{
	// Middle East
	"arafat", "abbas", "netanyahu", "sharon", "peres", "rabin", "olmert", "assad", "mubarak", "sadat",
	"khomeini", "khamenei", "khatami", "ahmadinejad", "rafsanjani", "saddam", "hussein", "qaddafi",
	"gaddafi", "qadhafi", "nasrallah", "zarqawi", "sadr", "chalabi", "allawi", "maliki", "jaafari",
	"talabani", "erdogan", "ocalan", "osama", "laden",
	// Europe and the former Soviet Union
	"yeltsin", "putin", "gorbachev", "medvedev", "zyuganov", "chernomyrdin", "primakov", "chirac",
	"sarkozy", "jospin", "mitterrand", "kohl", "schroder", "schroeder", "merkel", "blair", "thatcher",
	"berlusconi", "prodi", "aznar", "zapatero", "milosevic", "karadzic", "mladic", "tudjman",
	"izetbegovic", "kostunica", "djindjic", "havel", "walesa", "kwasniewski", "lukashenko", "kuchma",
	"yushchenko", "yanukovych", "tymoshenko", "saakashvili", "shevardnadze", "zelensky", "zelenskyy",
	// Asia
	"zemin", "xiaoping", "jintao", "jiabao", "rongji", "jinping", "koizumi", "hashimoto", "obuchi",
	"musharraf", "bhutto", "vajpayee", "karzai", "suharto", "habibie", "megawati", "mahathir",
	"thaksin", "modi",
	// Africa and Latin America
	"mandela", "mbeki", "mugabe", "kabila", "mobutu", "obasanjo", "abacha", "fidel", "fujimori",
	"zedillo", "lula", "pinochet", "noriega", "aristide", "preval", "sandinistas",
}

// usPlaces are US states and large US cities and boroughs, as single
// case-folded words (and the abbreviations of New York, New Jersey and
// Long Island in headlines), a shared feature for domestic news;
// hand-written and reviewed. Ambiguous names (Washington, Georgia's
// neighbour words, "New" alone) are left out.
var usPlaces = []string{
	"alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut", "delaware",
	"florida", "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas", "kentucky", "louisiana",
	"maine", "maryland", "massachusetts", "michigan", "minnesota", "mississippi", "missouri", "montana",
	"nebraska", "nevada", "ohio", "oklahoma", "oregon", "pennsylvania", "tennessee", "texas", "utah",
	"vermont", "virginia", "wisconsin", "wyoming", "jersey", "carolina", "dakota", "hampshire",
	"brooklyn", "bronx", "manhattan", "harlem", "staten", "albany", "yonkers", "newark", "trenton",
	"hartford", "boston", "chicago", "philadelphia", "detroit", "atlanta", "houston", "dallas", "miami",
	"seattle", "denver", "phoenix", "cleveland", "pittsburgh", "baltimore", "milwaukee", "sacramento",
	"l.i.", "n.y.", "n.j.", "n.y.c.",
}

// zoneCities returns the single-word city names of the tz zones in
// zoneinfo.zip outside the United States, and the tzdata version.
func zoneCities() ([]string, string, error) {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return nil, "", err
	}
	dir := filepath.Join(strings.TrimSpace(string(out)), "lib", "time")
	version := "unknown"
	if b, err := os.ReadFile(filepath.Join(dir, "update.bash")); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(l, "DATA="); ok {
				version = strings.TrimSpace(v)
			}
		}
	}
	zr, err := zip.OpenReader(filepath.Join(dir, "zoneinfo.zip"))
	if err != nil {
		return nil, "", err
	}
	defer zr.Close()
	var cities []string
	for _, f := range zr.File {
		area, city, ok := strings.Cut(f.Name, "/")
		if !ok || !zoneAreas[area] || slices.Contains(usZones, f.Name) || strings.Contains(city, "/") {
			continue
		}
		w := strings.ToLower(city)
		if strings.ContainsAny(w, "_-") || len(w) < 4 || notCities[w] || generic[w] {
			continue
		}
		cities = append(cities, w)
	}
	return cities, version, nil
}

func words(name string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return unicode.IsSpace(r) || r == '(' || r == ')' || r == ',' || r == '&' }) {
		w = strings.ToLower(strings.Trim(w, ".’'"))
		if len(w) < 4 || generic[w] || strings.ContainsAny(w, "0123456789") {
			continue
		}
		out = append(out, w)
	}
	return out
}

func main() {
	set := map[string]bool{}
	regions := display.English.Regions()
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			r, err := language.ParseRegion(string([]rune{a, b}))
			if err != nil || !r.IsCountry() || r.String() == "US" {
				continue
			}
			name := regions.Name(r)
			if name == "" {
				continue
			}
			for _, w := range words(name) {
				set[w] = true
				if strings.HasSuffix(w, "a") {
					set[w+"n"] = true // russia → russian, cuba → cuban
				}
				if strings.HasSuffix(w, "o") {
					set[w[:len(w)-1]+"an"] = true // mexico → mexican
				}
				switch w[len(w)-1] {
				case 'q', 'l', 'n', 'h', 'd', 'i': // iraq, israel, pakistan, bangladesh, iran
					set[w+"i"] = true
					set[w+"ian"] = true
				case 't', 'r', 'e', 's', 'u', 'm', 'y', 'k':
					set[w+"ian"] = true // egypt → egyptian, brazil
					set[w+"an"] = true
				}
				if strings.HasSuffix(w, "l") {
					set[w+"ian"] = true // brazilian
				}
			}
		}
	}
	langs := display.English.Languages()
	for a := 'a'; a <= 'z'; a++ {
		for b := 'a'; b <= 'z'; b++ {
			base, err := language.ParseBase(string([]rune{a, b}))
			if err != nil {
				continue
			}
			for _, w := range words(langs.Name(base)) {
				set[w] = true
			}
		}
	}
	cities, tzVersion, err := zoneCities()
	if err != nil {
		fmt.Fprintln(os.Stderr, "places: tzdata:", err)
		os.Exit(1)
	}
	for _, w := range cities {
		set[w] = true
	}
	for _, w := range extraPlaces {
		set[w] = true
	}
	for _, w := range foreignLeaders {
		set[w] = true
	}
	us := slices.Clone(usPlaces)
	slices.Sort(us)
	us = slices.Compact(us)
	list := make([]string, 0, len(set))
	for w := range set {
		list = append(list, w)
	}
	slices.Sort(list)
	version := "unknown"
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == "golang.org/x/text" {
				version = d.Version
			}
		}
	}
	var buf bytes.Buffer
	fmt.Fprintf(&buf, `// Code generated by topic/internal/gen/places from golang.org/x/text %s
// (language/display: Unicode CLDR English region and language names,
// Unicode License v3 / BSD-3-Clause) and the city names of the IANA Time
// Zone Database %s (public domain) in Go's lib/time/zoneinfo.zip; DO NOT EDIT.

package topic

// placesVersion names the upstreams of placeWords.
const placesVersion = "golang.org/x/text %s, tzdata %s"

// placeWords are case-folded words naming a country, territory or city
// other than in the United States, a language or a people, and derived
// adjectival forms, plus a reviewed list of foreign leaders' names; sorted.
var placeWords = [...]string{
`, version, tzVersion, version, tzVersion)
	for _, w := range list {
		fmt.Fprintf(&buf, "\t%q,\n", w)
	}
	buf.WriteString(`}

// usPlaceWords are case-folded names of US states and large US cities,
// a shared feature for domestic news; sorted.
var usPlaceWords = [...]string{
`)
	for _, w := range us {
		fmt.Fprintf(&buf, "\t%q,\n", w)
	}
	buf.WriteString("}\n")
	src, err := format.Source(buf.Bytes())
	if err != nil {
		fmt.Fprintln(os.Stderr, "places:", err)
		os.Exit(1)
	}
	if err := os.WriteFile("places_gen.go", src, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "places:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "places: %d words\n", len(list))
}

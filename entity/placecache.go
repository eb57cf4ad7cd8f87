package entity

import (
	"strings"
	"sync"

	"github.com/diplotext/diplotext/entity/internal/gaz"
)

// maxPlaceNames bounds the names a document's place cache holds: beyond
// it, a name is looked up each time (a document that names more than
// this many distinct places pays the search again, not the memory).
const maxPlaceNames = 4096

// placeLookup is a cached answer of gaz.Places.
type placeLookup struct {
	rows []gaz.Place
	err  error
}

// maxSharedPlaceNames bounds the process-wide cache of gaz.Places: when
// it is full it starts afresh.
const maxSharedPlaceNames = 1 << 14

// sharedPlaces caches gaz.Places across documents and goroutines: the
// place table is embedded and immutable, so an answer never changes, and
// the names news and speeches give recur from one document to the next
// ("Syria", "United States"), each a binary search of the table and a
// parse of its rows. The rows are shared, clipped so that an append
// copies them: nobody changes them.
var sharedPlaces struct {
	mu sync.RWMutex
	m  map[string]placeLookup
}

// sharedPlaceRows returns gaz.Places(name), from the process-wide cache
// when any document asked before.
func sharedPlaceRows(name string) ([]gaz.Place, error) {
	sharedPlaces.mu.RLock()
	l, ok := sharedPlaces.m[name]
	sharedPlaces.mu.RUnlock()
	if ok {
		return l.rows, l.err
	}
	rows, err := gaz.Places(name)
	rows = rows[:len(rows):len(rows)]
	sharedPlaces.mu.Lock()
	if sharedPlaces.m == nil || len(sharedPlaces.m) >= maxSharedPlaceNames {
		sharedPlaces.m = make(map[string]placeLookup, 1024)
	}
	// the key is copied: a name is often a slice of a document's text,
	// which the process-wide cache must not keep alive
	sharedPlaces.m[strings.Clone(name)] = placeLookup{rows: rows, err: err}
	sharedPlaces.mu.Unlock()
	return rows, err
}

// placeCache holds, for one document, the rows of the place table found
// for each name, the lookup key of each name and the centre of each
// country, so that a name the document repeats ("Paris" a thousand
// times) is searched and parsed once. The rows it returns are shared:
// callers copy before they change them.
type placeCache struct {
	rows    map[string]placeLookup
	prefix  map[string][]gaz.Place // by name: the rows of prefixRows
	keys    map[string]string
	centres map[string]*gaz.Place // nil: no centre known
}

// reset empties the cache for the next document.
func (c *placeCache) reset() {
	clear(c.rows)
	clear(c.prefix)
	clear(c.keys)
	clear(c.centres)
}

// placeRows returns gaz.Places(name) for the document, from the cache when
// the document asked before. The rows must not be changed.
func (w *work) placeRows(name string) ([]gaz.Place, error) {
	c := &w.placeCache
	if l, ok := c.rows[name]; ok {
		return l.rows, l.err
	}
	rows, err := sharedPlaceRows(name)
	if c.rows == nil {
		c.rows = map[string]placeLookup{}
	}
	if len(c.rows) < maxPlaceNames {
		c.rows[name] = placeLookup{rows: rows, err: err}
	}
	return rows, err
}

// sharedPrefixRows returns w.prefixRows(name), from the cache when the
// document asked before. The rows must not be changed.
func (w *work) sharedPrefixRows(name string) []gaz.Place {
	c := &w.placeCache
	if rows, ok := c.prefix[name]; ok {
		return rows
	}
	rows := w.prefixRows(name)
	if c.prefix == nil {
		c.prefix = map[string][]gaz.Place{}
	}
	if len(c.prefix) < maxPlaceNames {
		c.prefix[name] = rows
	}
	return rows
}

// placeKey returns gaz.PlaceKey(name), from the cache when the document
// asked before.
func (w *work) placeKey(name string) string {
	c := &w.placeCache
	if k, ok := c.keys[name]; ok {
		return k
	}
	k := gaz.PlaceKey(name)
	if c.keys == nil {
		c.keys = map[string]string{}
	}
	if len(c.keys) < maxPlaceNames {
		c.keys[name] = k
	}
	return k
}

// setCountryCentre gives a country entity the centre of its country.
func (w *work) setCountryCentre(e *Entity) {
	if e.Country == "" || e.Place != nil {
		return
	}
	c := &w.placeCache
	p, ok := c.centres[e.Country]
	if !ok {
		if row, found := gaz.CountryCentre(e.Country); found {
			p = &row
		}
		if c.centres == nil {
			c.centres = map[string]*gaz.Place{}
		}
		if len(c.centres) < maxPlaceNames {
			c.centres[e.Country] = p
		}
	}
	if p != nil {
		e.Place = &Place{Lat: p.Lat, Lon: p.Lon}
	}
}

package entity

import (
	"fmt"
)

// Type is the type of an entity.
type Type uint8

// Entity types. The zero value is not a valid type.
const (
	// PERSON is a person: "Sergei Lavrov".
	PERSON Type = iota + 1
	// ORG is an organisation, government body or news organisation:
	// "ASEAN", "the Kremlin", "NDTV".
	ORG
	// COUNTRY is a country or territory: "Malaysia", "U.S.".
	COUNTRY
	// CITY is a city: "Kuala Lumpur".
	CITY
	// LOCATION is any other place: regions, seas, rivers: "Middle East".
	LOCATION
	// NORP is a nationality, religious or political group: "Russian".
	NORP
	// MISC is any other name: events, treaties, laws.
	MISC
)

var typeNames = [...]string{"", "PERSON", "ORG", "COUNTRY", "CITY", "LOCATION", "NORP", "MISC"}

// Types lists all entity types in order.
var allTypes = [...]Type{PERSON, ORG, COUNTRY, CITY, LOCATION, NORP, MISC}

// String returns the name of the type ("PERSON", "ORG", ...), or
// "Type(n)" for an invalid value.
func (t Type) String() string {
	if t > 0 && int(t) < len(typeNames) {
		return typeNames[t]
	}
	return fmt.Sprintf("Type(%d)", uint8(t))
}

// MarshalText encodes the type as its name.
func (t Type) MarshalText() ([]byte, error) {
	if t == 0 || int(t) >= len(typeNames) {
		return nil, fmt.Errorf("entity: invalid type %d", uint8(t))
	}
	return []byte(typeNames[t]), nil
}

// UnmarshalText decodes a type name such as "PERSON".
func (t *Type) UnmarshalText(b []byte) error {
	p, err := ParseType(string(b))
	if err != nil {
		return err
	}
	*t = p
	return nil
}

// ParseType returns the type named s ("PERSON", "ORG", "COUNTRY", "CITY",
// "LOCATION", "NORP" or "MISC").
func ParseType(s string) (Type, error) {
	for _, t := range allTypes {
		if typeNames[t] == s {
			return t, nil
		}
	}
	return 0, fmt.Errorf("entity: unknown type %q", s)
}

// CoNLL returns the CoNLL-2003 class of the type: PER, ORG, LOC (COUNTRY,
// CITY, LOCATION) or MISC (NORP, MISC).
func (t Type) CoNLL() string {
	switch t {
	case PERSON:
		return "PER"
	case ORG:
		return "ORG"
	case COUNTRY, CITY, LOCATION:
		return "LOC"
	case NORP, MISC:
		return "MISC"
	}
	return ""
}

// Entity is one entity mention of a text.
type Entity struct {
	// Text is the mention, input[Start:End].
	Text string `json:"text"`
	Type Type   `json:"type"`
	// Start and End are byte offsets into the input.
	Start int `json:"start"`
	End   int `json:"end"`
	// Canonical is the name the entity is known by: the full name of a
	// person first mentioned in the document ("Sergey Lavrov" for a later
	// "Lavrov" or "Sergei Lavrov"), the common name of a country
	// ("United States" for "U.S."), the official name of an organisation.
	Canonical string `json:"canonical"`
	// Country is the ISO 3166-1 alpha-3 code of the country the entity
	// belongs to or names, if known.
	Country string `json:"country,omitempty"`
	// Role is the role of a person from a title next to the name
	// ("foreign minister", "president"), if any.
	Role string `json:"role,omitempty"`
	// Score is the recogniser's confidence in (0, 1]; gazetteer matches
	// score 1.
	Score float64 `json:"score,omitempty"`
	// Place is where a city or other place lies (latitude, longitude and
	// first-level region of the namesake the document means), when the
	// place table knows it; nil otherwise.
	Place *Place `json:"place,omitempty"`
	// Key is a spelling key that documents agree on, for joining the
	// entities of several documents: "country:RUS" for a country or a
	// nationality with a known country ("Russia", "Russian", "RUSSIA");
	// for a person "person:" and the name's words folded to one spelling
	// of their transliteration variants ("Sergey Lavrov", "Sergei
	// Lavrov" and "SERGEI LAVROV" are all "person:sergei lavrov");
	// "team:BRA" or "team:GBR:wales" for a national side ("Brazil's
	// coach", "Wales beat England"); otherwise the type and the canonical
	// name in lower case without diacritics ("org:world trade
	// organization"). See [SpellingKey].
	Key string `json:"key,omitempty"`
	// ID is a stable identifier of the real entity, for joining
	// documents, given only where the name resolves unambiguously:
	// "wikidata:Q142" for a country ("France", "French Republic",
	// "FRANCE"), a constituent country or territory ("England",
	// "Hawaii"), a continent or UN region ("Europe", "Western Africa"),
	// the European Union or the United Nations. Ids come from the
	// generated tables (see docs/entity.md for their provenance); a
	// country name used for a national team ("Wales beat England") has
	// none. Empty otherwise.
	ID string `json:"id,omitempty"`
}

package gaz

// Country is one country or territory of the generated country table.
type Country struct {
	Code        string // ISO 3166-1 alpha-3
	Name        string // common English name
	Official    string
	Independent bool
	Area        float64
	Capital     string
	Aliases     []string
	Demonyms    []string
	// Wikidata is the country's Wikidata id ("Q142"), or "".
	Wikidata string
}

// Area is an area other than an ISO 3166-1 country with a Wikidata id:
// "England", "Hawaii", "Europe", "Western Africa"; with Org, the European
// Union or the United Nations.
type Area struct {
	Name     string
	Wikidata string // "Q21"
	Country  string // ISO 3166-1 alpha-3 of the country it is part of, or ""
	Org      bool
}

// City is one city of the generated city table.
type City struct {
	Name       string
	Country    string // ISO 3166-1 alpha-3
	Population int
	Capital    bool
}

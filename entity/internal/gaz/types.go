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
}

// City is one city of the generated city table.
type City struct {
	Name       string
	Country    string // ISO 3166-1 alpha-3
	Population int
	Capital    bool
}

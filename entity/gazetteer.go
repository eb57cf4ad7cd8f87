package entity

import (
	"fmt"
	"io"
	"strings"

	"github.com/diplotext/diplotext/entity/internal/gaz"
)

// Gazetteer is a user list of names to add to a [Tagger] with
// [WithGazetteer]: each entry has a type, a canonical name, an optional
// country and aliases. A Gazetteer is not safe for concurrent
// modification; the Tagger copies it when it is built.
type Gazetteer struct {
	lines []string
}

// NewGazetteer returns an empty gazetteer.
func NewGazetteer() *Gazetteer { return &Gazetteer{} }

// Add adds an entry: text equal to canonical or to one of the aliases
// (compared without regard to case, except for aliases written in capitals
// only, such as "NATO") is tagged typ with that canonical name and
// country (an ISO 3166-1 alpha-3 code, three capital letters, or "";
// another value is an error). A text matching a user entry gets the
// entry's type, canonical name and country whatever the recogniser
// proposed for it. PERSON entries are not supported: people are linked by
// the Tagger itself.
func (g *Gazetteer) Add(typ Type, canonical, country string, aliases ...string) error {
	k, err := kindOf(typ)
	if err != nil {
		return err
	}
	clean := func(s string) string {
		return strings.Join(strings.Fields(strings.NewReplacer("\t", " ", "|", " ").Replace(s)), " ")
	}
	canonical = clean(canonical)
	if canonical == "" {
		return fmt.Errorf("entity: gazetteer: empty name")
	}
	if country != "" && !isCountryCode(country) {
		return fmt.Errorf("entity: gazetteer: %q: country %q is not an ISO 3166-1 alpha-3 code (three capital letters)", canonical, country)
	}
	if country == "" {
		country = "-"
	}
	var as []string
	for _, a := range aliases {
		if a = clean(a); a != "" {
			as = append(as, a)
		}
	}
	g.lines = append(g.lines, k.String()+"\t"+canonical+"\t"+clean(country)+"\t"+strings.Join(as, "|"))
	return nil
}

// isCountryCode reports whether s has the form of an ISO 3166-1 alpha-3
// code: three capital ASCII letters (user-assigned codes such as "XKX"
// for Kosovo are accepted).
func isCountryCode(s string) bool {
	if len(s) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

func kindOf(t Type) (gaz.Kind, error) {
	switch t {
	case ORG:
		return gaz.KOrg, nil
	case COUNTRY:
		return gaz.KCountry, nil
	case CITY:
		return gaz.KCity, nil
	case LOCATION:
		return gaz.KLoc, nil
	case NORP:
		return gaz.KNORP, nil
	case MISC:
		return gaz.KMisc, nil
	}
	return 0, fmt.Errorf("entity: gazetteer: type %v not supported", t)
}

// ReadGazetteer reads a gazetteer in the tab-separated format of the
// built-in lexicon: one entry a line, TYPE, CANONICAL, COUNTRY (or "-")
// and aliases separated by "|"; blank lines and lines starting with #
// are skipped. TYPE is an entity type (ORG, COUNTRY, CITY, LOCATION,
// NORP, MISC). At most 64 MiB are read.
func ReadGazetteer(r io.Reader) (*Gazetteer, error) {
	data, err := io.ReadAll(io.LimitReader(r, 64<<20))
	if err != nil {
		return nil, fmt.Errorf("entity: read gazetteer: %w", err)
	}
	g := NewGazetteer()
	for n, line := range strings.Split(string(data), "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 2 || len(f) > 4 {
			return nil, fmt.Errorf("entity: read gazetteer: line %d: want 2 to 4 tab-separated fields, have %d", n+1, len(f))
		}
		t, err := ParseType(strings.TrimSpace(f[0]))
		if err != nil {
			return nil, fmt.Errorf("entity: read gazetteer: line %d: %w", n+1, err)
		}
		country := ""
		if len(f) > 2 && strings.TrimSpace(f[2]) != "-" {
			country = strings.TrimSpace(f[2])
		}
		var aliases []string
		if len(f) > 3 {
			aliases = strings.Split(f[3], "|")
		}
		if err := g.Add(t, f[1], country, aliases...); err != nil {
			return nil, fmt.Errorf("entity: read gazetteer: line %d: %w", n+1, err)
		}
	}
	return g, nil
}

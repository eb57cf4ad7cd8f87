package entityeval

import (
	"encoding/xml"
	"fmt"
	"io"
	"math"

	"github.com/diplotext/diplotext/entity"
)

// Places are the counts of an evaluation of the country of toponyms:
// Gold toponyms resolved to a country, Predicted of them overlapped by an
// entity with a country, Correct of those with the annotated country.
type Places struct {
	Articles, Gold, Predicted, Correct int
	// Found is the number of gold toponyms an entity overlaps, with or
	// without a country.
	Found int
	// Coords is the number of gold toponyms with annotated coordinates,
	// Located of them overlapped by an entity with coordinates, Within50
	// of those within 50 km of the annotated point.
	Coords, Located, Within50 int
}

// PlacesOptions select the articles scored and where to report errors.
type PlacesOptions struct {
	// Split is "" (all articles), "even" or "odd" (the articles of even
	// or odd position, counting from 0: the even ones tune the weights,
	// the odd ones are held out).
	Split string
	// Misses, if not nil, receives one line per toponym given no country
	// or a wrong one.
	Misses io.Writer
}

// PRF returns precision, recall and F1 of the country.
func (p Places) PRF() (precision, recall, f1 float64) {
	if p.Predicted > 0 {
		precision = float64(p.Correct) / float64(p.Predicted)
	}
	if p.Gold > 0 {
		recall = float64(p.Correct) / float64(p.Gold)
	}
	if precision+recall > 0 {
		f1 = 2 * precision * recall / (precision + recall)
	}
	return
}

// lglArticle is one article of the LGL corpus (the XML of
// milangritta/Pragmatic-Guide-to-Geoparsing-Evaluation).
type lglArticle struct {
	Text     string `xml:"text"`
	Toponyms []struct {
		Start   int      `xml:"start"`
		End     int      `xml:"end"`
		Phrase  string   `xml:"phrase"`
		Country string   `xml:"gaztag>country"`
		Lat     *float64 `xml:"gaztag>lat"`
		Lon     *float64 `xml:"gaztag>lon"`
	} `xml:"toponyms>toponym"`
}

// EvalPlaces scores the countries tag gives the toponyms of the LGL
// corpus read from r (local news articles whose toponyms annotators
// resolved to GeoNames). Each article goes to tag as raw text; a gold
// toponym takes the country of the first entity it overlaps. The
// annotated country names are turned into ISO 3166-1 alpha-3 codes by
// names, the country name given alone to names and its first COUNTRY
// entity's code taken; toponyms whose country name gives no code are
// left out. Offsets in the corpus count characters (runes), converted
// here to bytes. Coordinates are scored on the toponyms annotated with
// them: the share whose entity has a point within 50 km.
func EvalPlaces(tag, names TagFunc, r io.Reader, opt PlacesOptions) (Places, error) {
	var p Places
	if opt.Split != "" && opt.Split != "even" && opt.Split != "odd" {
		return p, fmt.Errorf("entityeval: split %q: want even or odd", opt.Split)
	}
	n := -1
	dec := xml.NewDecoder(r)
	codes := map[string]string{}
	code := func(name string) (string, error) {
		if c, ok := codes[name]; ok {
			return c, nil
		}
		ents, err := names(name)
		if err != nil {
			return "", err
		}
		c := ""
		for _, e := range ents {
			if e.Type == entity.COUNTRY && e.Country != "" {
				c = e.Country
				break
			}
		}
		codes[name] = c
		return c, nil
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return p, fmt.Errorf("entityeval: %w", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "article" {
			continue
		}
		var a lglArticle
		if err := dec.DecodeElement(&a, &se); err != nil {
			return p, fmt.Errorf("entityeval: article %d: %w", p.Articles+1, err)
		}
		n++
		if opt.Split == "even" && n%2 != 0 || opt.Split == "odd" && n%2 != 1 {
			continue
		}
		p.Articles++
		ents, err := tag(a.Text)
		if err != nil {
			return p, err
		}
		// rune offsets to byte offsets
		bytesAt := make([]int, 0, len(a.Text)+1)
		for i := range a.Text {
			bytesAt = append(bytesAt, i)
		}
		bytesAt = append(bytesAt, len(a.Text))
		for _, t := range a.Toponyms {
			if t.Country == "" || t.Start < 0 || t.End >= len(bytesAt) || t.Start >= t.End {
				continue
			}
			want, err := code(t.Country)
			if err != nil {
				return p, err
			}
			if want == "" {
				continue
			}
			p.Gold++
			hasCoords := t.Lat != nil && t.Lon != nil
			if hasCoords {
				p.Coords++
			}
			s, e := bytesAt[t.Start], bytesAt[t.End]
			got, typ, gotText := "", "-", ""
			for _, en := range ents {
				if en.Start < e && en.End > s {
					p.Found++
					got, typ, gotText = en.Country, en.Type.String(), en.Text
					if en.Country != "" {
						p.Predicted++
						if en.Country == want {
							p.Correct++
						}
					}
					if hasCoords && en.Place != nil {
						p.Located++
						if km(*t.Lat, *t.Lon, en.Place.Lat, en.Place.Lon) <= 50 {
							p.Within50++
						}
					}
					break
				}
			}
			if opt.Misses != nil && got != want {
				fmt.Fprintf(opt.Misses, "%d\t%s\twant %s\tgot %s\t%s %q\n", n, t.Phrase, want, got, typ, gotText)
			}
		}
	}
	return p, nil
}

// km returns the great-circle distance in kilometres between two points
// given in degrees.
func km(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	rad := math.Pi / 180
	dlat, dlon := (lat2-lat1)*rad, (lon2-lon1)*rad
	a := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(a)))
}

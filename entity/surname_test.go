package entity_test

import (
	"testing"

	"github.com/diplotext/diplotext/entity"
)

// TestSurnameThatIsAPlace: a surname that is also a large place is the
// person when the document never uses it as a place, and stays a place
// when it does.
func TestSurnameThatIsAPlace(t *testing.T) {
	tg := tagger(t)
	for _, c := range []struct {
		in   string
		want entity.Type
	}{
		{"MaliVai Washington beat Jim Courier 6-4 6-2. Washington served well.", entity.PERSON},
		{"Senator Bob Jordan met officials in Amman. Talks in Jordan went on for hours.", entity.COUNTRY},
	} {
		ents, err := tg.Tag(c.in)
		if err != nil {
			t.Fatal(err)
		}
		checkSpans(t, c.in, ents)
		var got []entity.Entity
		for _, e := range ents {
			if e.Text == "Washington" || e.Text == "Jordan" {
				got = append(got, e)
			}
		}
		if len(got) == 0 {
			t.Errorf("%q: no mention found: %+v", c.in, ents)
		}
		for _, e := range got {
			if e.Type != c.want {
				t.Errorf("%q: %q is %s, want %s", c.in, e.Text, e.Type, c.want)
			}
		}
	}
}

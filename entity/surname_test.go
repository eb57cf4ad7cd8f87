package entity_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/diplotext/diplotext/entity"
	"github.com/diplotext/diplotext/text"
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

// TestRetypeByDocument: one-word "people" take the type the rest of the
// document gives their name.
func TestRetypeByDocument(t *testing.T) {
	in := "Chechen fighters left Chechnya. Tajik troops in Tajikistan met Tajik. Real Madrid won and Real scored. Scots and Scottish fans sang."
	rec := entity.RecognizerFunc(func(d *text.Document) ([]entity.Mention, error) {
		var ms []entity.Mention
		add := func(s string, typ entity.Type, from int) int {
			i := strings.Index(d.Text[from:], s) + from
			ms = append(ms, entity.Mention{Start: i, End: i + len(s), Type: typ, Score: 0.9})
			return i + len(s)
		}
		at := add("Chechen", entity.MISC, 0)
		at = add("Chechnya", entity.PERSON, at)
		at = add("Tajik", entity.MISC, at)
		at = add("Tajikistan", entity.LOCATION, at)
		at = add("Tajik", entity.PERSON, at)
		at = add("Real Madrid", entity.ORG, at)
		at = add("Real", entity.PERSON, at)
		at = add("Scots", entity.PERSON, at)
		add("Scottish", entity.MISC, at)
		return ms, nil
	})
	tg, err := entity.NewTagger(rec)
	if err != nil {
		t.Fatal(err)
	}
	ents, err := tg.Tag(in)
	if err != nil {
		t.Fatal(err)
	}
	checkSpans(t, in, ents)
	got := map[string][]entity.Type{}
	for _, e := range ents {
		got[e.Text] = append(got[e.Text], e.Type)
	}
	want := map[string][]entity.Type{
		"Chechnya": {entity.LOCATION},
		"Tajik":    {entity.NORP, entity.NORP},
		"Real":     {entity.ORG},
		"Scots":    {entity.PERSON}, // "Scots" and "Scottish": neither is the place
	}
	for k, v := range want {
		if !slices.Equal(got[k], v) {
			t.Errorf("%q: types %v, want %v", k, got[k], v)
		}
	}
}

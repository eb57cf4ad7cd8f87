package event

import (
	"strings"
	"testing"

	"github.com/diplotext/diplotext/text"
)

// With WithActorPhrases the spans are those found without actors, and the
// countries come from the given actors inside them.
func TestActorPhrases(t *testing.T) {
	s := "The Croatian government criticised Serbia on Monday ."
	at := func(w, c string) Actor {
		i := strings.Index(s, w)
		return Actor{Start: i, End: i + len(w), Country: c, Type: "COUNTRY"}
	}
	acts := []Actor{at("Croatian", "HRV"), at("Serbia", "SRB")}
	plain, err := New(WithoutActorsRequired())
	if err != nil {
		t.Fatal(err)
	}
	x, err := New(WithoutActorsRequired(), WithActorPhrases())
	if err != nil {
		t.Fatal(err)
	}
	want, err := plain.Extract(s)
	if err != nil {
		t.Fatal(err)
	}
	got, err := x.Extract(s, acts...)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || len(want) != 1 {
		t.Fatalf("events: %d with phrases, %d without actors; want 1 each", len(got), len(want))
	}
	g, w := got[0], want[0]
	if g.Source == nil || w.Source == nil || g.Source.Start != w.Source.Start || g.Source.End != w.Source.End {
		t.Fatalf("source %+v, want the span without actors %+v", g.Source, w.Source)
	}
	if g.Source.Country != "HRV" {
		t.Errorf("source %q country %q, want HRV", g.Source.Text, g.Source.Country)
	}
	if g.Target != nil && strings.Contains(g.Target.Text, "Serbia") && g.Target.Country != "SRB" {
		t.Errorf("target %q country %q, want SRB", g.Target.Text, g.Target.Country)
	}
}

func TestCountryOf(t *testing.T) {
	for _, c := range []struct {
		s, span string
		acts    []string // word=country
		want    string
	}{
		{"Saudi Arabia 's ambassador to the United Kingdom left", "Saudi Arabia 's ambassador to the United Kingdom", []string{"Saudi Arabia=SAU", "United Kingdom=GBR"}, "SAU"},
		{"the World Food Program in Afghanistan said", "the World Food Program in Afghanistan", []string{"Afghanistan=AFG"}, "AFG"},
		{"Authorities in Pakistan said", "Authorities", []string{"Pakistan=PAK"}, "PAK"},
		{"Authorities said Pakistan lied", "Authorities", []string{"Pakistan=PAK"}, ""},
		{"the Croatian government said", "the Croatian government", []string{"Croatian=HRV"}, "HRV"},
	} {
		d := text.Parse(c.s)
		var acts []Actor
		for _, a := range c.acts {
			w, cc, _ := strings.Cut(a, "=")
			i := strings.Index(c.s, w)
			acts = append(acts, Actor{Start: i, End: i + len(w), Country: cc})
		}
		i := strings.Index(c.s, c.span)
		sp := &Span{Start: i, End: i + len(c.span), Text: c.span}
		countryOf(c.s, d.Tokens, sp, acts)
		if sp.Country != c.want {
			t.Errorf("%q in %q: country %q, want %q", c.span, c.s, sp.Country, c.want)
		}
	}
}

package tone

import (
	"testing"

	"github.com/diplotext/diplotext/text"
)

func FuzzLabel(f *testing.F) {
	for _, s := range []string{"", "The talks were frank.", "not good!!! :)", "\xff\x00", "“so-called” peace, but war."} {
		f.Add(s)
	}
	l, err := NewLabeler()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, in string) {
		r, err := l.Label(in)
		if err != nil {
			t.Fatal(err)
		}
		checkResult(t, in, r)
	})
}

func FuzzToward(f *testing.F) {
	f.Add("Lavrov praised Blinken.", 15, 22)
	f.Add("Ça va", 0, 1)
	f.Add("", 0, 0)
	l, err := NewLabeler()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, in string, start, end int) {
		d := text.Parse(in)
		tg, err := l.Toward(d, start, end)
		if err != nil {
			return
		}
		// A span may start or end next to an invalid byte, never inside a
		// valid character.
		if start < 0 || end > len(in) || start >= end || text.SplitsRune(in, start) || text.SplitsRune(in, end) {
			t.Fatalf("accepted bad span [%d,%d) of %d bytes", start, end, len(in))
		}
		if tg.Score < -1 || tg.Score > 1 || tg.Start != start || tg.End != end {
			t.Fatalf("bad target %+v", tg)
		}
	})
}

func FuzzActors(f *testing.F) {
	f.Add("Holm said he was pleased. Berg accused him.", 0, 4, 26, 30)
	f.Add("", 0, 0, 0, 0)
	f.Add("Ça va, Ангела", 0, 1, 8, 20)
	l, err := NewLabeler()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, in string, s1, e1, s2, e2 int) {
		d := text.Parse(in)
		acts, err := l.Actors(d, []ActorMentions{
			{Name: "a", Person: true, Mentions: []Span{{s1, e1}}},
			{Name: "b", Person: true, Mentions: []Span{{s2, e2}}},
		})
		if err != nil {
			return
		}
		for _, a := range acts {
			if a.Score < -1 || a.Score > 1 || a.Mentions < 1 {
				t.Fatalf("bad actor tone %+v", a)
			}
			for _, e := range a.Evidence {
				if e.Start < 0 || e.End > len(in) || e.Start >= e.End {
					t.Fatalf("bad evidence %+v", e)
				}
			}
		}
	})
}

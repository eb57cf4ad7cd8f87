package entity

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// TestDatelineWindows checks that datelineMatches finds what the
// expression finds over the whole text, on texts built at random from the
// pieces a dateline is made of, and on hand-picked ones.
func TestDatelineWindows(t *testing.T) {
	pieces := []string{"PATASKALA", "ISLE", "OF", "PALMS", "HURRICANE", "W.Va.", "U.S.", "O'NEIL", "A", "Ky.",
		", ", " ", "  ", "\t", "\n", ". ", "! ", "? ", ".\" ", ".” ", ".’ ", "'", "’", "”", "--", "—", "–", " - ", "-",
		"City", "officials", "Law", "enforcement", "Two", "members", "rugby", "x", "Ab", "ab", "1996", "é", "\xff"}
	check := func(s string) {
		t.Helper()
		for _, n := range []int{1, 2, 200} {
			want := datelineRe.FindAllStringSubmatchIndex(s, n)
			got := datelineMatches(s, n)
			if len(want) == 0 && len(got) == 0 {
				continue
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%q (n %d): got %v, want %v", s, n, got, want)
			}
		}
	}
	for _, s := range []string{
		"PATASKALA -- City officials said",
		"HURRICANE, W.Va. - Law enforcement",
		"News.\nISLE OF PALMS — Two members",
		"RUGBY - WALES BEAT ENGLAND",
		"He said. \"BOSTON – The city",
		"A - Ab. B - Cd. C -- Ef\nD — Gh",
		"well-being and so-called MOSCOW-Tass",
		"",
		"-",
		"—",
	} {
		check(s)
	}
	rnd := rand.New(rand.NewPCG(3, 4))
	found := 0
	for range 20000 {
		var b strings.Builder
		for range 1 + rnd.IntN(30) {
			b.WriteString(pieces[rnd.IntN(len(pieces))])
		}
		s := b.String()
		check(s)
		if datelineRe.MatchString(s) {
			found++
		}
	}
	if found < 100 {
		t.Fatalf("only %d of the random texts hold a dateline: the test tries too little", found)
	}
}

// FuzzDatelineWindows checks datelineMatches against the expression run
// over the whole text on any input.
func FuzzDatelineWindows(f *testing.F) {
	f.Add("PATASKALA -- City officials")
	f.Add("News.\nHURRICANE, W.Va. - Law enforcement")
	f.Add("x. ISLE OF PALMS — Two members\xff–Ab")
	f.Fuzz(func(t *testing.T, s string) {
		want := datelineRe.FindAllStringSubmatchIndex(s, 200)
		got := datelineMatches(s, 200)
		if (len(want) > 0 || len(got) > 0) && !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: got %v, want %v", s, got, want)
		}
	})
}

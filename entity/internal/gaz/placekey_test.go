package gaz

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestPlaceKeyASCII checks that the one-pass key of an ASCII name is the
// key PlaceKey gives through folding and splitting, on hand-picked names
// and on names built at random from the pieces that matter (cases, runs
// of white space, the abbreviations with and without their full stops,
// the backquote that sends a name to the slow path).
func TestPlaceKeyASCII(t *testing.T) {
	check := func(name string) {
		t.Helper()
		want := placeKeyRunes(name)
		if got := PlaceKey(name); got != want {
			t.Fatalf("PlaceKey(%q) = %q, want %q", name, got, want)
		}
	}
	for _, s := range []string{"", " ", "Paris", "paris", "St. Petersburg", "ST PETERSBURG", "Mt.  Hood", "Ft.",
		" Kuala\tLumpur\n", "St.", "Petersburg St.", "Ste. Marie", "x`y", "Saint-Denis", "Mt..Hood", "mt. . ft. st"} {
		check(s)
	}
	pieces := []string{"St", "st.", "ST.", "Ste", "Mt.", "ft", "Ft..", ".", "Paris", "NEW", "york", "a",
		" ", "  ", "\t", "\n", "\v", "\f", "\r", "-", "'", "`", "0", "\x00", "É", "\xa0"}
	rnd := rand.New(rand.NewPCG(5, 6))
	for range 20000 {
		var b strings.Builder
		for range rnd.IntN(8) {
			b.WriteString(pieces[rnd.IntN(len(pieces))])
		}
		check(b.String())
	}
}

// TestPlaceKeyAllocs checks that the key of a name already in key form is
// the name itself, without allocating.
func TestPlaceKeyAllocs(t *testing.T) {
	if n := testing.AllocsPerRun(100, func() { _ = PlaceKey("kuala lumpur") }); n != 0 {
		t.Errorf("PlaceKey of a key: %v allocations, want 0", n)
	}
}

// TestParsePlaceFields checks that a row of other than nine fields is an
// error and a row of nine (the last, the GeoNames id, may be empty) is parsed.
func TestParsePlaceFields(t *testing.T) {
	for _, line := range []string{"paris\tParis\tFRA\tFR.11\t2138551\t4885341\t234880\tc\t2988507",
		"paris\tParis\tFRA\tFR.11\t2138551\t4885341\t234880\tc\t"} {
		if _, err := parsePlace(line); err != nil {
			t.Errorf("nine fields: %v", err)
		}
	}
	for _, line := range []string{"", "paris", "paris\tParis\tFRA\tFR.11\t2138551\t4885341\t234880\tc",
		"paris\tParis\tFRA\tFR.11\t2138551\t4885341\t234880\tc\t1\tx", "paris\tParis\tFRA\tFR.11\t2138551\t4885341\t234880\tcc\t1",
		"paris\tParis\tFRA\tFR.11\t2138551\t4885341\t234880\tc\tx"} {
		if _, err := parsePlace(line); err == nil {
			t.Errorf("%q: no error", line)
		}
	}
}

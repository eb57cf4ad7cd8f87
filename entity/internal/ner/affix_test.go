package ner

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"

	"github.com/diplotext/diplotext/text"
)

// TestAffixesOfType checks what prepare relies on to compute affixes once
// per word type: words that fold alike (one type) have the same affixes.
// Variants in other cases of random words, with letters that fold to
// other lengths in UTF-8 ("İ", "ẞ", "K" the Kelvin sign), curly quotes and
// invalid bytes.
func TestAffixesOfType(t *testing.T) {
	letters := []string{"a", "B", "é", "Ü", "İ", "ı", "ß", "ẞ", "K", "σ", "Σ", "ς", "’", "'", "-", "\xff", "1", "ǅ"}
	variant := func(w string, rnd *rand.Rand) string {
		var b strings.Builder
		for _, r := range w {
			switch rnd.IntN(3) {
			case 0:
				r = unicode.ToUpper(r)
			case 1:
				r = unicode.ToLower(r)
			}
			b.WriteRune(r)
		}
		return b.String()
	}
	rnd := rand.New(rand.NewPCG(9, 10))
	tried := 0
	for range 20000 {
		var b strings.Builder
		for range 1 + rnd.IntN(7) {
			b.WriteString(letters[rnd.IntN(len(letters))])
		}
		w1 := b.String()
		w2 := variant(w1, rnd)
		if text.Fold(w1) != text.Fold(w2) {
			continue // an invalid byte became U+FFFD: another type
		}
		tried++
		var p1, s1, p2, s2 [4]uint64
		affixes(w1, &p1, &s1)
		affixes(w2, &p2, &s2)
		if p1 != p2 || s1 != s2 {
			t.Fatalf("%q and %q fold alike (%q) but have other affixes", w1, w2, text.Fold(w1))
		}
	}
	if tried < 10000 {
		t.Fatalf("only %d pairs folded alike: the test tries too little", tried)
	}
}

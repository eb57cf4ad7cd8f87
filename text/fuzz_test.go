package text

import (
	"testing"
	"unicode/utf8"
)

// FuzzWords checks the laws of the word layer on arbitrary bytes: the
// stored hash of every token is the hash of its folded text, and the hash
// helpers agree with each other and with Fold.
func FuzzWords(f *testing.F) {
	for _, s := range []string{"KUALA LUMPUR — Russia’s Lavrov", "“Rubio”, the U.S. envoy", "Élysée РОССИЯ ǅ ß ẞ K",
		"\xff\x00`ABC`", "Ⱥȿ İı ſ ς", "McDonald iPhone O'Brien", ""} {
		f.Add(s, 3)
	}
	f.Fuzz(func(t *testing.T, s string, cut int) {
		folded := Fold(s)
		if h, hf := Hash(s), HashFolded(folded); h != hf {
			t.Fatalf("Hash(%q) = %x, HashFolded(Fold) = %x", s, h, hf)
		}
		if cut >= 0 && cut <= len(folded) {
			if HashAppend(HashFolded(folded[:cut]), folded[cut:]) != HashFolded(folded) {
				t.Fatalf("HashAppend does not continue HashFolded at %d of %q", cut, folded)
			}
		}
		if utf8.ValidString(s) != utf8.ValidString(folded) {
			t.Fatalf("Fold(%q) = %q changes validity", s, folded)
		}
		if ShapeOf(s)&ShapeInitialUpper != 0 != StartsUpper(s) {
			t.Fatalf("ShapeOf(%q) = %v disagrees with StartsUpper", s, ShapeOf(s))
		}
		d := Parse(s)
		if len(d.Folded) != len(d.Tokens) || len(d.Hashes) != len(d.Tokens) || len(d.Shapes) != len(d.Tokens) {
			t.Fatalf("word slices %d/%d/%d for %d tokens", len(d.Folded), len(d.Hashes), len(d.Shapes), len(d.Tokens))
		}
		for i := range d.Tokens {
			w := d.TokenText(i)
			if d.Folded[i] != Fold(w) {
				t.Fatalf("token %q: Folded %q, Fold %q", w, d.Folded[i], Fold(w))
			}
			if d.Hashes[i] != Hash(w) || d.Hashes[i] != HashFolded(d.Folded[i]) {
				t.Fatalf("token %q: hash %x, Hash %x, HashFolded %x", w, d.Hashes[i], Hash(w), HashFolded(d.Folded[i]))
			}
			if d.Shapes[i] != ShapeOf(w) {
				t.Fatalf("token %q: shape %v, ShapeOf %v", w, d.Shapes[i], ShapeOf(w))
			}
			if IsStopHash(d.Hashes[i]) != IsStopWord(w) {
				t.Fatalf("token %q: IsStopHash and IsStopWord disagree", w)
			}
		}
	})
}

// FuzzDocumentFields builds Documents whose exported fields do not fit
// their text: no method may panic.
func FuzzDocumentFields(f *testing.F) {
	f.Add("Talks ended. Lavrov left.", 2, 9, 0, 7, -1, 3)
	f.Fuzz(func(t *testing.T, s string, start, end, sstart, send, first, last int) {
		d := &Document{Text: s,
			Tokens:    []Token{{Start: start, End: end, Kind: Word}, {Start: end, End: start}},
			Sentences: []Sentence{{Start: sstart, End: send, First: first, Last: last}, {First: last, Last: first}},
		}
		for _, i := range []int{-1, 0, 1, 2, start} {
			d.TokenText(i)
			d.SentenceText(i)
			d.SentenceTokens(i)
			d.TokenFold(i)
			d.TokenHash(i)
			d.TokenShape(i)
		}
		d.SentenceAt(start)
		d.TokenAt(end)
		d.FillWords()
		for i := range d.Tokens {
			if d.Folded[i] != Fold(d.TokenText(i)) {
				t.Fatalf("token %d: Folded %q", i, d.Folded[i])
			}
		}
	})
}

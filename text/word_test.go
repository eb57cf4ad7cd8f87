package text

import (
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHash(t *testing.T) {
	// FNV-1a 64 reference values (draft-eastlake-fnv): "" and "a".
	assert.Equal(t, uint64(0xcbf29ce484222325), HashFolded(""))
	assert.Equal(t, uint64(0xaf63dc4c8601ec8c), HashFolded("a"))
	assert.Equal(t, HashSeed, HashFolded(""))
	assert.Equal(t, HashFolded("lavrov"), Hash("LAVROV"))
	assert.Equal(t, HashFolded("lavrov"), Hash("Lavrov"))
	assert.Equal(t, Hash("Russia's"), Hash("Russia’s"))
	assert.Equal(t, Hash("US-Russia"), Hash("US–Russia"))
	assert.Equal(t, Hash(`"`), Hash("”"))
	assert.NotEqual(t, Hash("lavrov"), Hash("lavrova"))
	assert.Equal(t, HashFolded("minister lavrov"), HashAppend(HashAppend(HashFolded("minister"), " "), "lavrov"))
	assert.Equal(t, HashFolded("\xffabc"), Hash("\xffABC"), "invalid bytes are hashed as they are")
}

func TestFoldCoversGazetteerForms(t *testing.T) {
	// Every form the entity gazetteer's hand-written fold mapped, and the
	// curly double quotes and dashes it lacked.
	for _, r := range "‘’‚‛ʼ′´`‹›＇" {
		assert.Equal(t, "'", Fold(string(r)), "%U", r)
	}
	for _, r := range "“”„‟″«»＂" {
		assert.Equal(t, `"`, Fold(string(r)), "%U", r)
	}
	for _, r := range "‐‑‒–—―−﹘﹣－" {
		assert.Equal(t, "-", Fold(string(r)), "%U", r)
	}
	assert.Equal(t, "élysée", Fold("ÉLYSÉE"))
	assert.Equal(t, "россия", Fold("РОССИЯ"))
}

func TestShape(t *testing.T) {
	cases := []struct {
		w                           string
		allCaps, title, lower, mixd bool
		digit, initial              bool
	}{
		{"Lavrov", false, true, false, false, false, true},
		{"NATO", true, false, false, false, false, true},
		{"U.S.", true, false, false, false, false, true},
		{"I", true, false, false, false, false, true},
		{"G7", true, false, false, false, true, true},
		{"talks", false, false, true, false, false, false},
		{"n't", false, false, true, false, false, false},
		{"O'Brien", false, true, false, false, false, true},
		{"Al-Assad", false, true, false, false, false, true},
		{"McDonald", false, false, false, true, false, true},
		{"iPhone", false, false, false, true, false, false},
		{"US-Russia", false, false, false, true, false, true},
		{"Élysée", false, true, false, false, false, true},
		{"РОССИЯ", true, false, false, false, false, true},
		{"Россия", false, true, false, false, false, true},
		{"1,000", false, false, false, false, true, false},
		{"北京", false, false, false, false, false, false},
		{".", false, false, false, false, false, false},
	}
	for _, c := range cases {
		sh := ShapeOf(c.w)
		assert.Equal(t, c.allCaps, sh.AllCaps(), "%s AllCaps %v", c.w, sh)
		assert.Equal(t, c.title, sh.Title(), "%s Title %v", c.w, sh)
		assert.Equal(t, c.lower, sh.Lower(), "%s Lower %v", c.w, sh)
		assert.Equal(t, c.mixd, sh.Mixed(), "%s Mixed %v", c.w, sh)
		assert.Equal(t, c.digit, sh&ShapeDigit != 0, "%s Digit %v", c.w, sh)
		assert.Equal(t, c.initial, sh&ShapeInitialUpper != 0, "%s InitialUpper %v", c.w, sh)
		assert.Equal(t, c.initial, StartsUpper(c.w), c.w)
	}
	assert.Equal(t, ShapeLetter, ShapeOf("北京"))
	assert.Equal(t, "None", Shape(0).String())
	assert.Equal(t, "Upper|Lower|InitialUpper|Letter", ShapeOf("Lavrov").String())
	assert.False(t, StartsUpper(""))
	assert.False(t, StartsUpper("\xff"))
}

func TestDocumentWords(t *testing.T) {
	s := "KUALA LUMPUR — Russia’s Lavrov met “Rubio”, the U.S. envoy. Élysée: РОССИЯ \xff."
	d := Parse(s)
	require.Len(t, d.Folded, len(d.Tokens))
	require.Len(t, d.Hashes, len(d.Tokens))
	require.Len(t, d.Shapes, len(d.Tokens))
	for i := range d.Tokens {
		w := d.TokenText(i)
		assert.Equal(t, Fold(w), d.TokenFold(i), w)
		assert.Equal(t, Hash(w), d.TokenHash(i), w)
		assert.Equal(t, HashFolded(d.TokenFold(i)), d.TokenHash(i), w)
		assert.Equal(t, ShapeOf(w), d.TokenShape(i), w)
	}
	// A Document built by hand without the word slices reads the same.
	h := &Document{Text: s, Tokens: Tokenize(s, nil)}
	for i := range d.Tokens {
		assert.Equal(t, d.TokenFold(i), h.TokenFold(i))
		assert.Equal(t, d.TokenHash(i), h.TokenHash(i))
		assert.Equal(t, d.TokenShape(i), h.TokenShape(i))
	}
	// Reusing a Document's buffers gives the same words.
	h.FillWords()
	assert.Equal(t, d.Folded, h.Folded)
	assert.Equal(t, d.Hashes, h.Hashes)
	assert.Equal(t, d.Shapes, h.Shapes)
	h.Text, h.Tokens = "the end", Tokenize("the end", h.Tokens[:0])
	h.FillWords()
	assert.Equal(t, []string{"the", "end"}, h.Folded)
}

func TestFillWordsAllocs(t *testing.T) {
	s := strings.Repeat("the talks between Russia and the U.S. ended ", 50)
	d := Parse(s)
	assert.Zero(t, testing.AllocsPerRun(20, func() {
		d2 := Document{Text: "the talks ended", Tokens: d.Tokens[:0], Folded: d.Folded, Hashes: d.Hashes, Shapes: d.Shapes}
		d2.Tokens = Tokenize(d2.Text, d2.Tokens)
		d2.FillWords()
	}), "lower-case text with reused buffers allocates nothing")
	assert.LessOrEqual(t, testing.AllocsPerRun(20, d.FillWords), 3.0, "one growing buffer for all the changed folds")
}

func TestDocumentBadIndexes(t *testing.T) {
	var nilDoc *Document
	assert.Equal(t, "", nilDoc.TokenText(0))
	assert.Equal(t, "", nilDoc.SentenceText(0))
	assert.Nil(t, nilDoc.SentenceTokens(0))
	assert.Equal(t, -1, nilDoc.SentenceAt(0))
	assert.Equal(t, 0, nilDoc.TokenAt(0))
	assert.Equal(t, "", nilDoc.TokenFold(0))
	assert.Equal(t, HashSeed, nilDoc.TokenHash(0))
	assert.Equal(t, Shape(0), nilDoc.TokenShape(0))
	nilDoc.FillWords()

	d := Parse("Talks ended. Lavrov left.")
	for _, i := range []int{-1, len(d.Tokens), 1 << 40} {
		assert.Equal(t, "", d.TokenText(i))
		assert.Equal(t, "", d.TokenFold(i))
		assert.Equal(t, HashSeed, d.TokenHash(i))
		assert.Equal(t, Shape(0), d.TokenShape(i))
	}
	for _, i := range []int{-1, len(d.Sentences)} {
		assert.Equal(t, "", d.SentenceText(i))
		assert.Nil(t, d.SentenceTokens(i))
	}
	// Offsets that do not fit the text or the tokens.
	bad := &Document{Text: "abc",
		Tokens:    []Token{{Start: 2, End: 9}, {Start: -1, End: 1}, {Start: 2, End: 1}, {Start: 0, End: 3}},
		Sentences: []Sentence{{Start: 0, End: 7, First: 0, Last: 9}, {Start: 1, End: 2, First: 3, Last: 1}, {Start: 0, End: 3, First: 3, Last: 4}},
	}
	bad.FillWords()
	assert.Equal(t, []string{"", "", "", "abc"}, bad.Folded)
	assert.Equal(t, "", bad.TokenText(0))
	assert.Equal(t, "", bad.SentenceText(0))
	assert.Nil(t, bad.SentenceTokens(0))
	assert.Nil(t, bad.SentenceTokens(1))
	assert.Equal(t, "bc"[:1], bad.SentenceText(1))
	assert.Equal(t, []Token{{Start: 0, End: 3}}, bad.SentenceTokens(2))
	assert.Equal(t, "abc", bad.TokenFold(3))
}

func TestStopWords(t *testing.T) {
	ws := StopWords()
	assert.True(t, slices.IsSorted(ws), "the list is sorted")
	assert.Equal(t, len(ws), len(slices.Compact(slices.Clone(ws))), "no duplicates")
	for _, w := range ws {
		assert.Equal(t, Fold(w), w, "entries are folded")
		assert.True(t, IsStopWord(w))
	}
	for _, w := range []string{"the", "The", "THE", "n't", "'s", "’s", "said", "of"} {
		assert.True(t, IsStopWord(w), w)
	}
	for _, w := range []string{"US", "us", "Lavrov", "sanctions", "treaty", "", "talks"} {
		assert.False(t, IsStopWord(w), w)
	}
	d := Parse("The talks")
	assert.True(t, IsStopHash(d.TokenHash(0)))
	assert.False(t, IsStopHash(d.TokenHash(1)))
	ws[0] = "changed"
	assert.NotEqual(t, "changed", StopWords()[0], "StopWords returns a copy")
}

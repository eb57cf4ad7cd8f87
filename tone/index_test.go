package tone

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/diplotext/diplotext/text"
)

// The hash index finds every word of the lexicon, and nothing else: not a
// word that is absent, nor a different word given the hash of one that is.
func TestHashedWords(t *testing.T) {
	l := newLabeler(t)
	for _, lx := range []*lexicon{l.lx, l.tlx} {
		require.NotNil(t, lx.idx)
		require.Equal(t, len(lx.words), lx.idx.n)
		for w, e := range lx.words {
			h := text.HashFolded(w)
			require.Same(t, e, lx.idx.find(h, w), w)
			assert.Nil(t, lx.idx.find(h, w+"x"), w)
		}
		assert.Nil(t, lx.idx.find(text.HashFolded("zzqxj"), "zzqxj"))
	}
}

// A token's look-up by its hash is the look-up by its text, whatever its
// case, and for non-ASCII and backquoted tokens too; a lexicon with a word
// added after its index was built is read through the map.
func TestLookupToken(t *testing.T) {
	l := newLabeler(t)
	var sb strings.Builder
	for _, rt := range registerTexts {
		sb.WriteString(rt.text + " ")
	}
	sb.WriteString("GREAT Terrible WONDERFUL can’t isn`t Café naïve :) Good GOOD good")
	d := text.Parse(sb.String())
	var sc scratch
	found := 0
	for _, lx := range []*lexicon{l.lx, l.tlx} {
		for i := range d.Tokens {
			w := d.TokenText(i)
			want := lx.lookup(&sc, w)
			require.Same(t, want, lx.lookupToken(d, i, w, &sc), w)
			if want != nil {
				found++
			}
		}
	}
	assert.Greater(t, found, 20)
	// a Document built without the folded forms and hashes
	bare := &text.Document{Text: d.Text, Tokens: d.Tokens, Sentences: d.Sentences}
	for i := range bare.Tokens {
		w := bare.TokenText(i)
		require.Same(t, l.lx.lookup(&sc, w), l.lx.lookupToken(bare, i, w, &sc), w)
	}
	lx := l.tlx.clone()
	lx.index()
	lx.get("zzqxj").hasVal = true
	d = text.Parse("zzqxj")
	assert.Same(t, lx.words["zzqxj"], lx.lookupToken(d, 0, "zzqxj", &sc))
}

// The words a Towards call remembers by hash are those computed afresh,
// even when two words are given one hash.
func TestTargetWordCache(t *testing.T) {
	l := newLabeler(t)
	d := text.Parse("The Minister praised the minister's Ministers and FOREIGN ministry of Café naïve states. The minister praised peace again.")
	var tc targetScratch
	for i := range d.Tokens {
		w := d.TokenText(i)
		assert.Equal(t, l.newTargetWord(strings.ToLower(w)), l.targetWord(d, i, w, &tc), w)
	}
	require.NotEmpty(t, tc.words)
	// a planted entry under the hash of "praised" for another word
	h := d.TokenHash(2)
	tc.words[h] = targetWord{lw: "other", stem: "other", bag: &noBag}
	assert.Equal(t, l.newTargetWord("praised"), l.targetWord(d, 2, "praised", &tc))
}

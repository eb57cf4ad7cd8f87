package topic

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/diplotext/diplotext/text"
)

func TestCountTermsHashedMatchesSortedCount(t *testing.T) {
	d := text.Parse("Sanctions on Russia. New sanctions, new talks; talks on sanctions in Moscow and Kyiv, 9/11 and 1996.")
	occs := extract(d, nil, nil)
	sorted, _ := countTerms(occs, nil, nil)
	byHash := func(a, b termCount) int { return cmp.Compare(a.hash, b.hash) }
	hashed, table := countTermsHashed(occs, nil, nil)
	slices.SortFunc(hashed, byHash)
	require.Equal(t, sorted, hashed)
	hashed, _ = countTermsHashed(occs, table, nil) // a reused, dirty table
	slices.SortFunc(hashed, byHash)
	require.Equal(t, sorted, hashed)
}

// TestLocalTermsMatchSharedCache checks that the per-scratch cache of word
// analyses gives what the shared cache gives, also once its direct-mapped
// slots have been overwritten many times by other words.
func TestLocalTermsMatchSharedCache(t *testing.T) {
	var words []string
	for i := range 3 << localTermBits {
		words = append(words, "word"+string(rune('a'+i%26))+string(rune('a'+i/26%26))+string(rune('a'+i/676)))
	}
	words = append(words, "Sanctions", "the", "Israeli-Palestinian", "Iraqis", "Texas", "1996", "ex-Iraq")
	d := text.Parse(strings.Join(words, " ") + ". " + strings.Join(words, " "))
	var lt localTerms
	for pass := range 2 {
		require.Equal(t, extract(d, nil, nil), extract(d, nil, &lt), "pass %d", pass)
	}
}

// TestFeatureFilter checks that the model's filter in front of its feature
// table rejects no feature of the model, and that probe finds each at its
// row and no other hash.
func TestFeatureFilter(t *testing.T) {
	var ex []Example
	for i := range 40 {
		ex = append(ex, Example{Text: strings.Repeat("alpha beta gamma ", 1+i%3) + "delta" + string(rune('a'+i%26)), Labels: []string{"a"}},
			Example{Text: "epsilon zeta eta theta " + "iota" + string(rune('a'+i%26)), Labels: []string{"b"}})
	}
	m, err := Train(context.Background(), ex, WithFolds(0), WithMinDF(1))
	require.NoError(t, err)
	m.index.Do(m.buildIndex)
	for i, h := range m.hashes {
		r, ok := m.probe(h)
		require.True(t, ok)
		require.EqualValues(t, i, r)
	}
	known := map[uint64]bool{}
	for _, h := range m.hashes {
		known[h] = true
	}
	for i := range uint64(10000) {
		h := fnv64(fmt.Sprint("unknown", i))
		if _, ok := m.probe(h); ok != known[h] {
			t.Fatalf("probe(%x) = %v", h, ok)
		}
	}
}

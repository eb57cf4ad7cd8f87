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
	occs := extract(d, nil)
	sorted, _ := countTerms(occs, nil, nil)
	byHash := func(a, b termCount) int { return cmp.Compare(a.hash, b.hash) }
	at := make([]int32, len(occs))
	hashed, table := countTermsHashed(occs, nil, nil, at)
	for k, o := range occs {
		require.Equal(t, o.hash, table[at[k]].hash, "slot of occurrence %d", k)
	}
	slices.SortFunc(hashed, byHash)
	require.Equal(t, sorted, hashed)
	hashed, _ = countTermsHashed(occs, table, nil, nil) // a reused, dirty table
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
	lt := localTerms{slots: make([]localTerm, 1<<localTermBits)}
	for pass := range 2 {
		require.Equal(t, extractWith(d, nil, nil), extractWith(d, nil, &lt), "pass %d", pass)
	}
}

// TestFeatureFilter checks that the model's filter in front of its feature
// table rejects no feature of the model, and that probe finds each at its
// row with its idf, and no other hash (which gets the idf of unseen
// features).
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
		r, idf := m.probe(h)
		require.EqualValues(t, i, r)
		require.Equal(t, m.idf[i], idf)
	}
	known := map[uint64]bool{}
	for _, h := range m.hashes {
		known[h] = true
	}
	for i := range uint64(10000) {
		h := fnv64(fmt.Sprint("unknown", i))
		if r, idf := m.probe(h); (r >= 0) != known[h] || r < 0 && idf != m.defIDF {
			t.Fatalf("probe(%x) = %d, %v", h, r, idf)
		}
	}
}

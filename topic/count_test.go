package topic

import (
	"cmp"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/diplotext/diplotext/text"
)

func TestCountTermsHashedMatchesSortedCount(t *testing.T) {
	d := text.Parse("Sanctions on Russia. New sanctions, new talks; talks on sanctions in Moscow and Kyiv, 9/11 and 1996.")
	occs := extract(d, nil)
	sorted, _ := countTerms(occs, nil, nil)
	byHash := func(a, b termCount) int { return cmp.Compare(a.hash, b.hash) }
	hashed, table := countTermsHashed(occs, nil, nil)
	slices.SortFunc(hashed, byHash)
	require.Equal(t, sorted, hashed)
	hashed, _ = countTermsHashed(occs, table, nil) // a reused, dirty table
	slices.SortFunc(hashed, byHash)
	require.Equal(t, sorted, hashed)
}

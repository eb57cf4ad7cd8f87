package entity

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/diplotext/diplotext/entity/internal/gaz"
)

// The process-wide place cache answers what the table does, the first
// time and from the cache, with rows that an append cannot share.
func TestSharedPlaceRows(t *testing.T) {
	for _, name := range []string{"Paris", "Geneva", "Springfield", "Qqzzv", ""} {
		want, werr := gaz.Places(name)
		for range 2 {
			got, err := sharedPlaceRows(name)
			assert.Equal(t, werr, err, name)
			require.Equal(t, want, got, name)
			assert.Equal(t, len(got), cap(got), name)
		}
	}
	rows, err := sharedPlaceRows("Paris")
	require.NoError(t, err)
	require.NotEmpty(t, rows)
}

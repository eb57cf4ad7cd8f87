package entity

import (
	"strings"
	"testing"
	"unsafe"

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

// The process-wide cache keeps its own copy of a name, not the slice of
// the document it came from, which would keep the whole text alive.
func TestSharedPlaceRowsCopyTheName(t *testing.T) {
	doc := strings.Repeat("x", 1<<16) + " Fontainebleau"
	name := doc[len(doc)-len("Fontainebleau"):]
	_, err := sharedPlaceRows(name)
	require.NoError(t, err)
	sharedPlaces.mu.RLock()
	defer sharedPlaces.mu.RUnlock()
	found := false
	for k := range sharedPlaces.m {
		if k == name {
			found = true
			assert.NotSame(t, unsafe.StringData(name), unsafe.StringData(k), "the key shares the document's memory")
		}
	}
	assert.True(t, found, "the name is cached")
}

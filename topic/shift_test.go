package topic

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestShifted checks that a topic found in a window of a longer text
// points into the longer text, and that the window's topic is untouched.
func TestShifted(t *testing.T) {
	orig := Topic{ID: "sanctions", Evidence: []Evidence{{Start: 3, End: 12}}, Passages: []Passage{{Start: 0, End: 40, Score: 0.7}}}
	got := orig.Shifted(100)
	require.Equal(t, 103, got.Evidence[0].Start)
	require.Equal(t, 112, got.Evidence[0].End)
	require.Equal(t, Passage{Start: 100, End: 140, Score: 0.7}, got.Passages[0])
	require.Equal(t, 3, orig.Evidence[0].Start, "the original evidence was changed")
	require.Equal(t, 0, orig.Passages[0].Start, "the original passages were changed")
}

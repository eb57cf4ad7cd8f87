package corpus

import (
	"math"
	"slices"
	"testing"
)

// TestGoldLabelsMajorOnly: a text with only a major code keeps its silver
// label of a foreign subtopic when the major is foreign (16, 18, 19) and
// loses it otherwise; gold major topics follow the code.
func TestGoldLabelsMajorOnly(t *testing.T) {
	silver := []string{"armed_conflict", "sanctions", "terrorism"}
	for _, tc := range []struct {
		major int
		want  []string
	}{
		{16, []string{"armed_conflict", "sanctions", "terrorism"}}, // 16 alone decides no defence subtopic
		{19, []string{"armed_conflict", "sanctions", "terrorism"}},
		{13, []string{"sanctions"}},          // "war on poverty" in a bill coded 13
		{8, []string{"energy", "sanctions"}}, // energy is decided by major 8
		{18, []string{"armed_conflict", "sanctions", "terrorism", "trade_tariffs"}},
	} {
		got := goldLabels(slices.Clone(silver), tc.major, 0)
		if !slices.Equal(got, tc.want) {
			t.Errorf("major %d: got %v, want %v", tc.major, got, tc.want)
		}
	}
	// with a subtopic code every gold topic is decided
	if got := goldLabels(silver, 16, 1619); !slices.Equal(got, []string{"armed_conflict", "sanctions"}) {
		t.Errorf("1619: got %v", got)
	}
}

func TestRareWeight(t *testing.T) {
	npos := map[string]int{"multilateral_organisations": 5, "armed_conflict": 151, "trade_tariffs": 15, "sanctions": 2}
	for _, tc := range []struct {
		ls   []string
		want float64
	}{
		{nil, 1},
		{[]string{"armed_conflict"}, 1},
		{[]string{"sanctions"}, 1}, // silver labels are not weighted
		{[]string{"trade_tariffs"}, 2},
		{[]string{"armed_conflict", "multilateral_organisations"}, rareMax},
	} {
		if got := rareWeight(tc.ls, npos); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("%v: got %v, want %v", tc.ls, got, tc.want)
		}
	}
}

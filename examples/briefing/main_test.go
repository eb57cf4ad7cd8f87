package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/diplotext/diplotext"
)

// TestCountryListedOnce checks that a country and its nationality
// ("Russia", "Russian") make one line of the briefing, not two.
func TestCountryListedOnce(t *testing.T) {
	rep, err := diplotext.Analyze(context.Background(), sample)
	require.NoError(t, err)
	var out bytes.Buffer
	printBriefing(&out, sample, rep)
	lines := strings.Split(out.String(), "\n")
	var russia []string
	for _, l := range lines {
		if strings.HasPrefix(l, "  - Russia (RUS)") {
			russia = append(russia, l)
		}
	}
	require.Len(t, russia, 1, "Russia listed more than once:\n%s", out.String())
	require.Contains(t, russia[0], `"Russian"`)
}

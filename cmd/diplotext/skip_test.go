package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// analyzeWith runs analyze on one line with the given flags and decodes
// its report.
func analyzeWith(t *testing.T, line string, flags ...string) (map[string]json.RawMessage, int, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(line), stdout: &out, stderr: &errb}
	code := run(context.Background(), e, append([]string{"analyze"}, flags...))
	var rep map[string]json.RawMessage
	if code == 0 {
		require.NoError(t, json.Unmarshal(out.Bytes(), &rep), out.String())
	}
	return rep, code, errb.String()
}

func TestAnalyzeSkipLeavesStagesOut(t *testing.T) {
	line := `{"id":"s","text":"Secretary of State Marco Rubio met Sergey Lavrov in Kuala Lumpur and they agreed to keep talking about arms control."}`
	full, code, _ := analyzeWith(t, line)
	require.Equal(t, 0, code)
	var events, topics []json.RawMessage
	require.NoError(t, json.Unmarshal(full["events"], &events))
	require.NoError(t, json.Unmarshal(full["topics"], &topics))
	require.NotEmpty(t, events, "the full analysis has events")
	require.NotEmpty(t, topics, "the full analysis has topics")

	rep, code, _ := analyzeWith(t, line, "--skip", "topics,events")
	require.Equal(t, 0, code)
	events, topics = nil, nil
	if raw, ok := rep["events"]; ok {
		require.NoError(t, json.Unmarshal(raw, &events))
	}
	if raw, ok := rep["topics"]; ok {
		require.NoError(t, json.Unmarshal(raw, &topics))
	}
	assert.Empty(t, events, "--skip events leaves events out")
	assert.Empty(t, topics, "--skip topics leaves topics out")
	assert.Equal(t, string(full["entities"]), string(rep["entities"]), "the other stages are unchanged")

	var fullEnts []map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(full["entities"], &fullEnts))
	require.NotEmpty(t, fullEnts)
	assert.Contains(t, fullEnts[0], "tone", "the full analysis has the tone toward a mention")

	rep, code, _ = analyzeWith(t, line, "--skip", "entity-tone")
	require.Equal(t, 0, code)
	var ents []map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(rep["entities"], &ents))
	require.NotEmpty(t, ents)
	for _, en := range ents {
		assert.NotContains(t, en, "tone", "--skip entity-tone drops the tone toward each mention")
	}
	again, _, _ := analyzeWith(t, line, "--no-entity-tone")
	assert.Equal(t, rep, again, "--no-entity-tone is --skip entity-tone")
}

func TestAnalyzeSkipRejectsUnknownStages(t *testing.T) {
	_, code, stderr := analyzeWith(t, `{"text":"Peace talks resumed."}`, "--skip", "topics,verbs")
	assert.Equal(t, 2, code, "a usage error")
	assert.Contains(t, stderr, `unknown stage "verbs"`)
	assert.Contains(t, stderr, "entity-tone", "the error lists the stages")
}

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

func TestAnalyzeCommandFollowsTheContract(t *testing.T) {
	txt := "Secretary of State Marco Rubio met Sergey Lavrov in Kuala Lumpur. The talks were frank."
	lines := []string{
		`{"id":"x","text":` + mustJSON(txt) + `,"targets":[{"start":19,"end":30}]}`,
		`{"text":"no id here"}`,
		`not json`,
		`{"id":"bad-span","text":"short","targets":[{"start":3,"end":99}]}`,
	}
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(strings.Join(lines, "\n")), stdout: &out, stderr: &errb}
	code := run(context.Background(), e, []string{"analyze", "--workers", "2"})
	assert.Equal(t, 1, code, "exit status 1 when a line failed")

	outLines := strings.Split(strings.TrimSpace(out.String()), "\n")
	require.Len(t, outLines, 4, "one output line per input line")

	var first struct {
		ID       string `json:"id"`
		Entities []struct {
			Text      string `json:"text"`
			Type      string `json:"type"`
			Start     int    `json:"start"`
			End       int    `json:"end"`
			Canonical string `json:"canonical"`
		} `json:"entities"`
		Topics  []json.RawMessage `json:"topics"`
		Tone    map[string]any    `json:"tone"`
		Targets []struct {
			Start int    `json:"start"`
			End   int    `json:"end"`
			Label string `json:"label"`
		} `json:"targets"`
	}
	require.NoError(t, json.Unmarshal([]byte(outLines[0]), &first))
	assert.Equal(t, "x", first.ID)
	require.NotEmpty(t, first.Entities)
	for _, en := range first.Entities {
		assert.Equal(t, txt[en.Start:en.End], en.Text)
		assert.Contains(t, []string{"PERSON", "ORG", "COUNTRY", "CITY", "LOCATION", "NORP", "MISC"}, en.Type)
	}
	for _, key := range []string{"score", "label", "cooperation", "register", "sentences"} {
		assert.Contains(t, first.Tone, key)
	}
	require.Len(t, first.Targets, 1)
	assert.Equal(t, 19, first.Targets[0].Start)
	assert.Contains(t, []string{"negative", "neutral", "positive"}, first.Targets[0].Label)

	var second map[string]any
	require.NoError(t, json.Unmarshal([]byte(outLines[1]), &second))
	assert.Equal(t, "2", second["id"], "the id defaults to the line number")
	assert.Contains(t, second, "entities")

	for i, want := range []string{"not a JSON object", "out of range"} {
		var bad map[string]any
		require.NoError(t, json.Unmarshal([]byte(outLines[2+i]), &bad))
		assert.Contains(t, bad["error"], want)
	}
}

func mustJSON(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

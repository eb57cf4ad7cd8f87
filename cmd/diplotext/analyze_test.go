package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/diplotext/diplotext"
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

// A document over spoolBytes has its report written to a temporary file
// as it is made and copied to the output in its turn: the output is the
// library's report, byte for byte, between the lines before and after it,
// and a bad target on a long line is still its error line.
func TestAnalyzeLongDocumentLineIsTheReport(t *testing.T) {
	if testing.Short() {
		t.Skip("analyses 600 KB")
	}
	long := strings.Repeat("Russia and China, ", spoolBytes/18+100)
	lines := []string{
		`{"id":"a","text":"Lavrov met Rubio in Geneva."}`,
		`{"id":"long","text":` + mustJSON(long) + `,"targets":[{"start":0,"end":6}]}`,
		`{"id":"bad","text":` + mustJSON(long) + `,"targets":[{"start":0,"end":1e9}]}`,
		`{"id":"b","text":"China welcomed the talks."}`,
	}
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(strings.Join(lines, "\n")), stdout: &out, stderr: &errb}
	code := run(context.Background(), e, []string{"analyze", "--workers", "2"})
	assert.Equal(t, 1, code, errb.String())
	outLines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	require.Len(t, outLines, 4)
	a, err := diplotext.New()
	require.NoError(t, err)
	rep, err := a.Analyze(context.Background(), diplotext.Input{ID: "long", Text: long, Targets: []diplotext.Span{{Start: 0, End: 6}}})
	require.NoError(t, err)
	require.Greater(t, len(rep.Entities), 10000)
	want, err := json.Marshal(rep)
	require.NoError(t, err)
	assert.True(t, outLines[1] == string(want), "the long line is not the library's report (%d bytes, want %d)", len(outLines[1]), len(want))
	assert.Contains(t, outLines[2], `"error"`)
	assert.Contains(t, outLines[0], `"id":"a"`)
	assert.Contains(t, outLines[3], `"id":"b"`)
}

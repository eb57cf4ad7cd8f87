package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diplotext/diplotext"
	"github.com/diplotext/diplotext/tone"
	"github.com/diplotext/diplotext/topic"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// echoLen returns the text length, failing on texts that say "fail".
func echoLen(_ context.Context, l *Line) (any, error) {
	if l.Text == "fail" {
		return nil, errors.New("asked to fail")
	}
	return map[string]any{"id": l.ID, "n": len(l.Text)}, nil
}

func runLines(t *testing.T, input string, opts lineOptions, files ...string) ([]map[string]any, error) {
	t.Helper()
	var out bytes.Buffer
	e := &env{stdin: strings.NewReader(input), stdout: &out, stderr: &bytes.Buffer{}}
	err := processLines(context.Background(), e, files, &opts, echoLen)
	var recs []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &m), line)
		recs = append(recs, m)
	}
	return recs, err
}

func TestProcessLinesKeepsOrderAndReportsBadLines(t *testing.T) {
	var in strings.Builder
	for i := range 500 {
		switch i {
		case 7:
			in.WriteString("not json\n")
		case 8:
			in.WriteString(`{"id":"no-text"}` + "\n")
		case 9:
			in.WriteString(`{"id":"f","text":"fail"}` + "\n")
		default:
			fmt.Fprintf(&in, `{"id":"d%d","text":%q}`+"\n", i, strings.Repeat("x", i))
		}
	}
	recs, err := runLines(t, in.String(), lineOptions{workers: 4, maxBytes: 1 << 20})
	require.ErrorIs(t, err, errLinesFailed)
	require.Len(t, recs, 500, "one output line per input line")
	for i, r := range recs {
		switch i {
		case 7:
			assert.Equal(t, "8", r["id"], "a line without an id gets its line number")
			assert.Contains(t, r["error"], "not a JSON object")
		case 8:
			assert.Equal(t, "no-text", r["id"])
			assert.Contains(t, r["error"], `no "text"`)
		case 9:
			assert.Equal(t, "asked to fail", r["error"])
		default:
			assert.Equal(t, fmt.Sprintf("d%d", i), r["id"])
			assert.EqualValues(t, i, r["n"])
		}
	}
}

func TestProcessLinesOversizedLineIsAnErrorNotALoss(t *testing.T) {
	in := `{"text":"short"}` + "\n" + `{"text":"` + strings.Repeat("a", 5000) + `"}` + "\n" + `{"text":"after"}`
	recs, err := runLines(t, in, lineOptions{workers: 2, maxBytes: 1000})
	require.ErrorIs(t, err, errLinesFailed)
	require.Len(t, recs, 3)
	assert.EqualValues(t, 5, recs[0]["n"])
	assert.Contains(t, recs[1]["error"], "max-bytes")
	assert.EqualValues(t, 5, recs[2]["n"], "the line after an oversized one is read intact")
}

func TestProcessLinesStrictStopsAtFirstFailure(t *testing.T) {
	in := `{"text":"a"}` + "\n" + `{"text":"fail"}` + "\n" + `{"text":"b"}` + "\n"
	recs, err := runLines(t, in, lineOptions{workers: 1, strict: true, maxBytes: 100})
	require.ErrorIs(t, err, errLinesFailed)
	require.Len(t, recs, 2)
	assert.Equal(t, "asked to fail", recs[1]["error"])
}

func TestProcessLinesSkipsBlankLinesAndReadsPlainFiles(t *testing.T) {
	dir := t.TempDir()
	txt := filepath.Join(dir, "article.txt")
	require.NoError(t, os.WriteFile(txt, []byte("plain text body"), 0o600))
	jl := filepath.Join(dir, "in.jsonl")
	require.NoError(t, os.WriteFile(jl, []byte("\n{\"id\":3,\"text\":\"ab\"}\n\n"), 0o600))
	recs, err := runLines(t, "", lineOptions{workers: 1, maxBytes: 100}, txt, jl)
	require.NoError(t, err)
	require.Len(t, recs, 2)
	assert.Equal(t, txt, recs[0]["id"])
	assert.EqualValues(t, 15, recs[0]["n"])
	assert.Equal(t, "3", recs[1]["id"], "numeric ids keep their text")
}

func TestRunExitCodes(t *testing.T) {
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb}
	assert.Equal(t, 2, run(context.Background(), e, []string{"no-such-command"}))
	assert.Contains(t, errb.String(), "unknown command")
	assert.Equal(t, 0, run(context.Background(), e, []string{"version"}))
	assert.Contains(t, out.String(), "diplotext ")
	assert.Equal(t, 0, run(context.Background(), e, []string{"version", "-h"}))
	assert.Equal(t, 2, run(context.Background(), e, []string{"version", "--bogus"}))
}

func TestAllCommandsSortedAndUnique(t *testing.T) {
	cs := allCommands()
	for i := 1; i < len(cs); i++ {
		assert.Less(t, cs[i-1].name, cs[i].name, "allCommands must be sorted by name with no duplicate")
	}
	for _, c := range cs {
		assert.NotEmpty(t, c.summary, c.name)
		assert.NotNil(t, c.run, c.name)
		got, rest, ok := lookup(append(strings.Fields(c.name), "x"))
		assert.True(t, ok, c.name)
		assert.Equal(t, c.name, got.name)
		assert.Equal(t, []string{"x"}, rest)
	}
}

func TestVersionPrintsEmbeddedDataVersions(t *testing.T) {
	var out bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &bytes.Buffer{}}
	require.Equal(t, 0, run(context.Background(), e, []string{"version"}))
	assert.Contains(t, out.String(), "diplotext "+diplotext.Version)
	assert.Contains(t, out.String(), tone.LexiconVersion)
	assert.Contains(t, out.String(), fmt.Sprintf("topic model format   %d", topic.FormatVersion))
}

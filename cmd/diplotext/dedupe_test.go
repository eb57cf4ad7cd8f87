package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diplotext/diplotext/dedupe"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// storyLines are JSON Lines headlines of three events over three days.
func storyLines() []string {
	heads := []struct{ id, text, time string }{
		{"m1", "Lavrov and Blinken meet in Geneva over Ukraine ceasefire", "2026-03-02T09:00:00Z"},
		{"m2", "Central bank holds rates as inflation slows", "2026-03-02T10:00:00Z"},
		{"m3", "Blinken, Lavrov hold Geneva talks on Ukraine truce", "2026-03-02T12:00:00Z"},
		{"m4", "Earthquake of magnitude 6.1 strikes off the coast of Chile", "2026-03-02T13:00:00Z"},
		{"t1", "Geneva talks: Lavrov says Ukraine ceasefire deal is close", "2026-03-03T08:00:00Z"},
		{"t2", "Inflation slows again, central bank keeps rates on hold", "2026-03-03T09:00:00Z"},
		{"t3", "Chile earthquake: rescuers search the coast after magnitude 6.1 quake", "2026-03-03T10:00:00Z"},
		{"t4", "Parliament of Estonia passes the budget", "2026-03-03T11:00:00Z"},
	}
	var out []string
	for _, h := range heads {
		out = append(out, fmt.Sprintf(`{"id":%q,"text":%q,"time":%q}`, h.id, h.text, h.time))
	}
	return out
}

func runDedupe(t *testing.T, input string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(input), stdout: &out, stderr: &errb}
	code := run(context.Background(), e, append([]string{"dedupe"}, args...))
	return out.String(), errb.String(), code
}

// TestDedupeStoryStoreContinues: two runs over a story-mode file store
// print what one run over all the lines prints.
func TestDedupeStoryStoreContinues(t *testing.T) {
	lines := storyLines()
	whole, errs, code := runDedupe(t, strings.Join(lines, "\n"), "--mode", "story")
	require.Equal(t, 0, code, errs)
	assert.Contains(t, whole, `"id":"t1","cluster":"m1"`, "the Geneva talks are one story")
	assert.Contains(t, whole, `"id":"t4","cluster":"t4"`)

	path := filepath.Join(t.TempDir(), "stories.snap")
	first, errs, code := runDedupe(t, strings.Join(lines[:4], "\n"), "--mode", "story", "--store", "file:"+path)
	require.Equal(t, 0, code, errs)
	second, errs, code := runDedupe(t, strings.Join(lines[4:], "\n"), "--mode", "story", "--store", "file:"+path)
	require.Equal(t, 0, code, errs)
	assert.Equal(t, whole, first+second)

	// the same file in near mode, or with another threshold, is refused
	_, errs, code = runDedupe(t, lines[0], "--store", "file:"+path)
	assert.Equal(t, 1, code)
	assert.Contains(t, errs, path+" is a story-mode snapshot")
	_, errs, code = runDedupe(t, lines[0], "--mode", "story", "--threshold", "0.2", "--store", "file:"+path)
	assert.Equal(t, 1, code)
	assert.Contains(t, errs, "threshold 0.08")
	_, errs, code = runDedupe(t, lines[0], "--mode", "story", "--store", "redis://127.0.0.1:1/0")
	assert.Equal(t, 1, code)
	assert.Contains(t, errs, "near mode only")
	assert.Contains(t, errs, "file:PATH")
}

// TestEvalDedupeReopen: eval dedupe --reopen scores what the unbroken run
// scores and reports the snapshot.
func TestEvalDedupeReopen(t *testing.T) {
	var b strings.Builder
	clusters := []string{"geneva", "rates", "geneva", "quake", "geneva", "rates", "quake", "budget"}
	for i, l := range storyLines() {
		fmt.Fprintf(&b, "%s,\"cluster\":%q}\n", strings.TrimSuffix(l, "}"), clusters[i])
	}
	path := filepath.Join(t.TempDir(), "stories.jsonl")
	require.NoError(t, os.WriteFile(path, []byte(b.String()), 0o644))
	score := func(args ...string) string {
		var out, errb bytes.Buffer
		e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb}
		code := run(context.Background(), e, append([]string{"eval", "dedupe", "--mode", "story"}, append(args, path)...))
		require.Equal(t, 0, code, errb.String())
		var keep []string
		for _, l := range strings.Split(out.String(), "\n") {
			if !strings.HasPrefix(l, "time ") {
				keep = append(keep, l)
			}
		}
		return strings.Join(keep, "\n")
	}
	plain := score()
	reopened := score("--reopen")
	require.Contains(t, reopened, "reopened after 4 documents: snapshot ")
	_, rest, _ := strings.Cut(reopened, "\n")
	assert.Equal(t, plain, rest)
	assert.Contains(t, plain, "ARI 1.0000")
}

// TestDedupeNearStoreChecks: a near snapshot refuses another threshold
// (issue 16.10), and a file store that cannot be saved is an error before
// any line is read, in both modes.
func TestDedupeNearStoreChecks(t *testing.T) {
	path := filepath.Join(t.TempDir(), "near.snap")
	line := `{"id":"https://www.example.com/news/2025/01/01/ministers-met-in-geneva-to-discuss-the-ceasefire-and-aid","text":"Ministers met in Geneva on Monday to discuss the ceasefire and aid corridors."}`
	_, errs, code := runDedupe(t, line, "--store", "file:"+path)
	require.Equal(t, 0, code, errs)
	out, errs, code := runDedupe(t, `{"id":"b","text":"Ministers met in Geneva on Monday to discuss the ceasefire and aid corridors."}`, "--store", "file:"+path)
	require.Equal(t, 0, code, errs)
	assert.Contains(t, out, `"cluster":"https://www.example.com/news/2025/01/01/ministers-met-in-geneva-to-discuss-the-ceasefire-and-aid"`)
	_, errs, code = runDedupe(t, line, "--threshold", "0.8", "--store", "file:"+path)
	assert.Equal(t, 1, code)
	assert.Contains(t, errs, "threshold 0.32")

	bad := filepath.Join(t.TempDir(), "no", "such", "dir", "x.snap")
	for _, mode := range []string{"near", "story"} {
		out, errs, code := runDedupe(t, line, "--mode", mode, "--store", "file:"+bad)
		assert.Equal(t, 1, code, mode)
		assert.Contains(t, errs, "cannot be saved", mode)
		assert.Empty(t, out, mode)
	}
}

// TestResultJSON: the hand-written encoding is encoding/json's.
func TestResultJSON(t *testing.T) {
	for _, r := range []dedupe.Result{
		{ID: "a", Cluster: "a"},
		{ID: "b\"<é>\x01\n", Cluster: "a&b", Similar: []dedupe.Similar{{ID: "a", Score: 0.5, Method: "jaccard"}, {ID: "c\\", Score: 1e-7}, {ID: "d", Score: 1}}},
		{},
	} {
		want, _ := json.Marshal(r)
		got, err := json.Marshal(resultJSON(r))
		require.NoError(t, err)
		assert.Equal(t, string(want), string(got))
	}
	// every score the index reports (rounded to 0.001), floats around the
	// bounds of encoding/json's plain notation, and random ones
	var scores []float64
	for k := 0; k <= 1000; k++ {
		scores = append(scores, float64(k)/1000, -float64(k)/1000)
	}
	scores = append(scores, math.Copysign(0, -1), 1e-6, math.Nextafter(1e-6, 0), 1e21, math.Nextafter(1e21, 0), 123456.789, 1e-300, 5e-324, math.MaxFloat64)
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		scores = append(scores, math.Float64frombits(r.Uint64()), r.Float64(), r.NormFloat64()*1e10)
	}
	for _, f := range scores {
		if math.IsNaN(f) || math.IsInf(f, 0) {
			continue
		}
		res := dedupe.Result{ID: "a", Cluster: "a", Similar: []dedupe.Similar{{ID: "b", Score: f, Method: "jaccard"}}}
		want, _ := json.Marshal(res)
		got, err := json.Marshal(resultJSON(res))
		require.NoError(t, err)
		require.Equal(t, string(want), string(got), "score %v", f)
	}
}

package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diplotext/diplotext/topic"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// nytFixture is a hand-written file in the layout of RTextTools'
// NYTimes.csv (invented headlines).
const nytFixture = `Article_ID;Date;Title;Subject;Topic.Code
1;1-Jan-01;Kremlin and NATO Trade Charges Over Missile Shield;missile defence dispute;16
2;2-Jan-01;Oil Prices Climb as OPEC Cuts Output;oil output cut;8
3;3-Jan-01;Senate Passes School Lunch Bill;school meals;6
4;4-Jan-01;Security Council Tightens Sanctions on Pyongyang;North Korea sanctions;19
`

func runEvalTopic(t *testing.T, args ...string) (string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb}
	code := run(context.Background(), e, append([]string{"eval", "topic"}, args...))
	return out.String() + errb.String(), code
}

func TestEvalTopicNYTTaxonomy(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nyt.csv")
	require.NoError(t, os.WriteFile(path, []byte(nytFixture), 0o644))

	out, code := runEvalTopic(t, "--nyt", path, "--taxonomy", "--input", "headline")
	require.Equal(t, 0, code, out)
	assert.Contains(t, out, "headline only: CAP codes of the selected taxonomy topics")
	assert.NotContains(t, out, "headline + subject")
	// the sanctions headline selects the sanctions topic, whose CAP code
	// (19) is the coder's
	assert.Regexp(t, `(?m)^\s+sanctions\s+CAP 19\s+1\s+1\.000\s+1\.000`, out)
	assert.Regexp(t, `(?m)^\s+energy\s+CAP\s+8\s+1\s+1\.000`, out)
	assert.Contains(t, out, "documents 4")

	out, code = runEvalTopic(t, "--nyt", path, "--taxonomy")
	require.Equal(t, 0, code, out)
	assert.Contains(t, out, "headline + subject: CAP codes")

	out, code = runEvalTopic(t, "--nyt", path, "--taxonomy", "--input", "title")
	assert.Equal(t, 1, code)
	assert.Contains(t, out, `--input "title"`)
}

func TestEvalTopicNYTForeign(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nyt.csv")
	require.NoError(t, os.WriteFile(path, []byte(nytFixture), 0o644))
	out, code := runEvalTopic(t, "--nyt", path, "--input", "headline")
	require.Equal(t, 0, code, out)
	assert.Contains(t, out, "foreign affairs (CAP 16, 18 or 19) vs other")
	assert.Contains(t, out, "per CAP code (headline only)")

	_, code = runEvalTopic(t, "--nyt", filepath.Join(t.TempDir(), "missing.csv"))
	assert.Equal(t, 1, code)
}

func TestEvalTopicLater(t *testing.T) {
	var b strings.Builder
	sport := []string{"The striker scored twice as the club won the cup final", "The team lost the match after a late goal",
		"A record crowd watched the league game", "The coach praised the goalkeeper after the derby"}
	money := []string{"The central bank raised interest rates to curb inflation", "Bond yields rose as the currency fell",
		"Inflation slowed and the bank held rates", "The stock market fell on rate fears"}
	for i := range 6 {
		for k := range sport {
			fmt.Fprintf(&b, `{"id":"s%d-%d","text":%q,"labels":["sport"]}`+"\n", i, k, sport[k])
			fmt.Fprintf(&b, `{"id":"m%d-%d","text":%q,"labels":["finance"]}`+"\n", i, k, money[k])
		}
	}
	path := filepath.Join(t.TempDir(), "toy.jsonl")
	require.NoError(t, os.WriteFile(path, []byte(b.String()), 0o644))

	out, code := runEvalTopic(t, "--later", "0.25", "--data", path)
	require.Equal(t, 0, code, out)
	assert.Contains(t, out, "on the first 36 lines")
	assert.Contains(t, out, "documents 12")
	assert.Regexp(t, `(?m)^\s+micro\s+1\.0000\s+1\.0000\s+1\.0000`, out, "toy topics are separable")

	for _, bad := range []string{"1", "-0.5", "1.5"} {
		out, code = runEvalTopic(t, "--later", bad, "--data", path)
		assert.Equal(t, 1, code, bad)
		assert.Contains(t, out, "want a fraction between 0 and 1", bad)
	}
}

func TestEvalTopicNYTHalves(t *testing.T) {
	var b strings.Builder
	b.WriteString("Article_ID;Date;Title;Subject;Topic.Code\n")
	foreign := []string{"Kremlin Rejects NATO Missile Plan", "Troops Cross Border as Ceasefire Fails", "Embassy Talks With Tehran Stall"}
	home := []string{"School Board Approves Lunch Budget", "City Council Debates Parking Fees", "State Lottery Jackpot Grows"}
	for i := range 8 {
		for k := range foreign {
			fmt.Fprintf(&b, "f%d%d;1-Jan-01;%s;world news;19\n", i, k, foreign[k])
			fmt.Fprintf(&b, "h%d%d;1-Jan-01;%s;local news;6\n", i, k, home[k])
		}
	}
	path := filepath.Join(t.TempDir(), "nyt.csv")
	require.NoError(t, os.WriteFile(path, []byte(b.String()), 0o644))

	out, code := runEvalTopic(t, "--nyt", path, "--halves", "2", "--algo", "nb")
	require.Equal(t, 0, code, out)
	assert.Contains(t, out, "headline only, naive-bayes trained on a random half, scored on the other: mean F1 1.000 over 2 splits")
	assert.Contains(t, out, "headline + subject, naive-bayes")

	tiny := filepath.Join(t.TempDir(), "tiny.csv")
	require.NoError(t, os.WriteFile(tiny, []byte("Article_ID;Date;Title;Subject;Topic.Code\n1;d;A;s;19\n"), 0o644))
	out, code = runEvalTopic(t, "--nyt", tiny, "--halves", "2")
	assert.Equal(t, 1, code)
	assert.Contains(t, out, "too few to halve")
}

// TestMeanPredictions: the mean-score mode of eval topic --sotu averages
// the two predictions label by label (they come sorted by score, not by
// label) and selects against each label's tuned threshold.
func TestMeanPredictions(t *testing.T) {
	var ex []topic.Example
	for i := range 12 {
		ex = append(ex,
			topic.Example{Text: fmt.Sprintf("missile treaty warheads %d", i), Labels: []string{"arms"}},
			topic.Example{Text: fmt.Sprintf("tariff exports steel %d", i), Labels: []string{"trade"}})
	}
	m, err := topic.Train(context.Background(), ex, topic.WithFolds(0))
	require.NoError(t, err)
	a := m.Predict("missile treaty")
	b := m.Predict("tariff exports")
	require.Equal(t, "arms", a[0].Label)
	require.Equal(t, "trade", b[0].Label)
	got := meanPredictions(m, a, b)
	require.Len(t, got, 2)
	for _, p := range got {
		var sa, sb float64
		for _, q := range a {
			if q.Label == p.Label {
				sa = q.Score
			}
		}
		for _, q := range b {
			if q.Label == p.Label {
				sb = q.Score
			}
		}
		assert.InDelta(t, (sa+sb)/2, p.Score, 1e-12, p.Label)
		th, _ := m.Threshold(p.Label)
		assert.Equal(t, p.Score >= th, p.Selected, p.Label)
	}
}

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/diplotext/diplotext/text"
	"github.com/diplotext/diplotext/topic"
	"github.com/diplotext/diplotext/topic/builtin"
)

// topicClassifyLines runs "topic classify" on docs and returns its lines.
func topicClassifyLines(t *testing.T, docs ...string) []string {
	t.Helper()
	var in strings.Builder
	for i, d := range docs {
		in.WriteString(`{"id":"` + string(rune('a'+i)) + `","text":` + mustJSON(d) + "}\n")
	}
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(in.String()), stdout: &out, stderr: &errb}
	require.Equal(t, 0, run(context.Background(), e, []string{"topic", "classify", "--workers", "2"}), errb.String())
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	require.Len(t, lines, len(docs))
	return lines
}

// A document of at most spoolBytes is classified whole, exactly as before
// windows: its line is the whole document's answer. A longer one is read in
// windows, each parsed on its own: its scores are each label's strongest
// window's, its topics carry offsets into the whole text, and a document
// made of one short text repeated gets that text's labels.
func TestTopicClassifyLongDocumentsInWindows(t *testing.T) {
	para := "The Security Council extended sanctions on North Korea and condemned its missile launches. " +
		"Ministers met in Geneva to discuss the ceasefire, humanitarian aid and the return of refugees.\n\n"
	atLimit := strings.Repeat(para, spoolBytes/len(para))
	atLimit += strings.Repeat(" ", spoolBytes-len(atLimit))
	require.Len(t, atLimit, spoolBytes)
	long := strings.Repeat(para, 3*spoolBytes/len(para))
	lines := topicClassifyLines(t, atLimit, long, para)

	b, err := builtin.New()
	require.NoError(t, err)
	d := text.Parse(atLimit)
	dec, err := b.DecideDocument(d)
	require.NoError(t, err)
	var keep = b.Model().PredictDocument(d)[:0:0]
	for _, p := range b.Model().PredictDocument(d) {
		if !strings.HasPrefix(p.Label, "@") {
			keep = append(keep, p)
		}
	}
	want := classifyOut("a", keep)
	want.Labels = want.Labels[:0]
	for _, tp := range dec.Topics {
		want.Labels = append(want.Labels, tp.ID)
	}
	want.Topics, want.Foreign = dec.Topics, &dec.Foreign
	wantLine, err := json.Marshal(want)
	require.NoError(t, err)
	assert.Equal(t, string(wantLine), lines[0], "a document at the threshold is classified whole")

	var got, short classifyLine
	require.NoError(t, json.Unmarshal([]byte(lines[1]), &got))
	require.NoError(t, json.Unmarshal([]byte(lines[2]), &short))
	assert.Equal(t, short.Labels, got.Labels, "the repeated text gets the text's labels")
	require.NotEmpty(t, got.Topics)
	require.NotNil(t, got.Foreign)
	assert.Equal(t, short.Foreign.Foreign, got.Foreign.Foreign)
	for _, tp := range got.Topics {
		for _, ev := range tp.Evidence {
			require.True(t, ev.Start >= 0 && ev.End <= len(long) && ev.Start < ev.End, "evidence %+v out of the text", ev)
		}
	}
	for label, s := range short.Scores {
		assert.InDelta(t, s, got.Scores[label], 0.05, label)
	}
}

// With --model, a document over spoolBytes is read in windows too: a text
// repeated past the threshold gets the labels and (nearly) the scores of
// the text, and a document at the threshold is predicted whole.
func TestTopicClassifyModelLongDocumentsInWindows(t *testing.T) {
	ex := []topic.Example{
		{Text: "the goalkeeper saved a penalty in the cup final", Labels: []string{"sport"}},
		{Text: "the striker scored twice in the league match", Labels: []string{"sport"}},
		{Text: "the central bank raised interest rates again", Labels: []string{"economy"}},
		{Text: "inflation and interest rates worry the markets", Labels: []string{"economy"}},
	}
	m, err := topic.Train(context.Background(), ex, topic.WithFolds(0), topic.WithMinDF(1))
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "m.model")
	require.NoError(t, m.SaveFile(path))
	para := "The striker scored in the cup final and the goalkeeper saved a penalty.\n\n"
	atLimit := strings.Repeat(para, spoolBytes/len(para))
	atLimit += strings.Repeat(" ", spoolBytes-len(atLimit))
	long := strings.Repeat(para, 3*spoolBytes/len(para))
	var in strings.Builder
	for i, d := range []string{atLimit, long, para} {
		in.WriteString(`{"id":"` + string(rune('a'+i)) + `","text":` + mustJSON(d) + "}\n")
	}
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(in.String()), stdout: &out, stderr: &errb}
	require.Equal(t, 0, run(context.Background(), e, []string{"topic", "classify", "--model", path}), errb.String())
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	require.Len(t, lines, 3)
	want, err := json.Marshal(classifyOut("a", m.Predict(atLimit)))
	require.NoError(t, err)
	assert.Equal(t, string(want), lines[0], "a document at the threshold is predicted whole")
	var got, short classifyLine
	require.NoError(t, json.Unmarshal([]byte(lines[1]), &got))
	require.NoError(t, json.Unmarshal([]byte(lines[2]), &short))
	assert.Equal(t, short.Labels, got.Labels)
	assert.Equal(t, []string{"sport"}, got.Labels)
	for label, s := range short.Scores {
		assert.InDelta(t, s, got.Scores[label], 0.05, label)
	}
}

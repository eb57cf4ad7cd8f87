package tonedata

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFormats(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) {
		p := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(s), 0o644))
	}
	write("directed-sentiment/train.txt", "[Ann]s praised [Bob].\tAnn\tBob\t1\n"+
		"[Bob] blamed [Ann].\tBob\tAnn\t3\n[A] met [B].\tA\tB\t0\nbroken line\n")
	write("newsmtsc/train.jsonl", `{"primary_gid":"allsides_1_7_x","sentence_normalized":"é Ann fell.","targets":[{"from":2,"to":5,"polarity":2.0}]}`+"\n")
	write("vader-groundtruth/tweets_GroundTruth.txt", "1\t2.5\tgood day\nbad\n")

	ds, err := LoadDirected(dir, false, 100)
	require.NoError(t, err)
	require.Len(t, ds, 2)
	assert.Equal(t, "Anns praised Bob.", ds[0].Text)
	assert.Equal(t, "Bob", ds[0].Text[ds[0].Start:ds[0].End])
	assert.Equal(t, 2, ds[0].Class)
	assert.Equal(t, "Ann", ds[1].Text[ds[1].Start:ds[1].End])
	assert.Equal(t, 0, ds[1].Class)
	assert.Less(t, ds[0].Sent, 0)
	ds, err = LoadDirected(dir, true, 0)
	require.NoError(t, err)
	assert.Len(t, ds, 4)

	nm, err := LoadNewsMTSC(dir)
	require.NoError(t, err)
	require.Len(t, nm, 1)
	assert.Equal(t, "Ann", nm[0].Text[nm[0].Start:nm[0].End])
	assert.Equal(t, 0, nm[0].Class)
	sents, groups := NewsSentences(nm)
	assert.Equal(t, -4.0, sents[0].Rating)
	assert.Equal(t, []int{0}, groups)

	r, err := LoadRated(dir, "tweets")
	require.NoError(t, err)
	assert.Equal(t, []Rated{{"tweets", 2.5, "good day"}}, r)
	_, err = LoadRated(dir, "movieReviewSnippets")
	assert.Error(t, err)

	assert.InDelta(t, 1.0, MacroF1([]int{0, 1, 2}, []int{0, 1, 2}), 1e-12)
	assert.InDelta(t, 0.0, MacroF1([]int{0, 0}, []int{2, 2}), 1e-12)
}

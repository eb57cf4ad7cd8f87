package toneeval

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/diplotext/diplotext/tone"
)

func TestEvalFormats(t *testing.T) {
	l, err := tone.NewLabeler()
	require.NoError(t, err)
	rs, err := Rated(l, strings.NewReader("1\t3.1\tA wonderful, excellent deal.\n2\t-2.5\tA terrible, disastrous war.\n\n3\t0.1\tThe minister arrived.\n"))
	require.NoError(t, err)
	assert.Equal(t, 3, rs.N)
	assert.Greater(t, rs.Pearson, 0.8)
	assert.InDelta(t, 1.0, rs.Spearman, 1e-9)
	_, err = Rated(l, strings.NewReader("1\tx\ttext\n2\t1\tmore\n"))
	assert.ErrorContains(t, err, "line 1")
	_, err = Rated(l, strings.NewReader("only\n"))
	assert.Error(t, err)
	ts, err := Targets(l, strings.NewReader(`{"sentence_normalized":"Critics condemned Smith for the disastrous leak.","targets":[{"from":18,"to":23,"polarity":2.0}]}`+"\n"))
	require.NoError(t, err)
	assert.Equal(t, 1, ts.N)
	assert.Equal(t, 1, ts.Confuse[0][0])
	assert.Equal(t, 0, ts.Sentence.N, "one sentence gives no correlation")
	// The sentence proxy: one row per distinct sentence, rated by the mean
	// polarity of its targets.
	ts, err = Targets(l, strings.NewReader(
		`{"sentence_normalized":"Critics condemned Smith for the disastrous leak.","targets":[{"from":18,"to":23,"polarity":2.0}]}`+"\n"+
			`{"sentence_normalized":"Critics condemned Smith for the disastrous leak.","targets":[{"from":0,"to":7,"polarity":2.0}]}`+"\n"+
			`{"sentence_normalized":"Jones praised the excellent, generous aid deal.","targets":[{"from":0,"to":5,"polarity":6.0},{"from":18,"to":27,"polarity":4.0}]}`+"\n"+
			`{"sentence_normalized":"Brown arrived in Paris on Monday.","targets":[{"from":0,"to":5,"polarity":4.0}]}`+"\n"))
	require.NoError(t, err)
	assert.Equal(t, 5, ts.N)
	assert.Equal(t, 3, ts.Sentence.N)
	assert.InDelta(t, 1.0, ts.Sentence.Spearman, 1e-9)
	_, err = Targets(l, strings.NewReader(`{"sentence_normalized":"abc","targets":[{"from":1,"to":9,"polarity":2}]}`))
	assert.ErrorContains(t, err, "line 1")
	_, err = Targets(l, strings.NewReader("{bad json\n"))
	assert.Error(t, err)
}

func TestCharToByte(t *testing.T) {
	s := "Ça “va”"
	assert.Equal(t, 0, charToByte(s, 0))
	assert.Equal(t, 2, charToByte(s, 1))
	assert.Equal(t, len(s), charToByte(s, utf8.RuneCountInString(s)))
	assert.Equal(t, -1, charToByte(s, 99))
}

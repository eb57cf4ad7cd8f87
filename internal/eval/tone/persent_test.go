package toneeval

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/diplotext/diplotext/internal/shareddata"
	"github.com/diplotext/diplotext/tone"
)

func TestPerSenTData(t *testing.T) {
	f, err := os.Open(shareddata.Require(t, "persent/dev.csv"))
	require.NoError(t, err)
	defer f.Close()
	l, err := tone.NewLabeler()
	require.NoError(t, err)
	s, err := PerSenT(l, f)
	require.NoError(t, err)
	t.Logf("%+v", s)
}

// TestPerSenTCalibrationCV cross-validates the actor calibration (mix of
// mention tone and sentence polarity, shift, neutral band) by article:
// five folds, the parameters chosen on four and scored on the fifth.
func TestPerSenTCalibrationCV(t *testing.T) {
	f, err := os.Open(shareddata.Require(t, "persent/dev.csv"))
	require.NoError(t, err)
	defer f.Close()
	arts, err := ReadPerSenT(f)
	require.NoError(t, err)
	l, err := tone.NewLabeler()
	require.NoError(t, err)
	type row struct {
		tw, cx float64
		gold   int
		fold   int
	}
	var rows []row
	for i, a := range arts {
		at, err := ReadArticle(l, a)
		require.NoError(t, err)
		rows = append(rows, row{at.Actor.Toward, at.Actor.Context, a.Gold, (i * 7919) % 5})
	}
	type params struct{ mix, shift, band float64 }
	score := func(p params, r row) int {
		return band(p.mix*r.tw+(1-p.mix)*r.cx-p.shift, p.band)
	}
	eval := func(p params, keep func(row) bool) float64 {
		var c [3][3]int
		for _, r := range rows {
			if keep(r) {
				c[r.gold+1][score(p, r)+1]++
			}
		}
		_, m, _ := f1s(c)
		return m
	}
	var grid []params
	for mix := 0.0; mix <= 1.001; mix += 0.1 {
		for shift := -0.3; shift <= 0.301; shift += 0.02 {
			for b := 0.0; b <= 0.3001; b += 0.02 {
				grid = append(grid, params{mix, shift, b})
			}
		}
	}
	best := func(keep func(row) bool) (params, float64) {
		var bp params
		bm := -1.0
		for _, p := range grid {
			if m := eval(p, keep); m > bm {
				bp, bm = p, m
			}
		}
		return bp, bm
	}
	var c [3][3]int
	for k := range 5 {
		p, _ := best(func(r row) bool { return r.fold != k })
		for _, r := range rows {
			if r.fold == k {
				c[r.gold+1][score(p, r)+1]++
			}
		}
		t.Logf("fold %d: %+v", k, p)
	}
	_, cv, acc := f1s(c)
	all, fit := best(func(row) bool { return true })
	t.Logf("CV macro-F1 %.3f (accuracy %.3f, confusion %v); fit on all: %+v (%.3f)", cv, acc, c, all, fit)
}

func TestPerSenTFormat(t *testing.T) {
	csv := "DOCUMENT_INDEX,TITLE,TARGET_ENTITY,DOCUMENT,MASKED_DOCUMENT,TRUE_SENTIMENT,Paragraph0,Paragraph1\n" +
		"1,T,Anna Berg,\"Anna Berg won a wonderful victory.\nBerg thanked her loyal, generous supporters.\",x,Positive,Positive,Positive\n" +
		"2,T,Karl Holm,\"Karl Holm was convicted of fraud.\nThe weather was mild.\",x,Negative,Negative,\n"
	arts, err := ReadPerSenT(strings.NewReader(csv))
	require.NoError(t, err)
	require.Len(t, arts, 2)
	require.Equal(t, []int{1, 1}, arts[0].Paragraphs)
	require.Equal(t, []int{-1}, arts[1].Paragraphs)
	require.Len(t, NameMentions(arts[0].Text, "Anna Berg"), 2)
	l, err := tone.NewLabeler()
	require.NoError(t, err)
	s, err := PerSenT(l, strings.NewReader(csv))
	require.NoError(t, err)
	require.Equal(t, 2, s.N)
	require.Equal(t, 3, s.Paragraphs.N)
	_, err = ReadPerSenT(strings.NewReader("A,B\n1,2\n"))
	require.Error(t, err)
	_, err = PerSenT(l, strings.NewReader("TARGET_ENTITY,DOCUMENT,TRUE_SENTIMENT\nx,y,maybe\n"))
	require.ErrorContains(t, err, "record 2")
}

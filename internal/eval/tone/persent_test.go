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
	rows, err := ActorRows(l, arts)
	require.NoError(t, err)
	cv := CrossValidate(rows)
	for k, c := range cv.Folds {
		t.Logf("fold %d: %+v", k, c)
	}
	all, fit := FitCalibration(rows, func(ActorRow) bool { return true })
	t.Logf("CV macro-F1 %.3f (accuracy %.3f, confusion %v); fit on all: %+v (%.3f)", cv.MacroF1, cv.Accuracy, cv.Confuse, all, fit)
	// The calibration compiled into tone is the one fitted on all
	// articles (go generate ./tone writes it).
	require.InDelta(t, all.Band, tone.ActorBaseBand, 1e-9, "tone's compiled calibration is not the one fitted here: run go generate ./tone")
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

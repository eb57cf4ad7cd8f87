package tone

import (
	"os"
	"testing"

	"github.com/diplotext/diplotext/tone/internal/tonedata"
)

// TestNewsProxy measures the correlation of Label's document score with
// the NewsMTSC sentence-level proxy (mean polarity of a sentence's
// targets). The embedded weights are trained partly on these sentences, so
// the "learned" figure is in-sample; cross-validated figures come from
// the training program (go run -tags tonetrain ./internal/train -what polarity -dry).
func TestNewsProxy(t *testing.T) {
	if os.Getenv("DIPLOTEXT_LONG") == "" {
		t.Skip("set DIPLOTEXT_LONG=1 to measure the news proxy")
	}
	sents, _ := tonedata.NewsSentences(loadNewsMTSC(t, dataDir(t)))
	for _, c := range []struct {
		name string
		opts []Option
	}{{"rules only", []Option{WithoutLearnedWeights()}}, {"learned", nil}} {
		l := newLabeler(t, c.opts...)
		var x, y []float64
		for _, s := range sents {
			r, err := l.Label(s.Text)
			if err != nil {
				t.Fatal(err)
			}
			x = append(x, r.Score)
			y = append(y, s.Rating)
		}
		t.Logf("news proxy (%d sentences), %s: r=%.3f rho=%.3f", len(x), c.name, pearson(x, y), spearman(x, y))
	}
}

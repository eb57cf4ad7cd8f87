package bench

import (
	"bufio"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/diplotext/diplotext/internal/shareddata"

	"github.com/diplotext/diplotext/tone"
	"github.com/jonreiter/govader"
)

// toneData returns the shared data folder, or skips.
func toneData(tb testing.TB) string {
	tb.Helper()
	return shareddata.Require(tb, ".")
}

// toneSpeeches loads the UN General Debate 2017 speeches.
func toneSpeeches(tb testing.TB) []string {
	f, err := os.Open(filepath.Join(toneData(tb), "ungd2017", "ungd2017.jsonl"))
	if err != nil {
		tb.Skipf("ungd2017: %v", err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 4<<20), 4<<20)
	for sc.Scan() {
		var r struct{ Text string }
		if json.Unmarshal(sc.Bytes(), &r) == nil && r.Text != "" {
			out = append(out, r.Text)
		}
	}
	return out
}

// BenchmarkTone labels every UN General Debate 2017 speech, whole, with
// diplotext's tone.Labeler and with govader (VADER).
func BenchmarkTone(b *testing.B) {
	docs := toneSpeeches(b)
	var n int64
	for _, d := range docs {
		n += int64(len(d))
	}
	b.Run("diplotext", func(b *testing.B) {
		l, err := tone.NewLabeler()
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(n)
		b.ReportAllocs()
		for b.Loop() {
			for _, d := range docs {
				if _, err := l.Label(d); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("govader", func(b *testing.B) {
		a := govader.NewSentimentIntensityAnalyzer()
		b.SetBytes(n)
		b.ReportAllocs()
		for b.Loop() {
			for _, d := range docs {
				_ = a.PolarityScores(d)
			}
		}
	})
}

// TestToneCorrelation measures Pearson's r between human ratings and the
// scores of diplotext and govader on each shared rated set. The diplotext
// weights were trained on these sets, so its figures here are in-sample;
// the cross-validated ones are in docs/tone.md.
func TestToneCorrelation(t *testing.T) {
	if os.Getenv("DIPLOTEXT_LONG") == "" {
		t.Skip("set DIPLOTEXT_LONG=1 to measure correlations on the rated sets")
	}
	dir := toneData(t)
	l, err := tone.NewLabeler()
	if err != nil {
		t.Fatal(err)
	}
	a := govader.NewSentimentIntensityAnalyzer()
	for _, set := range []string{"tweets", "movieReviewSnippets", "amazonReviewSnippets"} {
		f, err := os.Open(filepath.Join(dir, "vader-groundtruth", set+"_GroundTruth.txt"))
		if err != nil {
			t.Skipf("%s: %v", set, err)
		}
		var gold, ours, vader []float64
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			p := strings.SplitN(sc.Text(), "\t", 3)
			if len(p) != 3 {
				continue
			}
			y, err := strconv.ParseFloat(strings.TrimSpace(p[1]), 64)
			if err != nil {
				continue
			}
			r, err := l.Label(p[2])
			if err != nil {
				t.Fatal(err)
			}
			gold = append(gold, y)
			ours = append(ours, r.Score)
			vader = append(vader, a.PolarityScores(p[2]).Compound)
		}
		f.Close()
		rd, rv := tonePearson(ours, gold), tonePearson(vader, gold)
		t.Logf("%-22s n=%5d  diplotext r=%.3f  govader r=%.3f", set, len(gold), rd, rv)
		if rv < 0.3 || rd < 0.3 {
			t.Errorf("%s: implausibly low correlation", set)
		}
	}
	// News: NewsMTSC sentences rated by the mean polarity of their targets.
	texts, gold := toneNewsProxy(t, dir)
	var ours, vader []float64
	for _, s := range texts {
		r, err := l.Label(s)
		if err != nil {
			t.Fatal(err)
		}
		ours = append(ours, r.Score)
		vader = append(vader, a.PolarityScores(s).Compound)
	}
	t.Logf("%-22s n=%5d  diplotext r=%.3f  govader r=%.3f", "newsmtsc (proxy)", len(gold), tonePearson(ours, gold), tonePearson(vader, gold))
}

// toneNewsProxy reads NewsMTSC train.jsonl as a sentence-level polarity
// proxy for news text: each distinct sentence rated by the mean polarity of
// its targets (-1 negative, 0 neutral, +1 positive).
func toneNewsProxy(tb testing.TB, dir string) (texts []string, ratings []float64) {
	f, err := os.Open(filepath.Join(dir, "newsmtsc", "train.jsonl"))
	if err != nil {
		tb.Skipf("newsmtsc: %v", err)
	}
	defer f.Close()
	seen := map[string]bool{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var rec struct {
			Sentence string `json:"sentence_normalized"`
			Targets  []struct{ Polarity float64 }
		}
		if json.Unmarshal(sc.Bytes(), &rec) != nil || len(rec.Targets) == 0 || seen[rec.Sentence] {
			continue
		}
		seen[rec.Sentence] = true
		var y float64
		for _, tg := range rec.Targets {
			y += (tg.Polarity - 4) / 2
		}
		texts = append(texts, rec.Sentence)
		ratings = append(ratings, y/float64(len(rec.Targets)))
	}
	return texts, ratings
}

func tonePearson(x, y []float64) float64 {
	n := float64(len(x))
	var mx, my float64
	for i := range x {
		mx += x[i]
		my += y[i]
	}
	mx, my = mx/n, my/n
	var sxy, sxx, syy float64
	for i := range x {
		sxy += (x[i] - mx) * (y[i] - my)
		sxx += (x[i] - mx) * (x[i] - mx)
		syy += (y[i] - my) * (y[i] - my)
	}
	return sxy / math.Sqrt(sxx*syy)
}

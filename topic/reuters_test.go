package topic_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/diplotext/diplotext/internal/eval/topic/corpus"
	"github.com/diplotext/diplotext/topic"
)

func reutersTrain(t testing.TB, dir string) []topic.Example {
	docs, err := corpus.ReadReutersDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	top := corpus.Top10()
	var ex []topic.Example
	for _, d := range docs {
		if !d.ModApteTrain() {
			continue
		}
		var ls []string
		for _, l := range d.Labels {
			for _, x := range top {
				if l == x {
					ls = append(ls, l)
				}
			}
		}
		ex = append(ex, topic.Example{Text: d.Text(), Labels: ls})
	}
	return ex
}

func TestReutersCV(t *testing.T) {
	if os.Getenv("DIPLOTEXT_LONG") == "" {
		t.Skip("set DIPLOTEXT_LONG=1")
	}
	dir := topic.FindData(t, "reuters21578")
	ex := reutersTrain(t, dir)
	t.Logf("%d ModApte TRAIN documents", len(ex))
	for _, algo := range []topic.Algorithm{topic.LogisticRegression, topic.NaiveBayes} {
		start := time.Now()
		r, err := topic.CrossValidate(context.Background(), ex, 5, corpus.Top10(), topic.WithAlgorithm(algo))
		if err != nil {
			t.Fatal(err)
		}
		r.WriteTo(os.Stderr)
		t.Logf("%v: micro-F1 %.4f in %v", algo, r.MicroF1, time.Since(start))
	}
}

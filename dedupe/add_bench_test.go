package dedupe

import (
	"context"
	"strconv"
	"sync"
	"testing"
)

// benchDocs are 5,000 synthetic news-length texts (300 Zipf words, every
// 10th an edited copy of an earlier one), as in TestScale.
var benchDocs = sync.OnceValue(func() []string {
	docs := make([]string, 5000)
	for i := range docs {
		if i%10 == 9 {
			docs[i] = string(newsText(nil, uint64(i/2), 300, 0.03))
		} else {
			docs[i] = string(newsText(nil, uint64(i), 300, 0))
		}
	}
	return docs
})

// BenchmarkIndexAdd adds the 5,000 texts to a new default Index, one
// goroutine (run with -cpu 1).
func BenchmarkIndexAdd(b *testing.B) {
	docs := benchDocs()
	ids := make([]string, len(docs))
	var n int64
	for i, d := range docs {
		ids[i] = "doc-" + strconv.Itoa(i)
		n += int64(len(d))
	}
	ctx := context.Background()
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		ix, err := NewIndex()
		if err != nil {
			b.Fatal(err)
		}
		for i, d := range docs {
			if _, err := ix.Add(ctx, ids[i], d); err != nil {
				b.Fatal(err)
			}
		}
		ix.Close()
	}
	b.ReportMetric(float64(len(docs))*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}

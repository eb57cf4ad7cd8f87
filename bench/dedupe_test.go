package bench

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/diplotext/diplotext/dedupe"
	dg "github.com/diplotext/diplotext/internal/eval/dedupe"
	minhashlsh "github.com/ekzhu/minhash-lsh"
)

var copiesOnce = sync.OnceValues(func() ([]dg.Doc, error) {
	dir, err := dg.DataDir()
	if err != nil {
		return nil, err
	}
	arts, err := dg.LoadArticles(dir)
	if err != nil {
		return nil, err
	}
	return dg.Generate(arts, dg.Config{Seed: 1, Part: "test"}), nil
})

// copies returns the generated near-duplicate set (test part), or skips.
func copies(tb testing.TB) []dg.Doc {
	tb.Helper()
	docs, err := copiesOnce()
	if err != nil {
		tb.Skipf("shared data not available: %v", err)
	}
	return docs
}

func docBytes(docs []dg.Doc) int64 {
	var n int64
	for _, d := range docs {
		n += int64(len(d.Text))
	}
	return n
}

// runDiplotext groups docs with a default dedupe index.
func runDiplotext(tb testing.TB, docs []dg.Doc) []string {
	ix, err := dedupe.NewIndex()
	if err != nil {
		tb.Fatal(err)
	}
	defer ix.Close()
	out := make([]string, len(docs))
	for i, d := range docs {
		r, err := ix.Add(context.Background(), d.ID, d.Text)
		if err != nil {
			tb.Fatal(err)
		}
		out[i] = r.Cluster
	}
	return out
}

// runMinhashLSH groups docs with ekzhu/minhash-lsh in its usual setting:
// lower-cased word 5-grams, 128 hashes, Jaccard threshold 0.7. Its index is
// built in batch (Add, Index, then Query), so each document is queried
// against all of them and groups are joined with union-find.
func runMinhashLSH(docs []dg.Doc) []string {
	lsh := minhashlsh.NewMinhashLSH64(128, 0.7)
	sigs := make([][]uint64, len(docs))
	for i, d := range docs {
		mh := minhashlsh.NewMinhash(1, 128)
		w := strings.Fields(strings.ToLower(d.Text))
		for j := 0; j+5 <= len(w); j++ {
			mh.Push([]byte(strings.Join(w[j:j+5], " ")))
		}
		if len(w) < 5 {
			mh.Push([]byte(strings.Join(w, " ")))
		}
		sigs[i] = mh.Signature()
		lsh.Add(i, sigs[i])
	}
	lsh.Index()
	parent := make([]int, len(docs))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	for i := range docs {
		for _, k := range lsh.Query(sigs[i]) {
			a, b := find(i), find(k.(int))
			if a != b {
				parent[max(a, b)] = min(a, b)
			}
		}
	}
	out := make([]string, len(docs))
	for i := range docs {
		out[i] = docs[find(i)].ID
	}
	return out
}

// TestDedupeQuality prints pair precision, recall, F1 and ARI of both
// implementations on the same generated copies.
func TestDedupeQuality(t *testing.T) {
	docs := copies(t)
	truth := make([]string, len(docs))
	for i, d := range docs {
		truth[i] = d.Cluster
	}
	for name, pred := range map[string][]string{"diplotext": runDiplotext(t, docs), "minhashlsh": runMinhashLSH(docs)} {
		s := dg.Score(truth, pred)
		t.Log(fmt.Sprintf("%-10s docs=%d P=%.4f R=%.4f F1=%.4f ARI=%.4f", name, s.Docs, s.Precision, s.Recall, s.F1, s.ARI))
	}
}

func BenchmarkDedupe(b *testing.B) {
	docs := copies(b)
	b.Run("diplotext", func(b *testing.B) {
		b.SetBytes(docBytes(docs))
		b.ReportAllocs()
		for b.Loop() {
			runDiplotext(b, docs)
		}
		b.ReportMetric(float64(len(docs))*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
	})
	b.Run("minhashlsh", func(b *testing.B) {
		b.SetBytes(docBytes(docs))
		b.ReportAllocs()
		for b.Loop() {
			runMinhashLSH(docs)
		}
		b.ReportMetric(float64(len(docs))*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
	})
}

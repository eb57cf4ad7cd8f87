package dedupe

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// shortDocs returns n unique short documents: five words of a large
// vocabulary and two of a few common ones, so that the common words'
// posting lists are always full.
func shortDocs(n int) []string {
	r := rand.New(rand.NewPCG(1, 2))
	common := strings.Fields("talks meet deal plan vote crisis leaders urge warn")
	docs := make([]string, n)
	for i := range docs {
		var b strings.Builder
		for range 5 {
			fmt.Fprintf(&b, "W%dx ", r.IntN(20000))
		}
		b.WriteString(common[r.IntN(len(common))] + " " + common[r.IntN(len(common))])
		docs[i] = b.String()
	}
	return docs
}

// BenchmarkStoriesGrowth adds n unique short documents to a new Stories;
// ns per document must stay flat as n grows (issue 16.6).
func BenchmarkStoriesGrowth(b *testing.B) {
	for _, n := range []int{6600, 26000, 105000} {
		docs := shortDocs(n)
		bytes := 0
		for _, d := range docs {
			bytes += len(d)
		}
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(bytes))
			b.ReportAllocs()
			for b.Loop() {
				st, _ := NewStories()
				t0 := time.Unix(0, 0)
				for i, d := range docs {
					if _, err := st.AddAt(ctx, fmt.Sprint(i), d, t0.Add(time.Duration(i)*time.Second)); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/doc")
		})
	}
}

package event

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/diplotext/diplotext/internal/shareddata"
	"github.com/diplotext/diplotext/text"
)

// BenchmarkExtractDocument measures the event stage alone on a parsed
// document (the root package parses once): the UN General Debate speeches
// when the shared data is present, else a repeated news paragraph.
func BenchmarkExtractDocument(b *testing.B) {
	src := benchText(b)
	d := text.Parse(src)
	x, err := New()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	x.ExtractDocument(d) // decode the model before timing
	b.ResetTimer()
	c0 := cpuTime()
	for range b.N {
		if _, err := x.ExtractDocument(d); err != nil {
			b.Fatal(err)
		}
	}
	// Throughput per CPU-second: the honest per-core figure when other
	// processes share the cores (wall-clock MB/s then understates it).
	if c := cpuTime() - c0; c > 0 {
		b.ReportMetric(float64(len(src))*float64(b.N)/1e6/c.Seconds(), "MB/cpu-s")
	}
}

func benchText(b *testing.B) string {
	if dir, err := shareddata.Dir(); err == nil {
		if texts, err := shareddata.UNSpeeches(filepath.Join(dir, "ungd2017")); err == nil && len(texts) > 0 {
			s := ""
			for _, t := range texts[:20] {
				s += t + "\n\n"
			}
			return s
		}
	}
	b.Log("shared data absent: benchmarking a repeated paragraph")
	p, _ := os.ReadFile("../examples/briefing/sample.txt")
	s := ""
	for len(s) < 1<<20 {
		s += string(p) + "\n"
	}
	return s
}

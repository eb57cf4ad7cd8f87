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
	benchExtract(b, false, false)
}

// BenchmarkExtractDocumentActors measures the root package's path: every
// capitalised word not starting a sentence is given as an actor (a proxy
// for the entity mentions), with the given offsets as the spans (Offsets)
// or with [WithActorPhrases] (Phrases, the root's default).
func BenchmarkExtractDocumentActors(b *testing.B) {
	b.Run("Offsets", func(b *testing.B) { benchExtract(b, true, false) })
	b.Run("Phrases", func(b *testing.B) { benchExtract(b, true, true) })
}

func benchExtract(b *testing.B, withActors, phrases bool) {
	src := benchText(b)
	d := text.Parse(src)
	var opts []Option
	if phrases {
		opts = append(opts, WithActorPhrases())
	}
	x, err := New(opts...)
	if err != nil {
		b.Fatal(err)
	}
	var acts []Actor
	if withActors {
		acts = capitalised(d)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	x.ExtractDocument(d, acts...) // decode the model before timing
	b.ResetTimer()
	c0 := cpuTime()
	for range b.N {
		if _, err := x.ExtractDocument(d, acts...); err != nil {
			b.Fatal(err)
		}
	}
	// Throughput per CPU-second: the honest per-core figure when other
	// processes share the cores (wall-clock MB/s then understates it).
	if c := cpuTime() - c0; c > 0 {
		b.ReportMetric(float64(len(src))*float64(b.N)/1e6/c.Seconds(), "MB/cpu-s")
	}
}

// capitalised returns an actor for each capitalised token of d that does
// not start its sentence.
func capitalised(d *text.Document) []Actor {
	var out []Actor
	for _, sn := range d.Sentences {
		for i := sn.First + 1; i < sn.Last; i++ {
			t := d.Tokens[i]
			if c := d.Text[t.Start]; c >= 'A' && c <= 'Z' {
				out = append(out, Actor{Start: t.Start, End: t.End, Country: "XXX"})
			}
		}
	}
	return out
}

func benchText(b *testing.B) string {
	if dir, err := shareddata.Dir(); err == nil {
		if texts, err := shareddata.UNSpeeches(filepath.Join(dir, "ungd2017", "ungd2017.jsonl")); err == nil && len(texts) > 0 {
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

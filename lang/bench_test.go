package lang

import (
	"testing"

	"github.com/diplotext/diplotext/internal/shareddata"
)

// BenchmarkDetectSpeeches measures Detect on the UN General Debate 2017
// speeches: bytes are the whole speeches, of which Detect reads a bounded
// prefix.
func BenchmarkDetectSpeeches(b *testing.B) {
	texts, err := shareddata.UNSpeeches(shareddata.Require(b, "ungd2017/ungd2017.jsonl"))
	if err != nil {
		b.Fatal(err)
	}
	total := 0
	for _, t := range texts {
		total += len(t)
	}
	b.SetBytes(int64(total))
	b.ReportAllocs()
	loadModel()
	for b.Loop() {
		for _, t := range texts {
			Detect(t)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(texts)), "µs/doc")
}

// BenchmarkDetectHeadline measures Detect on one short English headline.
func BenchmarkDetectHeadline(b *testing.B) {
	const h = "Russia and the US agree to resume talks on strategic arms"
	b.SetBytes(int64(len(h)))
	b.ReportAllocs()
	loadModel()
	for b.Loop() {
		Detect(h)
	}
}

package gaz

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"

	"github.com/diplotext/diplotext/text"
)

// benchWords returns the words and hashes of the first UN speeches, or
// skips without the shared data.
func benchWords(b *testing.B) ([]string, []uint64) {
	f, err := os.Open("../../../../shared/data/ungd2017/ungd2017.jsonl")
	if err != nil {
		b.Skip("ungd2017 absent:", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 16<<20)
	var words []string
	for k := 0; k < 40 && sc.Scan(); k++ {
		var r struct{ Text string }
		if json.Unmarshal(sc.Bytes(), &r) != nil {
			continue
		}
		for _, t := range text.Tokenize(r.Text, nil) {
			words = append(words, r.Text[t.Start:t.End])
		}
	}
	hashes := make([]uint64, len(words))
	for i, w := range words {
		hashes[i] = text.Hash(w)
	}
	return words, hashes
}

// BenchmarkScan compares the generated tables with the maps they were
// built from, on the words of UN speeches, in both case modes.
func BenchmarkScan(b *testing.B) {
	words, hashes := benchWords(b)
	for _, c := range []struct {
		name string
		ix   *Index
	}{{"tables", Default()}, {"maps", buildDefault()}} {
		for _, lower := range []bool{false, true} {
			name := c.name + "/cased"
			if lower {
				name = c.name + "/lower"
			}
			b.Run(name, func(b *testing.B) {
				var dst []Match
				b.ReportAllocs()
				for b.Loop() {
					dst = c.ix.Scan(words, hashes, lower, dst[:0])
				}
				b.ReportMetric(float64(len(words))*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
			})
		}
	}
}

package entity_test

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/diplotext/diplotext/text"
)

// speeches reads the texts of the UN General Debate 2017 corpus.
func speeches(b *testing.B) []string {
	f, err := os.Open(filepath.Join(dataDir(b), "ungd2017", "ungd2017.jsonl"))
	if err != nil {
		b.Skip("ungd2017 absent:", err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var r struct {
			Text string `json:"text"`
		}
		if json.Unmarshal(sc.Bytes(), &r) == nil && r.Text != "" {
			out = append(out, r.Text)
		}
	}
	return out
}

// BenchmarkTagDocument measures the default entity.Tagger on parsed UN speeches
// (tokenisation excluded: the root Analyze parses once for all packages).
func BenchmarkTagDocument(b *testing.B) {
	docs := speeches(b)
	tg := tagger(b)
	parsed := make([]*text.Document, len(docs))
	size, tokens := 0, 0
	for i, d := range docs {
		parsed[i] = text.Parse(d)
		size += len(d)
		tokens += len(parsed[i].Tokens)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	cpu0 := cpuTime()
	for b.Loop() {
		for _, d := range parsed {
			if _, err := tg.TagDocument(d); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(tokens)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	b.ReportMetric(float64(tokens)*float64(b.N)/(cpuTime()-cpu0).Seconds(), "tokens/cpu-s")
}

// BenchmarkTag measures the default entity.Tagger on raw UN speeches, parsing
// included.
func BenchmarkTag(b *testing.B) {
	docs := speeches(b)
	tg := tagger(b)
	size, tokens := 0, 0
	for _, d := range docs {
		size += len(d)
		tokens += len(text.Parse(d).Tokens)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	cpu0 := cpuTime()
	for b.Loop() {
		for _, d := range docs {
			if _, err := tg.Tag(d); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(tokens)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	b.ReportMetric(float64(tokens)*float64(b.N)/(cpuTime()-cpu0).Seconds(), "tokens/cpu-s")
}

// cpuTime returns the CPU time (user and system) the process has used: on
// a shared machine, tokens per CPU second is the speed per core.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

package builtin_test

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/diplotext/diplotext/internal/shareddata"
	"github.com/diplotext/diplotext/text"
	"github.com/diplotext/diplotext/topic/builtin"
)

// ungdTexts reads the UN General Debate 2017 speeches (throughput corpus)
// and their total size, or skips b.
func ungdTexts(b *testing.B) ([]string, int64) {
	f, err := os.Open(filepath.Join(shareddata.Require(b, "ungd2017"), "ungd2017.jsonl"))
	if err != nil {
		b.Skip(err)
	}
	defer f.Close()
	var texts []string
	var n int64
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var v struct{ Text string }
		if json.Unmarshal(sc.Bytes(), &v) == nil {
			texts = append(texts, v.Text)
			n += int64(len(v.Text))
		}
	}
	return texts, n
}

// BenchmarkClassifyUNGD classifies the UN General Debate 2017 speeches
// with the built-in taxonomy, parsing included.
func BenchmarkClassifyUNGD(b *testing.B) {
	texts, n := ungdTexts(b)
	bt, err := builtin.New()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range texts {
			if _, err := bt.Classify(s); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkDecideUNGD is the topic stage of the root Analyze on the same
// speeches: Decide (the taxonomy and the foreign-affairs decision) of an
// already parsed document, as Analyze parses a text once for all its
// stages.
func BenchmarkDecideUNGD(b *testing.B) {
	texts, n := ungdTexts(b)
	bt, err := builtin.New()
	if err != nil {
		b.Fatal(err)
	}
	docs := make([]*text.Document, len(texts))
	for i, s := range texts {
		docs[i] = text.Parse(s)
	}
	if _, err := bt.DecideDocument(docs[0]); err != nil { // decode both models
		b.Fatal(err)
	}
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			if _, err := bt.DecideDocument(d); err != nil {
				b.Fatal(err)
			}
		}
	}
}

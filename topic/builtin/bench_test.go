package builtin_test

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/diplotext/diplotext/internal/shareddata"
	"github.com/diplotext/diplotext/topic/builtin"
)

// BenchmarkBuiltinUNGD classifies the UN General Debate 2017 speeches
// (throughput corpus) with the built-in taxonomy, parsing included.
func BenchmarkClassifyUNGD(b *testing.B) {
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

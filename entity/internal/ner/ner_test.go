package ner

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/diplotext/diplotext/entity/internal/gaz"
	"github.com/diplotext/diplotext/internal/eval/conll"
)

func devDocs(tb testing.TB) []Doc {
	dir, err := conll.DataDir()
	if err != nil {
		tb.Skip("shared data absent:", err)
	}
	docs, err := conll.ReadFile(filepath.Join(dir, "conll2003", "eng.testa"))
	if err != nil {
		tb.Skip("CoNLL dev set absent:", err)
	}
	var out []Doc
	for _, d := range docs {
		var doc Doc
		for _, s := range d.Sentences {
			f := len(doc.Words)
			doc.Words = append(doc.Words, s.Words...)
			doc.Sents = append(doc.Sents, Span{f, len(doc.Words)})
		}
		out = append(out, doc)
	}
	return out
}

func BenchmarkTag(b *testing.B) {
	data, err := os.ReadFile(os.Getenv("NER_MODEL"))
	if err != nil {
		b.Skip("set NER_MODEL")
	}
	m, err := Load(data, gaz.Default())
	if err != nil {
		b.Fatal(err)
	}
	docs := devDocs(b)
	n, bytes := 0, 0
	for _, d := range docs {
		n += len(d.Words)
		for _, w := range d.Words {
			bytes += len(w) + 1
		}
	}
	var s Scratch
	var out []Tag
	b.SetBytes(int64(bytes))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for i := range docs {
			out = m.Tag(&docs[i], &s, out[:0])
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}

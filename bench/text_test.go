package bench

import (
	"testing"

	"github.com/jdkato/prose/v2"

	"github.com/diplotext/diplotext/text"
)

// BenchmarkTokenize compares tokenisation alone on the UN speeches.
func BenchmarkTokenize(b *testing.B) {
	texts := speeches(b)
	b.Run("diplotext", func(b *testing.B) {
		b.SetBytes(totalBytes(texts))
		b.ReportAllocs()
		var toks []text.Token
		for b.Loop() {
			for _, t := range texts {
				toks = text.Tokenize(t, toks[:0])
			}
		}
	})
	b.Run("prose", func(b *testing.B) {
		b.SetBytes(totalBytes(texts))
		b.ReportAllocs()
		for b.Loop() {
			for _, t := range texts {
				// prose v2 exports no tokenizer: a document with
				// segmentation, tagging and extraction off only tokenises
				if _, err := prose.NewDocument(t, prose.WithSegmentation(false), prose.WithTagging(false), prose.WithExtraction(false)); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}

// BenchmarkSegment compares tokenisation plus sentence splitting: Parse
// against a prose document with tagging and entity extraction off.
func BenchmarkSegment(b *testing.B) {
	texts := speeches(b)
	b.Run("diplotext", func(b *testing.B) {
		b.SetBytes(totalBytes(texts))
		b.ReportAllocs()
		for b.Loop() {
			for _, t := range texts {
				text.Parse(t)
			}
		}
	})
	b.Run("prose", func(b *testing.B) {
		b.SetBytes(totalBytes(texts))
		b.ReportAllocs()
		for b.Loop() {
			for _, t := range texts {
				if _, err := prose.NewDocument(t, prose.WithTagging(false), prose.WithExtraction(false)); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}

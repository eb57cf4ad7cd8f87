package bench

import (
	"testing"

	"github.com/diplotext/diplotext/entity"
	"github.com/diplotext/diplotext/entity/statistical"
	"github.com/diplotext/diplotext/text"
	"github.com/jdkato/prose/v2"
)

// entitySpeeches is how many UN speeches the entity benchmarks tag: prose's
// full pipeline runs at a few thousand tokens a second, so the whole
// corpus would take minutes an iteration.
const entitySpeeches = 12

// BenchmarkEntities tags the same UN General Debate speeches with the
// default diplotext tagger (parsing included) and with prose v2's full
// pipeline (prose.NewDocument with default options: segmentation, tagging
// and entity extraction).
func BenchmarkEntities(b *testing.B) {
	texts := speeches(b)
	if len(texts) > entitySpeeches {
		texts = texts[:entitySpeeches]
	}
	tokens := 0
	for _, t := range texts {
		tokens += len(text.Parse(t).Tokens)
	}
	report := func(b *testing.B) {
		b.ReportMetric(float64(tokens)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	}
	b.Run("diplotext", func(b *testing.B) {
		rec, err := statistical.New()
		if err != nil {
			b.Fatal(err)
		}
		tg, err := entity.NewTagger(rec)
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(totalBytes(texts))
		b.ReportAllocs()
		n := 0
		for b.Loop() {
			for _, t := range texts {
				ents, err := tg.Tag(t)
				if err != nil {
					b.Fatal(err)
				}
				n += len(ents)
			}
		}
		report(b)
		b.ReportMetric(float64(n)/float64(b.N), "entities/op")
	})
	b.Run("prose", func(b *testing.B) {
		b.SetBytes(totalBytes(texts))
		b.ReportAllocs()
		n := 0
		for b.Loop() {
			for _, t := range texts {
				doc, err := prose.NewDocument(t)
				if err != nil {
					b.Fatal(err)
				}
				n += len(doc.Entities())
			}
		}
		report(b)
		b.ReportMetric(float64(n)/float64(b.N), "entities/op")
	})
}

package text

import (
	"testing"

	"github.com/diplotext/diplotext/internal/shareddata"
)

// speeches returns the UN speeches and sets the benchmark's byte count to
// their total size.
func speeches(b *testing.B) []string {
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
	return texts
}

// BenchmarkParse measures what Parse does (tokenisation, sentence
// splitting, and the folded form, hash and shape of every token) on the UN
// General Debate 2017 speeches, reusing buffers as a server would.
func BenchmarkParse(b *testing.B) {
	texts := speeches(b)
	var d Document
	ntok := 0
	for b.Loop() {
		ntok = 0
		for _, t := range texts {
			d.Text = t
			d.Tokens = Tokenize(t, d.Tokens[:0])
			d.Sentences = SplitSentences(t, d.Tokens, d.Sentences[:0])
			d.FillWords()
			ntok += len(d.Tokens)
		}
	}
	b.ReportMetric(float64(ntok)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkTokenizeSplit measures tokenisation plus sentence splitting
// alone (what BenchmarkParse measured before words were added).
func BenchmarkTokenizeSplit(b *testing.B) {
	texts := speeches(b)
	var toks []Token
	var sents []Sentence
	for b.Loop() {
		for _, t := range texts {
			toks = Tokenize(t, toks[:0])
			sents = SplitSentences(t, toks, sents[:0])
		}
	}
}

// BenchmarkFillWords measures the folded form, hash and shape of every
// token alone.
func BenchmarkFillWords(b *testing.B) {
	texts := speeches(b)
	docs := make([]*Document, len(texts))
	for i, t := range texts {
		docs[i] = Parse(t)
	}
	for b.Loop() {
		for _, d := range docs {
			d.FillWords()
		}
	}
}

// BenchmarkParseDocument measures Parse, which allocates a new Document.
func BenchmarkParseDocument(b *testing.B) {
	texts := speeches(b)
	for b.Loop() {
		for _, t := range texts {
			Parse(t)
		}
	}
}

package ner

import (
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/diplotext/diplotext/entity/internal/gaz"
	"github.com/diplotext/diplotext/text"
)

// loadedToy returns a two-stage toy model as loaded from its encoding.
func loadedToy(t testing.TB) *Model {
	m := TrainTwoStage(toyExamples(), gaz.Default(), map[uint64][3]uint16{text.Hash("lavrov"): {3, 1, 4}}, TrainOptions{Bits: 12, Folds: 2, Epochs: 3, Seed: 1}, nil)
	b, err := m.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	loaded, err := Load(b, gaz.Default())
	if err != nil {
		t.Fatal(err)
	}
	if loaded.fused == nil || loaded.fused.use(loaded, fuseAfterWords) == nil {
		t.Fatal("a loaded two-stage model has no fused table")
	}
	return loaded
}

// TestFusedSums: the fused table's sums are each stage's own sumQ, for
// random bucket lists (repeats included) and for one longer than the
// lanes hold without a read-out.
func TestFusedSums(t *testing.T) {
	m := loadedToy(t)
	ft := m.fused.use(m, 0)
	r := rand.New(rand.NewPCG(1, 2))
	nb := 1 << m.bits
	lists := [][]uint32{nil, {0}, {uint32(nb - 1)}}
	for range 200 {
		l := make([]uint32, r.IntN(120))
		for i := range l {
			l[i] = uint32(r.IntN(nb))
		}
		lists = append(lists, l)
	}
	// every bucket with a weight in either stage, 20 times over: more
	// rows than maxLaneRows
	var long []uint32
	for rep := 0; len(long) <= maxLaneRows; rep++ {
		for bk := range nb {
			if ft.ranks[bk>>6].set&(1<<(bk&63)) != 0 {
				long = append(long, uint32(bk))
			}
		}
	}
	lists = append(lists, long)
	for _, l := range lists {
		a, b := ft.sums(l)
		if wa, wb := m.first.sumQ(l), m.sumQ(l); a != wa || b != wb {
			t.Fatalf("%d buckets: fused %v %v, want %v %v", len(l), a, b, wa, wb)
		}
	}
}

// TestFusedTagSame: a model tags and scores a document with the fused
// table as the same model summing each stage alone, and builds the table
// only after fuseAfterWords words.
func TestFusedTagSame(t *testing.T) {
	m := TrainTwoStage(toyExamples(), gaz.Default(), map[uint64][3]uint16{text.Hash("lavrov"): {3, 1, 4}}, TrainOptions{Bits: 12, Folds: 2, Epochs: 3, Seed: 1}, nil)
	b, err := m.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if m, err = Load(b, gaz.Default()); err != nil {
		t.Fatal(err)
	}
	plain := *m
	plain.fused = nil
	sents := []string{"Lavrov met Rubio in Kuala Lumpur on Monday .", "Lavrov said NATO would visit Malaysia .", "LAVROV MEETS RUBIO IN KUALA LUMPUR", "Marco Rubio praised NATO ."}
	d := &Doc{}
	for i := 0; len(d.Words) < 2000; i++ {
		w := strings.Fields(sents[i%len(sents)])
		d.Sents = append(d.Sents, Span{len(d.Words), len(d.Words) + len(w)})
		d.Words = append(d.Words, w...)
	}
	var s1, s2 Scratch
	var got []Tag
	for k := 0; ; k++ {
		got = m.Tag(d, &s1, got[:0])
		if fused := s1.sumsOf == m; fused != ((k+1)*len(d.Words) >= fuseAfterWords) {
			t.Fatalf("fused table used %v with %d words tagged", fused, (k+1)*len(d.Words))
		} else if fused {
			break
		}
	}
	want := plain.Tag(d, &s2, nil)
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("token %d tagged %d, want %d", i, got[i], want[i])
		}
	}
	for i := range len(d.Words) {
		for j := i + 1; j <= min(i+3, len(d.Words)); j++ {
			if g, w := m.RawMargin(&s1, i, j, got), plain.RawMargin(&s2, i, j, want); g != w {
				t.Fatalf("margin [%d,%d) %v, want %v", i, j, g, w)
			}
		}
	}
}

// BenchmarkLoadEmbedded measures decoding the built-in model (the fused
// table's construction included).
func BenchmarkLoadEmbedded(b *testing.B) {
	data, err := os.ReadFile("../../statistical/ner.model")
	if err != nil {
		b.Skip(err)
	}
	for b.Loop() {
		if _, err := Load(data, gaz.Default()); err != nil {
			b.Fatal(err)
		}
	}
}

// TestFormFeaturesSplit: a token's features without those of its type
// and form, plus those formFeatures gives, are its features (as a
// multiset), with and without clusters, in running text, in a headline in
// capitals and in sports and business reports.
func TestFormFeaturesSplit(t *testing.T) {
	with := TrainTwoStage(toyExamples(), gaz.Default(), map[uint64][3]uint16{text.Hash("lavrov"): {3, 1, 4}, text.Hash("rubio"): {5, 2, 0}}, TrainOptions{Bits: 12, Folds: 2, Epochs: 1, Seed: 1}, nil)
	without := TrainTwoStage(toyExamples(), gaz.Default(), nil, TrainOptions{Bits: 12, Folds: 2, Epochs: 1, Seed: 1}, nil)
	texts := []string{
		"Lavrov met Rubio in Kuala Lumpur ; lavrov said NATO , é 王毅 x \" Rubio",
		"LAVROV MEETS RUBIO IN KUALA LUMPUR",
		"Japan Says Bitcoin Not Currency",
		"The striker scored in the league match as the club won the cup final and the coach said the goal was a penalty",
		"Shares of the bank rose as investors bought stocks and bonds ; the market index and the stock exchange gained on profit",
	}
	var sport, finance, caps bool
	for _, m := range []*Model{with.first, without.first} {
		for _, txt := range texts {
			w := strings.Fields(txt)
			d := &Doc{Words: w, Sents: []Span{{0, len(w)}}}
			var s Scratch
			m.prepare(d, &s)
			sport, finance, caps = sport || s.sport, finance || s.finance, caps || s.caps[0]
			m.extract(d, &s, false)
			all, offs := slices.Clone(s.feats), slices.Clone(s.offs[:len(w)+1])
			m.extractFeats(d, &s, false, false)
			for i := range w {
				got := slices.Clone(s.feats[s.offs[i]:s.offs[i+1]])
				initial := i == 0 || isOpenerWord(w[i-1])
				got = m.formFeatures(&s, s.typ[i], &s.toks[i], s.caps[0], initial, got)
				want := slices.Clone(all[offs[i]:offs[i+1]])
				slices.Sort(got)
				slices.Sort(want)
				if !slices.Equal(got, want) {
					t.Fatalf("%q word %d: %v, want %v", txt, i, got, want)
				}
			}
		}
	}
	if !sport || !finance || !caps {
		t.Fatalf("texts cover sport %v, finance %v, capitals %v", sport, finance, caps)
	}
}

// TestFusedConcurrent: goroutines tagging with one model while it builds
// its fused table (and after) tag as the model without it.
func TestFusedConcurrent(t *testing.T) {
	m := TrainTwoStage(toyExamples(), gaz.Default(), nil, TrainOptions{Bits: 12, Folds: 2, Epochs: 2, Seed: 1}, nil)
	b, err := m.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if m, err = Load(b, gaz.Default()); err != nil {
		t.Fatal(err)
	}
	plain := *m
	plain.fused = nil
	d := &Doc{}
	for len(d.Words) < fuseAfterWords/8 {
		w := strings.Fields("Marco Rubio praised NATO in Kuala Lumpur .")
		d.Sents = append(d.Sents, Span{len(d.Words), len(d.Words) + len(w)})
		d.Words = append(d.Words, w...)
	}
	var s Scratch
	want := plain.Tag(d, &s, nil)
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var s Scratch
			for range 6 {
				if got := m.Tag(d, &s, nil); !slices.Equal(got, want) {
					t.Error("tags differ")
					return
				}
			}
		}()
	}
	wg.Wait()
	if !m.fused.ready.Load() {
		t.Error("fused table not built")
	}
}

// TestFusedRandomDocs: on random documents (words of many forms, in
// sentences of random lengths, some in capitals, some tokens outside any
// sentence) a model tags and scores with its fused table as without it.
func TestFusedRandomDocs(t *testing.T) {
	m := TrainTwoStage(toyExamples(), gaz.Default(), map[uint64][3]uint16{text.Hash("lavrov"): {3, 1, 4}, text.Hash("nato"): {7, 9, 2}}, TrainOptions{Bits: 12, Folds: 2, Epochs: 2, Seed: 1}, nil)
	b, err := m.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if m, err = Load(b, gaz.Default()); err != nil {
		t.Fatal(err)
	}
	if m.fused.use(m, fuseAfterWords) == nil {
		t.Fatal("no fused table")
	}
	plain := *m
	plain.fused = nil
	vocab := []string{"Lavrov", "lavrov", "LAVROV", "Rubio", "NATO", "Nato", "of", "Bank", "the", "The", "said", "Says",
		"Kuala", "Lumpur", "Malaysia", "league", "striker", "shares", "market", ",", ".", "\"", "(", "-", "1990s", "U.S.",
		"US-Russia", "Côte", "d'Ivoire", "王毅", "\xff", "", "Sergei", "Mr", "spokesman", "Geneva", "geneva"}
	r := rand.New(rand.NewPCG(5, 6))
	var s1, s2 Scratch
	for k := range 300 {
		d := &Doc{}
		n := r.IntN(200)
		for range n {
			d.Words = append(d.Words, vocab[r.IntN(len(vocab))])
		}
		for i := 0; i < n; {
			j := min(n, i+1+r.IntN(40))
			if r.IntN(8) != 0 { // else tokens i..j are in no sentence
				d.Sents = append(d.Sents, Span{i, j})
			}
			i = j
		}
		if k%5 == 0 {
			for i, w := range d.Words {
				d.Words[i] = strings.ToUpper(w)
			}
		}
		got := m.Tag(d, &s1, nil)
		want := plain.Tag(d, &s2, nil)
		if !slices.Equal(got, want) {
			t.Fatalf("doc %d: tags %v, want %v", k, got, want)
		}
		for _, sp := range d.Sents {
			for i := sp.First; i < sp.Last; i++ {
				for j := i + 1; j <= min(sp.Last, i+3); j++ {
					if g, w := m.RawMargin(&s1, i, j, got), plain.RawMargin(&s2, i, j, want); g != w {
						t.Fatalf("doc %d: margin [%d,%d) %v, want %v", k, i, j, g, w)
					}
				}
			}
		}
	}
}

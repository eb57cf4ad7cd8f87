package ner

import (
	"fmt"
	"math/rand/v2"

	"github.com/diplotext/diplotext/entity/internal/gaz"
)

// Example is one training document: its words, sentences and gold tags.
type Example struct {
	Doc  Doc
	Tags []Tag
	Hist []uint8 // first-stage history values, for a second stage
}

// Trainer trains a Model with the averaged structured perceptron.
type Trainer struct {
	m     *Model
	acc   []float64 // sum of c·Δw for averaging
	accT  [NumTags + 1][NumTags]float64
	c     float64
	feats [][]uint32
	alt   [][]uint32 // feats with the word-identity features hidden
	offs  [][]int32
	hist  bool
	// Dropout is the probability with which a training token's
	// word-identity features are hidden in an epoch (word dropout), so that
	// shape, context, cluster and gazetteer features learn more.
	Dropout float64
}

// NewTrainer returns a trainer of a model with 1<<bits buckets and the
// gazetteer g.
func NewTrainer(bits uint, g *gaz.Index) *Trainer {
	m := NewModel(bits, g)
	return &Trainer{m: m, acc: make([]float64, len(m.w)), c: 1}
}

// Train runs epochs passes over the examples in an order shuffled with
// seed and returns the averaged model. progress, if not nil, is called
// after every epoch with the epoch number and the token error rate.
func (tr *Trainer) Train(ex []Example, epochs int, seed uint64, progress func(epoch int, errRate float64)) *Model {
	var s Scratch
	// features do not depend on the weights: extract them once
	tr.feats = make([][]uint32, len(ex))
	tr.offs = make([][]int32, len(ex))
	s.wantAlt = tr.Dropout > 0
	if s.wantAlt {
		tr.alt = make([][]uint32, len(ex))
	}
	for k := range ex {
		tr.m.prepare(&ex[k].Doc, &s)
		if tr.hist {
			s.hist = ex[k].Hist
		}
		tr.m.extract(&ex[k].Doc, &s, tr.hist)
		tr.feats[k] = append([]uint32(nil), s.feats...)
		if s.wantAlt {
			tr.alt[k] = append([]uint32(nil), s.alt...)
		}
		tr.offs[k] = append([]int32(nil), s.offs[:len(ex[k].Doc.Words)+1]...)
	}
	s.wantAlt = false
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	drop := rand.New(rand.NewPCG(seed^0x5851f42d4c957f2d, 11))
	var dropped []uint32
	order := make([]int, len(ex))
	for i := range order {
		order[i] = i
	}
	pred := []Tag{}
	for ep := 1; ep <= epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		wrong, total := 0, 0
		for _, k := range order {
			e := &ex[k]
			s.feats, s.offs = tr.feats[k], tr.offs[k]
			if tr.Dropout > 0 {
				dropped = append(dropped[:0], s.feats...)
				for i := range e.Doc.Words {
					if drop.Float64() < tr.Dropout {
						copy(dropped[s.offs[i]:s.offs[i+1]], tr.alt[k][s.offs[i]:s.offs[i+1]])
					}
				}
				s.feats = dropped
			}
			for _, sp := range e.Doc.Sents {
				n := sp.Last - sp.First
				if n == 0 {
					continue
				}
				pred = grow(pred, n)
				trans := tr.m.masked() // update changes them, sentence by sentence
				tr.m.viterbi(&s, sp.First, sp.Last, pred, nil, &trans)
				gold := e.Tags[sp.First:sp.Last]
				diff := false
				for i := range n {
					if pred[i] != gold[i] {
						diff = true
						wrong++
					}
				}
				total += n
				if diff {
					tr.update(&s, sp.First, gold, pred)
				}
				tr.c++
			}
		}
		if progress != nil {
			progress(ep, float64(wrong)/float64(max(total, 1)))
		}
	}
	return tr.average()
}

func (tr *Trainer) update(s *Scratch, first int, gold, pred []Tag) {
	w, acc, c := tr.m.w, tr.acc, tr.c
	prevG, prevP := Tag(NumTags), Tag(NumTags)
	for i := range gold {
		g, p := gold[i], pred[i]
		if g != p {
			for _, b := range s.feats[s.offs[first+i]:s.offs[first+i+1]] {
				w[int(b)*NumTags+int(g)]++
				acc[int(b)*NumTags+int(g)] += c
				w[int(b)*NumTags+int(p)]--
				acc[int(b)*NumTags+int(p)] -= c
			}
		}
		if g != p || prevG != prevP {
			tr.m.trans[prevG][g]++
			tr.accT[prevG][g] += c
			tr.m.trans[prevP][p]--
			tr.accT[prevP][p] -= c
		}
		prevG, prevP = g, p
	}
}

func (tr *Trainer) average() *Model {
	m := &Model{bits: tr.m.bits, w: make([]float32, len(tr.m.w)), gaz: tr.m.gaz, clusters: tr.m.clusters}
	for i, v := range tr.m.w {
		m.w[i] = float32(float64(v) - tr.acc[i]/tr.c)
	}
	for a := range m.trans {
		for b := range m.trans[a] {
			m.trans[a][b] = float32(float64(tr.m.trans[a][b]) - tr.accT[a][b]/tr.c)
		}
	}
	return m
}

// TrainOptions are the settings of [TrainTwoStage].
type TrainOptions struct {
	Bits    uint    // log2 of the number of feature buckets
	Epochs  int     // passes over the examples
	Seed    uint64  // shuffling seed
	Folds   int     // jackknife folds for the second stage's history
	Dropout float64 // see [Trainer.Dropout]
	Seeds   int     // training orders averaged per stage (0: 3)
}

// TrainTwoStage trains a first-stage model on all examples, then a second
// stage whose features include the first stage's predictions for the other
// occurrences of each word in the document. The training values of those
// features come from models trained on the other folds (jackknifing), so
// that they are as noisy as at run time.
func TrainTwoStage(ex []Example, g *gaz.Index, clusters map[uint64][3]uint16, o TrainOptions, progress func(stage string, epoch int, errRate float64)) *Model {
	bits, folds, epochs, seed := o.Bits, o.Folds, o.Epochs, o.Seed
	newTrainer := func() *Trainer {
		t := NewTrainer(bits, g)
		t.m.SetClusters(clusters)
		t.Dropout = o.Dropout
		return t
	}
	prog := func(stage string) func(int, float64) {
		if progress == nil {
			return nil
		}
		return func(ep int, e float64) { progress(stage, ep, e) }
	}
	// each stage averages the weights of models trained in differently
	// shuffled orders, which lowers the variance due to the order
	seeds := uint64(o.Seeds)
	if seeds == 0 {
		seeds = 3
	}
	ex2 := make([]Example, len(ex)) // with history, set below
	avg := func(hist bool, stage string) *Model {
		var ms []*Model
		for k := uint64(0); k < seeds; k++ {
			tr := newTrainer()
			tr.hist = hist
			exs := ex
			if hist {
				exs = ex2
			}
			ms = append(ms, tr.Train(exs, epochs, seed+100*k, prog(fmt.Sprintf("%s %d", stage, k+1))))
		}
		return average(ms)
	}
	first := avg(false, "first")
	hist := make([][]uint8, len(ex))
	var s Scratch
	for k := 0; k < folds; k++ {
		var in []Example
		for i := range ex {
			if i%folds != k {
				in = append(in, ex[i])
			}
		}
		m := newTrainer().Train(in, epochs, seed+uint64(k)+1, prog(fmt.Sprintf("fold %d", k+1)))
		for i := range ex {
			if i%folds == k {
				tags := m.Tag(&ex[i].Doc, &s, nil)
				hist[i] = m.Hist(&ex[i].Doc, tags)
			}
		}
	}
	for i := range ex {
		ex2[i] = ex[i]
		ex2[i].Hist = hist[i]
	}
	second := avg(true, "second")
	second.first = first
	return second
}

// average returns a model whose weights are the mean of those of ms.
func average(ms []*Model) *Model {
	out := *ms[0]
	out.w = make([]float32, len(ms[0].w))
	f := 1 / float32(len(ms))
	for _, m := range ms {
		for i, v := range m.w {
			out.w[i] += v * f
		}
	}
	for a := range out.trans {
		for b := range out.trans[a] {
			out.trans[a][b] = 0
			for _, m := range ms {
				out.trans[a][b] += m.trans[a][b] * f
			}
		}
	}
	return &out
}

// Model returns the model being trained (to set clusters before Train).
func (tr *Trainer) Model() *Model { return tr.m }

package event

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/diplotext/diplotext/text"
)

// Role is the part an actor plays in an event.
type Role string

// The roles of the actor tagger.
const (
	Source     Role = "source"     // who acts
	Target     Role = "target"     // who is acted upon
	Reciprocal Role = "reciprocal" // both at once ("Jordan and Britain agreed")
)

// LabeledSpan is a coded actor span of a training sentence: the bytes
// Text[Start:End] play Role.
type LabeledSpan struct {
	Start int  `json:"start"`
	End   int  `json:"end"`
	Role  Role `json:"role"`
}

// Example is one coded training sentence. Class may be empty when only the
// actor spans are coded, and Actors nil when only the class is; an example
// with neither is rejected.
type Example struct {
	Text   string        `json:"text"`
	Class  Class         `json:"class,omitempty"`
	Actors []LabeledSpan `json:"actors,omitempty"`
	// Spans says that Actors were coded (a sentence coded with no actor
	// at all teaches the tagger to find none).
	Spans bool `json:"spans,omitempty"`
}

// TrainConfig tunes [Train]; the zero value (or nil) is the configuration
// used for the embedded model.
type TrainConfig struct {
	Info        string // provenance line stored in the model
	ClassEpochs int    // passes of the classifier over the data (default 30)
	TagEpochs   int    // passes of the tagger and the trigger model (default 16; the target span models take half)
	Seed        uint64 // shuffling seed (default 1)
	// Chunks train the noun phrase chunker the target span model reads
	// (the embedded model: CoNLL-2003 eng.train); without them the span
	// model sees no phrases.
	Chunks      []ChunkSentence
	ChunkEpochs int // passes of the chunker (default 5)
}

// ErrNoExamples is returned by [Train] when no example is usable.
var ErrNoExamples = errors.New("event: no training examples")

// Train learns a [Model] from coded sentences: the classifier from the
// examples with a Class, the actor tagger from those with Spans. It is
// deterministic for a given configuration and takes time linear in the data
// times the number of epochs.
func Train(examples []Example, cfg *TrainConfig) (*Model, error) {
	var c TrainConfig
	if cfg != nil {
		c = *cfg
	}
	if c.ClassEpochs < 0 || c.TagEpochs < 0 {
		return nil, errors.New("event: TrainConfig epochs must not be negative")
	}
	if c.ClassEpochs == 0 {
		c.ClassEpochs = 30
	}
	if c.TagEpochs == 0 {
		c.TagEpochs = 16
	}
	if c.Seed == 0 {
		c.Seed = 1
	}
	if c.ChunkEpochs < 0 {
		return nil, errors.New("event: TrainConfig epochs must not be negative")
	}
	if c.ChunkEpochs == 0 {
		c.ChunkEpochs = 5
	}
	cb := codebookOnce()
	type clsEx struct {
		feats []uint32
		y     int
		norm  float32
	}
	var te []tagEx
	var ce []clsEx
	for i, ex := range examples {
		if ex.Class == "" && !ex.Spans {
			return nil, fmt.Errorf("event: example %d has neither class nor spans", i)
		}
		toks := text.Tokenize(ex.Text, nil)
		infos := fillInfos(ex.Text, toks, nil, cb)
		if ex.Class != "" {
			y := ex.Class.index()
			if y < 0 {
				return nil, fmt.Errorf("event: example %d: unknown class %q", i, ex.Class)
			}
			fs := []uint32{feat(cBias, 0)}
			for j := range infos {
				fs = classFeatures(infos, j, fs)
			}
			ce = append(ce, clsEx{fs, y, lengthNorm(infos)})
		}
		if ex.Spans {
			tags := make([]uint8, len(toks))
			for _, sp := range ex.Actors {
				if sp.Start < 0 || sp.End > len(ex.Text) || sp.Start >= sp.End {
					return nil, fmt.Errorf("event: example %d: span [%d,%d) out of range", i, sp.Start, sp.End)
				}
				var b uint8
				switch sp.Role {
				case Source:
					b = tagBS
				case Target:
					b = tagBT
				case Reciprocal:
					b = tagBR
				default:
					return nil, fmt.Errorf("event: example %d: unknown role %q", i, sp.Role)
				}
				first := true
				for j, t := range toks {
					if t.Start >= sp.Start && t.End <= sp.End {
						if first {
							tags[j] = b
							first = false
						} else {
							tags[j] = b + 1
						}
					}
				}
			}
			te = append(te, tagEx{infos, tags, ex.Text, toks})
		}
	}
	if len(ce) == 0 && len(te) == 0 {
		return nil, ErrNoExamples
	}
	m := newModel(c.Info)
	rng := rand.New(rand.NewPCG(c.Seed, 0x9e3779b97f4a7c15))
	if len(c.Chunks) > 0 {
		// its own random stream, so that the other models train alike
		// with or without it
		crng := rand.New(rand.NewPCG(c.Seed, 0x2545f4914f6cdd1d))
		if err := trainChunker(m, c.Chunks, c.ChunkEpochs, crng); err != nil {
			return nil, err
		}
	}

	// Classifier: multinomial logistic regression, AdaGrad, L2.
	if len(ce) > 0 {
		g2 := make([]float32, len(m.cls))
		const lr, l2 = 0.3, 1e-4
		order := make([]int, len(ce))
		for i := range order {
			order[i] = i
		}
		var z [nClasses]float32
		var p [nClasses]float64
		for ep := 0; ep < c.ClassEpochs; ep++ {
			rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
			for _, oi := range order {
				ex := &ce[oi]
				z = [nClasses]float32{}
				for _, f := range ex.feats {
					for k := 0; k < nClasses; k++ {
						z[k] += m.cls[int(f)*nClasses+k]
					}
				}
				for k := range z {
					z[k] *= ex.norm
				}
				softmax(z[:], p[:])
				for _, f := range ex.feats {
					for k := 0; k < nClasses; k++ {
						y := 0.0
						if k == ex.y {
							y = 1
						}
						ix := int(f)*nClasses + k
						g := float32(p[k]-y)*ex.norm + l2*m.cls[ix]
						g2[ix] += g * g
						m.cls[ix] -= lr * g / float32(math.Sqrt(float64(g2[ix]))+1e-6)
					}
				}
			}
		}
	}

	// Tagger: averaged structured perceptron with the classifier's trigger.
	if len(te) > 0 {
		s := new(scratch)
		// Trigger pointer: an averaged perceptron choosing one token per
		// sentence, on distant labels read off the actor spans.
		gold := make([]int, len(te))
		infos := make([][]tokInfo, len(te))
		for i := range te {
			gold[i] = distantTrigger(te[i].text, te[i].toks, te[i].tags)
			infos[i] = te[i].infos
		}
		// The tagger learns from the triggers it will see at run time:
		// each fifth of the sentences gets its trigger from a trigger
		// model trained on the other four fifths (measured by
		// cross-validation: source F1 0.811 -> 0.832, target 0.459 -> 0.456).
		trigs := make([]int, len(te))
		var p [nClasses]float64
		const parts = 5
		for j := 0; j < parts; j++ {
			var in []int
			for i := range te {
				if i%parts != j && gold[i] >= 0 {
					in = append(in, i)
				}
			}
			tm := &Model{cls: m.cls, trg: trainTrigger(infos, gold, in, c.TagEpochs, rng)}
			for i := j; i < len(te); i += parts {
				s.infos = te[i].infos
				tm.classify(s, &p)
				trigs[i] = tm.trigger(s, argmax(p[:]))
			}
		}
		var all []int
		for i := range te {
			if gold[i] >= 0 {
				all = append(all, i)
			}
		}
		m.trg = trainTrigger(infos, gold, all, c.TagEpochs, rng)
		all = all[:0]
		for i := range te {
			all = append(all, i)
		}
		m.tag, m.trans = trainTagger(te, trigs, all, c.TagEpochs, rng)
		// The span model learns from the tags it will see at run time:
		// each fifth's tags from a tagger trained on the other four fifths.
		pred := make([][]uint8, len(te))
		for j := 0; j < parts; j++ {
			var in []int
			for i := range te {
				if i%parts != j {
					in = append(in, i)
				}
			}
			tm := &Model{}
			tm.tag, tm.trans = trainTagger(te, trigs, in, c.TagEpochs, rng)
			for i := j; i < len(te); i += parts {
				s.infos = te[i].infos
				em := tm.tagEmissions(s, trigs[i], nil)
				pred[i] = append([]uint8(nil), viterbi(s, em, &tm.trans)...)
			}
		}
		// Bagged: the mean of spanBags span models trained with other
		// shuffles, since one model's target F1 moves by about 0.01 with
		// the order of the sentences (CV over seeds 1-4: 0.522 -> 0.527).
		// Each takes half the tagger's passes (8 by default: CV target
		// F1 over seeds 1-4 0.5302, against 0.5265 at 16 and 0.5263 at 4).
		sx := te2(te, trigs, pred)
		sum := make([]float32, len(m.spn))
		for range spanBags {
			clear(m.spn)
			trainSpans(m, sx, max(c.TagEpochs/2, 1), rng)
			for i, v := range m.spn {
				sum[i] += v / spanBags
			}
		}
		copy(m.spn, sum)
	}
	m.quantize()
	return m, nil
}

// trainTagger trains the actor tagger (an averaged structured perceptron)
// on the sentences idx of te with the triggers trigs.
func trainTagger(te []tagEx, trigs []int, idx []int, epochs int, rng *rand.Rand) ([]float32, [nTags + 1][nTags]float32) {
	m := &Model{tag: make([]float32, nSmall*nTags)}
	s := new(scratch)
	order := append([]int(nil), idx...)
	acc := make([]float32, len(m.tag))
	var accT [nTags + 1][nTags]float32
	step := float32(1)
	var em []float32
	for ep := 0; ep < epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, oi := range order {
			ex := &te[oi]
			s.infos = ex.infos
			em = m.tagEmissions(s, trigs[oi], em)
			pred := viterbi(s, em, &m.trans)
			for i := range pred {
				if pred[i] == ex.tags[i] {
					continue
				}
				s.feats = tagFeatures(ex.infos, i, trigs[oi], s.feats[:0])
				for _, f := range s.feats {
					m.tag[int(f)*nTags+int(ex.tags[i])]++
					m.tag[int(f)*nTags+int(pred[i])]--
					acc[int(f)*nTags+int(ex.tags[i])] += step
					acc[int(f)*nTags+int(pred[i])] -= step
				}
			}
			pp, gp := nTags, nTags
			for i := range pred {
				g, q := int(ex.tags[i]), int(pred[i])
				if g != q || gp != pp {
					m.trans[gp][g]++
					m.trans[pp][q]--
					accT[gp][g] += step
					accT[pp][q] -= step
				}
				gp, pp = g, q
			}
			step++
		}
	}
	for i := range m.tag {
		m.tag[i] -= acc[i] / step
	}
	for a := range m.trans {
		for b := range m.trans[a] {
			m.trans[a][b] -= accT[a][b] / step
		}
	}
	return m.tag, m.trans
}

// spanBags is the number of span models whose mean weights the embedded
// span model has (CV target F1 over four seeds at 16 passes: 8 models
// 0.5270, 4 models 0.5265; at 8 passes 0.5300 and 0.5302).
const spanBags = 4

// spanEx is a training sentence of the target span model.
type spanEx struct {
	infos []tokInfo
	tags  []uint8 // coded
	pred  []uint8 // the jackknifed tagger's
	trig  int
}

// te2 keeps the sentences whose jackknifed trigger is known.
func te2(te []tagEx, trigs []int, pred [][]uint8) []spanEx {
	var out []spanEx
	for i := range te {
		if trigs[i] < 0 {
			continue
		}
		out = append(out, spanEx{te[i].infos, te[i].tags, pred[i], trigs[i]})
	}
	return out
}

// goldTarget returns the coded target the span model should find after
// trigger trig: the first target span after it, reachable (inside the
// window, not too long, starting on a word); ok false with a = -1 for no
// target, ok false with a >= 0 when the coded target cannot be reached.
func goldTarget(ti []tokInfo, tags []uint8, trig int) (a, e int, reach bool) {
	has := false
	for i, t := range tags {
		if t != tagBT {
			continue
		}
		has = true
		if i <= trig {
			continue
		}
		j := i
		for j+1 < len(tags) && tags[j+1] == tagIT {
			j++
		}
		if i-trig > spanWindow || j-i+1 > spanMaxLen || (!ti[i].word && ti[i].shape != shDigit) {
			return 0, 0, false
		}
		return i, j, true
	}
	if has {
		return 0, 0, false
	}
	return -1, -1, true
}

// trainSpans trains the target span model of m, an averaged structured
// perceptron over the spans bestTarget chooses among.
func trainSpans(m *Model, ex []spanEx, epochs int, rng *rand.Rand) {
	type gold struct{ a, e int }
	var use []int
	golds := make([]gold, len(ex))
	for i := range ex {
		a, e, ok := goldTarget(ex[i].infos, ex[i].tags, ex[i].trig)
		if !ok {
			continue
		}
		// unreachable past a source or reciprocal span of the tagger
		for k := ex[i].trig + 1; k <= e; k++ {
			if t := ex[i].pred[k]; t != tagO && t != tagBT && t != tagIT {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		golds[i] = gold{a, e}
		use = append(use, i)
	}
	acc := make([]float32, nSmall)
	step := float32(1)
	s := new(scratch)
	var gf, pf []uint32
	for ep := 0; ep < epochs; ep++ {
		rng.Shuffle(len(use), func(i, j int) { use[i], use[j] = use[j], use[i] })
		for _, oi := range use {
			x := &ex[oi]
			s.infos = x.infos
			a, e, ok := m.bestTarget(s, x.trig, x.pred, 0)
			if !ok {
				a, e = -1, -1
			}
			g := golds[oi]
			if a != g.a || e != g.e {
				gf = spanFeatures(x.infos, g.a, g.e, x.trig, x.pred, gf[:0])
				pf = spanFeatures(x.infos, a, e, x.trig, x.pred, pf[:0])
				for _, f := range gf {
					m.spn[f]++
					acc[f] += step
				}
				for _, f := range pf {
					m.spn[f]--
					acc[f] -= step
				}
			}
			step++
		}
	}
	for i := range m.spn {
		m.spn[i] -= acc[i] / step
	}
}

func argmax(p []float64) int {
	b := 0
	for i, v := range p {
		if v > p[b] {
			b = i
		}
	}
	return b
}

// auxiliaries and function words that do not carry the act
var notTrigger = map[string]bool{}

func init() {
	for _, w := range []string{"has", "have", "had", "is", "was", "were", "are", "be", "been", "being",
		"will", "would", "could", "can", "may", "might", "should", "shall", "must", "also", "reportedly",
		"recently", "on", "in", "at", "the", "a", "an", "to", "of", "and", "yesterday", "today", "earlier",
		"later", "last", "this", "that", "who", "which", "it", "its", "their", "his", "her", "they", "he",
		"she", "said", "says", "say", "told", "meanwhile", "already", "again", "further", "not", "n't",
		"did", "does", "do", "on", "for", "by", "with", "from", "after", "during", "than", "then", "now",
		"saying", "added", "just", "still", "formally", "officially", "publicly", "jointly", "reported"} {
		notTrigger[w] = true
	}
}

// distantTrigger returns the trigger implied by coded actor spans: the
// first lower-case content word after the source span (or reciprocal
// span) and before a later target span; -1 when there is none.
func distantTrigger(src string, toks []text.Token, tags []uint8) int {
	start := -1
	for i, t := range tags {
		if t == tagBS || t == tagBR {
			j := i + 1
			for j < len(tags) && tags[j] == t+1 {
				j++
			}
			start = j
			break
		}
	}
	if start < 0 {
		return -1
	}
	end := len(tags)
	for i := start; i < len(tags); i++ {
		if tags[i] == tagBT || tags[i] == tagBS || tags[i] == tagBR {
			end = i
			break
		}
	}
	fallback := -1
	for i := start; i < end; i++ {
		w := src[toks[i].Start:toks[i].End]
		sh, word := shapeOf(w)
		if !word || sh != shLower {
			continue
		}
		if notTrigger[w] {
			if fallback < 0 {
				fallback = i
			}
			continue
		}
		return i
	}
	return fallback
}

// trainTrigger trains the trigger pointer on the sentences idx of infos
// with the distant labels gold.
func trainTrigger(infos [][]tokInfo, gold []int, idx []int, epochs int, rng *rand.Rand) []float32 {
	m := &Model{trg: make([]float32, nSmall)}
	s := new(scratch)
	acc := make([]float32, nSmall)
	step := float32(1)
	idx = append([]int(nil), idx...)
	for ep := 0; ep < epochs; ep++ {
		rng.Shuffle(len(idx), func(i, j int) { idx[i], idx[j] = idx[j], idx[i] })
		for _, oi := range idx {
			s.infos = infos[oi]
			s.trig = m.trigScores(s, s.trig)
			pi := 0
			for i, v := range s.trig {
				if v > s.trig[pi] {
					pi = i
				}
			}
			if g := gold[oi]; pi != g {
				s.feats = trigFeatures(s.infos, g, s.feats[:0])
				for _, f := range s.feats {
					m.trg[f]++
					acc[f] += step
				}
				s.feats = trigFeatures(s.infos, pi, s.feats[:0])
				for _, f := range s.feats {
					m.trg[f]--
					acc[f] -= step
				}
			}
			step++
		}
	}
	for i := range m.trg {
		m.trg[i] -= acc[i] / step
	}
	return m.trg
}

type tagEx struct {
	infos []tokInfo
	tags  []uint8
	text  string
	toks  []text.Token
}

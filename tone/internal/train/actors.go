//go:build tonetrain

package main

import (
	"bytes"
	"fmt"
	"go/format"
	"hash/fnv"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/diplotext/diplotext/internal/eval/stats"
	toneeval "github.com/diplotext/diplotext/internal/eval/tone"
	"github.com/diplotext/diplotext/text"
	"github.com/diplotext/diplotext/tone"
)

// The actor stage is learned in two steps, both on PerSenT (578 articles,
// the author's sentiment toward the article's main person):
//
//  1. the calibration of the mix of mention tone, mention-sentence
//     polarity and document polarity (grid search, toneeval.FitCalibration),
//     whose score is the base feature of
//  2. the article-level model: a class-weighted 3-class logistic
//     regression over that base and two hashed bags of words (the words of
//     the sentences that mention the person, and the three words on each
//     side of each mention), read as P(pos)-P(neg) with a shift and a
//     neutral band. Its L2 strength, shift and band are chosen by an inner
//     4-fold CV.
//
// One fifth of the articles (by a hash of their DOCUMENT_INDEX) is held
// out of the development CV and read once at the end by the model learned
// on the other four fifths; the committed model is then learned on all
// articles.

// actorL2s is the grid of L2 strengths the inner CV chooses from.
var actorL2s = []float64{0.01, 0.03, 0.1, 0.3}

const (
	actorIters    = 300 // full-batch AdaGrad steps
	actorRate     = 0.5
	actorClassPow = 0.5 // class weights (n/3n_k)^pow
)

// psItem is one article: its uncalibrated summary, its bags and whether it
// is held out.
type psItem struct {
	row       toneeval.ActorRow
	sent, win []uint32
	paras     []psPara
	hold      bool
}

// trainActors learns the actor calibration and the article-level model,
// prints their cross-validated and held-out figures, and (unless dry)
// writes actors_calibration.go and model/actors.bin.
func trainActors(data, dir string, dry bool, logf func(string, ...any)) error {
	f, err := os.Open(filepath.Join(data, "persent", "dev.csv"))
	if err != nil {
		return fmt.Errorf("actors: %w", err)
	}
	defer f.Close()
	arts, err := toneeval.ReadPerSenT(f)
	if err != nil {
		return fmt.Errorf("actors: %w", err)
	}
	l, err := tone.NewLabeler()
	if err != nil {
		return fmt.Errorf("actors: %w", err)
	}
	items := make([]psItem, len(arts))
	for i, a := range arts {
		d := text.Parse(a.Text)
		r, err := l.LabelDocument(d)
		if err != nil {
			return fmt.Errorf("actors: article %s: %w", a.ID, err)
		}
		acts, err := l.ActorsIn(d, r, []tone.ActorMentions{{Name: a.Person, Person: true, Mentions: toneeval.NameMentions(a.Text, a.Person)}})
		if err != nil {
			return fmt.Errorf("actors: article %s: %w", a.ID, err)
		}
		at := acts[0]
		h := fnv.New32a()
		h.Write([]byte(a.ID))
		// DIPLOTEXT_PS_ALLDEV=1: no article held out, the CV over all 578
		// (the folds of the earlier protocol, toneeval.ActorRows').
		hold := h.Sum32()%5 == 0 && os.Getenv("DIPLOTEXT_PS_ALLDEV") == ""
		it := psItem{row: toneeval.ActorRow{Toward: at.Toward, Context: at.Context, Document: at.Document, Gold: a.Gold, Fold: (i * 7919) % 5}, hold: hold}
		it.sent, it.win = at.TrainingBags()
		it.paras = newParas(a.Text, at.TrainingParagraphs(d, r), a.Paragraphs)
		items[i] = it
	}
	// DIPLOTEXT_PS_FOLDSEED: the CV on another split of the articles.
	if e := os.Getenv("DIPLOTEXT_PS_FOLDSEED"); e != "" {
		seed, err := strconv.Atoi(e)
		if err != nil {
			return fmt.Errorf("actors: DIPLOTEXT_PS_FOLDSEED: %w", err)
		}
		rows := make([]toneeval.ActorRow, len(items))
		for i := range items {
			rows[i] = items[i].row
		}
		toneeval.Refold(rows, seed)
		for i := range items {
			items[i].row.Fold = rows[i].Fold
		}
	}
	var dev, hold []psItem
	for _, it := range items {
		if it.hold {
			hold = append(hold, it)
		} else {
			dev = append(dev, it)
		}
	}
	logf("PerSenT: %d articles, %d for development (5-fold CV by article), %d held out", len(items), len(dev), len(hold))

	if os.Getenv("DIPLOTEXT_PS_PARAEXPLORE") != "" {
		exploreParas(dev, logf)
		return nil
	}
	// Before: the calibration alone.
	devRows := make([]toneeval.ActorRow, len(dev))
	for i, it := range dev {
		devRows[i] = it.row
	}
	cv := toneeval.CrossValidate(devRows)
	logf("calibration alone, CV on development: macro-F1 %.3f accuracy %.3f (F1 neg/neu/pos %.3f/%.3f/%.3f) confusion %v",
		cv.MacroF1, cv.Accuracy, cv.F1[0], cv.F1[1], cv.F1[2], cv.Confuse)
	cDev, _ := toneeval.FitCalibration(devRows, func(toneeval.ActorRow) bool { return true })
	var cm [3][3]int
	for _, it := range hold {
		cm[it.row.Gold+1][cDev.Label(it.row)+1]++
	}
	f1, mf, acc := stats.ConfusionF1(cm)
	if len(hold) > 0 {
		logf("calibration alone, fitted on development, held out: macro-F1 %.3f accuracy %.3f (F1 neg/neu/pos %.3f/%.3f/%.3f) confusion %v", mf, acc, f1[0], f1[1], f1[2], cm)
	}

	// The article-level model, nested CV on the development articles: for
	// each fold, the calibration, L2 strength, shift and band are chosen
	// on the other four.
	// DIPLOTEXT_PS_PARA=1: also the paragraph reader stacked with the
	// article-level model (figures only, actors_para.go).
	usePara := os.Getenv("DIPLOTEXT_PS_PARA") != ""
	cm = [3][3]int{}
	var scm, pcm [3][3]int
	for k := range 5 {
		tr, te := splitFold(dev, k)
		m := fitActorModel(tr, nil)
		logf("fold %d: calibration %+v, L2 %g, shift %+.2f, band %.2f", k, m.cal, m.l2, m.shift, m.band)
		for _, it := range te {
			cm[it.row.Gold+1][m.label(it)]++
		}
		if !usePara {
			continue
		}
		st := fitStack(tr, m)
		logf("fold %d: paragraph mix %.1f, shift %+.2f, band %.2f", k, 1-st.alpha, st.shift, st.band)
		for _, it := range te {
			scm[it.row.Gold+1][st.label(it)]++
			st.para.addConfusion(&pcm, it)
		}
	}
	f1, mf, acc = stats.ConfusionF1(cm)
	devF1 := mf
	logf("article-level model, nested CV on development: macro-F1 %.3f accuracy %.3f (F1 neg/neu/pos %.3f/%.3f/%.3f) confusion %v", mf, acc, f1[0], f1[1], f1[2], cm)
	if usePara {
		f1, mf, acc = stats.ConfusionF1(scm)
		logf("with the paragraph reader, nested CV on development: macro-F1 %.3f accuracy %.3f (F1 neg/neu/pos %.3f/%.3f/%.3f) confusion %v", mf, acc, f1[0], f1[1], f1[2], scm)
		f1, mf, acc = stats.ConfusionF1(pcm)
		logf("paragraph reader, paragraphs of the held-back folds (argmax): macro-F1 %.3f accuracy %.3f (F1 neg/neu/pos %.3f/%.3f/%.3f) confusion %v", mf, acc, f1[0], f1[1], f1[2], pcm)
	}
	if os.Getenv("DIPLOTEXT_PS_NOHOLD") == "" && len(hold) > 0 {
		m := fitActorModel(dev, nil)
		cm = confusion(hold, m.label)
		f1, mf, acc = stats.ConfusionF1(cm)
		logf("article-level model learned on development (L2 %g, shift %+.2f, band %.2f), held out: macro-F1 %.3f accuracy %.3f (F1 neg/neu/pos %.3f/%.3f/%.3f) confusion %v",
			m.l2, m.shift, m.band, mf, acc, f1[0], f1[1], f1[2], cm)
		if usePara {
			st := fitStack(dev, m)
			cm = confusion(hold, st.label)
			f1, mf, acc = stats.ConfusionF1(cm)
			logf("with the paragraph reader learned on development (mix %.1f, shift %+.2f, band %.2f), held out: macro-F1 %.3f accuracy %.3f (F1 neg/neu/pos %.3f/%.3f/%.3f) confusion %v",
				1-st.alpha, st.shift, st.band, mf, acc, f1[0], f1[1], f1[2], cm)
		}
	}

	// The committed model: learned on all articles.
	m := fitActorModel(items, logf)
	cm = confusion(items, m.label)
	_, fit, _ := stats.ConfusionF1(cm)
	logf("learned on all %d: calibration %+v, L2 %g, shift %+.2f, band %.2f, %d buckets (in-sample macro-F1 %.3f)",
		len(items), m.cal, m.l2, m.shift, m.band, len(m.buckets), fit)
	if dry {
		return nil
	}
	bin, err := tone.EncodeActorModel(tone.ActorModelBits, m.bias, m.base, m.buckets)
	if err != nil {
		return fmt.Errorf("actors: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "model", "actors.bin"), bin, 0o644); err != nil {
		return fmt.Errorf("actors: %w", err)
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, `// Code generated by tone/internal/train -what actors (go generate ./tone) from
// PerSenT dev.csv (Bastan et al. 2020, 578 articles; evaluation/research use); DO NOT EDIT.

package tone

// Calibration of the actor aggregate, chosen by grid search on the PerSenT
// articles (tone/internal/train, internal/eval/tone.FitCalibration): the
// base score of an actor is actorMix*mean(mention tone) +
// (1-actorMix-actorDocMix)*mean(mention sentence polarity) +
// actorDocMix*document polarity - actorShift, read with ActorBaseBand when
// there is no article-level model (WithoutLearnedWeights).
//
// The article-level model (model/actors.bin, written by the same run,
// learned on all %d articles, L2 %g) reads that base and the words around
// the actor; its score is P(pos)-P(neg)-actorModelShift, read with
// ActorBand. Nested 5-fold CV by article on the %d development articles:
// macro-F1 %.3f against %.3f for the calibration alone (docs/tone.md).
const (
	actorMix        = %.1f
	actorDocMix     = %.1f
	actorShift      = %.2f
	// ActorBaseBand is the neutral band of the calibrated mix alone, the
	// score of a Labeler WithoutLearnedWeights.
	ActorBaseBand   = %.2f
	actorModelShift = %.2f
	// ActorBand is the half-width of the neutral band of an actor's score:
	// positive at or above it, negative at or below its negative.
	ActorBand = %.2f
)
`, len(items), m.l2, len(dev), devF1, cv.MacroF1, m.cal.Mix, m.cal.Doc, m.cal.Shift, m.cal.Band, m.shift, m.band)
	src, err := format.Source(b.Bytes())
	if err != nil {
		return fmt.Errorf("actors: %w", err)
	}
	return os.WriteFile(filepath.Join(dir, "actors_calibration.go"), src, 0o644)
}

// actorFit is a learned article-level model with its choices.
type actorFit struct {
	cal         toneeval.Calibration
	l2          float64
	shift, band float64
	bias, base  [3]float64
	buckets     map[uint32][3]float64
	// oof is the inner 4-fold out-of-fold score of each item it was
	// learned on, with its L2 strength.
	oof []float64
}

// base is the calibrated score of an item under c (without its band).
func baseScore(c toneeval.Calibration, r toneeval.ActorRow) float64 {
	return max(-1, min(1, c.Mix*r.Toward+(1-c.Mix-c.Doc)*r.Context+c.Doc*r.Document-c.Shift))
}

// score is P(pos)-P(neg) of m on it (before the shift).
func (m *actorFit) score(it psItem) float64 {
	var z [3]float64
	b := baseScore(m.cal, it.row)
	for k := range 3 {
		z[k] = m.bias[k] + b*m.base[k]
	}
	for _, bag := range [][]uint32{it.sent, it.win} {
		if len(bag) == 0 {
			continue
		}
		n := 1 / math.Sqrt(float64(len(bag)))
		for _, x := range bag {
			w := m.buckets[x]
			for k := range 3 {
				z[k] += n * w[k]
			}
		}
	}
	p := softmax3(z)
	return p[2] - p[0]
}

// label is the class (0 negative, 1 neutral, 2 positive) m gives it.
// splitFold returns the items outside fold k and those in it.
func splitFold(items []psItem, k int) (tr, te []psItem) {
	for _, it := range items {
		if it.row.Fold != k {
			tr = append(tr, it)
		} else {
			te = append(te, it)
		}
	}
	return tr, te
}

// confusion counts gold against label(item) over items (classes
// negative, neutral, positive as 0, 1, 2).
func confusion(items []psItem, label func(psItem) int) (cm [3][3]int) {
	for _, it := range items {
		cm[it.row.Gold+1][label(it)]++
	}
	return cm
}

func (m *actorFit) label(it psItem) int { return bandClass(m.score(it)-m.shift, m.band) }

// fitActorModel chooses the calibration on items, then the L2 strength,
// shift and band by a 4-fold CV over items, and learns the model on all
// of them with those choices. logf, if not nil, hears the inner figures.
func fitActorModel(items []psItem, logf func(string, ...any)) *actorFit {
	rows := make([]toneeval.ActorRow, len(items))
	gold := make([]int, len(items))
	for i, it := range items {
		rows[i] = it.row
		gold[i] = it.row.Gold + 1
	}
	cal, _ := toneeval.FitCalibration(rows, func(toneeval.ActorRow) bool { return true })
	best := -1.0
	var bl, bs, bb float64
	var boof []float64
	for _, l2 := range actorL2s {
		oof := make([]float64, len(items))
		for j := range 4 {
			var tr []psItem
			for i, it := range items {
				if i%4 != j {
					tr = append(tr, it)
				}
			}
			m := learnActor(tr, cal, l2)
			for i, it := range items {
				if i%4 == j {
					oof[i] = m.score(it)
				}
			}
		}
		s, b, f := bestBand(oof, gold)
		if logf != nil {
			logf("  L2 %g: inner 4-fold CV macro-F1 %.3f (shift %+.2f band %.2f)", l2, f, s, b)
		}
		if f > best {
			best, bl, bs, bb, boof = f, l2, s, b, oof
		}
	}
	m := learnActor(items, cal, bl)
	m.shift, m.band, m.oof = bs, bb, boof
	return m
}

// learnActor fits the logistic regression on items: full-batch AdaGrad on
// the class-weighted multinomial log loss with L2 (the bias is not
// penalised). Feature 0 is the bias, 1 the base score, 2+b bucket b.
func learnActor(items []psItem, cal toneeval.Calibration, l2 float64) *actorFit {
	idx := map[uint32]int{}
	var keys []uint32
	for _, it := range items {
		for _, bag := range [][]uint32{it.sent, it.win} {
			for _, x := range bag {
				if _, ok := idx[x]; !ok {
					idx[x] = 0
					keys = append(keys, x)
				}
			}
		}
	}
	slices.Sort(keys)
	for j, k := range keys {
		idx[k] = 2 + j
	}
	var freq [3]float64
	for _, it := range items {
		freq[it.row.Gold+1]++
	}
	X := make([][]feat, len(items))
	Y := make([]int, len(items))
	W := make([]float64, len(items))
	var wsum float64
	for i, it := range items {
		x := []feat{{0, 1}, {1, baseScore(cal, it.row)}}
		for _, bag := range [][]uint32{it.sent, it.win} {
			if len(bag) == 0 {
				continue
			}
			n := 1 / math.Sqrt(float64(len(bag)))
			for _, b := range bag {
				x = append(x, feat{idx[b], n})
			}
		}
		X[i], Y[i] = x, it.row.Gold+1
		W[i] = math.Pow(float64(len(items))/(3*math.Max(freq[Y[i]], 1)), actorClassPow)
		wsum += W[i]
	}
	w := learnLR(X, Y, W, wsum, 2+len(keys), l2)
	m := &actorFit{cal: cal, l2: l2, bias: w[0], base: w[1], buckets: make(map[uint32][3]float64, len(keys))}
	for j, k := range keys {
		// Rounded as the binary form stores them, so the figures here are
		// those of the committed model.
		var v [3]float64
		for c := range 3 {
			v[c] = math.Round(w[2+j][c]*1e4) / 1e4
		}
		m.buckets[k] = v
	}
	for c := range 3 {
		m.bias[c] = math.Round(m.bias[c]*1e4) / 1e4
		m.base[c] = math.Round(m.base[c]*1e4) / 1e4
	}
	return m
}

// feat is one non-zero feature of an example: its index and value.
type feat struct {
	j int
	v float64
}

// learnLR fits a 3-class logistic regression over dim features: full-batch
// AdaGrad (actorIters steps, rate actorRate) on the multinomial log loss,
// example i weighted W[i]/wsum, with L2 on every feature but feature 0
// (the bias).
func learnLR(X [][]feat, Y []int, W []float64, wsum float64, dim int, l2 float64) [][3]float64 {
	w := make([][3]float64, dim)
	g2 := make([][3]float64, dim)
	grad := make([][3]float64, dim)
	for range actorIters {
		clear(grad)
		for i, x := range X {
			var z [3]float64
			for _, f := range x {
				for k := range 3 {
					z[k] += w[f.j][k] * f.v
				}
			}
			p := softmax3(z)
			for k := range 3 {
				d := p[k]
				if k == Y[i] {
					d--
				}
				d *= W[i] / wsum
				for _, f := range x {
					grad[f.j][k] += d * f.v
				}
			}
		}
		for j := range w {
			for k := range 3 {
				g := grad[j][k]
				if j != 0 {
					g += l2 * w[j][k]
				}
				g2[j][k] += g * g
				if g2[j][k] > 0 {
					w[j][k] -= actorRate * g / math.Sqrt(g2[j][k])
				}
			}
		}
	}
	return w
}

func softmax3(z [3]float64) [3]float64 {
	mx := max(z[0], z[1], z[2])
	var s float64
	for k := range 3 {
		z[k] = math.Exp(z[k] - mx)
		s += z[k]
	}
	for k := range 3 {
		z[k] /= s
	}
	return z
}

// bandClass reads x with a neutral band of half-width band: 0, 1 or 2, as
// tone's bandPolarity does.
func bandClass(x, band float64) int {
	switch {
	case x >= band && x > 0:
		return 2
	case x <= -band && x < 0:
		return 0
	}
	return 1
}

// bestBand returns the shift and band (steps of 0.02, shift in
// [-0.6, 0.6], band in [0, 0.6]) with the best macro-F1 of x - shift read
// against gold (0, 1, 2), the first of equals, and that figure.
func bestBand(x []float64, gold []int) (shift, band, f1 float64) {
	f1 = -1
	for sj := -30; sj <= 30; sj++ {
		for b := 0; b <= 30; b++ {
			s, bd := float64(sj)/50, float64(b)/50
			var cm [3][3]int
			for i := range x {
				cm[gold[i]][bandClass(x[i]-s, bd)]++
			}
			if _, m, _ := stats.ConfusionF1(cm); m > f1 {
				f1, shift, band = m, s, bd
			}
		}
	}
	return shift, band, f1
}

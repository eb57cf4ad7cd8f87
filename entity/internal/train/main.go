// Command train trains the statistical recogniser of package entity on
// CoNLL-2003 eng.train, reports its F1 on eng.testa and writes the model
// that package entity/model embeds.
//
//	go run ./entity/internal/train -data ../shared/data/conll2003
package main

import (
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"time"

	"github.com/diplotext/diplotext/entity/internal/conll"
	"github.com/diplotext/diplotext/entity/internal/gaz"
	"github.com/diplotext/diplotext/entity/internal/ner"
)

func main() {
	data := flag.String("data", "", "folder with eng.train and eng.testa (default: shared/data/conll2003 found above the working directory)")
	out := flag.String("out", "entity/model/ner.model", "output model file (empty: do not write)")
	bits := flag.Uint("bits", 18, "log2 of the number of feature buckets")
	epochs := flag.Int("epochs", 10, "training passes")
	seed := flag.Uint64("seed", 5, "shuffling seed (5: the best of 1, 2 and 5 on eng.testa)")
	folds := flag.Int("folds", 5, "jackknife folds of the two-stage model (1: one stage)")
	nclu := flag.Int("clusters", 256, "word clusters from unlabelled text in the shared data (0: none)")
	flag.Parse()
	if err := run(*data, *out, *bits, *epochs, *seed, *folds, *nclu); err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		os.Exit(1)
	}
}

func run(data, out string, bits uint, epochs int, seed uint64, folds, nclu int) error {
	if data == "" {
		d, err := conll.DataDir()
		if err != nil {
			return err
		}
		data = filepath.Join(d, "conll2003")
	}
	train, err := conll.ReadFile(filepath.Join(data, "eng.train"))
	if err != nil {
		return err
	}
	dev, err := conll.ReadFile(filepath.Join(data, "eng.testa"))
	if err != nil {
		return err
	}
	g := gaz.Default()
	ex := examples(train)
	start := time.Now()
	var clusters map[uint64][2]uint16
	if nclu > 0 {
		var err error
		clusters, err = buildClusters(filepath.Dir(data), train, nclu, nclu/4, seed)
		if err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "clusters built (%s)\n", time.Since(start).Round(time.Second))
	}
	var m *ner.Model
	if folds > 1 {
		m = ner.TrainTwoStage(ex, bits, g, clusters, folds, epochs, seed, func(st string, ep int, e float64) {
			if ep == epochs {
				fmt.Fprintf(os.Stderr, "%s: epoch %d: token error %.4f (%s)\n", st, ep, e, time.Since(start).Round(time.Second))
			}
		})
	} else {
		tr := ner.NewTrainer(bits, g)
		tr.Model().SetClusters(clusters)
		m = tr.Train(ex, epochs, seed, func(ep int, e float64) {
			fmt.Fprintf(os.Stderr, "epoch %d: token error %.4f (%s)\n", ep, e, time.Since(start).Round(time.Second))
		})
	}
	sc := evaluate(m, examples(dev))
	sc.Write(os.Stdout)
	ca, cb := calibrate(m, examples(dev))
	fmt.Fprintf(os.Stderr, "calibration: a=%.4f b=%.4f\n", ca, cb)
	m.Calibrate(ca, cb)
	if out == "" {
		return nil
	}
	b, err := m.MarshalBinary()
	if err != nil {
		return err
	}
	tmp := out + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "wrote %s (%d bytes)\n", out, len(b))
	return os.Rename(tmp, out)
}

func examples(docs []conll.Document) []ner.Example {
	var ex []ner.Example
	for _, d := range docs {
		var e ner.Example
		for _, s := range d.Sentences {
			first := len(e.Doc.Words)
			e.Doc.Words = append(e.Doc.Words, s.Words...)
			e.Doc.Sents = append(e.Doc.Sents, ner.Span{First: first, Last: len(e.Doc.Words)})
			for _, c := range tagsOf(s.Tags) {
				e.Tags = append(e.Tags, c)
			}
		}
		ex = append(ex, e)
	}
	return ex
}

var classOf = map[string]int{"PER": 1, "ORG": 2, "LOC": 3, "MISC": 4}

// tagsOf converts IOB1 or IOB2 tags to BIO tags.
func tagsOf(tags []string) []ner.Tag {
	out := make([]ner.Tag, len(tags))
	for _, c := range conll.Chunks(tags) {
		k := classOf[c.Type]
		if k == 0 {
			continue
		}
		out[c.Start] = ner.BeginOf(k)
		for i := c.Start + 1; i < c.End; i++ {
			out[i] = ner.BeginOf(k) + 1
		}
	}
	return out
}

func chunks(tags []ner.Tag) []conll.Chunk {
	s := make([]string, len(tags))
	for i, t := range tags {
		if t == ner.O {
			s[i] = "O"
			continue
		}
		p := "I-"
		if t.Begin() {
			p = "B-"
		}
		s[i] = p + ner.ClassNames[t.Class()]
	}
	return conll.Chunks(s)
}

func evaluate(m *ner.Model, ex []ner.Example) *conll.Scores {
	sc := conll.NewScores()
	var s ner.Scratch
	for _, e := range ex {
		pred := m.Tag(&e.Doc, &s, nil)
		for _, sp := range e.Doc.Sents {
			sc.Add(chunks(e.Tags[sp.First:sp.Last]), chunks(pred[sp.First:sp.Last]))
		}
	}
	return sc
}

// calibrate fits p(correct) = logistic(a·margin + b) of predicted spans on
// the development set by gradient descent on the log loss.
func calibrate(m *ner.Model, ex []ner.Example) (float64, float64) {
	var xs []float64
	var ys []float64
	var s ner.Scratch
	for _, e := range ex {
		pred := m.Tag(&e.Doc, &s, nil)
		for _, sp := range e.Doc.Sents {
			gold := map[conll.Chunk]bool{}
			for _, c := range chunks(e.Tags[sp.First:sp.Last]) {
				gold[c] = true
			}
			for _, c := range chunks(pred[sp.First:sp.Last]) {
				xs = append(xs, m.RawMargin(&s, sp.First+c.Start, sp.First+c.End, pred))
				y := 0.0
				if gold[c] {
					y = 1
				}
				ys = append(ys, y)
			}
		}
	}
	// standardise the margins, fit, then undo the scaling
	var mean, sd float64
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	for _, x := range xs {
		sd += (x - mean) * (x - mean)
	}
	sd = math.Sqrt(sd / float64(len(xs)))
	if sd == 0 {
		sd = 1
	}
	for i := range xs {
		xs[i] = (xs[i] - mean) / sd
	}
	a, b := 1.0, 0.0
	for it := 0; it < 3000; it++ {
		var ga, gb float64
		for i, x := range xs {
			p := 1 / (1 + math.Exp(-(a*x + b)))
			ga += (p - ys[i]) * x
			gb += p - ys[i]
		}
		n := float64(len(xs))
		a -= 0.5 * ga / n
		b -= 0.5 * gb / n
	}
	return a / sd, b - a*mean/sd
}

// Command train trains the statistical recogniser of package entity on
// CoNLL-2003 eng.train and writes the model that package entity/statistical
// embeds.
//
// Settings are chosen by cross-validation on eng.train only: with -cv K
// (the default 5) the training documents are split into K contiguous
// blocks (CoNLL documents are in date order, so each held-out block is
// later or earlier news than most of the rest), a model is trained on the
// other blocks (word clusters included) and scored on the held-out one.
// The pooled held-out predictions also fit the score calibration. Each
// held-out block is scored twice: by document, and with every sentence
// tagged alone (as headlines and single sentences are); -split adds every
// sentence of a fraction of the training documents as a document of its
// own, so that the model does not lean on document-level features it will
// not always have. The development set eng.testa is read only with
// -check, as a final check of the chosen recipe; nothing is tuned on it.
//
//	go run ./entity/internal/train               # CV, then the final model
//	go run ./entity/internal/train -check -cv 0  # final model and its dev score
package main

import (
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/diplotext/diplotext/entity/internal/gaz"
	"github.com/diplotext/diplotext/entity/internal/ner"
	"github.com/diplotext/diplotext/internal/eval/conll"
)

// recipe is everything that determines a trained model besides the data.
type recipe struct {
	bits    uint
	epochs  int
	seed    uint64
	folds   int
	nclu    int
	dropout float64
	seeds   int
	split   float64
	keep    bool
	// profiles: capitalisation profiles of words from unlabelled text
	// as features
	profiles bool
}

// calibrationFrom is the model file whose calibration -cv 0 reuses.
var calibrationFrom string

func main() {
	data := flag.String("data", "", "folder with eng.train (and eng.testa for -check) (default: shared/data/conll2003 found above the working directory)")
	out := flag.String("out", "entity/statistical/ner.model", "output model file (empty: do not write)")
	var r recipe
	flag.UintVar(&r.bits, "bits", 18, "log2 of the number of feature buckets")
	flag.IntVar(&r.epochs, "epochs", 10, "training passes")
	flag.Uint64Var(&r.seed, "seed", 1, "shuffling seed (each stage averages three orders)")
	flag.IntVar(&r.folds, "folds", 5, "jackknife folds of the two-stage model (1: one stage)")
	flag.IntVar(&r.nclu, "clusters", 256, "word clusters from unlabelled text in the shared data (0: none)")
	flag.Float64Var(&r.dropout, "dropout", 0.1, "probability of hiding a training token's word-identity features in an epoch")
	flag.IntVar(&r.seeds, "seeds", 5, "training orders averaged in each stage")
	flag.BoolVar(&r.keep, "keep", true, "with -split: keep the chosen documents whole as well")
	flag.Float64Var(&r.split, "split", 0.3, "fraction of training documents also presented as standalone sentences, one document each (as headlines and single sentences reach the tagger)")
	cv := flag.Int("cv", 5, "cross-validation folds on eng.train, by document (0: none; calibration then uses defaults)")
	cvOnly := flag.Bool("cv-only", false, "stop after cross-validation")
	jobs := flag.Int("j", 2, "cross-validation folds trained at once")
	check := flag.Bool("check", false, "score the final model on eng.testa (a final check: do not tune on it)")
	flag.StringVar(&errorsTo, "errors", "", "with -cv: write the wrong spans of held-out fold k to FILE.foldk (error analysis)")
	calFrom := flag.String("calibration-from", "", "with -cv 0: take the score calibration of this existing model file instead of the default (to retrain without the cross-validation)")
	lower := flag.Bool("lower", false, "train the model for text without capitals: all words lower-cased")
	flag.BoolVar(&r.profiles, "profiles", false, "use how each word is capitalised in unlabelled running text as a feature (default: with -lower only, as chosen by CV)")
	flag.Parse()
	set := map[string]bool{}
	flag.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if !set["profiles"] {
		r.profiles = *lower
	}
	if *lower && *out == "entity/statistical/ner.model" {
		*out = "entity/statistical/ner_lower.model"
	}
	lowerCase = *lower
	calibrationFrom = *calFrom
	if err := run(*data, *out, r, *cv, *cvOnly, *jobs, *check); err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		os.Exit(1)
	}
}

func run(data, out string, r recipe, cv int, cvOnly bool, jobs int, check bool) error {
	if data == "" {
		d, err := conll.DataDir()
		if err != nil {
			return err
		}
		data = filepath.Join(d, "conll2003")
	}
	train, err := readCoNLL(filepath.Join(data, "eng.train"))
	if err != nil {
		return err
	}
	start := time.Now()
	ca, cb := 0.0, 0.0
	if cv > 1 {
		sc, scSent, perFold, xs, ys, err := crossValidate(filepath.Dir(data), train, r, cv, jobs)
		if err != nil {
			return err
		}
		fmt.Printf("cross-validation on eng.train, %d folds by document (%s):\n", cv, time.Since(start).Round(time.Second))
		sc.Write(os.Stdout)
		fmt.Println("the same held-out blocks, every sentence tagged as a document of its own:")
		scSent.Write(os.Stdout)
		var mean, sd float64
		for _, f := range perFold {
			mean += f
		}
		mean /= float64(len(perFold))
		for _, f := range perFold {
			sd += (f - mean) * (f - mean)
		}
		sd = math.Sqrt(sd / float64(max(len(perFold)-1, 1)))
		fmt.Printf("per-fold F1:")
		for _, f := range perFold {
			fmt.Printf(" %.4f", f)
		}
		fmt.Printf("  mean %.4f sd %.4f\n", mean, sd)
		ca, cb = fitLogistic(xs, ys)
		fmt.Fprintf(os.Stderr, "calibration (from CV): a=%.4f b=%.4f\n", ca, cb)
	}
	if cvOnly {
		return nil
	}
	if cv <= 1 && calibrationFrom != "" {
		b, err := os.ReadFile(calibrationFrom)
		if err != nil {
			return err
		}
		old, err := ner.Load(b, nil)
		if err != nil {
			return fmt.Errorf("%s: %w", calibrationFrom, err)
		}
		ca, cb = old.Calibration()
		fmt.Fprintf(os.Stderr, "calibration (from %s): a=%.4f b=%.4f\n", calibrationFrom, ca, cb)
	}
	m, err := trainModel(filepath.Dir(data), train, r, func(st string, ep int, e float64) {
		if ep == r.epochs {
			fmt.Fprintf(os.Stderr, "%s: epoch %d: token error %.4f (%s)\n", st, ep, e, time.Since(start).Round(time.Second))
		}
	})
	if err != nil {
		return err
	}
	if ca != 0 {
		m.Calibrate(ca, cb)
	}
	if check {
		dev, err := readCoNLL(filepath.Join(data, "eng.testa"))
		if err != nil {
			return err
		}
		fmt.Println("final check on eng.testa (recogniser alone):")
		sc, _, _ := evaluate(m, examples(dev))
		sc.Write(os.Stdout)
		fmt.Println("eng.testa, every sentence tagged as a document of its own:")
		sc, _, _ = evaluate(m, examples(standalone(dev, 1, 0, false)))
		sc.Write(os.Stdout)
	}
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

// trainModel builds the word clusters (from the unlabelled corpora and the
// words of train) and trains a model on train.
func trainModel(shared string, train []conll.Document, r recipe, progress func(string, int, float64)) (*ner.Model, error) {
	var clusters map[uint64][3]uint16
	if r.nclu > 0 {
		var err error
		clusters, err = buildClusters(shared, train, r.nclu, r.nclu/4, r.seed)
		if err != nil {
			return nil, err
		}
		if !r.profiles {
			for h, v := range clusters {
				v[2] = 0
				clusters[h] = v
			}
		}
	}
	g := gaz.Default()
	ex := examples(standalone(train, r.split, r.seed, r.keep))
	opt := ner.TrainOptions{Bits: r.bits, Epochs: r.epochs, Seed: r.seed, Folds: r.folds, Dropout: r.dropout, Seeds: r.seeds}
	if r.folds > 1 {
		return ner.TrainTwoStage(ex, g, clusters, opt, progress), nil
	}
	tr := ner.NewTrainer(r.bits, g)
	tr.Model().SetClusters(clusters)
	tr.Dropout = r.dropout
	var p func(int, float64)
	if progress != nil {
		p = func(ep int, e float64) { progress("single", ep, e) }
	}
	return tr.Train(ex, r.epochs, r.seed, p), nil
}

// crossValidate trains k models, each on eng.train without one block of
// contiguous documents, and scores each on its held-out block, by
// document and with every sentence standing alone. It returns the two
// pooled scores, the F1 of every fold (by document) and the (margin,
// correct) samples of the held-out predicted spans for calibration.
func crossValidate(shared string, train []conll.Document, r recipe, k, jobs int) (*conll.Scores, *conll.Scores, []float64, []float64, []float64, error) {
	type result struct {
		sc, sent *conll.Scores
		xs, ys   []float64
		err      error
	}
	res := make([]result, k)
	sem := make(chan struct{}, max(jobs, 1))
	var wg sync.WaitGroup
	for f := 0; f < k; f++ {
		lo, hi := f*len(train)/k, (f+1)*len(train)/k
		var in []conll.Document
		in = append(in, train[:lo]...)
		in = append(in, train[hi:]...)
		held := train[lo:hi]
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			t0 := time.Now()
			m, err := trainModel(shared, in, r, nil)
			if err != nil {
				res[f].err = err
				return
			}
			sc, xs, ys := evaluate(m, examples(held))
			sent, _, _ := evaluate(m, examples(standalone(held, 1, 0, false)))
			if errorsTo != "" {
				writeErrors(fmt.Sprintf("%s.fold%d", errorsTo, f+1), m, examples(held))
			}
			_, _, f1 := sc.PRF("")
			_, _, f1s := sent.PRF("")
			fmt.Fprintf(os.Stderr, "cv fold %d/%d: %d held-out documents, F1 %.4f, sentences alone %.4f (%s)\n", f+1, k, len(held), f1, f1s, time.Since(t0).Round(time.Second))
			res[f] = result{sc: sc, sent: sent, xs: xs, ys: ys}
		}()
	}
	wg.Wait()
	pooled, pooledSent := conll.NewScores(), conll.NewScores()
	var perFold, xs, ys []float64
	for _, r := range res {
		if r.err != nil {
			return nil, nil, nil, nil, nil, r.err
		}
		for _, m := range []struct{ dst, src map[string]int }{{pooled.TP, r.sc.TP}, {pooled.FP, r.sc.FP}, {pooled.FN, r.sc.FN},
			{pooledSent.TP, r.sent.TP}, {pooledSent.FP, r.sent.FP}, {pooledSent.FN, r.sent.FN}} {
			for t, n := range m.src {
				m.dst[t] += n
			}
		}
		_, _, f1 := r.sc.PRF("")
		perFold = append(perFold, f1)
		xs = append(xs, r.xs...)
		ys = append(ys, r.ys...)
	}
	return pooled, pooledSent, perFold, xs, ys, nil
}

// standalone returns docs with a fraction frac of them, chosen at random
// with seed, also (keep) or instead given as one document per sentence: a
// headline, a lead or a single sentence reaches the tagger without the
// rest of its article, so the document-level features must not be relied
// on.
func standalone(docs []conll.Document, frac float64, seed uint64, keep bool) []conll.Document {
	if frac <= 0 {
		return docs
	}
	rng := rand.New(rand.NewPCG(seed, 0x5e17e4ce))
	var out []conll.Document
	for _, d := range docs {
		if rng.Float64() >= frac {
			out = append(out, d)
			continue
		}
		if keep {
			out = append(out, d)
		}
		for _, s := range d.Sentences {
			out = append(out, conll.Document{Sentences: []conll.Sentence{s}})
		}
	}
	return out
}

// errorsTo is set by -errors.
var errorsTo string

// writeErrors writes, for every sentence with a wrong span, the sentence
// with its gold and predicted spans.
func writeErrors(path string, m *ner.Model, ex []ner.Example) {
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		return
	}
	defer f.Close()
	var s ner.Scratch
	span := func(words []string, c conll.Chunk) string {
		return c.Type + ":" + strings.Join(words[c.Start:c.End], " ")
	}
	for _, e := range ex {
		pred := m.Tag(&e.Doc, &s, nil)
		for _, sp := range e.Doc.Sents {
			words := e.Doc.Words[sp.First:sp.Last]
			gc, pc := chunks(e.Tags[sp.First:sp.Last]), chunks(pred[sp.First:sp.Last])
			gold := map[conll.Chunk]bool{}
			for _, c := range gc {
				gold[c] = true
			}
			var lines []string
			for _, c := range pc {
				if !gold[c] {
					lines = append(lines, "  FP "+span(words, c))
				}
				delete(gold, c)
			}
			for _, c := range gc {
				if gold[c] {
					lines = append(lines, "  FN "+span(words, c))
				}
			}
			if len(lines) > 0 {
				fmt.Fprintf(f, "%s\n%s\n", strings.Join(words, " "), strings.Join(lines, "\n"))
			}
		}
	}
}

// lowerCase is set by -lower: words are lower-cased as they are read.
var lowerCase bool

func readCoNLL(path string) ([]conll.Document, error) {
	docs, err := conll.ReadFile(path)
	if err != nil || !lowerCase {
		return docs, err
	}
	for _, d := range docs {
		for _, s := range d.Sentences {
			for i, w := range s.Words {
				s.Words[i] = strings.ToLower(w)
			}
		}
	}
	return docs, nil
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

// evaluate scores m on ex and returns, for calibration, the raw margin of
// every predicted span and whether it is correct (1) or not (0).
func evaluate(m *ner.Model, ex []ner.Example) (*conll.Scores, []float64, []float64) {
	sc := conll.NewScores()
	var s ner.Scratch
	var xs, ys []float64
	for _, e := range ex {
		pred := m.Tag(&e.Doc, &s, nil)
		for _, sp := range e.Doc.Sents {
			gc, pc := chunks(e.Tags[sp.First:sp.Last]), chunks(pred[sp.First:sp.Last])
			sc.Add(gc, pc)
			gold := map[conll.Chunk]bool{}
			for _, c := range gc {
				gold[c] = true
			}
			for _, c := range pc {
				xs = append(xs, m.RawMargin(&s, sp.First+c.Start, sp.First+c.End, pred))
				y := 0.0
				if gold[c] {
					y = 1
				}
				ys = append(ys, y)
			}
		}
	}
	return sc, xs, ys
}

// fitLogistic fits p(correct) = logistic(a·margin + b) by gradient descent
// on the log loss.
func fitLogistic(xs, ys []float64) (float64, float64) {
	if len(xs) == 0 {
		return 0, 0
	}
	xs = append([]float64(nil), xs...)
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

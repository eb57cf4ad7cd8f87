// Command sotucv is the fast experiment loop of the taxonomy's State of the
// Union subtopics (issue 11): it loads the taxonomy training set once
// (corpus.LoadTaxonomySet), holds out the same folds of whole speeches as
// `diplotext eval topic --sotu ... --cv 4 --seed N` (speechFolds), trains
// each fold with the recipe or a variant of it (flags) and prints, per
// mode, the six-code macro-F1, the mean F1 of the four codes with at least
// 25 sentences ("big4": 1605, 1619, 1802, 1927; 1926 has 5 sentences and
// 1901 13, so one sentence moves the macro-F1 by several hundredths), the
// micro-F1 and per code F1, precision and recall. Modes: the sentence
// alone (scored as builtin.New scores it), the sentence with its
// neighbours as one passage, the mean of the two calibrated scores, and
// the same three keeping only the strongest of the six topics (score over
// threshold), since CAP gives one code per sentence.
//
// With -labels six (the default) only the six topics of the speech target
// are trained: one-vs-rest, so their weights are those of the full model;
// the inner folds that calibrate and tune thresholds are stratified by
// first label and may differ, so the figures are close to, not equal to,
// the full command's. One run costs about half a CPU-minute instead of
// several. -labels all trains the 27 topics. -dump FILE writes each
// held-out sentence with a gold or predicted code (speech, gold subtopic,
// major, codes alone, codes with neighbours, scores alone/with neighbours,
// text) for reading the errors; keep it outside the repository.
// -rarew N weighs the gold positives of topics with fewer than N positive
// speech sentences more (class weights).
// -ctx N makes the window view the sentence with the content words of N
// sentences either side as separate, marked context features (training
// and scoring).
// -pertopic also scores every held-out sentence under seven views (alone,
// one, two, three, five and ten sentences either side, and the whole
// speech as one text), the means of the sentence and each other view, and
// a grid of mixes of the sentence, two and five either side and the whole
// speech in quarters ("mixABCD"), and prints per topic the F1 of each
// view and mean, the macro-F1 of every mode, and the F1 when each fold
// uses the mode (and threshold factor) that scores best on the other
// folds' held-out sentences. -recs FILE writes those scores, one line per
// held-out sentence, for combining the views outside the tool.
//
// Development only: it reads ../shared/data and writes nothing into the
// repository.
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/diplotext/diplotext/internal/eval/topic/corpus"
	"github.com/diplotext/diplotext/internal/shareddata"
	"github.com/diplotext/diplotext/text"
	"github.com/diplotext/diplotext/topic"
)

func main() {
	dataFlag := flag.String("data", "", "shared data folder (default: find shared/data beside the module)")
	k := flag.Int("k", 4, "outer folds of whole speeches")
	seed := flag.Uint64("seed", 1, "seed (as --seed of eval topic)")
	labels := flag.String("labels", "six", "labels to train: six (the speech target's topics) or all")
	bgScale := flag.Float64("bg", 1, "scale of the background weights (0 drops the background)")
	dump := flag.String("dump", "", "write per-sentence predictions to this file")
	workers := flag.Int("workers", 2, "training goroutines")
	cost := flag.Float64("c", 0, "regularisation C (0: the recipe's)")
	aloneW := flag.Float64("alonew", 0, "weight of a speech sentence alone (0: the recipe's 0.5; with its neighbours: 1)")
	minDF := flag.Int("mindf", 0, "minimum document frequency (0: the recipe's)")
	radius := flag.Int("radius", 1, "sentences either side in the window view (from the speech's adjacent rows)")
	drop := flag.String("drop", "", "comma-separated background sources to drop: congress,nyt,ag,reuters,uci,ungd,bbc")
	rareW := flag.Float64("rarew", 0, "with N > 0, a speech sentence that is a gold positive of a topic with fewer than N positive speech sentences weighs sqrt(N/n) times more, at most 3 (class weights alone, without session 5's gold negatives)")
	ctxR := flag.Int("ctx", 0, "with N > 0, the window view is the sentence plus the content words of N sentences either side as separate context features (each word marked, so it is not the sentence's own feature)")
	recsOut := flag.String("recs", "", "with -pertopic, write every held-out sentence's fold, gold code, thresholds and view scores to this file (tab-separated)")
	perTopic := flag.Bool("pertopic", false, "also choose, per topic, the view (sentence, window of 1-3 either side, mean of the two) and threshold factor on the other folds' held-out sentences")
	flag.Parse()
	data := *dataFlag
	if data == "" {
		data, _ = shareddata.Dir()
	}
	start := time.Now()
	ts, err := corpus.LoadTaxonomySet(data)
	if err != nil {
		fail(err)
	}
	fmt.Fprintf(os.Stderr, "loaded in %v: %s\n", time.Since(start).Round(time.Millisecond), ts.Summary)
	fold := speechFolds(ts, *k, *seed)
	windowR := func(si, r int) string { return corpus.SOTUWindow(ts.SOTU, si, r) }
	window := func(si int) string {
		if *ctxR > 0 {
			return ctxWindow(ts.SOTU, si, *ctxR)
		}
		if *radius == 1 {
			return ts.SOTU[si].Window()
		}
		return windowR(si, *radius)
	}
	for i := range ts.Examples {
		if ts.View[i] == 0 {
			ts.Examples[i].Text = window(ts.Index[i])
		}
	}

	var keep, keepSix []string
	for _, c := range corpus.SOTUCodes {
		keepSix = append(keepSix, c.Topic)
	}
	if *labels == "six" {
		for _, c := range corpus.SOTUCodes {
			keep = append(keep, c.Topic)
		}
	}
	restrict := func(ex []topic.Example, scale float64) []topic.Example {
		out := make([]topic.Example, 0, len(ex))
		for _, e := range ex {
			if keep != nil {
				var ls []string
				for _, l := range e.Labels {
					if slices.Contains(keep, l) {
						ls = append(ls, l)
					}
				}
				e.Labels = ls
			}
			if scale != 1 {
				w := e.Weight
				if w == 0 {
					w = 1
				}
				e.Weight = w * scale
				if e.Weight == 0 {
					continue
				}
			}
			out = append(out, e)
		}
		return out
	}
	bgAll := ts.Background
	if *drop != "" {
		// the background is in the order of corpus.build, with these counts
		srcs := []string{"congress", "nyt", "ag", "reuters", "uci", "ungd", "bbc"}
		var n []int
		for _, part := range strings.Split(ts.Summary, ", ")[1:] {
			f := strings.Fields(part)
			var x int
			fmt.Sscan(f[len(f)-1], &x)
			n = append(n, x)
		}
		if len(n) != len(srcs) {
			fail(fmt.Errorf("unexpected summary %q", ts.Summary))
		}
		var kept []topic.Example
		at := 0
		for i, src := range srcs {
			if !slices.Contains(strings.Split(*drop, ","), src) {
				kept = append(kept, bgAll[at:at+n[i]]...)
			}
			at += n[i]
		}
		if at != len(bgAll) {
			fail(fmt.Errorf("background counts %d != %d", at, len(bgAll)))
		}
		bgAll = kept
	}
	bg := restrict(bgAll, *bgScale)

	var six []string
	for _, c := range corpus.SOTUCodes {
		six = append(six, fmt.Sprint(c.Sub))
	}
	modes := []string{"alone", "neighbours", "mean", "top-alone", "top-neigh", "top-mean"}
	var sc [6]*topic.Scorer
	for v := range sc {
		sc[v] = &topic.Scorer{Restrict: six}
	}
	var dw *bufio.Writer
	if *dump != "" {
		f, err := os.Create(*dump)
		if err != nil {
			fail(err)
		}
		defer f.Close()
		dw = bufio.NewWriter(f)
		defer dw.Flush()
	}
	if *rareW > 0 {
		pos := map[string]int{}
		for i, e := range ts.Examples {
			if ts.View[i] == 0 {
				for _, l := range e.Labels {
					pos[l]++
				}
			}
		}
		for i, e := range ts.Examples {
			factor := 1.0
			for _, l := range e.Labels {
				if n := pos[l]; n > 0 && float64(n) < *rareW {
					factor = max(factor, min(3, math.Sqrt(*rareW/float64(n))))
				}
			}
			w := e.Weight
			if w == 0 {
				w = 1
			}
			ts.Examples[i].Weight = w * factor
		}
	}
	var recs []viewRecord
	for f := range *k {
		var train []topic.Example
		var held []int
		for i := range ts.Examples {
			if ts.View[i] == 1 && *aloneW > 0 {
				ts.Examples[i].Weight = *aloneW
			}
			if fold[i] == f {
				held = append(held, i)
			} else {
				train = append(train, ts.Examples[i])
			}
		}
		t0 := time.Now()
		// the recipe's options with bg as the background, and the flags'
		// values in their place
		opts := []topic.TrainOption{topic.WithSeed(*seed), topic.WithWorkers(*workers)}
		if *cost > 0 {
			opts = append(opts, topic.WithRegularization(*cost))
		}
		if *minDF > 0 {
			opts = append(opts, topic.WithMinDF(*minDF))
		}
		m, err := topic.Train(context.Background(), restrict(train, 1), foldOptions(ts, bg, opts...)...)
		if err != nil {
			fail(err)
		}
		fmt.Fprintf(os.Stderr, "fold %d: trained in %v\n", f+1, time.Since(t0).Round(time.Millisecond))
		for _, l := range keepSix {
			th, _ := m.Threshold(l)
			fmt.Fprintf(os.Stderr, " %s %.3f", short(l), th)
		}
		fmt.Fprintln(os.Stderr)
		// as builtin.New scores a text (passage radius 1, passage floor
		// 0.35), without its check that every taxonomy topic is a label
		c, err := topic.NewClassifier(m, topic.WithPassages(1), topic.WithMinPassageScore(0.35), topic.WithMaxTopics(0))
		if err != nil {
			fail(err)
		}
		for _, i := range held {
			if ts.View[i] != 0 {
				continue
			}
			x := &ts.SOTU[ts.Index[i]]
			var gold []string
			for _, cd := range corpus.SOTUCodes {
				if cd.Sub == x.Sub {
					gold = []string{fmt.Sprint(cd.Sub)}
				}
			}
			got, err := c.ClassifyDocument(text.Parse(x.Text))
			if err != nil {
				fail(err)
			}
			var alone []string
			for _, t := range got {
				alone = append(alone, t.ID)
			}
			pa := m.PredictDocument(text.Parse(x.Text))
			pw := m.PredictDocument(text.Parse(window(ts.Index[i])))
			var win, mean []string
			var scores []string
			var top [3]string
			var topS [3]float64
			byLabel := map[string]topic.Prediction{}
			for _, q := range pa {
				byLabel[q.Label] = q
			}
			for _, p := range pw {
				if p.Selected {
					win = append(win, p.Label)
				}
				q := byLabel[p.Label]
				th, _ := m.Threshold(p.Label)
				if (p.Score+q.Score)/2 >= th {
					mean = append(mean, p.Label)
				}
				if slices.Contains(keepSix, p.Label) {
					for v, sco := range []float64{q.Score, p.Score, (p.Score + q.Score) / 2} {
						if r := sco / th; sco >= th && r > topS[v] {
							top[v], topS[v] = p.Label, r
						}
					}
				}
				if slices.ContainsFunc(corpus.SOTUCodes, func(cd struct {
					Sub   int
					Topic string
				}) bool {
					return cd.Topic == p.Label
				}) {
					scores = append(scores, fmt.Sprintf("%s=%.2f/%.2f", short(p.Label), q.Score, p.Score))
				}
			}
			one := func(l string) []string {
				if l == "" {
					return nil
				}
				return codesOf([]string{l})
			}
			if *perTopic {
				rec := viewRecord{fold: f, gold: x.Sub}
				si := ts.Index[i]
				views := [][]topic.Prediction{pa, m.PredictDocument(text.Parse(x.Window())),
					m.PredictDocument(text.Parse(windowR(si, 2))), m.PredictDocument(text.Parse(windowR(si, 3))),
					m.PredictDocument(text.Parse(windowR(si, 5))), m.PredictDocument(text.Parse(windowR(si, 10))),
					speechScores(m, ts.SOTU, x.Speech, f)}
				for t, cd := range corpus.SOTUCodes {
					rec.th[t], _ = m.Threshold(cd.Topic)
					for v, ps := range views {
						for _, p := range ps {
							if p.Label == cd.Topic {
								rec.score[t][v] = p.Score
							}
						}
					}
				}
				recs = append(recs, rec)
			}
			preds := [6][]string{codesOf(alone), codesOf(win), codesOf(mean), one(top[0]), one(top[1]), one(top[2])}
			for v := range sc {
				sc[v].Add(gold, preds[v])
			}
			if dw != nil && (len(gold) > 0 || len(preds[0]) > 0 || len(preds[1]) > 0) {
				fmt.Fprintf(dw, "%s\t%d\t%d\t%s\t%s\t%s\t%s\n", x.Speech, x.Sub, x.Major,
					strings.Join(preds[0], ","), strings.Join(preds[1], ","), strings.Join(scores, " "), x.Text)
			}
		}
	}
	for v, name := range modes {
		r := sc[v].Report()
		var big float64
		for _, l := range r.Labels {
			if l.Support >= 25 {
				big += l.F1 / 4
			}
		}
		fmt.Printf("%-10s macro-F1 %.3f big4 %.3f micro %.3f ", name, r.MacroF1, big, r.MicroF1)
		for _, l := range r.Labels {
			fmt.Printf(" %s %.3f(P%.2f R%.2f)", l.Label, l.F1, l.Precision, l.Recall)
		}
		fmt.Println()
	}
	if *perTopic {
		perTopicReport(recs, *k)
		if *recsOut != "" {
			if err := writeRecs(*recsOut, recs); err != nil {
				fail(err)
			}
		}
	}
	fmt.Fprintf(os.Stderr, "total %v\n", time.Since(start).Round(time.Millisecond))
}

// ctxWindow returns sentence si with the content words of up to r
// sentences of its speech either side, each behind the marker "zq" so that
// the model learns them as context features apart from the sentence's
// own words ("war" in a neighbour is "zqwar").
func ctxWindow(ss []corpus.SOTUSentence, si, r int) string {
	var b strings.Builder
	b.WriteString(strings.TrimSpace(ss[si].Text))
	for q := max(si-r, 0); q <= si+r && q < len(ss); q++ {
		if q == si || ss[q].Speech != ss[si].Speech {
			continue
		}
		for _, w := range strings.FieldsFunc(ss[q].Text, func(r rune) bool {
			return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '-')
		}) {
			f := text.Fold(w)
			if len(f) < 3 || text.IsStopWord(f) {
				continue
			}
			b.WriteString(" zq")
			b.WriteString(f)
		}
	}
	return b.String()
}

func short(l string) string {
	if len(l) > 6 {
		return l[:6]
	}
	return l
}

func codesOf(ids []string) []string {
	var out []string
	for _, id := range ids {
		for _, c := range corpus.SOTUCodes {
			if c.Topic == id {
				out = append(out, fmt.Sprint(c.Sub))
			}
		}
	}
	sort.Strings(out)
	return out
}

// speechFolds assigns the main examples of ts to the outer folds that
// topic.CrossValidateModels gives them with the full label set (the folds
// of `diplotext eval topic --sotu ... --cv k --seed seed`): units are the
// speeches in first-seen order, shuffled, stably sorted by the first label
// (in the sorted label set) of their first example, dealt round-robin.
func speechFolds(ts *corpus.TaxonomySet, k int, seed uint64) []int {
	seen := map[string]bool{}
	for _, e := range append(slices.Clip(ts.Examples), ts.Background...) {
		for _, l := range e.Labels {
			seen[l] = true
		}
	}
	var labels []string
	for l := range seen {
		labels = append(labels, l)
	}
	sort.Strings(labels)
	first := func(e topic.Example) int {
		best := -1
		for _, l := range e.Labels {
			j, _ := slices.BinarySearch(labels, l)
			if best < 0 || j < best {
				best = j
			}
		}
		return best
	}
	var units []string
	firstOf := map[string]int{}
	for _, e := range ts.Examples {
		if _, ok := firstOf[e.Group]; !ok {
			firstOf[e.Group] = first(e)
			units = append(units, e.Group)
		}
	}
	rng := rand.New(rand.NewPCG(seed^0xc0ffee, 0x5eed))
	perm := rng.Perm(len(units))
	sort.SliceStable(perm, func(a, b int) bool { return firstOf[units[perm[a]]] < firstOf[units[perm[b]]] })
	foldOf := map[string]int{}
	for r, u := range perm {
		foldOf[units[u]] = r % k
	}
	out := make([]int, len(ts.Examples))
	for i, e := range ts.Examples {
		out[i] = foldOf[e.Group]
	}
	return out
}

// foldOptions returns the training options of a fold: the recipe's
// (corpus.TaxonomySet.TrainOptions) with bg, the background restricted to
// the trained labels, scaled and filtered by the flags, in place of
// ts.Background, then extra. TrainOptions adds ts.Background and
// topic.WithBackground appends, so passing bg with WithBackground as well
// trains the full background a second time, with all its labels: until
// this was fixed every run did that (about 205 CPU-seconds instead of 33,
// and lower figures, 0.305 / 0.360 against 0.353 / 0.396 on seed 1).
func foldOptions(ts *corpus.TaxonomySet, bg []topic.Example, extra ...topic.TrainOption) []topic.TrainOption {
	r := *ts
	r.Background = bg
	return r.TrainOptions(extra...)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "sotucv:", err)
	os.Exit(1)
}

// speechCache holds the whole-speech predictions of the current fold's
// model (the document view of -pertopic).
var speechCache = map[string][]topic.Prediction{}
var speechCacheFold = -1

// speechScores returns m's predictions for the whole speech (all its rows
// in order, as one text), computed once per fold and speech.
func speechScores(m *topic.Model, ss []corpus.SOTUSentence, speech string, fold int) []topic.Prediction {
	if fold != speechCacheFold {
		clear(speechCache)
		speechCacheFold = fold
	}
	if p, ok := speechCache[speech]; ok {
		return p
	}
	var b strings.Builder
	for q := range ss {
		if ss[q].Speech == speech {
			b.WriteString(strings.TrimSpace(ss[q].Text))
			b.WriteByte('\n')
		}
	}
	p := m.PredictDocument(text.Parse(b.String()))
	speechCache[speech] = p
	return p
}

// numViews is the number of views of a viewRecord.
const numViews = 7

// viewRecord holds, for one held-out sentence, the calibrated score of
// each of the six topics under each view (0 the sentence alone, 1 the
// data's neighbours, 2 to 5 the speech's rows two, three, five and ten
// either side, 6 the whole speech) and the fold's tuned thresholds.
type viewRecord struct {
	fold  int
	gold  int
	th    [6]float64
	score [6][numViews]float64
}

// viewMixes are the candidate scorings of perTopicReport: weights of the
// views (alone, w1, w2, w3, w5, w10, speech) summing to 1.
var viewMixes, viewNames = func() ([][numViews]float64, []string) {
	var mixes [][numViews]float64
	var names []string
	add := func(name string, w [numViews]float64) {
		mixes = append(mixes, w)
		names = append(names, name)
	}
	for v, n := range []string{"alone", "w1", "w2", "w3", "w5", "w10", "doc"} {
		var w [numViews]float64
		w[v] = 1
		add(n, w)
	}
	for v, n := range []string{"w1", "w2", "w3", "w5", "w10", "doc"} {
		var w [numViews]float64
		w[0], w[v+1] = 0.5, 0.5
		add("mean-"+n, w)
	}
	// the stacker's grid: alone, w2, w5 and the speech in quarters
	for a := 0; a <= 4; a++ {
		for b := 0; a+b <= 4; b++ {
			for c := 0; a+b+c <= 4; c++ {
				d := 4 - a - b - c
				var w [numViews]float64
				w[0], w[2], w[4], w[6] = float64(a)/4, float64(b)/4, float64(c)/4, float64(d)/4
				add(fmt.Sprintf("mix%d%d%d%d", a, b, c, d), w)
			}
		}
	}
	return mixes, names
}()

// numFixed is the number of modes printed for every topic (the views and
// the means of the sentence with each).
const numFixed = 13

// thFactors are the candidate multipliers of a topic's tuned threshold.
var thFactors = []float64{0.6, 0.8, 1, 1.25, 1.5}

func (r *viewRecord) value(t, mode int) float64 {
	var s float64
	for v, w := range viewMixes[mode] {
		s += w * r.score[t][v]
	}
	return s
}

// f1Of counts the F1 of topic t under mode and threshold factor over the
// records whose fold passes in.
func f1Of(recs []viewRecord, t, mode int, fac float64, in func(int) bool) (tp, fn, fp int) {
	for i := range recs {
		r := &recs[i]
		if !in(r.fold) {
			continue
		}
		g := r.gold == corpus.SOTUCodes[t].Sub
		p := r.value(t, mode) >= r.th[t]*fac
		switch {
		case g && p:
			tp++
		case g:
			fn++
		case p:
			fp++
		}
	}
	return
}

func f1(tp, fn, fp int) float64 {
	if tp == 0 {
		return 0
	}
	return 2 * float64(tp) / float64(2*tp+fn+fp)
}

// perTopicReport prints, per topic, the F1 of every fixed mode (threshold
// factor 1) over all folds, and the F1 when the mode and threshold factor
// of each fold's sentences are the ones that score best on the other
// folds' held-out sentences (the fold's own codes are not looked at).
func perTopicReport(recs []viewRecord, k int) {
	macro := make([]float64, len(viewNames))
	var macroSel, macroSelView float64
	for t, cd := range corpus.SOTUCodes {
		fmt.Printf("pertopic %d", cd.Sub)
		for mode := range viewNames {
			x := f1(f1Of(recs, t, mode, 1, func(int) bool { return true }))
			macro[mode] += x / 6
			if mode < numFixed {
				fmt.Printf(" %s %.3f", viewNames[mode], x)
			}
		}
		var tp, fn, fp, vtp, vfn, vfp int
		var chosen []string
		for f := range k {
			other := func(g int) bool { return g != f }
			best, bm, bf := -1.0, 0, 1.0
			bestV, bvm := -1.0, 0
			for mode := range viewNames {
				for _, fac := range thFactors {
					if x := f1(f1Of(recs, t, mode, fac, other)); x > best {
						best, bm, bf = x, mode, fac
					}
				}
				if x := f1(f1Of(recs, t, mode, 1, other)); x > bestV {
					bestV, bvm = x, mode
				}
			}
			chosen = append(chosen, fmt.Sprintf("%s/%s×%.2f", viewNames[bvm], viewNames[bm], bf))
			a, b, c := f1Of(recs, t, bm, bf, func(g int) bool { return g == f })
			tp, fn, fp = tp+a, fn+b, fp+c
			a, b, c = f1Of(recs, t, bvm, 1, func(g int) bool { return g == f })
			vtp, vfn, vfp = vtp+a, vfn+b, vfp+c
		}
		macroSel += f1(tp, fn, fp) / 6
		macroSelView += f1(vtp, vfn, vfp) / 6
		fmt.Printf(" | chosen view %.3f, view+threshold %.3f (%s)\n", f1(vtp, vfn, vfp), f1(tp, fn, fp), strings.Join(chosen, " "))
	}
	fmt.Printf("pertopic macro-F1")
	for mode, n := range viewNames {
		fmt.Printf(" %s %.3f", n, macro[mode])
	}
	fmt.Printf(" | chosen view %.3f, view+threshold %.3f\n", macroSelView, macroSel)
}

// writeRecs writes one line per record: fold, gold code, the six
// thresholds, then the six topics' scores under each view.
func writeRecs(name string, recs []viewRecord) error {
	f, err := os.Create(name)
	if err != nil {
		return fmt.Errorf("sotucv: %w", err)
	}
	w := bufio.NewWriter(f)
	for _, r := range recs {
		fmt.Fprintf(w, "%d\t%d", r.fold, r.gold)
		for _, th := range r.th {
			fmt.Fprintf(w, "\t%.6f", th)
		}
		for t := range r.score {
			for _, x := range r.score[t] {
				fmt.Fprintf(w, "\t%.6f", x)
			}
		}
		fmt.Fprintln(w)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("sotucv: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("sotucv: %w", err)
	}
	return nil
}

package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/diplotext/diplotext/internal/eval/topic/corpus"
	"github.com/diplotext/diplotext/text"
	"github.com/diplotext/diplotext/topic"
	"github.com/diplotext/diplotext/topic/builtin"
)

const evalTopicUsage = `Usage: diplotext eval topic MODE [flags]

Modes:
  --reuters DIR [--split train|test] [--top10]
      convert Reuters-21578 SGML (ModApte split: TOPICS="YES" with at least
      one category) to JSON Lines {"id","text","labels"} on stdout; --top10
      keeps only the ten usual categories (documents keep their place with
      no label when none of theirs is among them)
  --model MODEL --data FILE.jsonl [--labels a,b,...]
      score a trained model on labelled JSON Lines {"text","labels"}
  --cv K --data FILE.jsonl [--labels a,b,...] [--algo logreg|nb]
      K-fold cross-validation of topic train on labelled JSON Lines
  --later F --data FILE.jsonl [--labels a,b,...] [--algo logreg|nb]
      train as topic train does on the first part of the file and score the
      last fraction F (0 < F < 1) of its lines: for files in time order,
      such as Reuters-21578 by NEWID, a check of how a model does on later
      news, which a shuffled cross-validation over-states
  --nyt NYTimes.csv [--input headline|subject|both]
      score the built-in foreign-affairs decision (CAP 16, 18, 19) on
      CAP-coded NYT headlines, with per-code precision, recall and F1, for
      the headline alone and for the headline followed by the coder's
      Subject column (--input subject, or --subject; default: both). The
      embedded model is trained on ../shared/data/rtexttools-cap/NYTimes.csv,
      so on that file this is an in-sample figure; use --cv for an estimate
      on unseen headlines
  --nyt NYTimes.csv --taxonomy [--input headline|subject|both]
      score the built-in taxonomy topics against the coder's CAP major
      topic code: per code, a headline counts as predicted with the code
      when a selected topic maps to it (codes the taxonomy covers only);
      per topic, how often its CAP code is the coder's and its mean score
      (how far the scores over-state precision). The taxonomy model is not
      trained on NYTimes.csv
  --nyt NYTimes.csv --halves N [--algo logreg|nb]
      the baseline of the issue: a one-vs-rest model (foreign vs other,
      thresholds tuned by cross-validation, no background data) trained on
      a random half of the headlines and scored on the other half, for N
      random splits, on the headline alone and on headline + subject
  --nyt NYTimes.csv --cv K [--shared DIR] [--seed N]
      K-fold cross-validation of the built-in foreign-affairs model: each
      fold's model is trained as the embedded one is (the other folds'
      headlines plus the background sources in DIR, default: the folder
      two levels above NYTimes.csv; thresholds tuned inside the training
      folds only) and scored on the held-out headlines, for the headline
      alone and for headline + subject
  --sotu sotu-dev.csv --cv K [--shared DIR] [--seed N]
      K-fold cross-validation of the built-in taxonomy model by whole
      State of the Union speech: each fold's model is trained as the
      embedded one is (the other folds' coded sentences plus the background
      sources in DIR, default: the folder two levels above sotu-dev.csv)
      and scored on the held-out speeches' sentences, alone and with their
      neighbours: macro-F1 over the six CAP subtopics of the target, per
      topic against the CAP codes mapped to it, and a reliability table of
      the scores
  --ag test.csv
      score the built-in foreign-affairs decision on AG News (World = foreign)
--json prints the report as JSON.

Example:
  diplotext eval topic --reuters ../shared/data/reuters21578 --top10 > reuters-train.jsonl
  diplotext eval topic --cv 5 --data reuters-train.jsonl --labels earn,acq,money-fx,grain,crude,trade,interest,ship,wheat,corn
  diplotext eval topic --nyt ../shared/data/rtexttools-cap/NYTimes.csv --cv 10`

// evalTopicCommand returns the "eval topic" command.
func evalTopicCommand() command {
	var c command
	c = command{
		name:    "eval topic",
		summary: "measure topic classifiers; convert Reuters-21578 to JSON Lines",
		usage:   evalTopicUsage,
		run: func(ctx context.Context, e *env, args []string) error {
			fs := newFlagSet(c, e)
			reuters := fs.String("reuters", "", "Reuters-21578 folder to convert to JSON Lines")
			split := fs.String("split", "train", "ModApte split to convert: train or test")
			top10 := fs.Bool("top10", false, "keep only the ten usual ModApte categories")
			modelPath := fs.String("model", "", "model to score")
			data := fs.String("data", "", "labelled JSON Lines")
			labels := fs.String("labels", "", "comma-separated labels to score (default: all)")
			cv := fs.Int("cv", 0, "folds of cross-validation")
			halves := fs.Int("halves", 0, "with --nyt: random half splits of the baseline")
			later := fs.Float64("later", 0, "with --data: score the last fraction of the lines, trained on the rest")
			algo := fs.String("algo", "logreg", "algorithm for --cv")
			nyt := fs.String("nyt", "", "NYTimes.csv of RTextTools")
			taxonomy := fs.Bool("taxonomy", false, "with --nyt: score the taxonomy topics against the CAP codes")
			subject := fs.Bool("subject", false, "with --nyt: same as --input subject")
			input := fs.String("input", "both", "with --nyt: headline, subject (headline + subject) or both")
			ag := fs.String("ag", "", "AG News CSV")
			sotu := fs.String("sotu", "", "sotu-dev.csv of cap-sotu (with --cv: cross-validate the taxonomy by whole speech)")
			shared := fs.String("shared", "", "with --nyt --cv: shared data folder of the background sources")
			seed := fs.Uint64("seed", 1, "with --cv: seed of the fold assignment")
			asJSON := fs.Bool("json", false, "print the report as JSON")
			if help, err := parseFlags(fs, args); help || err != nil {
				return err
			}
			var restrict []string
			if *labels != "" {
				restrict = strings.Split(*labels, ",")
			}
			report := func(r *topic.CVReport) error {
				if *asJSON {
					return json.NewEncoder(e.stdout).Encode(r)
				}
				_, err := r.WriteTo(e.stdout)
				return err
			}
			switch {
			case *reuters != "":
				return convertReuters(e, *reuters, *split, *top10)
			case *modelPath != "" && *data != "":
				m, err := topic.LoadFile(*modelPath)
				if err != nil {
					return err
				}
				ex, err := readExamples(ctx, e, []string{*data}, 10<<20)
				if err != nil {
					return err
				}
				sc := &topic.Scorer{Restrict: restrict}
				for _, x := range ex {
					sc.Add(x.Labels, selected(m, x.Text))
				}
				return report(sc.Report())
			case *later != 0 && *data != "":
				if !(*later > 0 && *later < 1) {
					return fmt.Errorf("--later %v: want a fraction between 0 and 1", *later)
				}
				var a topic.Algorithm
				if err := a.UnmarshalText([]byte(*algo)); err != nil {
					return err
				}
				ex, err := readExamples(ctx, e, []string{*data}, 10<<20)
				if err != nil {
					return err
				}
				cut := int(float64(len(ex)) * (1 - *later))
				if cut < 1 || cut >= len(ex) {
					return fmt.Errorf("--later %v leaves no training or no scored lines of %d", *later, len(ex))
				}
				start := time.Now()
				m, err := topic.Train(ctx, ex[:cut], topic.WithAlgorithm(a), topic.WithSeed(*seed))
				if err != nil {
					return err
				}
				sc := &topic.Scorer{Restrict: restrict}
				for _, x := range ex[cut:] {
					sc.Add(x.Labels, selected(m, x.Text))
				}
				fmt.Fprintf(e.stderr, "trained %s on the first %d lines in %v, scored the last %d\n", a, cut, time.Since(start).Round(time.Millisecond), len(ex)-cut)
				return report(sc.Report())
			case *nyt != "" && *halves > 0:
				var a topic.Algorithm
				if err := a.UnmarshalText([]byte(*algo)); err != nil {
					return err
				}
				return nytHalves(ctx, e, *nyt, *halves, a)
			case *nyt != "" && *cv > 1:
				return cvForeign(ctx, e, *nyt, *shared, *cv, *seed, report)
			case *sotu != "" && *cv > 1:
				return cvTaxonomy(ctx, e, *sotu, *shared, *cv, *seed, report)
			case *cv > 1 && *data != "":
				var a topic.Algorithm
				if err := a.UnmarshalText([]byte(*algo)); err != nil {
					return err
				}
				ex, err := readExamples(ctx, e, []string{*data}, 10<<20)
				if err != nil {
					return err
				}
				start := time.Now()
				r, err := topic.CrossValidate(ctx, ex, *cv, restrict, topic.WithAlgorithm(a), topic.WithSeed(*seed))
				if err != nil {
					return err
				}
				fmt.Fprintf(e.stderr, "%d-fold cross-validation of %s on %d documents in %v\n", *cv, a, len(ex), time.Since(start).Round(time.Millisecond))
				return report(r)
			case *nyt != "":
				docs, err := readNYTFile(*nyt)
				if err != nil {
					return err
				}
				b, err := builtin.New()
				if err != nil {
					return err
				}
				views := []bool{false, true}
				switch {
				case *subject || *input == "subject":
					views = []bool{true}
				case *input == "headline":
					views = []bool{false}
				case *input != "both":
					return fmt.Errorf("--input %q: want headline, subject or both", *input)
				}
				if *taxonomy {
					return evalTaxonomy(e, b, docs, views, report)
				}
				for vi, withSubject := range views {
					foreign, codes := &topic.Scorer{Restrict: []string{"foreign"}}, &topic.Scorer{Restrict: []string{"16", "18", "19"}}
					for _, d := range docs {
						dec, err := b.DecideDocument(text.Parse(corpus.NYTInput(&d, withSubject)))
						fa := dec.Foreign
						if err != nil {
							return err
						}
						addForeign(foreign, codes, d.Code, fa)
					}
					name := viewName(withSubject)
					if vi > 0 {
						fmt.Fprintln(e.stdout)
					}
					fmt.Fprintf(e.stdout, "%s: foreign affairs (CAP 16, 18 or 19) vs other:\n", name)
					if err := report(foreign.Report()); err != nil {
						return err
					}
					fmt.Fprintf(e.stdout, "\nper CAP code (%s):\n", name)
					if err := report(codes.Report()); err != nil {
						return err
					}
				}
				return nil
			case *ag != "":
				f, err := os.Open(*ag)
				if err != nil {
					return err
				}
				docs, err := corpus.ReadAGNews(bufio.NewReader(f))
				f.Close()
				if err != nil {
					return err
				}
				b, err := builtin.New()
				if err != nil {
					return err
				}
				sc := &topic.Scorer{Restrict: []string{"foreign"}}
				for _, d := range docs {
					fa, err := b.ForeignAffairsDocument(text.Parse(d.Title + ". " + d.Description))
					if err != nil {
						return err
					}
					var gold, pred []string
					if d.Class == 1 {
						gold = []string{"foreign"}
					}
					if fa.Foreign {
						pred = []string{"foreign"}
					}
					sc.Add(gold, pred)
				}
				return report(sc.Report())
			}
			fs.Usage()
			return errUsage
		},
	}
	return c
}

// cvForeign cross-validates the built-in foreign-affairs model on the
// coded NYT headlines of nytPath.
func cvForeign(ctx context.Context, e *env, nytPath, shared string, k int, seed uint64, report func(*topic.CVReport) error) error {
	if shared == "" {
		abs, err := filepath.Abs(nytPath)
		if err != nil {
			return err
		}
		shared = filepath.Dir(filepath.Dir(abs))
	}
	fs, err := corpus.LoadForeignSet(nytPath, shared)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "training data: %s\n", fs.Summary)
	start := time.Now()
	var foreign, codes, modelCodes [5]*topic.Scorer
	for v := range 5 {
		modelCodes[v] = &topic.Scorer{Restrict: []string{"16", "18", "19"}}
		foreign[v] = &topic.Scorer{Restrict: []string{"foreign"}}
		codes[v] = &topic.Scorer{Restrict: []string{"16", "18", "19"}}
	}
	err = topic.CrossValidateModels(ctx, fs.Examples, k, func(m *topic.Model, held []int) error {
		b, err := builtin.New(builtin.WithForeignModel(m))
		if err != nil {
			return err
		}
		for _, i := range held {
			v := fs.Views[i]
			if v == 2 {
				continue // the subject alone is a training view only
			}
			dec, err := b.DecideDocument(text.Parse(fs.Examples[i].Text))
			if err != nil {
				return err
			}
			code := 0
			if v < 2 {
				code = fs.NYT[fs.Docs[i]].Code
			} else {
				code = fs.SOTU[fs.Docs[i]].Major
			}
			addForeign(foreign[v], codes[v], code, dec.Foreign)
			fa, err := b.ForeignAffairsDocument(text.Parse(fs.Examples[i].Text))
			if err != nil {
				return err
			}
			addForeign(&topic.Scorer{}, modelCodes[v], code, fa)
		}
		return nil
	}, fs.TrainOptions(topic.WithSeed(seed))...)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "%d-fold cross-validation in %v\n", k, time.Since(start).Round(time.Millisecond))
	for v, name := range []string{viewName(false), viewName(true), "", "SOTU sentence with its neighbours", "SOTU sentence alone"} {
		if v == 2 || foreign[v].Report().Documents == 0 {
			continue
		}
		fmt.Fprintf(e.stdout, "%d-fold cross-validation, %s: foreign affairs (CAP 16, 18 or 19) vs other:\n", k, name)
		if err := report(foreign[v].Report()); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "\nper CAP code (%s), reconciled with the topics as Decide and analyze give it:\n", name)
		if err := report(codes[v].Report()); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "\nper CAP code (%s), the foreign-affairs model's own code (ForeignAffairs):\n", name)
		if err := report(modelCodes[v].Report()); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout)
	}
	return nil
}

// cvTaxonomy cross-validates the built-in taxonomy model by whole speech
// on the coded State of the Union sentences of sotuPath.
func cvTaxonomy(ctx context.Context, e *env, sotuPath, shared string, k int, seed uint64, report func(*topic.CVReport) error) error {
	if shared == "" {
		abs, err := filepath.Abs(sotuPath)
		if err != nil {
			return err
		}
		shared = filepath.Dir(filepath.Dir(abs))
	}
	ts, err := corpus.LoadTaxonomySet(shared)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "training data: %s\n", ts.Summary)
	start := time.Now()
	var six []string
	for _, c := range corpus.SOTUCodes {
		six = append(six, fmt.Sprint(c.Sub))
	}
	var decided []string
	for _, t := range topic.Taxonomy() {
		if corpus.CAPGoldCodes(t.ID) != nil {
			decided = append(decided, t.ID)
		}
	}
	// the third mode scores a sentence in its context as the mean of the
	// calibrated scores of the sentence alone and of its window, against
	// the label's tuned threshold; the fourth does so with two sentences
	// of the speech either side (the passages of topic.WithPassages(2)
	// with topic.WithSentenceWeight(0.5) and topic.WithExactWindows,
	// the built-in default)
	modes := []string{"sentence alone", "sentence with its neighbours", "sentence and its neighbours, mean score",
		"sentence and two sentences of its speech either side, mean score"}
	const nModes = 4
	var codes, topics [nModes]*topic.Scorer
	type bin struct {
		n, pos int
		sum    float64
	}
	var rel [nModes][10]bin
	for v := range nModes {
		codes[v] = &topic.Scorer{Restrict: six}
		topics[v] = &topic.Scorer{Restrict: decided}
	}
	err = topic.CrossValidateModels(ctx, ts.Examples, k, func(m *topic.Model, held []int) error {
		b, err := builtin.New(builtin.WithTaxonomyModel(m), builtin.WithMaxTopics(0))
		if err != nil {
			return err
		}
		for _, i := range held {
			if ts.View[i] != 0 {
				continue // one count per sentence
			}
			x := &ts.SOTU[ts.Index[i]]
			_, gold := corpus.CAPGold(x.Major, x.Sub)
			var goldCode []string
			for _, c := range corpus.SOTUCodes {
				if c.Sub == x.Sub {
					goldCode = []string{fmt.Sprint(c.Sub)}
				}
			}
			var both [2][]topic.Prediction
			for v, in := range []string{x.Text, x.Window(), "", corpus.SOTUWindow(ts.SOTU, ts.Index[i], 2)} {
				var got []topic.Topic
				var preds []topic.Prediction
				switch v {
				case 0, 1:
					d := text.Parse(in)
					if v == 0 {
						if got, err = b.ClassifyDocument(d); err != nil {
							return err
						}
					}
					// scores of every decided topic, for the reliability
					// table; with neighbours the window is one passage
					preds = m.PredictDocument(d)
					both[v] = preds
				case 2:
					preds = meanPredictions(m, both[0], both[1])
				default:
					preds = meanPredictions(m, both[0], m.PredictDocument(text.Parse(in)))
				}
				for _, p := range preds {
					if !slices.Contains(decided, p.Label) {
						continue
					}
					score := p.Score
					if v == 0 {
						score = 0
						for _, t := range got {
							if t.ID == p.Label {
								score = t.Score
							}
						}
						if score == 0 {
							continue // not selected: the table is of selected topics
						}
					} else if !p.Selected {
						continue
					} else {
						got = append(got, topic.Topic{ID: p.Label, Score: p.Score})
					}
					bn := &rel[v][min(int(score*10), 9)]
					bn.n++
					bn.sum += score
					if slices.Contains(gold, p.Label) {
						bn.pos++
					}
				}
				var pred, predCode []string
				for _, t := range got {
					pred = append(pred, t.ID)
					for _, c := range corpus.SOTUCodes {
						if c.Topic == t.ID {
							predCode = append(predCode, fmt.Sprint(c.Sub))
						}
					}
				}
				codes[v].Add(goldCode, predCode)
				topics[v].Add(gold, pred)
			}
		}
		return nil
	}, ts.TrainOptions(topic.WithSeed(seed))...)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "%d-fold cross-validation by speech in %v\n", k, time.Since(start).Round(time.Millisecond))
	for v, name := range modes {
		fmt.Fprintf(e.stdout, "%d-fold cross-validation by whole speech, %s: the six CAP subtopics (1605 arms control, 1927 terrorism, 1619 war, 1802 trade, 1901 foreign aid, 1926 international organisations):\n", k, name)
		if err := report(codes[v].Report()); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "\nper taxonomy topic against the CAP codes mapped to it (%s):\n", name)
		if err := report(topics[v].Report()); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "\nreliability of the selected topics' scores (%s): score range, selections, share right, mean score\n", name)
		for i, bn := range rel[v] {
			if bn.n > 0 {
				fmt.Fprintf(e.stdout, "  [%.1f,%.1f)  %5d  %.3f  %.3f\n", float64(i)/10, float64(i+1)/10, bn.n, float64(bn.pos)/float64(bn.n), bn.sum/float64(bn.n))
			}
		}
		fmt.Fprintln(e.stdout)
	}
	return nil
}

// meanPredictions averages the calibrated scores of two predictions of m
// and selects the labels whose mean reaches their tuned threshold.
func meanPredictions(m *topic.Model, a, b []topic.Prediction) []topic.Prediction {
	byLabel := make(map[string]topic.Prediction, len(b))
	for _, p := range b {
		byLabel[p.Label] = p
	}
	out := make([]topic.Prediction, 0, len(a))
	for _, pa := range a {
		pb, ok := byLabel[pa.Label]
		if !ok {
			continue
		}
		p := topic.Prediction{Label: pa.Label, Score: (pa.Score + pb.Score) / 2, Margin: (pa.Margin + pb.Margin) / 2}
		t, _ := m.Threshold(p.Label)
		p.Selected = p.Score >= t
		out = append(out, p)
	}
	return out
}

// evalTaxonomy scores the taxonomy topics of b on CAP-coded headlines:
// per CAP code the taxonomy maps to, and per topic the share of its
// selections whose CAP code is the coder's against its mean score.
func evalTaxonomy(e *env, b *builtin.Builtin, docs []corpus.CAPDoc, views []bool, report func(*topic.CVReport) error) error {
	var covered []string
	capOf := map[string]int{}
	for _, t := range topic.Taxonomy() {
		capOf[t.ID] = t.CAP
		if c := fmt.Sprint(t.CAP); t.CAP != 0 && !contains(covered, c) {
			covered = append(covered, c)
		}
	}
	for vi, withSubject := range views {
		codes := &topic.Scorer{Restrict: covered}
		type tally struct {
			n, hit, fam int
			score       float64
		}
		per := map[string]*tally{}
		var bins [5]tally // selected topics by score: [0,.2) ... [.8,1]
		for _, d := range docs {
			ts, err := b.ClassifyDocument(text.Parse(corpus.NYTInput(&d, withSubject)))
			if err != nil {
				return err
			}
			var pred []string
			for _, t := range ts {
				c := fmt.Sprint(t.CAP)
				if !contains(pred, c) {
					pred = append(pred, c)
				}
				tl := per[t.ID]
				if tl == nil {
					tl = &tally{}
					per[t.ID] = tl
				}
				bin := &bins[min(int(t.Score*5), 4)]
				for _, x := range []*tally{tl, bin} {
					x.n++
					x.score += t.Score
					if t.CAP == d.Code {
						x.hit++
					}
					if t.CAP == d.Code || corpus.ForeignCode(t.CAP) && corpus.ForeignCode(d.Code) {
						x.fam++
					}
				}
			}
			codes.Add([]string{fmt.Sprint(d.Code)}, pred)
		}
		name := viewName(withSubject)
		if vi > 0 {
			fmt.Fprintln(e.stdout)
		}
		fmt.Fprintf(e.stdout, "%s: CAP codes of the selected taxonomy topics vs the coder's code:\n", name)
		if err := report(codes.Report()); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "\nper topic (%s): selections, share with the coder's CAP code, the same or both foreign (16, 18, 19), mean score\n", name)
		ids := make([]string, 0, len(per))
		for id := range per {
			ids = append(ids, id)
		}
		slices.SortFunc(ids, func(a, b string) int { return per[b].n - per[a].n })
		var all tally
		for _, id := range ids {
			t := per[id]
			all.n += t.n
			all.hit += t.hit
			all.fam += t.fam
			all.score += t.score
			fmt.Fprintf(e.stdout, "  %-28s CAP %2d  %5d  %.3f  %.3f  %.3f\n", id, capOf[id], t.n, float64(t.hit)/float64(t.n), float64(t.fam)/float64(t.n), t.score/float64(t.n))
		}
		if all.n > 0 {
			fmt.Fprintf(e.stdout, "  %-28s         %5d  %.3f  %.3f  %.3f\n", "all", all.n, float64(all.hit)/float64(all.n), float64(all.fam)/float64(all.n), all.score/float64(all.n))
		}
		fmt.Fprintf(e.stdout, "\nselections by score (%s): range, selections, share with the coder's CAP code, the same or both foreign, mean score\n", name)
		for i, t := range bins {
			if t.n > 0 {
				fmt.Fprintf(e.stdout, "  [%.1f,%.1f)  %5d  %.3f  %.3f  %.3f\n", float64(i)/5, float64(i+1)/5, t.n, float64(t.hit)/float64(t.n), float64(t.fam)/float64(t.n), t.score/float64(t.n))
			}
		}
	}
	return nil
}

// nytHalves trains a model with algorithm a on a random half of the coded
// headlines of path and scores its foreign-affairs decisions on the other
// half, for n random splits, on both inputs.
func nytHalves(ctx context.Context, e *env, path string, n int, a topic.Algorithm) error {
	docs, err := readNYTFile(path)
	if err != nil {
		return err
	}
	if len(docs) < 4 {
		return fmt.Errorf("--halves: %d coded headlines are too few to halve", len(docs))
	}
	for _, withSubject := range []bool{false, true} {
		var sum float64
		var each []string
		for s := range n {
			perm := rand.New(rand.NewPCG(uint64(s+1), 7)).Perm(len(docs))
			half := len(docs) / 2
			var ex []topic.Example
			for _, i := range perm[:half] {
				var ls []string
				if corpus.ForeignCode(docs[i].Code) {
					ls = []string{"foreign"}
				}
				ex = append(ex, topic.Example{Text: corpus.NYTInput(&docs[i], withSubject), Labels: ls})
			}
			m, err := topic.Train(ctx, ex, topic.WithAlgorithm(a), topic.WithSeed(uint64(s+1)))
			if err != nil {
				return err
			}
			sc := &topic.Scorer{Restrict: []string{"foreign"}}
			for _, i := range perm[half:] {
				var gold []string
				if corpus.ForeignCode(docs[i].Code) {
					gold = []string{"foreign"}
				}
				sc.Add(gold, selected(m, corpus.NYTInput(&docs[i], withSubject)))
			}
			f1 := sc.Report().MicroF1
			sum += f1
			each = append(each, fmt.Sprintf("%.3f", f1))
		}
		fmt.Fprintf(e.stdout, "%s, %s trained on a random half, scored on the other: mean F1 %.3f over %d splits (%s)\n",
			viewName(withSubject), a, sum/float64(n), n, strings.Join(each, " "))
	}
	return nil
}

// readNYTFile reads the coded headlines of an RTextTools NYTimes.csv.
func readNYTFile(path string) ([]corpus.CAPDoc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return corpus.ReadNYT(bufio.NewReader(f))
}

// viewName names the input of a coded headline.
func viewName(withSubject bool) string {
	if withSubject {
		return "headline + subject"
	}
	return "headline only"
}

// selected returns the labels m selects for s.
func selected(m *topic.Model, s string) []string {
	var pred []string
	for _, p := range m.Predict(s) {
		if p.Selected {
			pred = append(pred, p.Label)
		}
	}
	return pred
}

// addForeign scores one foreign-affairs decision against a CAP code.
func addForeign(foreign, codes *topic.Scorer, code int, fa builtin.Foreign) {
	var gold, pred, goldCode, predCode []string
	if corpus.ForeignCode(code) {
		gold = []string{"foreign"}
		goldCode = []string{fmt.Sprint(code)}
	}
	if fa.Foreign {
		pred = []string{"foreign"}
		predCode = []string{fmt.Sprint(fa.CAP)}
	}
	foreign.Add(gold, pred)
	codes.Add(goldCode, predCode)
}

func convertReuters(e *env, dir, split string, top10 bool) error {
	docs, err := corpus.ReadReutersDir(dir)
	if err != nil {
		return err
	}
	top := corpus.Top10()
	w := bufio.NewWriter(e.stdout)
	enc := json.NewEncoder(w)
	n := 0
	for i := range docs {
		d := &docs[i]
		ok := d.ModApteTrain()
		if split == "test" {
			ok = d.ModApteTest()
		}
		if !ok {
			continue
		}
		labels := []string{}
		for _, l := range d.Labels {
			if !top10 || contains(top, l) {
				labels = append(labels, l)
			}
		}
		rec := struct {
			ID     string   `json:"id"`
			Text   string   `json:"text"`
			Labels []string `json:"labels"`
		}{fmt.Sprint(d.ID), d.Text(), labels}
		if err := enc.Encode(&rec); err != nil {
			return err
		}
		n++
	}
	if err := w.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "wrote %d ModApte %s documents\n", n, split)
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

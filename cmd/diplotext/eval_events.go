package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/diplotext/diplotext/entity"
	"github.com/diplotext/diplotext/entity/statistical"
	"github.com/diplotext/diplotext/event"
	eval "github.com/diplotext/diplotext/internal/eval/event"
)

const evalEventsUsage = `Usage: diplotext eval events [--folds K] [--seed N] [--no-cv] [--min-scores] [--target-errors] [--actors none|tagger] [--phrases] [--json] PATH...

Scores the event extractor on coded sentences in the shared CAMEO formats:
  - "sentence<TAB>class" lines, classes 0 statement/appeal (CAMEO 01-02),
    1 verbal cooperation (03-05), 2 material cooperation (06-08), 3 verbal
    conflict (09-13, 16), 4 material conflict (14-15, 17-20): five-class
    macro-F1 of each sentence's main event (none counts as statement), the
    Spearman correlation of its Goldstein value with the class order
    (material conflict < verbal conflict < statement < verbal cooperation <
    material cooperation), and sign accuracy on cooperative and
    conflictual sentences;
  - "token tag" lines (BIO tags with S source, T target, R reciprocal),
    sentences separated by blank lines: exact-span F1 of the source, target
    and reciprocal actors found without given actors.
A PATH that is a folder means its cameo_class_train.tsv and
cameo_actors_train.txt.

By default all files are pooled and scored by K-fold cross-validation
(K=5), the folds grouped by sentence so that a sentence coded in both files
is never both trained and tested on; --no-cv scores the embedded model
instead, which was trained on the shared set (a training-set fit there).
Events are scored without a minimum score; --min-scores adds the class
figures when the events below each of several minimum scores are dropped
(how the default minimum score of package event was chosen).
--actors tagger scores the actor spans the way the analyze command finds
them: the default entity tagger's mentions of each sentence are passed as
candidate actors, and the chosen mention is the span (with --phrases, the
spans are the extractor's own actor phrases, each taking its country from
the mentions: the analyze command's default); it also
prints the actor-country rate: of the coded source and target spans that
hold a mention with a country, the share whose event actor has it.
--target-errors also prints each actor-coded sentence whose target is not
exact, with its kind of error (boundary, other span, none, spurious) and
its trigger; --seed N trains the cross-validation with another shuffling
seed, to see how much a figure moves by chance.

Example:
  diplotext eval events ../shared/data/cameo-events`

// evalEventsCommand returns the eval events command.
func evalEventsCommand() command {
	var c command
	c = command{
		name:    "eval events",
		summary: "measure events: class macro-F1, Goldstein Spearman, sign accuracy, actor span F1",
		usage:   evalEventsUsage,
		run: func(ctx context.Context, e *env, args []string) error {
			fs := newFlagSet(c, e)
			folds := fs.Int("folds", 5, "number of cross-validation folds")
			noCV := fs.Bool("no-cv", false, "score the embedded model without cross-validation")
			asJSON := fs.Bool("json", false, "print the report as one JSON object")
			actors := fs.String("actors", "none", "candidate actors of the span scores: none, or tagger (the entity tagger's mentions)")
			phrases := fs.Bool("phrases", false, "actor spans are the extractor's own phrases, with countries from the given actors (event.WithActorPhrases)")
			seed := fs.Uint64("seed", 0, "shuffling seed of the cross-validation's training (0: the embedded model's, 1); other seeds show how much a figure moves by chance")
			dump := fs.Bool("target-errors", false, "also print each actor-coded sentence whose target is not exact, by kind of error")
			sweep := fs.Bool("min-scores", false, "also print the class figures when events below each of several minimum scores are dropped")
			if help, err := parseFlags(fs, args); help || err != nil {
				return err
			}
			if fs.NArg() == 0 {
				fs.Usage()
				return errUsage
			}
			if !*noCV && *folds < 2 {
				return fmt.Errorf("--folds %d: want at least 2: %w", *folds, errUsage)
			}
			var opts []eval.RunOption
			switch *actors {
			case "none":
			case "tagger":
				rec, err := statistical.New()
				if err != nil {
					return fmt.Errorf("entity recogniser: %w", err)
				}
				tg, err := entity.NewTagger(rec)
				if err != nil {
					return fmt.Errorf("entity tagger: %w", err)
				}
				opts = append(opts, eval.WithActors(taggerActors(tg), *phrases))
			default:
				return fmt.Errorf("--actors %q: want none or tagger: %w", *actors, errUsage)
			}
			var ex []event.Example
			var cfg *event.TrainConfig
			for _, p := range fs.Args() {
				if err := ctx.Err(); err != nil {
					return err
				}
				var got []event.Example
				var err error
				if isDir(p) {
					got, err = eval.LoadShared(filepath.Clean(p))
					if err == nil && cfg == nil {
						cfg, err = eval.Config(p)
					}
				} else {
					got, err = eval.ReadFile(p)
				}
				if err != nil {
					return err
				}
				ex = append(ex, got...)
			}
			var r eval.Report
			var err error
			if *noCV {
				m, err2 := event.DefaultModel()
				if err2 != nil {
					return err2
				}
				o := eval.Options(m)
				if *phrases {
					o = append(o, event.WithActorPhrases())
				}
				x, err2 := event.New(o...)
				if err2 != nil {
					return err2
				}
				r, err = eval.Score(x, ex, opts...)
			} else {
				if *seed != 0 {
					if cfg == nil {
						cfg = &event.TrainConfig{}
					}
					cfg.Seed = *seed
				}
				r, err = eval.CrossValidate(ex, *folds, cfg, opts...)
			}
			if err != nil {
				return err
			}
			if *asJSON {
				return json.NewEncoder(e.stdout).Encode(r)
			}
			mode := "embedded model (no cross-validation)"
			if r.Folds > 0 {
				mode = fmt.Sprintf("%d-fold cross-validation grouped by sentence", r.Folds)
			}
			fmt.Fprintf(e.stdout, "%s\n", mode)
			if r.Sentences > 0 {
				fmt.Fprintf(e.stdout, "classes\tn=%d\tmacro-F1=%.3f\taccuracy=%.3f\tF1 stmt/vcoop/mcoop/vconf/mconf=%.3f/%.3f/%.3f/%.3f/%.3f\n",
					r.Sentences, r.MacroF1, r.Accuracy, r.ClassF1[0], r.ClassF1[1], r.ClassF1[2], r.ClassF1[3], r.ClassF1[4])
				fmt.Fprintf(e.stdout, "goldstein\tspearman=%.3f\tsign-accuracy=%.3f (n=%d)\n", r.Spearman, r.SignAccuracy, r.SignSentences)
				if *sweep {
					for _, row := range eval.SweepMinScores(r, []float64{0, 0.1, 0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7}) {
						fmt.Fprintf(e.stdout, "min-score %.2f\tmacro-F1=%.3f\tspearman=%.3f\tsign-accuracy=%.3f\tkept=%.3f\n", row.MinScore, row.MacroF1, row.Spearman, row.SignAccuracy, row.Kept)
					}
				}
			}
			if r.SpanSentences > 0 {
				fmt.Fprintf(e.stdout, "actors\tn=%d\tsource P/R/F1=%.3f/%.3f/%.3f\ttarget P/R/F1=%.3f/%.3f/%.3f\treciprocal P/R/F1=%.3f/%.3f/%.3f\n",
					r.SpanSentences, r.Source.P, r.Source.R, r.Source.F1, r.Target.P, r.Target.R, r.Target.F1, r.Reciprocal.P, r.Reciprocal.R, r.Reciprocal.F1)
				fmt.Fprintf(e.stdout, "actors-overlap\tsource F1=%.3f\ttarget F1=%.3f\n", r.SourceOverlap.F1, r.TargetOverlap.F1)
				for _, k := range eval.TargetKinds {
					if n := r.TargetErrors[k]; n > 0 {
						fmt.Fprintf(e.stdout, "target-outcome\t%s\t%d\n", k, n)
					}
				}
				if *dump {
					for _, d := range r.TargetDump {
						fmt.Fprintf(e.stdout, "target-error\t%s\n", d)
					}
				}
				if r.CountryActors > 0 {
					fmt.Fprintf(e.stdout, "actor-countries\tfound=%.3f (%d of %d coded actors holding a mention with a country)\n", r.CountryRate, r.CountryFound, r.CountryActors)
					if r.CountryOverlapped > 0 {
						fmt.Fprintf(e.stdout, "actor-countries\tright=%.3f of the %d with an event actor on the span\n", float64(r.CountryFound)/float64(r.CountryOverlapped), r.CountryOverlapped)
					}
					types := make([]string, 0, len(r.CountryByType))
					for t := range r.CountryByType {
						types = append(types, t)
					}
					sort.Strings(types)
					for _, t := range types {
						c := r.CountryByType[t]
						fmt.Fprintf(e.stdout, "actor-countries\t%s\tactors=%d\twith an event actor=%d\tright country=%d\n", t, c[0], c[1], c[2])
					}
					for _, m := range r.CountryMisses {
						fmt.Fprintf(e.stdout, "country-miss\t%s\n", m)
					}
				}
				fmt.Fprintf(e.stdout, "actors-given\tsource F1=%.3f\ttarget F1=%.3f\t(gold source and target spans passed as candidate actors)\n", r.GivenSource.F1, r.GivenTarget.F1)
			}
			return nil
		},
	}
	return c
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// taggerActors returns the candidate actors of a sentence from the entity
// tagger, as the analyze command passes them.
func taggerActors(tg *entity.Tagger) eval.ActorFunc {
	return func(s string) ([]event.Actor, error) {
		ents, err := tg.Tag(s)
		if err != nil {
			return nil, err
		}
		out := make([]event.Actor, len(ents))
		for i, e := range ents {
			out[i] = event.Actor{Start: e.Start, End: e.End, Country: e.Country, Type: e.Type.String()}
		}
		return out, nil
	}
}

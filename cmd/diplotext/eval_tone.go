package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	toneeval "github.com/diplotext/diplotext/internal/eval/tone"
	"github.com/diplotext/diplotext/tone"
)

const evalToneUsage = `Usage: diplotext eval tone [--rules-only] [--json] FILE...

Scores the tone labeler on labelled files:
  - a file of lines "id<TAB>rating<TAB>text" (the VADER ground-truth
    format; ratings -4..+4): Pearson and Spearman correlation between the
    document score and the rating;
  - a .jsonl/.json file in NewsMTSC format ({"sentence_normalized",
    "targets": [{"from","to","polarity"}]}, character offsets, polarity
    2=negative 4=neutral 6=positive): 3-class macro-F1 of the tone toward
    each target, and the Pearson and Spearman correlation of each distinct
    sentence's document score with the mean polarity of its targets (a
    sentence-level polarity proxy for news);
  - a .csv file in PerSenT format (TARGET_ENTITY, DOCUMENT, TRUE_SENTIMENT,
    Paragraph0..15): 3-class macro-F1 of the tone toward the article's
    main person (its name and surname matched in the text, the pronouns
    that refer to it resolved by the labeler), per article and per
    labelled paragraph (a paragraph is a line of the document).

The embedded weights were trained on the shared rated sets and on
NewsMTSC's train split: figures on those files are training-set fits;
cross-validated figures are in docs/tone.md.

Example:
  diplotext eval tone ../shared/data/vader-groundtruth/tweets_GroundTruth.txt
  diplotext eval tone ../shared/data/newsmtsc/train.jsonl
  diplotext eval tone ../shared/data/persent/dev.csv`

// evalToneCommand returns the "eval tone" command.
func evalToneCommand() command {
	var c command
	c = command{
		name:    "eval tone",
		summary: "measure tone: correlation with rated sentences, macro-F1 of targeted and article-level tone",
		usage:   evalToneUsage,
		run: func(ctx context.Context, e *env, args []string) error {
			fs := newFlagSet(c, e)
			rules := fs.Bool("rules-only", false, "use lexicons and rules without the learned weights")
			asJSON := fs.Bool("json", false, "print one JSON object per file")
			if help, err := parseFlags(fs, args); help || err != nil {
				return err
			}
			if fs.NArg() == 0 {
				fs.Usage()
				return errUsage
			}
			var opts []tone.Option
			if *rules {
				opts = append(opts, tone.WithoutLearnedWeights())
			}
			l, err := tone.NewLabeler(opts...)
			if err != nil {
				return err
			}
			for _, path := range fs.Args() {
				if err := ctx.Err(); err != nil {
					return err
				}
				if err := evalToneFile(e, l, path, *asJSON); err != nil {
					return err
				}
			}
			return nil
		},
	}
	return c
}

func evalToneFile(e *env, l *tone.Labeler, path string, asJSON bool) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	ext := strings.ToLower(filepath.Ext(path))
	if ext == ".csv" {
		s, err := toneeval.PerSenT(l, f)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		if asJSON {
			return json.NewEncoder(e.stdout).Encode(struct {
				File string `json:"file"`
				toneeval.DocScore
			}{path, s})
		}
		fmt.Fprintf(e.stdout, "%s\tarticles=%d\tmacro-F1=%.3f\taccuracy=%.3f\tF1 neg/neu/pos=%.3f/%.3f/%.3f\tparagraphs=%d\tparagraph-macro-F1=%.3f\n",
			path, s.N, s.MacroF1, s.Accuracy, s.F1[0], s.F1[1], s.F1[2], s.Paragraphs.N, s.Paragraphs.MacroF1)
		return nil
	}
	if ext == ".jsonl" || ext == ".json" || ext == ".ndjson" {
		s, err := toneeval.Targets(l, f)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		if asJSON {
			return json.NewEncoder(e.stdout).Encode(struct {
				File string `json:"file"`
				toneeval.TargetScore
			}{path, s})
		}
		fmt.Fprintf(e.stdout, "%s\ttargets=%d\tmacro-F1=%.3f\taccuracy=%.3f\tF1 neg/neu/pos=%.3f/%.3f/%.3f\tsentences=%d\tsentence-pearson=%.3f\tsentence-spearman=%.3f\n",
			path, s.N, s.MacroF1, s.Accuracy, s.F1[0], s.F1[1], s.F1[2], s.Sentence.N, s.Sentence.Pearson, s.Sentence.Spearman)
		return nil
	}
	s, err := toneeval.Rated(l, f)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if asJSON {
		return json.NewEncoder(e.stdout).Encode(struct {
			File string `json:"file"`
			toneeval.RatedScore
		}{path, s})
	}
	fmt.Fprintf(e.stdout, "%s\tn=%d\tpearson=%.3f\tspearman=%.3f\n", path, s.N, s.Pearson, s.Spearman)
	return nil
}

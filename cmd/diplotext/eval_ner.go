package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/diplotext/diplotext/entity"
	"github.com/diplotext/diplotext/entity/proserec"
	"github.com/diplotext/diplotext/entity/statistical"
	entityeval "github.com/diplotext/diplotext/internal/eval/entity"
)

const evalNERUsage = `Usage: diplotext eval ner --conll FILE [--recognizer default|prose] [--no-gazetteer] [--sentences] [--json]

Tags the sentences of a CoNLL-2003 file (token first, IOB tag last,
-DOCSTART- between documents) with the entity tagger and prints precision,
recall and F1 per class and overall, by exact span match. Entity types map
to CoNLL classes: PERSON→PER; COUNTRY, CITY, LOCATION→LOC; ORG→ORG;
NORP, MISC→MISC. Each document is tagged as one text; with --sentences
every sentence is tagged alone, as headlines and single sentences are.

Example:
  diplotext eval ner --conll ../shared/data/conll2003/eng.testa
  diplotext eval ner --conll ../shared/data/conll2003/eng.testa --sentences
  diplotext eval ner --conll ../shared/data/conll2003/eng.testa --recognizer prose`

func init() {
	var c command
	c = command{
		name:    "eval ner",
		summary: "measure entity tagging on a CoNLL-2003 file (P/R/F1 per type)",
		usage:   evalNERUsage,
		run: func(ctx context.Context, e *env, args []string) error {
			fs := newFlagSet(c, e)
			path := fs.String("conll", "", "CoNLL-2003 file to score")
			rec := fs.String("recognizer", "default", "recogniser: default (built-in statistical model) or prose")
			noGaz := fs.Bool("no-gazetteer", false, "do not add gazetteer matches the recogniser missed")
			asJSON := fs.Bool("json", false, "print the scores as JSON")
			alone := fs.Bool("sentences", false, "tag every sentence as a text of its own")
			if help, err := parseFlags(fs, args); help || err != nil {
				return err
			}
			if *path == "" || fs.NArg() > 0 {
				fs.Usage()
				return errUsage
			}
			opts := []entity.Option{entity.WithGazetteerMatches(!*noGaz)}
			var r entity.Recognizer
			switch *rec {
			case "default":
				var err error
				if r, err = statistical.New(); err != nil {
					return err
				}
			case "prose":
				r = proserec.New()
			default:
				fmt.Fprintf(e.stderr, "diplotext eval ner: unknown recognizer %q\n", *rec)
				return errUsage
			}
			t, err := entity.NewTagger(r, opts...)
			if err != nil {
				return err
			}
			f, err := os.Open(*path)
			if err != nil {
				return err
			}
			defer f.Close()
			eval := entityeval.EvalCoNLL
			if *alone {
				eval = entityeval.EvalCoNLLSentences
			}
			s, err := eval(t, f)
			if err != nil {
				return fmt.Errorf("%s: %w", *path, err)
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			if *asJSON {
				type prf struct {
					Precision float64 `json:"precision"`
					Recall    float64 `json:"recall"`
					F1        float64 `json:"f1"`
				}
				out := map[string]prf{}
				for _, typ := range []string{"PER", "ORG", "LOC", "MISC", ""} {
					p, r, f1 := s.PRF(typ)
					name := typ
					if name == "" {
						name = "overall"
					}
					out[name] = prf{p, r, f1}
				}
				return json.NewEncoder(e.stdout).Encode(out)
			}
			_, err = s.WriteTo(e.stdout)
			return err
		},
	}
	register(c)
}

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"github.com/diplotext/diplotext"
	"os"

	"github.com/diplotext/diplotext/entity"
	"github.com/diplotext/diplotext/entity/statistical"
	entityeval "github.com/diplotext/diplotext/internal/eval/entity"
)

const evalNERUsage = `Usage: diplotext eval ner --conll FILE [--input text|tokens] [--recognizer default|prose] [--no-gazetteer] [--sentences] [--json]

Tags the sentences of a CoNLL-2003 file (token first, IOB tag last,
-DOCSTART- between documents) with the entity tagger and prints precision,
recall and F1 per class and overall, by exact span match. Entity types map
to CoNLL classes: PERSON→PER; COUNTRY, CITY, LOCATION→LOC; ORG→ORG;
NORP, MISC→MISC. Each document is tagged as one text; with --sentences
every sentence is tagged alone, as headlines and single sentences are.

With --input text (the default) each document goes as raw text (tokens
joined by spaces, sentences by line breaks) through diplotext.Analyze,
as users call it: the library tokenises and splits sentences itself, and
an entity counts for the gold tokens it overlaps. With --input tokens the
tagger is given the file's own tokens and sentences (the gold
segmentation), which scores the tagger alone.

Example:
  diplotext eval ner --conll ../shared/data/conll2003/eng.testa
  diplotext eval ner --conll ../shared/data/conll2003/eng.testa --sentences
  diplotext eval ner --conll ../shared/data/conll2003/eng.testa --input tokens
  diplotext eval ner --conll ../shared/data/conll2003/eng.testa --recognizer prose

--recognizer prose needs a tool built with "go build -tags prose": the
default build does not link prose, whose regular expressions cost every
command's start-up.`

// evalNERCommand returns the "eval ner" command.
func evalNERCommand() command {
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
			input := fs.String("input", "text", "text: raw text through diplotext.Analyze; tokens: the file's own tokens and sentences")
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
				var err error
				if r, err = proseRecognizer(); err != nil {
					return err
				}
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
			var s *entityeval.Scores
			switch *input {
			case "tokens":
				eval := entityeval.EvalCoNLL
				if *alone {
					eval = entityeval.EvalCoNLLSentences
				}
				s, err = eval(t, f)
			case "text":
				tag, aerr := analyzeTag(ctx, t)
				if aerr != nil {
					return aerr
				}
				s, err = entityeval.EvalCoNLLText(tag, f, *alone)
			default:
				fmt.Fprintf(e.stderr, "diplotext eval ner: unknown input %q\n", *input)
				return errUsage
			}
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
	return c
}

// analyzeTag returns a function that tags raw text through
// diplotext.Analyze with tagger t and nothing else, as users call it.
func analyzeTag(ctx context.Context, t *entity.Tagger) (entityeval.TagFunc, error) {
	a, err := diplotext.New(diplotext.WithTagger(t), diplotext.WithoutTopics(), diplotext.WithoutTone(), diplotext.WithoutEvents())
	if err != nil {
		return nil, err
	}
	return func(text string) ([]entity.Entity, error) {
		rep, err := a.Analyze(ctx, diplotext.Input{Text: text})
		if err != nil {
			return nil, err
		}
		ents := make([]entity.Entity, len(rep.Entities))
		for i, e := range rep.Entities {
			ents[i] = e.Entity
		}
		return ents, nil
	}, nil
}

// defaultAnalyzeTag is analyzeTag with the default tagger: the statistical
// recogniser and the built-in gazetteers.
func defaultAnalyzeTag(ctx context.Context) (entityeval.TagFunc, error) {
	rec, err := statistical.New()
	if err != nil {
		return nil, err
	}
	t, err := entity.NewTagger(rec)
	if err != nil {
		return nil, err
	}
	return analyzeTag(ctx, t)
}

const evalCanonicalUsage = `Usage: diplotext eval canonical --conll FILE --aida FILE [--json]

Scores the canonical names of entities against Wikidata-linked mentions
(the AIDA-CoNLL benchmark in the ad-freiburg/elevant JSON Lines format,
whose masked text aligns token for token with the CoNLL-2003 file given
by --conll). Each document goes as raw text through diplotext.Analyze; a
linked mention takes the canonical name of the entity it overlaps (its
own text if none). Over the pairs of linked mentions of each document it
prints pair precision, recall and F1: are two mentions joined (same
canonical name) exactly when they are linked to the same entity?

Example:
  diplotext eval canonical --conll ../shared/data/conll2003/eng.testa --aida ../shared/data/aida-conll/aida-conll-dev.benchmark.jsonl`

// evalCanonicalCommand returns the eval canonical command.
func evalCanonicalCommand() command {
	var c command
	c = command{
		name:    "eval canonical",
		summary: "measure canonical names against Wikidata-linked mentions (pair P/R/F1)",
		usage:   evalCanonicalUsage,
		run: func(ctx context.Context, e *env, args []string) error {
			fs := newFlagSet(c, e)
			conllPath := fs.String("conll", "", "CoNLL-2003 file with the words of the benchmark's documents")
			aidaPath := fs.String("aida", "", "AIDA-CoNLL benchmark (JSON Lines)")
			asJSON := fs.Bool("json", false, "print the scores as JSON")
			if help, err := parseFlags(fs, args); help || err != nil {
				return err
			}
			if *conllPath == "" || *aidaPath == "" || fs.NArg() > 0 {
				fs.Usage()
				return errUsage
			}
			tag, err := defaultAnalyzeTag(ctx)
			if err != nil {
				return err
			}
			cf, err := os.Open(*conllPath)
			if err != nil {
				return err
			}
			defer cf.Close()
			af, err := os.Open(*aidaPath)
			if err != nil {
				return err
			}
			defer af.Close()
			p, err := entityeval.EvalCanonical(tag, cf, af)
			if err != nil {
				return err
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			prec, rec2, f1 := p.PRF()
			if *asJSON {
				return json.NewEncoder(e.stdout).Encode(map[string]any{
					"precision": prec, "recall": rec2, "f1": f1, "documents": p.Documents,
					"mentions": p.Mentions, "found": p.Found, "gold_pairs": p.Gold, "predicted_pairs": p.Predicted, "both_pairs": p.Both,
				})
			}
			_, err = fmt.Fprintf(e.stdout, "documents %d, linked mentions %d (%d overlapped by an entity)\npairs: gold %d, predicted %d, both %d\nprecision %.4f  recall %.4f  F1 %.4f\n",
				p.Documents, p.Mentions, p.Found, p.Gold, p.Predicted, p.Both, prec, rec2, f1)
			return err
		},
	}
	return c
}

const evalPlacesUsage = `Usage: diplotext eval places --lgl FILE [--split even|odd] [--misses] [--json]

Scores the country the entity tagger gives each toponym of the LGL corpus
(local news articles whose toponyms annotators resolved to GeoNames, in
the XML of milangritta/Pragmatic-Guide-to-Geoparsing-Evaluation). Each
article goes as raw text through diplotext.Analyze; a toponym takes the
country of the entity it overlaps. Prints precision (of the toponyms
given a country, the share given the annotated one), recall (of all
toponyms) and F1, and of the toponyms annotated with coordinates the
share whose entity lies within 50 km of the annotated point. --split
scores the articles of even or odd position only (the even ones tuned the
weights choosing between namesakes; the odd ones are held out); --misses
lists the toponyms given no country or a wrong one on stderr.

Example:
  diplotext eval places --lgl ../shared/data/geoparsing/lgl.xml`

// evalPlacesCommand returns the eval places command.
func evalPlacesCommand() command {
	var c command
	c = command{
		name:    "eval places",
		summary: "measure the country of toponyms against resolved local news (P/R/F1)",
		usage:   evalPlacesUsage,
		run: func(ctx context.Context, e *env, args []string) error {
			fs := newFlagSet(c, e)
			path := fs.String("lgl", "", "LGL corpus (XML)")
			asJSON := fs.Bool("json", false, "print the scores as JSON")
			split := fs.String("split", "", "score only the articles of `even` or odd position")
			misses := fs.Bool("misses", false, "list the toponyms given no or a wrong country on stderr")
			if help, err := parseFlags(fs, args); help || err != nil {
				return err
			}
			if *path == "" || fs.NArg() > 0 || *split != "" && *split != "even" && *split != "odd" {
				fs.Usage()
				return errUsage
			}
			tag, err := defaultAnalyzeTag(ctx)
			if err != nil {
				return err
			}
			gazOnly, err := entity.NewTagger(nil)
			if err != nil {
				return err
			}
			f, err := os.Open(*path)
			if err != nil {
				return err
			}
			defer f.Close()
			opt := entityeval.PlacesOptions{Split: *split}
			if *misses {
				opt.Misses = e.stderr
			}
			p, err := entityeval.EvalPlaces(tag, gazOnly.Tag, f, opt)
			if err != nil {
				return fmt.Errorf("%s: %w", *path, err)
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			prec, rec2, f1 := p.PRF()
			if *asJSON {
				return json.NewEncoder(e.stdout).Encode(map[string]any{
					"precision": prec, "recall": rec2, "f1": f1, "articles": p.Articles,
					"toponyms": p.Gold, "found": p.Found, "with_country": p.Predicted, "correct": p.Correct,
					"with_coords": p.Coords, "located": p.Located, "within_50km": p.Within50, "within_50km_share": share(p.Within50, p.Coords),
				})
			}
			_, err = fmt.Fprintf(e.stdout, "articles %d, toponyms %d (%d overlapped by an entity, %d given a country, %d the right one)\nprecision %.4f  recall %.4f  F1 %.4f\ncoordinates: %d toponyms annotated, %d given a point, %d within 50 km: %.4f of the annotated\n",
				p.Articles, p.Gold, p.Found, p.Predicted, p.Correct, prec, rec2, f1, p.Coords, p.Located, p.Within50, share(p.Within50, p.Coords))
			return err
		},
	}
	return c
}

// share returns n/of, or 0 when of is 0.
func share(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return float64(n) / float64(of)
}

package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/diplotext/diplotext"
	"github.com/diplotext/diplotext/text"
	"github.com/diplotext/diplotext/topic"
	"github.com/diplotext/diplotext/topic/builtin"
)

const topicTrainUsage = `Usage: diplotext topic train --out MODEL [--algo logreg|nb] [--folds K] [--cv K] [flags] [FILE ...]

Trains a multi-label classifier on JSON Lines {"text": "...", "labels": ["a", "b"]}
(an optional "weight" scales an example) read from the files or stdin, and
writes it to MODEL (versioned and checksummed; written to a temporary file,
then renamed). Decision thresholds are tuned per label on --folds-fold
cross-validation. --cv K first prints a K-fold cross-validated report
(precision, recall, F1 per label, micro and macro averages) to stderr.

Example:
  diplotext eval topic --reuters ../shared/data/reuters21578 --top10 > reuters-train.jsonl
  diplotext topic train --out reuters.model reuters-train.jsonl`

const topicClassifyUsage = `Usage: diplotext topic classify [--model MODEL] [flags] [FILE ...]

Reads JSON Lines {"id": "a1", "text": "..."} and writes one line per input:

  {"id", "labels": [...], "scores": {label: score}}

"labels" are the labels whose calibrated score reaches their threshold, by
score; "scores" has every label's score. Without --model the built-in
diplomatic taxonomy is used, and each line also has "topics" (with evidence)
and "foreign" (the CAP 16/18/19 foreign-affairs decision).

Example:
  echo '{"id":"1","text":"The Security Council extended sanctions on North Korea."}' |
    diplotext topic classify`

// topicTrainCommand returns the "topic train" command.
func topicTrainCommand() command {
	var train command
	train = command{
		name:    "topic train",
		summary: "train a multi-label topic classifier on JSON Lines {text, labels}",
		usage:   topicTrainUsage,
		run: func(ctx context.Context, e *env, args []string) error {
			fs := newFlagSet(train, e)
			out := fs.String("out", "", "model file to write (required)")
			algo := fs.String("algo", "logreg", "logreg (logistic regression) or nb (naive Bayes)")
			folds := fs.Int("folds", 5, "cross-validation folds for calibration and thresholds")
			cv := fs.Int("cv", 0, "also print a K-fold cross-validated report to stderr")
			cost := fs.Float64("c", 0, "inverse regularisation C of logistic regression (0: per label, the best of 2, 8, 32, 128 by cross-validation)")
			minDF := fs.Int("min-df", 2, "minimum number of documents of a feature")
			minLabels := fs.Int("min-labels", 0, "1: always return the best label")
			var maxBytes int
			positiveIntVar(fs, &maxBytes, "max-bytes", defaultMaxBytes, "maximum `bytes` of one input line (at least 1)")
			if help, err := parseFlags(fs, args); help || err != nil {
				return err
			}
			if *out == "" {
				fmt.Fprintln(e.stderr, "diplotext topic train: --out MODEL is required")
				return errUsage
			}
			var a topic.Algorithm
			if err := a.UnmarshalText([]byte(*algo)); err != nil {
				fmt.Fprintln(e.stderr, "diplotext topic train:", err)
				return errUsage
			}
			ex, err := readExamples(ctx, e, fs.Args(), maxBytes)
			if err != nil {
				return err
			}
			opts := []topic.TrainOption{topic.WithAlgorithm(a), topic.WithFolds(*folds), topic.WithRegularization(*cost),
				topic.WithMinDF(*minDF), topic.WithMinLabels(*minLabels)}
			if e.tty {
				opts = append(opts, topic.WithProgress(func(s string) { fmt.Fprintln(e.stderr, "topic train:", s) }))
			}
			if *cv > 1 {
				start := time.Now()
				r, err := topic.CrossValidate(ctx, ex, *cv, nil, opts...)
				if err != nil {
					return err
				}
				fmt.Fprintf(e.stderr, "%d-fold cross-validation (%v):\n", *cv, time.Since(start).Round(time.Millisecond))
				r.WriteTo(e.stderr)
			}
			start := time.Now()
			m, err := topic.Train(ctx, ex, append(opts, topic.WithMeta("trained", time.Now().UTC().Format(time.RFC3339)))...)
			if err != nil {
				return err
			}
			took := time.Since(start)
			if err := m.SaveFile(*out); err != nil {
				return err
			}
			fmt.Fprintf(e.stderr, "trained %s on %d documents, %d labels, %d features in %v; wrote %s\n",
				m.Algorithm(), len(ex), len(m.Labels()), m.NumFeatures(), took.Round(time.Millisecond), *out)
			return nil
		},
	}
	return train
}

// topicClassifyCommand returns the "topic classify" command.
func topicClassifyCommand() command {
	var classify command
	classify = command{
		name:    "topic classify",
		summary: "classify JSON Lines with a trained model or the built-in taxonomy",
		usage:   topicClassifyUsage,
		run: func(ctx context.Context, e *env, args []string) error {
			fs := newFlagSet(classify, e)
			opts := lineFlags(fs)
			modelPath := fs.String("model", "", "model file written by topic train (default: built-in taxonomy)")
			if help, err := parseFlags(fs, args); help || err != nil {
				return err
			}
			if *modelPath != "" {
				m, err := topic.LoadFile(*modelPath)
				if err != nil {
					return err
				}
				return processLines(ctx, e, fs.Args(), opts, func(ctx context.Context, l *Line) (any, error) {
					if len(l.Text) <= spoolBytes {
						return classifyOut(l.ID, m.Predict(l.Text)), nil
					}
					var w windowedTopics
					err := diplotext.Windows(l.Text, func(d *text.Document, off int) error {
						if err := ctx.Err(); err != nil {
							return err
						}
						w.addPredictions(m.PredictDocument(d))
						return nil
					})
					if err != nil {
						return nil, err
					}
					return classifyOut(l.ID, w.predictions()), nil
				})
			}
			b, err := builtin.New()
			if err != nil {
				return err
			}
			return processLines(ctx, e, fs.Args(), opts, func(ctx context.Context, l *Line) (any, error) {
				var preds []topic.Prediction
				var dec builtin.Decision
				if len(l.Text) <= spoolBytes {
					d := text.Parse(l.Text)
					preds = b.Model().PredictDocument(d)
					var err error
					if dec, err = b.DecideDocument(d); err != nil {
						return nil, err
					}
				} else {
					// a long document in windows, each parsed on its own,
					// as analyze reads it (issue 16.4)
					var w windowedTopics
					err := diplotext.Windows(l.Text, func(d *text.Document, off int) error {
						if err := ctx.Err(); err != nil {
							return err
						}
						dec, err := b.DecideDocument(d)
						if err != nil {
							return err
						}
						w.addPredictions(b.Model().PredictDocument(d))
						w.addDecision(dec, off)
						return nil
					})
					if err != nil {
						return nil, err
					}
					preds, dec = w.predictions(), w.decision()
				}
				var keep []topic.Prediction
				for _, p := range preds {
					if !strings.HasPrefix(p.Label, "@") {
						keep = append(keep, p)
					}
				}
				topics, fa := dec.Topics, dec.Foreign
				out := classifyOut(l.ID, keep)
				out.Labels = out.Labels[:0]
				for _, t := range topics {
					out.Labels = append(out.Labels, t.ID)
				}
				out.Topics = topics
				out.Foreign = &fa
				return out, nil
			})
		},
	}
	return classify
}

// windowedTopics merges the topic answers of the windows of a long
// document as the root package merges an analysed document's: each label's
// prediction and each topic is that of its strongest window (as a trained
// model scores its strongest passage), with offsets shifted into the
// document, sorted by score; the foreign-affairs decision is that of the
// window with the highest foreign score.
type windowedTopics struct {
	preds   []topic.Prediction
	label   map[string]int // label -> index in preds
	topics  []topic.Topic
	id      map[string]int // topic ID -> index in topics
	foreign builtin.Foreign
	windows int
}

func (w *windowedTopics) addPredictions(ps []topic.Prediction) {
	if w.label == nil {
		w.label = map[string]int{}
	}
	for _, p := range ps {
		if i, ok := w.label[p.Label]; !ok {
			w.label[p.Label] = len(w.preds)
			w.preds = append(w.preds, p)
		} else if p.Score > w.preds[i].Score {
			w.preds[i] = p
		}
	}
}

func (w *windowedTopics) predictions() []topic.Prediction {
	slices.SortStableFunc(w.preds, func(x, y topic.Prediction) int { return cmp.Compare(y.Score, x.Score) })
	return w.preds
}

func (w *windowedTopics) addDecision(dec builtin.Decision, off int) {
	if w.id == nil {
		w.id = map[string]int{}
	}
	for _, t := range dec.Topics {
		t = t.Shifted(off)
		if i, ok := w.id[t.ID]; !ok {
			w.id[t.ID] = len(w.topics)
			w.topics = append(w.topics, t)
		} else if t.Score > w.topics[i].Score {
			w.topics[i] = t
		}
	}
	if w.windows == 0 || dec.Foreign.Score > w.foreign.Score {
		w.foreign = dec.Foreign
	}
	w.windows++
}

func (w *windowedTopics) decision() builtin.Decision {
	slices.SortStableFunc(w.topics, func(x, y topic.Topic) int { return cmp.Compare(y.Score, x.Score) })
	if w.topics == nil {
		w.topics = []topic.Topic{}
	}
	return builtin.Decision{Topics: w.topics, Foreign: w.foreign}
}

type classifyLine struct {
	ID      string             `json:"id"`
	Labels  []string           `json:"labels"`
	Scores  map[string]float64 `json:"scores"`
	Topics  []topic.Topic      `json:"topics,omitempty"`
	Foreign *builtin.Foreign   `json:"foreign,omitempty"`
}

func classifyOut(id string, preds []topic.Prediction) *classifyLine {
	out := &classifyLine{ID: id, Labels: []string{}, Scores: make(map[string]float64, len(preds))}
	for _, p := range preds {
		out.Scores[p.Label] = float64(int(p.Score*1e4+0.5)) / 1e4
		if p.Selected {
			out.Labels = append(out.Labels, p.Label)
		}
	}
	return out
}

// readExamples reads training JSON Lines {"text", "labels", "weight"?}
// from files (or stdin); a bad line is an error naming it.
func readExamples(ctx context.Context, e *env, files []string, maxBytes int) ([]topic.Example, error) {
	var ex []topic.Example
	var firstErr error
	read := func(name string) error {
		emit := func(no int, line []byte, over bool, _ int64) bool {
			if over {
				firstErr = fmt.Errorf("%s line %d: longer than --max-bytes (%d bytes)", name, no, maxBytes)
				return false
			}
			var v topic.Example
			if err := json.Unmarshal(line, &v); err != nil {
				firstErr = fmt.Errorf("%s line %d: %w", name, no, err)
				return false
			}
			for _, l := range v.Labels {
				if strings.TrimSpace(l) == "" {
					firstErr = fmt.Errorf("%s line %d: empty label", name, no)
					return false
				}
			}
			ex = append(ex, v)
			return true
		}
		if name == "-" {
			return readLines(ctx, e.stdin, "stdin", maxBytes, emit)
		}
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		return readLines(ctx, f, name, maxBytes, emit)
	}
	if len(files) == 0 {
		files = []string{"-"}
	}
	for _, name := range files {
		err := read(name)
		if firstErr != nil {
			return nil, firstErr
		}
		if err != nil {
			return nil, fmt.Errorf("read examples: %w", err)
		}
	}
	if len(ex) == 0 {
		return nil, errors.New("no labelled examples in the input")
	}
	return ex, nil
}

package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	dg "github.com/diplotext/diplotext/internal/eval/dedupe"
)

const evalDedupeUsage = `Usage: diplotext eval dedupe [--mode near|story] [--threshold J] [flags] FILE
       diplotext eval dedupe --generate dev|test|all [--seed N] [--write OUT.jsonl]
       (with FILE, --part dev|test keeps the groups of one part; --reopen
       saves the index to a file:PATH store after the first half of the
       documents and reloads it for the second half)

Scores dedupe groups against true ones: pairwise precision, recall and F1
(a pair is positive when both documents are in one group) and the adjusted
Rand index. FILE is JSON Lines {"id","text","cluster"[,"time"]} or a CSV file
with a header (columns chosen by --text-column, --cluster-column and
--time-column; Unix milliseconds or RFC 3339). Documents are added in file
order.

--generate builds the reproducible set of realistic copies (syndication
headers and footers, truncation to 60-80%, dropped sentences, word edits, 1%
OCR noise, swapped lead paragraph, and unrelated articles in the same
boilerplate) from the articles in the shared data folder ($DIPLOTEXT_DATA or
../shared/data), keeping the articles of one part (dev or test, by a fixed
hash of the article id), and scores it; --write saves the set instead.

--reopen checks that a saved and reloaded index continues as an unbroken run
would: the scores must not move; it prints the snapshot's size and the save
and load times (left out of the throughput).

Examples:
  diplotext eval dedupe --generate test
  diplotext eval dedupe --mode story --text-column TITLE --cluster-column STORY \
    --time-column TIMESTAMP --part test ../shared/data/uci-news-aggregator/uci-news-aggregator-sample.csv
  diplotext eval dedupe --mode story --reopen --text-column TITLE --cluster-column STORY \
    --time-column TIMESTAMP ../shared/data/uci-news-aggregator/uci-news-aggregator-sample.csv`

type evalDoc struct {
	ID, Text, Cluster string
	Time              time.Time
}

// evalDedupeCommand returns the "eval dedupe" command.
func evalDedupeCommand() command {
	var c command
	c = command{
		name:    "eval dedupe",
		summary: "score dedupe grouping: pairwise precision, recall, F1, adjusted Rand index",
		usage:   evalDedupeUsage,
		run: func(ctx context.Context, e *env, args []string) error {
			fs := newFlagSet(c, e)
			mode := fs.String("mode", "near", "near or story")
			threshold := fs.Float64("threshold", 0, "similarity threshold (default: the library's)")
			gen := fs.String("generate", "", "score the generated copies of one part: dev, test or all")
			seed := fs.Uint64("seed", 1, "generator seed")
			write := fs.String("write", "", "with --generate: write the set to this JSONL file instead of scoring")
			textCol := fs.String("text-column", "text", "CSV column of the text")
			clusterCol := fs.String("cluster-column", "cluster", "CSV column of the true group")
			timeCol := fs.String("time-column", "", "CSV column of the time (optional)")
			filePart := fs.String("part", "", "with FILE: keep the groups of one part, dev or test (split by a fixed hash of the true group)")
			reopen := fs.Bool("reopen", false, "save the index to a temporary file store after half of the documents and reload it for the rest")
			pairs := fs.String("pairs", "", "story mode: score two-document streams of UCI same-story and different-story headline pairs of one part (dev, test or all)")
			if help, err := parseFlags(fs, args); help || err != nil {
				return err
			}
			var docs []evalDoc
			switch {
			case *pairs != "":
				return scorePairs(ctx, e.stdout, *pairs, *threshold)
			case *gen != "":
				part := *gen
				if part == "all" {
					part = ""
				} else if part != "dev" && part != "test" {
					return fmt.Errorf("--generate: want dev, test or all, not %q", part)
				}
				dir, err := dg.DataDir()
				if err != nil {
					return err
				}
				arts, err := dg.LoadArticles(dir)
				if err != nil {
					return err
				}
				set := dg.Generate(arts, dg.Config{Seed: *seed, Part: part})
				if *write != "" {
					f, err := os.Create(*write)
					if err != nil {
						return err
					}
					if err := dg.WriteJSONL(f, set); err != nil {
						f.Close()
						return err
					}
					return f.Close()
				}
				for _, d := range set {
					docs = append(docs, evalDoc{ID: d.ID, Text: d.Text, Cluster: d.Cluster})
				}
			case fs.NArg() == 1:
				var err error
				docs, err = readEvalDocs(fs.Arg(0), *textCol, *clusterCol, *timeCol)
				if err != nil {
					return err
				}
				if *filePart != "" {
					if *filePart != "dev" && *filePart != "test" {
						return fmt.Errorf("--part: want dev or test, not %q", *filePart)
					}
					kept := docs[:0]
					for _, d := range docs {
						if dg.PartOf(d.Cluster) == *filePart {
							kept = append(kept, d)
						}
					}
					docs = kept
				}
			default:
				fs.Usage()
				return errUsage
			}
			return scoreDedupe(ctx, e.stdout, docs, *mode, *threshold, *reopen)
		},
	}
	return c
}

func scoreDedupe(ctx context.Context, w io.Writer, docs []evalDoc, mode string, threshold float64, reopen bool) error {
	store := ""
	if reopen {
		dir, err := os.MkdirTemp("", "diplotext-eval-dedupe")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		store = "file:" + filepath.Join(dir, "index.snap")
	}
	ix, err := openGrouper(ctx, mode, threshold, store)
	if err != nil {
		return err
	}
	defer func() { ix.close() }()
	truth := make([]string, 0, len(docs))
	pred := make([]string, 0, len(docs))
	var bytes int
	var paused time.Duration // save and reload, left out of the throughput
	start := time.Now()
	for i, d := range docs {
		if reopen && i == len(docs)/2 {
			t0 := time.Now()
			if err := ix.close(); err != nil {
				return err
			}
			t1 := time.Now()
			if ix, err = openGrouper(ctx, mode, threshold, store); err != nil {
				return err
			}
			t2 := time.Now()
			paused += t2.Sub(t0)
			st, err := os.Stat(strings.TrimPrefix(store, "file:"))
			if err != nil {
				return err
			}
			fmt.Fprintf(w, "reopened after %d documents: snapshot %d bytes (%.0f per document), save %.1f ms, load %.1f ms\n",
				i, st.Size(), float64(st.Size())/float64(max(i, 1)), t1.Sub(t0).Seconds()*1e3, t2.Sub(t1).Seconds()*1e3)
		}
		r, err := ix.addAt(ctx, d.ID, d.Text, d.Time)
		if err != nil {
			return err
		}
		truth = append(truth, d.Cluster)
		pred = append(pred, r.Cluster)
		bytes += len(d.Text)
	}
	el := time.Since(start) - paused
	s := dg.Score(truth, pred)
	fmt.Fprintf(w, "mode %s: %d documents, %d true pairs, %d predicted pairs\n", mode, s.Docs, s.TruePairs, s.PredPairs)
	fmt.Fprintf(w, "streaming groups (as diplotext dedupe outputs them): pair precision %.4f  recall %.4f  F1 %.4f  ARI %.4f\n",
		s.Precision, s.Recall, s.F1, s.ARI)
	// groups may merge after a document was added: score the final ones too
	for i, d := range docs {
		if c, err := ix.cluster(ctx, d.ID); err == nil {
			pred[i] = c
		}
	}
	s = dg.Score(truth, pred)
	fmt.Fprintf(w, "final groups after later merges:                     pair precision %.4f  recall %.4f  F1 %.4f  ARI %.4f\n",
		s.Precision, s.Recall, s.F1, s.ARI)
	fmt.Fprintf(w, "time %.2fs: %.0f docs/s, %.1f MB/s (one goroutine, sequential)\n", el.Seconds(),
		float64(len(docs))/el.Seconds(), float64(bytes)/el.Seconds()/1e6)
	return nil
}

func readEvalDocs(path, textCol, clusterCol, timeCol string) ([]evalDoc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var docs []evalDoc
	if strings.HasSuffix(path, ".csv") {
		r := csv.NewReader(f)
		head, err := r.Read()
		if err != nil {
			return nil, fmt.Errorf("%s: header: %w", path, err)
		}
		col := map[string]int{}
		for i, h := range head {
			col[h] = i
		}
		ti, ok1 := col[textCol]
		ci, ok2 := col[clusterCol]
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("%s: no column %q or %q", path, textCol, clusterCol)
		}
		mi, hasTime := col[timeCol]
		for n := 2; ; n++ {
			rec, err := r.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return nil, fmt.Errorf("%s: %w", path, err)
			}
			d := evalDoc{ID: strconv.Itoa(n), Text: rec[ti], Cluster: rec[ci]}
			if hasTime {
				if d.Time, err = parseTime(rec[mi]); err != nil {
					return nil, fmt.Errorf("%s:%d: %w", path, n, err)
				}
			}
			docs = append(docs, d)
		}
		return docs, nil
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for n := 1; sc.Scan(); n++ {
		var rec struct {
			ID      string          `json:"id"`
			Text    string          `json:"text"`
			Cluster json.RawMessage `json:"cluster"`
			Time    json.RawMessage `json:"time"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		if rec.ID == "" {
			rec.ID = strconv.Itoa(n)
		}
		d := evalDoc{ID: rec.ID, Text: rec.Text, Cluster: strings.Trim(string(rec.Cluster), `"`)}
		if len(rec.Time) > 0 {
			var err error
			if d.Time, err = parseTime(strings.Trim(string(rec.Time), `"`)); err != nil {
				return nil, fmt.Errorf("%s:%d: %w", path, n, err)
			}
		}
		docs = append(docs, d)
	}
	return docs, sc.Err()
}

func parseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if ms, err := strconv.ParseInt(s, 10, 64); err == nil {
		return time.UnixMilli(ms).UTC(), nil
	}
	return time.Parse(time.RFC3339, s)
}

// scorePairs runs each UCI headline pair of a part as a stream of its own
// two documents (no times) and scores "the second joins the first" against
// "one story": the judgment a small stream makes.
func scorePairs(ctx context.Context, w io.Writer, part string, threshold float64) error {
	if part == "all" {
		part = ""
	} else if part != "dev" && part != "test" {
		return fmt.Errorf("--pairs: want dev, test or all, not %q", part)
	}
	dir, err := dg.DataDir()
	if err != nil {
		return err
	}
	hs, err := dg.LoadHeadlines(dir)
	if err != nil {
		return err
	}
	var tp, fp, fn, tn int
	for _, p := range dg.StoryPairs(hs, part) {
		g, err := openGrouper(ctx, "story", threshold, "")
		if err != nil {
			return err
		}
		if _, err := g.addAt(ctx, "a", p.A.Title, time.Time{}); err != nil {
			return err
		}
		r, err := g.addAt(ctx, "b", p.B.Title, time.Time{})
		if err != nil {
			return err
		}
		g.close()
		joined := r.Cluster == "a"
		switch {
		case joined && p.Same:
			tp++
		case joined:
			fp++
		case p.Same:
			fn++
		default:
			tn++
		}
	}
	prec := float64(tp) / float64(max(tp+fp, 1))
	rec := float64(tp) / float64(max(tp+fn, 1))
	fmt.Fprintf(w, "two-document streams: %d same-story and %d different-story pairs\n", tp+fn, fp+tn)
	fmt.Fprintf(w, "same-story precision %.4f  recall %.4f  F1 %.4f  (tp %d fp %d fn %d tn %d)\n",
		prec, rec, 2*prec*rec/max(prec+rec, 1e-12), tp, fp, fn, tn)
	return nil
}

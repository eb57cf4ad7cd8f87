package main

import (
	"context"
	"errors"
	"strings"

	"github.com/diplotext/diplotext/dedupe"
)

const dedupeUsage = `Usage: diplotext dedupe [--mode near|story] [--threshold J] [--store URL] [flags] [FILE ...]

Reads JSON Lines {"id": "a1", "text": "..."} (story mode also reads an
optional "time": RFC 3339 or Unix milliseconds) strictly in input order and
writes one line per document:

  {"id", "cluster", "similar": [{"id", "score", "method"}]}

"cluster" is the id of the first document of the group. --mode near groups
copies and light edits of one text (syndication headers and footers,
truncation, OCR noise); --mode story groups different texts about the same
event. --store file:PATH loads the index snapshot at PATH if present and saves
it at the end (written to a temporary file, synced, then renamed), in either
mode: in story mode it keeps the whole story index (terms, document
frequencies, stories and their centroids), so the next run continues the
same stories exactly as one long run would; give every run the same --mode
and --threshold (a snapshot of the other mode, or made with another
threshold, is refused). --store redis://host:port/db shares one index
between processes (near mode only).

Examples:
  printf '%s\n' '{"id":"a","text":"Ministers met in Geneva on Monday to discuss the ceasefire and aid corridors."}' \
    '{"id":"b","text":"GENEVA (Wire) - Ministers met in Geneva on Monday to discuss the ceasefire and aid corridors."}' |
    diplotext dedupe --threshold 0.3
  diplotext dedupe --mode story --store file:stories.snap monday.jsonl
  diplotext dedupe --mode story --store file:stories.snap tuesday.jsonl   # continues Monday's stories`

// dedupeCommand returns the dedupe command.
func dedupeCommand() command {
	var c command
	c = command{
		name:    "dedupe",
		summary: "group near-duplicate or same-story documents as they stream in",
		usage:   dedupeUsage,
		run: func(ctx context.Context, e *env, args []string) error {
			fs := newFlagSet(c, e)
			opts := lineFlags(fs)
			mode := fs.String("mode", "near", "near (copies and edits) or story (same event)")
			threshold := fs.Float64("threshold", 0, "similarity threshold (default: 0.32 Jaccard in near mode, 0.05 cosine in story mode)")
			store := fs.String("store", "", "index store: file:PATH (near or story mode; loaded if present, saved at the end) or redis://host:port/db (near mode only) (default: in memory)")
			if help, err := parseFlags(fs, args); help || err != nil {
				return err
			}
			ix, err := openIndex(ctx, *mode, *threshold, *store)
			if err != nil {
				return err
			}
			opts.workers = 1 // the index is streaming: each line sees all earlier ones
			runErr := processLines(ctx, e, fs.Args(), opts, func(ctx context.Context, l *Line) (any, error) {
				t, err := lineTime(l)
				if err != nil {
					return nil, err
				}
				return ix.AddTextAt(ctx, l.ID, l.Text, t)
			})
			if err := ix.Close(); err != nil && runErr == nil {
				runErr = err
			}
			return runErr
		},
	}
	return c
}

func openIndex(ctx context.Context, mode string, threshold float64, storeURL string) (*dedupe.Index, error) {
	var m dedupe.Mode
	if err := m.UnmarshalText([]byte(mode)); err != nil {
		return nil, err
	}
	opts := []dedupe.Option{dedupe.WithMode(m)}
	if threshold != 0 {
		opts = append(opts, dedupe.WithThreshold(threshold))
	}
	if m == dedupe.Story && (strings.HasPrefix(storeURL, "redis://") || strings.HasPrefix(storeURL, "rediss://")) {
		// refused before dialling: NewIndex would refuse it after
		return nil, errors.New("--store redis:// is near mode only (story mode keeps its index in one process); use --store file:PATH to keep stories between runs")
	}
	if storeURL != "" {
		st, err := dedupe.OpenStore(ctx, storeURL)
		if err != nil {
			return nil, err
		}
		opts = append(opts, dedupe.WithStore(st))
	}
	return dedupe.NewIndex(opts...)
}

package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/diplotext/diplotext/dedupe"
	"github.com/diplotext/diplotext/internal/grouping"
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
			threshold := fs.Float64("threshold", 0, "similarity threshold (default: 0.32 Jaccard in near mode, 0.08 cosine in story mode)")
			store := fs.String("store", "", "index store: file:PATH (near or story mode; loaded if present, saved at the end) or redis://host:port/db (near mode only) (default: in memory)")
			maxStoreErrors := fs.Int("max-store-errors", 10, "stop the run after this many consecutive store errors (a store that is gone); 0 never stops")
			if help, err := parseFlags(fs, args); help || err != nil {
				return err
			}
			if *maxStoreErrors < 0 {
				return fmt.Errorf("--max-store-errors %d: want 0 or more", *maxStoreErrors)
			}
			defer lightGC()()
			defer oneProc()()
			if runtime.GOMAXPROCS(0) == 1 && !strings.HasPrefix(*store, "redis:") {
				// Each line's add waits for the previous line's (input
				// order), and with the index in this process nothing else
				// waits: on one processor a second worker only parks and
				// wakes around every line, 5% of the run's CPU. (With
				// Redis, the other workers decode while a line's store
				// round trip waits.)
				opts.workers = 1
			}
			g, err := openGrouper(ctx, *mode, *threshold, *store)
			if err != nil {
				return err
			}
			ctx, cancel := context.WithCancel(ctx)
			defer cancel()
			var storeErrs int
			var fatal error
			var mu sync.Mutex
			// the index is streaming: each line sees all earlier ones, so
			// lines are added one at a time in input order (decoded and
			// written by the workers)
			opts.inOrder = true
			// near mode reads the text only to sketch it (the index keeps
			// the ids, copied); story mode is left to copy its texts
			opts.reuseText = g.Near()
			runErr := processLines(ctx, e, fs.Args(), opts, func(ctx context.Context, l *Line) (any, error) {
				r, err := g.add(ctx, l)
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err == nil:
					storeErrs = 0
				case errors.Is(err, dedupe.ErrIndexLost):
					fatal = err
					cancel()
				case isStoreError(err):
					storeErrs++
					if *maxStoreErrors > 0 && storeErrs >= *maxStoreErrors && fatal == nil {
						fatal = fmt.Errorf("stopped after %d consecutive store errors (--max-store-errors): %w", storeErrs, err)
						cancel()
					}
				}
				return resultJSON(r), err
			})
			if err := g.close(); err != nil && runErr == nil {
				runErr = err
			}
			if fatal != nil {
				return fatal
			}
			return runErr
		},
	}
	return c
}

// isStoreError tells a failing store from a bad line (a duplicate id, a
// bad time field) or a cancelled run.
func isStoreError(err error) bool {
	return err != nil && !errors.Is(err, dedupe.ErrDuplicateID) && !errors.Is(err, context.Canceled) &&
		!errors.Is(err, errBadTime)
}

// grouper is the index of either mode behind the tool's contract.
type grouper struct{ *grouping.Grouper }

func (g grouper) add(ctx context.Context, l *Line) (dedupe.Result, error) {
	if g.Near() {
		return g.AddAt(ctx, l.ID, l.Text, time.Time{}) // near mode reads no time
	}
	t, err := lineTime(l)
	if err != nil {
		return dedupe.Result{}, err
	}
	return g.AddAt(ctx, l.ID, l.Text, t)
}

func (g grouper) addAt(ctx context.Context, id, s string, t time.Time) (dedupe.Result, error) {
	return g.AddAt(ctx, id, s, t)
}

func (g grouper) cluster(ctx context.Context, id string) (string, error) { return g.Cluster(ctx, id) }

func (g grouper) close() error { return g.Close() }

func openGrouper(ctx context.Context, mode string, threshold float64, storeURL string) (grouper, error) {
	g, err := grouping.Open(ctx, mode, threshold, storeURL)
	return grouper{g}, err
}

// resultJSON is a dedupe result that encodes itself: the output of every
// line, written without reflection. Its bytes are what encoding/json makes
// of a dedupe.Result.
type resultJSON dedupe.Result

// compactJSON marks MarshalJSON's output as final (see runOne).
func (resultJSON) compactJSON() {}

// MarshalJSON implements json.Marshaler.
func (r resultJSON) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 64+len(r.ID)+len(r.Cluster)+len(r.Similar)*48)
	b = append(b, `{"id":`...)
	b = appendJSONString(b, r.ID)
	b = append(b, `,"cluster":`...)
	b = appendJSONString(b, r.Cluster)
	if len(r.Similar) > 0 {
		b = append(b, `,"similar":[`...)
		for i, s := range r.Similar {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"id":`...)
			b = appendJSONString(b, s.ID)
			b = append(b, `,"score":`...)
			if a := math.Abs(s.Score); a == 0 || a >= 1e-6 && a < 1e21 {
				// what encoding/json writes for a float in this range
				b = strconv.AppendFloat(b, s.Score, 'f', -1, 64)
			} else {
				f, err := json.Marshal(s.Score) // exponents, NaN and infinities
				if err != nil {
					return nil, err
				}
				b = append(b, f...)
			}
			if s.Method != "" {
				b = append(b, `,"method":`...)
				b = appendJSONString(b, s.Method)
			}
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	return append(b, '}'), nil
}

// appendJSONString appends s as a JSON string: plain ASCII as it is,
// anything else as encoding/json writes it.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x80 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s)
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"

	"github.com/diplotext/diplotext"
	"github.com/diplotext/diplotext/internal/longgc"
	"github.com/diplotext/diplotext/tone"
	"github.com/diplotext/diplotext/topic/builtin"
)

const analyzeUsage = `Usage: diplotext analyze [flags] [FILE ...]

Reads JSON Lines {"id": "a1", "text": "...", "targets": [{"start": 10, "end": 23}]}
("id" and "targets" are optional; a plain-text FILE is read whole, with its
path as id) and writes one line per document:

  {"id", "entities": [...], "topics": [...], "tone": {...}, "targets": [...]}

Entity, topic and target offsets are byte offsets into the UTF-8 text. A bad
line (not JSON, no text, target out of range) yields {"id", "error"} in its
place and the exit status is 1 at the end.

Example:
  echo '{"id":"x","text":"Secretary of State Marco Rubio met Sergey Lavrov in Kuala Lumpur."}' | diplotext analyze`

// analyzeCommand returns the analyze command.
func analyzeCommand() command {
	var c command
	c = command{
		name:    "analyze",
		summary: "entities, topics and tone of each document",
		usage:   analyzeUsage,
		run: func(ctx context.Context, e *env, args []string) error {
			fs := newFlagSet(c, e)
			opts := lineFlags(fs)
			skip := skipFlags(fs)
			if help, err := parseFlags(fs, args); help || err != nil {
				return err
			}
			warmUp()
			a, err := newAnalyzer(ctx, skip()...)
			if err != nil {
				return err
			}
			return processLines(ctx, e, fs.Args(), opts, func(ctx context.Context, l *Line) (any, error) {
				in := diplotext.Input{ID: l.ID, Text: l.Text}
				if l.Targets != nil {
					if err := json.Unmarshal(l.Targets, &in.Targets); err != nil {
						return nil, fmt.Errorf("targets: %w", err)
					}
				}
				if len(in.Text) > spoolBytes {
					defer longgc.Enter()()
					// a long document's report can be tens of times its
					// size (entity-dense text): write it to a temporary
					// file as it is made, never whole in memory
					if f, err := newSpool(); err == nil {
						if err := a.WriteReport(ctx, in, f); err != nil {
							f.Close()
							return nil, err
						}
						return f, nil
					}
				}
				rep, err := a.Analyze(ctx, in)
				if err != nil {
					return nil, err
				}
				rep.ID = l.ID
				return rep, nil
			})
		},
	}
	return c
}

// warmUp decodes the embedded topic and tone models on other goroutines
// while diplotext.New decodes the entity model, the largest: each is
// decoded once per process (the packages cache them), so New then finds
// them ready and a cold start takes about the time of the entity model
// alone on a machine with two cores or more, rather than the sum.
func warmUp() {
	if runtime.GOMAXPROCS(0) < 2 {
		return
	}
	go func() { _, _ = builtin.New() }() // an error is New's to report
	go func() { _, _ = tone.NewLabeler() }()
}

// newAnalyzer is diplotext.New, given up when ctx ends first: decoding the
// models takes a noticeable time, and a signal must act promptly then too.
func newAnalyzer(ctx context.Context, opts ...diplotext.Option) (*diplotext.Analyzer, error) {
	type result struct {
		a   *diplotext.Analyzer
		err error
	}
	ch := make(chan result, 1)
	go func() {
		a, err := diplotext.New(opts...)
		ch <- result{a, err}
	}()
	select {
	case r := <-ch:
		return r.a, r.err
	case <-ctx.Done():
		return nil, context.Cause(ctx)
	}
}

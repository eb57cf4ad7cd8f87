package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/schollz/progressbar/v3"
)

// command is one subcommand of the tool, such as "analyze" or "topic train".
type command struct {
	name    string // the command words: "dedupe", "topic train", "eval ner"
	summary string // one line for the command list
	usage   string // the full -h text, with an example
	run     func(ctx context.Context, e *env, args []string) error
}

// env is what a command reads from and writes to.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	tty    bool // stderr is a terminal: progress may be shown
}

// errLinesFailed reports that some input lines gave error lines; the tool
// exits with status 1.
var errLinesFailed = errors.New("some input lines failed")

// errUsage marks a usage error (exit status 2); the message has been printed.
var errUsage = errors.New("usage error")

// Line is one input record: a JSON Lines line, or a whole plain-text file
// given as an argument.
type Line struct {
	ID   string          // the "id" field, or the line number (or the path of a plain-text file)
	No   int             // 1-based line number within its input
	Raw  json.RawMessage // the JSON object; nil for a plain-text file
	Text string          // the "text" field, or the whole plain-text file
}

// lineOptions are the flags shared by the commands that read JSON Lines.
type lineOptions struct {
	workers  int
	strict   bool
	maxBytes int
}

// lineFlags registers --workers, --strict and --max-bytes on fs.
func lineFlags(fs *flag.FlagSet) *lineOptions {
	o := &lineOptions{}
	fs.IntVar(&o.workers, "workers", runtime.GOMAXPROCS(0), "number of lines processed in parallel (output order is unchanged)")
	fs.BoolVar(&o.strict, "strict", false, "stop at the first line that fails")
	fs.IntVar(&o.maxBytes, "max-bytes", 10<<20, "largest accepted document, in bytes; a larger one is an error line")
	return o
}

// lineError is the output for a line that failed.
type lineError struct {
	ID    string `json:"id"`
	Error string `json:"error"`
}

// job is one line on its way through the workers.
type job struct {
	line Line
	err  error // decoding error: no processing
	out  []byte
	done chan struct{}
}

// processLines reads JSON Lines from files (or e.stdin when there are none),
// calls fn for each line, and writes each result, or {"id","error"} when
// decoding or fn fails, as one JSON line to e.stdout in input order. With
// opts.workers == 1, fn is called sequentially in input order. It returns
// errLinesFailed if any line failed; with opts.strict it stops at the first.
// A file whose name does not end in .jsonl, .ndjson or .json is read whole
// as plain text, with its path as id.
func processLines(ctx context.Context, e *env, files []string, opts *lineOptions,
	fn func(ctx context.Context, l *Line) (any, error)) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	workers := max(opts.workers, 1)
	maxBytes := opts.maxBytes
	if maxBytes <= 0 {
		maxBytes = 10 << 20
	}

	jobs := make(chan *job, workers*4)
	ordered := make(chan *job, workers*4)
	var readErr error
	go func() { // reader: decodes lines, hands them to workers and to the writer in order
		defer close(ordered)
		defer close(jobs)
		emit := func(j *job) bool {
			j.done = make(chan struct{})
			select {
			case ordered <- j:
			case <-ctx.Done():
				return false
			}
			if j.err != nil {
				close(j.done)
				return true
			}
			select {
			case jobs <- j:
				return true
			case <-ctx.Done():
				return false
			}
		}
		if len(files) == 0 {
			readErr = readLines(ctx, e.stdin, "stdin", maxBytes, emit)
			return
		}
		for _, f := range files {
			if err := readFile(ctx, f, maxBytes, emit); err != nil {
				readErr = err
				return
			}
		}
	}()

	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				j.out, j.err = runOne(ctx, fn, &j.line)
				close(j.done)
			}
		}()
	}

	bar := newProgress(e)
	w := bufio.NewWriterSize(e.stdout, 64<<10)
	failed := 0
	var writeErr error
	for j := range ordered {
		<-j.done
		out := j.out
		if j.err != nil {
			failed++
			out, _ = json.Marshal(lineError{ID: j.line.ID, Error: j.err.Error()})
		}
		if writeErr == nil {
			if _, err := w.Write(append(out, '\n')); err != nil {
				writeErr = err
				cancel()
			}
			if workers == 1 || len(ordered) == 0 {
				if err := w.Flush(); err != nil && writeErr == nil {
					writeErr = err
					cancel()
				}
			}
		}
		if bar != nil {
			_ = bar.Add(1)
		}
		if j.err != nil && opts.strict {
			cancel()
			break
		}
	}
	for range ordered { // drain after a strict stop
	}
	wg.Wait()
	if bar != nil {
		_ = bar.Finish()
		fmt.Fprintln(e.stderr)
	}
	if err := w.Flush(); err != nil && writeErr == nil {
		writeErr = err
	}
	switch {
	case writeErr != nil:
		return fmt.Errorf("write output: %w", writeErr)
	case readErr != nil && !errors.Is(readErr, context.Canceled):
		return readErr
	case failed > 0:
		return fmt.Errorf("%d line(s) failed: %w", failed, errLinesFailed)
	}
	return ctx.Err()
}

// runOne calls fn on one line, turning a panic into an error so that one
// bad line never takes the whole run down.
func runOne(ctx context.Context, fn func(context.Context, *Line) (any, error), l *Line) (out []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("internal error: %v", r)
		}
	}()
	v, err := fn(ctx, l)
	if err != nil {
		return nil, err
	}
	out, err = json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encode result: %w", err)
	}
	return out, nil
}

func newProgress(e *env) *progressbar.ProgressBar {
	if !e.tty {
		return nil
	}
	return progressbar.NewOptions(-1,
		progressbar.OptionSetWriter(e.stderr),
		progressbar.OptionSetDescription("lines"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("lines"),
		progressbar.OptionThrottle(100_000_000),
	)
}

func readFile(ctx context.Context, path string, maxBytes int, emit func(*job) bool) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("read input: %w", err)
	}
	defer f.Close()
	switch strings.ToLower(filepath.Ext(path)) {
	case ".jsonl", ".ndjson", ".json":
		return readLines(ctx, f, path, maxBytes, emit)
	}
	j := &job{line: Line{ID: path, No: 1}}
	data, err := io.ReadAll(io.LimitReader(f, int64(maxBytes)+1))
	switch {
	case err != nil:
		j.err = fmt.Errorf("read %s: %w", path, err)
	case len(data) > maxBytes:
		j.err = fmt.Errorf("document larger than --max-bytes (%d bytes)", maxBytes)
	default:
		j.line.Text = string(data)
	}
	emit(j)
	return nil
}

// readLines splits r into lines of any length, decoding each as a JSON
// object with an optional "id" and a "text"; a line over maxBytes is
// consumed whole and reported as an error line.
func readLines(ctx context.Context, r io.Reader, name string, maxBytes int, emit func(*job) bool) error {
	br := bufio.NewReaderSize(r, 1<<20)
	var buf []byte
	no := 0
	for {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		buf = buf[:0]
		over := false
		var err error
		for {
			var chunk []byte
			chunk, err = br.ReadSlice('\n')
			if !over {
				if len(buf)+len(chunk) > maxBytes+1 {
					over = true
					buf = buf[:0]
				} else {
					buf = append(buf, chunk...)
				}
			}
			if err != bufio.ErrBufferFull {
				break
			}
		}
		if err != nil && err != io.EOF {
			return fmt.Errorf("read %s: %w", name, err)
		}
		if len(buf) == 0 && !over && err == io.EOF {
			return nil
		}
		no++
		line := bytes.TrimSpace(buf)
		if len(line) == 0 && !over {
			if err == io.EOF {
				return nil
			}
			no-- // blank lines are not records
			continue
		}
		j := &job{line: Line{ID: strconv.Itoa(no), No: no}}
		if over {
			j.err = fmt.Errorf("line %d: document larger than --max-bytes (%d bytes)", no, maxBytes)
		} else {
			j.line.Raw = append(json.RawMessage(nil), line...)
			j.err = decodeLine(&j.line)
		}
		if !emit(j) {
			return ctx.Err()
		}
		if err == io.EOF {
			return nil
		}
	}
}

// decodeLine fills l.ID and l.Text from l.Raw.
func decodeLine(l *Line) error {
	var rec struct {
		ID   json.RawMessage `json:"id"`
		Text *string         `json:"text"`
	}
	if err := json.Unmarshal(l.Raw, &rec); err != nil {
		return fmt.Errorf("line %d: not a JSON object: %w", l.No, err)
	}
	if len(rec.ID) > 0 && string(rec.ID) != "null" {
		var s string
		if err := json.Unmarshal(rec.ID, &s); err == nil {
			l.ID = s
		} else {
			l.ID = string(rec.ID) // a number: keep its text
		}
	}
	if rec.Text == nil {
		return fmt.Errorf("line %d: no \"text\" field", l.No)
	}
	l.Text = *rec.Text
	return nil
}

// newFlagSet returns a flag set whose -h prints the command's usage text.
func newFlagSet(c command, e *env) *flag.FlagSet {
	fs := flag.NewFlagSet("diplotext "+c.name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "%s\n\nFlags:\n", strings.TrimSpace(c.usage))
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args with fs, turning -h and flag errors into errUsage
// (or nil for a help request, with help true).
func parseFlags(fs *flag.FlagSet, args []string) (help bool, err error) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return true, nil
		}
		return false, errUsage
	}
	return false, nil
}

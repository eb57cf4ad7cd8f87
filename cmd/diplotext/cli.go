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
	"sync/atomic"
	"time"

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
// given as an argument. A JSON line is decoded once, by the worker that
// processes it; the fields that only one command reads ("targets", "time")
// are kept undecoded, so that a field a command does not read never fails
// its line.
type Line struct {
	ID      string          // the "id" field, or the physical line number (or the path of a plain-text file)
	No      int             // 1-based physical line number within its input (blank lines count)
	Text    string          // the "text" field, or the whole plain-text file
	Targets json.RawMessage // the "targets" field, undecoded; nil when absent
	Time    json.RawMessage // the "time" field, undecoded; nil when absent
}

// record is the one typed form every JSON line is decoded into.
type record struct {
	ID      json.RawMessage `json:"id"`
	Text    *string         `json:"text"`
	Targets json.RawMessage `json:"targets"`
	Time    json.RawMessage `json:"time"`
}

// lineOptions are the flags shared by the commands that read JSON Lines.
type lineOptions struct {
	workers  int
	strict   bool
	maxBytes int
	// inflight is the budget of document bytes being processed or waiting
	// for output at once; a document larger than the budget runs alone.
	inflight int
	// grace is how long an interrupted run waits for documents in
	// progress; zero means one second.
	grace time.Duration
	// inOrder calls fn on one line at a time, in input order, each call
	// after the previous one returned (a streaming index sees every
	// earlier line); the workers still decode lines and encode results
	// in parallel.
	inOrder bool
	// reuseText: fn keeps no part of a line's text once it has returned,
	// so the text of a JSON line is decoded into a pooled buffer that the
	// next lines reuse (a 12 MB stream no longer touches 12 MB of fresh
	// heap: a third of the page faults of a dedupe run).
	reuseText bool
}

const (
	defaultMaxBytes = 10 << 20
	defaultInflight = 4 << 20
)

// positiveInt is an int flag that refuses zero and negative values.
type positiveInt struct{ p *int }

func (v positiveInt) String() string {
	if v.p == nil {
		return "0"
	}
	return strconv.Itoa(*v.p)
}

func (v positiveInt) Set(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil {
		return errors.New("not an integer")
	}
	if n <= 0 {
		return fmt.Errorf("must be at least 1 (got %d)", n)
	}
	*v.p = n
	return nil
}

// positiveIntVar registers an int flag on fs that must be at least 1.
func positiveIntVar(fs *flag.FlagSet, p *int, name string, value int, usage string) {
	*p = value
	fs.Var(positiveInt{p}, name, usage)
}

// lineFlags registers --workers, --strict, --max-bytes and --inflight-bytes on fs.
func lineFlags(fs *flag.FlagSet) *lineOptions {
	o := &lineOptions{}
	positiveIntVar(fs, &o.workers, "workers", runtime.GOMAXPROCS(0), "`number` of lines processed in parallel (output order is unchanged)")
	fs.BoolVar(&o.strict, "strict", false, "stop at the first line that fails")
	positiveIntVar(fs, &o.maxBytes, "max-bytes", defaultMaxBytes, "largest accepted document, in `bytes` (at least 1); a larger one is an error line")
	positiveIntVar(fs, &o.inflight, "inflight-bytes", defaultInflight, "`bytes` of documents processed or awaiting output at once (at least 1); a larger document runs alone")
	return o
}

// lineError is the output for a line that failed.
type lineError struct {
	ID    string `json:"id"`
	Error string `json:"error"`
}

// job is one line on its way through the workers.
type job struct {
	line      Line
	raw       []byte // the JSON line, decoded by the worker; nil for plain text
	err       error  // reading, decoding or processing error
	out       []byte
	spool     *spool // the output line, when fn wrote it to a temporary file (out is nil)
	weight    int64  // bytes held in the in-flight budget until the line is written
	end       int64  // input bytes consumed up to the end of this line (progress)
	abandoned bool   // the run stopped before the line was processed
	reuseText bool   // lineOptions.reuseText
	done      chan struct{}
	// with lineOptions.inOrder: prev is closed when the previous line's fn
	// has returned (nil for the first line), turn when this one's has
	turn, prev chan struct{}
}

// endTurn lets the next line's fn run (lineOptions.inOrder).
func (j *job) endTurn() {
	if j.turn != nil {
		close(j.turn)
		j.turn = nil
	}
}

// byteBudget is a byte-weighted semaphore with one acquirer (the reader).
type byteBudget struct {
	mu    sync.Mutex
	avail int64
	wake  chan struct{}
}

func newByteBudget(n int64) *byteBudget {
	return &byteBudget{avail: n, wake: make(chan struct{})}
}

// acquire waits until n bytes are free and takes them.
func (b *byteBudget) acquire(ctx context.Context, n int64) error {
	for {
		b.mu.Lock()
		if b.avail >= n {
			b.avail -= n
			b.mu.Unlock()
			return nil
		}
		wake := b.wake
		b.mu.Unlock()
		select {
		case <-wake:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

func (b *byteBudget) release(n int64) {
	b.mu.Lock()
	b.avail += n
	close(b.wake)
	b.wake = make(chan struct{})
	b.mu.Unlock()
}

// interruptError is the cause of a run stopped by a signal.
type interruptError struct{ sig os.Signal }

func (e interruptError) Error() string { return "interrupted by " + signalName(e.sig) }

// processLines reads JSON Lines from files (or e.stdin when there are none;
// "-" names stdin), calls fn for each line, and writes each result, or
// {"id","error"} when reading, decoding or fn fails, as one JSON line to
// e.stdout in input order. With opts.workers == 1, fn is called
// sequentially in input order. It returns errLinesFailed if any line
// failed; with opts.strict it stops at the first. A file whose name does
// not end in .jsonl, .ndjson or .json is read whole as plain text, with its
// path as id; a file that cannot be opened or read is an error line with
// its path as id, and the run goes on.
//
// The run ends promptly when ctx is cancelled (a signal), when writing the
// output fails (the reader of a pipe went away) or at a strict stop: no
// more input is read, documents not yet started are abandoned, documents in
// progress get opts.grace (half a second) to finish (their context is cancelled), and the
// output ends with the longest run of finished lines in input order (none
// after a write error). Abandoned lines get no output line, never an error
// record. processLines never waits for the input reader, which may be
// blocked on a terminal or a pipe.
func processLines(ctx context.Context, e *env, files []string, opts *lineOptions,
	fn func(ctx context.Context, l *Line) (any, error)) error {
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	workers := max(opts.workers, 1)
	maxBytes := opts.maxBytes
	if maxBytes <= 0 {
		maxBytes = defaultMaxBytes
	}
	inflight := int64(opts.inflight)
	if inflight <= 0 {
		inflight = defaultInflight
	}
	grace := opts.grace
	if grace <= 0 {
		grace = 500 * time.Millisecond
	}
	budget := newByteBudget(inflight)

	jobs := make(chan *job, workers*4)
	ordered := make(chan *job, workers*4)
	readDone := make(chan error, 1)
	var emitted atomic.Int64
	var consumed int64 // input bytes, owned by the reader
	total := inputSize(e, files)
	go func() { // reader: hands lines to workers, and to the writer in order
		defer close(ordered)
		var last chan struct{} // the turn of the previous line (inOrder)
		emit := func(j *job) bool {
			j.done = make(chan struct{})
			j.reuseText = opts.reuseText
			if opts.inOrder {
				j.prev, j.turn = last, make(chan struct{})
				last = j.turn
			}
			j.end = consumed
			j.weight = min(max(int64(len(j.raw)+len(j.line.Text)), 1), inflight)
			if err := budget.acquire(ctx, j.weight); err != nil {
				return false
			}
			select {
			case ordered <- j:
				emitted.Add(1)
			case <-ctx.Done():
				return false
			}
			if j.err != nil {
				j.endTurn()
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
		readDone <- readInputs(ctx, e, files, maxBytes, &consumed, emit)
	}()

	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-ctx.Done():
					return
				case j := <-jobs:
					if ctx.Err() != nil {
						j.abandoned = true
						j.endTurn()
					} else {
						j.out, j.err = runOne(ctx, fn, j)
					}
					close(j.done)
				}
			}
		}()
	}

	bar := newProgress(e, total)
	w := bufio.NewWriterSize(e.stdout, 64<<10)
	failed, written := 0, 0
	var writeErr error
	strictStop := false
	// write writes one finished line; it reports false when the line was
	// abandoned (the run is stopping and the line never finished).
	write := func(j *job) bool {
		if j.abandoned || (ctx.Err() != nil && j.err != nil && errors.Is(j.err, ctx.Err())) {
			return false
		}
		out := j.out
		if j.err != nil {
			failed++
			out, _ = json.Marshal(lineError{ID: j.line.ID, Error: j.err.Error()})
		}
		var err error
		if j.spool != nil {
			err = j.spool.copyTo(w)
			j.spool = nil
		} else {
			_, err = w.Write(out)
		}
		if err == nil {
			err = w.WriteByte('\n')
		}
		if err != nil {
			writeErr = err
			cancel()
			return false
		}
		written++
		if len(ordered) == 0 { // nothing more is ready: let the line out now
			if err := w.Flush(); err != nil {
				writeErr = err
				cancel()
				return false
			}
		}
		budget.release(j.weight)
		if bar != nil {
			if total > 0 {
				_ = bar.Set64(j.end)
			} else {
				_ = bar.Add(1)
			}
		}
		if j.err != nil && opts.strict {
			strictStop = true
			cancel()
		}
		return true
	}
	var pending *job // a line whose wait the stop interrupted
	finished := false
loop:
	for {
		select {
		case j, ok := <-ordered:
			if !ok {
				finished = true
				break loop
			}
			select {
			case <-j.done:
				if !write(j) || ctx.Err() != nil {
					break loop
				}
			case <-ctx.Done():
				pending = j
				break loop
			}
		case <-ctx.Done():
			break loop
		}
	}
	var readErr error
	if finished {
		readErr = <-readDone
		cancel() // every line was written: the workers are idle
		wg.Wait()
	} else {
		cancel()
		// Documents in progress get the grace period; the workers never
		// wait for the reader, which may be blocked in a read.
		wdone := make(chan struct{})
		go func() { wg.Wait(); close(wdone) }()
		t := time.NewTimer(grace)
		select {
		case <-wdone:
		case <-t.C:
		}
		t.Stop()
		if writeErr == nil && !strictStop {
			// the longest run of finished lines, in input order
			drain := pending == nil || isDone(pending) && write(pending)
			for drain && writeErr == nil {
				var j *job
				select {
				case j = <-ordered:
				default:
				}
				if j == nil || !isDone(j) || !write(j) {
					break
				}
			}
		}
		select {
		case readErr = <-readDone:
		default:
		}
	}
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
	case parent.Err() != nil:
		cause := context.Cause(parent)
		return fmt.Errorf("%w: %d line(s) written, %d line(s) failed; %d line(s) read but not finished have no output line",
			cause, written, failed, int(emitted.Load())-written)
	case readErr != nil && !errors.Is(readErr, context.Canceled):
		return readErr
	case failed > 0:
		return fmt.Errorf("%d line(s) failed: %w", failed, errLinesFailed)
	}
	return nil
}

func isDone(j *job) bool {
	select {
	case <-j.done:
		return true
	default:
		return false
	}
}

// compactJSON is a result whose MarshalJSON writes compact JSON with <, >
// and & escaped, exactly what json.Marshal would make of it.
type compactJSON interface {
	json.Marshaler
	compactJSON()
}

// runOne decodes a JSON line and calls fn on it, turning a panic into an
// error so that one bad line never takes the whole run down.
func runOne(ctx context.Context, fn func(context.Context, *Line) (any, error), j *job) (out []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("internal error: %v", r)
		}
	}()
	defer j.endTurn()
	if j.raw != nil {
		var text *[]byte
		if j.reuseText {
			text = getText()
			defer func() {
				j.line.Text = "" // a view of text, which goes back to the pool
				putText(text)
			}()
		}
		err := decodeLine(&j.line, j.raw, text)
		putRaw(j.raw) // nothing decoded from it refers to it
		j.raw = nil
		if err != nil {
			return nil, err
		}
	}
	if j.prev != nil {
		select {
		case <-j.prev:
		case <-ctx.Done():
			return nil, ctx.Err() // the run is stopping: the line is abandoned
		}
	}
	v, err := fn(ctx, &j.line)
	j.endTurn()
	if err != nil {
		return nil, err
	}
	if sp, ok := v.(*spool); ok {
		j.spool = sp
		return nil, nil
	}
	if c, ok := v.(compactJSON); ok {
		// already as json.Marshal would write it: skip its reflection and
		// its second pass that validates and compacts a Marshaler's output
		out, err = c.MarshalJSON()
	} else {
		out, err = json.Marshal(v)
	}
	if err != nil {
		return nil, fmt.Errorf("encode result: %w", err)
	}
	return out, nil
}

// inputSize is the total size in bytes of the inputs when every one is a
// regular file, else -1.
func inputSize(e *env, files []string) int64 {
	size := func(f *os.File) int64 {
		fi, err := f.Stat()
		if err != nil || !fi.Mode().IsRegular() {
			return -1
		}
		return fi.Size()
	}
	if len(files) == 0 {
		files = []string{"-"}
	}
	var total int64
	for _, name := range files {
		var n int64 = -1
		if name == "-" {
			if f, ok := e.stdin.(*os.File); ok {
				n = size(f)
			}
		} else if fi, err := os.Stat(name); err == nil && fi.Mode().IsRegular() {
			n = fi.Size()
		}
		if n < 0 {
			return -1
		}
		total += n
	}
	return total
}

// newProgress returns a progress bar on a terminal: in bytes, with a
// percentage and the time left, when the input size is known (total > 0),
// else a count of lines.
func newProgress(e *env, total int64) *progressbar.ProgressBar {
	if !e.tty {
		return nil
	}
	if total > 0 {
		return progressbar.NewOptions64(total,
			progressbar.OptionSetWriter(e.stderr),
			progressbar.OptionSetDescription("input"),
			progressbar.OptionShowBytes(true),
			progressbar.OptionShowCount(),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionThrottle(100*time.Millisecond),
		)
	}
	return progressbar.NewOptions(-1,
		progressbar.OptionSetWriter(e.stderr),
		progressbar.OptionSetDescription("lines"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("lines"),
		progressbar.OptionThrottle(100*time.Millisecond),
	)
}

// readInputs reads every input in turn ("-" or no file: stdin), handing
// each record to emit; it stops when emit reports false.
func readInputs(ctx context.Context, e *env, files []string, maxBytes int, consumed *int64, emit func(*job) bool) error {
	if len(files) == 0 {
		files = []string{"-"}
	}
	for _, name := range files {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		var err error
		if name == "-" {
			err = readJSONLines(ctx, e.stdin, "stdin", maxBytes, consumed, emit)
		} else {
			err = readFile(ctx, name, maxBytes, consumed, emit)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// readFile reads one file argument. A file that cannot be opened or read
// is an error line with its path as id, not the end of the run.
func readFile(ctx context.Context, path string, maxBytes int, consumed *int64, emit func(*job) bool) error {
	fail := func(err error) error {
		if !emit(&job{line: Line{ID: path, No: 1}, err: err}) {
			return ctx.Err()
		}
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		return fail(fmt.Errorf("read input: %w", err))
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		return fail(fmt.Errorf("read input: %s is a directory", path))
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".jsonl", ".ndjson", ".json":
		if err := readJSONLines(ctx, f, path, maxBytes, consumed, emit); err != nil && !errors.Is(err, context.Canceled) {
			return fail(err)
		}
		return ctx.Err()
	}
	j := &job{line: Line{ID: path, No: 1}}
	data, err := io.ReadAll(io.LimitReader(f, int64(maxBytes)+1))
	switch {
	case err != nil:
		j.err = fmt.Errorf("read input: %w", err)
	case len(data) > maxBytes:
		j.err = fmt.Errorf("document larger than --max-bytes (%d bytes)", maxBytes)
		if fi, err := f.Stat(); err == nil {
			*consumed += fi.Size() - int64(len(data))
		}
	default:
		j.line.Text = string(data)
	}
	*consumed += int64(len(data))
	if !emit(j) {
		return ctx.Err()
	}
	return nil
}

// readJSONLines reads JSON Lines from r as jobs for emit: each job holds
// its own copy of the line, decoded later by a worker. A blank line is
// skipped, but line numbers (and the default ids) count physical lines. A
// line over maxBytes is consumed whole and is an error line, with its "id"
// when the first bytes of the line hold it.
func readJSONLines(ctx context.Context, r io.Reader, name string, maxBytes int, consumed *int64, emit func(*job) bool) error {
	return readLines(ctx, r, name, maxBytes, func(no int, line []byte, over bool, n int64) bool {
		*consumed += n
		j := &job{line: Line{ID: strconv.Itoa(no), No: no}}
		if over {
			if id, ok := idFromPrefix(line); ok {
				j.line.ID = id
			}
			j.err = fmt.Errorf("line %d: document larger than --max-bytes (%d bytes)", no, maxBytes)
		} else {
			j.raw = cloneRaw(line)
		}
		return emit(j)
	})
}

// rawPool holds line buffers the workers have decoded, for the reader to
// copy further lines into: a fresh copy of every line was half of a
// dedupe run's allocated bytes, and so of its garbage collections.
var rawPool sync.Pool

// rawPoolMax is the largest buffer kept in rawPool.
const rawPoolMax = 256 << 10

// cloneRaw copies line into a buffer from rawPool, or a new one.
func cloneRaw(line []byte) []byte {
	if p, ok := rawPool.Get().(*[]byte); ok && cap(*p) >= len(line) {
		return append((*p)[:0], line...)
	}
	return bytes.Clone(line)
}

// textPool holds the buffers that lines' texts are decoded into with
// lineOptions.reuseText, for the next lines.
var textPool sync.Pool

// getText returns a text buffer from textPool, or a new one.
func getText() *[]byte {
	if p, ok := textPool.Get().(*[]byte); ok {
		return p
	}
	return new([]byte)
}

// putText gives a text buffer back to textPool (not one grown past
// rawPoolMax).
func putText(p *[]byte) {
	if cap(*p) <= rawPoolMax {
		*p = (*p)[:0]
		textPool.Put(p)
	}
}

// putRaw gives a decoded line's buffer back to rawPool. The caller must
// not use b again.
func putRaw(b []byte) {
	if cap(b) > 0 && cap(b) <= rawPoolMax {
		rawPool.Put(&b)
	}
}

// prefixBytes is how much of an oversized line is kept to find its id.
const prefixBytes = 64 << 10

// readLines splits r into lines of any length and calls fn with each
// non-blank line (trimmed of surrounding space, valid until fn returns),
// its 1-based physical line number and the bytes it consumed (including
// blank lines before it). A line over maxBytes is consumed whole and passed
// with over set and only its first bytes. It returns nil at the end of r,
// ctx.Err() when fn reports false or ctx is done, or the read error.
func readLines(ctx context.Context, r io.Reader, name string, maxBytes int,
	fn func(no int, line []byte, over bool, consumed int64) bool) error {
	br := bufio.NewReaderSize(r, 1<<20)
	var buf []byte
	no := 0
	var skipped int64 // bytes of blank lines not yet reported
	for {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		buf = buf[:0]
		over := false
		var n int64
		var err error
		for {
			var chunk []byte
			chunk, err = br.ReadSlice('\n')
			n += int64(len(chunk))
			if !over {
				if len(buf)+len(chunk) > maxBytes+1 {
					over = true
					keep := min(prefixBytes, len(buf))
					buf = buf[:keep]
					buf = append(buf, chunk[:min(len(chunk), prefixBytes-keep)]...)
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
		if n == 0 && err == io.EOF {
			return nil
		}
		no++
		line := bytes.TrimSpace(buf)
		if len(line) == 0 && !over {
			skipped += n
			if err == io.EOF {
				return nil
			}
			continue
		}
		if !fn(no, line, over, n+skipped) {
			return ctx.Err()
		}
		skipped = 0
		if cap(buf) > 4<<20 {
			buf = nil // do not hold a huge line's buffer for the rest of the stream
		}
		if err == io.EOF {
			return nil
		}
	}
}

// idFromPrefix recovers the "id" of a JSON object from the first bytes of
// its line, when the id comes before anything cut off.
func idFromPrefix(p []byte) (string, bool) {
	dec := json.NewDecoder(bytes.NewReader(p))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return "", false
	}
	for dec.More() {
		tok, err := dec.Token()
		key, ok := tok.(string)
		if err != nil || !ok {
			return "", false
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return "", false
		}
		if key == "id" {
			return idText(v)
		}
	}
	return "", false
}

// idText is the id a JSON value names: a string's contents, or the text of
// a number; false for null.
func idText(raw json.RawMessage) (string, bool) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", false
	}
	if s, ok := plainJSONString(raw); ok {
		return s, true
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s, true
	}
	return string(raw), true // a number: keep its text
}

// plainJSONString returns the text of raw when it is a JSON string of
// printable ASCII without escapes (what json.Unmarshal would make of it,
// without its reflection and validation: a tenth of a dedupe run's JSON
// work), and false for anything else.
func plainJSONString(raw []byte) (string, bool) {
	if len(raw) < 2 || raw[0] != '"' || raw[len(raw)-1] != '"' {
		return "", false
	}
	in := raw[1 : len(raw)-1]
	for _, c := range in {
		if c < 0x20 || c >= 0x80 || c == '"' || c == '\\' {
			return "", false
		}
	}
	return string(in), true
}

// decodeLine decodes one JSON line into l, once.
func decodeLine(l *Line, raw []byte, text *[]byte) error {
	var rec record
	if !decodeRecordText(raw, &rec, text) {
		rec = record{}
		if err := json.Unmarshal(raw, &rec); err != nil {
			if id, ok := idFromPrefix(raw); ok {
				l.ID = id
			}
			return fmt.Errorf("line %d: not a JSON object: %w", l.No, err)
		}
	}
	if id, ok := idText(rec.ID); ok {
		l.ID = id
	}
	if rec.Text == nil {
		return fmt.Errorf("line %d: no \"text\" field", l.No)
	}
	l.Text = *rec.Text
	if len(rec.Targets) > 0 && string(rec.Targets) != "null" {
		l.Targets = rec.Targets
	}
	if len(rec.Time) > 0 && string(rec.Time) != "null" {
		l.Time = rec.Time
	}
	return nil
}

// errBadTime is what every error of [lineTime] matches with errors.Is: a
// line whose "time" field cannot be read.
var errBadTime = errors.New("bad time field")

// timeError is an error of [lineTime]; it matches [errBadTime].
type timeError string

func (e timeError) Error() string        { return string(e) }
func (e timeError) Is(target error) bool { return target == errBadTime }

func badTime(format string, args ...any) error { return timeError(fmt.Sprintf(format, args...)) }

// lineTime reads the optional "time" field of a line: Unix milliseconds as
// a JSON number, or an RFC 3339 string.
func lineTime(l *Line) (time.Time, error) {
	if len(l.Time) == 0 {
		return time.Time{}, nil
	}
	var ms int64
	if err := json.Unmarshal(l.Time, &ms); err == nil {
		return time.UnixMilli(ms).UTC(), nil
	}
	var s string
	if err := json.Unmarshal(l.Time, &s); err != nil {
		return time.Time{}, badTime("time: %s is neither Unix milliseconds (a JSON integer) nor an RFC 3339 string", clip(string(l.Time)))
	}
	t, err := time.Parse(time.RFC3339, s)
	if err == nil {
		return t, nil
	}
	if _, nerr := strconv.ParseInt(s, 10, 64); nerr == nil {
		return time.Time{}, badTime("time: %q is a string of digits; give Unix milliseconds as a JSON number (%s) or an RFC 3339 string such as \"2025-03-07T11:00:00Z\"", s, s)
	}
	return time.Time{}, badTime("time: %q is not an RFC 3339 time such as \"2025-03-07T11:00:00Z\"", clip(s))
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
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

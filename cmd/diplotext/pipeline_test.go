package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// failAfter is a writer whose writes fail once n lines have been written.
type failAfter struct {
	n     int
	lines int
	buf   bytes.Buffer
}

func (w *failAfter) Write(p []byte) (int, error) {
	if w.lines >= w.n {
		return 0, syscall.EPIPE
	}
	w.lines += bytes.Count(p, []byte("\n"))
	return w.buf.Write(p)
}

func shortDocs(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, `{"id":"d%d","text":"Ministers met in Geneva %d."}`+"\n", i, i)
	}
	return b.String()
}

// within fails the test when f does not return within d.
func within(t *testing.T, d time.Duration, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("did not return within %v (hang)", d)
	}
}

func TestProcessLinesEndsWhenOutputFails(t *testing.T) {
	in := shortDocs(100_000)
	for _, workers := range []int{1, 2, 8} {
		for range 5 {
			w := &failAfter{n: 1}
			e := &env{stdin: strings.NewReader(in), stdout: w, stderr: io.Discard}
			var err error
			within(t, 10*time.Second, func() {
				err = processLines(context.Background(), e, nil, &lineOptions{workers: workers, maxBytes: 1 << 20}, echoLen)
			})
			require.ErrorIs(t, err, syscall.EPIPE, "workers=%d", workers)
		}
	}
}

// blockingReader is stdin that never delivers more than its first lines.
type blockingReader struct {
	first   io.Reader
	release chan struct{}
}

func (r *blockingReader) Read(p []byte) (int, error) {
	if n, err := r.first.Read(p); n > 0 || err != io.EOF {
		return n, err
	}
	<-r.release
	return 0, io.EOF
}

func TestProcessLinesInterruptIsPromptAndDropsUnfinishedLines(t *testing.T) {
	in := &blockingReader{first: strings.NewReader(`{"id":"a","text":"quick"}` + "\n" + `{"id":"b","text":"slow"}` + "\n" + `{"id":"c","text":"quick"}` + "\n"), release: make(chan struct{})}
	defer close(in.release)
	ctx, cancel := context.WithCancelCause(context.Background())
	var out bytes.Buffer
	e := &env{stdin: in, stdout: &out, stderr: io.Discard}
	started, aDone := make(chan struct{}), make(chan struct{})
	fn := func(ctx context.Context, l *Line) (any, error) {
		switch {
		case l.Text == "slow":
			close(started)
			time.Sleep(time.Minute) // a long document that ignores its context
		case l.ID == "a":
			defer close(aDone)
		}
		return map[string]string{"id": l.ID}, nil
	}
	var err error
	// the signal comes once "a" is finished and "b" is in progress, in
	// whatever order the two workers reach them
	go func() { <-started; <-aDone; cancel(interruptError{os.Interrupt}) }()
	t0 := time.Now()
	within(t, 5*time.Second, func() {
		err = processLines(ctx, e, nil, &lineOptions{workers: 2, maxBytes: 100, grace: 200 * time.Millisecond}, fn)
	})
	assert.Less(t, time.Since(t0), 3*time.Second)
	var intr interruptError
	require.ErrorAs(t, err, &intr)
	assert.Contains(t, err.Error(), "interrupted by SIGINT")
	assert.Equal(t, `{"id":"a"}`+"\n", out.String(), "the finished prefix, and no error record for unfinished lines")
}

func TestProcessLinesInterruptedContextErrorsAreNotErrorRecords(t *testing.T) {
	ctx, cancel := context.WithCancelCause(context.Background())
	var out bytes.Buffer
	e := &env{stdin: strings.NewReader(shortDocs(50)), stdout: &out, stderr: io.Discard}
	var n atomic.Int32
	fn := func(ctx context.Context, l *Line) (any, error) {
		if n.Add(1) == 10 {
			cancel(interruptError{syscall.SIGTERM})
		}
		if ctx.Err() != nil {
			return nil, fmt.Errorf("analyze: %w", ctx.Err())
		}
		return map[string]string{"id": l.ID}, nil
	}
	err := processLines(ctx, e, nil, &lineOptions{workers: 1, maxBytes: 1000}, fn)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "interrupted by SIGTERM")
	assert.NotContains(t, out.String(), "context canceled")
	assert.Equal(t, 9, strings.Count(out.String(), "\n"))
}

func TestProcessLinesBoundsInflightBytes(t *testing.T) {
	var in strings.Builder
	for i := range 40 {
		fmt.Fprintf(&in, `{"id":"%d","text":%q}`+"\n", i, strings.Repeat("x", 100+i%3*300))
	}
	var mu sync.Mutex
	cur, peak := 0, 0
	fn := func(_ context.Context, l *Line) (any, error) {
		mu.Lock()
		cur += len(l.Text)
		peak = max(peak, cur)
		mu.Unlock()
		time.Sleep(2 * time.Millisecond)
		mu.Lock()
		cur -= len(l.Text)
		mu.Unlock()
		return map[string]int{"n": len(l.Text)}, nil
	}
	var out bytes.Buffer
	e := &env{stdin: strings.NewReader(in.String()), stdout: &out, stderr: io.Discard}
	require.NoError(t, processLines(context.Background(), e, nil, &lineOptions{workers: 8, maxBytes: 1 << 20, inflight: 1000}, fn))
	assert.Equal(t, 40, strings.Count(out.String(), "\n"))
	assert.LessOrEqual(t, peak, 1000, "document bytes in progress at once stay within --inflight-bytes")
	assert.Greater(t, peak, 700, "small documents still run side by side")

	// a document larger than the budget runs alone, and does not deadlock
	big := `{"text":"` + strings.Repeat("y", 5000) + `"}` + "\n"
	e = &env{stdin: strings.NewReader(big + big + in.String()), stdout: io.Discard, stderr: io.Discard}
	peak = 0
	within(t, 10*time.Second, func() {
		require.NoError(t, processLines(context.Background(), e, nil, &lineOptions{workers: 8, maxBytes: 1 << 20, inflight: 1000}, fn))
	})
	assert.Equal(t, 5000, peak)
}

func TestProcessLinesFilesAndLines(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.jsonl")
	require.NoError(t, os.WriteFile(good, []byte("\n\n{\"text\":\"abc\"}\n   \n{\"id\":\"x\",\"text\":\"de\"}\n"), 0o600))
	recs, err := runLines(t, `{"text":"from stdin"}`+"\n", lineOptions{workers: 2, maxBytes: 1000},
		filepath.Join(dir, "missing.jsonl"), good, "-", dir, good)
	require.ErrorIs(t, err, errLinesFailed)
	require.Len(t, recs, 7, "a missing file and a directory are error lines; the run goes on")
	assert.Equal(t, filepath.Join(dir, "missing.jsonl"), recs[0]["id"])
	assert.Contains(t, recs[0]["error"], "no such file")
	assert.Equal(t, "3", recs[1]["id"], "blank lines count in line numbers and default ids")
	assert.EqualValues(t, 3, recs[1]["n"])
	assert.Equal(t, "x", recs[2]["id"])
	assert.Equal(t, "1", recs[3]["id"], `"-" reads stdin`)
	assert.EqualValues(t, 10, recs[3]["n"])
	assert.Equal(t, dir, recs[4]["id"])
	assert.Contains(t, recs[4]["error"], "directory")
	assert.Equal(t, "3", recs[5]["id"])
}

func TestOversizedLineKeepsItsID(t *testing.T) {
	in := `{"id":"https://example.com/a","text":"` + strings.Repeat("a", 5000) + `"}` + "\n" +
		`{"text":"` + strings.Repeat("a", 100_000) + `","id":"late"}` + "\n" +
		`{"id":7,` + "\n"
	recs, err := runLines(t, in, lineOptions{workers: 1, maxBytes: 1000})
	require.ErrorIs(t, err, errLinesFailed)
	require.Len(t, recs, 3)
	assert.Equal(t, "https://example.com/a", recs[0]["id"])
	assert.Contains(t, recs[0]["error"], "max-bytes")
	assert.Equal(t, "2", recs[1]["id"], "an id after the cut is not recoverable: the line number")
	assert.Equal(t, "7", recs[2]["id"], "a bad line's id is kept when it can be read")
}

func TestLineTimeMessages(t *testing.T) {
	for _, c := range []struct{ raw, want string }{
		{`1741345200000`, ""},
		{`"2025-03-07T11:00:00Z"`, ""},
		{`"1741345200000"`, "give Unix milliseconds as a JSON number (1741345200000)"},
		{`"yesterday"`, `"yesterday" is not an RFC 3339 time`},
		{`1.5`, "neither Unix milliseconds"},
	} {
		_, err := lineTime(&Line{Time: []byte(c.raw)})
		if c.want == "" {
			assert.NoError(t, err, c.raw)
		} else if assert.Error(t, err, c.raw) {
			assert.Contains(t, err.Error(), c.want)
		}
	}
}

func TestNonPositiveFlagsAreUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"analyze", "--max-bytes", "0"}, {"analyze", "--max-bytes", "-5"}, {"analyze", "--workers", "0"},
		{"dedupe", "--max-bytes", "0"}, {"topic", "classify", "--inflight-bytes", "0"},
		{"topic", "train", "--out", "x", "--max-bytes", "0"},
	} {
		var errb bytes.Buffer
		e := &env{stdin: strings.NewReader(`{"text":"a"}`), stdout: io.Discard, stderr: &errb}
		assert.Equal(t, 2, run(context.Background(), e, args), args)
		assert.Contains(t, errb.String(), "must be at least 1", args)
	}
}

func TestProgressShowsPercentageForFiles(t *testing.T) {
	f := filepath.Join(t.TempDir(), "in.jsonl")
	require.NoError(t, os.WriteFile(f, []byte(shortDocs(2000)), 0o600))
	var errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: &errb, tty: true}
	require.NoError(t, processLines(context.Background(), e, []string{f}, &lineOptions{workers: 1, maxBytes: 1000}, echoLen))
	assert.Contains(t, errb.String(), "100%")
	assert.Contains(t, errb.String(), "kB")
}

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// toolBinary builds the tool once per test run.
func toolBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the tool: skipped with -short")
	}
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "diplotext-bin")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "diplotext")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	require.NoError(t, buildErr)
	return binPath
}

// headOf runs the tool with stdin from a file, reads n lines of its output
// and closes the pipe, as "diplotext ... | head -n" does.
func headOf(t *testing.T, input string, n int, args ...string) (*exec.Cmd, []string) {
	t.Helper()
	f := filepath.Join(t.TempDir(), "in.jsonl")
	require.NoError(t, os.WriteFile(f, []byte(input), 0o600))
	in, err := os.Open(f)
	require.NoError(t, err)
	defer in.Close()
	cmd := exec.Command(toolBinary(t), args...)
	cmd.Stdin = in
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	var lines []string
	buf := make([]byte, 1<<16)
	var acc []byte
	for len(lines) < n {
		k, err := out.Read(buf)
		acc = append(acc, buf[:k]...)
		for {
			i := bytes.IndexByte(acc, '\n')
			if i < 0 || len(lines) >= n {
				break
			}
			lines = append(lines, string(acc[:i]))
			acc = acc[i+1:]
		}
		if err != nil {
			break
		}
	}
	out.Close()
	return cmd, lines
}

func waitExit(t *testing.T, cmd *exec.Cmd, d time.Duration) int {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode()
		}
		require.NoError(t, err)
		return 0
	case <-time.After(d):
		_ = cmd.Process.Kill()
		<-done
		t.Fatalf("the tool did not exit within %v", d)
		return -1
	}
}

func TestToolEndsWhenItsOutputCloses(t *testing.T) {
	input := shortDocs(100_000)
	for range 3 {
		cmd, lines := headOf(t, input, 1, "analyze")
		require.Len(t, lines, 1)
		assert.Equal(t, exitOutputGone, waitExit(t, cmd, 30*time.Second))
	}
	snap := filepath.Join(t.TempDir(), "s.snap")
	cmd, lines := headOf(t, input, 3, "dedupe", "--store", "file:"+snap)
	require.Len(t, lines, 3)
	assert.Equal(t, exitOutputGone, waitExit(t, cmd, 30*time.Second))
	_, err := os.Stat(snap)
	assert.NoError(t, err, "the store is closed and its snapshot saved")
}

func TestToolSignalsActPromptlyDuringALongDocument(t *testing.T) {
	long := `{"id":"long","text":"` + strings.Repeat("U.S. ", 400_000) + `"}` + "\n"
	f := filepath.Join(t.TempDir(), "in.jsonl")
	require.NoError(t, os.WriteFile(f, []byte(`{"id":"a","text":"Ministers met."}`+"\n"+long+long), 0o600))
	for _, c := range []struct {
		sig  syscall.Signal
		name string
		code int
	}{{syscall.SIGINT, "SIGINT", 130}, {syscall.SIGTERM, "SIGTERM", 143}} {
		cmd := exec.Command(toolBinary(t), "analyze", f)
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		require.NoError(t, cmd.Start())
		time.Sleep(1500 * time.Millisecond)
		require.NoError(t, cmd.Process.Signal(c.sig))
		t0 := time.Now()
		assert.Equal(t, c.code, waitExit(t, cmd, 20*time.Second), c.name)
		assert.Less(t, time.Since(t0), 3*time.Second, "%s acts within about a second", c.name)
		assert.Contains(t, errb.String(), "interrupted by "+c.name)
		assert.NotContains(t, errb.String(), "line(s) failed:")
		assert.NotContains(t, out.String(), "context canceled")
	}
}

func TestToolSignalWhileWaitingForInputClosesTheStore(t *testing.T) {
	snap := filepath.Join(t.TempDir(), "s.snap")
	cmd := exec.Command(toolBinary(t), "dedupe", "--store", "file:"+snap)
	stdin, err := cmd.StdinPipe()
	require.NoError(t, err)
	var out syncBuffer
	var errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	require.NoError(t, cmd.Start())
	defer stdin.Close()
	_, err = io.WriteString(stdin, shortDocs(3))
	require.NoError(t, err)
	deadline := time.Now().Add(20 * time.Second)
	for strings.Count(out.String(), "\n") < 3 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	// stdin stays open: the reader is blocked in a read when the signal comes
	require.NoError(t, cmd.Process.Signal(syscall.SIGTERM))
	assert.Equal(t, 143, waitExit(t, cmd, 10*time.Second))
	assert.Contains(t, errb.String(), "interrupted by SIGTERM: 3 line(s) written")
	_, err = os.Stat(snap)
	assert.NoError(t, err, "the store is closed and its snapshot saved")
}

// syncBuffer is a bytes.Buffer safe to read while a copier writes it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// BenchmarkProcessLines measures the tool's own cost per line (reading,
// decoding once, ordering, writing) around a trivial command.
func BenchmarkProcessLines(b *testing.B) {
	in := shortDocs(10_000)
	fn := func(_ context.Context, l *Line) (any, error) {
		t, err := lineTime(l)
		return map[string]any{"id": l.ID, "n": len(l.Text), "t": t.Unix()}, err
	}
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		e := &env{stdin: strings.NewReader(in), stdout: io.Discard, stderr: io.Discard}
		if err := processLines(context.Background(), e, nil, &lineOptions{workers: 2, maxBytes: 1 << 20}, fn); err != nil {
			b.Fatal(err)
		}
	}
}

func TestRunInterruptedExitStatus(t *testing.T) {
	for _, c := range []struct {
		sig  os.Signal
		code int
	}{{os.Interrupt, 130}, {syscall.SIGTERM, 143}} {
		ctx, cancel := context.WithCancelCause(context.Background())
		cancel(interruptError{c.sig})
		var out, errb bytes.Buffer
		e := &env{stdin: strings.NewReader(shortDocs(10)), stdout: &out, stderr: &errb}
		assert.Equal(t, c.code, run(ctx, e, []string{"analyze"}))
		assert.Contains(t, errb.String(), "interrupted by "+signalName(c.sig))
		assert.NotContains(t, out.String(), "error")
	}
}

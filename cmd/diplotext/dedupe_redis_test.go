package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/assert"
)

// redisServer runs redis-server on port (no persistence) and returns a
// function that kills it by its PID.
func redisServer(t *testing.T, port int) func() {
	t.Helper()
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		t.Skip("redis-server not on PATH")
	}
	cmd := exec.Command(bin, "--port", fmt.Sprint(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", t.TempDir())
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	stopped := false
	stop := func() {
		if !stopped {
			stopped = true
			cmd.Process.Kill()
			cmd.Wait()
		}
	}
	t.Cleanup(stop)
	for range 100 {
		if c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", port)); err == nil {
			c.Close()
			return stop
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("redis-server did not start")
	return nil
}

// hookReader calls hook once, after n lines have been read.
type hookReader struct {
	lines []string
	i, n  int
	hook  func()
	buf   bytes.Buffer
}

func (r *hookReader) Read(p []byte) (int, error) {
	if r.buf.Len() == 0 {
		if r.i >= len(r.lines) {
			return 0, io.EOF
		}
		if r.i == r.n && r.hook != nil {
			r.hook()
			r.hook = nil
		}
		r.buf.WriteString(r.lines[r.i] + "\n")
		r.i++
	}
	return r.buf.Read(p)
}

// TestDedupeRedisGone (issue 16.9): a Redis killed mid-stream stops the run
// after --max-store-errors consecutive failures instead of failing every
// later line; one restarted empty is detected as a lost index.
func TestDedupeRedisGone(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	url := fmt.Sprintf("redis://127.0.0.1:%d/0", port)
	var lines []string
	for i := range 200 {
		lines = append(lines, fmt.Sprintf(`{"id":"d%d","text":"Document number %d about ministers meeting in Geneva on day %d"}`, i, i, i))
	}
	for _, tc := range []struct {
		name, want string
		restart    bool
	}{
		{"gone", "consecutive store errors", false},
		{"restarted empty", "lost its index", true},
	} {
		stop := redisServer(t, port)
		// The hook runs on the tool's reader goroutine, which the run does
		// not wait for: it must not call t.Fatal, and it must not leave a
		// window in which the server is down when the test wants a lost
		// index. An emptied database is what a restarted, empty Redis
		// looks like to the index, without the restart's timing.
		r := &hookReader{lines: lines, n: 50, hook: func() {
			if tc.restart {
				c := redis.NewClient(&redis.Options{Addr: fmt.Sprintf("127.0.0.1:%d", port)})
				c.FlushAll(context.Background())
				c.Close()
				return
			}
			stop()
		}}
		var out, errb bytes.Buffer
		e := &env{stdin: r, stdout: &out, stderr: &errb}
		code := run(context.Background(), e, []string{"dedupe", "--store", url, "--max-store-errors", "3"})
		stop()
		assert.Equal(t, 1, code, tc.name)
		assert.Contains(t, errb.String(), tc.want, tc.name)
		n := strings.Count(out.String(), "\n")
		assert.Less(t, n, 60, "%s: %d lines written after the store went away", tc.name, n)
		assert.GreaterOrEqual(t, strings.Count(out.String(), `"cluster"`), 40, tc.name) // the reader runs a few lines ahead
	}
}

package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/diplotext/diplotext"
)

// TestBatchIsAnsweredWhileItsBodyArrives sends a JSON Lines body one line
// at a time and reads each result line before sending the next: a server
// that reads the whole body before answering (as before issue 16's serve
// row was fixed) never answers the first line.
func TestBatchIsAnsweredWhileItsBodyArrives(t *testing.T) {
	for _, ctype := range []string{"application/x-ndjson", "application/json"} {
		t.Run(ctype, func(t *testing.T) {
			_, ts := newTest(t, Config{Analyzer: stubAnalyzer(nil), Workers: 2})
			pr, pw := io.Pipe()
			defer pw.Close()
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, ts.URL+"/v1/analyze", pr)
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Content-Type", ctype)
			respc := make(chan *http.Response, 1)
			errc := make(chan error, 1)
			go func() {
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					errc <- err
					return
				}
				respc <- resp
			}()
			// the first line, then a blank line and the second, so that a
			// body without a JSON Lines type is seen to be a batch
			fmt.Fprintf(pw, "{\"id\":\"d1\",\"text\":\"Talks in Geneva.\"}\n\n")
			fmt.Fprintf(pw, "{\"id\":\"d2\",\"text\":\"Talks in Oslo.\"}\n")
			var resp *http.Response
			select {
			case resp = <-respc:
			case err := <-errc:
				t.Fatal(err)
			case <-ctx.Done():
				t.Fatal("no response while the body is open")
			}
			defer resp.Body.Close()
			br := bufio.NewReader(resp.Body)
			for i := 1; i <= 50; i++ {
				line, err := br.ReadString('\n')
				if err != nil {
					t.Fatalf("line %d: %v", i, err)
				}
				var m map[string]any
				if err := json.Unmarshal([]byte(line), &m); err != nil || m["id"] != fmt.Sprintf("d%d", i) || m["error"] != nil {
					t.Fatalf("line %d: %q (%v)", i, line, err)
				}
				if i >= 2 && i < 50 {
					fmt.Fprintf(pw, "{\"id\":\"d%d\",\"text\":\"Talks number %d.\"}\n", i+1, i+1)
				}
				if i == 49 {
					pw.Close()
				}
			}
			if rest, _ := io.ReadAll(br); len(strings.TrimSpace(string(rest))) != 0 {
				t.Errorf("after 50 lines: %q", rest)
			}
			if f := resp.Trailer.Get("Diplotext-Failed"); f != "0" {
				t.Errorf("Diplotext-Failed %q, want 0", f)
			}
		})
	}
}

// TestBatchBoundsLinesInFlight checks that a batch whose client does not
// read the response holds a bounded number of lines: the reader stops
// taking lines once batchInflightLines are read and unanswered.
func TestBatchBoundsLinesInFlight(t *testing.T) {
	var started atomic.Int64
	release := make(chan struct{})
	stub := stubAnalyzer(func(ctx context.Context, in diplotext.Input) (diplotext.Report, error) {
		if started.Add(1) == 1 {
			<-release // the first line holds up the output
		}
		return diplotext.Report{ID: in.ID}, nil
	})
	_, ts := newTest(t, Config{Analyzer: stub, Workers: 4})
	pr, pw := io.Pipe()
	var sent atomic.Int64
	go func() {
		defer pw.Close()
		for i := range 5000 {
			if _, err := fmt.Fprintf(pw, "{\"id\":\"d%d\",\"text\":\"Talks.\"}\n", i); err != nil {
				return
			}
			sent.Add(1)
		}
	}()
	done := make(chan struct{})
	go func() {
		defer close(done)
		resp, err := http.Post(ts.URL+"/v1/analyze", "application/x-ndjson", pr)
		if err != nil {
			t.Error(err)
			return
		}
		defer resp.Body.Close()
		ls := lines(t, mustRead(t, resp.Body))
		if len(ls) != 5000 || ls[0]["id"] != "d0" || ls[4999]["id"] != "d4999" {
			t.Errorf("%d lines", len(ls))
		}
	}()
	// let the server read as far as it will while line 1 is held
	deadline := time.Now().Add(3 * time.Second)
	for time.Now().Before(deadline) && started.Load() < batchInflightLines {
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond)
	if n := started.Load(); n > batchInflightLines+8 {
		t.Errorf("%d documents started while the first was unanswered, want at most about %d", n, batchInflightLines)
	}
	close(release)
	<-done
}

// TestBatchBodyTooLargeMidStream: a batch over --max-bytes without a
// Content-Length is 413 when nothing is answered yet, and otherwise ends
// with one error line after the lines read.
func TestBatchBodyTooLargeMidStream(t *testing.T) {
	s, err := New(Config{Analyzer: stubAnalyzer(nil), MaxBytes: 4096})
	if err != nil {
		t.Fatal(err)
	}
	// the server's own log: net/http reports there a panic it recovered
	var serverLog syncBuffer
	ts := httptest.NewUnstartedServer(s.Handler())
	ts.Config.ErrorLog = log.New(&serverLog, "", 0)
	ts.Start()
	defer s.Close()
	defer ts.Close()
	// each request on a transport of its own: a body from a pipe cannot be
	// sent again if a kept-alive connection turns out to be closed (keep-alive
	// stays on: a request that says "Connection: close" is not drained)
	client := func() *http.Client { return &http.Client{Transport: &http.Transport{}} }
	line := "{\"id\":\"a\",\"text\":\"" + strings.Repeat("x", 100) + "\"}\n"
	// nothing answered: the whole request is 413
	pr, pw := io.Pipe()
	go func() {
		for range 100 {
			pw.Write([]byte(line))
		}
		pw.Close()
	}()
	resp, err := client().Post(ts.URL+"/v1/analyze", "application/x-ndjson", pr)
	if err != nil {
		t.Fatal(err)
	}
	b := mustRead(t, resp.Body)
	resp.Body.Close()
	if resp.StatusCode == http.StatusOK {
		// lines were answered before the cap was reached: the last line is the error
		ls := lines(t, b)
		last := ls[len(ls)-1]
		if last["status"] != float64(413) || !strings.Contains(fmt.Sprint(last["error"]), "larger than the limit") || len(ls) > 4096/len(line)+1 {
			t.Errorf("%d lines, last %v", len(ls), last)
		}
	} else {
		wantError(t, resp, b, 413, "larger than the limit")
	}
	// a line answered and flushed before the cap: 200, the lines, then the error line
	pr, pw = io.Pipe()
	respc := make(chan *http.Response, 1)
	go func() {
		resp, err := client().Post(ts.URL+"/v1/analyze", "application/x-ndjson", pr)
		if err != nil {
			t.Error(err)
			close(respc)
			return
		}
		respc <- resp
	}()
	pw.Write([]byte(line))
	resp, ok := <-respc
	if !ok {
		return
	}
	br := bufio.NewReader(resp.Body)
	first, err := br.ReadString('\n')
	if err != nil || !strings.Contains(first, `"id":"a"`) {
		t.Fatalf("first line %q: %v", first, err)
	}
	go func() {
		for range 100 {
			if _, err := pw.Write([]byte(line)); err != nil {
				return
			}
		}
		pw.Close()
	}()
	ls := lines(t, mustRead(t, br))
	resp.Body.Close()
	last := ls[len(ls)-1]
	if resp.StatusCode != 200 || last["status"] != float64(413) || !strings.HasPrefix(fmt.Sprint(last["id"]), "line ") {
		t.Errorf("status %d, last line %v", resp.StatusCode, last)
	}
	if f := resp.Trailer.Get("Diplotext-Failed"); f != "1" {
		t.Errorf("Diplotext-Failed %q, want 1", f)
	}
	// the rest of the body is left unread and the connection closed after
	// the reply: net/http, draining it, used to read the connection twice at
	// once and log a recovered panic
	ts.Close()
	if l := serverLog.String(); strings.Contains(l, "panic") {
		t.Errorf("server log:\n%s", l)
	}
}

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

func mustRead(t testing.TB, r io.Reader) []byte {
	t.Helper()
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

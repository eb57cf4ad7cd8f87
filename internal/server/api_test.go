package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/diplotext/diplotext"
)

var realAnalyzer = sync.OnceValues(func() (*diplotext.Analyzer, error) { return diplotext.New() })

func analyzer(t testing.TB) *diplotext.Analyzer {
	t.Helper()
	a, err := realAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// newTest starts cfg's server on an httptest server; a nil Analyzer gets the
// real one.
func newTest(t testing.TB, cfg Config) (*Server, *httptest.Server) {
	t.Helper()
	if cfg.Analyzer == nil {
		cfg.Analyzer = analyzer(t)
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(func() {
		ts.Close()
		if err := s.Close(); err != nil {
			t.Error(err)
		}
	})
	return s, ts
}

func post(t testing.TB, url, ctype, body string) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.Post(url, ctype, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

// wantError checks an error response: status, JSON {"error"} mentioning want.
func wantError(t testing.TB, resp *http.Response, body []byte, status int, want string) {
	t.Helper()
	if resp.StatusCode != status {
		t.Fatalf("status %d, want %d; body %s", resp.StatusCode, status, body)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q, want application/json", ct)
	}
	var e struct {
		Error  string `json:"error"`
		Status int    `json:"status"`
	}
	if err := json.Unmarshal(body, &e); err != nil {
		t.Fatalf("error body is not JSON: %v: %s", err, body)
	}
	if !strings.Contains(e.Error, want) || e.Status != status {
		t.Errorf("error %q (status %d), want it to mention %q", e.Error, e.Status, want)
	}
}

func lines(t testing.TB, b []byte) []map[string]any {
	t.Helper()
	var out []map[string]any
	for l := range bytes.Lines(b) {
		var m map[string]any
		if err := json.Unmarshal(l, &m); err != nil {
			t.Fatalf("response line is not JSON: %v: %q", err, l)
		}
		out = append(out, m)
	}
	return out
}

const article = "Secretary of State Marco Rubio met Sergey Lavrov in Kuala Lumpur on Thursday. " +
	"Russia condemned the new sanctions imposed by Washington."

func TestAnalyzeSingleIsTheCLIObject(t *testing.T) {
	_, ts := newTest(t, Config{})
	in := map[string]any{"id": "x1", "text": article, "targets": []map[string]int{{"start": 19, "end": 30}}}
	body, _ := json.Marshal(in)
	resp, got := post(t, ts.URL+"/v1/analyze", "application/json", string(body))
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("status %d %q: %s", resp.StatusCode, resp.Header.Get("Content-Type"), got)
	}
	rep, err := analyzer(t).Analyze(context.Background(), diplotext.Input{ID: "x1", Text: article, Targets: []diplotext.Span{{Start: 19, End: 30}}})
	if err != nil {
		t.Fatal(err)
	}
	want, _ := json.Marshal(rep)
	if !bytes.Equal(bytes.TrimSpace(got), want) {
		t.Errorf("server report differs from Analyze:\n got %s\nwant %s", got, want)
	}
	var r diplotext.Report
	if err := json.Unmarshal(got, &r); err != nil {
		t.Fatal(err)
	}
	if len(r.Entities) == 0 || len(r.Targets) != 1 {
		t.Fatalf("want entities and one target, got %s", got)
	}
	for _, e := range r.Entities {
		if e.Start < 0 || e.End > len(article) || e.Start >= e.End || article[e.Start:e.End] != e.Text {
			t.Errorf("entity %+v: bad offsets", e.Entity)
		}
	}
}

func TestAnalyzePlainTextAndPrettyJSON(t *testing.T) {
	_, ts := newTest(t, Config{})
	resp, got := post(t, ts.URL+"/v1/analyze?id=brief", "text/plain; charset=utf-8", article)
	if resp.StatusCode != 200 {
		t.Fatalf("status %d: %s", resp.StatusCode, got)
	}
	var r diplotext.Report
	if err := json.Unmarshal(got, &r); err != nil || r.ID != "brief" || len(r.Entities) == 0 {
		t.Fatalf("plain text: id %q, %d entities, err %v", r.ID, len(r.Entities), err)
	}
	// one JSON document spread over lines is still one document
	resp, got = post(t, ts.URL+"/v1/analyze", "application/json", "{\n  \"id\": 7,\n  \"text\": \"Ministers met in Geneva.\"\n}\n")
	if resp.StatusCode != 200 {
		t.Fatalf("status %d: %s", resp.StatusCode, got)
	}
	if err := json.Unmarshal(got, &r); err != nil || r.ID != "7" {
		t.Fatalf("pretty JSON: id %q, err %v: %s", r.ID, err, got)
	}
}

func TestAnalyzeBatchOrderAndErrorLines(t *testing.T) {
	_, ts := newTest(t, Config{Workers: 3})
	var in strings.Builder
	want := []string{}
	for i := range 40 {
		switch i % 10 {
		case 3:
			in.WriteString("not json\n")
			want = append(want, "error")
		case 5:
			fmt.Fprintf(&in, "{\"id\":\"d%d\"}\n\n", i) // no text, then a blank line
			want = append(want, "error")
		case 7:
			fmt.Fprintf(&in, "{\"id\":\"d%d\",\"text\":\"Rubio met Lavrov.\",\"targets\":[{\"start\":5,\"end\":99}]}\n", i)
			want = append(want, "error")
		default:
			fmt.Fprintf(&in, "{\"id\":\"d%d\",\"text\":%q}\n", i, fmt.Sprintf("Document %d: %s", i, article))
			want = append(want, "ok")
		}
	}
	resp, got := post(t, ts.URL+"/v1/analyze", "application/x-ndjson", in.String())
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/x-ndjson" {
		t.Fatalf("status %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	ls := lines(t, got)
	if len(ls) != len(want) {
		t.Fatalf("%d lines, want %d", len(ls), len(want))
	}
	failed := 0
	for i, l := range ls {
		_, isErr := l["error"]
		if isErr != (want[i] == "error") {
			t.Errorf("line %d: %v, want %s", i+1, l, want[i])
		}
		if isErr {
			failed++
			continue
		}
		if l["id"] != fmt.Sprintf("d%d", i) {
			t.Errorf("line %d: id %v, want d%d (order)", i+1, l["id"], i)
		}
	}
	if ls[3]["id"] != "4" { // a line that is not JSON keeps its line number as id
		t.Errorf("bad line id %v, want 4", ls[3]["id"])
	}
	if ls[7]["status"] != float64(422) {
		t.Errorf("target out of range: %v, want status 422", ls[7])
	}
	if tr := resp.Trailer.Get("Diplotext-Failed"); tr != fmt.Sprint(failed) {
		t.Errorf("Diplotext-Failed trailer %q, want %d", tr, failed)
	}
}

func TestAnalyzeTenThousandDocuments(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	_, ts := newTest(t, Config{})
	var in bytes.Buffer
	const n = 10000
	for i := range n {
		fmt.Fprintf(&in, "{\"id\":\"n%d\",\"text\":\"Talks %d in Geneva ended.\"}\n", i, i)
	}
	resp, got := post(t, ts.URL+"/v1/analyze", "", in.String())
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	ls := lines(t, got)
	if len(ls) != n {
		t.Fatalf("%d lines, want %d", len(ls), n)
	}
	for i, l := range ls {
		if l["id"] != fmt.Sprintf("n%d", i) || l["error"] != nil {
			t.Fatalf("line %d: %v", i+1, l)
		}
	}
	if tr := resp.Trailer.Get("Diplotext-Failed"); tr != "0" {
		t.Errorf("Diplotext-Failed %q, want 0", tr)
	}
}

func TestBadRequests(t *testing.T) {
	_, ts := newTest(t, Config{MaxBytes: 4096})
	for _, c := range []struct {
		name, ctype, body string
		status            int
		want              string
	}{
		{"bad JSON", "application/json", `{"id": "a", "text": "unterminated`, 400, "not a JSON object"},
		{"not an object", "application/json", `["a"]`, 400, "not a JSON object"},
		{"no text", "application/json", `{"id": "a"}`, 400, `no "text"`},
		{"wrong type", "application/json", `{"id": "a", "text": 12}`, 400, "not a JSON object"},
		{"empty", "application/json", "  \n", 400, "empty body"},
		{"invalid UTF-8 JSON", "application/json", "{\"text\": \"caf\xe9 talks\"}", 400, "invalid UTF-8 at byte 13"},
		{"invalid UTF-8 text", "text/plain", "Talks in Gen\xffva", 400, "invalid UTF-8 at byte 12"},
		{"target out of range", "application/json", `{"text": "Rubio met Lavrov.", "targets": [{"start": 3, "end": 300}]}`, 422, "out of range"},
		{"oversized", "application/json", `{"text": "` + strings.Repeat("talks ", 1000) + `"}`, 413, "larger than the limit of 4096 bytes"},
	} {
		t.Run(c.name, func(t *testing.T) {
			resp, body := post(t, ts.URL+"/v1/analyze", c.ctype, c.body)
			wantError(t, resp, body, c.status, c.want)
		})
	}
	t.Run("oversized chunked", func(t *testing.T) {
		// no Content-Length: the cap applies while reading
		pr, pw := io.Pipe()
		go func() {
			pw.Write([]byte(`{"text": "`))
			for range 100 {
				pw.Write([]byte(strings.Repeat("x", 100)))
			}
			pw.Close()
		}()
		resp, err := http.Post(ts.URL+"/v1/analyze", "application/json", pr)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		wantError(t, resp, body, 413, "larger than the limit")
	})
	t.Run("invalid UTF-8 line in a batch", func(t *testing.T) {
		resp, body := post(t, ts.URL+"/v1/analyze", "application/x-ndjson", "{\"id\":\"a\",\"text\":\"Talks.\"}\n{\"id\":\"b\",\"text\":\"\xc3\x28\"}\n")
		ls := lines(t, body)
		if resp.StatusCode != 200 || len(ls) != 2 || ls[0]["error"] != nil || !strings.Contains(fmt.Sprint(ls[1]["error"]), "invalid UTF-8") {
			t.Errorf("status %d: %v", resp.StatusCode, ls)
		}
	})
	t.Run("method", func(t *testing.T) {
		resp, err := http.Get(ts.URL + "/v1/analyze")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		wantError(t, resp, body, 405, "use POST")
		if resp.Header.Get("Allow") != "POST" {
			t.Errorf("Allow %q", resp.Header.Get("Allow"))
		}
	})
	t.Run("unknown route", func(t *testing.T) {
		resp, body := post(t, ts.URL+"/v1/nothing", "application/json", "{}")
		wantError(t, resp, body, 404, "no such API route")
	})
	t.Run("no CORS by default", func(t *testing.T) {
		resp, _ := post(t, ts.URL+"/v1/analyze", "application/json", `{"text":"Talks."}`)
		if h := resp.Header.Get("Access-Control-Allow-Origin"); h != "" {
			t.Errorf("Access-Control-Allow-Origin %q without --cors", h)
		}
	})
}

func TestNewRejectsBadConfig(t *testing.T) {
	for _, c := range []Config{{Workers: -1}, {MaxInFlight: -2}, {MaxBytes: -1}, {Timeout: -time.Second}, {ReadTimeout: -1}} {
		c.Analyzer = stubAnalyzer(nil)
		if _, err := New(c); err == nil || !strings.Contains(err.Error(), "--") {
			t.Errorf("New(%+v) = %v, want an error naming the flag", c, err)
		}
	}
}

// rawRequest writes a request by hand and returns the response the server
// sends before the connection closes.
func rawRequest(t *testing.T, addr, head string, body string, closeWrite bool) (*http.Response, []byte) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(c, head+body); err != nil {
		t.Fatal(err)
	}
	if closeWrite {
		c.(*net.TCPConn).CloseWrite()
	}
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

func TestTruncatedBodyAndSlowClient(t *testing.T) {
	s, err := New(Config{Analyzer: analyzer(t), ReadTimeout: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	}()
	head := "POST /v1/analyze HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n"
	// the client sends 20 of 200 bytes and closes its side
	resp, body := rawRequest(t, ln.Addr().String(), head, `{"text": "Talks in G`, true)
	wantError(t, resp, body, 400, "truncated")
	// the client sends 20 of 200 bytes and then nothing
	start := time.Now()
	resp, body = rawRequest(t, ln.Addr().String(), head, `{"text": "Talks in G`, false)
	wantError(t, resp, body, 408, "read timeout")
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("slow client held the request %v", d)
	}
}

// stubAnalyzer calls f for each document; nil f returns an empty report.
type stubAnalyzer func(ctx context.Context, in diplotext.Input) (diplotext.Report, error)

func (f stubAnalyzer) Analyze(ctx context.Context, in diplotext.Input) (diplotext.Report, error) {
	if f == nil {
		return diplotext.Report{ID: in.ID, Entities: []diplotext.Entity{}}, nil
	}
	return f(ctx, in)
}

func TestRequestTimeout(t *testing.T) {
	blocking := stubAnalyzer(func(ctx context.Context, in diplotext.Input) (diplotext.Report, error) {
		if strings.HasPrefix(in.Text, "fast") {
			return diplotext.Report{ID: in.ID}, nil
		}
		<-ctx.Done()
		return diplotext.Report{}, ctx.Err()
	})
	_, ts := newTest(t, Config{Analyzer: blocking, Timeout: 200 * time.Millisecond, Workers: 1})
	start := time.Now()
	resp, body := post(t, ts.URL+"/v1/analyze", "application/json", `{"text":"slow"}`)
	wantError(t, resp, body, 503, "timed out after 200ms")
	if resp.Header.Get("Retry-After") == "" {
		t.Error("503 without Retry-After")
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v", d)
	}
	// in a batch every document gets its line: done ones their report,
	// the others a timeout error
	resp, body = post(t, ts.URL+"/v1/analyze", "application/x-ndjson",
		"{\"id\":\"a\",\"text\":\"fast\"}\n{\"id\":\"b\",\"text\":\"slow\"}\n{\"id\":\"c\",\"text\":\"fast too\"}\n")
	ls := lines(t, body)
	if resp.StatusCode != 200 || len(ls) != 3 {
		t.Fatalf("status %d, %d lines", resp.StatusCode, len(ls))
	}
	if ls[0]["error"] != nil || ls[1]["status"] != float64(503) || ls[1]["id"] != "b" || ls[2]["status"] != float64(503) {
		t.Errorf("lines %v", ls)
	}
}

func TestSaturationGives429(t *testing.T) {
	entered := make(chan struct{}, 4)
	release := make(chan struct{})
	blocking := stubAnalyzer(func(ctx context.Context, in diplotext.Input) (diplotext.Report, error) {
		entered <- struct{}{}
		<-release
		return diplotext.Report{ID: in.ID}, nil
	})
	s, ts := newTest(t, Config{Analyzer: blocking, MaxInFlight: 2, Workers: 2})
	var wg sync.WaitGroup
	codes := make(chan int, 2)
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, _ := post(t, ts.URL+"/v1/analyze", "application/json", `{"text":"Talks."}`)
			codes <- resp.StatusCode
		}()
	}
	<-entered
	<-entered
	resp, body := post(t, ts.URL+"/v1/analyze", "application/json", `{"text":"Talks."}`)
	wantError(t, resp, body, 429, "server busy")
	if resp.Header.Get("Retry-After") != "1" {
		t.Errorf("Retry-After %q", resp.Header.Get("Retry-After"))
	}
	// health and metrics stay available under saturation
	hr, err := http.Get(ts.URL + "/healthz")
	if err != nil || hr.StatusCode != 200 {
		t.Errorf("healthz under saturation: %v %v", hr, err)
	}
	close(release)
	wg.Wait()
	close(codes)
	for c := range codes {
		if c != 200 {
			t.Errorf("admitted request got %d", c)
		}
	}
	if got := metricValue(t, s, `diplotext_http_requests_total{code="429",route="/v1/analyze"}`); got != 1 {
		t.Errorf("429 counted %v times", got)
	}
}

func TestPanicsAreRecovered(t *testing.T) {
	panicky := stubAnalyzer(func(ctx context.Context, in diplotext.Input) (diplotext.Report, error) {
		if in.Text == "boom" {
			panic("analyzer exploded")
		}
		return diplotext.Report{ID: in.ID}, nil
	})
	_, ts := newTest(t, Config{Analyzer: panicky})
	resp, body := post(t, ts.URL+"/v1/analyze", "application/json", `{"text":"boom"}`)
	wantError(t, resp, body, 500, "analyzer exploded")
	resp, body = post(t, ts.URL+"/v1/analyze", "application/x-ndjson", "{\"id\":\"a\",\"text\":\"boom\"}\n{\"id\":\"b\",\"text\":\"fine\"}\n")
	ls := lines(t, body)
	if resp.StatusCode != 200 || len(ls) != 2 || ls[0]["status"] != float64(500) || ls[1]["error"] != nil {
		t.Errorf("status %d: %v", resp.StatusCode, ls)
	}
	// a panic outside the per-document recovery (here: in a handler)
	s, err := New(Config{Analyzer: panicky})
	if err != nil {
		t.Fatal(err)
	}
	h := s.wrap("/boom", "", false, func(w http.ResponseWriter, r *http.Request) { panic("handler exploded") })
	rr := httptest.NewRecorder()
	h.ServeHTTP(rr, httptest.NewRequest("GET", "/boom", nil))
	if rr.Code != 500 || !strings.Contains(rr.Body.String(), "handler exploded") {
		t.Errorf("handler panic: %d %s", rr.Code, rr.Body)
	}
}

// fakeDeduper groups documents by their first word and can be made to fail.
type fakeDeduper struct {
	mu     sync.Mutex
	first  map[string]string
	ids    map[string]bool
	fail   error
	closed atomic.Bool
}

func (f *fakeDeduper) Add(ctx context.Context, id, text string, t time.Time) (Cluster, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail != nil {
		return Cluster{}, f.fail
	}
	if f.ids[id] {
		return Cluster{}, errDuplicateID
	}
	f.ids[id] = true
	w, _, _ := strings.Cut(text, " ")
	c, ok := f.first[w]
	if !ok {
		f.first[w], c = id, id
	}
	return Cluster{ID: id, Cluster: c}, nil
}

func (f *fakeDeduper) Close() error { f.closed.Store(true); return nil }

func TestDedupeRoutes(t *testing.T) {
	_, ts := newTest(t, Config{})
	a := "Ministers met in Geneva on Monday to discuss the ceasefire and aid corridors for the besieged city, officials said."
	b := "GENEVA (Wire) - " + a
	body := fmt.Sprintf("{\"id\":\"a\",\"text\":%q}\n{\"id\":\"b\",\"text\":%q}\n{\"text\":\"no id\"}\n{\"id\":\"a\",\"text\":\"again\"}\n", a, b)
	resp, got := post(t, ts.URL+"/v1/dedupe?mode=near", "application/x-ndjson", body)
	ls := lines(t, got)
	if resp.StatusCode != 200 || len(ls) != 4 {
		t.Fatalf("status %d: %s", resp.StatusCode, got)
	}
	if ls[0]["cluster"] != "a" || ls[1]["cluster"] != "a" {
		t.Errorf("near copies not grouped: %v %v", ls[0], ls[1])
	}
	if !strings.Contains(fmt.Sprint(ls[2]["error"]), `no "id"`) || ls[3]["status"] != float64(409) {
		t.Errorf("errors: %v %v", ls[2], ls[3])
	}
	// the index outlives the request: a later single document joins the group
	resp, got = post(t, ts.URL+"/v1/dedupe", "application/json", fmt.Sprintf(`{"id":"c","text":%q}`, a+" END"))
	var c Cluster
	if resp.StatusCode != 200 || json.Unmarshal(got, &c) != nil || c.Cluster != "a" {
		t.Errorf("status %d: %s", resp.StatusCode, got)
	}
	resp, got = post(t, ts.URL+"/v1/dedupe", "application/json", fmt.Sprintf(`{"id":"c","text":%q}`, a))
	wantError(t, resp, got, 409, "already in the index")
	// story mode has its own index
	resp, got = post(t, ts.URL+"/v1/dedupe?mode=story", "application/json", fmt.Sprintf(`{"id":"a","text":%q,"time":"2025-07-10T08:00:00Z"}`, a))
	if resp.StatusCode != 200 || json.Unmarshal(got, &c) != nil || c.Cluster != "a" {
		t.Errorf("story: status %d: %s", resp.StatusCode, got)
	}
	resp, got = post(t, ts.URL+"/v1/dedupe?mode=story", "application/json", `{"id":"t","text":"Talks.","time":"yesterday"}`)
	wantError(t, resp, got, 400, "time")
	resp, got = post(t, ts.URL+"/v1/dedupe?mode=fuzzy", "application/json", `{"id":"a","text":"x"}`)
	wantError(t, resp, got, 400, `mode "fuzzy"`)
}

func TestDedupeStoreFailureIsReported(t *testing.T) {
	f := &fakeDeduper{first: map[string]string{}, ids: map[string]bool{}}
	s, ts := newTest(t, Config{Analyzer: stubAnalyzer(nil), Dedupe: func(ctx context.Context, mode string) (Deduper, error) { return f, nil }})
	resp, got := post(t, ts.URL+"/v1/dedupe", "application/json", `{"id":"a","text":"Talks in Geneva"}`)
	if resp.StatusCode != 200 {
		t.Fatalf("status %d: %s", resp.StatusCode, got)
	}
	f.mu.Lock()
	f.fail = errors.New("dial tcp 127.0.0.1:6379: connect: connection refused")
	f.mu.Unlock()
	resp, got = post(t, ts.URL+"/v1/dedupe", "application/json", `{"id":"b","text":"Talks in Geneva"}`)
	wantError(t, resp, got, 503, "document not added")
	resp, got = post(t, ts.URL+"/v1/dedupe", "application/x-ndjson", "{\"id\":\"c\",\"text\":\"x\"}\n{\"id\":\"d\",\"text\":\"y\"}\n")
	ls := lines(t, got)
	if len(ls) != 2 || ls[0]["status"] != float64(503) || ls[1]["status"] != float64(503) {
		t.Errorf("batch with a failed store: %v", ls)
	}
	if err := s.Close(); err != nil || !f.closed.Load() {
		t.Errorf("Close: %v, store closed %v", err, f.closed.Load())
	}
	resp, got = post(t, ts.URL+"/v1/dedupe", "application/json", `{"id":"e","text":"x"}`)
	wantError(t, resp, got, 503, "shutting down")
}

func TestShutdownFinishesRequestsInFlight(t *testing.T) {
	entered := make(chan struct{}, 1)
	slow := stubAnalyzer(func(ctx context.Context, in diplotext.Input) (diplotext.Report, error) {
		entered <- struct{}{}
		time.Sleep(300 * time.Millisecond)
		return diplotext.Report{ID: in.ID, Entities: []diplotext.Entity{}}, nil
	})
	f := &fakeDeduper{first: map[string]string{}, ids: map[string]bool{}}
	s, err := New(Config{Analyzer: slow, Dedupe: func(ctx context.Context, mode string) (Deduper, error) { return f, nil }})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Open(context.Background(), "near"); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, ln) }()
	url := "http://" + ln.Addr().String()
	type result struct {
		code int
		body string
		err  error
	}
	res := make(chan result, 1)
	go func() {
		resp, err := http.Post(url+"/v1/analyze", "application/json", strings.NewReader(`{"id":"inflight","text":"Talks."}`))
		if err != nil {
			res <- result{err: err}
			return
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		res <- result{code: resp.StatusCode, body: string(b)}
	}()
	<-entered
	cancel() // as SIGTERM does through the tool's signal context
	r := <-res
	if r.err != nil || r.code != 200 || !strings.Contains(r.body, `"inflight"`) {
		t.Errorf("request in flight during shutdown: %d %q %v", r.code, r.body, r.err)
	}
	select {
	case err := <-served:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return")
	}
	if !f.closed.Load() {
		t.Error("dedupe store not closed at shutdown")
	}
	if _, err := http.Get(url + "/healthz"); err == nil {
		t.Error("server still accepting after shutdown")
	}
}

func TestTaxonomyHealthMetrics(t *testing.T) {
	s, ts := newTest(t, Config{})
	resp, err := http.Get(ts.URL + "/v1/taxonomy")
	if err != nil {
		t.Fatal(err)
	}
	var tax []struct {
		ID    string `json:"id"`
		Label string `json:"label"`
		CAP   int    `json:"cap"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&tax); err != nil || resp.StatusCode != 200 || len(tax) < 5 || tax[0].ID == "" {
		t.Errorf("taxonomy: %d, %d topics, %v", resp.StatusCode, len(tax), err)
	}
	resp.Body.Close()
	resp, err = http.Get(ts.URL + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(b), `"ok"`) {
		t.Errorf("healthz %d %s", resp.StatusCode, b)
	}
	post(t, ts.URL+"/v1/analyze", "application/x-ndjson", "{\"text\":\"Talks in Geneva.\"}\nbad\n")
	resp, err = http.Get(ts.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	b, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{
		`diplotext_http_requests_total{code="200",route="/v1/analyze"} 1`,
		`diplotext_http_requests_total{code="200",route="/healthz"} 1`,
		`diplotext_http_request_duration_seconds_bucket{route="/v1/analyze",le="+Inf"} 1`,
		`diplotext_http_requests_in_flight 1`, // this /metrics request
		`diplotext_documents_total{outcome="ok",route="/v1/analyze"} 1`,
		`diplotext_documents_total{outcome="error",route="/v1/analyze"} 1`,
		`diplotext_request_bytes_total{route="/v1/analyze"} 32`,
		`process_resident_memory_bytes`,
		`go_goroutines`,
	} {
		if !strings.Contains(string(b), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	_ = s
}

// metricValue reads one sample of the server's registry.
func metricValue(t *testing.T, s *Server, name string) float64 {
	t.Helper()
	rr := httptest.NewRecorder()
	s.Handler().ServeHTTP(rr, httptest.NewRequest("GET", "/metrics", nil))
	for l := range strings.Lines(rr.Body.String()) {
		if v, ok := strings.CutPrefix(strings.TrimSpace(l), name+" "); ok {
			var f float64
			fmt.Sscan(v, &f)
			return f
		}
	}
	return 0
}

func TestMain(m *testing.M) {
	os.Exit(m.Run())
}

// A browser that posts the reading form while the server is saturated gets
// the page back with a readable message, not a JSON body.
func TestSaturatedPageAnswersHTML(t *testing.T) {
	entered := make(chan struct{}, 4)
	release := make(chan struct{})
	blocking := stubAnalyzer(func(ctx context.Context, in diplotext.Input) (diplotext.Report, error) {
		entered <- struct{}{}
		<-release
		return diplotext.Report{ID: in.ID}, nil
	})
	_, ts := newTest(t, Config{Analyzer: blocking, MaxInFlight: 1, Workers: 1})
	done := make(chan int, 1)
	go func() {
		resp, _ := post(t, ts.URL+"/v1/analyze", "application/json", `{"text":"Talks."}`)
		done <- resp.StatusCode
	}()
	<-entered
	resp, body := post(t, ts.URL+"/read", "application/x-www-form-urlencoded", "text=Talks.")
	close(release)
	if resp.StatusCode != http.StatusTooManyRequests {
		t.Errorf("status %d, want 429", resp.StatusCode)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Errorf("Content-Type %q, want the HTML page", ct)
	}
	if resp.Header.Get("Retry-After") != "1" {
		t.Errorf("Retry-After %q", resp.Header.Get("Retry-After"))
	}
	if !strings.Contains(string(body), "The server is busy") {
		t.Errorf("page does not say the server is busy:\n%.400s", body)
	}
	if c := <-done; c != 200 {
		t.Errorf("admitted request got %d", c)
	}
}

// A single document over spoolBytes is answered from a temporary file the
// report is written to as it is made: the body is still Analyze's report,
// byte for byte, and an error is still a clean error response.
func TestAnalyzeLongSingleDocumentIsTheReport(t *testing.T) {
	if testing.Short() {
		t.Skip("analyses 300 KB")
	}
	_, ts := newTest(t, Config{})
	long := strings.Repeat("Russia and China, ", spoolBytes/18+1000)
	body, _ := json.Marshal(map[string]any{"id": "long", "text": long, "targets": []map[string]int{{"start": 0, "end": 6}}})
	resp, got := post(t, ts.URL+"/v1/analyze", "application/json", string(body))
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("status %d %q: %.300s", resp.StatusCode, resp.Header.Get("Content-Type"), got)
	}
	rep, err := analyzer(t).Analyze(context.Background(), diplotext.Input{ID: "long", Text: long, Targets: []diplotext.Span{{Start: 0, End: 6}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Entities) < 10000 {
		t.Fatalf("only %d entities", len(rep.Entities))
	}
	want, _ := json.Marshal(rep)
	if !bytes.Equal(got, append(want, '\n')) {
		t.Fatalf("long report differs from Analyze: %d bytes, want %d", len(got), len(want)+1)
	}
	body, _ = json.Marshal(map[string]any{"id": "bad", "text": long, "targets": []map[string]int{{"start": 0, "end": 1 << 30}}})
	resp, got = post(t, ts.URL+"/v1/analyze", "application/json", string(body))
	wantError(t, resp, got, http.StatusUnprocessableEntity, "out of range")
}

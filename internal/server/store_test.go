package server

import (
	"encoding/json"
	"fmt"
	"net"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// redisURL starts a throw-away redis-server on a free loopback port, or
// skips when redis-server is not installed. stop kills it.
func redisURL(t *testing.T) (url string, stop func()) {
	t.Helper()
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		t.Skip("redis-server not on PATH: skipping the Redis store tests (apt-get install redis-server)")
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	cmd := exec.Command(bin, "--port", fmt.Sprint(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", t.TempDir())
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	killed := false
	stop = func() {
		if !killed {
			killed = true
			cmd.Process.Kill()
			cmd.Wait()
		}
	}
	t.Cleanup(stop)
	for range 100 {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			return fmt.Sprintf("redis://%s/0", addr), stop
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("redis-server did not start")
	return "", nil
}

const wire = "Ministers met in Geneva on Monday to discuss the ceasefire and aid corridors for the besieged city, officials said on Tuesday."

func TestRedisStoreSharedAndGone(t *testing.T) {
	url, stop := redisURL(t)
	// two servers share one Redis index
	_, a := newTest(t, Config{Analyzer: stubAnalyzer(nil), StoreURL: url, Timeout: 3 * time.Second})
	_, b := newTest(t, Config{Analyzer: stubAnalyzer(nil), StoreURL: url, Timeout: 3 * time.Second})
	resp, got := post(t, a.URL+"/v1/dedupe", "application/json", fmt.Sprintf(`{"id":"w1","text":%q}`, wire))
	if resp.StatusCode != 200 {
		t.Fatalf("status %d: %s", resp.StatusCode, got)
	}
	resp, got = post(t, b.URL+"/v1/dedupe", "application/json", fmt.Sprintf(`{"id":"w2","text":%q}`, "GENEVA (Reuters) - "+wire))
	var c Cluster
	if resp.StatusCode != 200 || json.Unmarshal(got, &c) != nil || c.Cluster != "w1" {
		t.Fatalf("second server: status %d: %s", resp.StatusCode, got)
	}
	stop() // Redis goes away
	start := time.Now()
	resp, got = post(t, a.URL+"/v1/dedupe", "application/json", fmt.Sprintf(`{"id":"w3","text":%q}`, wire))
	if resp.StatusCode != 503 {
		t.Fatalf("Redis gone: status %d: %s", resp.StatusCode, got)
	}
	wantError(t, resp, got, 503, "")
	resp, got = post(t, a.URL+"/v1/dedupe", "application/x-ndjson", fmt.Sprintf("{\"id\":\"w4\",\"text\":%q}\n{\"id\":\"w5\",\"text\":\"Talks.\"}\n", wire))
	ls := lines(t, got)
	if resp.StatusCode != 200 || len(ls) != 2 || ls[0]["status"] != float64(503) || ls[1]["status"] != float64(503) {
		t.Errorf("batch with Redis gone: %d %v", resp.StatusCode, ls)
	}
	if d := time.Since(start); d > 15*time.Second {
		t.Errorf("answers with Redis gone took %v", d)
	}
	// the page and analysis do not need the store
	resp, _ = post(t, a.URL+"/v1/analyze", "application/json", `{"text":"Talks."}`)
	if resp.StatusCode != 200 {
		t.Errorf("analyze with Redis gone: %d", resp.StatusCode)
	}
}

func TestFileStoreSurvivesRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "near.snap")
	s1, err := New(Config{Analyzer: stubAnalyzer(nil), StoreURL: "file:" + path})
	if err != nil {
		t.Fatal(err)
	}
	if err := s1.Open(t.Context(), "near"); err != nil {
		t.Fatal(err)
	}
	ix, _ := s1.index(t.Context(), "near")
	if _, err := ix.Add(t.Context(), "w1", wire, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if err := s1.Close(); err != nil { // what shutdown does: the snapshot is saved
		t.Fatal(err)
	}
	_, ts := newTest(t, Config{Analyzer: stubAnalyzer(nil), StoreURL: "file:" + path})
	resp, got := post(t, ts.URL+"/v1/dedupe", "application/json", fmt.Sprintf(`{"id":"w2","text":%q}`, wire+" (AP)"))
	var c Cluster
	if resp.StatusCode != 200 || json.Unmarshal(got, &c) != nil || c.Cluster != "w1" {
		t.Fatalf("after restart: status %d: %s", resp.StatusCode, got)
	}
}

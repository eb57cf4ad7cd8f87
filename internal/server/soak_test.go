package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/diplotext/diplotext/internal/shareddata"
)

// TestSoak is the bounded load and soak test, run only when asked:
//
//	DIPLOTEXT_SOAK=1 go test -run TestSoak -timeout 10m -v ./internal/server
//
// It builds the tool, starts "diplotext serve" on a free 127.0.0.1 port in a
// process of its own, and has DIPLOTEXT_SOAK_CLIENTS (50) clients post ~5 KB
// articles back to back for DIPLOTEXT_SOAK_DURATION (2m). Articles are cut
// from the UN General Debate speeches of the shared data when present, else
// made from the briefing sample. DIPLOTEXT_SOAK_ARGS adds serve flags
// (e.g. "--no-entity-tone"). It fails on any error response or when the
// server's resident memory at the end exceeds its level after the first 10 s
// by more than 10%; it reports throughput, latency percentiles and memory.
func TestSoak(t *testing.T) {
	if os.Getenv("DIPLOTEXT_SOAK") == "" {
		t.Skip("set DIPLOTEXT_SOAK=1 to run the load and soak test (2 minutes, 50 clients)")
	}
	duration := 2 * time.Minute
	if d, err := time.ParseDuration(os.Getenv("DIPLOTEXT_SOAK_DURATION")); err == nil {
		duration = d
	}
	clients := 50
	if n, err := strconv.Atoi(os.Getenv("DIPLOTEXT_SOAK_CLIENTS")); err == nil && n > 0 {
		clients = n
	}
	articles, source := soakArticles(t)
	bin := filepath.Join(t.TempDir(), "diplotext")
	if out, err := exec.Command("go", "build", "-o", bin, "../../cmd/diplotext").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	args := append([]string{"serve", "--addr", addr}, strings.Fields(os.Getenv("DIPLOTEXT_SOAK_ARGS"))...)
	cmd := exec.Command(bin, args...)
	var logs bytes.Buffer
	cmd.Stderr = &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	}()
	base := "http://" + addr
	for i := 0; ; i++ {
		if resp, err := http.Get(base + "/healthz"); err == nil {
			resp.Body.Close()
			break
		}
		if i > 100 {
			t.Fatalf("server did not start:\n%s", logs.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	tr := &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}
	client := &http.Client{Transport: tr, Timeout: time.Minute}
	defer tr.CloseIdleConnections()
	// warm up: models are decoded on first use
	for _, a := range articles[:min(4, len(articles))] {
		if code, err := soakPost(client, base, a); err != nil || code != 200 {
			t.Fatalf("warm-up: %d %v", code, err)
		}
	}
	rssStart := rss(t, cmd.Process.Pid)
	load0 := loadAvg()
	t.Logf("soak: %d clients, %v, %d articles of %s, avg %d bytes, serve %q, load average %s",
		clients, duration, len(articles), source, avgLen(articles), args, load0)

	ctx, cancel := context.WithTimeout(context.Background(), duration)
	defer cancel()
	start := time.Now()
	var mu sync.Mutex
	var lat []time.Duration
	var bytesSent int64
	errs := map[string]int{}
	var rss10 int64
	go func() {
		select {
		case <-time.After(10 * time.Second):
			mu.Lock()
			rss10 = rss(t, cmd.Process.Pid)
			mu.Unlock()
		case <-ctx.Done():
		}
	}()
	var wg sync.WaitGroup
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			var sent int64
			for i := c; ctx.Err() == nil; i += clients {
				a := articles[i%len(articles)]
				t0 := time.Now()
				code, err := soakPost(client, base, a)
				d := time.Since(t0)
				if ctx.Err() != nil && err != nil {
					break // the run ended during this request
				}
				if err != nil || code != 200 {
					mu.Lock()
					errs[fmt.Sprintf("%d %v", code, err)]++
					mu.Unlock()
					continue
				}
				mine = append(mine, d)
				sent += int64(len(a))
			}
			mu.Lock()
			lat = append(lat, mine...)
			bytesSent += sent
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	rssEnd := rss(t, cmd.Process.Pid)
	slices.Sort(lat)
	pct := func(p float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[min(len(lat)-1, int(p*float64(len(lat))))]
	}
	t.Logf("soak: %d requests in %v: %.1f requests/s, %.2f MB/s", len(lat), elapsed.Round(time.Millisecond),
		float64(len(lat))/elapsed.Seconds(), float64(bytesSent)/elapsed.Seconds()/1e6)
	t.Logf("soak: latency p50 %v, p90 %v, p99 %v, max %v (targets: p50 <= 10ms, p99 <= 50ms)",
		pct(.50).Round(10*time.Microsecond), pct(.90).Round(10*time.Microsecond), pct(.99).Round(10*time.Microsecond), pct(1).Round(10*time.Microsecond))
	t.Logf("soak: resident memory %.1f MB after warm-up, %.1f MB after 10 s, %.1f MB at the end (%+.1f%%); load average now %s",
		mb(rssStart), mb(rss10), mb(rssEnd), 100*(float64(rssEnd)/float64(max(rss10, 1))-1), loadAvg())
	if out := os.Getenv("DIPLOTEXT_SOAK_OUT"); out != "" {
		rec, _ := json.Marshal(map[string]any{"clients": clients, "seconds": elapsed.Seconds(), "requests": len(lat),
			"rps": float64(len(lat)) / elapsed.Seconds(), "p50_ms": ms(pct(.5)), "p90_ms": ms(pct(.9)), "p99_ms": ms(pct(.99)),
			"max_ms": ms(pct(1)), "rss_start_mb": mb(rssStart), "rss_10s_mb": mb(rss10), "rss_end_mb": mb(rssEnd),
			"errors": errs, "load_before": load0, "load_after": loadAvg(), "articles": source, "args": args})
		os.WriteFile(out, append(rec, '\n'), 0o644)
	}
	if len(errs) > 0 {
		t.Errorf("error responses: %v", errs)
	}
	if rss10 > 0 && float64(rssEnd) > 1.10*float64(rss10) {
		t.Errorf("resident memory grew from %.1f MB after 10 s to %.1f MB at the end (> 10%%)", mb(rss10), mb(rssEnd))
	}
}

func soakPost(c *http.Client, base, text string) (int, error) {
	resp, err := c.Post(base+"/v1/analyze", "text/plain; charset=utf-8", strings.NewReader(text))
	if err != nil {
		return 0, err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, err
}

// soakArticles cuts ~5 KB articles at sentence ends from the UN General
// Debate speeches, or builds them from the briefing sample.
func soakArticles(t *testing.T) ([]string, string) {
	dir, err := shareddata.Dir()
	if err == nil {
		f, err := os.Open(filepath.Join(dir, "ungd2017", "ungd2017.jsonl"))
		if err == nil {
			defer f.Close()
			var out []string
			sc := bufio.NewScanner(f)
			sc.Buffer(nil, 16<<20)
			for sc.Scan() && len(out) < 400 {
				var rec struct {
					Text string `json:"text"`
				}
				if json.Unmarshal(sc.Bytes(), &rec) != nil {
					continue
				}
				s := rec.Text
				for len(s) > 5200 && len(out) < 400 {
					cut := strings.LastIndex(s[:5200], ". ")
					if cut < 4000 {
						cut = 5000
					}
					out = append(out, s[:cut+1])
					s = s[cut+1:]
				}
			}
			if len(out) > 0 {
				return out, "ungd2017"
			}
		}
	}
	a := article5K(t)
	return []string{a}, "the briefing sample (no shared data)"
}

func rss(t *testing.T, pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Logf("rss: %v", err)
		return 0
	}
	for l := range strings.Lines(string(b)) {
		if v, ok := strings.CutPrefix(l, "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

func loadAvg() string {
	b, _ := os.ReadFile("/proc/loadavg")
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

func avgLen(ss []string) int {
	n := 0
	for _, s := range ss {
		n += len(s)
	}
	return n / max(len(ss), 1)
}

func mb(b int64) float64 { return float64(b) / (1 << 20) }

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

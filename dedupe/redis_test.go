package dedupe

import (
	"errors"
	"fmt"
	"math"
	"net"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// startRedis starts a private redis-server on a free loopback port in a
// temporary folder, or skips the test when redis-server is not installed.
func startRedis(t *testing.T) (url string, stop func()) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	return startRedisOn(t, port, t.TempDir(), false)
}

// startRedisOn starts redis-server on port with its data in dir (with
// appendonly and an fsync per write when durable); stop kills that
// process, by its PID.
func startRedisOn(t *testing.T, port int, dir string, durable bool) (url string, stop func()) {
	t.Helper()
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		t.Skip("redis-server not on PATH: skipping Redis integration tests (apt-get install redis-server)")
	}
	aof := []string{"--appendonly", "no"}
	if durable {
		aof = []string{"--appendonly", "yes", "--appendfsync", "always"}
	}
	cmd := exec.Command(bin, append([]string{"--port", fmt.Sprint(port), "--bind", "127.0.0.1", "--save", "",
		"--dir", dir}, aof...)...)
	if os.Getenv("DIPLOTEXT_REDIS_LOG") != "" {
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	stopped := false
	stop = func() {
		if !stopped {
			stopped = true
			cmd.Process.Kill()
			cmd.Wait()
		}
	}
	t.Cleanup(stop)
	for i := 0; i < 100; i++ {
		if c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", port)); err == nil {
			c.Close()
			return fmt.Sprintf("redis://127.0.0.1:%d/0", port), stop
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("redis-server did not start")
	return "", nil
}

func TestRedisSharedIndex(t *testing.T) {
	url, _ := startRedis(t)
	// two indexes, as two processes would, share one store
	open := func() *Index {
		st, err := OpenStore(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		ix, err := NewIndex(WithStore(st))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { ix.Close() })
		return ix
	}
	a, b := open(), open()
	for i := 0; i < 20; i++ {
		if _, err := a.Add(ctx, fmt.Sprint("d", i), article(uint64(i), 200)); err != nil {
			t.Fatal(err)
		}
	}
	r, err := b.Add(ctx, "copy", "Header line. "+article(3, 200))
	if err != nil || r.Cluster != "d3" {
		t.Fatalf("shared index: %+v %v", r, err)
	}
	if _, err := b.Add(ctx, "d4", "different text altogether here"); err == nil {
		t.Fatal("duplicate id accepted")
	}
	if r, err := b.Add(ctx, "d5", article(5, 200)); err != nil || r.Cluster != "d5" {
		t.Fatalf("idempotent retry: %+v %v", r, err)
	}
	if n, _ := b.Len(ctx); n != 21 {
		t.Fatalf("Len = %d", n)
	}
	if err := b.Remove(ctx, "d7"); err != nil {
		t.Fatal(err)
	}
	if r, _ := a.Add(ctx, "again7", article(7, 200)); r.Cluster != "again7" {
		t.Fatalf("removed entry matched: %+v", r)
	}
}

func TestRedisConnectionLoss(t *testing.T) {
	url, stop := startRedis(t)
	st, err := OpenStore(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	ix, _ := NewIndex(WithStore(st))
	defer ix.Close()
	var added []string
	for i := 0; i < 10; i++ {
		if _, err := ix.Add(ctx, fmt.Sprint("d", i), article(uint64(i), 100)); err != nil {
			t.Fatal(err)
		}
		added = append(added, fmt.Sprint("d", i))
	}
	stop()
	// every insert after the server went away reports an error
	for i := 10; i < 15; i++ {
		if _, err := ix.Add(ctx, fmt.Sprint("d", i), article(uint64(i), 100)); err == nil {
			t.Fatalf("insert %d succeeded without a server", i)
		}
	}
}

// TestRedisLostIndex: a Redis that lost the index (flushed, as a server
// restarted empty is) is detected at the next insert, never used as if it
// were the index; a new Index on it starts a new index.
func TestRedisLostIndex(t *testing.T) {
	url, _ := startRedis(t)
	st, err := OpenStore(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	ix, _ := NewIndex(WithStore(st))
	defer ix.Close()
	for i := range 5 {
		if _, err := ix.Add(ctx, fmt.Sprint("d", i), article(uint64(i), 100)); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.(*redisStore).c.FlushAll(ctx).Err(); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Add(ctx, "after", article(1, 100)); !errors.Is(err, ErrIndexLost) {
		t.Fatalf("insert into a flushed Redis: %v", err)
	}
	// other settings on an existing index are refused
	st2, _ := OpenStore(ctx, url)
	ix2, err := NewIndex(WithStore(st2))
	if err != nil {
		t.Fatal(err)
	}
	ix2.Add(ctx, "x", article(9, 100))
	st3, _ := OpenStore(ctx, url)
	if _, err := NewIndex(WithStore(st3), WithThreshold(0.5)); err == nil || !strings.Contains(err.Error(), "threshold 0.32") {
		t.Fatalf("other threshold on a Redis index: %v", err)
	}
}

// TestRedisPathCompression: a long chain of merges leaves every document
// one or two hops from its root.
func TestRedisPathCompression(t *testing.T) {
	url, _ := startRedis(t)
	st, err := OpenStore(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	r := st.(*redisStore)
	r.useSettings(indexSettings{Hashes: 16, LSH: LSH{Bands: 8, Rows: 2}, Threshold: math.NaN()})
	// a chain g999 -> g998 -> ... -> g0, as unions without compression
	// would leave it
	for i := 1; i < 1000; i++ {
		r.c.HSet(ctx, rp+"parent", fmt.Sprint("g", i), fmt.Sprint("g", i-1))
	}
	if root, err := st.Root(ctx, "g999"); err != nil || root != "g0" {
		t.Fatalf("root %q %v", root, err)
	}
	for i := 1; i < 1000; i++ {
		if p := r.c.HGet(ctx, rp+"parent", fmt.Sprint("g", i)).Val(); p != "g0" {
			t.Fatalf("g%d's parent is %q after the find, want g0", i, p)
		}
	}
}

// TestRedisFault (DIPLOTEXT_REDIS_FAULT=1): a stream into a durable Redis
// whose server is killed by its PID mid-stream and restarted loses no
// acknowledged insert; restarted empty, the lost index is detected.
func TestRedisFault(t *testing.T) {
	if os.Getenv("DIPLOTEXT_REDIS_FAULT") == "" {
		t.Skip("set DIPLOTEXT_REDIS_FAULT=1 to kill and restart a redis-server mid-stream")
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	dir := t.TempDir()
	url, stop := startRedisOn(t, port, dir, true)
	st, err := OpenStore(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	ix, _ := NewIndex(WithStore(st))
	defer ix.Close()
	var acked []string
	failed := 0
	killAt, restartAt := 300, 340
	for i := 0; i < 600; i++ {
		switch i {
		case killAt:
			stop() // kill -9 by PID, mid-stream
		case restartAt:
			url, stop = startRedisOn(t, port, dir, true) // same data folder
		}
		id := fmt.Sprint("d", i)
		if _, err := ix.Add(ctx, id, article(uint64(i%250), 80)); err != nil {
			failed++
			continue
		}
		acked = append(acked, id)
	}
	if failed < restartAt-killAt {
		t.Fatalf("%d inserts failed while the server was down for %d", failed, restartAt-killAt)
	}
	for _, id := range acked {
		if e, err := st.Lookup(ctx, id); err != nil || e == nil {
			t.Fatalf("acknowledged insert %s lost: %v %v", id, e, err)
		}
	}
	t.Logf("%d acknowledged, all stored; %d failed while the server was down", len(acked), failed)

	// killed again and restarted empty (another data folder)
	stop()
	startRedisOn(t, port, t.TempDir(), false)
	var lost error
	for i := 0; i < 50 && lost == nil; i++ {
		_, err := ix.Add(ctx, fmt.Sprint("e", i), article(uint64(i), 80))
		if err == nil {
			t.Fatalf("insert %d acknowledged by an empty Redis", i)
		}
		if errors.Is(err, ErrIndexLost) {
			lost = err
		}
	}
	if lost == nil {
		t.Fatal("the empty Redis was not detected")
	}
}

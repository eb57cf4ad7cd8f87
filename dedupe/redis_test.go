package dedupe

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"testing"
	"time"
)

// startRedis starts a private redis-server on a free loopback port in a
// temporary folder, or skips the test when redis-server is not installed.
func startRedis(t *testing.T) (url string, stop func()) {
	t.Helper()
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		t.Skip("redis-server not on PATH: skipping Redis integration tests (apt-get install redis-server)")
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	cmd := exec.Command(bin, "--port", fmt.Sprint(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
		"--dir", t.TempDir())
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
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

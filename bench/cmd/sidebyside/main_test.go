package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestStats(t *testing.T) {
	lo, med, hi := stats([]float64{3, 1, 2})
	if lo != 1 || med != 2 || hi != 3 {
		t.Fatalf("odd: %v %v %v", lo, med, hi)
	}
	if _, med, _ := stats([]float64{4, 1, 3, 2}); med != 2.5 {
		t.Fatalf("even median %v", med)
	}
}

func TestRunOnceChecksLines(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	if err := os.WriteFile(in, []byte("a\nb\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := runOnce([]string{"cat"}, in, 2, filepath.Join(dir, "out"), os.Environ())
	if err != nil {
		t.Skipf("no cat here: %v", err)
	}
	if m.wall <= 0 || m.wall > time.Minute {
		t.Fatalf("wall %v", m.wall)
	}
	if _, err := runOnce([]string{"cat"}, in, 3, filepath.Join(dir, "out"), os.Environ()); err == nil || !strings.Contains(err.Error(), "2 lines") {
		t.Fatalf("a short output must be an error, got %v", err)
	}
}

func TestReport(t *testing.T) {
	d := series{task: "x", impl: "diplotext", runs: []measure{{wall: time.Second, cpu: time.Second, rssKB: 1024}}}
	p := series{task: "x", impl: "peer", runs: []measure{{wall: 4 * time.Second, cpu: 2 * time.Second, rssKB: 2048}}}
	f, err := os.CreateTemp(t.TempDir(), "r")
	if err != nil {
		t.Fatal(err)
	}
	report(f, []series{d, p}, []string{"note"})
	f.Close()
	b, _ := os.ReadFile(f.Name())
	if !bytes.Contains(b, []byte("4.0× | 2.0×")) {
		t.Fatalf("ratios missing:\n%s", b)
	}
}

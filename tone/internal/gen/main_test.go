package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden file")

// TestGenerateGolden runs the generator on a small made-up lexicon and
// compares its output with testdata/golden.go.txt.
func TestGenerateGolden(t *testing.T) {
	lex := []byte("good\t1.9\t0.9\t[2, 2]\nbad\t-2.5\t0.6\t[-3, -2]\n:)\t2.0\t1.1\t[2, 2]\n")
	emo := []byte("\U0001F600\tgood face\n\U0001F610\tneutral face\n\U0001F44D\U0001F3FD\tgood good\n")
	got, err := generate(lex, emo)
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "golden.go.txt")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("generated output differs from %s (run go test -update):\n%s", golden, got)
	}
}

func TestGenerateErrors(t *testing.T) {
	for _, in := range []string{"", "word\n", "word\tx\n"} {
		if _, err := generate([]byte(in), nil); err == nil {
			t.Errorf("generate(%q): want error", in)
		}
	}
}

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diplotext/diplotext/internal/shareddata"
)

func runEval(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb}
	code := run(context.Background(), e, append([]string{"eval"}, args...))
	return out.String(), errb.String(), code
}

func TestEvalEntityUsage(t *testing.T) {
	for _, args := range [][]string{{"ner"}, {"ner", "--conll", "x", "--input", "bogus"}, {"canonical", "--conll", "x"}, {"places"}} {
		if _, _, code := runEval(t, args...); code == 0 {
			t.Errorf("eval %v: exit 0", args)
		}
	}
}

// TestEvalEntityOnSharedData runs eval ner (both inputs), eval canonical
// and eval places on the shared data, when it is there, and checks the
// figures are in the range they were measured at.
func TestEvalEntityOnSharedData(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	dir := shareddata.Require(t, ".")
	testa := filepath.Join(dir, "conll2003", "eng.testa")
	aida := filepath.Join(dir, "aida-conll", "aida-conll-dev.benchmark.jsonl")
	lgl := filepath.Join(dir, "geoparsing", "lgl.xml")
	for _, p := range []string{testa, aida, lgl} {
		if _, err := os.Stat(p); err != nil {
			t.Skip("shared data absent:", err)
		}
	}
	f1 := func(args ...string) float64 {
		out, errs, code := runEval(t, append(args, "--json")...)
		if code != 0 {
			t.Fatalf("eval %v: exit %d: %s", args, code, errs)
		}
		var v struct {
			F1      float64 `json:"f1"`
			Overall struct {
				F1 float64 `json:"f1"`
			} `json:"overall"`
		}
		if err := json.Unmarshal([]byte(out), &v); err != nil {
			t.Fatalf("eval %v: %v: %s", args, err, out)
		}
		return v.F1 + v.Overall.F1
	}
	for _, c := range []struct {
		args []string
		min  float64
	}{
		{[]string{"ner", "--conll", testa}, 0.92},
		{[]string{"ner", "--conll", testa, "--input", "tokens"}, 0.925},
		{[]string{"canonical", "--conll", testa, "--aida", aida}, 0.93},
		{[]string{"places", "--lgl", lgl}, 0.85},
	} {
		if got := f1(c.args...); got < c.min {
			t.Errorf("eval %v: F1 %.4f < %.3f", c.args, got, c.min)
		}
	}
}

package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Invented sentences in the two shared CAMEO formats.
const (
	eventClassFixture = "Rebels attacked the army base.\t4\r\nThe ministers agreed to meet again.\t1\r\nThe government sent food aid to the region.\t2\r\nThe opposition accused the president of fraud.\t3\r\nThe spokesman said the talks would go on.\t0\r\n" +
		"Troops shelled the town.\t4\r\nLeaders welcomed the accord.\t1\r\nThe army released the prisoners.\t2\r\nThe court rejected the appeal.\t3\r\nThe minister made a statement.\t0\r\n"
	eventActorFixture = "Rebels B-S\nattacked O\nthe B-T\narmy I-T\nbase I-T\n. O\n\nThe B-S\nministers I-S\nwelcomed O\nthe B-T\naccord I-T\n. O\n\nTroops B-S\nshelled O\nthe B-T\ntown I-T\n. O\n"
)

func runEvalEvents(t *testing.T, args ...string) (string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb}
	code := run(context.Background(), e, append([]string{"eval", "events"}, args...))
	return out.String() + errb.String(), code
}

func TestEvalEvents(t *testing.T) {
	dir := t.TempDir()
	cls := filepath.Join(dir, "classes.tsv")
	act := filepath.Join(dir, "actors.txt")
	if err := os.WriteFile(cls, []byte(eventClassFixture), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(act, []byte(eventActorFixture), 0o644); err != nil {
		t.Fatal(err)
	}
	out, code := runEvalEvents(t, "--folds", "2", cls, act)
	if code != 0 || !strings.Contains(out, "2-fold cross-validation") || !strings.Contains(out, "macro-F1=") || !strings.Contains(out, "source P/R/F1=") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	// the error dump: an outcome line for every kind seen, a dump line for
	// every sentence not exact, and 3 actor sentences in all
	out, code = runEvalEvents(t, "--folds", "2", "--seed", "7", "--target-errors", cls, act)
	if code != 0 {
		t.Fatalf("--target-errors: exit %d:\n%s", code, out)
	}
	outcomes, notExact, dumped := 0, 0, 0
	for _, line := range strings.Split(out, "\n") {
		f := strings.Split(line, "\t")
		switch f[0] {
		case "target-outcome":
			var n int
			if _, err := fmt.Sscan(f[2], &n); err != nil {
				t.Fatalf("outcome line %q", line)
			}
			outcomes += n
			if f[1] != "exact" && f[1] != "correct-none" {
				notExact += n
			}
		case "target-error":
			dumped++
			if len(f) != 6 {
				t.Errorf("dump line with %d fields: %q", len(f), line)
			}
		}
	}
	if outcomes != 3 || dumped != notExact {
		t.Errorf("outcomes %d (want 3), %d not exact, %d dumped:\n%s", outcomes, notExact, dumped, out)
	}
	out, code = runEvalEvents(t, "--no-cv", "--json", cls)
	if code != 0 || !strings.Contains(out, `"macro_f1"`) {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	if _, code := runEvalEvents(t); code != 2 {
		t.Errorf("no file: exit %d, want 2", code)
	}
	if _, code := runEvalEvents(t, "--folds", "1", cls); code != 2 {
		t.Errorf("--folds 1: exit %d, want 2", code)
	}
	if out, code := runEvalEvents(t, filepath.Join(dir, "missing.tsv")); code != 1 {
		t.Errorf("missing file: exit %d\n%s", code, out)
	}
}

package bench

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/diplotext/diplotext/internal/shareddata"
)

// speeches returns the UN General Debate 2017 speeches, or skips.
func speeches(tb testing.TB) []string {
	tb.Helper()
	texts, err := shareddata.UNSpeeches(shareddata.Require(tb, "ungd2017/ungd2017.jsonl"))
	if err != nil {
		tb.Fatal(err)
	}
	return texts
}

func totalBytes(texts []string) int64 {
	n := 0
	for _, t := range texts {
		n += len(t)
	}
	return int64(n)
}

// proseDir returns the folder of the prose module in the module cache.
func proseDir(tb testing.TB) string {
	tb.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/jdkato/prose/v2").Output()
	if err != nil {
		tb.Skipf("cannot locate the prose module: %v", err)
	}
	return strings.TrimSpace(string(out))
}

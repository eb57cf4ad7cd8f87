// Package shareddata locates the labelled development data (the shared/data
// folder beside the repository, or $DIPLOTEXT_DATA) for tests, benchmarks and
// evaluation tools. The data is never part of the repository.
package shareddata

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// Dir returns the shared data folder: $DIPLOTEXT_DATA if set, otherwise the
// first shared/data folder found walking up from the working directory. It
// returns an error when there is none.
func Dir() (string, error) {
	if d := os.Getenv("DIPLOTEXT_DATA"); d != "" {
		if st, err := os.Stat(d); err != nil || !st.IsDir() {
			return "", fmt.Errorf("DIPLOTEXT_DATA=%s is not a folder", d)
		}
		return d, nil
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("shared data: %w", err)
	}
	for {
		p := filepath.Join(dir, "shared", "data")
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			return p, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("shared data not found: set DIPLOTEXT_DATA or put shared/data beside the repository")
		}
		dir = parent
	}
}

// TB is the part of testing.TB that [Require] uses.
type TB interface {
	Helper()
	Skip(args ...any)
}

// Require returns the path of name inside the shared data folder, or skips
// the test or benchmark with a clear message when it is absent.
func Require(tb TB, name string) string {
	tb.Helper()
	dir, err := Dir()
	if err != nil {
		tb.Skip(err.Error())
		return ""
	}
	p := filepath.Join(dir, name)
	if _, err := os.Stat(p); err != nil {
		tb.Skip(fmt.Sprintf("shared data %s is absent: %v", name, err))
	}
	return p
}

// UNSpeeches reads the texts of the UN General Debate 2017 speeches from
// path (ungd2017/ungd2017.jsonl).
func UNSpeeches(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for n := 1; sc.Scan(); n++ {
		var rec struct {
			Text string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		out = append(out, rec.Text)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return out, nil
}

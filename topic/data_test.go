package topic

import (
	"os"
	"path/filepath"
	"testing"
)

// dataDir finds ../shared/data beside the module (or $DIPLOTEXT_DATA), or
// skips the test.
func dataDir(t testing.TB, sub string) string {
	t.Helper()
	if d := os.Getenv("DIPLOTEXT_DATA"); d != "" {
		p := filepath.Join(d, sub)
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Skip("shared data not found")
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		p := filepath.Join(dir, "shared", "data", sub)
		if _, err := os.Stat(p); err == nil {
			return p
		}
		if filepath.Dir(dir) == dir {
			break
		}
	}
	t.Skipf("shared data %s not found beside the module (set DIPLOTEXT_DATA); skipping", sub)
	return ""
}

func long(t testing.TB) {
	if os.Getenv("DIPLOTEXT_LONG") == "" {
		t.Skip("set DIPLOTEXT_LONG=1 for accuracy runs on the shared data")
	}
}

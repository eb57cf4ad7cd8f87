package topic

import (
	"os"
	"testing"

	"github.com/diplotext/diplotext/internal/shareddata"
)

// dataDir finds ../shared/data beside the module (or $DIPLOTEXT_DATA), or
// skips the test.
func dataDir(t testing.TB, sub string) string {
	t.Helper()
	return shareddata.Require(t, sub)
}

func long(t testing.TB) {
	if os.Getenv("DIPLOTEXT_LONG") == "" {
		t.Skip("set DIPLOTEXT_LONG=1 for accuracy runs on the shared data")
	}
}

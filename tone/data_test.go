package tone

import (
	"testing"

	"github.com/diplotext/diplotext/internal/eval/stats"
	"github.com/diplotext/diplotext/internal/shareddata"
	"github.com/diplotext/diplotext/tone/internal/tonedata"
)

// dataDir finds the shared development data: $DIPLOTEXT_DATA, or a
// shared/data folder beside the module found by walking up from the
// working directory. Tests that need it skip when it is absent.
func dataDir(t testing.TB) string {
	t.Helper()
	return shareddata.Require(t, ".")
}

// loadRated reads one VADER ground-truth set, skipping the test if absent.
func loadRated(t testing.TB, dir, set string) []tonedata.Rated {
	t.Helper()
	r, err := tonedata.LoadRated(dir, set)
	if err != nil {
		t.Skip(err)
	}
	return r
}

// loadNewsMTSC reads the NewsMTSC train targets, skipping the test if absent.
func loadNewsMTSC(t testing.TB, dir string) []tonedata.Target {
	t.Helper()
	r, err := tonedata.LoadNewsMTSC(dir)
	if err != nil {
		t.Skip(err)
	}
	return r
}

func spearman(x, y []float64) float64 { return stats.Spearman(x, y) }

func pearson(x, y []float64) float64 { return stats.Pearson(x, y) }

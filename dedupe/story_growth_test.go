package dedupe

import (
	"fmt"
	"os"
	"syscall"
	"testing"
	"time"
)

// cpuTime is the process's user + system CPU time.
func cpuTime(t *testing.T) time.Duration {
	t.Helper()
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		t.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestStoriesGrowthIsNearLinear (DIPLOTEXT_LONG=1, issue 16.6): adding
// 105,000 unique short documents costs at most 2.7 times as much CPU per
// document as adding 6,600. Before the fix the tool took 52 times as long
// for 16 times the documents (3.25 times per document); after it, the
// library measures about 2 times (the inverted index's posting lists fill
// up to their cap of 256 stories per term, then stay flat).
func TestStoriesGrowthIsNearLinear(t *testing.T) {
	if os.Getenv("DIPLOTEXT_LONG") == "" {
		t.Skip("set DIPLOTEXT_LONG=1 to time story-mode growth (about 20 s of CPU)")
	}
	perDoc := func(n int) time.Duration {
		docs := shortDocs(n)
		st, _ := NewStories()
		t0 := time.Unix(0, 0)
		start := cpuTime(t)
		for i, d := range docs {
			if _, err := st.AddAt(ctx, fmt.Sprint(i), d, t0.Add(time.Duration(i)*time.Second)); err != nil {
				t.Fatal(err)
			}
		}
		return (cpuTime(t) - start) / time.Duration(n)
	}
	small, large := perDoc(6600), perDoc(105000)
	ratio := float64(large) / float64(small)
	t.Logf("CPU per document: 6,600 docs %v, 105,000 docs %v, ratio %.2f", small, large, ratio)
	if ratio > 2.7 {
		t.Errorf("CPU per document grows %.2f times for 16 times the documents, want at most 2.7", ratio)
	}
}

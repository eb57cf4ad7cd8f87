package dedupe

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"
)

// TestScale indexes synthetic news-length documents with all cores and
// reports time and index memory per document. It runs only with
// DIPLOTEXT_LONG=1; DIPLOTEXT_SCALE sets the sizes (default 1e4,1e5,1e6).
func TestScale(t *testing.T) {
	if os.Getenv("DIPLOTEXT_LONG") == "" {
		t.Skip("set DIPLOTEXT_LONG=1 to run the 1e4..1e6 scale test")
	}
	sizes := []int{1e4, 1e5, 1e6}
	if s := os.Getenv("DIPLOTEXT_SCALE"); s != "" {
		n, _ := strconv.Atoi(s)
		sizes = []int{n}
	}
	for _, n := range sizes {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		ix, _ := NewIndex()
		workers := runtime.GOMAXPROCS(0)
		start := time.Now()
		var wg sync.WaitGroup
		var bytes [64]int64
		for w := 0; w < workers; w++ {
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				for i := w; i < n; i += workers {
					// every 10th document is a copy of an earlier one
					seed := uint64(i)
					if i%10 == 9 {
						seed = uint64(i - 9)
					}
					doc := article(seed, 450)
					bytes[w] += int64(len(doc))
					if _, err := ix.AddText(ctx, strconv.Itoa(i), doc); err != nil {
						t.Error(err)
						return
					}
				}
			}(w)
		}
		wg.Wait()
		el := time.Since(start)
		runtime.GC()
		runtime.ReadMemStats(&after)
		var tb int64
		for _, b := range bytes {
			tb += b
		}
		per := float64(after.HeapAlloc-before.HeapAlloc) / float64(n)
		t.Log(fmt.Sprintf("n=%d workers=%d time=%.1fs (%.0f docs/s, %.1f MB/s incl. generating text) index heap=%.0f bytes/doc",
			n, workers, el.Seconds(), float64(n)/el.Seconds(), float64(tb)/el.Seconds()/1e6, per))
		runtime.KeepAlive(ix)
	}
}

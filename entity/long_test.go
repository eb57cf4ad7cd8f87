package entity_test

import (
	"math/rand/v2"
	"os"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// adversarial returns n bytes of each kind of input that once made the
// tagger slow or greedy (issue 16): commas, "U.S. " and "Russia and
// China, " repeated, random bytes and a list of place names.
func adversarial(n int) map[string]string {
	rnd := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, n)
	for i := range random {
		random[i] = byte(rnd.IntN(256))
	}
	rep := func(s string) string { return strings.Repeat(s, n/len(s)) }
	return map[string]string{
		"commas":  rep(","),
		"us":      rep("U.S. "),
		"russia":  rep("Russia and China, "),
		"random":  string(random),
		"places":  rep("Paris, London, Berlin, Kuala Lumpur, Georgia, Texas, "),
		"nospace": rep("Ab"),
	}
}

// peakHeap runs f and returns the highest live heap seen above the heap
// before, sampled every millisecond.
func peakHeap(f func()) uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 { metrics.Read(sample); return sample[0].Value.Uint64() }
	runtime.GC()
	base := read()
	var peak atomic.Uint64
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		for {
			if v := read(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-done:
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	f()
	close(done)
	<-stopped
	if p := peak.Load(); p > base {
		return p - base
	}
	return 0
}

// TestLongInputsLinear checks, on 1 MB and 4 MB of each adversarial input,
// that time grows linearly (4 MB takes at most 8 times as long as 1 MB)
// and that the heap stays within 200 MB plus 80 bytes a byte of input
// (half of it the text.Document that text.Parse builds: tokens, folded
// forms, hashes and shapes). Set DIPLOTEXT_LONG=1 to run it.
func TestLongInputsLinear(t *testing.T) {
	if os.Getenv("DIPLOTEXT_LONG") == "" {
		t.Skip("set DIPLOTEXT_LONG=1 to run the long-input test")
	}
	tg := tagger(t)
	small, large := adversarial(1<<20), adversarial(4<<20)
	for name := range small {
		var took [2]time.Duration
		var heap [2]uint64
		for k, in := range []string{small[name], large[name]} {
			heap[k] = peakHeap(func() {
				t0 := time.Now()
				ents, err := tg.Tag(in)
				took[k] = time.Since(t0)
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				checkSpans(t, in, ents)
			})
		}
		ratio := took[1].Seconds() / took[0].Seconds()
		t.Logf("%-8s 1 MB %v, 4 MB %v (x%.1f); peak heap %.0f MB, %.0f MB (%.0f bytes a byte)", name,
			took[0].Round(time.Millisecond), took[1].Round(time.Millisecond), ratio,
			float64(heap[0])/1e6, float64(heap[1])/1e6, float64(heap[1])/float64(len(large[name])))
		if ratio > 8 {
			t.Errorf("%s: 4 MB took %.1f times as long as 1 MB", name, ratio)
		}
		if limit := 200<<20 + 80*uint64(len(large[name])); heap[1] > limit {
			t.Errorf("%s: peak heap %d bytes for %d bytes of input", name, heap[1], len(large[name]))
		}
	}
}

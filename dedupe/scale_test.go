package dedupe

import (
	"math"
	"math/rand/v2"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// newsText appends a synthetic news-length text to dst: n words drawn from
// a Zipf distribution over 50,000 word forms (so that common words and
// phrases recur across documents as in real news), in sentences of 8-30
// words. When edit > 0, that share of the words is replaced (an edited
// copy of the same seed's text).
func newsText(dst []byte, seed uint64, n int, edit float64) []byte {
	r := rand.New(rand.NewPCG(seed, 7))
	z := zipfWords()
	var er *rand.Rand
	if edit > 0 {
		er = rand.New(rand.NewPCG(seed, 99))
	}
	next := 8 + r.IntN(23)
	for i := 0; i < n; i++ {
		w := uint64(z[r.Uint32()>>16])
		if er != nil && er.Float64() < edit {
			w = er.Uint64N(50000)
		}
		if i > 0 {
			if i == next {
				dst = append(dst, ". "...)
				next += 8 + r.IntN(23)
			} else {
				dst = append(dst, ' ')
			}
		}
		dst = append(dst, wordForms()[w]...)
	}
	return append(dst, '.')
}

// zipfWords maps 16-bit random numbers to word numbers with Zipf
// frequencies (exponent 1.07 over 50,000 words).
var zipfWords = sync.OnceValue(func() []uint16 {
	const words = 50000
	var sum float64
	for i := range words {
		sum += 1 / math.Pow(float64(i+2), 1.07)
	}
	t := make([]uint16, 1<<16)
	var cum float64
	w := 0
	for j := range t {
		for w < words-1 && cum+1/math.Pow(float64(w+2), 1.07) < float64(j)/float64(len(t))*sum {
			cum += 1 / math.Pow(float64(w+2), 1.07)
			w++
		}
		t[j] = uint16(w)
	}
	return t
})

// wordForms are the synthetic words: "w" and a base-36 number.
var wordForms = sync.OnceValue(func() []string {
	f := make([]string, 50000)
	for i := range f {
		f[i] = "w" + strconv.FormatUint(uint64(i), 36)
	}
	return f
})

// TestScale indexes synthetic news-length documents (450 words, every
// 10th an edited copy of an earlier one) from GOMAXPROCS goroutines and
// reports the indexing time, the time to generate the texts alone, and the
// index heap per document. It runs only with DIPLOTEXT_LONG=1;
// DIPLOTEXT_SCALE sets the sizes (default 1e4,1e5,1e6).
func TestScale(t *testing.T) {
	if os.Getenv("DIPLOTEXT_LONG") == "" {
		t.Skip("set DIPLOTEXT_LONG=1 to run the 1e4..1e6 scale test")
	}
	sizes := []int{1e4, 1e5, 1e6}
	if s := os.Getenv("DIPLOTEXT_SCALE"); s != "" {
		sizes = nil
		for _, f := range strings.Split(s, ",") {
			n, err := strconv.ParseFloat(f, 64)
			if err != nil {
				t.Fatal(err)
			}
			sizes = append(sizes, int(n))
		}
	}
	workers := runtime.GOMAXPROCS(0)
	gen := func(i int, buf []byte) []byte {
		if i%10 == 9 {
			return newsText(buf[:0], uint64(i-9), 450, 0.03)
		}
		return newsText(buf[:0], uint64(i), 450, 0)
	}
	for _, n := range sizes {
		// the texts alone, to tell generating from indexing
		start := time.Now()
		var genBytes int64
		var wg sync.WaitGroup
		var mu sync.Mutex
		for w := 0; w < workers; w++ {
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				var buf []byte
				var b int64
				for i := w; i < n; i += workers {
					buf = gen(i, buf)
					b += int64(len(buf))
				}
				mu.Lock()
				genBytes += b
				mu.Unlock()
			}(w)
		}
		wg.Wait()
		genTime := time.Since(start)

		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		ix, err := NewIndex()
		if err != nil {
			t.Fatal(err)
		}
		var matched int64
		start = time.Now()
		for w := 0; w < workers; w++ {
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				var buf []byte
				var m int64
				for i := w; i < n; i += workers {
					buf = gen(i, buf)
					r, err := ix.Add(ctx, strconv.Itoa(i), string(buf))
					if err != nil {
						t.Error(err)
						return
					}
					if len(r.Similar) > 0 {
						m++
					}
				}
				mu.Lock()
				matched += m
				mu.Unlock()
			}(w)
		}
		wg.Wait()
		el := time.Since(start)
		runtime.GC()
		runtime.ReadMemStats(&after)
		per := float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / float64(n)
		t.Logf("n=%d workers=%d: %.1fs (%.0f docs/s, %.0f MB/s) including %.1fs of generating the texts; index heap %.0f bytes/doc; %d docs matched an earlier one (want about %d)",
			n, workers, el.Seconds(), float64(n)/el.Seconds(), float64(genBytes)/el.Seconds()/1e6, genTime.Seconds(), per, matched, n/10)
		if matched < int64(n/10)*9/10 {
			t.Errorf("only %d of the %d edited copies matched", matched, n/10)
		}
		runtime.KeepAlive(ix)
	}
}

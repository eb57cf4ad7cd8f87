package dedupe

import (
	"math"
	"sync"
	"sync/atomic"
)

// LSH is a banding of MinHash signatures: Bands bands of Rows consecutive
// signature values each. Two documents become candidates when all the rows
// of at least one band agree, which happens with probability
// 1-(1-J^Rows)^Bands for Jaccard similarity J.
type LSH struct {
	Bands, Rows int
}

// Key returns the bucket key of band b of sig: a fixed-seed hash of the
// band number and its rows, comparable across processes. Rows past the end
// of a short sig are absent (the key hashes the rows there are), and a
// negative band or row count is band or rows 0; it never panics.
func (l LSH) Key(sig []uint16, b int) uint64 {
	b, r := max(b, 0), max(l.Rows, 0)
	lo, hi := min(b*r, len(sig)), min((b+1)*r, len(sig))
	if b*r < 0 || (b+1)*r < 0 { // overflow
		lo, hi = len(sig), len(sig)
	}
	rows := sig[lo:hi]
	if len(rows) <= 3 && b < 1<<16 {
		// the band number and up to three values fit in one word
		x := uint64(b+1) << 48
		for i, v := range rows {
			x |= uint64(v) << (16 * i)
		}
		return mix64(x ^ prime2)
	}
	h := uint64(b+1) * prime2
	for _, v := range rows {
		h = combine(h, uint64(v))
	}
	return mix64(h)
}

// keysInto sets keys[b] to l.Key(sig, b) for each band b < len(keys),
// with the common case (up to three rows, all of them in sig) in a loop
// of its own.
func (l LSH) keysInto(sig []uint16, keys []uint64) {
	r := l.Rows
	if r < 1 || r > 3 || len(keys) > 1<<16 || len(keys)*r > len(sig) {
		for b := range keys {
			keys[b] = l.Key(sig, b)
		}
		return
	}
	if r == 2 {
		sig = sig[:2*len(keys)]
		for b := range keys {
			x := uint64(b+1)<<48 | uint64(sig[2*b]) | uint64(sig[2*b+1])<<16
			keys[b] = mix64(x ^ prime2)
		}
		return
	}
	for b := range keys {
		x := uint64(b+1) << 48
		for i, v := range sig[b*r : (b+1)*r] {
			x |= uint64(v) << (16 * i)
		}
		keys[b] = mix64(x ^ prime2)
	}
}

// Keys appends the bucket keys of all bands of sig to dst.
func (l LSH) Keys(sig []uint16, dst []uint64) []uint64 {
	for b := 0; b < l.Bands; b++ {
		dst = append(dst, l.Key(sig, b))
	}
	return dst
}

// Probability returns the chance that two documents of Jaccard similarity j
// share a bucket.
func (l LSH) Probability(j float64) float64 {
	return 1 - math.Pow(1-math.Pow(j, float64(l.Rows)), float64(l.Bands))
}

// OptimalLSH returns the banding of a signature of k values, with at most
// maxBands bands, that minimises wFP·FP + wFN·FN, where FP is the area under
// the collision curve below threshold (pairs found that should not be) and
// FN the area above it that is missed. Weights are normalised; both zero
// means equal weights.
//
// Results are cached, so creating many indexes with the same settings is
// cheap.
func OptimalLSH(threshold float64, k, maxBands int, wFP, wFN float64) LSH {
	key := lshKey{threshold, k, maxBands, wFP, wFN}
	for _, kn := range knownLSH {
		if kn.key == key {
			return kn.lsh
		}
	}
	if l, ok := lshCache.Load(key); ok {
		return l.(LSH)
	}
	l := optimalLSH(threshold, k, maxBands, wFP, wFN)
	if lshCached.Add(1) <= 1024 {
		lshCache.Store(key, l)
	}
	return l
}

// knownLSH holds what optimalLSH returns for the default settings of
// NewIndex (the threshold being the containment rule's Jaccard floor), so
// that a process does not spend its first milliseconds on the search
// (about 40 million instructions). TestKnownLSH recomputes every entry.
var knownLSH = [...]struct {
	key lshKey
	lsh LSH
}{
	{lshKey{DefaultMinJaccard, DefaultHashes, DefaultMaxBands, 0.3, 0.7}, LSH{Bands: 32, Rows: 2}},
}

type lshKey struct {
	threshold   float64
	k, maxBands int
	wFP, wFN    float64
}

// lshCache memoises OptimalLSH for up to 1024 settings.
var (
	lshCache  sync.Map
	lshCached atomic.Int64
)

func optimalLSH(threshold float64, k, maxBands int, wFP, wFN float64) LSH {
	if wFP+wFN <= 0 {
		wFP, wFN = 0.5, 0.5
	}
	threshold = min(max(threshold, 0.01), 0.99)
	if maxBands <= 0 || maxBands > k {
		maxBands = k
	}
	best, bestErr := LSH{Bands: 1, Rows: max(k, 1)}, math.Inf(1)
	for b := 1; b <= maxBands; b++ {
		prev := math.Inf(1)
		for r := min(2, k); b*r <= k; r++ {
			l := LSH{Bands: b, Rows: r}
			fp := integrate(l.Probability, 0, threshold)
			fn := integrate(func(j float64) float64 { return 1 - l.Probability(j) }, threshold, 1)
			e := wFP*fp + wFN*fn
			if e < bestErr {
				best, bestErr = l, e
			}
			// once a band barely ever collides at the threshold, more
			// rows only miss more: the error grows from here on, so the
			// search is bounded however long the signature
			if l.Probability(threshold) < 1e-6 && e > prev {
				break
			}
			prev = e
		}
	}
	return best
}

// integrate is the trapezoidal rule with 200 steps.
func integrate(f func(float64) float64, a, b float64) float64 {
	const n = 200
	h := (b - a) / n
	s := (f(a) + f(b)) / 2
	for i := 1; i < n; i++ {
		s += f(a + float64(i)*h)
	}
	return s * h
}

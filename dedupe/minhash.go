package dedupe

import (
	"math"
	"math/bits"
	"unsafe"
)

// Sketch is the MinHash sketch of a shingle set: Sig holds one 16-bit value
// (the low bits of the minimum, a "b-bit" MinHash with b = 16) per hash
// function or bin, and Size the number of distinct shingles. Sketches made
// with the same hasher kind and length are comparable across processes and
// machines.
type Sketch struct {
	Sig  []uint16
	Size uint32
}

// Hasher selects how MinHash sketches are computed.
type Hasher uint8

const (
	// OnePermutation is one-permutation hashing (Li et al. 2012): each
	// shingle is hashed once and falls into one of k bins; while bins are
	// empty (documents with fewer than about k·ln k shingles), further
	// rounds hash the shingles into fresh bins (fast similarity sketching,
	// Dahlgaard et al. 2017), so short documents still get k samples. Cost
	// O(n + k log k) for n shingles. The default.
	OnePermutation Hasher = iota
	// Classic is k independent hash functions, each taking the minimum over
	// all shingles: cost O(n·k).
	Classic
)

// String returns "oph" or "classic".
func (h Hasher) String() string {
	if h == Classic {
		return "classic"
	}
	return "oph"
}

// distinct counts the distinct values of hs with an open-addressing set
// of their top 32 bits, placed by their low bits (linear time; the sketches
// themselves ignore repeats). Two shingles are counted once only if both
// halves nearly agree, which happens with negligible probability. The set
// is at most a quarter full, so that most probes end at the first slot
// (at half load the probe loop's branches were mispredicted often enough
// to cost more than clearing the larger set).
func distinct(hs []uint64, set []uint32) (int, []uint32) {
	n := 64
	for n < 4*len(hs) {
		n *= 2
	}
	if cap(set) < n {
		set = make([]uint32, n)
	}
	set = set[:n]
	clear(set)
	mask := uint64(n - 1)
	count := 0
	for _, x := range hs {
		y := uint32(x>>32) | 1 // 0 marks an empty slot
		for i := x & mask; ; i = (i + 1) & mask {
			if set[i] == y {
				break
			}
			if set[i] == 0 {
				set[i] = y
				count++
				break
			}
		}
	}
	return count, set
}

// sketchInto computes the sketch of the shingle hashes hs into sig (len k,
// a power of two for OnePermutation) and returns the number of distinct
// shingles. mins is scratch of len k; set is reusable scratch for counting.
func sketchInto(kind Hasher, hs []uint64, sig []uint16, mins []uint64, set *[]uint32) uint32 {
	var n int
	n, *set = distinct(hs, *set)
	if len(hs) == 0 {
		clear(sig)
		return 0
	}
	if kind == Classic {
		classicInto(hs, sig, mins)
	} else {
		ophInto(hs, sig, mins)
	}
	return uint32(n)
}

func classicInto(hs []uint64, sig []uint16, mins []uint64) {
	for i := range mins {
		mins[i] = math.MaxUint64
	}
	for _, x := range hs {
		for i := range mins {
			// multiply-shift with fixed odd multipliers per function
			v := x*classicA[i&255] + classicB[i&255] + uint64(i>>8)*prime2
			if v < mins[i] {
				mins[i] = v
			}
		}
	}
	for i, m := range mins {
		sig[i] = uint16(m >> 24) // middle bits: the leading bits of a minimum are mostly zero
	}
}

var classicA, classicB = func() (a, b [256]uint64) {
	s := uint64(0x243f6a8885a308d3) // digits of pi
	for i := range a {
		s += prime1
		a[i] = mix64(s) | 1
		s += prime1
		b[i] = mix64(s)
	}
	return
}()

// ophInto is one-permutation hashing in rounds (fast similarity
// sketching, Dahlgaard, Knudsen and Thorup 2017): in round 0 each shingle
// falls into the bin chosen by its top bits; while some bins are empty,
// further rounds hash every shingle again into fresh bins (twice per
// round). A value of round
// r always beats a value of a later round, so the minimum of a filled bin
// is its minimum over all rounds, and two sets agree in a bin with
// probability equal to their Jaccard similarity, with k samples even for
// sets smaller than k (where densification would repeat a few samples).
// Cost O(n + k log k). mins is scratch of len k.
func ophInto(hs []uint64, sig []uint16, mins []uint64) {
	k := len(sig)
	if k == 128 && len(mins) == 128 {
		oph128(hs, (*[128]uint16)(sig), (*[128]uint64)(mins))
		return
	}
	bbits := uint(bitsLen(k))
	shift := 64 - bbits
	// A bin's value holds the round in its top 16 bits and 48 bits of the
	// element's hash below, so a value of an earlier round is always
	// smaller; MaxUint64 marks an empty bin. The signature value is the low
	// 16 bits of the bin's value, so the loops only keep minima (branch
	// free).
	for i := range mins {
		mins[i] = math.MaxUint64
	}
	for _, x := range hs { // round 0: the shingle hashes are already well mixed
		bin := x >> shift & uint64(k-1)
		mins[bin] = min(mins[bin], x<<bbits>>16)
	}
	empty := countEmpty(mins)
	// Later rounds throw each shingle twice from one multiplication: bins
	// from the top two bbits-bit fields of the product, values (vbits
	// each) from the rest.
	vbits := (64 - 2*bbits) / 2
	vmask := uint64(1)<<vbits - 1
	maxRounds := min(1<<16-1, 4+32*k/max(len(hs), 1))
	for r := 1; empty > 0 && len(hs) > 0 && r <= maxRounds; r++ {
		seed := mix64(uint64(r))
		tag := uint64(r) << 48
		for _, x := range hs {
			// x is uniformly mixed already; the shift brings high bits
			// into the low ones (the bin bits stay)
			y := (x ^ seed) * prime2
			y ^= y >> 29
			bin := y >> shift & uint64(k-1)
			mins[bin] = min(mins[bin], tag|y&vmask)
			bin = y >> (shift - bbits) & uint64(k-1)
			mins[bin] = min(mins[bin], tag|y>>vbits&vmask)
		}
		empty = countEmpty(mins)
	}
	for i, m := range mins {
		sig[i] = uint16(m)
	}
	if empty == 0 || len(hs) == 0 {
		return
	}
	densify(sig, mins)
}

// densify fills the bins left empty after the rounds (only for documents
// of one or two shingles) from full bins.
func densify(sig []uint16, mins []uint64) {
	k := len(sig)
	for i, m := range mins {
		if m != math.MaxUint64 {
			continue
		}
		seed := uint64(i)*prime1 + prime2
		for a := uint64(0); a <= 64*uint64(k); a++ {
			j := mix64(seed+a*prime3) % uint64(k)
			if mins[j] != math.MaxUint64 {
				sig[i] = sig[j]
				break
			}
		}
	}
}

// oph128 is ophInto for the default 128 bins with the bin count a
// constant: the same values, computed without bounds checks or variable
// shifts.
func oph128(hs []uint64, sig *[128]uint16, mins *[128]uint64) {
	const (
		bbits = 7
		shift = 64 - bbits
		vbits = (64 - 2*bbits) / 2
		vmask = uint64(1)<<vbits - 1
	)
	for i := range mins {
		mins[i] = math.MaxUint64
	}
	for _, x := range hs {
		bin := x >> shift
		mins[bin] = min(mins[bin], x<<bbits>>16)
	}
	// the empty bins: only they can change in later rounds, so only they
	// are checked after each
	var emptyBins [128]uint8
	empty := 0
	for i, m := range mins {
		emptyBins[empty] = uint8(i)
		if m == math.MaxUint64 {
			empty++
		}
	}
	maxRounds := min(1<<16-1, 4+32*128/max(len(hs), 1))
	for r := 1; empty > 0 && len(hs) > 0 && r <= maxRounds; r++ {
		oph128Round(hs, mins, mix64(uint64(r)), uint64(r)<<48)
		n := 0
		for _, i := range emptyBins[:empty] {
			emptyBins[n] = i
			if mins[i] == math.MaxUint64 {
				n++
			}
		}
		empty = n
	}
	for i, m := range mins {
		sig[i] = uint16(m)
	}
	if empty == 0 || len(hs) == 0 {
		return
	}
	densify(sig[:], mins[:])
}

// oph128Round is one later round of oph128 (a function of its own, so
// that the loop's few variables stay in registers).
//
//go:noinline
func oph128Round(hs []uint64, mins *[128]uint64, seed, tag uint64) {
	const (
		bbits = 7
		shift = 64 - bbits
		vbits = (64 - 2*bbits) / 2
		vmask = uint64(1)<<vbits - 1
	)
	for _, x := range hs {
		y := (x ^ seed) * prime2
		y ^= y >> 29
		b1 := y >> shift
		mins[b1] = min(mins[b1], tag|y&vmask)
		b2 := y >> (shift - bbits) & 127
		mins[b2] = min(mins[b2], tag|y>>vbits&vmask)
	}
}

func countEmpty(mins []uint64) int {
	n := 0
	for _, m := range mins {
		if m == math.MaxUint64 {
			n++
		}
	}
	return n
}

// bitsLen returns the bits that number k bins (k a power of two).
func bitsLen(k int) int { return bits.Len(uint(k - 1)) }

// Jaccard estimates the Jaccard similarity of the shingle sets behind two
// sketches of the same kind and length, correcting for chance agreement of
// the 16-bit values. It returns 0 when lengths differ or either set is
// empty.
func Jaccard(a, b Sketch) float64 {
	if len(a.Sig) != len(b.Sig) || len(a.Sig) == 0 || a.Size == 0 || b.Size == 0 {
		return 0
	}
	eq := equalValues(a.Sig, b.Sig)
	const chance = 1.0 / 65536
	j := (float64(eq)/float64(len(a.Sig)) - chance) / (1 - chance)
	return max(0, min(1, j))
}

// Containment estimates |A∩B| / min(|A|, |B|) from the Jaccard estimate j
// and the set sizes: the share of the smaller document found in the larger.
func Containment(j float64, a, b uint32) float64 {
	if a == 0 || b == 0 {
		return 0
	}
	inter := j * float64(a+b) / (1 + j)
	return max(0, min(1, inter/float64(min(a, b))))
}

// equalValues counts the positions where a and b (of one length) hold
// the same value, four at a time where both are 8-byte aligned (as the
// signatures of an Index are).
func equalValues(a, b []uint16) int {
	eq := 0
	if n := len(a) / 4; n > 0 && uintptr(unsafe.Pointer(&a[0]))%8 == 0 && uintptr(unsafe.Pointer(&b[0]))%8 == 0 {
		wa := unsafe.Slice((*uint64)(unsafe.Pointer(&a[0])), n)
		wb := unsafe.Slice((*uint64)(unsafe.Pointer(&b[0])), n)
		for i, x := range wa {
			x ^= wb[i]
			// the high bit of each 16-bit lane is set where the lane is zero
			const low = 0x7fff7fff7fff7fff
			y := ^((x&low + low) | x) &^ low
			eq += bits.OnesCount64(y)
		}
		a, b = a[4*n:], b[4*n:]
	}
	b = b[:len(a)]
	for i, v := range a {
		if b[i] == v {
			eq++
		}
	}
	return eq
}

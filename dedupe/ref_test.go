package dedupe

// Verbatim copies of the sketching code as it was before the speed-ups of
// session 6 (the reference that the faster code must equal value for
// value: TestFastEqualsReference, FuzzFastEqualsReference).

import (
	"math"
	"math/bits"
	"unicode/utf8"
)

func ophIntoRef(hs []uint64, sig []uint16, mins []uint64) {
	k := len(sig)
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
	empty := countEmptyRef(mins)
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
		empty = countEmptyRef(mins)
	}
	for i, m := range mins {
		sig[i] = uint16(m)
	}
	if empty == 0 || len(hs) == 0 {
		return
	}
	// only for documents of one or two shingles: densify what is left
	// from full bins
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

func countEmptyRef(mins []uint64) int {
	n := 0
	for _, m := range mins {
		if m == math.MaxUint64 {
			n++
		}
	}
	return n
}

func distinctRef(hs []uint64, set []uint32) (int, []uint32) {
	n := 64
	for n < 2*len(hs) {
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

func jaccardRef(a, b Sketch) float64 {
	if len(a.Sig) != len(b.Sig) || len(a.Sig) == 0 || a.Size == 0 || b.Size == 0 {
		return 0
	}
	eq := 0
	for i, v := range a.Sig {
		if b.Sig[i] == v {
			eq++
		}
	}
	const chance = 1.0 / 65536
	j := (float64(eq)/float64(len(a.Sig)) - chance) / (1 - chance)
	return max(0, min(1, j))
}

func wordShingle3Ref(s string, dst []uint64) []uint64 {
	var a, b uint64 // the two previous words
	k := 0
	i := 0
	for i < len(s) {
		c := foldASCII[s[i]]
		if c == 0 {
			i++
			continue
		}
		var wh uint64
		if c < 0x80 && i+8 <= len(s) {
			// eight bytes at once: find the end of the word and fold it
			x := load8(s, i)
			m := alnumMask(x)
			if m != swarHigh {
				p := bits.TrailingZeros64(^m&swarHigh) >> 3 // word length, 1..7
				w := x & (1<<(8*p) - 1)
				w |= upperMask(w) >> 2
				wh = w // a word of p < 8 bytes is its own value
				i += p
				if s[i] >= utf8.RuneSelf {
					// the word may go on with non-ASCII letters
					var end int
					_, end, wh = slowWord(s, i-p)
					i = end
				}
				goto emit
			}
			if i+16 <= len(s) {
				x2 := load8(s, i+8)
				if m2 := alnumMask(x2); m2 != swarHigh {
					p := bits.TrailingZeros64(^m2&swarHigh) >> 3 // 0..7 more bytes
					w := x2 & (1<<(8*p) - 1)
					w |= upperMask(w) >> 2
					h := absorb(wordSeed, x|upperMask(x)>>2)
					wh = wordValue(h, w, uint64(8+p))
					i += 8 + p
					if s[i] >= utf8.RuneSelf {
						var end int
						_, end, wh = slowWord(s, i-8-p)
						i = end
					}
					goto emit
				}
			}
		}
		if c < 0x80 {
			start := i
			h := uint64(wordSeed)
			var w uint64
			sh := uint(0)
			for {
				w |= uint64(c) << sh
				sh += 8
				i++
				if sh == 64 {
					h = absorb(h, w)
					w, sh = 0, 0
				}
				if i == len(s) {
					break
				}
				if c = foldASCII[s[i]]; c == 0 || c >= 0x80 {
					break
				}
			}
			if c >= 0x80 && i < len(s) {
				// the word may go on with non-ASCII letters
				var end int
				_, end, wh = slowWord(s, start)
				i = end
			} else {
				wh = wordValue(h, w, uint64(i-start))
			}
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			if size == 1 || !isWordRune(r) {
				i += size
				continue
			}
			var end int
			_, end, wh = slowWord(s, i)
			i = end
		}
	emit:
		k++
		if k >= 3 {
			dst = append(dst, mix64(shingleSeed+3+a*shingleMul[0]+b*shingleMul[1]+wh*shingleMul[2]))
		}
		a, b = b, wh
	}
	switch k {
	case 1:
		dst = append(dst, mix64(shingleSeed+1+b*shingleMul[2]))
	case 2:
		dst = append(dst, mix64(shingleSeed+2+a*shingleMul[1]+b*shingleMul[2]))
	}
	return dst
}

func lshKeyRef(l LSH, sig []uint16, b int) uint64 {
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

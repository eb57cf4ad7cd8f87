package dedupe

import (
	"unicode/utf8"

	"github.com/diplotext/diplotext/text"
)

// A Shingler appends the 64-bit hashes of the shingles (overlapping
// features) of d to dst and returns the extended slice. The hashes need not
// be distinct; [Sketch] treats them as a set. A Shingler must be
// deterministic across processes and safe for concurrent use.
//
// Ready-made shinglers are [WordShingles] and [CharShingles]; a custom one
// can weigh or filter tokens in any way.
type Shingler func(d *text.Document, dst []uint64) []uint64

// WordShingles returns a Shingler of word n-grams: runs of n consecutive
// word and number tokens, case-folded, with punctuation and symbols left
// out. A document with fewer than n words yields one shingle of all of its
// words. n < 1 is taken as 1.
func WordShingles(n int) Shingler {
	if n < 1 {
		n = 1
	}
	if n > 16 {
		n = 16
	}
	return func(d *text.Document, dst []uint64) []uint64 {
		return wordShingles(d.Text, d.Tokens, n, dst)
	}
}

func wordShingles(s string, toks []text.Token, n int, dst []uint64) []uint64 {
	var ring [16]uint64
	k := 0 // words seen
	for _, t := range toks {
		if t.Kind != text.Word && t.Kind != text.Number {
			continue
		}
		ring[k%n] = tokenHash(s[t.Start:t.End])
		k++
		if k >= n {
			h := uint64(n)
			for j := k - n; j < k; j++ {
				h = combine(h, ring[j%n])
			}
			dst = append(dst, mix64(h))
		}
	}
	if k > 0 && k < n {
		h := uint64(n)
		for j := 0; j < k; j++ {
			h = combine(h, ring[j])
		}
		dst = append(dst, mix64(h))
	}
	return dst
}

// tokenHash hashes a word case-folded; words with non-ASCII letters are
// folded with [text.Fold].
func tokenHash(w string) uint64 {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return hashFold(text.Fold(w), 0x5d)
		}
	}
	return hashFold(w, 0x5d)
}

// CharShingles returns a Shingler of character n-grams (n bytes) over the
// words of the document, case-folded and joined by single spaces, so that
// layout and punctuation do not matter. It is more robust than word
// shingles to OCR noise and joined or split words, at a higher cost.
// n < 2 is taken as 2; n > 16 as 16.
func CharShingles(n int) Shingler {
	if n < 2 {
		n = 2
	}
	if n > 16 {
		n = 16
	}
	return func(d *text.Document, dst []uint64) []uint64 {
		var ring [16]byte
		k := 0
		push := func(c byte) {
			ring[k%n] = c
			k++
			if k >= n {
				var h uint64 = uint64(n) * prime1
				for j := k - n; j < k; j++ {
					h = (h ^ uint64(ring[j%n])) * prime3
				}
				dst = append(dst, mix64(h))
			}
		}
		words := 0
		for _, t := range d.Tokens {
			if t.Kind != text.Word && t.Kind != text.Number {
				continue
			}
			if words > 0 {
				push(' ')
			}
			words++
			w := d.Text[t.Start:t.End]
			for i := 0; i < len(w); i++ {
				if w[i] >= utf8.RuneSelf {
					w = text.Fold(w)
					break
				}
			}
			for i := 0; i < len(w); i++ {
				push(lower(w[i]))
			}
		}
		if k > 0 && k < n {
			var h uint64 = uint64(n) * prime1
			for j := 0; j < k; j++ {
				h = (h ^ uint64(ring[j])) * prime3
			}
			dst = append(dst, mix64(h))
		}
		return dst
	}
}

package dedupe

import "github.com/diplotext/diplotext/text"

// A Shingler appends the 64-bit hashes of the shingles (overlapping
// features) of d to dst and returns the extended slice. The hashes need not
// be distinct; [Sketch] treats them as a set. A Shingler must be
// deterministic across processes and safe for concurrent use.
//
// Ready-made shinglers are [WordShingles] and [CharShingles]; a custom one
// can weigh or filter tokens in any way.
type Shingler func(d *text.Document, dst []uint64) []uint64

// WordShingles returns a Shingler of word n-grams: runs of n consecutive
// words of d.Text, case-folded, where a word is a maximal run of letters,
// digits and combining marks (punctuation, symbols, apostrophes and hyphens
// separate words). d.Tokens is not used, so a text gets the same shingles
// from [Index.Add] as from [Index.AddText], which scans the raw bytes
// without tokenising. A document with fewer than n words yields one
// shingle of all of its words. n < 1 is taken as 1, n > 16 as 16.
func WordShingles(n int) Shingler {
	if n < 1 {
		n = 1
	}
	if n > 16 {
		n = 16
	}
	return func(d *text.Document, dst []uint64) []uint64 {
		return wordShingleText(d.Text, n, dst)
	}
}

// CharShingles returns a Shingler of character n-grams (n bytes) over the
// words of d.Text (as [WordShingles] finds them), case-folded and joined by
// single spaces, so that
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
		var buf []byte
		s := d.Text
		for i, words := 0, 0; ; words++ {
			start, end, _ := nextWord(s, i)
			if start < 0 {
				break
			}
			i = end
			if words > 0 {
				push(' ')
			}
			buf = appendFoldWord(buf[:0], s[start:end])
			for _, c := range buf {
				push(c)
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

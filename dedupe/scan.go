package dedupe

import (
	"math/bits"
	"unicode"
	"unicode/utf8"
)

// The word scanner cuts raw text into words in one pass over its bytes,
// with no tokens and no allocation: a word is a maximal run of letters,
// digits and combining marks (ASCII letters and digits are told by a byte
// table; other bytes are decoded as UTF-8). Everything else, including
// apostrophes, hyphens and periods, separates words, so "Russia's" is
// "russia" and "s", and "U.S." is "u" and "s". Words are case-folded
// (ASCII on the fly, eight bytes at a time; other letters with
// unicode.ToLower) and hashed with a fixed seed. Both Index.AddText and
// Index.Add (which scans d.Text and ignores d.Tokens) use it, so a text
// gets the same shingles whichever way it is added.

// asciiWord marks the ASCII letters and digits.
var asciiWord = func() (t [256]bool) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = true
		t[c-'a'+'A'] = true
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	return t
}()

const wordSeed = 0x5d

// nextWord finds the first word of s at or after byte i and returns its
// bounds and the hash of its case-folded bytes; start is -1 when there is
// none.
func nextWord(s string, i int) (start, end int, h uint64) {
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if !asciiWord[c] {
				i++
				continue
			}
			j := i + 1
			for j < len(s) && asciiWord[s[j]] {
				j++
			}
			if j == len(s) || s[j] < utf8.RuneSelf {
				return i, j, hashASCIIFold(s[i:j])
			}
			return slowWord(s, i)
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if size > 1 && isWordRune(r) {
			return slowWord(s, i)
		}
		i += size
	}
	return -1, len(s), 0
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// foldRune returns the case-folded form of a word rune.
func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	return unicode.ToLower(r)
}

// slowWord scans a word with non-ASCII runes starting at s[i].
func slowWord(s string, i int) (start, end int, h uint64) {
	var wh wordHasher
	wh.h = wordSeed
	j := i
	var buf [utf8.UTFMax]byte
	for j < len(s) {
		c := s[j]
		if c < utf8.RuneSelf {
			if !asciiWord[c] {
				break
			}
			wh.add(lower(c))
			j++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[j:])
		if size == 1 || !isWordRune(r) {
			break
		}
		n := utf8.EncodeRune(buf[:], foldRune(r))
		for _, b := range buf[:n] {
			wh.add(b)
		}
		j += size
	}
	return i, j, wh.sum()
}

// appendFoldWord appends the case-folded bytes of the word s (as found by
// nextWord) to dst.
func appendFoldWord(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			dst = append(dst, lower(c))
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		dst = utf8.AppendRune(dst, foldRune(r))
		i += size
	}
	return dst
}

// wordHasher hashes a byte stream in 8-byte little-endian chunks; it gives
// the same value as hashASCIIFold over the same (folded) bytes.
type wordHasher struct {
	h, w uint64
	k    uint // bytes in w
	n    uint64
}

func (wh *wordHasher) add(b byte) {
	wh.w |= uint64(b) << (8 * wh.k)
	wh.k++
	wh.n++
	if wh.k == 8 {
		wh.h = absorb(wh.h, wh.w)
		wh.w, wh.k = 0, 0
	}
}

func (wh *wordHasher) sum() uint64 {
	return finish(absorb(wh.h, wh.w), wh.n)
}

func absorb(h, w uint64) uint64 {
	return bits.RotateLeft64((h^w)*prime2, 31) * prime1
}

func finish(h, n uint64) uint64 {
	return mix64(h ^ n*prime3)
}

// hashASCIIFold hashes s, which holds only ASCII letters and digits,
// lower-cased, eight bytes at a time.
func hashASCIIFold(s string) uint64 {
	h := uint64(wordSeed)
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		// bytes are < 0x80, so the additions do not carry between bytes:
		// the high bit of each byte of ge is set for bytes >= 'A', of gt for
		// bytes > 'Z'
		ge := w + 0x3f3f3f3f3f3f3f3f
		gt := w + 0x2525252525252525
		w |= (ge &^ gt & 0x8080808080808080) >> 2
		h = absorb(h, w)
	}
	var w uint64
	for k := 0; i < len(s); i, k = i+1, k+1 {
		w |= uint64(lower(s[i])) << (8 * k)
	}
	return finish(absorb(h, w), uint64(len(s)))
}

// wordShingleText appends the hashes of the word n-grams of s (see
// [WordShingles]) to dst.
func wordShingleText(s string, n int, dst []uint64) []uint64 {
	var ring [16]uint64
	k := 0 // words seen
	for i := 0; ; {
		start, end, wh := nextWord(s, i)
		if start < 0 {
			break
		}
		i = end
		ring[k%n] = wh
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

// wordShingle3 is wordShingleText for n = 3 (the default), with the ring
// kept in registers.
func wordShingle3(s string, dst []uint64) []uint64 {
	var a, b uint64 // the two previous words
	k := 0
	for i := 0; ; {
		start, end, wh := nextWord(s, i)
		if start < 0 {
			break
		}
		i = end
		k++
		if k >= 3 {
			dst = append(dst, mix64(combine(combine(combine(3, a), b), wh)))
		}
		a, b = b, wh
	}
	switch k {
	case 1:
		dst = append(dst, mix64(combine(3, b)))
	case 2:
		dst = append(dst, mix64(combine(combine(3, a), b)))
	}
	return dst
}

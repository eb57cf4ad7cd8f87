package dedupe

import (
	"math/bits"
	"slices"
	"unicode"
	"unicode/utf8"
	"unsafe"
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
	return wordValue(wh.h, wh.w, wh.n)
}

func absorb(h, w uint64) uint64 {
	return bits.RotateLeft64((h^w)*prime2, 31) * prime1
}

// wordValue is the value of a folded word of n bytes, given the hash h
// of its full 8-byte chunks and its last, partial chunk w: a word of up to
// seven bytes (most words) is its own value, w; longer words are hashed,
// with the top bit set so that they differ from every short word. The
// shingle hash mixes its words fully.
func wordValue(h, w, n uint64) uint64 {
	if n < 8 {
		return w
	}
	return (absorb(h, w) ^ n*prime3) | 1<<63
}

// shingleMul weighs the words of an n-gram by position (the last word by
// the last multiplier): the shingle hash is mix64(m + Σ word·mul) for m
// words.
var shingleMul = [16]uint64{
	0x9e3779b97f4a7c15, 0xc2b2ae3d27d4eb4f, 0x165667b19e3779f9, 0xd6e8feb86659fd93,
	0xa0761d6478bd642f, 0xe7037ed1a0b428db, 0x8ebc6af09c88c6e3, 0x589965cc75374cc3,
	0x1d8e4e27c47d124f, 0xbf58476d1ce4e5b9, 0x94d049bb133111eb, 0xff51afd7ed558ccd,
	0xc4ceb9fe1a85ec53, 0x2545f4914f6cdd1d, 0x9fb21c651e98df25, 0xd1b54a32d192ed03,
}

// shingleSeed starts every shingle hash (set once, never changed).
var shingleSeed = mix64(wordSeed)

// shingleHash hashes the words ws of an n-gram (or of a whole document
// with fewer than n words).
func shingleHash(ws []uint64, n int) uint64 {
	x := shingleSeed + uint64(len(ws))
	for j, w := range ws {
		x += w * shingleMul[j+n-len(ws)]
	}
	return mix64(x)
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
	return wordValue(h, w, uint64(len(s)))
}

// wordShingleText appends the hashes of the word n-grams of s (see
// [WordShingles]) to dst.
func wordShingleText(s string, n int, dst []uint64) []uint64 {
	var ring [32]uint64 // the words of the last n-gram, twice
	k := 0              // words seen
	for i := 0; ; {
		start, end, wh := nextWord(s, i)
		if start < 0 {
			break
		}
		i = end
		ring[k%n], ring[k%n+n] = wh, wh
		k++
		if k >= n {
			dst = append(dst, shingleHash(ring[k%n:k%n+n], n))
		}
	}
	if k > 0 && k < n {
		dst = append(dst, shingleHash(ring[:k], n))
	}
	return dst
}

// foldASCII maps ASCII letters to lower case and digits to themselves,
// other ASCII bytes (separators) to 0 and bytes >= 0x80 to 0x80.
var foldASCII = func() (t [256]byte) {
	for c := 0; c < 256; c++ {
		switch {
		case c >= utf8.RuneSelf:
			t[c] = 0x80
		case asciiWord[c]:
			t[c] = lower(byte(c))
		}
	}
	return t
}()

// wordShingle3 is wordShingleText for n = 3 (the default), in one pass:
// ASCII words are found, folded and hashed eight bytes at a time, and the
// two previous words are kept in registers. Runs of short ASCII words (the
// bulk of news text) go through shortWords3; this loop takes the rest
// (the first two words, long words, non-ASCII text, the last bytes).
func wordShingle3(s string, dst []uint64) []uint64 {
	var a, b uint64 // the two previous words
	k := 0
	i := 0
	for i < len(s) {
		if k >= 2 && i+8 <= len(s) {
			if cap(dst)-len(dst) < blockShingles {
				dst = slices.Grow(dst, (len(s)-i)/6+blockShingles)
			}
			n := len(dst)
			if i+blockBytes+16 <= len(s) {
				i, dst = blockWords(s, i, dst)
				a, b = shingleWords3(dst[n:], a, b)
			}
			i, a, b, dst = shortWords3(s, i, a, b, dst)
			if len(dst) > n {
				k = 3
			}
			if i >= len(s) {
				break
			}
		}
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
				w := x & (1<<(8*p&63) - 1)
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
					w := x2 & (1<<(8*p&63) - 1)
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
			dst = append(dst, shingle3(a, b, wh))
		}
		a, b = b, wh
	}
	switch k {
	case 1:
		dst = append(dst, mix64(shingleSeed3+1+b*shingleMul2))
	case 2:
		dst = append(dst, mix64(shingleSeed3+2+a*shingleMul1+b*shingleMul2))
	}
	return dst
}

// The first three shingle multipliers and the shingle seed as constants
// (TestShingleConstants holds them to shingleMul and shingleSeed).
const (
	shingleMul0  = 0x9e3779b97f4a7c15
	shingleMul1  = 0xc2b2ae3d27d4eb4f
	shingleMul2  = 0x165667b19e3779f9
	shingleSeed3 = 0x908cb8e1398750e3 // mix64(wordSeed)
)

// shingle3 is the hash of the 3-gram of words a, b, c: shingleHash of
// them with n = 3.
func shingle3(a, b, c uint64) uint64 {
	return mix64(shingleSeed3 + 3 + a*shingleMul0 + b*shingleMul1 + c*shingleMul2)
}

// shortWords3 is the hot loop of wordShingle3 once two words have been
// seen: from byte i, as long as eight bytes are left to read and dst has
// room, it skips ASCII separators and takes ASCII words of at most 15
// bytes followed by an ASCII separator, appending the shingle each one
// ends. It returns where it stopped (at a word or byte it does not take:
// a longer word, non-ASCII bytes, the last bytes), the two previous words
// and dst. It calls nothing, so its state stays in registers.
func shortWords3(s string, i int, a, b uint64, dst []uint64) (int, uint64, uint64, []uint64) {
	for i+8 <= len(s) && len(dst) < cap(dst) {
		x := load8(s, i)
		m, lt := alnumLetters(x)
		if m&0x80 == 0 {
			// s[i] is not a letter or digit: skip the ASCII separators
			// before the next one in x
			q := uint(bits.TrailingZeros64(m)) >> 3 // 1..8
			if x&swarHigh&(^uint64(0)>>((64-8*q)&63)) != 0 {
				return i, a, b, dst // non-ASCII bytes
			}
			i += int(q)
			continue
		}
		p := uint(bits.TrailingZeros64(^m&swarHigh)) >> 3 // word length, 1..8
		var w uint64
		if p < 8 {
			if x>>(8*p&63)&0x80 != 0 {
				return i, a, b, dst // the word may go on with non-ASCII letters
			}
			// lower-cased: bit 5 set in each letter (a word of p < 8 bytes
			// is its own value)
			w = (x | lt>>2) & (1<<(8*p&63) - 1)
		} else {
			// eight letters or digits: a word of 8 to 15 bytes ends in the
			// next eight
			if i+16 > len(s) {
				return i, a, b, dst
			}
			x2 := load8(s, i+8)
			m2, lt2 := alnumLetters(x2)
			q := uint(bits.TrailingZeros64(^m2&swarHigh)) >> 3 // 0..8 more bytes
			if q == 8 || x2>>(8*q&63)&0x80 != 0 {
				return i, a, b, dst // 16 bytes or more, or non-ASCII letters may follow
			}
			w = (x2 | lt2>>2) & (1<<(8*q&63) - 1)
			w = wordValue(absorb(wordSeed, x|lt>>2), w, uint64(8+q))
			p = 8 + q
		}
		n := len(dst)
		dst = dst[:n+1]
		dst[n] = shingle3(a, b, w)
		a, b = b, w
		i += int(p) + 1 // byte p is an ASCII separator
	}
	return i, a, b, dst
}

const (
	blockBytes    = 64 // bytes classified at once by blockWords
	blockShingles = 32 // the most words that end in a block
)

// blockWords is the first stage of wordShingle3's hot loop once two words
// have been seen: it classifies 64 bytes at a time into a bitmap of ASCII
// letters and digits (one bit a byte) and takes the words from the bitmap,
// so that a word costs two bit scans, one load and a fold instead of a
// classification of its own. From byte i, while 80 bytes are left to read
// (a word that ends in the block may be read 16 bytes at a time) and dst
// has room for a block's words, it takes the ASCII words of at most 15
// bytes that end before the block's end and before its first non-ASCII
// byte, appending the value of each (wordValue of its folded bytes); a
// word that reaches the block's end starts the next block. It returns
// where it stopped (at a word it does not take: 16 bytes or longer, or
// followed by a non-ASCII byte; at a non-ASCII byte; at the last 80
// bytes) and dst. shingleWords3 turns the values into shingles: two plain
// loops keep their state in registers, where one fused loop spilled.
func blockWords(s string, i int, dst []uint64) (int, []uint64) {
	for i+blockBytes+16 <= len(s) && cap(dst)-len(dst) >= blockShingles {
		blk := s[i : i+blockBytes+16]
		word, high := classify64(unsafe.StringData(blk))
		limit := uint(blockBytes) // the bytes of the block that may be taken
		if high != 0 {
			limit = uint(bits.TrailingZeros64(high))
			word &= 1<<limit - 1
		}
		// a word starts at each bit of starts and ends before the bit of
		// ends that follows; a word that reaches the block's end or its
		// first non-ASCII byte has no end bit
		starts := word &^ (word << 1)
		ends := ^word & (word << 1) & (1<<(limit&63) - 1 | -uint64(limit>>6))
		n, stop, long := blockValues(unsafe.StringData(blk), starts, ends, unsafe.SliceData(dst[len(dst):cap(dst)]))
		dst = dst[:len(dst)+n]
		if stop >= 0 {
			// a word of 16 bytes or more is the caller's; a word that may
			// go on past the block starts the next (stop > 0 unless it is
			// 64 bytes long), or, before a non-ASCII byte, is the caller's
			if long || limit < blockBytes || stop == 0 {
				return i + stop, dst
			}
			i += stop
			continue
		}
		i += int(limit)
		if limit < blockBytes {
			return i, dst // at a non-ASCII byte
		}
	}
	return i, dst
}

// blockValuesGo writes the values of the words of the block at p (see
// blockWords) to dst, which has room for blockShingles: a word starts at
// each bit of starts and ends before the bit of ends that follows. It
// returns the number of values written and, when it stopped before a word
// (stop >= 0), where that word starts and whether it stopped because the
// word has 16 bytes or more (long) rather than no end bit. blockValues is
// the same, in assembly where there is a version.
func blockValuesGo(p *byte, starts, ends uint64, dst *uint64) (n, stop int, long bool) {
	blk := unsafe.String(p, blockBytes+16)
	out := unsafe.Slice(dst, blockShingles)
	for starts != 0 {
		st := uint(bits.TrailingZeros64(starts))
		if ends == 0 {
			return n, int(st), false
		}
		end := uint(bits.TrailingZeros64(ends))
		p := end - st
		if p >= 16 {
			return n, int(st), true
		}
		starts &= starts - 1
		ends &= ends - 1
		w := foldAlnum(load8(blk, int(st)))
		if p < 8 {
			w &= byteMask[p]
		} else {
			w2 := foldAlnum(load8(blk, int(st)+8)) & byteMask[p-8]
			w = wordValue(absorb(wordSeed, w), w2, uint64(p))
		}
		out[n] = w
		n++
	}
	return n, -1, false
}

// shingleWords3 replaces the word values ws, which follow the words a and
// b, by the shingles they end, and returns the last two words. (Not
// inlined: alone, its loop keeps everything in registers.)
//
//go:noinline
func shingleWords3(ws []uint64, a, b uint64) (uint64, uint64) {
	for j, w := range ws {
		ws[j] = shingle3(a, b, w)
		a, b = b, w
	}
	return a, b
}

// classify64Go returns the bitmaps of the 64 bytes at p: bit j of word is
// set when byte j is an ASCII letter or digit, bit j of high when it is
// 0x80 or more. (classify64 is the same, in vector instructions where
// there are.)
func classify64Go(p *byte) (word, high uint64) {
	blk := unsafe.String(p, blockBytes)
	for c := 0; c < blockBytes; c += 8 {
		x := load8(blk, c)
		high |= gatherHigh(x&swarHigh) << c
		word |= gatherHigh(alnumMask(x)) << c
	}
	return word, high
}

// byteMask[p] keeps the low p bytes of a word.
var byteMask = [8]uint64{0, 0xff, 0xffff, 0xffffff, 0xffffffff, 0xffffffffff, 0xffffffffffff, 0xffffffffffffff}

// gatherHigh packs the high bits of the eight bytes of m into its low
// byte (byte j's into bit j); m holds no other bits. The product places
// byte j's bit at bit 56+j; the other products of the eight bits fall at
// distinct places off that byte, so nothing carries into it.
func gatherHigh(m uint64) uint64 {
	return m * 0x0002040810204081 >> 56
}

// foldAlnum lower-cases the bytes of w, ASCII letters and digits and zero
// bytes: the letters are the bytes with bit 6 set, which sets bit 5.
func foldAlnum(w uint64) uint64 {
	return w | w&(0x40*swarOnes)>>1
}

const (
	swarOnes = 0x0101010101010101
	swarHigh = 0x8080808080808080
)

// load8 reads s[i:i+8] little-endian.
func load8(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// alnumMask returns the high bit of each byte of x that is an ASCII letter
// or digit. The additions do not carry between bytes: every 7-bit value
// plus at most 0x50 stays below 0x100.
func alnumMask(x uint64) uint64 {
	v := x &^ swarHigh
	digit := (v + (0x80-'0')*swarOnes) &^ (v + (0x80-'9'-1)*swarOnes)
	l := v | 0x20*swarOnes
	letter := (l + (0x80-'a')*swarOnes) &^ (l + (0x80-'z'-1)*swarOnes)
	return (digit | letter) & swarHigh &^ x
}

// alnumLetters is alnumMask, and also the high bit of each byte of x that
// is an ASCII letter of either case (so that lt>>2 sets bit 5, the
// lower-case bit, of the letters).
func alnumLetters(x uint64) (m, lt uint64) {
	v := x &^ swarHigh
	digit := (v + (0x80-'0')*swarOnes) &^ (v + (0x80-'9'-1)*swarOnes)
	l := v | 0x20*swarOnes
	letter := (l + (0x80-'a')*swarOnes) &^ (l + (0x80-'z'-1)*swarOnes)
	lt = letter & swarHigh &^ x
	return (digit | letter) & swarHigh &^ x, lt
}

// upperMask returns the high bit of each byte of x (ASCII letters and
// digits, zero bytes) that is an upper-case letter.
func upperMask(x uint64) uint64 {
	return (x + (0x80-'A')*swarOnes) &^ (x + (0x80-'Z'-1)*swarOnes) & swarHigh
}

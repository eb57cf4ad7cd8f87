package event

import (
	"github.com/diplotext/diplotext/text"
)

// Feature hashing: every feature is a template number mixed with one or two
// word hashes, reduced to one of nBuckets rows of weights. Words are hashed
// from the input bytes (ASCII folded to lower case) without allocating.
const (
	bucketBits = 18
	nBuckets   = 1 << bucketBits
	bucketMask = nBuckets - 1
	nClasses   = len(Classes)
	nTags      = 7
)

// Tags of the actor tagger.
const (
	tagO = iota
	tagBS
	tagIS
	tagBT
	tagIT
	tagBR
	tagIR
)

// token shapes
const (
	shLower = iota
	shCap
	shUpper
	shDigit
	shPunct
	shMixed
)

const fnvOffset, fnvPrime = 2166136261, 16777619

// tokInfo is what the models read of one token.
type tokInfo struct {
	lw, p5, s3 uint32 // hashes of the lower-cased word, its first five and last three bytes
	shape      uint8
	word       bool // has a letter
	neg        bool // inside a negation scope
	cue        bool // is a negation cue
	fn         bool // a function word, never a trigger
	cb         uint32
	pc         int32 // punctuation tokens before this one
	ck         uint8 // chunk tag (chO, chB, chI), set by Model.chunkInfos
}

func lowerByte(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func hashLower(s string) uint32 {
	h := uint32(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint32(lowerByte(s[i]))
		h *= fnvPrime
	}
	return h
}

// wordHashes returns hashLower(w), prefixHash(w) and shapeOf(w) in one
// pass over the bytes of w.
func wordHashes(w string) (lw, p5 uint32, shape uint8, word bool) {
	h := uint32(fnvOffset)
	p5 = h
	var lo, up, dg, other int
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c >= 'a' && c <= 'z':
			lo++
		case c >= 'A' && c <= 'Z':
			up++
			c += 'a' - 'A'
		case c >= '0' && c <= '9':
			dg++
		case c >= 0x80:
			lo++
		default:
			other++
		}
		h ^= uint32(c)
		h *= fnvPrime
		if i == 4 {
			p5 = h
		}
	}
	if len(w) <= 5 {
		p5 = h
	}
	shape, word = shapeFrom(w, lo, up, dg)
	return h, p5 ^ 0x5bd1e995, shape, word
}

// prefixHash hashes the first five bytes of s, lower-cased: a crude stem
// ("agreed", "agreement" -> "agree").
func prefixHash(s string) uint32 {
	if len(s) > 5 {
		s = s[:5]
	}
	return hashLower(s) ^ 0x5bd1e995
}

func suffixHash(s string) uint32 {
	if len(s) > 3 {
		s = s[len(s)-3:]
	}
	return hashLower(s) ^ 0x27d4eb2d
}

func mix(a, b uint32) uint32 {
	h := a*0x9E3779B1 ^ b
	h ^= h >> 15
	h *= 0x85ebca6b
	h ^= h >> 13
	h *= 0xc2b2ae35
	h ^= h >> 16
	return h
}

// The tagger and the trigger model have fewer features than the
// classifier and use smaller tables (measured: no loss of span F1 at 2^16
// rows, a loss of 0.02 class macro-F1 for the classifier at 2^16).
const (
	smallBits = 16
	nSmall    = 1 << smallBits
)

func tfeat(tmpl uint32, a uint32) uint32 {
	return mix(tmpl, a) & (nSmall - 1)
}
func tfeat2(tmpl uint32, a, b uint32) uint32 {
	return mix(mix(tmpl, a), b) & (nSmall - 1)
}

func feat(tmpl uint32, a uint32) uint32     { return mix(tmpl, a) & bucketMask }
func feat2(tmpl uint32, a, b uint32) uint32 { return mix(mix(tmpl, a), b) & bucketMask }

func shapeOf(s string) (uint8, bool) {
	var lo, up, dg, other int
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z':
			lo++
		case c >= 'A' && c <= 'Z':
			up++
		case c >= '0' && c <= '9':
			dg++
		case c >= 0x80:
			lo++ // treat non-ASCII letters as lower-case letters
		default:
			other++
		}
	}
	return shapeFrom(s, lo, up, dg)
}

// shapeFrom is the shape of s from its counts of lower-case, upper-case
// letters and digits.
func shapeFrom(s string, lo, up, dg int) (uint8, bool) {
	switch {
	case lo+up == 0 && dg > 0:
		return shDigit, false
	case lo+up == 0:
		return shPunct, false
	case up == 0:
		return shLower, true
	case up == len(s) || (up > 1 && lo == 0):
		return shUpper, true
	case up == 1 && s[0] >= 'A' && s[0] <= 'Z':
		return shCap, true
	}
	return shMixed, true
}

// negation cues open a scope of up to three words, closed by punctuation.
var negCueWords = []string{"not", "n't", "never", "no", "neither", "nor", "without", "refused", "refuses", "refuse", "declined", "declines", "failed", "fails", "denied", "denies"}

// funcWordList are never triggers.
var funcWordList = []string{"and", "or", "but", "the", "a", "an", "of", "to", "in", "on", "at", "for", "with", "by", "from", "as", "that", "which", "who", "whom", "whose", "this", "these", "those", "its", "their", "his", "her", "it", "they", "he", "she", "we", "i", "you", "is", "was", "were", "are", "be", "been", "has", "have", "had", "will", "would", "before", "after", "than", "between", "about"}

const (
	flagNeg = 1 << iota
	flagFunc
)

// wordFlags maps the hash of a lower-cased word to its flags: one map
// look-up a token.
var wordFlags = func() *smallMap {
	m := map[uint32]uint32{}
	for _, w := range negCueWords {
		m[hashLower(w)] |= flagNeg
	}
	for _, w := range funcWordList {
		m[hashLower(w)] |= flagFunc
	}
	return newSmallMap(m)
}()

// hashToken returns the infos of word w that come from its bytes alone:
// its hashes and its shape.
func hashToken(w string) (ti tokInfo) {
	ti.lw, ti.p5, ti.shape, ti.word = wordHashes(w)
	ti.s3 = suffixHash(w)
	return ti
}

// setFlags sets t's function-word, negation and punctuation fields from
// its word flags fl, given the negation scope left (the words a cue
// before it still covers) and the punctuation tokens before it, and
// advances both past t.
func (t *tokInfo) setFlags(fl uint8, scope *int, pc *int32) {
	t.fn = fl&flagFunc != 0
	switch {
	case fl&flagNeg != 0:
		t.cue = true
		*scope = 3
	case t.shape == shPunct:
		*scope = 0
	case *scope > 0 && t.word:
		t.neg = true
		*scope--
	}
	t.pc = *pc
	if t.shape == shPunct {
		*pc++
	}
}

// fillInfos computes the token infos of toks (tokens of src) into dst.
func fillInfos(src string, toks []text.Token, dst []tokInfo, cb *smallMap) []tokInfo {
	dst = dst[:0]
	scope := 0
	var pc int32
	for _, t := range toks {
		ti := hashToken(src[t.Start:t.End])
		if ti.word {
			ti.cb = cb.get(ti.p5)
		}
		fl := uint8(wordFlags.get(ti.lw))
		ti.setFlags(fl, &scope, &pc)
		dst = append(dst, ti)
	}
	return dst
}

// Classifier templates.
const (
	cBias = iota + 1
	cUni
	cPre
	cBi
	cSkip
	cNeg
	cCode
	cCue
)

// classFeatures appends the hashed features anchored at token i.
func classFeatures(ti []tokInfo, i int, dst []uint32) []uint32 {
	t := &ti[i]
	if !t.word {
		return dst
	}
	if i > 0 && (t.shape == shCap || t.shape == shMixed) {
		// names say who, not what: one feature for all of them
		return append(dst, feat(cUni, 0x4e414d45))
	}
	dst = append(dst, feat(cUni, t.lw), feat(cPre, t.p5))
	if j := i + 1; j < len(ti) {
		dst = append(dst, feat2(cBi, t.lw, ti[j].lw))
	}
	if i >= 2 {
		dst = append(dst, feat2(cSkip, ti[i-2].lw, t.lw))
	}
	if t.neg {
		dst = append(dst, feat(cNeg, t.p5))
	}
	if t.cue {
		dst = append(dst, feat(cCue, 0))
	}
	for m := t.cb; m != 0; m &= m - 1 {
		r := uint32(trailingZeros(m))
		dst = append(dst, feat(cCode, r))
	}
	return dst
}

func trailingZeros(m uint32) int {
	n := 0
	for m&1 == 0 {
		m >>= 1
		n++
	}
	return n
}

// Tagger templates.
const (
	tBias = iota + 101
	tW0
	tWm1
	tWp1
	tWm2
	tWp2
	tPre
	tSuf
	tShape
	tSide
	tSideShape
	tSideW
	tBiL
	tBiR
	tShape3
	tFirst
	tSideWm1
	tTrigW
	tTrigP
	tPunct
	tSidePre
	tTrigWm1
)

func distBucket(d int) uint32 {
	if d < 0 {
		d = -d
	}
	switch {
	case d <= 3:
		return uint32(d)
	case d <= 6:
		return 4
	case d <= 10:
		return 5
	}
	return 6
}

// tagFeatures appends the hashed features of token i given the trigger index.
func tagFeatures(ti []tokInfo, i, trig int, dst []uint32) []uint32 {
	t := &ti[i]
	const none = 0x1234567
	wm1, wp1 := uint32(none), uint32(none+2)
	if i > 0 {
		wm1 = ti[i-1].lw
	}
	if i+1 < len(ti) {
		wp1 = ti[i+1].lw
	}
	side := uint32(1)
	switch {
	case trig < 0:
		side = 3
	case i < trig:
		side = 0
	case i > trig:
		side = 2
	}
	sd := side<<4 | distBucket(i-trig)
	sh := uint32(t.shape)
	trw := uint32(none + 4)
	if trig >= 0 {
		trw = ti[trig].p5
	}
	// punctuation marks between the trigger and the token: 0, 1, 2+
	pn := uint32(0)
	if trig >= 0 {
		a, b := trig, i
		if a > b {
			a, b = b, a
		}
		if a+1 < b {
			pn = uint32(min(ti[b].pc-ti[a+1].pc, 2))
		}
	}
	dst = append(dst,
		tfeat2(tTrigW, trw, sd),
		tfeat2(tTrigP, trw, side),
		tfeat(tPunct, side<<4|pn),
	)
	return append(dst,
		tfeat(tBias, 0),
		tfeat(tW0, t.lw),
		tfeat(tWm1, wm1),
		tfeat(tWp1, wp1),
		tfeat(tPre, t.p5),
		tfeat(tSuf, t.s3),
		tfeat(tShape, sh),
		tfeat(tSide, sd),
		tfeat2(tSideShape, side, sh),
		tfeat2(tSideW, side, t.lw),
		tfeat2(tBiL, wm1, t.lw),
		tfeat2(tBiR, t.lw, wp1),
	)
}

// allowed reports whether tag b may follow tag a (a == nTags: sentence start).
func allowed(a, b int) bool {
	switch b {

	case tagIS:
		return a == tagBS || a == tagIS
	case tagIT:
		return a == tagBT || a == tagIT
	case tagIR:
		return a == tagBR || a == tagIR
	}
	return true
}

// Trigger pointer templates.
const (
	xW0 = iota + 201
	xPre
	xSuf
	xWm1
	xWp1
	xShape
	xShape2
	xWm1W0
	xFirst
)

// trigFeatures appends the hashed features of token i as a trigger.
func trigFeatures(ti []tokInfo, i int, dst []uint32) []uint32 {
	t := &ti[i]
	const none = 0x7654321
	wm1, wp1, sm1 := uint32(none), uint32(none+1), uint32(7)
	if i > 0 {
		wm1, sm1 = ti[i-1].lw, uint32(ti[i-1].shape)
	}
	if i+1 < len(ti) {
		wp1 = ti[i+1].lw
	}
	first := uint32(0)
	if i == 0 {
		first = 1
	}
	return append(dst,
		tfeat(xW0, t.lw),
		tfeat(xPre, t.p5),
		tfeat(xSuf, t.s3),
		tfeat(xWm1, wm1),
		tfeat(xWp1, wp1),
		tfeat(xShape, uint32(t.shape)),
		tfeat(xShape2, sm1<<4|uint32(t.shape)),
		tfeat2(xWm1W0, wm1, t.lw),
		tfeat(xFirst, first),
	)
}

// smallMap is a read-only open-addressing hash table from word hashes to
// values, several times faster than a Go map for these few hundred keys.
type smallMap struct {
	keys, vals []uint32
	used       []bool
	mask       uint32
}

func newSmallMap(m map[uint32]uint32) *smallMap {
	n := uint32(16)
	for n < uint32(4*len(m)) {
		n <<= 1
	}
	s := &smallMap{keys: make([]uint32, n), vals: make([]uint32, n), used: make([]bool, n), mask: n - 1}
	for k, v := range m {
		i := mix(k, 0x2545f491) & s.mask
		for s.used[i] {
			i = (i + 1) & s.mask
		}
		s.keys[i], s.vals[i], s.used[i] = k, v, true
	}
	return s
}

func (s *smallMap) get(k uint32) uint32 {
	i := mix(k, 0x2545f491) & s.mask
	for s.used[i] {
		if s.keys[i] == k {
			return s.vals[i]
		}
		i = (i + 1) & s.mask
	}
	return 0
}

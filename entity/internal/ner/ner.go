// Package ner is the statistical named-entity recogniser of package entity:
// a structured averaged perceptron over hashed features with Viterbi
// decoding over BIO tags of the CoNLL-2003 classes (PER, ORG, LOC, MISC).
//
// Features are word, affix, shape and context features, capitalisation in
// context (headlines in capitals), gazetteer matches and document-level
// features (how the same word is written elsewhere in the document). They
// are hashed into a fixed table, so that extracting them allocates nothing.
package ner

import (
	"github.com/diplotext/diplotext/text"
	"unicode"
	"unicode/utf8"

	"github.com/diplotext/diplotext/entity/internal/gaz"
)

// Tag is a BIO tag.
type Tag uint8

// Classes and tags.
const (
	O Tag = iota
	BPer
	IPer
	BOrg
	IOrg
	BLoc
	ILoc
	BMisc
	IMisc
	NumTags = 9
)

// Class names of the tags, indexed by (tag+1)/2.
var ClassNames = [...]string{"O", "PER", "ORG", "LOC", "MISC"}

// Class returns the class index of t (1 PER, 2 ORG, 3 LOC, 4 MISC; 0 for O).
func (t Tag) Class() int { return (int(t) + 1) / 2 }

// Begin reports whether t starts an entity.
func (t Tag) Begin() bool { return t != O && t%2 == 1 }

// BeginOf returns the B tag of class c (1..4).
func BeginOf(c int) Tag { return Tag(2*c - 1) }

// Span is a range of token indices [First, Last).
type Span struct{ First, Last int }

// Doc is the input of the recogniser: the words of a document and its
// sentences as token ranges.
type Doc struct {
	Words []string
	// Hashes, if not nil, are text.Hash of every word, computed by
	// the caller; otherwise the recogniser computes them.
	Hashes []uint64
	Sents  []Span
}

// feature templates
const (
	fBias uint64 = iota + 1
	fW0
	fWm1
	fWp1
	fWm2
	fWp2
	fSh0
	fShm1
	fShp1
	fShm1Sh0
	fSh0Shp1
	fPre1
	fPre2
	fPre3
	fPre4
	fSuf1
	fSuf2
	fSuf3
	fSuf4
	fWm1W0
	fW0Wp1
	fInitSh0
	fCapsW0
	fGaz0
	fGazm1
	fGazp1
	fDocLower
	fDocCapMid
	fDocCapSh0
	fWm1Sh0
	fSh0Wp1
	fLenSh0
	fExact0
	fCapsShape
	fGazW0
	fDocFirstCap
	fHistory
	fHistoryW0
	fCommon
	fCommonM1
	fCommonP1
	fClu0
	fCluC0
	fCluM1
	fCluP1
	fCluSh0
	fCluM1Clu0
	fWC0
	fWCm1
	fWCp1
	fWCCommon
	fOrgAhead
	fOrgOf
	fSport
	fSportGaz
	fSportClu
	fSportW0
	fSportShCtx
	fFinance
	fFinanceGaz
	fFinanceClu
	fCapProf
	fCapProfSh0
)

// token holds the per-token values features are made of.
type token struct {
	lower  uint64 // hash of the folded word
	exact  uint64
	shape  uint64
	gaz    uint32 // gazetteer marks
	common bool   // a common lower-case English word
	clu    uint32 // word cluster: fine<<16 | coarse, 0 if unknown
	wc     uint8  // word-class flags (gaz.WordClass)
	cap    bool   // starts with an upper-case letter
	lowerc bool   // starts with a lower-case letter
	length int
}

// gazetteer marks: bit (2*kind) for the first word of a match, bit
// (2*kind+1) for the following words
func gazBit(k gaz.Kind, inside bool) uint32 {
	b := uint32(2 * k)
	if inside {
		b++
	}
	return 1 << b
}

func mix(a, b uint64) uint64 {
	h := a*0x9E3779B97F4A7C15 ^ b
	h ^= h >> 32
	h *= 0xD6E8FEB86659FD93
	h ^= h >> 32
	return h
}

const noWord = 0x5bd1e9955bd1e995 // hash of the padding beyond the sentence

const unkWord = 0x2545f4914f6cdd1d // hash of a word hidden by word dropout

// exactHash is the FNV-1a hash of the bytes of w as written.
func exactHash(w string) uint64 { return text.HashFolded(w) }

// shapeHash returns the hash of the compressed shape of w: runs of upper
// case letters become X, of lower case x, of digits d; other characters
// stay. "Lavrov" → Xx, "U.S." → X.X., "1990s" → dx, "US-Russia" → X-Xx.
// It also reports whether w starts with an upper-case or a lower-case
// letter.
func shapeHash(w string) (uint64, bool, bool) { return shapeOf(w, false) }

// shapeHashUpper is shapeHash of w written in capitals.
func shapeHashUpper(w string) (uint64, bool, bool) { return shapeOf(w, true) }

func shapeOf(w string, upper bool) (uint64, bool, bool) {
	var h uint64 = 1469598103934665603
	var last rune = -1
	n := 0
	capital, lower := false, false
	for i, r := range w {
		var c rune
		switch {
		case r < utf8.RuneSelf && 'a' <= r && r <= 'z', r >= utf8.RuneSelf && unicode.IsLower(r):
			c = 'x'
			if upper {
				c = 'X'
			}
		case r < utf8.RuneSelf && 'A' <= r && r <= 'Z', r >= utf8.RuneSelf && (unicode.IsUpper(r) || unicode.IsTitle(r)):
			c = 'X'
		case '0' <= r && r <= '9', r >= utf8.RuneSelf && unicode.IsDigit(r):
			c = 'd'
		case r >= utf8.RuneSelf && unicode.IsLetter(r):
			c = 'L' // letters without case (CJK, Arabic)
		default:
			c = r
		}
		if i == 0 {
			capital = c == 'X'
			lower = c == 'x'
		}
		if c == last {
			continue
		}
		last = c
		n++
		if n > 8 {
			break
		}
		h = (h ^ uint64(c)) * 1099511628211
	}
	return h, capital, lower
}

// exactHashUpper is exactHash of w with its ASCII letters in capitals,
// without allocating: the hash of each run of bytes that needs no change,
// continued over each changed byte.
func exactHashUpper(w string) uint64 {
	h := text.HashSeed
	from := 0
	for i := 0; i < len(w); i++ {
		if c := w[i]; 'a' <= c && c <= 'z' {
			h = text.HashAppend(text.HashAppend(h, w[from:i]), upperASCII[c-'a':c-'a'+1])
			from = i + 1
		}
	}
	return text.HashAppend(h, w[from:])
}

const upperASCII = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

// affixes sets the hashes of the folded prefixes and suffixes of w of 1
// to 4 runes (0 where w is shorter).
func affixes(w string, pre, suf *[4]uint64) {
	var bounds [5]int
	n := 0
	for i := range w {
		if n < 5 {
			bounds[n] = i
		}
		n++
	}
	for k := 0; k < 4; k++ {
		switch {
		case k+1 < n:
			pre[k] = text.Hash(w[:bounds[k+1]])
		case k+1 == n:
			pre[k] = text.Hash(w)
		default:
			pre[k] = 0
		}
	}
	m := 0
	for i := len(w); i > 0 && m < 4; {
		_, size := utf8.DecodeLastRuneInString(w[:i])
		i -= size
		suf[m] = text.Hash(w[i:])
		m++
	}
	for ; m < 4; m++ {
		suf[m] = 0
	}
}

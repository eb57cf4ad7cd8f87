package topic

import (
	"math/bits"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/diplotext/diplotext/text"
)

// A feature is a stemmed, case-folded word ("sanction", "minist"), a pair
// of adjacent content words within one sentence ("foreign minist"), a short
// number of at most five bytes ("9/11", "1996"), or one of the shared place
// features ("@place" for a place, people or leader abroad, "@usplace" for a
// US state or city), hashed with 64-bit FNV-1a. Hashes are stable across runs and machines, so they
// can be stored in model files.

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func fnv64(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// pairHash combines the hashes of two adjacent terms into the hash of the
// bigram feature; it is not symmetric, so "a b" differs from "b a".
func pairHash(a, b uint64) uint64 {
	h := a*0x9E3779B97F4A7C15 ^ (b + 0x632BE59BD9B4E019)
	h ^= h >> 31
	h *= 0xBF58476D1CE4E5B9
	h ^= h >> 29
	return h | 1 // never 0, which marks "no term"
}

//go:generate go run ./internal/gen/places

// termHash returns the hash of a unigram feature given its stem.
func termHash(stem string) uint64 { return fnv64(stem) &^ 1 }

// topicStopWords are the words, besides the shared English stop list of
// package text ([text.IsStopWord]), that carry no topic in news and
// speeches: calendar words, counting words and the wire-service
// abbreviations of Reuters-21578. Hand-written and reviewed; kept small.
var topicStopWords = map[string]bool{
	"one": true, "two": true, "three": true, "new": true, "year": true, "years": true, "last": true,
	"first": true, "told": true, "week": true, "today": true, "yesterday": true,
	"reuter": true, "reuters": true, "dlrs": true, "mln": true, "pct": true, "cts": true,
	"quot": true, "lt": true, "gt": true, "amp": true,
}

// isStop reports whether the folded word w is dropped from the features:
// on the shared stop list of package text or on topicStopWords.
func isStop(w string) bool { return text.IsStopWord(w) || topicStopWords[w] }

// termInfo is the cached analysis of one case-folded word.
type termInfo struct {
	hash  uint64 // 0 for a stop word or a word without letters
	place bool   // the word, or a part of it, names a place or people abroad (placeWords)
	us    bool   // the word, or a part of it, names a US state or city (usPlaceWords)
	// parts are the term hashes of the parts of a hyphenated word
	// ("israeli-palestinian" → israeli, palestinian; "ex-iraq" → iraq),
	// counted as unigrams besides the whole word.
	parts []uint64
}

// maxParts bounds the parts of a hyphenated word that count as unigrams.
const maxParts = 4

// placeHash is the feature shared by all words of placeWords, and
// usPlaceHash the one of usPlaceWords.
var (
	placeHash   = termHash("@place")
	usPlaceHash = termHash("@usplace")
)

func isUSPlace(w string) bool {
	_, ok := slices.BinarySearch(usPlaceWords[:], w)
	return ok
}

// isPlace reports whether the case-folded word w, or its singular in -s,
// is one of placeWords ("iraqis", "serbs").
func isPlace(w string) bool {
	if _, ok := slices.BinarySearch(placeWords[:], w); ok {
		return true
	}
	if len(w) > 4 && w[len(w)-1] == 's' {
		_, ok := slices.BinarySearch(placeWords[:], w[:len(w)-1])
		return ok
	}
	return false
}

// termCache maps case-folded surface words, by the hash package text
// gives their folded form, to their analysis. It is bounded and sharded,
// safe for concurrent use.
type termCache struct {
	shards [32]struct {
		mu sync.RWMutex
		m  map[uint64]termInfo
	}
}

const termCacheShardLimit = 1 << 13

var terms = sync.OnceValue(func() *termCache {
	c := &termCache{}
	for i := range c.shards {
		c.shards[i].m = make(map[uint64]termInfo)
	}
	return c
})

// lookup returns the analysis of the folded word w, whose hash (as
// text.HashFolded) is h (a zero hash when w is no term).
func (c *termCache) lookup(w string, h uint64) termInfo {
	sh := &c.shards[(h>>59)%uint64(len(c.shards))]
	sh.mu.RLock()
	ti, ok := sh.m[h]
	sh.mu.RUnlock()
	if ok {
		return ti
	}
	ti = analyse(strings.Clone(w))
	sh.mu.Lock()
	if len(sh.m) >= termCacheShardLimit {
		clear(sh.m)
	}
	sh.m[h] = ti
	sh.mu.Unlock()
	return ti
}

// localTerms is a small direct-mapped cache in front of the shared
// termCache, used by one goroutine at a time (see getLocalTerms), so that
// the common words of a text, which repeat, are found without the shared
// cache's lock and map: on long speeches the shared lookup was a fifth of
// classification time. An entry is keyed by the same folded-word hash as
// the shared cache, so it holds the same analysis.
type localTerms struct {
	slots []localTerm
}

type localTerm struct {
	h  uint64
	ti termInfo
}

// localTermBits sets the size of a localTerms (2^14 entries, 768 KB):
// room for the working vocabulary of a long speech, small enough to stay
// in cache.
const localTermBits = 14

// localFree holds the local caches not in use. They are kept here rather
// than in a sync.Pool, which the garbage collector empties, so that a
// cache stays warm across documents; at most maxLocalFree are kept.
var localFree struct {
	mu   sync.Mutex
	free []*localTerms
}

const maxLocalFree = 16

// getLocalTerms returns a local cache for the caller's use until it
// passes it to putLocalTerms.
func getLocalTerms() *localTerms {
	localFree.mu.Lock()
	defer localFree.mu.Unlock()
	if n := len(localFree.free); n > 0 {
		lt := localFree.free[n-1]
		localFree.free = localFree.free[:n-1]
		return lt
	}
	return &localTerms{slots: make([]localTerm, 1<<localTermBits)}
}

func putLocalTerms(lt *localTerms) {
	localFree.mu.Lock()
	defer localFree.mu.Unlock()
	if len(localFree.free) < maxLocalFree {
		localFree.free = append(localFree.free, lt)
	}
}

// lookup returns the analysis of the folded word w with hash h, from the
// local cache or else from the shared cache c (then kept locally).
func (lt *localTerms) lookup(c *termCache, w string, h uint64) termInfo {
	if h == 0 {
		return c.lookup(w, h)
	}
	e := &lt.slots[(h*0x9E3779B97F4A7C15)>>(64-localTermBits)]
	if e.h == h {
		return e.ti
	}
	ti := c.lookup(w, h)
	e.h, e.ti = h, ti
	return ti
}

// analyse stems a case-folded word.
func analyse(w string) termInfo {
	if isStop(w) {
		return termInfo{}
	}
	if !hasLetter(w) {
		return termInfo{}
	}
	ti := termInfo{hash: termHash(stemOf(w)), place: isPlace(w), us: isUSPlace(w)}
	if strings.IndexByte(w, '-') > 0 {
		for p := range strings.SplitSeq(w, "-") {
			if len(ti.parts) == maxParts {
				break
			}
			if p == "" || isStop(p) || !hasLetter(p) {
				continue
			}
			ti.parts = append(ti.parts, termHash(stemOf(p)))
			ti.place = ti.place || isPlace(p)
			ti.us = ti.us || isUSPlace(p)
		}
	}
	return ti
}

// unstemmed are words whose stem would merge them with an unrelated word
// ("important" and "imports" both stem to "import").
var unstemmed = map[string]bool{"important": true, "importance": true, "importantly": true, "unimportant": true}

// stemOf stems a case-folded word of reasonable length.
func stemOf(w string) string {
	if unstemmed[w] {
		return w
	}
	if len(w) > 3 && len(w) <= 40 {
		return text.Stem(w)
	}
	return w
}

func hasLetter(w string) bool {
	for _, r := range w {
		if r >= 'a' && r <= 'z' || r >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

// StemTerm returns the feature name of a single word: case-folded and
// stemmed the way the classifiers see it ("Sanctions" → "sanction"), or ""
// for a stop word. It is useful to inspect seed vocabularies and reports.
func StemTerm(word string) string {
	w := text.Fold(word)
	if w == "" || isStop(w) {
		return ""
	}
	return stemOf(w)
}

// occurrence is one feature occurrence: its hash and the token span
// [first, last] it covers.
type occurrence struct {
	hash        uint64
	first, last int32
}

const maxWordBytes = 64

// headingRepeat is how many extra times the words of a document's first
// line count when it is a heading (a line of its own without final
// punctuation, followed by more text): a news title names its topic more
// densely than the body. Chosen on Reuters-21578 TRAIN (see docs/topic.md).
const headingRepeat = 2

// extract appends the feature occurrences of d to dst: unigrams of content
// words, bigrams of adjacent content words within a sentence (adjacency
// is broken by punctuation other than hyphens and apostrophes, and by
// numbers), short numbers and the place features; the unigrams of a
// heading first line count 1 + headingRepeat times.
func extract(d *text.Document, dst []occurrence) []occurrence {
	if d == nil || len(d.Tokens) == 0 {
		return dst
	}
	lt := getLocalTerms()
	defer putLocalTerms(lt)
	return extractWith(d, dst, lt)
}

// extractWith is extract with lt, when not nil, as the local cache of word
// analyses in front of the shared one.
func extractWith(d *text.Document, dst []occurrence, lt *localTerms) []occurrence {
	if d == nil {
		return dst
	}
	c := terms()
	for si := range d.Sentences {
		s := d.Sentences[si]
		prev := uint64(0)
		prevTok := int32(-1)
		for k := s.First; k < s.Last && k < len(d.Tokens); k++ {
			t := d.Tokens[k]
			if t.Kind != text.Word {
				if t.Kind == text.Punct || t.Kind == text.Number {
					prev = 0
				}
				if t.Kind == text.Number && t.End-t.Start <= 5 {
					dst = append(dst, occurrence{hash: numberHash(d.Text[t.Start:t.End]), first: int32(k), last: int32(k)})
				}
				continue
			}
			// the folded form computed once per document by package text
			f := d.TokenFold(k)
			var ti termInfo
			switch {
			case len(f) > maxWordBytes:
				ti = termInfo{hash: termHash(f)}
			case lt != nil:
				ti = lt.lookup(c, f, d.TokenHash(k))
			default:
				ti = c.lookup(f, d.TokenHash(k))
			}
			h := ti.hash
			if h == 0 {
				continue // stop word: bigrams span it
			}
			dst = append(dst, occurrence{hash: h, first: int32(k), last: int32(k)})
			if si == 0 && s.Heading && len(d.Sentences) > 1 {
				for range headingRepeat {
					dst = append(dst, occurrence{hash: h, first: int32(k), last: int32(k)})
				}
			}
			for _, ph := range ti.parts {
				dst = append(dst, occurrence{hash: ph, first: int32(k), last: int32(k)})
			}
			if ti.place {
				dst = append(dst, occurrence{hash: placeHash, first: int32(k), last: int32(k)})
			} else if ti.us {
				dst = append(dst, occurrence{hash: usPlaceHash, first: int32(k), last: int32(k)})
			}
			if prev != 0 {
				dst = append(dst, occurrence{hash: pairHash(prev, h), first: prevTok, last: int32(k)})
			}
			prev, prevTok = h, int32(k)
		}
	}
	return dst
}

// termCount is a feature with its count in a document.
type termCount struct {
	hash  uint64
	count int32
}

// countTerms sorts the hashes of occs and returns the distinct features
// with their counts, appended to dst. scratch is reused.
func countTerms(occs []occurrence, scratch []uint64, dst []termCount) ([]termCount, []uint64) {
	scratch = scratch[:0]
	for _, o := range occs {
		scratch = append(scratch, o.hash)
	}
	slices.Sort(scratch)
	for i := 0; i < len(scratch); {
		j := i + 1
		for j < len(scratch) && scratch[j] == scratch[i] {
			j++
		}
		dst = append(dst, termCount{scratch[i], int32(j - i)})
		i = j
	}
	return dst, scratch
}

// countTermsHashed is countTerms for classification: the same distinct
// features and counts, found with an open-addressing table in linear time
// instead of a sort (sorting took a fifth of classification time on long
// speeches). The features come out in table order, not sorted; training
// keeps countTerms so the trained weights stay reproducible. When at is
// not nil (len(occs) long), at[k] is set to the table slot of occs[k].
func countTermsHashed(occs []occurrence, table []termCount, dst []termCount, at []int32) ([]termCount, []termCount) {
	size := 16
	for size < 2*len(occs) {
		size <<= 1
	}
	if cap(table) < size {
		table = make([]termCount, size)
	} else {
		table = table[:size]
		clear(table)
	}
	shift := 64 - uint(bits.TrailingZeros(uint(size)))
	mask := size - 1
	for k, o := range occs {
		i := int((o.hash * 0x9E3779B97F4A7C15) >> shift)
		for table[i].count != 0 && table[i].hash != o.hash {
			i = (i + 1) & mask
		}
		table[i].hash = o.hash
		table[i].count++
		if at != nil {
			at[k] = int32(i)
		}
	}
	for _, tc := range table {
		if tc.count != 0 {
			dst = append(dst, tc)
		}
	}
	return dst, table
}

// numberHash returns the hash of a short number feature ("9/11", "1996"):
// the number's text behind a '#', so it never equals a word's hash.
func numberHash(s string) uint64 {
	h := uint64(fnvOffset)
	h = (h ^ '#') * fnvPrime
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	return h &^ 1
}

package text

import (
	"strings"
	"sync"

	"github.com/kljensen/snowball/english"
)

// Stemmer stems English words with the Snowball (Porter2) algorithm of
// github.com/kljensen/snowball and caches the results, since the underlying
// stemmer allocates on every call. The cache is bounded: when it holds more
// than its limit of entries it starts afresh.
//
// A Stemmer is safe for concurrent use. The zero value is not usable; call
// [NewStemmer], or use [Stem], which shares one process-wide Stemmer.
type Stemmer struct {
	limit  int
	shards [stemShards]stemShard
}

const stemShards = 16

type stemShard struct {
	mu sync.RWMutex
	m  map[string]string
}

// NewStemmer returns a Stemmer whose cache holds about limit words (a
// limit of 0 or less means 1<<16).
func NewStemmer(limit int) *Stemmer {
	if limit <= 0 {
		limit = 1 << 16
	}
	st := &Stemmer{limit: limit/stemShards + 1}
	for i := range st.shards {
		st.shards[i].m = make(map[string]string)
	}
	return st
}

// Stem returns the stem of word, which should be lower-case: "sanctions" →
// "sanction", "negotiating" → "negoti". Words of two letters or fewer and
// English stop words are returned as they are.
func (st *Stemmer) Stem(word string) string {
	if len(word) <= 2 {
		return word
	}
	var h uint32 = 2166136261
	for i := 0; i < len(word); i++ {
		h = (h ^ uint32(word[i])) * 16777619
	}
	sh := &st.shards[h%stemShards]
	sh.mu.RLock()
	s, ok := sh.m[word]
	sh.mu.RUnlock()
	if ok {
		return s
	}
	// the cache outlives the caller's text, of which word is often a
	// slice: it keeps a copy (the stem is made from the copy)
	word = strings.Clone(word)
	s = english.Stem(word, false)
	if s == word {
		s = word
	}
	sh.mu.Lock()
	if len(sh.m) >= st.limit {
		sh.m = make(map[string]string, st.limit)
	}
	sh.m[word] = s
	sh.mu.Unlock()
	return s
}

var defaultStemmer = sync.OnceValue(func() *Stemmer { return NewStemmer(0) })

// Stem stems word with a process-wide [Stemmer]; see [Stemmer.Stem].
func Stem(word string) string { return defaultStemmer().Stem(word) }

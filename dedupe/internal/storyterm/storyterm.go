// Package storyterm is how same-story grouping turns text into terms: the
// words and numbers of a document, case-folded, stripped of stop words and
// stemmed. It is shared by package dedupe and the program that learns the
// background document frequencies, so both count the same terms.
package storyterm

import (
	"hash/fnv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/diplotext/diplotext/text"
)

// Version names this rule; bump it with any change to Each, Hash or the
// stop words, and regenerate the background table.
const Version = 2

// MaxWord is the longest word (in bytes) that makes a term.
const MaxWord = 64

var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a an the and or but of to in on at for by with from as is are was were be been
		being it its this that these those he she they we you i his her their our your my me him them us
		not no so if than then too very can will would should could may might must do does did has have had
		up down out over under into onto about after before again more most some any all each both few other
		such only own same just now new says said say s t after vs via how what why when where who which
		while amid says report reports`) {
		m[w] = true
	}
	return m
}()

// Each calls fn for each term of the tokens toks of s, in order: its stem
// (words are stemmed, numbers kept) and whether the word was capitalised.
// Tokens whose offsets do not fit s are skipped.
func Each(s string, toks []text.Token, fn func(stem string, capital bool)) {
	for _, t := range toks {
		if t.Kind != text.Word && t.Kind != text.Number {
			continue
		}
		if t.Start < 0 || t.End > len(s) || t.Start >= t.End {
			continue
		}
		w := s[t.Start:t.End]
		if len(w) > MaxWord {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		isCap := unicode.IsUpper(r)
		lw := text.Fold(w)
		lw = strings.TrimSuffix(strings.ReplaceAll(lw, ".", ""), "'s")
		if lw == "" || stopWords[lw] || lw == "'s" || lw == "n't" {
			continue
		}
		st := lw
		if t.Kind == text.Word {
			st = text.Stem(lw)
		}
		fn(st, isCap)
	}
}

// Hash is the 32-bit FNV-1a hash of a stem, the key of the background
// table.
func Hash(stem string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(stem))
	return h.Sum32()
}

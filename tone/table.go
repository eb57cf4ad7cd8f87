package tone

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/diplotext/diplotext/text"
)

// entry is what the lexicon knows about one lower-case token.
type entry struct {
	val     float32 // valence on VADER's -4..+4 scale (before the learned scale)
	delta   float32 // learned adjustment added to scale*val
	hasVal  bool
	flags   uint16
	boost   float32
	reg     Register
	regW    float32
	coop    float32
	phrases []int32 // phrases starting with this token, longest first
	// next holds the learned valences of two-word sequences starting with
	// this token, by the second word (lower case, ASCII apostrophes).
	next map[string]float32
}

// phrase is a multi-token cue: a fixed diplomatic phrase or a named entity
// whose words would otherwise carry sentiment.
type phrase struct {
	words []string // lower case; words[0] is the key
	val   float32
	reg   Register
	regW  float32
	coop  float32
}

// lexicon is the immutable lookup table of a Labeler.
type lexicon struct {
	words   map[string]*entry
	phrases []phrase
	scale   float32 // learned factor on lexicon valences
	// idx finds words by the token hashes a parsed document carries;
	// built once by index, and read only while it holds every word.
	idx       *hashIndex
	indexOnce sync.Once
}

// hashIndex is an open-addressing table of a lexicon's words by
// text.HashFolded of the word: a token of a parsed document is looked up
// by the hash the document already holds, with no hashing of its text
// and no map. A slot holds the top 32 bits of a word's hash and the
// word's number plus one (0 for an empty slot), 8 bytes, so that the
// table a token probes stays small; a slot whose bits match is checked
// against the word itself, so that hashes that collide cannot confuse two
// words.
type hashIndex struct {
	n       int // len(words) when it was built
	shift   uint
	slots   []uint64 // hash>>32<<32 | word number + 1
	keys    []string
	entries []*entry
}

// index builds lx.idx once. Words added to lx after it (as the training
// programs do) leave it unread: lookups fall back to the map.
func (lx *lexicon) index() {
	lx.indexOnce.Do(func() {
		bits := uint(4)
		for 1<<bits < 2*len(lx.words) {
			bits++
		}
		ix := &hashIndex{n: len(lx.words), shift: 64 - bits, slots: make([]uint64, 1<<bits)}
		for w, e := range lx.words {
			h := text.HashFolded(w)
			p := ix.slot(h)
			for ix.slots[p] != 0 {
				p = (p + 1) & (len(ix.slots) - 1)
			}
			ix.keys = append(ix.keys, w)
			ix.entries = append(ix.entries, e)
			ix.slots[p] = h>>32<<32 | uint64(len(ix.keys))
		}
		lx.idx = ix
	})
}

func (ix *hashIndex) slot(h uint64) int { return int((h * 0x9e3779b97f4a7c15) >> ix.shift) }

// find returns the entry of word w, whose hash is h, or nil.
func (ix *hashIndex) find(h uint64, w string) *entry {
	mask := len(ix.slots) - 1
	tag := h >> 32
	for p := ix.slot(h); ; p = (p + 1) & mask {
		s := ix.slots[p]
		if s == 0 {
			return nil
		}
		if s>>32 == tag {
			if k := int(uint32(s)) - 1; ix.keys[k] == w {
				return ix.entries[k]
			}
		}
	}
}

// expandWord expands one pattern word into its forms (see lexicon.go).
func expandWord(w string) []string {
	switch {
	case strings.HasSuffix(w, "~") && len(w) > 1:
		return verbForms(strings.TrimSuffix(w, "~"))
	case strings.HasSuffix(w, "+") && len(w) > 1:
		b := strings.TrimSuffix(w, "+")
		pl := b + "s"
		if strings.HasSuffix(b, "s") || strings.HasSuffix(b, "x") || strings.HasSuffix(b, "ch") || strings.HasSuffix(b, "sh") {
			pl = b + "es"
		} else if strings.HasSuffix(b, "y") && len(b) > 1 && !strings.ContainsRune("aeiou", rune(b[len(b)-2])) {
			pl = b[:len(b)-1] + "ies"
		}
		return []string{b, pl}
	}
	return []string{w}
}

// verbForms returns base, -s, -ed and -ing forms of a regular verb.
func verbForms(b string) []string {
	n := len(b)
	switch {
	case n == 0:
		return nil
	case strings.HasSuffix(b, "ee"):
		return []string{b, b + "s", b + "d", b + "ing"}
	case strings.HasSuffix(b, "e"):
		return []string{b, b + "s", b + "d", b[:n-1] + "ing"}
	case strings.HasSuffix(b, "y") && n > 1 && !strings.ContainsRune("aeiou", rune(b[n-2])):
		return []string{b, b[:n-1] + "ies", b[:n-1] + "ied", b + "ing"}
	case strings.HasSuffix(b, "s") || strings.HasSuffix(b, "sh") || strings.HasSuffix(b, "ch") || strings.HasSuffix(b, "x"):
		return []string{b, b + "es", b + "ed", b + "ing"}
	}
	return []string{b, b + "s", b + "ed", b + "ing"}
}

// expandPattern expands a pattern, alternatives separated by "|", each a
// space-separated token sequence, into every concrete token sequence.
func expandPattern(p string) [][]string {
	var out [][]string
	for _, alt := range strings.Split(p, "|") {
		seqs := [][]string{nil}
		for _, w := range strings.Fields(alt) {
			forms := expandWord(w)
			next := make([][]string, 0, len(seqs)*len(forms))
			for _, s := range seqs {
				for _, f := range forms {
					n := make([]string, len(s), len(s)+1)
					copy(n, s)
					next = append(next, append(n, f))
				}
			}
			seqs = next
		}
		if len(seqs) > 0 && len(seqs[0]) > 0 {
			out = append(out, seqs...)
		}
	}
	return out
}

func (lx *lexicon) get(w string) *entry {
	e := lx.words[w]
	if e == nil {
		e = &entry{}
		lx.words[w] = e
	}
	return e
}

// buildBase decodes the embedded tables into a fresh lexicon, without
// learned weights.
func buildBase() (*lexicon, error) {
	lx := &lexicon{words: make(map[string]*entry, 9000), scale: 1}
	for line := range strings.Lines(vaderLexicon) {
		term, v, ok := strings.Cut(strings.TrimSuffix(line, "\n"), "\t")
		if !ok {
			return nil, fmt.Errorf("tone: vader lexicon: bad line %q", line)
		}
		f, err := strconv.ParseFloat(v, 32)
		if err != nil {
			return nil, fmt.Errorf("tone: vader lexicon: %w", err)
		}
		e := lx.get(term)
		e.val, e.hasVal = float32(f), f != 0
	}
	for _, d := range diploWords {
		for _, seq := range expandPattern(d.pattern) {
			e := lx.get(seq[0])
			e.val, e.hasVal = d.val, d.val != 0
		}
	}
	for _, fw := range funcWords {
		for _, seq := range expandPattern(fw.pattern) {
			e := lx.get(seq[0])
			e.flags |= fw.flags
			if fw.flags&fBoost != 0 {
				e.boost = fw.boost
			}
			if fw.flags&(fNeg|fBoost|fContrast|fConcede|fScare) != 0 && e.val > -1.5 && e.val < 1.5 {
				// Steering words carry no sentiment of their own
				// ("no", "very", "but"), unless clearly evaluative
				// ("failed").
				e.val, e.hasVal = 0, false
			}
		}
	}
	seenCue := make(map[string]bool)
	for _, c := range cues {
		for _, seq := range expandPattern(c.pattern) {
			if len(seq) == 1 {
				e := lx.get(seq[0])
				if !seenCue[seq[0]] {
					e.val, e.hasVal = c.val, c.val != 0
				}
				seenCue[seq[0]] = true
				if e.reg == 0 && c.reg != 0 {
					e.reg, e.regW = c.reg, c.regW
				}
				if e.coop == 0 {
					e.coop = c.coop
				}
				continue
			}
			lx.phrases = append(lx.phrases, phrase{words: seq, val: c.val, reg: c.reg, regW: c.regW, coop: c.coop})
		}
	}
	// Index phrases by first word, longest first; the first of duplicate
	// phrases wins.
	sort.SliceStable(lx.phrases, func(i, j int) bool { return len(lx.phrases[i].words) > len(lx.phrases[j].words) })
	seen := make(map[string]bool)
	for i, p := range lx.phrases {
		k := strings.Join(p.words, " ")
		if seen[k] {
			continue
		}
		seen[k] = true
		e := lx.get(p.words[0])
		e.phrases = append(e.phrases, int32(i))
	}
	return lx, nil
}

// clone returns a deep enough copy of lx for adding entries.
func (lx *lexicon) clone() *lexicon {
	c := &lexicon{words: make(map[string]*entry, len(lx.words)+64), phrases: lx.phrases, scale: lx.scale}
	for k, e := range lx.words {
		ce := *e
		c.words[k] = &ce
	}
	return c
}

// defaultLexicon is the base lexicon with the embedded learned weights,
// built once and shared by every Labeler that does not add its own terms.
var defaultLexicon = sync.OnceValues(func() (*lexicon, error) {
	lx, err := buildBase()
	if err != nil {
		return nil, err
	}
	w, err := polarityWeights()
	if err != nil {
		return nil, err
	}
	w.apply(lx)
	return lx, nil
})

// baseLexicon is the lexicon without learned weights, built once.
var baseLexicon = sync.OnceValues(buildBase)

package ner

import (
	"encoding/binary"
	"math/bits"
	"sync"
	"sync/atomic"
)

// fuseAfterWords is how many words a two-stage model tags the other way
// before it builds its fused table and uses it: building it costs about
// as much as tagging four thousand words, which a process that reads a
// short text or two never makes up, and it saves a fifth of the time of
// every word after.
const fuseAfterWords = 20000

// lazyFused is the fused table of a two-stage model, built once the
// model has tagged fuseAfterWords words.
type lazyFused struct {
	words atomic.Int64 // words tagged before the table was built
	ready atomic.Bool  // t is set
	once  sync.Once
	t     *fusedTable
}

// use counts n more words to tag with m and returns the fused table of
// m's two stages if it is built or due (nil before, or if the stages
// cannot be fused), building it on the call that makes it due.
func (l *lazyFused) use(m *Model, n int) *fusedTable {
	if l.ready.Load() {
		return l.t
	}
	if l.words.Add(int64(n)) < fuseAfterWords {
		return nil
	}
	l.once.Do(func() {
		l.t = fuse(m.first, m)
		l.ready.Store(true)
	})
	return l.t
}

// fusedTable holds the quantised weights of both stages of a loaded
// two-stage model in one table, so that the sums of both stages over the
// features they share (all but the second stage's two history features)
// are made in one pass: one bitmap look-up and one row read a feature
// instead of two of each, and the second stage adds only its history
// rows after the first stage has been decoded. The sums are of integers,
// so they are the same whatever the order: the scores, and so the tags
// and the confidences, are exactly those of summing each stage alone.
//
// Row k (of the buckets with a weight in either stage, by the same rank
// scheme as Model.q) is fusedLanes lanes: the NumTags weights of the
// first stage, then the NumTags of the second, two a word as lo + hi<<32
// (in 64-bit two's complement), so that a row is added with one addition
// a word. The sum of n such words is Σlo + (Σhi)<<32; while Σlo fits in
// an int32 (n ≤ maxLaneRows) it is the word's low 32 bits read as an
// int32, and Σhi is what is left above them.
type fusedTable struct {
	// ranks[b/64] says which buckets b have a row: bit b%64 of set,
	// and their rows are numbered from rank on
	ranks []rankWord
	rows  []uint64 // fusedWords a row
}

type rankWord struct {
	set  uint64
	rank uint64
}

const (
	fusedLanes = 2 * NumTags
	fusedWords = fusedLanes / 2
	// maxLaneRows is the most rows summed before the lanes are read
	// out: the sum of 65536 int16s fits in an int32
	maxLaneRows = 1 << 16
)

// fuse returns the fused table of first and second, or nil if either has
// no quantised weights or their tables differ in size.
func fuse(first, second *Model) *fusedTable {
	if first.q == nil || second.q == nil || first.bits != second.bits || len(first.qmap) != len(second.qmap) {
		return nil
	}
	f := &fusedTable{ranks: make([]rankWord, len(first.qmap))}
	n := 0
	for i := range f.ranks {
		set := first.qmap[i] | second.qmap[i]
		f.ranks[i] = rankWord{set: set, rank: uint64(n)}
		n += bits.OnesCount64(set)
	}
	f.rows = make([]uint64, n*fusedWords)
	f.place(first, 0)
	f.place(second, NumTags)
	return f
}

// place adds the weights of m to the rows of f from lane lane0 on. f's
// rows and m's are both in bucket order, so both are walked in step.
func (f *fusedTable) place(m *Model, lane0 int) {
	le := binary.LittleEndian
	r, fr := 0, 0 // m's row, f's row
	for i, rw := range f.ranks {
		mine := m.qmap[i]
		for set := rw.set; set != 0; set &= set - 1 {
			if mine&(set&-set) != 0 {
				src := (*[rowBytes]byte)(m.q[r*rowBytes:])
				row := (*[fusedWords]uint64)(f.rows[fr*fusedWords:])
				for k := range NumTags {
					l := lane0 + k
					row[l/2] += uint64(int64(int16(le.Uint16(src[2*k:]))) << (32 * (l & 1)))
				}
				r++
			}
			fr++
		}
	}
}

// sums returns the sums of the first and the second stage's quantised
// weights of the buckets feats: first.sumQ(feats) and second.sumQ(feats).
func (f *fusedTable) sums(feats []uint32) (a, b [NumTags]int32) {
	f.addSums(feats, &a, &b)
	return a, b
}

// addSums adds the sums of sums(feats) to a and b.
func (f *fusedTable) addSums(feats []uint32, a, b *[NumTags]int32) {
	ranks, rows := f.ranks, f.rows
	for len(feats) > 0 {
		chunk := feats[:min(len(feats), maxLaneRows)]
		feats = feats[len(chunk):]
		// the sums in memory, added to in place: in registers they are
		// too many for the loop, and the compiler keeps them on the
		// stack anyway, loading and storing each around every row
		var acc [fusedWords]uint64
		for _, bk := range chunk {
			rw := &ranks[bk>>6]
			word, bit := rw.set, uint64(1)<<(bk&63)
			if word&bit == 0 {
				continue // a bucket without weights
			}
			r := int(rw.rank+uint64(bits.OnesCount64(word&(bit-1)))) * fusedWords
			ws := (*[fusedWords]uint64)(rows[r : r+fusedWords])
			acc[0] += ws[0]
			acc[1] += ws[1]
			acc[2] += ws[2]
			acc[3] += ws[3]
			acc[4] += ws[4]
			acc[5] += ws[5]
			acc[6] += ws[6]
			acc[7] += ws[7]
			acc[8] += ws[8]
		}
		// lanes 0-8 the first stage, 9-17 the second
		lo := func(v uint64) int32 { return int32(v) }
		hi := func(v uint64) int32 { return int32((int64(v) - int64(int32(v))) >> 32) }
		a[0] += lo(acc[0])
		a[1] += hi(acc[0])
		a[2] += lo(acc[1])
		a[3] += hi(acc[1])
		a[4] += lo(acc[2])
		a[5] += hi(acc[2])
		a[6] += lo(acc[3])
		a[7] += hi(acc[3])
		a[8] += lo(acc[4])
		b[0] += hi(acc[4])
		b[1] += lo(acc[5])
		b[2] += hi(acc[5])
		b[3] += lo(acc[6])
		b[4] += hi(acc[6])
		b[5] += lo(acc[7])
		b[6] += hi(acc[7])
		b[7] += lo(acc[8])
		b[8] += hi(acc[8])
	}
}

// addRow adds the quantised weights of bucket bk to acc.
func (m *Model) addRow(acc *[NumTags]int32, bk uint32) {
	word, bit := m.qmap[bk>>6], uint64(1)<<(bk&63)
	if word&bit == 0 {
		return
	}
	r := (int(m.qrank[bk>>6]) + bits.OnesCount64(word&(bit-1))) * rowBytes
	ws := (*[rowBytes]byte)(m.q[r : r+rowBytes])
	le := binary.LittleEndian
	acc[0] += int32(int16(le.Uint16(ws[0:])))
	acc[1] += int32(int16(le.Uint16(ws[2:])))
	acc[2] += int32(int16(le.Uint16(ws[4:])))
	acc[3] += int32(int16(le.Uint16(ws[6:])))
	acc[4] += int32(int16(le.Uint16(ws[8:])))
	acc[5] += int32(int16(le.Uint16(ws[10:])))
	acc[6] += int32(int16(le.Uint16(ws[12:])))
	acc[7] += int32(int16(le.Uint16(ws[14:])))
	acc[8] += int32(int16(le.Uint16(ws[16:])))
}

// tagFused is Tag of a two-stage model with its fused table ft: the first
// stage's features are extracted once, both stages' sums over them made
// in one pass (those of the features of a word's type and form once for each
// run of tokens of a type in one form), and the second stage's history rows added to its sums
// after the first stage is decoded. The second stage's sums are kept in
// s for RawMargin.
func (m *Model) tagFused(d *Doc, s *Scratch, ft *fusedTable, tags []Tag) {
	f := m.first
	f.prepare(d, s)
	// the features of a word that depend only on its type and its form
	// are summed once for each run of tokens of the type in the same
	// form (one form a type is remembered)
	f.extractFeats(d, s, false, false)
	n, nt := len(d.Words), len(s.lex)
	s.sum1 = grow(s.sum1, n*NumTags)
	s.sum2 = grow(s.sum2, n*NumTags)
	s.formSum1 = grow(s.formSum1, nt*NumTags)
	s.formSum2 = grow(s.formSum2, nt*NumTags)
	s.formKeys = grow(s.formKeys, nt)
	s.formSeen = grow(s.formSeen, nt)
	clear(s.formSeen)
	for si, sp := range d.Sents {
		caps := s.caps[si]
		for i := sp.First; i < sp.Last; i++ {
			ty, t := s.typ[i], &s.toks[i]
			initial := i == sp.First || isOpenerWord(d.Words[i-1])
			key := formKey{exact: t.exact, shape: t.shape, length: t.length, caps: caps, initial: initial, cap: t.cap, lowerc: t.lowerc}
			fa, fb := (*[NumTags]int32)(s.formSum1[int(ty)*NumTags:]), (*[NumTags]int32)(s.formSum2[int(ty)*NumTags:])
			if !s.formSeen[ty] || s.formKeys[ty] != key {
				s.formFeats = f.formFeatures(s, ty, t, caps, initial, s.formFeats[:0])
				*fa, *fb = ft.sums(s.formFeats)
				s.formKeys[ty], s.formSeen[ty] = key, true
			}
			a, b := (*[NumTags]int32)(s.sum1[i*NumTags:]), (*[NumTags]int32)(s.sum2[i*NumTags:])
			*a, *b = *fa, *fb
			ft.addSums(s.feats[s.offs[i]:s.offs[i+1]], a, b)
		}
	}
	tr := f.masked()
	for _, sp := range d.Sents {
		f.viterbi(s, sp.First, sp.Last, tags[sp.First:sp.Last], s.sum1, &tr)
	}
	s.computeHist(tags)
	// the history features, as addHistory appends them
	shift := 64 - m.bits
	for si, sp := range d.Sents {
		caps := s.caps[si]
		for i := sp.First; i < sp.Last; i++ {
			sh0 := s.toks[i].shape
			if caps {
				sh0 = mix(sh0, 77)
			}
			h := uint64(s.hist[i])
			acc := (*[NumTags]int32)(s.sum2[i*NumTags:])
			m.addRow(acc, uint32(mix(fHistory, h)>>shift))
			m.addRow(acc, uint32(mix(fHistoryW0, mix(h, sh0))>>shift))
		}
	}
	tr = m.masked()
	for _, sp := range d.Sents {
		m.viterbi(s, sp.First, sp.Last, tags[sp.First:sp.Last], s.sum2, &tr)
	}
	s.sumsOf = m
}

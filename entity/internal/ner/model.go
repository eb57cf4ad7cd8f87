package ner

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/bits"
	"slices"

	"github.com/diplotext/diplotext/entity/internal/gaz"
)

// Model is a trained recogniser. It is immutable and safe for concurrent
// use; each goroutine passes its own [Scratch].
type Model struct {
	bits uint
	w    []float32 // (1<<bits) buckets × NumTags, while training
	// q are the weights of a loaded model as stored, quantised to 16
	// bits: w = q × scale, and only the rows of buckets with a weight
	// (about a third): bucket b is row qrank[b/64] + the number of bits
	// of qmap[b/64] below b, if its bit is set, and all zero otherwise.
	// A sixth of the memory of w, so the weights of both stages nearly
	// fit in a core's cache; sums are exact in int32.
	// The rows are read in place from the model's bytes (little-endian
	// int16s): loading copies none of them.
	q     []byte
	qmap  []uint64
	qrank []uint32
	scale float32
	trans [NumTags + 1][NumTags]float32
	gaz   *gaz.Index
	// first is the first-stage model whose predictions for the other
	// occurrences of a word in the document are features of this one
	first *Model
	// calibration of Confidence
	calA, calB float32
	// word clusters and capitalisation profiles from unlabelled text, by
	// word hash: profile<<28 | fine<<16 | coarse (see cluFine, cluProfile)
	clusters *clusterTable
	// fused, for a loaded two-stage model, builds once it has been used
	// a while the table of both stages' weights (see fusedTable); nil
	// otherwise
	fused *lazyFused
}

// clusterTable maps word hashes to their clusters values: the hashes
// sorted, found by a binary search within the run of hashes that share
// their top clusterBits bits. Loading one is a copy (the model file stores
// the pairs sorted), where a Go map took most of a model's load time.
type clusterTable struct {
	keys []uint64
	vals []uint32
	// keys[start[k]:start[k+1]] are the hashes whose top bits are k
	start [1<<clusterBits + 1]uint32
}

const clusterBits = 12

// newClusterTable returns the table of the pairs (keys[i], vals[i]),
// keys sorted and distinct.
func newClusterTable(keys []uint64, vals []uint32) *clusterTable {
	t := &clusterTable{keys: keys, vals: vals}
	k := 0
	for i, h := range keys {
		for top := int(h >> (64 - clusterBits)); k <= top; k++ {
			t.start[k] = uint32(i)
		}
	}
	for ; k < len(t.start); k++ {
		t.start[k] = uint32(len(keys))
	}
	return t
}

// get returns the clusters value of word hash h, 0 if it has none.
func (t *clusterTable) get(h uint64) uint32 {
	if t == nil {
		return 0
	}
	top := h >> (64 - clusterBits)
	lo, hi := int(t.start[top]), int(t.start[top+1])
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if t.keys[mid] < h {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo < len(t.keys) && t.keys[lo] == h {
		return t.vals[lo]
	}
	return 0
}

// SetClusters sets what unlabelled text says of each word (by word hash):
// a fine and a coarse cluster id, from 1 (at most 4095 and 65535), and a
// capitalisation profile, 0 unknown or 1-7 (see [CapProfile]); all are
// features. Call it before training.
func (m *Model) SetClusters(c map[uint64][3]uint16) {
	if len(c) == 0 {
		m.clusters = nil
		return
	}
	keys := make([]uint64, 0, len(c))
	for h := range c {
		keys = append(keys, h)
	}
	slices.Sort(keys)
	vals := make([]uint32, len(keys))
	for i, h := range keys {
		v := c[h]
		vals[i] = uint32(v[2]&7)<<28 | uint32(v[0]&0xfff)<<16 | uint32(v[1])
	}
	m.clusters = newClusterTable(keys, vals)
}

// CapProfile buckets how a word is written in running text, from the
// number of its occurrences starting in lower case and of those
// capitalised away from the start of a sentence: 0 too few to tell, 1
// almost always lower case ("bank"), 2 mostly lower case, 3 mostly
// capitalised, 4 almost always capitalised ("Putin", "Geneva"). A word
// capitalised in running text is a name whatever a dictionary says
// ("Macron" is also the mark over a vowel).
func CapProfile(lower, capMid int) uint16 {
	n := lower + capMid
	if n < 3 {
		return 0
	}
	switch r := float64(capMid) / float64(n); {
	case r < 0.1:
		return 1
	case r < 0.5:
		return 2
	case r < 0.9:
		return 3
	default:
		return 4
	}
}

// cluFine returns the fine cluster of a clusters value (with the
// no-word sentinel bit kept), cluProfile its capitalisation profile.
func cluFine(c uint32) uint64    { return uint64(c>>16) &^ 0x7000 }
func cluProfile(c uint32) uint64 { return uint64(c>>28) & 7 }

// NewModel returns an empty model with 1<<bits feature buckets that uses
// the gazetteer index g (nil for none).
func NewModel(bits uint, g *gaz.Index) *Model {
	return &Model{bits: bits, w: make([]float32, (1<<bits)*NumTags), gaz: g}
}

// SetGazetteer returns a copy of m sharing its weights that uses index g.
func (m *Model) SetGazetteer(g *gaz.Index) *Model {
	c := *m
	c.gaz = g
	if c.first != nil {
		c.first = c.first.SetGazetteer(g)
	}
	return &c
}

const negInf = float32(-1e30)

// allowed reports whether tag b may follow tag a (a == NumTags: sentence start).
func allowed(a, b Tag) bool {
	if b == O || b.Begin() {
		return true
	}
	return a != NumTags && a != O && a.Class() == b.Class()
}

// isAllowed is allowed for every pair: isAllowed[a][b] = allowed(a, b).
var isAllowed = func() (t [NumTags + 1][NumTags]bool) {
	for a := range t {
		for b := range t[a] {
			t[a][b] = allowed(Tag(a), Tag(b))
		}
	}
	return t
}()

// Tag tags the words of d, appending one tag a word to out.
func (m *Model) Tag(d *Doc, s *Scratch, out []Tag) []Tag {
	base := len(out)
	out = append(out, make([]Tag, len(d.Words))...)
	tags := out[base:]
	s.sumsOf = nil
	if m.fused != nil && !s.wantAlt {
		if f := m.fused.use(m, len(d.Words)); f != nil {
			m.tagFused(d, s, f, tags)
			return out
		}
	}
	if m.first != nil {
		m.first.prepare(d, s)
		m.first.extract(d, s, false)
		m.first.decode(d, s, tags)
		s.computeHist(tags)
		if m.bits == m.first.bits && (m.clusters == nil) == (m.first.clusters == nil) && !s.wantAlt {
			m.addHistory(d, s) // the first stage's features and the history's
		} else {
			m.extract(d, s, true)
		}
	} else {
		m.prepare(d, s)
		m.extract(d, s, false)
	}
	m.decode(d, s, tags)
	return out
}

// computeHist sets s.hist from the tags of a first pass: for every word,
// the class most often given to its other occurrences in the document
// (ties favour entities), or 5 if it occurs only once.
func (s *Scratch) computeHist(tags []Tag) {
	for i, t := range tags {
		st := &s.stats[s.typ[i]]
		st.class[t.Class()] = sat(st.class[t.Class()])
	}
	s.hist = grow(s.hist, len(tags))
	for i, t := range tags {
		st := s.stats[s.typ[i]] // a copy: this token's own class is left out
		st.class[t.Class()]--
		best, arg, total := uint16(0), uint8(5), 0
		for c := 4; c >= 0; c-- {
			total += int(st.class[c])
			if st.class[c] > best {
				best, arg = st.class[c], uint8(c)
			}
		}
		if total == 0 {
			arg = 5
		}
		s.hist[i] = arg
	}
}

// Hist returns the first-stage history values computed for d with tags
// (used by training).
func (m *Model) Hist(d *Doc, tags []Tag) []uint8 {
	var s Scratch
	m.prepare(d, &s)
	s.computeHist(tags)
	return append([]uint8(nil), s.hist...)
}

// emissions computes the scores of every tag of tokens [first, last) into
// s.score.
func (m *Model) emissions(s *Scratch, first, last int) {
	n := last - first
	s.score = grow(s.score, n*NumTags)
	if m.q != nil {
		for i := 0; i < n; i++ {
			acc := m.sumQ(s.feats[s.offs[first+i]:s.offs[first+i+1]])
			sc := s.score[i*NumTags : i*NumTags+NumTags]
			for t := range sc {
				sc[t] = float32(acc[t]) * m.scale
			}
		}
		return
	}
	w := m.w
	for i := 0; i < n; i++ {
		var acc [NumTags]float32
		for _, b := range s.feats[s.offs[first+i]:s.offs[first+i+1]] {
			ws := w[int(b)*NumTags : int(b)*NumTags+NumTags]
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
		copy(s.score[i*NumTags:], acc[:])
	}
}

// rowBytes is the size of a stored row of weights: NumTags int16s.
const rowBytes = 2 * NumTags

// sumQ returns the sums of the quantised weights of the buckets feats.
func (m *Model) sumQ(feats []uint32) [NumTags]int32 {
	var acc [NumTags]int32
	q, qmap, qrank := m.q, m.qmap, m.qrank
	for _, b := range feats {
		word, bit := qmap[b>>6], uint64(1)<<(b&63)
		if word&bit == 0 {
			continue // a bucket without weights
		}
		r := (int(qrank[b>>6]) + bits.OnesCount64(word&(bit-1))) * rowBytes
		ws := q[r : r+rowBytes : r+rowBytes]
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
	return acc
}

// decode runs Viterbi over every sentence of d.
func (m *Model) decode(d *Doc, s *Scratch, out []Tag) {
	tr := m.masked()
	for _, sp := range d.Sents {
		m.viterbi(s, sp.First, sp.Last, out[sp.First:sp.Last], nil, &tr)
	}
}

// masked returns m's transitions with the forbidden ones at -inf.
func (m *Model) masked() (tr [NumTags + 1][NumTags]float32) {
	for a := range tr {
		for b := range tr[a] {
			if isAllowed[a][b] {
				tr[a][b] = m.trans[a][b]
			} else {
				tr[a][b] = negInf
			}
		}
	}
	return tr
}

// viterbi decodes tokens [first, last) into out, with the emission
// scores of m's features, or, if sums is not nil, of the weight sums
// (NumTags a token, of the whole document) sums, and the transitions tr
// (m.masked()).
func (m *Model) viterbi(s *Scratch, first, last int, out []Tag, sums []int32, tr *[NumTags + 1][NumTags]float32) {
	n := last - first
	if n == 0 {
		return
	}
	if sums != nil {
		s.score = grow(s.score, n*NumTags)
		sc := s.score[:n*NumTags]
		for k, v := range sums[first*NumTags : last*NumTags] {
			sc[k] = float32(v) * m.scale
		}
	} else {
		m.emissions(s, first, last)
	}
	s.back = grow(s.back, n*NumTags)
	bestPath(s.score[:n*NumTags], s.back, tr, out)
}

// bestPath writes to out (one tag a token) the best path through the
// emission scores score (NumTags a token) under the transitions tr (row
// NumTags: from the start; forbidden ones at -inf), using back (NumTags a
// token) as scratch.
func bestPath(score []float32, back []Tag, tr *[NumTags + 1][NumTags]float32, out []Tag) {
	n := len(score) / NumTags
	// the transitions into each tag, contiguous
	var into [NumTags][NumTags]float32
	for a := range NumTags {
		for b := range NumTags {
			into[b][a] = tr[a][b]
		}
	}
	var prev, cur [NumTags]float32
	for t := 0; t < NumTags; t++ {
		prev[t] = tr[NumTags][t] + score[t]
	}
	for i := 1; i < n; i++ {
		em := (*[NumTags]float32)(score[i*NumTags : i*NumTags+NumTags])
		bk := (*[NumTags]Tag)(back[i*NumTags : i*NumTags+NumTags])
		// only the allowed previous tags (see allowed), in increasing
		// order, so that ties go to the lowest: a forbidden one scores
		// -inf and never wins, since an allowed one is always finite
		// (B-X and O follow anything). O and B-X follow any tag,
		for _, t := range [...]int{int(O), int(BPer), int(BOrg), int(BLoc), int(BMisc)} {
			c := &into[t]
			best, arg := prev[0]+c[0], Tag(0)
			if v := prev[1] + c[1]; v > best {
				best, arg = v, 1
			}
			if v := prev[2] + c[2]; v > best {
				best, arg = v, 2
			}
			if v := prev[3] + c[3]; v > best {
				best, arg = v, 3
			}
			if v := prev[4] + c[4]; v > best {
				best, arg = v, 4
			}
			if v := prev[5] + c[5]; v > best {
				best, arg = v, 5
			}
			if v := prev[6] + c[6]; v > best {
				best, arg = v, 6
			}
			if v := prev[7] + c[7]; v > best {
				best, arg = v, 7
			}
			if v := prev[8] + c[8]; v > best {
				best, arg = v, 8
			}
			cur[t] = best + em[t]
			bk[t] = arg
		}
		// I-X only B-X and I-X
		for t := int(IPer); t < NumTags; t += 2 {
			best, arg := prev[t-1]+into[t][t-1], Tag(t-1)
			if v := prev[t] + into[t][t]; v > best {
				best, arg = v, Tag(t)
			}
			cur[t] = best + em[t]
			bk[t] = arg
		}
		prev = cur
	}
	best, arg := negInf, Tag(0)
	for t := Tag(0); t < NumTags; t++ {
		if prev[t] > best {
			best, arg = prev[t], t
		}
	}
	out[n-1] = arg
	for i := n - 1; i > 0; i-- {
		arg = back[i*NumTags+int(arg)]
		out[i-1] = arg
	}
}

// RawMargin returns, after Tag, the mean over tokens [first, last) of
// the margin between the emission score of the class of tags[i] and the
// best score of any other class (O included).
func (m *Model) RawMargin(s *Scratch, first, last int, tags []Tag) float64 {
	sums := s.sumsOf == m && len(s.sum2) >= last*NumTags
	if last <= first || !sums && len(s.offs) < last+1 {
		return 0
	}
	var sum float64
	for i := first; i < last; i++ {
		var acc [NumTags]float32
		if sums {
			// the sums Tag made (see tagFused)
			for k, v := range s.sum2[i*NumTags : (i+1)*NumTags] {
				acc[k] = float32(v) * m.scale
			}
		} else if m.q != nil {
			qa := m.sumQ(s.feats[s.offs[i]:s.offs[i+1]])
			for k := range acc {
				acc[k] = float32(qa[k]) * m.scale
			}
		} else {
			for _, b := range s.feats[s.offs[i]:s.offs[i+1]] {
				ws := m.w[int(b)*NumTags : int(b)*NumTags+NumTags]
				for k := range acc {
					acc[k] += ws[k]
				}
			}
		}
		var cls [5]float32
		cls[0] = acc[0]
		for c := 1; c < 5; c++ {
			cls[c] = max(acc[2*c-1], acc[2*c])
		}
		c := tags[i].Class()
		other := negInf
		for k, v := range cls {
			if k != c && v > other {
				other = v
			}
		}
		sum += float64(cls[c] - other)
	}
	return sum / float64(last-first)
}

// Confidence maps a raw margin to a probability-like score in (0, 1) with
// the model's calibration (logistic regression fitted on development data).
func (m *Model) Confidence(margin float64) float64 {
	a, b := float64(m.calA), float64(m.calB)
	if a == 0 {
		a = 0.1
	}
	return 1 / (1 + math.Exp(-(a*margin + b)))
}

// Calibration returns the calibration of Confidence set by Calibrate.
func (m *Model) Calibration() (a, b float64) { return float64(m.calA), float64(m.calB) }

// Calibrate sets the calibration of Confidence.
func (m *Model) Calibrate(a, b float64) { m.calA, m.calB = float32(a), float32(b) }

// Model file format (all little-endian, nothing compressed, so that a
// load is a few copies rather than an inflate): magic, bits (one byte),
// scale (float32), transitions ([NumTags+1][NumTags]float32),
// calibration ([2]float32), the cluster count (uint32) and that many
// sorted (hash uint64, value uint32) pairs, the count of non-zero weight
// rows (uint32), a bitmap of the 1<<bits rows (uint64 words, bit b%64 of
// word b/64 set for a non-zero row b), and the non-zero rows in order,
// NumTags int16 quantised weights each (w = q × scale). About two thirds
// of the rows are zero, so the file is about as small as the gzipped
// dense table it replaces.
var magic = []byte("DTNER\x07")

// MarshalBinary of a two-stage model: magic2, the length of the first
// stage's encoding (uint32), the first stage, then this stage.
var magic2 = []byte("DTNER\x06")

// quantised returns the weights quantised to 16 bits and their scale: a
// loaded model's as stored, a trained model's rounded to the nearest
// step of maxAbs/32767.
func (m *Model) quantised() ([]int16, float32) {
	if m.w == nil {
		q := make([]int16, (1<<m.bits)*NumTags)
		r := 0
		for b := range 1 << m.bits {
			if m.qmap[b>>6]&(1<<(b&63)) != 0 {
				for t := range NumTags {
					q[b*NumTags+t] = int16(binary.LittleEndian.Uint16(m.q[r*rowBytes+2*t:]))
				}
				r++
			}
		}
		return q, m.scale
	}
	var maxAbs float32
	for _, v := range m.w {
		maxAbs = max(maxAbs, float32(math.Abs(float64(v))))
	}
	scale := maxAbs / 32767
	if scale == 0 {
		scale = 1
	}
	q := make([]int16, len(m.w))
	for i, v := range m.w {
		q[i] = int16(math.Round(float64(v / scale)))
	}
	return q, scale
}

// MarshalBinary encodes the model compactly: weights quantised to 16 bits,
// zero rows left out.
func (m *Model) MarshalBinary() ([]byte, error) {
	var buf []byte
	if m.first != nil {
		fb, err := m.first.MarshalBinary()
		if err != nil {
			return nil, err
		}
		buf = append(buf, magic2...)
		buf = binary.LittleEndian.AppendUint32(buf, uint32(len(fb)))
		buf = append(buf, fb...)
	}
	q, scale := m.quantised()
	if len(q) != (1<<m.bits)*NumTags {
		return nil, fmt.Errorf("weights: %d values for %d buckets", len(q), 1<<m.bits)
	}
	buf = append(buf, magic...)
	buf = append(buf, byte(m.bits))
	buf = binary.LittleEndian.AppendUint32(buf, math.Float32bits(scale))
	for a := range m.trans {
		for _, v := range m.trans[a] {
			buf = binary.LittleEndian.AppendUint32(buf, math.Float32bits(v))
		}
	}
	buf = binary.LittleEndian.AppendUint32(buf, math.Float32bits(m.calA))
	buf = binary.LittleEndian.AppendUint32(buf, math.Float32bits(m.calB))
	var keys []uint64
	var vals []uint32
	if m.clusters != nil {
		keys, vals = m.clusters.keys, m.clusters.vals
	}
	buf = binary.LittleEndian.AppendUint32(buf, uint32(len(keys)))
	for i, h := range keys {
		buf = binary.LittleEndian.AppendUint64(buf, h)
		buf = binary.LittleEndian.AppendUint32(buf, vals[i])
	}
	nb := 1 << m.bits
	bitmap := make([]uint64, (nb+63)/64)
	rows := 0
	for b := 0; b < nb; b++ {
		for _, v := range q[b*NumTags : b*NumTags+NumTags] {
			if v != 0 {
				bitmap[b/64] |= 1 << (b % 64)
				rows++
				break
			}
		}
	}
	buf = binary.LittleEndian.AppendUint32(buf, uint32(rows))
	for _, w := range bitmap {
		buf = binary.LittleEndian.AppendUint64(buf, w)
	}
	for b := 0; b < nb; b++ {
		if bitmap[b/64]&(1<<(b%64)) != 0 {
			for _, v := range q[b*NumTags : b*NumTags+NumTags] {
				buf = binary.LittleEndian.AppendUint16(buf, uint16(v))
			}
		}
	}
	return buf, nil
}

// Load decodes a model written by MarshalBinary and uses the gazetteer
// index g. The model reads its weights in place from data (an embedded
// model costs no copy): data must not be modified afterwards.
func Load(data []byte, g *gaz.Index) (*Model, error) {
	if bytes.HasPrefix(data, magic2) {
		data = data[len(magic2):]
		if len(data) < 4 {
			return nil, errors.New("truncated header")
		}
		n := binary.LittleEndian.Uint32(data)
		data = data[4:]
		if uint64(n) > uint64(len(data)) {
			return nil, errors.New("truncated first stage")
		}
		first, err := Load(data[:n], g)
		if err != nil {
			return nil, fmt.Errorf("first stage: %w", err)
		}
		m, err := Load(data[n:], g)
		if err != nil {
			return nil, err
		}
		if m.first != nil {
			return nil, errors.New("more than two stages")
		}
		m.first = first
		if m.bits == first.bits && (m.clusters == nil) == (first.clusters == nil) {
			// the condition of Tag's addHistory: the second stage's
			// features are the first's and its history features
			m.fused = new(lazyFused)
		}
		return m, nil
	}
	if !bytes.HasPrefix(data, magic) {
		return nil, errors.New("not a diplotext NER model (bad magic or an older format)")
	}
	r := reader{b: data[len(magic):]}
	nbits := r.byte()
	if r.err != nil || nbits < 8 || nbits > 26 {
		return nil, fmt.Errorf("bad table size %d", nbits)
	}
	m := &Model{bits: uint(nbits), gaz: g}
	scale := math.Float32frombits(r.uint32())
	for a := range m.trans {
		for b := range m.trans[a] {
			m.trans[a][b] = math.Float32frombits(r.uint32())
		}
	}
	m.calA = math.Float32frombits(r.uint32())
	m.calB = math.Float32frombits(r.uint32())
	if r.err != nil {
		return nil, fmt.Errorf("truncated header: %w", r.err)
	}
	if !(scale > 0) || math.IsInf(float64(scale), 0) {
		return nil, fmt.Errorf("bad weight scale %v", scale)
	}
	nc := r.uint32()
	pairs := r.bytes(12 * int64(nc))
	if r.err != nil {
		return nil, fmt.Errorf("clusters: %w", r.err)
	}
	if nc > 0 {
		keys, vals := make([]uint64, nc), make([]uint32, nc)
		for i := range keys {
			keys[i] = binary.LittleEndian.Uint64(pairs[12*i:])
			vals[i] = binary.LittleEndian.Uint32(pairs[12*i+8:])
			if i > 0 && keys[i] <= keys[i-1] {
				return nil, errors.New("clusters: hashes not sorted")
			}
		}
		m.clusters = newClusterTable(keys, vals)
	}
	nb := 1 << nbits
	rows := int64(r.uint32())
	bitmap := r.bytes(int64(nb+63) / 64 * 8)
	packed := r.bytes(rows * 2 * NumTags)
	if r.err != nil {
		return nil, fmt.Errorf("weights: %w", r.err)
	}
	if len(r.b) > 0 {
		return nil, fmt.Errorf("weights: %d bytes after the end", len(r.b))
	}
	m.scale = scale
	m.qmap = make([]uint64, (nb+63)/64)
	m.qrank = make([]uint32, len(m.qmap))
	n := 0
	for i := range m.qmap {
		word := binary.LittleEndian.Uint64(bitmap[8*i:])
		if i == len(m.qmap)-1 && nb%64 != 0 && word>>(nb%64) != 0 {
			return nil, errors.New("weights: bitmap and rows disagree")
		}
		m.qmap[i], m.qrank[i] = word, uint32(n)
		n += bits.OnesCount64(word)
	}
	if int64(n) != rows {
		return nil, errors.New("weights: bitmap and rows disagree")
	}
	m.q = packed[:len(packed):len(packed)]
	if n*rowBytes != len(packed) {
		return nil, errors.New("weights: bitmap and rows disagree")
	}
	return m, nil
}

// reader reads little-endian values from a byte slice; the first short
// read sets err and every later read returns zero.
type reader struct {
	b   []byte
	err error
}

func (r *reader) bytes(n int64) []byte {
	if r.err != nil {
		return nil
	}
	if n < 0 || n > int64(len(r.b)) {
		r.err = io.ErrUnexpectedEOF
		return nil
	}
	v := r.b[:n]
	r.b = r.b[n:]
	return v
}

func (r *reader) byte() byte {
	if b := r.bytes(1); b != nil {
		return b[0]
	}
	return 0
}

func (r *reader) uint32() uint32 {
	if b := r.bytes(4); b != nil {
		return binary.LittleEndian.Uint32(b)
	}
	return 0
}

package tone

import (
	_ "embed"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"math"
	"slices"
	"sync"

	"github.com/diplotext/diplotext/text"
)

// The article-level model of the tone toward an actor (model/actors.bin):
// a 3-class logistic regression learned on PerSenT articles (the author's
// sentiment toward the article's main person; tone/internal/train -what
// actors, docs/tone.md) over
//
//   - the calibrated mix of the mention tone, the mention sentences'
//     polarity and the document's polarity (actorScore), and
//   - two hashed bags of words: the words of the sentences that mention
//     the actor, and the three words on each side of each mention (left
//     and right told apart), each bag binary and scaled to unit length.
//
// The actor's Score is P(positive) - P(negative) - actorModelShift, read
// with ActorBand. The bags let the article's own vocabulary ("arrested",
// "won", "accused", "praised" next to the name) move the score that the
// targeted model, learned on single news sentences, gives the mentions.
//
// Layout of model/actors.bin, version 1:
//
//	"DTAM" magic, 1 version byte, uvarint bucket bits, the bias and base
//	weights (3 each), uvarint count of buckets, then per bucket (strictly
//	increasing) the uvarint gap from the previous one (the first from 0)
//	and its 3 weights; every weight in ten-thousandths as a zigzag varint,
//	negative, neutral, positive; at the end the CRC-32 (IEEE,
//	little-endian) of everything before it.

//go:embed model/actors.bin
var actorsBin []byte

const (
	actorBinMagic   = "DTAM"
	actorBinVersion = 1
	// actorBinMaxBits bounds the hashed space a model may declare.
	actorBinMaxBits = 20
	// actorBinMaxQ bounds a weight in ten-thousandths (1000 units).
	actorBinMaxQ = 1e7
	// ActorModelBits is the number of bits of the hashed bags.
	ActorModelBits = 16
)

// Salts of the bag families, mixed into a word's hash.
const (
	famSentence uint64 = 0x9e3779b97f4a7c15
	famLeft     uint64 = 0xc2b2ae3d27d4eb4f
	famRight    uint64 = 0x165667b19e3779f9
)

// actorModel is the decoded article-level model.
type actorModel struct {
	bits uint
	bias [3]float32
	base [3]float32
	w    []float32 // 3 per bucket
}

// actorBucket is the bucket of a word hash h in family fam.
func actorBucket(fam, h uint64, bits uint) uint32 {
	x := h ^ fam
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	x *= 0xc4ceb9fe1a85ec53
	x ^= x >> 33
	return uint32(x >> (64 - bits))
}

// actorWeights decodes the embedded model once per process, at the first
// Labeler that uses learned weights.
var actorWeights = sync.OnceValues(func() (*actorModel, error) { return decodeActorModel(actorsBin) })

func quantActor(w float64) (int64, error) {
	if math.IsNaN(w) || math.IsInf(w, 0) || math.Abs(w)*1e4 > actorBinMaxQ {
		return 0, fmt.Errorf("tone: actor model: weight %v out of range", w)
	}
	return int64(math.Round(w * 1e4)), nil
}

// encodeActorModel writes an actor model in the binary form: the bias and
// base weights and the weights of each bucket (buckets with three zero
// weights are left out). Weights are rounded to ten-thousandths.
func encodeActorModel(bits uint, bias, base [3]float64, w map[uint32][3]float64) ([]byte, error) {
	if bits < 1 || bits > actorBinMaxBits {
		return nil, fmt.Errorf("tone: actor model: %d bucket bits", bits)
	}
	b := append([]byte(actorBinMagic), actorBinVersion)
	b = binary.AppendUvarint(b, uint64(bits))
	put := func(v [3]float64) error {
		for _, x := range v {
			q, err := quantActor(x)
			if err != nil {
				return err
			}
			b = binary.AppendVarint(b, q)
		}
		return nil
	}
	if err := put(bias); err != nil {
		return nil, err
	}
	if err := put(base); err != nil {
		return nil, err
	}
	keys := make([]uint32, 0, len(w))
	for k, v := range w {
		if k>>bits != 0 {
			return nil, fmt.Errorf("tone: actor model: bucket %d out of %d bits", k, bits)
		}
		var zero bool = true
		for _, x := range v {
			q, err := quantActor(x)
			if err != nil {
				return nil, err
			}
			zero = zero && q == 0
		}
		if !zero {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	b = binary.AppendUvarint(b, uint64(len(keys)))
	prev := uint32(0)
	for _, k := range keys {
		b = binary.AppendUvarint(b, uint64(k-prev))
		prev = k
		if err := put(w[k]); err != nil {
			return nil, err
		}
	}
	return binary.LittleEndian.AppendUint32(b, crc32.ChecksumIEEE(b)), nil
}

// decodeActorModel reads the binary form. A wrong magic, version or
// checksum, a truncated record, buckets out of order or range, an
// out-of-range weight or bytes left over make it return an error wrapping
// errCorruptModel.
func decodeActorModel(b []byte) (*actorModel, error) {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("tone: actor model: %w: %s", errCorruptModel, fmt.Sprintf(format, args...))
	}
	if len(b) < len(actorBinMagic)+1+4 || string(b[:len(actorBinMagic)]) != actorBinMagic {
		return nil, bad("no %q header", actorBinMagic)
	}
	if v := b[len(actorBinMagic)]; v != actorBinVersion {
		return nil, bad("version %d, this build reads version %d", v, actorBinVersion)
	}
	body, sum := b[:len(b)-4], binary.LittleEndian.Uint32(b[len(b)-4:])
	if crc32.ChecksumIEEE(body) != sum {
		return nil, bad("checksum mismatch")
	}
	p := body[len(actorBinMagic)+1:]
	uvarint := func(what string) (uint64, error) {
		v, n := binary.Uvarint(p)
		if n <= 0 {
			return 0, bad("truncated %s", what)
		}
		p = p[n:]
		return v, nil
	}
	weights := func(what string) ([3]float32, error) {
		var out [3]float32
		for k := range out {
			q, n := binary.Varint(p)
			if n <= 0 {
				return out, bad("truncated %s", what)
			}
			if q > actorBinMaxQ || q < -actorBinMaxQ {
				return out, bad("%s weight %d out of range", what, q)
			}
			p = p[n:]
			out[k] = float32(float64(q) / 1e4)
		}
		return out, nil
	}
	bits, err := uvarint("bucket bits")
	if err != nil {
		return nil, err
	}
	if bits < 1 || bits > actorBinMaxBits {
		return nil, bad("%d bucket bits", bits)
	}
	m := &actorModel{bits: uint(bits), w: make([]float32, 3<<bits)}
	if m.bias, err = weights("bias"); err != nil {
		return nil, err
	}
	if m.base, err = weights("base"); err != nil {
		return nil, err
	}
	count, err := uvarint("bucket count")
	if err != nil {
		return nil, err
	}
	if count > 1<<bits {
		return nil, bad("%d buckets of %d bits", count, bits)
	}
	k := uint64(0)
	for i := range count {
		gap, err := uvarint("bucket")
		if err != nil {
			return nil, err
		}
		if i > 0 && gap == 0 {
			return nil, bad("bucket %d out of order", k)
		}
		k += gap
		if k >= 1<<bits {
			return nil, bad("bucket %d out of %d bits", k, bits)
		}
		v, err := weights("bucket")
		if err != nil {
			return nil, err
		}
		copy(m.w[3*k:3*k+3], v[:])
	}
	if len(p) != 0 {
		return nil, bad("%d bytes left over", len(p))
	}
	return m, nil
}

// actorBags holds, for the mentions of one actor, the buckets of the
// words of each mention sentence and of each mention's window, from which
// the model reads the whole actor (Score) or a stretch of it (Within).
type actorBags struct {
	bits uint
	// sent[k] is the span in buf of the sorted, distinct buckets of the
	// k-th sentence recorded, lastKey that sentence's key (see addTarget);
	// win[i] is the span of target i's window buckets in buf. Targets come
	// in document order, so a sentence is recorded once by comparing with
	// the last key, with no map per actor (a document can name a million
	// actors).
	sent    [][2]int32
	lastKey int
	win     [][2]int32
	si      []int32 // index in sent of each target's sentence
	buf     []uint32
}

// actorWindow is the number of words read on each side of a mention.
const actorWindow = 3

// actorSentenceMax is the most tokens of a sentence read whole as the
// sentence of a mention. A longer one (a list of names, text without
// sentence punctuation) gives each of its mentions the actorSentenceMax/2
// tokens on either side instead, so that many mentions in one huge
// sentence cost time and memory linear in their number, not in their
// number times the sentence.
const actorSentenceMax = 400

// addSentence records the sorted, distinct buckets of the words of tokens
// [lo, hi) under key, unless key is the last key recorded, and returns
// their index in b.sent.
func (b *actorBags) addSentence(d *text.Document, key, lo, hi int) int {
	if len(b.sent) > 0 && b.lastKey == key {
		return len(b.sent) - 1
	}
	start := len(b.buf)
	for j := lo; j < hi; j++ {
		if d.Tokens[j].Kind == text.Word {
			b.buf = append(b.buf, actorBucket(famSentence, d.TokenHash(j), b.bits))
		}
	}
	seg := b.buf[start:]
	slices.Sort(seg)
	seg = slices.Compact(seg)
	b.buf = b.buf[:start+len(seg)]
	b.sent = append(b.sent, [2]int32{int32(start), int32(len(b.buf))})
	b.lastKey = key
	return len(b.sent) - 1
}

// addTarget records the window buckets of a mention covering tokens
// [first, last) of sentence si: the actorWindow words before it and after
// it in the document, and the words of its sentence (the sentence's key is
// si; in a sentence of more than actorSentenceMax tokens the mention's own
// part of it, keyed by -1 minus the target's number). Targets must come in
// document order.
func (b *actorBags) addTarget(d *text.Document, si, first, last int) {
	s := d.Sentences[si]
	var k int
	if s.Last-s.First > actorSentenceMax {
		k = b.addSentence(d, -1-len(b.win), max(s.First, first-actorSentenceMax/2), min(s.Last, last+actorSentenceMax/2))
	} else {
		k = b.addSentence(d, si, s.First, s.Last)
	}
	start := len(b.buf)
	c := 0
	for j := first - 1; j >= 0 && c < actorWindow; j-- {
		if d.Tokens[j].Kind == text.Word {
			b.buf = append(b.buf, actorBucket(famLeft, d.TokenHash(j), b.bits))
			c++
		}
	}
	c = 0
	for j := last; j < len(d.Tokens) && c < actorWindow; j++ {
		if d.Tokens[j].Kind == text.Word {
			b.buf = append(b.buf, actorBucket(famRight, d.TokenHash(j), b.bits))
			c++
		}
	}
	b.win = append(b.win, [2]int32{int32(start), int32(len(b.buf))})
	b.si = append(b.si, int32(k))
}

// features returns the distinct sentence buckets and window buckets of the
// targets i for which keep(i) holds, appended to s and w.
func (b *actorBags) features(keep func(int) bool, s, w []uint32) ([]uint32, []uint32) {
	last := int32(-1) // b.si does not decrease
	for i := range b.win {
		if !keep(i) {
			continue
		}
		r := b.win[i]
		w = append(w, b.buf[r[0]:r[1]]...)
		if k := b.si[i]; k != last {
			last = k
			r := b.sent[k]
			s = append(s, b.buf[r[0]:r[1]]...)
		}
	}
	slices.Sort(s)
	s = slices.Compact(s)
	slices.Sort(w)
	w = slices.Compact(w)
	return s, w
}

// score returns P(positive) - P(negative) of the model for a base score
// and the bags s and w (distinct buckets).
func (m *actorModel) score(base float64, s, w []uint32) float64 {
	var z [3]float64
	for k := range 3 {
		z[k] = float64(m.bias[k]) + base*float64(m.base[k])
	}
	add := func(bag []uint32) {
		if len(bag) == 0 {
			return
		}
		n := 1 / math.Sqrt(float64(len(bag)))
		var t [3]float64
		for _, x := range bag {
			if int(x) >= len(m.w)/3 {
				continue
			}
			for k := range 3 {
				t[k] += float64(m.w[3*int(x)+k])
			}
		}
		for k := range 3 {
			z[k] += n * t[k]
		}
	}
	add(s)
	add(w)
	mx := max(z[0], z[1], z[2])
	var sum float64
	for k := range 3 {
		z[k] = math.Exp(z[k] - mx)
		sum += z[k]
	}
	return (z[2] - z[0]) / sum
}

package event

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/diplotext/diplotext/text"
)

// The noun phrase chunker: an averaged structured perceptron over B, I and
// O tags of base noun phrases ("[the Croatian government 's] [request]"),
// trained on a chunked corpus (the embedded model: the chunk column of
// CoNLL-2003 eng.train). The target span model reads its tags: a coded
// target starts where a noun phrase starts and ends where one ends far more
// often than a random span does, and the chunker learns what a noun phrase
// is from 200,000 words rather than from the 1,000 coded targets.

// ChunkSentence is a training sentence of the chunker: its words, and for
// each word 'B' (first word of a base noun phrase), 'I' (inside one) or 'O'
// (outside every noun phrase).
type ChunkSentence struct {
	Words []string
	Tags  []byte
}

// chunk tags
const (
	chO = iota
	chB
	chI
	nChunk
	chunkStride = 4 // the int16 rows of the chunk table, padded
)

// Chunker templates.
const (
	kW0 = iota + 402
	kWm1
	kWp1
	kPre
	kSuf
	kShape
	kShapeL
	kShapeR
	kBiL
	kBiR
)

// chunkFeatures appends the hashed features of token i for the chunker.
func chunkFeatures(ti []tokInfo, i int, dst []uint32) []uint32 {
	t := &ti[i]
	const none = 0x2468ace
	wm1, wp1 := uint32(none), uint32(none+1)
	sm1, sp1 := uint32(7), uint32(7)
	if i > 0 {
		wm1, sm1 = ti[i-1].lw, uint32(ti[i-1].shape)
	}
	if i+1 < len(ti) {
		wp1, sp1 = ti[i+1].lw, uint32(ti[i+1].shape)
	}
	sh := uint32(t.shape)
	return append(dst,
		tfeat(kW0, t.lw),
		tfeat(kWm1, wm1),
		tfeat(kWp1, wp1),
		tfeat(kPre, t.p5),
		tfeat(kSuf, t.s3),
		tfeat(kShape, sh),
		tfeat(kShapeL, sm1<<4|sh),
		tfeat(kShapeR, sh<<4|sp1),
		tfeat2(kBiL, wm1, t.lw),
		tfeat2(kBiR, t.lw, wp1),
	)
}

// chunkEmissions returns the chunk tag scores of the tokens lo..hi-1 of
// s.infos.
func (m *Model) chunkEmissions(s *scratch, lo, hi int, w []float32) []float32 {
	if s.fast {
		return m.chunkEmissionsFast(s, lo, hi, w)
	}
	n := hi - lo
	if cap(w) < n*nChunk {
		w = make([]float32, n*nChunk)
	}
	w = w[:n*nChunk]
	for i := 0; i < n; i++ {
		s.feats = chunkFeatures(s.infos, lo+i, s.feats[:0])
		if m.qchk != nil {
			var a0, a1, a2 int32
			for _, f := range s.feats {
				r := m.qchk[int(f)*chunkStride : int(f)*chunkStride+chunkStride : int(f)*chunkStride+chunkStride]
				a0 += int32(r[0])
				a1 += int32(r[1])
				a2 += int32(r[2])
			}
			w[i*nChunk], w[i*nChunk+1], w[i*nChunk+2] = float32(a0)*m.schk, float32(a1)*m.schk, float32(a2)*m.schk
			continue
		}
		var a0, a1, a2 float32
		for _, f := range s.feats {
			r := m.chk[int(f)*nChunk : int(f)*nChunk+nChunk : int(f)*nChunk+nChunk]
			a0 += r[0]
			a1 += r[1]
			a2 += r[2]
		}
		w[i*nChunk], w[i*nChunk+1], w[i*nChunk+2] = a0, a1, a2
	}
	return w
}

// chunkTags decodes the chunk tags of the tokens lo..hi-1 of s.infos into
// dst (I only after B or I; the features still read the words around).
func (m *Model) chunkTags(s *scratch, lo, hi int, dst []uint8) []uint8 {
	n := hi - lo
	if cap(dst) < n {
		dst = make([]uint8, n)
	}
	dst = dst[:n]
	if n == 0 {
		return dst
	}
	if m.chk == nil && !m.hasChunk {
		clear(dst) // no chunker: every token outside
		return dst
	}
	em := m.chunkEmissions(s, lo, hi, s.chem)
	s.chem = em
	if cap(s.chback) < n*nChunk {
		s.chback = make([]uint8, n*nChunk)
	}
	back := s.chback[:n*nChunk]
	const ninf = float32(-1e30)
	tr := &m.ctrans
	prev := [nChunk]float32{em[0] + tr[nChunk][chO], em[1] + tr[nChunk][chB], ninf}
	for i := 1; i < n; i++ {
		e := em[i*nChunk : i*nChunk+nChunk : i*nChunk+nChunk]
		b := back[i*nChunk : i*nChunk+nChunk : i*nChunk+nChunk]
		// the best predecessor of each tag (I never after O), written out
		var cur [nChunk]float32
		for k := chO; k <= chB; k++ {
			best, bj := ninf, uint8(0)
			if v := prev[chO] + tr[chO][k]; v > best {
				best, bj = v, chO
			}
			if v := prev[chB] + tr[chB][k]; v > best {
				best, bj = v, chB
			}
			if v := prev[chI] + tr[chI][k]; v > best {
				best, bj = v, chI
			}
			cur[k], b[k] = best+e[k], bj
		}
		best, bj := ninf, uint8(0)
		if v := prev[chB] + tr[chB][chI]; v > best {
			best, bj = v, chB
		}
		if v := prev[chI] + tr[chI][chI]; v > best {
			best, bj = v, chI
		}
		cur[chI], b[chI] = best+e[chI], bj
		prev = cur
	}
	bk := 0
	for k := 1; k < nChunk; k++ {
		if prev[k] > prev[bk] {
			bk = k
		}
	}
	for i := n - 1; i >= 0; i-- {
		dst[i] = uint8(bk)
		bk = int(back[i*nChunk+bk])
	}
	return dst
}

// chunkInfos returns the token infos of a chunk training sentence.
func chunkInfos(words []string, cb *smallMap) []tokInfo {
	var b strings.Builder
	toks := make([]text.Token, len(words))
	for i, w := range words {
		if i > 0 {
			b.WriteByte(' ')
		}
		toks[i] = text.Token{Start: b.Len(), End: b.Len() + len(w)}
		b.WriteString(w)
	}
	return fillInfos(b.String(), toks, nil, cb)
}

// trainChunker trains the chunk weights of m on cs.
func trainChunker(m *Model, cs []ChunkSentence, epochs int, rng *rand.Rand) error {
	cb := codebookOnce()
	type ex struct {
		infos []tokInfo
		tags  []uint8
	}
	exs := make([]ex, 0, len(cs))
	for i, c := range cs {
		if len(c.Words) != len(c.Tags) {
			return fmt.Errorf("event: chunk sentence %d: %d words and %d tags", i, len(c.Words), len(c.Tags))
		}
		if len(c.Words) == 0 {
			continue
		}
		tags := make([]uint8, len(c.Tags))
		for j, t := range c.Tags {
			switch t {
			case 'O':
				tags[j] = chO
			case 'B':
				tags[j] = chB
			case 'I':
				if j == 0 || tags[j-1] == chO {
					tags[j] = chB // I after O opens a phrase
				} else {
					tags[j] = chI
				}
			default:
				return fmt.Errorf("event: chunk sentence %d: tag %q is not B, I or O", i, t)
			}
		}
		exs = append(exs, ex{chunkInfos(c.Words, cb), tags})
	}
	if len(exs) == 0 {
		return nil
	}
	m.chk = make([]float32, nSmall*nChunk)
	acc := make([]float32, len(m.chk))
	var accT [nChunk + 1][nChunk]float32
	step := float32(1)
	order := make([]int, len(exs))
	for i := range order {
		order[i] = i
	}
	s := new(scratch)
	var pred []uint8
	for ep := 0; ep < epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, oi := range order {
			x := &exs[oi]
			s.infos = x.infos
			pred = m.chunkTags(s, 0, len(s.infos), pred)
			for i := range pred {
				if pred[i] == x.tags[i] {
					continue
				}
				s.feats = chunkFeatures(x.infos, i, s.feats[:0])
				for _, f := range s.feats {
					m.chk[int(f)*nChunk+int(x.tags[i])]++
					m.chk[int(f)*nChunk+int(pred[i])]--
					acc[int(f)*nChunk+int(x.tags[i])] += step
					acc[int(f)*nChunk+int(pred[i])] -= step
				}
			}
			pp, gp := nChunk, nChunk
			for i := range pred {
				g, q := int(x.tags[i]), int(pred[i])
				if g != q || gp != pp {
					m.ctrans[gp][g]++
					m.ctrans[pp][q]--
					accT[gp][g] += step
					accT[pp][q] -= step
				}
				gp, pp = g, q
			}
			step++
		}
	}
	for i := range m.chk {
		m.chk[i] -= acc[i] / step
	}
	for a := range m.ctrans {
		for b := range m.ctrans[a] {
			m.ctrans[a][b] -= accT[a][b] / step
		}
	}
	return nil
}

// chunkRange sets the chunk tags of the tokens lo..hi-1 of s.infos,
// decoded as if the sentence started at lo: the target span model reads
// them only around its window, which is a third of a long sentence.
func (m *Model) chunkRange(s *scratch, lo, hi int) {
	s.chunk = m.chunkTags(s, lo, hi, s.chunk)
	for i, c := range s.chunk {
		s.infos[lo+i].ck = c
	}
}

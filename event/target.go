package event

// The target span model: a second pass after the actor tagger that picks
// the target as one whole span after the trigger, or none. A span
// [a, e] scores the sum of its start features (the word, the word before,
// the distance from the trigger, the prepositions between: "with", "to",
// "against"), its end features (the last word, the word after) and one
// feature of its length and distance; "none" has its own features. It is
// trained as an averaged structured perceptron on the coded target spans,
// so its decisions are on exact boundaries, where the tagger's BIO tags
// only see one token at a time.

const (
	spanWindow = 12 // the target starts at most this many tokens after the trigger
	spanMaxLen = 20 // and is at most this many tokens long
)

// Target span templates.
const (
	gNone = iota + 301
	gNoneTrig
	gNoneSrc
	gSW
	gSP
	gSPrev
	gSPrevW
	gSShape
	gSDist
	gSTrigPrev
	gSTrigDist
	gSPunct
	gSPrep
	gSTrigW
	gEW
	gES
	gENext
	gENextW
	gEShape
	gENextP
	gLen
	gSNext
	gIW
	gIBi
	gIShape
	gSTag
	gETag
	gITag
	gNoneTag
	gSChunk
	gEChunk
	gIChunk
	gSChunkW
	gEChunkW
	gSPrepHead
)

// spanInsideFeatures appends the features of token k as a token inside a
// target after its first ("of" and "'s" continue a target, "from",
// "during" and a comma rarely do).
func spanInsideFeatures(ti []tokInfo, k int, tags []uint8, dst []uint32) []uint32 {
	t, p := &ti[k], &ti[k-1]
	return append(dst,
		tfeat(gIChunk, uint32(p.ck)<<2|uint32(t.ck)),
		tfeat(gITag, uint32(tags[k])),
		tfeat(gIW, t.lw),
		tfeat2(gIBi, p.lw, t.lw),
		tfeat(gIShape, uint32(p.shape)<<4|uint32(t.shape)),
	)
}

// spanStartFeatures appends the features of token a as the first token of
// the target of trigger trig (a > trig).
func spanStartFeatures(ti []tokInfo, a, trig int, prep uint32, tags []uint8, dst []uint32) []uint32 {
	t := &ti[a]
	p := &ti[a-1]
	d := uint32(min(a-trig, 15))
	pn := uint32(min(t.pc-ti[trig].pc, 3))
	wp1 := uint32(0x31337)
	if a+1 < len(ti) {
		wp1 = ti[a+1].lw
	}
	if a-2 > trig && ti[a-1].fn {
		// the noun before a preposition: "a ban on", "aid to", "talks with"
		dst = append(dst, tfeat2(gSPrepHead, ti[a-2].p5, ti[a-1].lw))
	}
	return append(dst,
		tfeat(gSTag, uint32(tags[a-1])<<4|uint32(tags[a])),
		tfeat(gSChunk, uint32(p.ck)<<2|uint32(t.ck)),
		tfeat2(gSChunkW, uint32(p.ck)<<2|uint32(t.ck), p.lw),
		tfeat(gSW, t.lw),
		tfeat(gSP, t.p5),
		tfeat(gSPrev, p.lw),
		tfeat2(gSPrevW, p.lw, t.lw),
		tfeat2(gSShape, uint32(p.shape), uint32(t.shape)),
		tfeat2(gSDist, d, uint32(t.shape)),
		tfeat2(gSTrigPrev, ti[trig].p5, p.lw),
		tfeat2(gSTrigDist, ti[trig].p5, d),
		tfeat2(gSPunct, pn, uint32(t.shape)),
		tfeat2(gSPrep, prep, d),
		tfeat2(gSTrigW, ti[trig].p5, t.p5),
		tfeat2(gSNext, t.lw, wp1),
	)
}

// spanEndFeatures appends the features of token e as the last token of a
// target.
func spanEndFeatures(ti []tokInfo, e int, tags []uint8, dst []uint32) []uint32 {
	t := &ti[e]
	nw, np, ns, nt, nc := uint32(0x4242), uint32(0x4343), uint32(7), uint32(15), uint32(3)
	if e+1 < len(ti) {
		nw, np, ns, nt, nc = ti[e+1].lw, ti[e+1].p5, uint32(ti[e+1].shape), uint32(tags[e+1]), uint32(ti[e+1].ck)
	}
	return append(dst,
		tfeat(gETag, uint32(tags[e])<<4|nt),
		tfeat(gEChunk, uint32(t.ck)<<2|nc),
		tfeat2(gEChunkW, uint32(t.ck)<<2|nc, nw),
		tfeat(gEW, t.lw),
		tfeat(gES, t.s3),
		tfeat(gENext, nw),
		tfeat2(gENextW, t.lw, nw),
		tfeat2(gEShape, uint32(t.shape), ns),
		tfeat(gENextP, np),
	)
}

func lenBucket(n int) uint32 {
	switch {
	case n <= 6:
		return uint32(n)
	case n <= 9:
		return 7
	case n <= 13:
		return 8
	}
	return 9
}

// lenBuckets[d] is lenBucket(d+1).
var lenBuckets = func() (b [spanMaxLen]uint8) {
	for d := range b {
		b[d] = uint8(lenBucket(d + 1))
	}
	return b
}()

func spanLenFeature(ti []tokInfo, a, e, trig int) uint32 {
	return lenFeature(lenBucket(e-a+1), a-trig, ti[a].shape)
}

func lenFeature(lb uint32, dist int, shape uint8) uint32 {
	return tfeat(gLen, lb<<8|uint32(min(dist, 15))<<3|uint32(shape))
}

// spanNoneFeatures appends the features of "no target".
func spanNoneFeatures(ti []tokInfo, trig int, hasSource, hasTarget bool, dst []uint32) []uint32 {
	src := uint32(0)
	if hasSource {
		src = 1
	}
	tgt := uint32(0)
	if hasTarget {
		tgt = 1
	}
	rest := uint32(min(len(ti)-trig-1, 8))
	return append(dst,
		tfeat(gNone, 0),
		tfeat(gNoneTag, tgt<<1|src),
		tfeat(gNoneTrig, ti[trig].p5),
		tfeat2(gNoneSrc, src, rest),
	)
}

// spanWeights reads one weight of the span table.
type spanWeights struct {
	q    []int16
	step float32
	f    []float32
}

func (w *spanWeights) sum(fs []uint32) float32 {
	if w.q != nil {
		var acc int32
		for _, f := range fs {
			acc += int32(w.q[f])
		}
		return float32(acc) * w.step
	}
	var v float32
	for _, f := range fs {
		v += w.f[f]
	}
	return v
}

func (m *Model) spanW() spanWeights {
	return spanWeights{q: m.qspn, step: m.sspn, f: m.spn}
}

// spanNoneBias is added to the score of "no target" when extracting (not
// in training): the span model trained as a perceptron says "none" more
// often than is best for the recall of actors. CV over training seeds 1-4,
// target F1 (P / R) and the actor-country rate: 0 0.5348 (0.547 / 0.523)
// 0.858; -1 0.5358, 0.861; -2 0.5357, 0.865; -4 0.5360 (0.530 / 0.542)
// 0.870; -6 0.5358 (0.523 / 0.549) 0.874; -8 0.5312, 0.877; -12 0.5243,
// 0.881. -4 is inside the range where target F1 does not drop, with
// precision above 0.53.
const spanNoneBias = -4

// bestTarget returns the best target span [a, e] (token indices, e
// inclusive) after trigger trig, or ok false for none; bias is added to
// the score of "none" (spanNoneBias when extracting, 0 in training). Tokens
// whose tag in tags is a source or reciprocal tag are never inside the
// target.
func (m *Model) bestTarget(s *scratch, trig int, tags []uint8, bias float32) (a, e int, ok bool) {
	ti := s.infos
	n := len(ti)
	if trig < 0 || trig+1 >= n {
		return 0, 0, false
	}
	w := m.spanW()
	hasSrc := false
	for _, t := range tags {
		if t == tagBS || t == tagBR {
			hasSrc = true
			break
		}
	}
	s.feats = spanNoneFeatures(ti, trig, hasSrc, hasTag(tags, tagBT), s.feats[:0])
	best := w.sum(s.feats) + bias
	s.spanTrig, s.spanHi, s.spanNone = -1, 0, best
	hi := min(n, trig+1+spanWindow+spanMaxLen)
	for i := trig + 1; i < hi; i++ {
		if tags[i] != tagO && tags[i] != tagBT && tags[i] != tagIT {
			hi = i // no target reaches past a source
			break
		}
	}
	// the noun phrases the span features read: from the token before the
	// trigger to the token after the last end
	m.chunkRange(s, max(trig-1, 0), min(n, hi+1))
	if cap(s.ends) < hi {
		s.ends = make([]float32, hi)
	}
	ends := s.ends[:hi]
	s.spanTrig, s.spanHi = trig, hi
	if cap(s.ins) < hi {
		s.ins = make([]float32, hi)
	}
	// ins[k]: the inside scores of tokens trig+2..k, so that a span [i, j]
	// adds ins[j]-ins[i]
	ins := s.ins[:hi]
	var cum float32
	for i := trig + 1; i < hi; i++ {
		ends[i] = m.spanEndSum(s, i, tags)
		if i > trig+1 {
			cum += m.spanInsideSum(s, i, tags)
		}
		ins[i] = cum
	}
	prep := uint32(0)
	// hi stops at the first source or reciprocal tag after the trigger:
	// no start or end reaches it
	for i := trig + 1; i < min(hi, trig+1+spanWindow); i++ {
		if !ti[i].word && ti[i].shape != shDigit {
			if ti[i].fn {
				prep = ti[i].lw
			}
			continue
		}
		sv := m.spanStartSum(s, i, trig, prep, tags)
		// the length weights of this start, one per length bucket, and
		// one per length
		lim := min(hi, i+spanMaxLen)
		var byLen [spanMaxLen]float32
		if s.fast {
			lr := &s.ft.spnLen[min(i-trig, 15)][ti[i].shape]
			for d := range byLen[:lim-i] {
				byLen[d] = float32(lr[lenBuckets[d]]) * m.sspn
			}
		} else {
			var lv [10]float32
			for b := uint32(1); b < 10; b++ {
				lv[b] = m.spanLenWeight(s, b, i-trig, ti[i].shape)
			}
			for d := range byLen[:lim-i] {
				byLen[d] = lv[lenBuckets[d]]
			}
		}
		endsI, insI, in0 := ends[i:lim], ins[i:lim], ins[i]
		for d := range endsI {
			if v := sv + endsI[d] + insI[d] - in0 + byLen[d]; v > best {
				best, a, e, ok = v, i, i+d, true
			}
		}
		if ti[i].fn {
			prep = ti[i].lw
		}
	}
	return a, e, ok
}

// spanFeatures appends all features of the span [a, e] (or none when a < 0).
func spanFeatures(ti []tokInfo, a, e, trig int, tags []uint8, dst []uint32) []uint32 {
	if a < 0 {
		hasSrc := false
		for _, t := range tags {
			if t == tagBS || t == tagBR {
				hasSrc = true
				break
			}
		}
		return spanNoneFeatures(ti, trig, hasSrc, hasTag(tags, tagBT), dst)
	}
	prep := uint32(0)
	for i := trig + 1; i < a; i++ {
		if ti[i].fn {
			prep = ti[i].lw
		}
	}
	dst = spanStartFeatures(ti, a, trig, prep, tags, dst)
	dst = spanEndFeatures(ti, e, tags, dst)
	for k := a + 1; k <= e; k++ {
		dst = spanInsideFeatures(ti, k, tags, dst)
	}
	return append(dst, spanLenFeature(ti, a, e, trig))
}

// setTarget replaces the target tags of tags with the span [a, e].
func setTarget(tags []uint8, a, e int, ok bool) {
	for i, t := range tags {
		if t == tagBT || t == tagIT {
			tags[i] = tagO
		}
	}
	if !ok {
		return
	}
	tags[a] = tagBT
	for i := a + 1; i <= e; i++ {
		tags[i] = tagIT
	}
}

// spanTarget applies the span model to the tagger's tags: its best span
// becomes the target when the tagger has none, or when it overlaps the
// tagger's target (CV target F1 0.456 -> 0.476 -> 0.488).
func (m *Model) spanTarget(s *scratch, trig int, tags []uint8) {
	ta, tb, ok := m.bestTarget(s, trig, tags, spanNoneBias)
	if !hasTag(tags, tagBT) {
		setTarget(tags, ta, tb, ok)
		return
	}
	if !ok {
		return
	}
	for i := ta; i <= tb; i++ {
		if tags[i] == tagBT || tags[i] == tagIT {
			setTarget(tags, ta, tb, ok)
			return
		}
	}
}

// conjunctTarget returns the end (inclusive) of the best target span
// starting at token k, a conjunct after the chosen target ("urged India and
// [Pakistan]"), from the sums of the last bestTarget call with trigger
// trig; ok is false when k is outside that window or the span scores below
// "no target".
func (m *Model) conjunctTarget(s *scratch, trig, k int, tags []uint8) (e int, ok bool) {
	ti := s.infos
	if trig != s.spanTrig || k <= trig+1 || k >= s.spanHi || (!ti[k].word && ti[k].shape != shDigit) {
		return 0, false
	}
	prep := uint32(0)
	for i := trig + 1; i < k; i++ {
		if ti[i].fn {
			prep = ti[i].lw
		}
	}
	sv := m.spanStartSum(s, k, trig, prep, tags)
	best := s.spanNone
	for j := k; j < min(s.spanHi, k+spanMaxLen); j++ {
		lv := m.spanLenWeight(s, lenBucket(j-k+1), k-trig, ti[k].shape)
		if v := sv + s.ends[j] + s.ins[j] - s.ins[k] + lv; v > best {
			best, e, ok = v, j, true
		}
	}
	return e, ok
}

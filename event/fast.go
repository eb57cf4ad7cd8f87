package event

import (
	"math"

	"github.com/diplotext/diplotext/text"
)

// Word rows: the extraction path of a quantised model sums, for each token,
// the weight rows of the features that read only the token's own word (its
// hashes and shape) or only a neighbour's word, once per distinct word
// rather than once per token and model. A sentence of the UN General
// Debate repeats the words of the sentences before it, so most tokens find
// their sums in the scratch's word cache, and each model then reads one
// cached vector instead of three to five rows of its table, and hashes
// fewer features. The features that pair two words (bigrams) or read the
// trigger are still read one row at a time; features of a few values only
// (shapes, sides, punctuation counts) come from small per-model tables.
// All sums are of int16 weights as int32, so the emissions and scores are
// bit for bit those of the feature-by-feature loops (checked by
// TestFastPathMatches).

// wordKey is what the word-only features read of a token.
type wordKey struct {
	lw, p5, s3 uint32
	shape      uint8
}

// wordRows are the summed rows of one word's word-only features.
type wordRows struct {
	// classifier: cUni(lw) + cPre(p5) + cCode(r) for each codebook root r
	cls [nClasses]int32
	// tagger: this word as the token (tBias, tW0, tPre, tSuf, tShape), as
	// the word before a token (tWm1), after it (tWp1), and tSideW of the
	// word before (side 0) and after (side 2) the trigger
	// (tagSide0 and tagSide2 hold tag's rows too, so that a token before
	// or after the trigger adds one vector for both)
	tag, tagPrev, tagNext, tagSide0, tagSide2 [nTags]int32
	// trigger: xW0 + xPre + xSuf + xShape; xWm1; xWp1
	trg, trgPrev, trgNext int32
	// chunker: kW0 + kPre + kSuf + kShape; kWm1; kWp1
	chk, chkPrev, chkNext [nChunk]int32
	// target span model: gSW + gSP as a start; gSPrev as the word before
	// a start; gEW + gES as an end; gENext + gENextP as the word after an
	// end; gIW inside
	spnStart, spnPrev, spnEnd, spnNext, spnIn int32
	// the first halves of the bigram features' hashes, mix(template,
	// this word's lw), for the word in its place in each bigram
	hBiL, hBiR, hCBi, hCSkip, hXW, hKBiL, hKBiR uint32
	hSPrevW, hSNext, hENextW, hIBi              uint32
	// the word's codebook roots and flags, as fillInfos finds them
	cb    uint32
	flags uint8
}

// wordCacheRows bounds the rows a scratch keeps: the cache starts again
// before a sentence that could take it past this, and a longer sentence
// does not use it (fillInfosFast).
const wordCacheRows = 8192

// wordCache maps words to their rows for one model. Indices stay valid for
// a sentence: the cache is only emptied before a sentence's look-ups.
type wordCache struct {
	m    *Model
	slot []int32 // open addressing over keys: index+1 into rows, 0 empty
	keys []wordKey
	rows []wordRows
}

func (c *wordCache) reset(m *Model) {
	c.m = m
	if c.slot == nil {
		c.slot = make([]int32, 4*wordCacheRows)
	} else {
		clear(c.slot)
	}
	c.keys, c.rows = c.keys[:0], c.rows[:0]
}

// lookup returns the index of k's rows, computing them on a miss.
func (c *wordCache) lookup(k wordKey, ft *fastTables) int32 {
	mask := uint32(len(c.slot) - 1)
	h := k.lw*0x9E3779B1 ^ k.p5*0x85ebca6b ^ k.s3*0xc2b2ae35 ^ uint32(k.shape)
	h ^= h >> 15
	i := h & mask
	for {
		x := c.slot[i]
		if x == 0 {
			break
		}
		if c.keys[x-1] == k {
			return x - 1
		}
		i = (i + 1) & mask
	}
	n := int32(len(c.rows))
	c.keys = append(c.keys, k)
	c.rows = append(c.rows, wordRows{})
	c.m.fillWordRows(&c.rows[n], k, ft)
	c.slot[i] = n + 1
	return n
}

// fastTables are the row sums of the features of few values, per model.
type fastTables struct {
	tagEdgePrev, tagEdgeNext     [nTags]int32          // tWm1, tWp1 with no word there
	tagSideShapePunct            [3][8][3][nTags]int32 // tSideShape + tPunct
	trgEdgePrev, trgEdgeNext     int32
	trgShape2                    [8][8]int32
	trgFirst                     [2]int32
	chkEdgePrev, chkEdgeNext     [nChunk]int32
	chkShapeL, chkShapeR         [8][8][nChunk]int32
	clsName, clsCue              [nClasses]int32
	hBiLEdge, hXWEdge, hKBiLEdge uint32 // the bigram hash halves with no word before
	clsCode                      [32][nClasses]int32
	// target span model, indexed as its features are
	spnSTag, spnEShape, spnIShape, spnSShape [16][16]int32
	spnETag                                  [16][16]int32
	spnSChunk, spnEChunk, spnIChunk          [16]int32
	spnITag                                  [16]int32
	spnSDist                                 [16][8]int32
	spnSPunct                                [4][8]int32
	spnLen                                   [16][8][10]int32 // by distance, shape, length bucket
	spnEndEdge                               int32            // gENext + gENextP after the last token
	hSChunkW, hEChunkW                       [16]uint32
	// the classifier's and the tagger's non-zero rows (sparse.go)
	cls, tag sparseRows
}

// fastPath reports whether m's tables are all quantised, so that the word
// rows apply.
func (m *Model) fastPath() bool {
	return m.qcls != nil && m.qtag != nil && m.qtrg != nil && m.qchk != nil && m.qspn != nil
}

func (m *Model) chkRow(dst *[nChunk]int32, f uint32) {
	r := m.qchk[int(f)*chunkStride : int(f)*chunkStride+chunkStride : int(f)*chunkStride+chunkStride]
	dst[0] += int32(r[0])
	dst[1] += int32(r[1])
	dst[2] += int32(r[2])
}

func add7(dst *[nTags]int32, a *[nTags]int32) {
	dst[0] += a[0]
	dst[1] += a[1]
	dst[2] += a[2]
	dst[3] += a[3]
	dst[4] += a[4]
	dst[5] += a[5]
	dst[6] += a[6]
}

func add5(dst *[nClasses]int32, a *[nClasses]int32) {
	dst[0] += a[0]
	dst[1] += a[1]
	dst[2] += a[2]
	dst[3] += a[3]
	dst[4] += a[4]
}

func add3(dst *[nChunk]int32, a *[nChunk]int32) {
	dst[0] += a[0]
	dst[1] += a[1]
	dst[2] += a[2]
}

// The "no word there" values of the neighbour features, as in
// tagFeatures, trigFeatures and chunkFeatures.
const (
	tagNone   = 0x1234567
	trgNone   = 0x7654321
	chunkNone = 0x2468ace
)

func (m *Model) buildFastTables() *fastTables {
	ft := new(fastTables)
	ft.cls = newSparseRows(m.qcls, nClasses, nClasses)
	ft.tag = newSparseRows(m.qtag, nTags, tagStride)
	ft.tagRow(&ft.tagEdgePrev, tfeat(tWm1, tagNone))
	ft.tagRow(&ft.tagEdgeNext, tfeat(tWp1, tagNone+2))
	for side := range ft.tagSideShapePunct {
		for sh := range ft.tagSideShapePunct[side] {
			for pn := range ft.tagSideShapePunct[side][sh] {
				v := &ft.tagSideShapePunct[side][sh][pn]
				ft.tagRow(v, tfeat2(tSideShape, uint32(side), uint32(sh)))
				ft.tagRow(v, tfeat(tPunct, uint32(side)<<4|uint32(pn)))
			}
		}
	}
	ft.trgEdgePrev = int32(m.qtrg[tfeat(xWm1, trgNone)])
	ft.trgEdgeNext = int32(m.qtrg[tfeat(xWp1, trgNone+1)])
	for a := range ft.trgShape2 {
		for b := range ft.trgShape2[a] {
			ft.trgShape2[a][b] = int32(m.qtrg[tfeat(xShape2, uint32(a)<<4|uint32(b))])
		}
	}
	ft.trgFirst[0] = int32(m.qtrg[tfeat(xFirst, 0)])
	ft.trgFirst[1] = int32(m.qtrg[tfeat(xFirst, 1)])
	m.chkRow(&ft.chkEdgePrev, tfeat(kWm1, chunkNone))
	m.chkRow(&ft.chkEdgeNext, tfeat(kWp1, chunkNone+1))
	for a := range ft.chkShapeL {
		for b := range ft.chkShapeL[a] {
			m.chkRow(&ft.chkShapeL[a][b], tfeat(kShapeL, uint32(a)<<4|uint32(b)))
			m.chkRow(&ft.chkShapeR[a][b], tfeat(kShapeR, uint32(a)<<4|uint32(b)))
		}
	}
	ft.hBiLEdge, ft.hXWEdge, ft.hKBiLEdge = mix(tBiL, tagNone), mix(xWm1W0, trgNone), mix(kBiL, chunkNone)
	ft.clsRow(&ft.clsName, feat(cUni, 0x4e414d45))
	ft.clsRow(&ft.clsCue, feat(cCue, 0))
	for r := range ft.clsCode {
		ft.clsRow(&ft.clsCode[r], feat(cCode, uint32(r)))
	}
	q := func(f uint32) int32 { return int32(m.qspn[f]) }
	for a := range 16 {
		for b := range 16 {
			ft.spnSTag[a][b] = q(tfeat(gSTag, uint32(a)<<4|uint32(b)))
			ft.spnETag[a][b] = q(tfeat(gETag, uint32(a)<<4|uint32(b)))
			ft.spnEShape[a][b] = q(tfeat2(gEShape, uint32(a), uint32(b)))
			ft.spnSShape[a][b] = q(tfeat2(gSShape, uint32(a), uint32(b)))
			ft.spnIShape[a][b] = q(tfeat(gIShape, uint32(a)<<4|uint32(b)))
		}
		ft.spnSChunk[a] = q(tfeat(gSChunk, uint32(a)))
		ft.spnEChunk[a] = q(tfeat(gEChunk, uint32(a)))
		ft.spnIChunk[a] = q(tfeat(gIChunk, uint32(a)))
		ft.spnITag[a] = q(tfeat(gITag, uint32(a)))
		for sh := range 8 {
			ft.spnSDist[a][sh] = q(tfeat2(gSDist, uint32(a), uint32(sh)))
		}
	}
	for pn := range ft.spnSPunct {
		for sh := range ft.spnSPunct[pn] {
			ft.spnSPunct[pn][sh] = q(tfeat2(gSPunct, uint32(pn), uint32(sh)))
		}
	}
	for lb := range 10 {
		for d := range ft.spnLen {
			for sh := range ft.spnLen[d] {
				ft.spnLen[d][sh][lb] = q(lenFeature(uint32(lb), d, uint8(sh)))
			}
		}
	}
	ft.spnEndEdge = q(tfeat(gENext, 0x4242)) + q(tfeat(gENextP, 0x4343))
	for ck := range ft.hSChunkW {
		ft.hSChunkW[ck], ft.hEChunkW[ck] = mix(gSChunkW, uint32(ck)), mix(gEChunkW, uint32(ck))
	}
	return ft
}

// fillWordRows sums the word-only rows of k into w.
func (m *Model) fillWordRows(w *wordRows, k wordKey, ft *fastTables) {
	ft.clsRow(&w.cls, feat(cUni, k.lw))
	ft.clsRow(&w.cls, feat(cPre, k.p5))
	w.cb = codebookOnce().get(k.p5)
	w.flags = uint8(wordFlags.get(k.lw))
	for cb := w.cb; cb != 0; cb &= cb - 1 {
		add5(&w.cls, &ft.clsCode[trailingZeros(cb)])
	}
	ft.tagRow(&w.tag, tfeat(tBias, 0))
	ft.tagRow(&w.tag, tfeat(tW0, k.lw))
	ft.tagRow(&w.tag, tfeat(tPre, k.p5))
	ft.tagRow(&w.tag, tfeat(tSuf, k.s3))
	ft.tagRow(&w.tag, tfeat(tShape, uint32(k.shape)))
	ft.tagRow(&w.tagPrev, tfeat(tWm1, k.lw))
	ft.tagRow(&w.tagNext, tfeat(tWp1, k.lw))
	w.tagSide0, w.tagSide2 = w.tag, w.tag
	ft.tagRow(&w.tagSide0, tfeat2(tSideW, 0, k.lw))
	ft.tagRow(&w.tagSide2, tfeat2(tSideW, 2, k.lw))
	t := m.qtrg
	w.trg = int32(t[tfeat(xW0, k.lw)]) + int32(t[tfeat(xPre, k.p5)]) + int32(t[tfeat(xSuf, k.s3)]) + int32(t[tfeat(xShape, uint32(k.shape))])
	w.trgPrev = int32(t[tfeat(xWm1, k.lw)])
	w.trgNext = int32(t[tfeat(xWp1, k.lw)])
	m.chkRow(&w.chk, tfeat(kW0, k.lw))
	m.chkRow(&w.chk, tfeat(kPre, k.p5))
	m.chkRow(&w.chk, tfeat(kSuf, k.s3))
	m.chkRow(&w.chk, tfeat(kShape, uint32(k.shape)))
	m.chkRow(&w.chkPrev, tfeat(kWm1, k.lw))
	m.chkRow(&w.chkNext, tfeat(kWp1, k.lw))
	q := m.qspn
	w.spnStart = int32(q[tfeat(gSW, k.lw)]) + int32(q[tfeat(gSP, k.p5)])
	w.spnPrev = int32(q[tfeat(gSPrev, k.lw)])
	w.spnEnd = int32(q[tfeat(gEW, k.lw)]) + int32(q[tfeat(gES, k.s3)])
	w.spnNext = int32(q[tfeat(gENext, k.lw)]) + int32(q[tfeat(gENextP, k.p5)])
	w.spnIn = int32(q[tfeat(gIW, k.lw)])
	w.hBiL, w.hBiR, w.hCBi, w.hCSkip = mix(tBiL, k.lw), mix(tBiR, k.lw), mix(cBi, k.lw), mix(cSkip, k.lw)
	w.hXW, w.hKBiL, w.hKBiR = mix(xWm1W0, k.lw), mix(kBiL, k.lw), mix(kBiR, k.lw)
	w.hSPrevW, w.hSNext, w.hENextW, w.hIBi = mix(gSPrevW, k.lw), mix(gSNext, k.lw), mix(gENextW, k.lw), mix(gIBi, k.lw)
}

// fillInfosFast is fillInfos that also sets s.wi to each token's word rows
// and s.fast, so that the models' quantised loops read them; a token's
// codebook roots and flags come from its word rows, not from their maps.
//
// It reports false, doing nothing, for a sentence of more tokens than the
// cache holds rows: such a sentence takes the feature-by-feature path,
// which gives the same sums. The cache is emptied before a sentence that
// could fill it, so it never holds more than wordCacheRows rows and its
// open addressing table stays at most a quarter full.
func (m *Model) fillInfosFast(s *scratch, src string, toks []text.Token) bool {
	if len(toks) > wordCacheRows {
		return false
	}
	c := &s.wc
	if c.m != m || len(c.rows)+len(toks) > wordCacheRows {
		c.reset(m)
		s.ft = m.fast()
	}
	dst, wi := s.infos[:0], s.wi[:0]
	scope := 0
	var pc int32
	for _, t := range toks {
		ti := hashToken(src[t.Start:t.End])
		x := c.lookup(wordKey{ti.lw, ti.p5, ti.s3, ti.shape}, s.ft)
		r := &c.rows[x]
		if ti.word {
			ti.cb = r.cb
		}
		ti.setFlags(r.flags, &scope, &pc)
		dst = append(dst, ti)
		wi = append(wi, x)
	}
	s.infos, s.wi, s.fast = dst, wi, true
	return true
}

// classifyFast is classifyQ reading the word rows.
func classifyFast(m *Model, s *scratch, p *[nClasses]float64) {
	cls, step := m.qcls, m.scls
	ti := s.infos
	n := len(ti)
	if cap(s.tokv) < n*nClasses {
		s.tokv = make([]float32, n*nClasses)
	}
	s.tokv = s.tokv[:n*nClasses]
	rows, ft := s.wc.rows, s.ft
	wi := s.wi[:n]
	var sum [nClasses]float32
	b := int(feat(cBias, 0)) * nClasses
	for k := 0; k < nClasses; k++ {
		sum[k] = float32(cls[b+k]) * step
	}
	for i := 0; i < n; i++ {
		tv := s.tokv[i*nClasses : (i+1)*nClasses : (i+1)*nClasses]
		t := &ti[i]
		var acc [nClasses]int32
		switch {
		case !t.word:
		case i > 0 && (t.shape == shCap || t.shape == shMixed):
			acc = ft.clsName
		default:
			r := &rows[wi[i]]
			acc = r.cls
			if j := i + 1; j < n {
				ft.clsRow(&acc, mix(r.hCBi, ti[j].lw)&bucketMask)
			}
			if i >= 2 {
				ft.clsRow(&acc, mix(rows[wi[i-2]].hCSkip, t.lw)&bucketMask)
			}
			if t.neg {
				ft.clsRow(&acc, feat(cNeg, t.p5))
			}
			if t.cue {
				add5(&acc, &ft.clsCue)
			}
		}
		for k := range acc {
			tv[k] = float32(acc[k]) * step
			sum[k] += tv[k]
		}
	}
	norm := lengthNorm(ti)
	for k := range sum {
		sum[k] *= norm
	}
	softmax(sum[:], p[:])
}

// trigScoresFast is trigScores reading the word rows.
func (m *Model) trigScoresFast(s *scratch, dst []float32) []float32 {
	dst = dst[:0]
	ti := s.infos
	n := len(ti)
	rows, ft := s.wc.rows, s.ft
	wi := s.wi[:n]
	for i := 0; i < n; i++ {
		t := &ti[i]
		if !t.word {
			dst = append(dst, float32(math.Inf(-1)))
			continue
		}
		acc := rows[wi[i]].trg
		hw, sm1 := ft.hXWEdge, uint32(7)
		first := 1
		if i > 0 {
			p := &rows[wi[i-1]]
			hw, sm1, first = p.hXW, uint32(ti[i-1].shape), 0
			acc += p.trgPrev
		} else {
			acc += ft.trgEdgePrev
		}
		if i+1 < n {
			acc += rows[wi[i+1]].trgNext
		} else {
			acc += ft.trgEdgeNext
		}
		acc += ft.trgShape2[sm1][t.shape] + ft.trgFirst[first]
		acc += int32(m.qtrg[mix(hw, t.lw)&(nSmall-1)])
		dst = append(dst, float32(acc)*m.strg)
	}
	return dst
}

// tagEmissionsFast is tagEmissionsQ reading the word rows; trig >= 0.
func (m *Model) tagEmissionsFast(s *scratch, trig int, w []float32) []float32 {
	ti := s.infos
	n := len(ti)
	if cap(w) < n*nTags {
		w = make([]float32, n*nTags)
	}
	w = w[:n*nTags]
	rows, ft := s.wc.rows, s.ft
	wi := s.wi[:n]
	step := m.stag
	trw := ti[trig].p5
	// The trigger-independent rows first, in a loop of their own: the two
	// bigram rows are random reads of a 1 MB table, and a short loop
	// keeps many of them in flight at once.
	if cap(s.tagBase) < n {
		s.tagBase = make([][nTags]int32, n)
	}
	base := s.tagBase[:n]
	for i := 0; i < n; i++ {
		acc := &base[i]
		hl, wp1 := ft.hBiLEdge, uint32(tagNone+2)
		if i > 0 {
			p := &rows[wi[i-1]]
			hl = p.hBiL
			*acc = p.tagPrev
		} else {
			*acc = ft.tagEdgePrev
		}
		if i+1 < n {
			wp1 = ti[i+1].lw
			add7(acc, &rows[wi[i+1]].tagNext)
		} else {
			add7(acc, &ft.tagEdgeNext)
		}
		ft.tagRow(acc, mix(hl, ti[i].lw)&(nSmall-1))
		ft.tagRow(acc, mix(rows[wi[i]].hBiR, wp1)&(nSmall-1))
	}
	// the trigger's rows by side and distance bucket: tTrigW, tTrigP, tSide
	var bySd [3][7][nTags]int32
	var have [3][7]bool
	for i := 0; i < n; i++ {
		t := &ti[i]
		e := w[i*nTags : (i+1)*nTags : (i+1)*nTags]
		acc := base[i]
		r := &rows[wi[i]]
		side := 1
		switch {
		case i < trig:
			side = 0
			add7(&acc, &r.tagSide0)
		case i > trig:
			side = 2
			add7(&acc, &r.tagSide2)
		default:
			add7(&acc, &r.tag)
			ft.tagRow(&acc, tfeat2(tSideW, 1, t.lw))
		}
		db := distBucket(i - trig)
		if !have[side][db] {
			have[side][db] = true
			sd := uint32(side)<<4 | db
			v := &bySd[side][db]
			ft.tagRow(v, tfeat2(tTrigW, trw, sd))
			ft.tagRow(v, tfeat2(tTrigP, trw, uint32(side)))
			ft.tagRow(v, tfeat(tSide, sd))
		}
		add7(&acc, &bySd[side][db])
		pn := 0
		a, b := trig, i
		if a > b {
			a, b = b, a
		}
		if a+1 < b {
			pn = int(min(ti[b].pc-ti[a+1].pc, 2))
		}
		add7(&acc, &ft.tagSideShapePunct[side][t.shape][pn])
		for k := range acc {
			e[k] = float32(acc[k]) * step
		}
	}
	return w
}

// chunkEmissionsFast is the quantised chunkEmissions reading the word rows.
func (m *Model) chunkEmissionsFast(s *scratch, lo, hi int, w []float32) []float32 {
	ti := s.infos
	rows, ft := s.wc.rows, s.ft
	wi := s.wi[:len(ti)]
	n := hi - lo
	if cap(w) < n*nChunk {
		w = make([]float32, n*nChunk)
	}
	w = w[:n*nChunk]
	for i := lo; i < hi; i++ {
		t := &ti[i]
		r := &rows[wi[i]]
		acc := r.chk
		hl, wp1 := ft.hKBiLEdge, uint32(chunkNone+1)
		sm1, sp1 := 7, 7
		if i > 0 {
			p := &rows[wi[i-1]]
			hl, sm1 = p.hKBiL, int(ti[i-1].shape)
			add3(&acc, &p.chkPrev)
		} else {
			add3(&acc, &ft.chkEdgePrev)
		}
		if i+1 < len(ti) {
			wp1, sp1 = ti[i+1].lw, int(ti[i+1].shape)
			add3(&acc, &rows[wi[i+1]].chkNext)
		} else {
			add3(&acc, &ft.chkEdgeNext)
		}
		add3(&acc, &ft.chkShapeL[sm1][t.shape])
		add3(&acc, &ft.chkShapeR[t.shape][sp1])
		m.chkRow(&acc, mix(hl, t.lw)&(nSmall-1))
		m.chkRow(&acc, mix(r.hKBiR, wp1)&(nSmall-1))
		k := (i - lo) * nChunk
		w[k], w[k+1], w[k+2] = float32(acc[0])*m.schk, float32(acc[1])*m.schk, float32(acc[2])*m.schk
	}
	return w
}

// spanStartSum is the sum of spanStartFeatures(ti, a, trig, prep, tags)
// in the span table.
func (m *Model) spanStartSum(s *scratch, a, trig int, prep uint32, tags []uint8) float32 {
	ti := s.infos
	if !s.fast {
		s.feats = spanStartFeatures(ti, a, trig, prep, tags, s.feats[:0])
		w := m.spanW()
		return w.sum(s.feats)
	}
	q, ft, rows := m.qspn, s.ft, s.wc.rows
	t, p := &ti[a], &ti[a-1]
	d := min(a-trig, 15)
	pn := min(t.pc-ti[trig].pc, 3)
	wp1 := uint32(0x31337)
	if a+1 < len(ti) {
		wp1 = ti[a+1].lw
	}
	rt, rp := &rows[s.wi[a]], &rows[s.wi[a-1]]
	acc := rt.spnStart + rp.spnPrev
	if a-2 > trig && p.fn {
		acc += int32(q[tfeat2(gSPrepHead, ti[a-2].p5, p.lw)])
	}
	ck := p.ck<<2 | t.ck
	acc += ft.spnSTag[tags[a-1]][tags[a]] + ft.spnSChunk[ck] + ft.spnSShape[p.shape][t.shape] + ft.spnSDist[d][t.shape] + ft.spnSPunct[pn][t.shape]
	// the trigger's halves of its three bigram hashes, once a trigger
	if trw := ti[trig].p5; !s.trigH.ok || s.trigH.trw != trw {
		s.trigH.trw, s.trigH.ok = trw, true
		s.trigH.prev, s.trigH.dist, s.trigH.w = mix(gSTrigPrev, trw), mix(gSTrigDist, trw), mix(gSTrigW, trw)
	}
	const sm = nSmall - 1
	acc += int32(q[mix(ft.hSChunkW[ck], p.lw)&sm]) +
		int32(q[mix(rp.hSPrevW, t.lw)&sm]) +
		int32(q[mix(s.trigH.prev, p.lw)&sm]) +
		int32(q[mix(s.trigH.dist, uint32(d))&sm]) +
		int32(q[tfeat2(gSPrep, prep, uint32(d))]) +
		int32(q[mix(s.trigH.w, t.p5)&sm]) +
		int32(q[mix(rt.hSNext, wp1)&sm])
	return float32(acc) * m.sspn
}

// spanEndSum is the sum of spanEndFeatures(ti, e, tags) in the span table.
func (m *Model) spanEndSum(s *scratch, e int, tags []uint8) float32 {
	ti := s.infos
	if !s.fast {
		s.feats = spanEndFeatures(ti, e, tags, s.feats[:0])
		w := m.spanW()
		return w.sum(s.feats)
	}
	q, ft, rows := m.qspn, s.ft, s.wc.rows
	t := &ti[e]
	nw, ns, nt, nc := uint32(0x4242), uint8(7), uint8(15), uint8(3)
	r := &rows[s.wi[e]]
	acc := r.spnEnd
	if e+1 < len(ti) {
		n := &ti[e+1]
		nw, ns, nt, nc = n.lw, n.shape, tags[e+1], n.ck
		acc += rows[s.wi[e+1]].spnNext
	} else {
		acc += ft.spnEndEdge
	}
	ck := t.ck<<2 | nc
	acc += ft.spnETag[tags[e]][nt] + ft.spnEChunk[ck] + ft.spnEShape[t.shape][ns]
	acc += int32(q[mix(ft.hEChunkW[ck], nw)&(nSmall-1)]) + int32(q[mix(r.hENextW, nw)&(nSmall-1)])
	return float32(acc) * m.sspn
}

// spanInsideSum is the sum of spanInsideFeatures(ti, k, tags) in the span
// table.
func (m *Model) spanInsideSum(s *scratch, k int, tags []uint8) float32 {
	ti := s.infos
	if !s.fast {
		s.feats = spanInsideFeatures(ti, k, tags, s.feats[:0])
		w := m.spanW()
		return w.sum(s.feats)
	}
	t, p := &ti[k], &ti[k-1]
	acc := s.wc.rows[s.wi[k]].spnIn + s.ft.spnIChunk[p.ck<<2|t.ck] + s.ft.spnITag[tags[k]] + s.ft.spnIShape[p.shape][t.shape]
	acc += int32(m.qspn[mix(s.wc.rows[s.wi[k-1]].hIBi, t.lw)&(nSmall-1)])
	return float32(acc) * m.sspn
}

// spanLenWeight is the weight of lenFeature(lb, dist, shape).
func (m *Model) spanLenWeight(s *scratch, lb uint32, dist int, shape uint8) float32 {
	if s.fast {
		return float32(s.ft.spnLen[min(dist, 15)][shape][lb]) * m.sspn
	}
	lf := lenFeature(lb, dist, shape)
	if m.qspn != nil {
		return float32(m.qspn[lf]) * m.sspn
	}
	return m.spn[lf]
}

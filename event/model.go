package event

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"sync"
)

// Model holds the learned weights of an [Extractor]: a five-class logistic
// classifier of the act a sentence reports, and an actor tagger (an averaged
// structured perceptron over source, target and reciprocal spans). Both read
// hashed lexical and positional features of the tokens, including which
// CAMEO codebook roots a word appears in; there is no parser. A Model is
// immutable once built and safe for concurrent use.
//
// The package embeds a Model trained on the shared CAMEO news sentences (see
// [DefaultModel]); [Train] builds one from the caller's own coded sentences.
type Model struct {
	cls []float32 // nBuckets x nClasses
	tag []float32 // nSmall x nTags
	trg []float32 // nSmall: trigger pointer weights
	spn []float32 // nSmall: target span weights
	// After training or loading, the weights live as int16 times a step
	// per table (half the memory of float32, so fewer cache misses); the
	// float tables above are then nil.
	qcls, qtag, qtrg, qspn []int16
	scls, stag, strg, sspn float32
	trans                  [nTags + 1][nTags]float32
	info                   string
	// the noun phrase chunker (chunk.go): float weights under training,
	// int16 (stride chunkStride) times schk after
	chk      []float32
	qchk     []int16
	schk     float32
	ctrans   [nChunk + 1][nChunk]float32
	hasChunk bool // a chunker was trained
	// the per-model tables of the extraction path (fast.go), built on
	// first use
	fastOnce sync.Once
	fastT    *fastTables
}

// fast returns the model's tables of the features of few values.
func (m *Model) fast() *fastTables {
	m.fastOnce.Do(func() { m.fastT = m.buildFastTables() })
	return m.fastT
}

// Info returns the model's provenance line (data, size, training date).
func (m *Model) Info() string {
	if m == nil {
		return ""
	}
	return m.info
}

var codebookOnce = sync.OnceValue(buildCodebook)

// modelMagic heads a model file. v4: a noun phrase chunker whose tags the
// tagger and the target span model read, and a span model that reads the
// tagger's tags; the weights of a v3 model mean other features, so v3 (and
// older) models are refused.
const modelMagic = "diplotext-event-model-v4\n"

// modelMagicPrefix is the part of the magic line shared by every version.
const modelMagicPrefix = "diplotext-event-model-v"

// MarshalBinary encodes the model: a magic line, the provenance text, and
// the non-zero weights as quantised 16-bit integers.
func (m *Model) MarshalBinary() ([]byte, error) {
	if m == nil {
		return nil, errors.New("event: marshal of a nil model")
	}
	var b bytes.Buffer
	b.WriteString(modelMagic)
	writeU32(&b, uint32(len(m.info)))
	b.WriteString(m.info)
	if m.qcls == nil {
		return nil, errors.New("event: marshal of a model under training")
	}
	for _, tab := range []struct {
		w     []int16
		n, st int
		step  float32
	}{{m.qcls, nClasses, nClasses, m.scls}, {m.qtag, nTags, tagStride, m.stag}, {m.qtrg, 1, 1, m.strg}, {m.qspn, 1, 1, m.sspn}, {m.qchk, nChunk, chunkStride, m.schk}} {
		writeU32(&b, math.Float32bits(tab.step))
		var rows []uint32
		for r := 0; r < len(tab.w)/tab.st; r++ {
			for k := 0; k < tab.n; k++ {
				if tab.w[r*tab.st+k] != 0 {
					rows = append(rows, uint32(r))
					break
				}
			}
		}
		writeU32(&b, uint32(len(rows)))
		for _, r := range rows {
			writeU32(&b, r)
			for k := 0; k < tab.n; k++ {
				writeU16(&b, uint16(tab.w[int(r)*tab.st+k]))
			}
		}
	}
	for a := range m.trans {
		for c := range m.trans[a] {
			writeU16(&b, uint16(q(m.trans[a][c], m.stag)))
		}
	}
	for a := range m.ctrans {
		for c := range m.ctrans[a] {
			writeU16(&b, uint16(q(m.ctrans[a][c], m.schk)))
		}
	}
	return b.Bytes(), nil
}

// quantize moves the float weights of a trained model to int16 tables,
// with the steps MarshalBinary stores, so that a trained model and the same
// model marshalled and loaded decide alike.
func (m *Model) quantize() {
	var tmax float32
	for a := range m.trans {
		for _, v := range m.trans[a] {
			tmax = max(tmax, abs32(v))
		}
	}
	qt := func(w []float32, extra float32) ([]int16, float32) {
		mx := extra
		for _, v := range w {
			mx = max(mx, abs32(v))
		}
		step := mx / 32767
		if step == 0 {
			step = 1
		}
		out := make([]int16, len(w))
		for i, v := range w {
			out[i] = q(v, step)
		}
		return out, step
	}
	m.qcls, m.scls = qt(m.cls, 0)
	qtag, stag := qt(m.tag, tmax)
	m.qtag, m.stag = make([]int16, nSmall*tagStride), stag
	for r := 0; r < nSmall; r++ {
		copy(m.qtag[r*tagStride:r*tagStride+nTags], qtag[r*nTags:(r+1)*nTags])
	}
	m.qtrg, m.strg = qt(m.trg, 0)
	m.qspn, m.sspn = qt(m.spn, 0)
	for a := range m.trans {
		for c := range m.trans[a] {
			m.trans[a][c] = float32(q(m.trans[a][c], m.stag)) * m.stag
		}
	}
	var cmax float32
	for a := range m.ctrans {
		for _, v := range m.ctrans[a] {
			cmax = max(cmax, abs32(v))
		}
	}
	m.qchk, m.schk = make([]int16, nSmall*chunkStride), 1
	m.hasChunk = m.chk != nil
	if m.chk != nil {
		qchk, schk := qt(m.chk, cmax)
		m.schk = schk
		for r := 0; r < nSmall; r++ {
			copy(m.qchk[r*chunkStride:r*chunkStride+nChunk], qchk[r*nChunk:(r+1)*nChunk])
		}
	}
	for a := range m.ctrans {
		for c := range m.ctrans[a] {
			m.ctrans[a][c] = float32(q(m.ctrans[a][c], m.schk)) * m.schk
		}
	}
	m.cls, m.tag, m.trg, m.spn, m.chk = nil, nil, nil, nil, nil
}

func abs32(v float32) float32 {
	if v < 0 {
		return -v
	}
	return v
}

func q(w, step float32) int16 {
	v := math.Round(float64(w / step))
	if v > math.MaxInt16 {
		v = math.MaxInt16
	}
	if v < math.MinInt16 {
		v = math.MinInt16
	}
	return int16(v)
}

func writeU32(b *bytes.Buffer, v uint32) {
	var x [4]byte
	binary.LittleEndian.PutUint32(x[:], v)
	b.Write(x[:])
}

func writeU16(b *bytes.Buffer, v uint16) {
	var x [2]byte
	binary.LittleEndian.PutUint16(x[:], v)
	b.Write(x[:])
}

// ErrBadModel is wrapped by the errors of [LoadModel] for data that is not
// a model written by [Model.MarshalBinary].
var ErrBadModel = errors.New("event: bad model data")

// LoadModel decodes a model written by [Model.MarshalBinary]. Truncated or
// corrupt data gives an error wrapping [ErrBadModel] that names the problem.
func LoadModel(data []byte) (*Model, error) {
	r := bytes.NewReader(data)
	magic := make([]byte, len(modelMagic))
	if _, err := io.ReadFull(r, magic); err != nil || string(magic) != modelMagic {
		if bytes.HasPrefix(data, []byte(modelMagicPrefix)) {
			v := data[len(modelMagicPrefix):min(len(data), len(modelMagicPrefix)+8)]
			if i := bytes.IndexByte(v, '\n'); i >= 0 {
				v = v[:i]
			}
			return nil, fmt.Errorf("%w: model format v%s, this version of package event reads v4 only (retrain with event.Train)", ErrBadModel, v)
		}
		return nil, fmt.Errorf("%w: missing header", ErrBadModel)
	}
	n, err := readU32(r)
	if err != nil || int(n) > r.Len() {
		return nil, fmt.Errorf("%w: truncated provenance", ErrBadModel)
	}
	info := make([]byte, n)
	io.ReadFull(r, info)
	m := &Model{info: string(info), qcls: make([]int16, nBuckets*nClasses), qtag: make([]int16, nSmall*tagStride), qtrg: make([]int16, nSmall), qspn: make([]int16, nSmall), qchk: make([]int16, nSmall*chunkStride)}
	var qStep, tagStep float32
	for ti, tab := range []struct {
		w     []int16
		n, st int
	}{{m.qcls, nClasses, nClasses}, {m.qtag, nTags, tagStride}, {m.qtrg, 1, 1}, {m.qspn, 1, 1}, {m.qchk, nChunk, chunkStride}} {
		sb, err := readU32(r)
		if err != nil {
			return nil, fmt.Errorf("%w: truncated weights", ErrBadModel)
		}
		qStep = math.Float32frombits(sb)
		if math.IsNaN(float64(qStep)) || math.IsInf(float64(qStep), 0) {
			return nil, fmt.Errorf("%w: bad weight scale", ErrBadModel)
		}
		if tab.n == nTags {
			tagStep = qStep
		}
		*[]*float32{&m.scls, &m.stag, &m.strg, &m.sspn, &m.schk}[ti] = qStep
		rows, err := readU32(r)
		if err != nil || int64(rows)*int64(4+2*tab.n) > int64(r.Len()) {
			return nil, fmt.Errorf("%w: truncated weights", ErrBadModel)
		}
		if ti == 4 {
			m.hasChunk = rows > 0
		}
		// the rows straight from the bytes: a read call per value was most
		// of the load
		pos, size := len(data)-r.Len(), int(rows)*(4+2*tab.n)
		raw := data[pos : pos+size]
		r.Seek(int64(size), io.SeekCurrent)
		for len(raw) > 0 {
			row := binary.LittleEndian.Uint32(raw)
			if int(row) >= len(tab.w)/tab.st {
				return nil, fmt.Errorf("%w: weight row %d out of range", ErrBadModel, row)
			}
			w := tab.w[int(row)*tab.st : int(row)*tab.st+tab.n]
			for k := range w {
				w[k] = int16(binary.LittleEndian.Uint16(raw[4+2*k:]))
			}
			raw = raw[4+2*tab.n:]
		}
	}
	for a := range m.trans {
		for c := range m.trans[a] {
			v, err := readU16(r)
			if err != nil {
				return nil, fmt.Errorf("%w: truncated transitions", ErrBadModel)
			}
			m.trans[a][c] = float32(int16(v)) * tagStep
		}
	}
	for a := range m.ctrans {
		for c := range m.ctrans[a] {
			v, err := readU16(r)
			if err != nil {
				return nil, fmt.Errorf("%w: truncated chunk transitions", ErrBadModel)
			}
			m.ctrans[a][c] = float32(int16(v)) * m.schk
		}
	}
	if r.Len() != 0 {
		return nil, fmt.Errorf("%w: %d trailing bytes", ErrBadModel, r.Len())
	}
	return m, nil
}

func readU32(r *bytes.Reader) (uint32, error) {
	lo, err := readU16(r)
	if err != nil {
		return 0, err
	}
	hi, err := readU16(r)
	return uint32(lo) | uint32(hi)<<16, err
}

func readU16(r *bytes.Reader) (uint16, error) {
	a, err := r.ReadByte()
	if err != nil {
		return 0, err
	}
	b, err := r.ReadByte()
	if err != nil {
		return 0, io.ErrUnexpectedEOF
	}
	return uint16(a) | uint16(b)<<8, nil
}

// tagStride is the row length of the int16 tagger table in memory: seven
// tags padded to eight, so that a row (16 bytes) never straddles a cache
// line.
const tagStride = 8

// scratch holds per-call buffers.
type scratch struct {
	infos  []tokInfo
	feats  []uint32
	tokv   []float32 // per token class contributions, len(infos)*nClasses
	score  []float32 // viterbi scores, n*nTags
	back   []uint8
	tags   []uint8
	trig   []float32
	ends   []float32 // target span end scores
	ins    []float32 // target span inside scores, cumulated
	chem   []float32 // chunk emissions
	chback []uint8
	chunk  []uint8 // chunk tags of the sentence
	sp, rs []span
	tags0  []uint8   // the tagger's tags before the target span model
	coBuf  []CoActor // the current sentence's coordinated actors
	co     []CoActor // the current call's block of them (not reused across calls)
	// the target span model's last window: trigger, end (exclusive) and
	// the score of "no target"; ends and ins hold its sums
	spanTrig, spanHi int
	spanNone         float32
	spans            []Span // the current call's actor spans (not reused across calls)
	// the word rows of the quantised extraction path (fast.go): the
	// cache, each token's index into it, the model's small tables, and
	// whether s.wi holds the current sentence's indices
	wc wordCache
	wi []int32
	// the tagger's trigger-independent row sums per token
	tagBase [][nTags]int32
	ft      *fastTables
	fast    bool
	// the trigger's halves of the span start's bigram hashes, for the
	// trigger prefix hash trw
	trigH struct {
		trw           uint32
		ok            bool
		prev, dist, w uint32
	}
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// classify returns the class probabilities into p and the per-token
// contributions in s.tokv.
func (m *Model) classify(s *scratch, p *[nClasses]float64) {
	if s.fast {
		classifyFast(m, s, p)
	} else if m.qcls != nil {
		classifyQ(m.qcls, m.scls, s, p)
	} else {
		classifyW(m.cls, 1, s, p)
	}
}

// classifyQ is classifyW for int16 weights, summed as integers.
func classifyQ(cls []int16, step float32, s *scratch, p *[nClasses]float64) {
	n := len(s.infos)
	if cap(s.tokv) < n*nClasses {
		s.tokv = make([]float32, n*nClasses)
	}
	s.tokv = s.tokv[:n*nClasses]
	var sum [nClasses]float32
	b := int(feat(cBias, 0)) * nClasses
	for k := 0; k < nClasses; k++ {
		sum[k] = float32(cls[b+k]) * step
	}
	for i := 0; i < n; i++ {
		s.feats = classFeatures(s.infos, i, s.feats[:0])
		tv := s.tokv[i*nClasses : (i+1)*nClasses : (i+1)*nClasses]
		var acc [nClasses]int32
		for _, f := range s.feats {
			w := cls[int(f)*nClasses : int(f)*nClasses+nClasses : int(f)*nClasses+nClasses]
			acc[0] += int32(w[0])
			acc[1] += int32(w[1])
			acc[2] += int32(w[2])
			acc[3] += int32(w[3])
			acc[4] += int32(w[4])
		}
		for k := range acc {
			tv[k] = float32(acc[k]) * step
			sum[k] += tv[k]
		}
	}
	norm := lengthNorm(s.infos)
	for k := range sum {
		sum[k] *= norm
	}
	softmax(sum[:], p[:])
}

func classifyW[T int16 | float32](cls []T, step float32, s *scratch, p *[nClasses]float64) {
	n := len(s.infos)
	if cap(s.tokv) < n*nClasses {
		s.tokv = make([]float32, n*nClasses)
	}
	s.tokv = s.tokv[:n*nClasses]
	var sum [nClasses]float32
	b := int(feat(cBias, 0)) * nClasses
	for k := 0; k < nClasses; k++ {
		sum[k] = float32(cls[b+k]) * step
	}
	for i := 0; i < n; i++ {
		s.feats = classFeatures(s.infos, i, s.feats[:0])
		tv := s.tokv[i*nClasses : (i+1)*nClasses : (i+1)*nClasses]
		var acc [nClasses]float32
		for _, f := range s.feats {
			w := cls[int(f)*nClasses : int(f)*nClasses+nClasses : int(f)*nClasses+nClasses]
			for k := range acc {
				acc[k] += float32(w[k])
			}
		}
		for k := range acc {
			tv[k] = acc[k] * step
			sum[k] += tv[k]
		}
	}
	norm := lengthNorm(s.infos)
	for k := range sum {
		sum[k] *= norm
	}
	softmax(sum[:], p[:])
}

func softmax(z []float32, p []float64) {
	mx := z[0]
	for _, v := range z {
		if v > mx {
			mx = v
		}
	}
	t := 0.0
	for k, v := range z {
		p[k] = math.Exp(float64(v - mx))
		t += p[k]
	}
	for k := range p {
		p[k] /= t
	}
}

func newModel(info string) *Model {
	return &Model{cls: make([]float32, nBuckets*nClasses), tag: make([]float32, nSmall*nTags), trg: make([]float32, nSmall), spn: make([]float32, nSmall), info: info}
}

// trigScores fills s.tokv-independent trigger scores into dst, one per
// token; -Inf for tokens that cannot be a trigger (no letter).
func (m *Model) trigScores(s *scratch, dst []float32) []float32 {
	if s.fast {
		return m.trigScoresFast(s, dst)
	}
	dst = dst[:0]
	for i := range s.infos {
		if !s.infos[i].word {
			dst = append(dst, float32(math.Inf(-1)))
			continue
		}
		s.feats = trigFeatures(s.infos, i, s.feats[:0])
		var v float32
		if m.qtrg != nil {
			var acc int32
			for _, f := range s.feats {
				acc += int32(m.qtrg[f])
			}
			v = float32(acc) * m.strg
		} else {
			for _, f := range s.feats {
				v += m.trg[f]
			}
		}
		dst = append(dst, v)
	}
	return dst
}

// trigger returns the token that carries the act: the best token of the
// trigger pointer model, its ties broken by the classifier's evidence for
// class c.
func (m *Model) trigger(s *scratch, c int) int {
	t, _ := m.triggers(s, c)
	return t
}

// triggers returns the pivot token of the tagger (see trigger) and the
// trigger to report: the best token that is not a function word ("has",
// "and"), or the pivot when all are.
func (m *Model) triggers(s *scratch, c int) (pivot, shown int) {
	s.trig = m.trigScores(s, s.trig)
	best, bi := float32(math.Inf(-1)), -1
	bestC, ci := float32(math.Inf(-1)), -1
	defer func() {
		pivot, shown = bi, ci
		if shown < 0 {
			shown = pivot
		}
	}()
	for i, v := range s.trig {
		if v == float32(math.Inf(-1)) {
			continue
		}
		tv := s.tokv[i*nClasses : (i+1)*nClasses]
		var mean float32
		for _, x := range tv {
			mean += x
		}
		mean /= float32(nClasses)
		v += 0.05 * (tv[c] - mean)
		if v > best {
			best, bi = v, i
		}
		if v > bestC && !s.infos[i].fn {
			bestC, ci = v, i
		}
	}
	return
}

// classTrigger returns the token carrying most of class c's evidence: a word,
// preferring lower-case words (verbs and nouns of the act rather than names).
func classTrigger(s *scratch, c int) int {
	best, bi := float32(math.Inf(-1)), -1
	anyLower := false
	for i := range s.infos {
		if s.infos[i].word && s.infos[i].shape == shLower {
			anyLower = true
			break
		}
	}
	for i := range s.infos {
		t := &s.infos[i]
		if !t.word || (anyLower && t.shape != shLower) {
			continue
		}
		tv := s.tokv[i*nClasses : (i+1)*nClasses]
		var mean float32
		for _, v := range tv {
			mean += v
		}
		mean /= float32(nClasses)
		if v := tv[c] - mean; v > best {
			best, bi = v, i
		}
	}
	return bi
}

// tagEmissions fills s.score with emission scores of every token and tag.
func (m *Model) tagEmissions(s *scratch, trig int, w []float32) []float32 {
	if s.fast && trig >= 0 {
		return m.tagEmissionsFast(s, trig, w)
	}
	if m.qtag != nil {
		return tagEmissionsQ(m.qtag, m.stag, s, trig, w)
	}
	return tagEmissionsW(m.tag, 1, s, trig, w)
}

// tagEmissionsQ is tagEmissionsW for int16 weights, summed as integers.
func tagEmissionsQ(tag []int16, step float32, s *scratch, trig int, w []float32) []float32 {
	n := len(s.infos)
	if cap(w) < n*nTags {
		w = make([]float32, n*nTags)
	}
	w = w[:n*nTags]
	for i := 0; i < n; i++ {
		e := w[i*nTags : (i+1)*nTags : (i+1)*nTags]
		var acc [nTags]int32
		s.feats = tagFeatures(s.infos, i, trig, s.feats[:0])
		for _, f := range s.feats {
			r := tag[int(f)*tagStride : int(f)*tagStride+tagStride : int(f)*tagStride+tagStride]
			acc[0] += int32(r[0])
			acc[1] += int32(r[1])
			acc[2] += int32(r[2])
			acc[3] += int32(r[3])
			acc[4] += int32(r[4])
			acc[5] += int32(r[5])
			acc[6] += int32(r[6])
		}
		for k := range acc {
			e[k] = float32(acc[k]) * step
		}
	}
	return w
}

func tagEmissionsW[T int16 | float32](tag []T, step float32, s *scratch, trig int, w []float32) []float32 {
	n := len(s.infos)
	if cap(w) < n*nTags {
		w = make([]float32, n*nTags)
	}
	w = w[:n*nTags]
	for i := 0; i < n; i++ {
		e := w[i*nTags : (i+1)*nTags : (i+1)*nTags]
		var acc [nTags]float32
		s.feats = tagFeatures(s.infos, i, trig, s.feats[:0])
		for _, f := range s.feats {
			r := tag[int(f)*nTags : int(f)*nTags+nTags : int(f)*nTags+nTags]
			for k := range acc {
				acc[k] += float32(r[k])
			}
		}
		for k := range acc {
			e[k] = acc[k] * step
		}
	}
	return w
}

// viterbi decodes the best tag sequence from emissions em under the BIO
// constraints and trans, into s.tags.
func viterbi(s *scratch, em []float32, trans *[nTags + 1][nTags]float32) []uint8 {
	n := len(em) / nTags
	if cap(s.back) < n*nTags {
		s.back = make([]uint8, n*nTags)
	}
	s.back = s.back[:n*nTags]
	if cap(s.tags) < n {
		s.tags = make([]uint8, n)
	}
	s.tags = s.tags[:n]
	if n == 0 {
		return s.tags
	}
	const ninf = float32(-1e30)
	var prev, cur [nTags]float32
	for k := 0; k < nTags; k++ {
		if allowed(nTags, k) {
			prev[k] = em[k] + trans[nTags][k]
		} else {
			prev[k] = ninf
		}
	}
	// An inside tag I-X can only follow B-X or I-X (its B tag is X-1):
	// two candidates instead of seven.
	for i := 1; i < n; i++ {
		e := em[i*nTags : i*nTags+nTags : i*nTags+nTags]
		back := s.back[i*nTags : i*nTags+nTags : i*nTags+nTags]
		// outside and begin tags: the best of the seven predecessors
		// (the best of seven predecessors written out for each of the four
		// tags: as a function call it was a third of the decoder's time)
		{
			best, bj := float32(-1e30), uint8(0)
			if v := prev[0] + trans[0][tagO]; v > best {
				best, bj = v, 0
			}
			if v := prev[1] + trans[1][tagO]; v > best {
				best, bj = v, 1
			}
			if v := prev[2] + trans[2][tagO]; v > best {
				best, bj = v, 2
			}
			if v := prev[3] + trans[3][tagO]; v > best {
				best, bj = v, 3
			}
			if v := prev[4] + trans[4][tagO]; v > best {
				best, bj = v, 4
			}
			if v := prev[5] + trans[5][tagO]; v > best {
				best, bj = v, 5
			}
			if v := prev[6] + trans[6][tagO]; v > best {
				best, bj = v, 6
			}
			cur[tagO], back[tagO] = best, bj
		}
		{
			best, bj := float32(-1e30), uint8(0)
			if v := prev[0] + trans[0][tagBS]; v > best {
				best, bj = v, 0
			}
			if v := prev[1] + trans[1][tagBS]; v > best {
				best, bj = v, 1
			}
			if v := prev[2] + trans[2][tagBS]; v > best {
				best, bj = v, 2
			}
			if v := prev[3] + trans[3][tagBS]; v > best {
				best, bj = v, 3
			}
			if v := prev[4] + trans[4][tagBS]; v > best {
				best, bj = v, 4
			}
			if v := prev[5] + trans[5][tagBS]; v > best {
				best, bj = v, 5
			}
			if v := prev[6] + trans[6][tagBS]; v > best {
				best, bj = v, 6
			}
			cur[tagBS], back[tagBS] = best, bj
		}
		{
			best, bj := float32(-1e30), uint8(0)
			if v := prev[0] + trans[0][tagBT]; v > best {
				best, bj = v, 0
			}
			if v := prev[1] + trans[1][tagBT]; v > best {
				best, bj = v, 1
			}
			if v := prev[2] + trans[2][tagBT]; v > best {
				best, bj = v, 2
			}
			if v := prev[3] + trans[3][tagBT]; v > best {
				best, bj = v, 3
			}
			if v := prev[4] + trans[4][tagBT]; v > best {
				best, bj = v, 4
			}
			if v := prev[5] + trans[5][tagBT]; v > best {
				best, bj = v, 5
			}
			if v := prev[6] + trans[6][tagBT]; v > best {
				best, bj = v, 6
			}
			cur[tagBT], back[tagBT] = best, bj
		}
		{
			best, bj := float32(-1e30), uint8(0)
			if v := prev[0] + trans[0][tagBR]; v > best {
				best, bj = v, 0
			}
			if v := prev[1] + trans[1][tagBR]; v > best {
				best, bj = v, 1
			}
			if v := prev[2] + trans[2][tagBR]; v > best {
				best, bj = v, 2
			}
			if v := prev[3] + trans[3][tagBR]; v > best {
				best, bj = v, 3
			}
			if v := prev[4] + trans[4][tagBR]; v > best {
				best, bj = v, 4
			}
			if v := prev[5] + trans[5][tagBR]; v > best {
				best, bj = v, 5
			}
			if v := prev[6] + trans[6][tagBR]; v > best {
				best, bj = v, 6
			}
			cur[tagBR], back[tagBR] = best, bj
		}
		cur[tagO] += e[tagO]
		cur[tagBS] += e[tagBS]
		cur[tagBT] += e[tagBT]
		cur[tagBR] += e[tagBR]
		// inside tags: B-X or I-X before
		for _, k := range [3]int{tagIS, tagIT, tagIR} {
			best, bj := prev[k-1]+trans[k-1][k], k-1
			if v := prev[k] + trans[k][k]; v > best {
				best, bj = v, k
			}
			cur[k] = best + e[k]
			back[k] = uint8(bj)
		}
		prev = cur
	}
	bk := 0
	for k := 1; k < nTags; k++ {
		if prev[k] > prev[bk] {
			bk = k
		}
	}
	for i := n - 1; i >= 0; i-- {
		s.tags[i] = uint8(bk)
		bk = int(s.back[i*nTags+bk])
	}
	return s.tags
}

//go:generate go run ./internal/gen -out .

var defaultModel = sync.OnceValues(func() (*Model, error) {
	m, err := LoadModel(modelBin)
	if err != nil {
		return nil, fmt.Errorf("event: embedded model.bin: %w", err)
	}
	return m, nil
})

// DefaultModel returns the embedded model (see [ModelVersion]), decoded on
// first use, once per process.
func DefaultModel() (*Model, error) { return defaultModel() }

// lengthNorm scales a sentence's class evidence by 1/sqrt(words/12), so
// that long sentences do not pile up small weights into a confident
// default class (12 words count 1).
func lengthNorm(infos []tokInfo) float32 {
	n := 0
	for i := range infos {
		if infos[i].word {
			n++
		}
	}
	if n < 12 {
		return 1
	}
	return float32(math.Sqrt(12 / float64(n)))
}

package tone

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/diplotext/diplotext/text"
)

// Span is a byte span [Start, End) of a document's text: a mention of an
// actor or any other target whose tone is wanted.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// ErrSpan is wrapped by the error of a target span that is out of range,
// empty, splits a UTF-8 character or covers no token.
var ErrSpan = errors.New("tone: bad span")

// locateSpan checks sp against d and finds its sentence and tokens.
func locateSpan(d *text.Document, sp Span) (si, first, last int, err error) {
	s := d.Text
	if sp.Start < 0 || sp.End > len(s) || sp.Start >= sp.End {
		return 0, 0, 0, fmt.Errorf("[%d,%d) out of range for a text of %d bytes", sp.Start, sp.End, len(s))
	}
	if text.SplitsRune(s, sp.Start) || text.SplitsRune(s, sp.End) {
		return 0, 0, 0, fmt.Errorf("[%d,%d) splits a UTF-8 character", sp.Start, sp.End)
	}
	si, first, last, ok := targetSpan(d, sp.Start, sp.End)
	if !ok {
		return 0, 0, 0, fmt.Errorf("[%d,%d) holds no text", sp.Start, sp.End)
	}
	return si, first, last, nil
}

// sideWindow is the number of tokens on each side of a target whose
// lexicon contributions feed its distance-weighted context (lex:left,
// lex:right). A contribution 128 tokens away would weigh 1/26.6 of an
// adjacent one; cutting there bounds the work per target, so a document
// of n tokens with m targets costs O(n + m*sideWindow). Nearly every
// sentence of the training data is shorter (a test checks that the scores
// agree), so the window changes no trained figure.
const sideWindow = 128

// Towards returns the tone toward each span of d.Text (actors' mentions),
// in the order of spans, as [Labeler.Toward] would return it for each. It
// analyses each sentence that holds a span once, for all its spans, and
// bounds the further work per span by a window of tokens around it, so its
// time is linear in the text plus the number of spans, however many
// mentions a sentence holds. A nil d is the empty document (every span is
// then out of range); no spans give an empty, non-nil result. It returns an
// error naming the first span that is out of range, empty, splits a UTF-8
// character or covers no token.
func (l *Labeler) Towards(d *text.Document, spans []Span) ([]Target, error) {
	if d != nil {
		if err := checkDocument(d); err != nil {
			return nil, err
		}
	}
	t, _, err := l.towards(d, spans, nil)
	return t, err
}

// towards is Towards on a checked document, also returning the number of token and contribution
// steps taken (for the test that the work is linear). If sent is not nil
// (len(spans) long), it receives the rules-only polarity of each span's
// sentence.
func (l *Labeler) towards(d *text.Document, spans []Span, sent []float64) ([]Target, int, error) {
	if l == nil {
		return nil, 0, errNilLabeler
	}
	if d == nil {
		d = &text.Document{}
	}
	out := make([]Target, len(spans))
	type located struct {
		i, si, first, last int
	}
	loc := make([]located, 0, len(spans))
	for i, sp := range spans {
		si, first, last, err := locateSpan(d, sp)
		if err != nil {
			if len(spans) == 1 {
				return nil, 0, fmt.Errorf("%w: %w", ErrSpan, err)
			}
			return nil, 0, fmt.Errorf("%w: target %d: %w", ErrSpan, i, err)
		}
		loc = append(loc, located{i, si, first, last})
	}
	slices.SortStableFunc(loc, func(a, b located) int { return cmp.Compare(a.si, b.si) })
	var sc scratch
	var tc targetScratch
	if m, ok := l.words.Get().(map[uint64]targetWord); ok {
		tc.words = m
	}
	defer func() {
		if tc.words != nil {
			if len(tc.words) > maxTargetWords {
				clear(tc.words)
			}
			l.words.Put(tc.words)
		}
	}()
	ops := 0
	for k := 0; k < len(loc); {
		si := loc[k].si
		st := l.tlx.analyzeSentence(d, si, &sc)
		l.prepareTargets(d, si, st, &sc, &tc)
		for ; k < len(loc) && loc[k].si == si; k++ {
			x := loc[k]
			sp := spans[x.i]
			out[x.i] = l.scoreTarget(d, sp, x.first, x.last, st, &tc)
			if sent != nil {
				sent[x.i] = st.score
			}
		}
		ops += 2*(d.Sentences[si].Last-d.Sentences[si].First) + len(sc.contribs)
	}
	return out, ops + tc.ops, nil
}

// targetScratch is the once-per-sentence analysis behind the targets of a
// sentence: prefix sums over its tokens, so that each target's clause and
// sentence features cost O(1), plus a bounded local window.
type targetScratch struct {
	base int // index of the sentence's first token
	// Per token j of the sentence (index j-base), prefix sums over the
	// tokens before it: lexicon contribution (all, positive, negative
	// magnitude), words inside quotation marks, and the learned weight
	// vectors of each word read as s:, c:+cl: and c:+cr: features.
	cv, cpos, cneg []float64
	quoted         []int32
	ws, wl, wr     [][3]float32 // float32 halves their memory; sums stay exact enough (1e-7 relative)
	// first contribution at or after each token (len n+1).
	cidx []int32
	// clause bounds: lbreak[j] is the clause start for a target starting
	// at token j; rbreak[j] the clause end for one ending before token j.
	lbreak, rbreak []int32
	// segment bounds, likewise, at contrast words and semicolons.
	lseg, rseg []int32
	stems      []string      // stem of each word token, "" otherwise
	bags       []*bagWeights // its word-feature weights (noBag if none)
	contribs   []contrib
	ops        int // steps taken in the windows around targets
	buf        []byte
	words      map[uint64]targetWord // the words of the document seen so far, by hash
	sentQuote  bool
	fixed      [3]float64 // weights of features every target has (bias, sentquote)
	sent       [3]float64 // the sentence's score, positive and negative sums
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

func (m *targetModel) vec(name string) [3]float64 {
	w := m.w[name]
	return [3]float64{float64(w[0]), float64(w[1]), float64(w[2])}
}

// The features every target may have, by index into targetModel.fixed.
const (
	fBias = iota
	fLexCl
	fLexClause
	fLexCneg
	fLexCpos
	fLexCr
	fLexLeft
	fLexNear
	fLexRight
	fLexSent
	fLexSneg
	fLexSpos
	fPosFirst
	fQuoted
	fRoleCend
	fRoleCstart
	fSentquote
	fSpeaker
	fTgtMulti
	fTgtPron
	numFixed
)

var fixedNames = [numFixed]string{"bias", "lex:cl", "lex:clause", "lex:cneg", "lex:cpos", "lex:cr", "lex:left", "lex:near", "lex:right", "lex:sent", "lex:sneg", "lex:spos", "pos:first", "quoted", "role:cend", "role:cstart", "sentquote", "speaker", "tgt:multi", "tgt:pron"}

// bagWeights holds the weights of one stem in each word-feature family.
type bagWeights struct {
	s, cl, cr, wl, wr, r1, l1 [3]float64 // cl and cr include the c: weight
	dw                        [3]float64 // distance-weighted, anywhere in the segment
}

// bagPrefixes are the word-feature families, in bagWeights order (c: is
// folded into cl and cr).
var bagPrefixes = [...]string{"s:", "cl:", "cr:", "wl:", "wr:", "r1:", "l1:", "c:", "dw:"}

// index fills m.fixed from m.w, and m.bags: every stem's word-feature
// weights, so a word costs one look-up.
func (m *targetModel) index() {
	for i, name := range fixedNames {
		m.fixed[i] = m.vec(name)
		if lexName, ok := strings.CutPrefix(name, "lex:"); ok {
			for b := range numLexBins {
				m.bins[i][b] = m.vec("bin:" + lexName + ":" + string(rune('0'+b)))
			}
		}
	}
	// Most features are word features, and most stems have several: one
	// slab of bagWeights and a map sized for them save the allocations of
	// thousands of small ones at load time.
	m.bags = make(map[string]*bagWeights, len(m.w)/4)
	slab := make([]bagWeights, 0, len(m.w)/4)
	for name, w := range m.w {
		colon := strings.IndexByte(name, ':')
		if colon < 0 {
			continue
		}
		for k, p := range bagPrefixes {
			if len(p) != colon+1 || name[:colon+1] != p {
				continue
			}
			stem := name[colon+1:]
			b := m.bags[stem]
			if b == nil {
				if len(slab) == cap(slab) {
					slab = make([]bagWeights, 0, 256)
				}
				slab = append(slab, bagWeights{})
				b = &slab[len(slab)-1]
				m.bags[stem] = b
			}
			v := [3]float64{float64(w[0]), float64(w[1]), float64(w[2])}
			switch k {
			case 0:
				b.s = v
			case 1:
				addTo(&b.cl, v, 1)
			case 2:
				addTo(&b.cr, v, 1)
			case 3:
				b.wl = v
			case 4:
				b.wr = v
			case 5:
				b.r1 = v
			case 6:
				b.l1 = v
			case 7:
				addTo(&b.cl, v, 1)
				addTo(&b.cr, v, 1)
			case 8:
				b.dw = v
			}
			break
		}
	}
}

var noBag bagWeights

// vecOf is the weight vector of feature prefix+a (+"_"+b if b is not
// empty), looked up without allocating.
func (tc *targetScratch) vecOf(m *targetModel, prefix, a, b string) [3]float64 {
	buf := append(append(tc.buf[:0], prefix...), a...)
	if b != "" {
		buf = append(append(buf, '_'), b...)
	}
	tc.buf = buf
	w := m.w[string(buf)]
	return [3]float64{float64(w[0]), float64(w[1]), float64(w[2])}
}

// addLex adds lexicon-sum feature i (a lex: name) of value v, read as
// float32 as the model stores it, and the indicator of its range.
func (m *targetModel) addLex(z *[3]float64, i int, v float64) {
	f := float32(v)
	addTo(z, m.fixed[i], float64(f))
	addTo(z, m.bins[i][lexBin(f)], 1)
}

func addTo(z *[3]float64, w [3]float64, x float64) {
	z[0] += w[0] * x
	z[1] += w[1] * x
	z[2] += w[2] * x
}

// prepareTargets fills tc for sentence si of d, analysed as st with
// contributions in sc.
func (l *Labeler) prepareTargets(d *text.Document, si int, st sentStats, sc *scratch, tc *targetScratch) {
	s := d.Sentences[si]
	toks := d.Tokens
	n := s.Last - s.First
	tc.base = s.First
	tc.contribs = sc.contribs
	tc.cv = grow(tc.cv, n+1)
	tc.cpos = grow(tc.cpos, n+1)
	tc.cneg = grow(tc.cneg, n+1)
	tc.cidx = grow(tc.cidx, n+1)
	tc.quoted = grow(tc.quoted, n+1)
	tc.lbreak = grow(tc.lbreak, n+1)
	tc.rbreak = grow(tc.rbreak, n+1)
	tc.lseg = grow(tc.lseg, n+1)
	tc.rseg = grow(tc.rseg, n+1)
	tc.stems = grow(tc.stems, n)
	tc.bags = grow(tc.bags, n)
	learned := l.target != nil && len(l.target.w) > 0
	if learned {
		tc.ws = grow(tc.ws, n+1)
		tc.wl = grow(tc.wl, n+1)
		tc.wr = grow(tc.wr, n+1)
	}
	// Lexicon contributions, by token (they are in token order).
	ci := 0
	var cv, cp, cn float64
	for j := 0; j <= n; j++ {
		tc.cidx[j] = int32(ci)
		tc.cv[j], tc.cpos[j], tc.cneg[j] = cv, cp, cn
		for ci < len(sc.contribs) && sc.contribs[ci].tok == s.First+j {
			v := sc.contribs[ci].v
			cv += v
			if v > 0 {
				cp += v
			} else {
				cn -= v
			}
			ci++
		}
	}
	// Clause bounds, quotation state and words.
	lb, ls := int32(0), int32(0)
	inQuote := false
	q := int32(0)
	tc.sentQuote = false
	var ws, wl, wr [3]float64 // running sums, stored as float32
	for j := 0; j < n; j++ {
		tc.lbreak[j] = lb
		tc.lseg[j] = ls
		tc.quoted[j] = q
		if learned {
			tc.ws[j], tc.wl[j], tc.wr[j] = f32(ws), f32(wl), f32(wr)
		}
		t := toks[s.First+j]
		w := d.Text[t.Start:t.End]
		tc.stems[j] = ""
		tc.bags[j] = &noBag
		if segmentWord(w) {
			ls = int32(j + 1)
		}
		if t.Kind == text.Punct {
			if isQuote(w) {
				tc.sentQuote = true
				switch w {
				case "“", "«":
					inQuote = true
				case "”", "»":
					inQuote = false
				default:
					inQuote = !inQuote
				}
			}
			if isClauseBreak(w) || w == ";" || clauseWord(w) {
				lb = int32(j + 1)
			}
			continue
		}
		if inQuote {
			q++
		}
		if clauseWord(w) {
			lb = int32(j + 1)
		}
		if t.Kind != text.Word {
			continue
		}
		wi := l.targetWord(d, s.First+j, w, tc)
		if wi.office {
			continue
		}
		tc.stems[j] = wi.stem
		if learned {
			bw := wi.bag
			tc.bags[j] = bw
			for k := range 3 {
				ws[k] += bw.s[k]
				wl[k] += bw.cl[k]
				wr[k] += bw.cr[k]
			}
		}
	}
	tc.lbreak[n] = lb
	tc.lseg[n] = ls
	tc.quoted[n] = q
	if learned {
		tc.ws[n], tc.wl[n], tc.wr[n] = f32(ws), f32(wl), f32(wr)
	}
	rb, rs := int32(n), int32(n)
	for j := n - 1; j >= 0; j-- {
		tc.rbreak[j+1] = rb
		tc.rseg[j+1] = rs
		t := toks[s.First+j]
		w := d.Text[t.Start:t.End]
		if (t.Kind == text.Punct && isClauseBreak(w)) || clauseWord(w) {
			rb = int32(j)
		}
		if segmentWord(w) {
			rs = int32(j)
		}
	}
	tc.rbreak[0] = rb
	tc.rseg[0] = rs
	tc.sent = [3]float64{st.score, st.pos, st.neg}
	if learned {
		m := l.target
		var z [3]float64
		addTo(&z, m.fixed[fBias], 1)
		if tc.sentQuote {
			addTo(&z, m.fixed[fSentquote], 1)
		}
		tc.fixed = z
	}
}

// scoreTarget is the tone toward tokens [first, last) (the span sp) of the
// sentence prepared in tc. It computes what targetFeatures and the model
// would, from the prefix sums, with the distance-weighted sides cut at
// sideWindow tokens.
func (l *Labeler) scoreTarget(d *text.Document, sp Span, first, last int, st sentStats, tc *targetScratch) Target {
	b := tc.base
	jf, jl := first-b, last-b
	n := len(tc.stems)
	// The clause: bounded by clause punctuation and clause-opening words.
	cs := max(int(tc.lbreak[jf]), 0)
	ce := int(tc.rbreak[jl])
	clause := tc.cv[ce] - tc.cv[cs]
	if l.target == nil || len(l.target.w) == 0 {
		score := round4(float64(float32(normalize(clause))))
		return Target{Start: sp.Start, End: sp.End, Score: score, Label: l.polarity(score)}
	}
	m := l.target
	z := tc.fixed
	ss, se := int(tc.lseg[jf]), int(tc.rseg[jl])
	sent, spos, sneg := tc.sent[0], tc.sent[1], tc.sent[2]
	if ss > 0 || se < n {
		sent, spos, sneg = normalize(tc.cv[se]-tc.cv[ss]), tc.cpos[se]-tc.cpos[ss], tc.cneg[se]-tc.cneg[ss]
	}
	m.addLex(&z, fLexSent, sent)
	m.addLex(&z, fLexSpos, min(spos/4, 2))
	m.addLex(&z, fLexSneg, min(sneg/4, 2))
	cl := tc.cv[jf] - tc.cv[cs]
	cr := tc.cv[ce] - tc.cv[jl]
	cpos := tc.cpos[ce] - tc.cpos[cs]
	cneg := tc.cneg[ce] - tc.cneg[cs]
	near := tc.cv[min(jl+4, se)] - tc.cv[max(jf-4, ss)]
	m.addLex(&z, fLexClause, normalize(clause))
	left, right := tc.sides(jf, jl, ss, se)
	m.addLex(&z, fLexLeft, normalize(left))
	m.addLex(&z, fLexRight, normalize(right))
	m.addLex(&z, fLexNear, normalize(near))
	m.addLex(&z, fLexCl, normalize(cl))
	m.addLex(&z, fLexCr, normalize(cr))
	m.addLex(&z, fLexCpos, min(cpos/4, 2))
	m.addLex(&z, fLexCneg, min(cneg/4, 2))
	if jf == 0 {
		addTo(&z, m.fixed[fPosFirst], 1)
	}
	toks := d.Tokens
	if last-first == 1 {
		t := toks[first]
		switch string(lowerASCII(tc.buf[:0], d.Text[t.Start:t.End])) {
		case "he", "she", "him", "her", "they", "them", "his", "hers", "their", "i", "we", "you", "me", "us":
			addTo(&z, m.fixed[fTgtPron], 1)
		}
	} else {
		addTo(&z, m.fixed[fTgtMulti], 1)
	}
	if jf == cs {
		addTo(&z, m.fixed[fRoleCstart], 1)
	}
	if ce == jl {
		addTo(&z, m.fixed[fRoleCend], 1)
	}
	// Bags of stems: outside the clause (s:), in it before (cl:) and after
	// (cr:) the target.
	// They are read within sideWindow tokens of the target, so a run-on
	// "sentence" of thousands of words does not saturate the model.
	lo, hi := max(jf-sideWindow, ss), min(jl+sideWindow, se)
	wcs, wce := max(cs, lo), min(ce, hi)
	for k := range 3 {
		z[k] += float64(tc.ws[wcs][k]-tc.ws[lo][k]) + float64(tc.ws[hi][k]-tc.ws[wce][k])
		z[k] += float64(tc.wl[jf][k] - tc.wl[wcs][k])
		z[k] += float64(tc.wr[wce][k] - tc.wr[jl][k])
	}
	// The distance-weighted bag of the segment, within the window.
	tc.ops += hi - lo
	for j := lo; j < jf; j++ {
		if tc.stems[j] != "" {
			addTo(&z, tc.bags[j].dw, dwWeights[jf-j])
		}
	}
	for j := jl; j < hi; j++ {
		if tc.stems[j] != "" {
			addTo(&z, tc.bags[j].dw, dwWeights[j-jl+1])
		}
	}
	// The words next to the target.
	for j := max(jf-5, 0); j < jf; j++ {
		if stem := tc.stems[j]; stem != "" {
			addTo(&z, tc.bags[j].wl, 1)
		}
	}
	prev := ""
	for j := jl; j < min(jl+5, n); j++ {
		stem := tc.stems[j]
		if stem == "" {
			continue
		}
		addTo(&z, tc.bags[j].wr, 1)
		if j == jl {
			addTo(&z, tc.bags[j].r1, 1)
			prev = stem
		}
		if j == jl+1 && prev != "" {
			addTo(&z, tc.vecOf(m, "r2:", prev, stem), 1)
		}
		if j > jl && j <= jl+3 {
			t := toks[b+j]
			if e := l.tlx.lookupLower(d.Text[t.Start:t.End]); e != nil && e.flags&fReport != 0 {
				addTo(&z, m.fixed[fSpeaker], 1)
			}
		}
	}
	if jf > 0 {
		if stem := tc.stems[jf-1]; stem != "" {
			addTo(&z, tc.bags[jf-1].l1, 1)
		}
	}
	if tc.quoted[jl] > tc.quoted[jf] {
		addTo(&z, m.fixed[fQuoted], 1)
	}
	p := softmax(z)
	label := Neutral
	if p[0] > p[1] && p[0] >= p[2] {
		label = Negative
	} else if p[2] > p[1] && p[2] > p[0] {
		label = Positive
	}
	return Target{Start: sp.Start, End: sp.End, Score: round4(p[2] - p[0]), Label: label}
}

// dwWeights are dwWeight(dist) for the distances within sideWindow.
var dwWeights = func() (w [sideWindow + 2]float64) {
	for d := range w {
		w[d] = dwWeight(d)
	}
	return w
}()

// sides returns the lexicon contributions on each side of the target
// tokens [jf, jl) of the prepared sentence within its segment [ss, se),
// each weighted by 1/(1+0.2*distance) and cut at sideWindow tokens.
func (tc *targetScratch) sides(jf, jl, ss, se int) (left, right float64) {
	lo, hi := tc.cidx[max(jf-sideWindow, ss)], tc.cidx[min(jl+sideWindow, se)]
	tc.ops += int(hi-lo) + 10 // the contributions and the words next to the target
	for c := lo; c < tc.cidx[jf]; c++ {
		x := &tc.contribs[c]
		left += x.v / (1 + 0.2*float64(jf-(x.tok-tc.base)))
	}
	for c := tc.cidx[jl]; c < hi; c++ {
		x := &tc.contribs[c]
		right += x.v / (1 + 0.2*float64(x.tok-tc.base-jl+1))
	}
	return left, right
}

// lowerASCII appends w to buf with ASCII letters made lower case.
func lowerASCII(buf []byte, w string) []byte {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf
}

// lookupLower is lx.words[strings.ToLower(w)], without allocating for
// ASCII words.
func (lx *lexicon) lookupLower(w string) *entry {
	for i := 0; i < len(w); i++ {
		if w[i] >= 0x80 {
			return lx.words[strings.ToLower(w)]
		}
	}
	var b [maxWordBytes]byte
	if len(w) > len(b) {
		return lx.words[strings.ToLower(w)]
	}
	return lx.words[string(lowerASCII(b[:0], w))]
}

// maxTargetWords bounds a map of targetWords kept for later calls: a
// fuller one is emptied before it is reused.
const maxTargetWords = 1 << 15

// targetWord is what prepareTargets reads of a word: its lower-case form,
// whether it is an office word, its stem and its bag of learned weights.
type targetWord struct {
	lw     string
	office bool
	stem   string
	bag    *bagWeights
}

// targetWord returns the targetWord of word token i of d, whose text is
// w. An ASCII word's lower-case form is its folded form (text.Fold
// lower-cases ASCII letters only), read from d with its hash (d.Folded,
// d.Hashes, when text.Parse filled them), and the word is looked up by
// that hash in tc.words, the words this and earlier Towards calls of
// l have read; the hit is checked against the form, so that two words
// whose hashes collide are still told apart.
func (l *Labeler) targetWord(d *text.Document, i int, w string, tc *targetScratch) targetWord {
	if !foldedIsLower(d, w) {
		return l.newTargetWord(strings.ToLower(w))
	}
	h, lw := d.Hashes[i], d.Folded[i]
	if wi, ok := tc.words[h]; ok {
		if wi.lw == lw {
			return wi
		}
		return l.newTargetWord(lw)
	}
	if tc.words == nil {
		tc.words = make(map[uint64]targetWord, 256)
	}
	// the map outlives the document (it is pooled for later calls), and
	// lw is a slice of the document's text or fold buffer: keep a copy
	wi := l.newTargetWord(strings.Clone(lw))
	tc.words[h] = wi
	return wi
}

// newTargetWord computes the targetWord of lower-case word lw.
func (l *Labeler) newTargetWord(lw string) targetWord {
	if officeWords[lw] {
		return targetWord{lw: lw, office: true}
	}
	stem := lw
	if len(lw) <= maxWordBytes {
		stem = text.Stem(lw)
	}
	wi := targetWord{lw: lw, stem: stem, bag: &noBag}
	if l.target != nil {
		if bw := l.target.bags[stem]; bw != nil {
			wi.bag = bw
		}
	}
	return wi
}

func f32(v [3]float64) [3]float32 { return [3]float32{float32(v[0]), float32(v[1]), float32(v[2])} }

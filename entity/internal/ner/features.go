package ner

import (
	"github.com/diplotext/diplotext/entity/internal/gaz"
	"github.com/diplotext/diplotext/text"
)

// Scratch holds the reusable buffers of one tagging call. It is not safe
// for concurrent use; use one per goroutine (a sync.Pool works well).
type Scratch struct {
	toks    []token
	hashes  []uint64
	matches []gaz.Match
	feats   []uint32 // bucket indices, token i's in feats[offs[i]:offs[i+1]]
	offs    []int32
	feats2  []uint32 // scratch of addHistory
	// types maps the folded hash of each word of the document to its
	// type (distinct folded word); typ[i] is the type of token i and
	// stats[typ[i]] what the document says of it
	types map[uint64]int32
	typ   []int32
	stats []docStat
	lex   []lexEntry // per type: what the lexicons say of it
	caps  []bool     // sentence is a headline in capitals
	score []float32
	back  []Tag
	hist  []uint8 // per token: class predicted in the first pass for the word elsewhere
	pass1 []Tag
	// training with word dropout: alt parallels feats, with the
	// word-identity features replaced by those of an unknown word
	wantAlt bool
	alt     []uint32
	// sum1 and sum2 are the weight sums of the first and the second
	// stage, NumTags a token, of the last Tag of the fused model sumsOf
	// (nil if the last Tag did not keep them)
	sum1, sum2 []int32
	sumsOf     *Model
	// per word type: the sums in both stages (formSum1, formSum2,
	// NumTags a type) of the formFeatures of the last form of the type
	// seen, formKeys[type], if formSeen[type]; formFeats is scratch
	formSum1, formSum2 []int32
	formKeys           []formKey
	formSeen           []bool
	formFeats          []uint32
	sport              bool // the document is a sports report
	finance            bool // the document is a business report
}

// lexEntry is what the lexicons say of a word type, looked up once per
// document.
type lexEntry struct {
	clu    uint32
	common bool
	wc     uint8
	// the folded hashes of the first and last one to four characters
	// (see affixes): the same for every word of the type, since folding
	// maps a character to one character
	pre, suf [4]uint64
}

type docStat struct {
	lower  uint16 // occurrences starting lower case
	capMid uint16 // occurrences capitalised, not sentence-initial, not in a headline
	class  [5]uint16
}

func sat(v uint16) uint16 {
	if v == 0xffff {
		return v
	}
	return v + 1
}

// prepare computes the per-token values of d.
func (m *Model) prepare(d *Doc, s *Scratch) {
	n := len(d.Words)
	s.toks = grow(s.toks, n)
	s.hashes = grow(s.hashes, n)
	s.caps = grow(s.caps, len(d.Sents))
	if s.types == nil {
		s.types = make(map[uint64]int32)
	}
	clear(s.types)
	s.typ = grow(s.typ, n)
	s.stats = s.stats[:0]
	s.lex = s.lex[:0]
	given := len(d.Hashes) == n
	for i, w := range d.Words {
		t := &s.toks[i]
		if given {
			t.lower = d.Hashes[i]
		} else {
			t.lower = text.Hash(w)
		}
		s.hashes[i] = t.lower
		t.exact = exactHash(w)
		t.shape, t.cap, t.lowerc = shapeHash(w)
		t.gaz = 0
		t.length = len(w)
		ty, ok := s.types[t.lower]
		if !ok {
			ty = int32(len(s.lex))
			s.types[t.lower] = ty
			s.lex = append(s.lex, lexEntry{clu: m.clusters.get(t.lower), common: gaz.Common(t.lower), wc: gaz.WordClass(t.lower)})
			lx := &s.lex[ty]
			affixes(w, &lx.pre, &lx.suf)
			s.stats = append(s.stats, docStat{})
		}
		s.typ[i] = ty
		lx := &s.lex[ty]
		t.common, t.clu, t.wc = lx.common, lx.clu, lx.wc
	}
	// a sports report: several sports words ("league", "striker")
	sport, finance := 0, 0
	for i := range s.toks {
		if s.toks[i].wc&gaz.WSport != 0 {
			sport++
		}
		if s.toks[i].wc&gaz.WFinance != 0 {
			finance++
		}
	}
	s.sport = sport >= 4
	s.finance = finance >= 4 && finance > sport
	// gazetteer marks, per sentence
	if m.gaz != nil {
		for _, sp := range d.Sents {
			s.matches = m.gaz.Scan(d.Words[sp.First:sp.Last], s.hashes[sp.First:sp.Last], true, s.matches[:0])
			for _, mt := range s.matches {
				k := m.gaz.Entry(mt.Entry).Kind
				for j := mt.Start; j < mt.End; j++ {
					s.toks[sp.First+j].gaz |= gazBit(k, j > mt.Start)
				}
			}
		}
	}
	// headlines in capitals and document statistics
	for si, sp := range d.Sents {
		upper, lower := 0, 0
		for i := sp.First; i < sp.Last; i++ {
			if s.toks[i].cap {
				upper++
			}
			if s.toks[i].lowerc {
				lower++
			}
		}
		caps := lower == 0 && upper >= 1
		if !caps && upper >= 3 && titleCase(d.Words[sp.First:sp.Last], s.toks[sp.First:sp.Last]) {
			// a headline in title case ("Japan Says Bitcoin Not Currency")
			// says as little with its capitals as one in capitals, which
			// is what the training data has: read it as capitals
			for i := sp.First; i < sp.Last; i++ {
				t := &s.toks[i]
				t.exact = exactHashUpper(d.Words[i])
				t.shape, t.cap, t.lowerc = shapeHashUpper(d.Words[i])
			}
			caps = true
		}
		if !caps {
			// many capitalised words and nearly no lower-case ones: a title
			caps = upper >= 3 && lower*4 < upper && allUpperWords(d.Words[sp.First:sp.Last])
		}
		s.caps[si] = caps
		if caps {
			continue
		}
		for i := sp.First; i < sp.Last; i++ {
			t := &s.toks[i]
			if !t.cap && !t.lowerc {
				continue
			}
			st := &s.stats[s.typ[i]]
			if t.lowerc {
				st.lower = sat(st.lower)
			} else if i > sp.First && !isOpenerWord(d.Words[i-1]) {
				st.capMid = sat(st.capMid)
			}
		}
	}
}

// titleCase reports whether a sentence is a headline in title case:
// several capitalised common words after the first word ("Says",
// "Reports") and few long lower-case words ("for" and "of" are allowed).
func titleCase(ws []string, toks []token) bool {
	capCommon, longLower := 0, 0
	for i := range ws {
		t := &toks[i]
		switch {
		case t.cap && i > 0 && t.common && t.length > 2:
			capCommon++
		case t.lowerc && t.length > 4:
			longLower++
		}
	}
	return capCommon >= 2 && longLower*3 < capCommon
}

func isOpenerWord(w string) bool {
	switch w {
	case "\"", "(", "'", "“", "‘", "[", "-", "--", ":":
		return true
	}
	return false
}

// allUpperWords reports whether most words with letters are entirely in capitals.
func allUpperWords(ws []string) bool {
	up, other := 0, 0
	for _, w := range ws {
		hasLower, hasUpper := false, false
		for i := 0; i < len(w); i++ {
			c := w[i]
			if 'a' <= c && c <= 'z' {
				hasLower = true
			} else if 'A' <= c && c <= 'Z' {
				hasUpper = true
			}
		}
		if hasUpper && !hasLower && len(w) > 1 {
			up++
		} else if hasLower {
			other++
		}
	}
	return up > 2*other
}

func grow[T any](s []T, n int) []T {
	if cap(s) >= n {
		return s[:n]
	}
	return make([]T, n, n+n/4)
}

// extract appends the feature buckets of all tokens of d to s.feats. With
// history, the first-pass classes in s.hist are used too.
func (m *Model) extract(d *Doc, s *Scratch, history bool) { m.extractFeats(d, s, history, true) }

// extractFeats is extract, leaving out with !ofType the features that
// depend only on the word's type and form (see formFeatures).
func (m *Model) extractFeats(d *Doc, s *Scratch, history, ofType bool) {
	n := len(d.Words)
	s.offs = grow(s.offs, n+1)
	// the lists in locals while they grow (the compiler keeps them in
	// registers, not in s)
	feats, alts := s.feats[:0], s.alt[:0]
	shift := 64 - m.bits
	alt := s.wantAlt
	add := func(tpl, v uint64) {
		b := uint32(mix(tpl, v) >> shift)
		feats = append(feats, b)
		if alt {
			alts = append(alts, b)
		}
	}
	// addLex adds a word-identity feature, hidden by word dropout
	addLex := func(tpl, v, unk uint64) {
		feats = append(feats, uint32(mix(tpl, v)>>shift))
		if alt {
			alts = append(alts, uint32(mix(tpl, unk)>>shift))
		}
	}
	for si, sp := range d.Sents {
		caps := s.caps[si]
		for i := sp.First; i < sp.Last; i++ {
			s.offs[i] = int32(len(feats))
			t := &s.toks[i]
			wm1, wm2, wp1, wp2 := uint64(noWord), uint64(noWord), uint64(noWord), uint64(noWord)
			shm1, shp1 := uint64(noWord), uint64(noWord)
			var gm1, gp1 uint32
			if i-1 >= sp.First {
				wm1, shm1, gm1 = s.toks[i-1].lower, s.toks[i-1].shape, s.toks[i-1].gaz
			}
			if i-2 >= sp.First {
				wm2 = s.toks[i-2].lower
			}
			if i+1 < sp.Last {
				wp1, shp1, gp1 = s.toks[i+1].lower, s.toks[i+1].shape, s.toks[i+1].gaz
			}
			if i+2 < sp.Last {
				wp2 = s.toks[i+2].lower
			}
			sh0 := t.shape
			if caps {
				// in a headline in capitals the shape says little
				sh0 = mix(sh0, 77)
				shm1 = mix(shm1, 77)
				shp1 = mix(shp1, 77)
			}
			if ofType {
				add(fBias, 0)
			}
			if m.clusters != nil {
				cm1, cp1 := uint32(1<<31), uint32(1<<31)
				if i-1 >= sp.First {
					cm1 = s.toks[i-1].clu
				}
				if i+1 < sp.Last {
					cp1 = s.toks[i+1].clu
				}
				if ofType {
					add(fClu0, cluFine(t.clu))
					add(fCluC0, uint64(t.clu&0xffff))
				}
				add(fCluM1, cluFine(cm1))
				add(fCluP1, cluFine(cp1))
				if ofType {
					add(fCluSh0, mix(uint64(t.clu&0xffff), sh0))
				}
				add(fCluM1Clu0, mix(uint64(cm1&0xffff), cluFine(t.clu)))
				// how the word is written in running text elsewhere,
				// by context (headline in capitals, sentence start,
				// inside a sentence) and with its shape here
				if prof := cluProfile(t.clu); prof != 0 && ofType {
					pctx := uint64(0)
					if caps {
						pctx = 1
					} else if i == sp.First || isOpenerWord(d.Words[i-1]) {
						pctx = 2
					}
					add(fCapProf, mix(prof, pctx))
					add(fCapProfSh0, mix(prof, sh0))
				}
			}
			if ofType {
				addLex(fW0, t.lower, unkWord)
				addLex(fExact0, t.exact, unkWord)
			}
			add(fWm1, wm1)
			add(fWp1, wp1)
			add(fWm2, wm2)
			add(fWp2, wp2)
			if ofType {
				add(fSh0, sh0)
			}
			add(fShm1, shm1)
			add(fShp1, shp1)
			add(fShm1Sh0, mix(shm1, sh0))
			add(fSh0Shp1, mix(sh0, shp1))
			addLex(fWm1W0, mix(wm1, t.lower), mix(wm1, unkWord))
			addLex(fW0Wp1, mix(t.lower, wp1), mix(unkWord, wp1))
			add(fWm1Sh0, mix(wm1, sh0))
			add(fSh0Wp1, mix(sh0, wp1))
			if ofType {
				ln := t.length
				if ln > 8 {
					ln = 8
				}
				add(fLenSh0, mix(uint64(ln), sh0))
				pre, suf := &s.lex[s.typ[i]].pre, &s.lex[s.typ[i]].suf
				for k := 0; k < 4; k++ {
					if pre[k] != 0 {
						add(fPre1+uint64(k), pre[k])
					}
					if suf[k] != 0 {
						add(fSuf1+uint64(k), suf[k])
					}
				}
			}
			initial := i == sp.First || isOpenerWord(d.Words[i-1])
			{
				ctx := uint64(0)
				switch {
				case caps:
					ctx = 1
				case initial:
					ctx = 2
				}
				cm1, cp1 := uint64(2), uint64(2)
				if i-1 >= sp.First {
					cm1 = b2u(s.toks[i-1].common)
				}
				if i+1 < sp.Last {
					cp1 = b2u(s.toks[i+1].common)
				}
				if ofType {
					add(fCommon, mix(mix(ctx, b2u(t.common)), sh0))
				}
				add(fCommonM1, mix(ctx, mix(b2u(t.common), cm1)))
				add(fCommonP1, mix(ctx, mix(b2u(t.common), cp1)))
			}
			if initial && ofType {
				add(fInitSh0, sh0)
			}
			if caps && ofType {
				addLex(fCapsW0, t.lower, unkWord)
			}
			for g := t.gaz; g != 0; g &= g - 1 {
				bit := uint64(trailingZeros(g))
				add(fGaz0, bit)
				add(fGazW0, mix(bit, sh0))
			}
			if s.sport {
				// in sports reports places name teams (ORG) or national
				// sides (LOC)
				if ofType {
					add(fSport, sh0)
				}
				for g := t.gaz; g != 0; g &= g - 1 {
					add(fSportGaz, uint64(trailingZeros(g)))
				}
				if ofType {
					if t.clu != 0 {
						add(fSportClu, uint64(t.clu&0xffff))
					}
					add(fSportW0, t.lower)
				}
				add(fSportShCtx, mix(mix(shm1, sh0), shp1))
			}
			if s.finance {
				if ofType {
					add(fFinance, sh0)
				}
				for g := t.gaz; g != 0; g &= g - 1 {
					add(fFinanceGaz, uint64(trailingZeros(g)))
				}
				if t.clu != 0 && ofType {
					add(fFinanceClu, uint64(t.clu&0xffff))
				}
			}
			for g := gm1; g != 0; g &= g - 1 {
				add(fGazm1, uint64(trailingZeros(g)))
			}
			for g := gp1; g != 0; g &= g - 1 {
				add(fGazp1, uint64(trailingZeros(g)))
			}
			// name lists and organisation words
			if t.wc != 0 && ofType {
				for b := uint32(t.wc); b != 0; b &= b - 1 {
					add(fWC0, mix(uint64(trailingZeros(b)), sh0))
				}
				add(fWCCommon, mix(mix(uint64(t.wc), b2u(t.common)), b2u(initial)))
			}
			if i-1 >= sp.First {
				for b := uint32(s.toks[i-1].wc); b != 0; b &= b - 1 {
					add(fWCm1, mix(uint64(trailingZeros(b)), shm1))
				}
			}
			if i+1 < sp.Last {
				for b := uint32(s.toks[i+1].wc); b != 0; b &= b - 1 {
					add(fWCp1, mix(uint64(trailingZeros(b)), shp1))
				}
			}
			// an organisation word ahead over capitalised words: "Bank" in
			// "Ashanti Goldfields Bank"
			for k := 1; k <= 3 && i+k < sp.Last; k++ {
				u := &s.toks[i+k]
				if u.wc&gaz.WOrgWord != 0 && (u.cap || caps) {
					add(fOrgAhead, mix(uint64(k), b2u(t.cap)))
					break
				}
				if !u.cap {
					if w := d.Words[i+k]; w != "of" && w != "&" && w != "and" {
						break
					}
				}
			}
			// "Bank of England", "University of Texas"
			if i-2 >= sp.First && d.Words[i-1] == "of" && s.toks[i-2].wc&gaz.WOrgWord != 0 && s.toks[i-2].cap {
				add(fOrgOf, b2u(t.cap))
			}
			if (t.cap || t.lowerc) && ofType {
				// how the word is written elsewhere in the document
				lo, mid, sh := docCase(s.stats[s.typ[i]], caps, initial, t.lowerc, sh0)
				add(fDocLower, lo)
				add(fDocCapMid, mid)
				add(fDocCapSh0, sh)
			}
			if history {
				h := uint64(s.hist[i])
				add(fHistory, h)
				add(fHistoryW0, mix(h, sh0))
			}
		}
		// the end of the sentence's last token's list, also where no
		// sentence follows at once
		s.offs[sp.Last] = int32(len(feats))
	}
	s.offs[n] = int32(len(feats))
	s.feats, s.alt = feats, alts
}

// formFeatures appends to out the features extract gives token t, of
// type ty, that depend only on its type, its form (exact hash, shape,
// length, case of its first letter) and whether its sentence is a
// headline in capitals (caps) and it opens the sentence (initial), not
// on its neighbours or gazetteer matches: the ones extractFeats leaves
// out without ofType, without word dropout.
func (m *Model) formFeatures(s *Scratch, ty int32, t *token, caps, initial bool, out []uint32) []uint32 {
	shift := 64 - m.bits
	add := func(tpl, v uint64) { out = append(out, uint32(mix(tpl, v)>>shift)) }
	lx := &s.lex[ty]
	sh0 := t.shape
	if caps {
		sh0 = mix(sh0, 77)
	}
	add(fBias, 0)
	if m.clusters != nil {
		add(fClu0, cluFine(lx.clu))
		add(fCluC0, uint64(lx.clu&0xffff))
		add(fCluSh0, mix(uint64(lx.clu&0xffff), sh0))
		if prof := cluProfile(lx.clu); prof != 0 {
			pctx := uint64(0)
			if caps {
				pctx = 1
			} else if initial {
				pctx = 2
			}
			add(fCapProf, mix(prof, pctx))
			add(fCapProfSh0, mix(prof, sh0))
		}
	}
	add(fW0, t.lower)
	add(fExact0, t.exact)
	add(fSh0, sh0)
	add(fLenSh0, mix(uint64(min(t.length, 8)), sh0))
	for k := 0; k < 4; k++ {
		if lx.pre[k] != 0 {
			add(fPre1+uint64(k), lx.pre[k])
		}
		if lx.suf[k] != 0 {
			add(fSuf1+uint64(k), lx.suf[k])
		}
	}
	ctx := uint64(0)
	switch {
	case caps:
		ctx = 1
	case initial:
		ctx = 2
	}
	add(fCommon, mix(mix(ctx, b2u(lx.common)), sh0))
	if initial {
		add(fInitSh0, sh0)
	}
	if caps {
		add(fCapsW0, t.lower)
	}
	if s.sport {
		add(fSport, sh0)
		if lx.clu != 0 {
			add(fSportClu, uint64(lx.clu&0xffff))
		}
		add(fSportW0, t.lower)
	}
	if s.finance {
		add(fFinance, sh0)
		if lx.clu != 0 {
			add(fFinanceClu, uint64(lx.clu&0xffff))
		}
	}
	if lx.wc != 0 {
		for b := uint32(lx.wc); b != 0; b &= b - 1 {
			add(fWC0, mix(uint64(trailingZeros(b)), sh0))
		}
		add(fWCCommon, mix(mix(uint64(lx.wc), b2u(lx.common)), b2u(initial)))
	}
	if t.cap || t.lowerc {
		lo, mid, sh := docCase(s.stats[ty], caps, initial, t.lowerc, sh0)
		add(fDocLower, lo)
		add(fDocCapMid, mid)
		add(fDocCapSh0, sh)
	}
	return out
}

// docCase returns the values of the three document-case features of a
// word written as caps/initial/lowerc say, from how its type is written
// elsewhere in the document (st) and its shape value sh0.
func docCase(st docStat, caps, initial, lowerc bool, sh0 uint64) (lower, capMid, capSh0 uint64) {
	var dl, dc uint64
	if st.lower > 0 {
		dl = 1
		if st.lower > 2 {
			dl = 2
		}
	}
	if st.capMid > 0 {
		dc = 1
		if st.capMid > 2 {
			dc = 2
		}
	}
	ctx := uint64(0)
	switch {
	case caps:
		ctx = 1
	case initial:
		ctx = 2
	case lowerc:
		ctx = 3
	}
	return mix(ctx, dl), mix(ctx, dc), mix(mix(ctx, dl*3+dc), sh0)
}

// formKey is what formFeatures reads of a token beyond its type.
type formKey struct {
	exact, shape  uint64
	length        int
	caps, initial bool
	cap, lowerc   bool
}

// addHistory turns the features of a first stage's extract into those
// extract(d, s, true) gives this model: the same features of each token
// followed by its history features. It requires the first stage's table
// size and clusters presence to be this model's (the only parts of m that
// extract reads), and saves extracting every feature again.
func (m *Model) addHistory(d *Doc, s *Scratch) {
	n := len(d.Words)
	shift := 64 - m.bits
	out := s.feats2[:0]
	for si, sp := range d.Sents {
		caps := s.caps[si]
		for i := sp.First; i < sp.Last; i++ {
			from, to := s.offs[i], s.offs[i+1]
			s.offs[i] = int32(len(out))
			out = append(out, s.feats[from:to]...)
			sh0 := s.toks[i].shape
			if caps {
				sh0 = mix(sh0, 77)
			}
			h := uint64(s.hist[i])
			out = append(out, uint32(mix(fHistory, h)>>shift), uint32(mix(fHistoryW0, mix(h, sh0))>>shift))
		}
		if si+1 == len(d.Sents) || d.Sents[si+1].First != sp.Last {
			// no sentence follows at once: the end of the last
			// token's list (where one does, its start is read first)
			s.offs[sp.Last] = int32(len(out))
		}
	}
	s.offs[n] = int32(len(out))
	s.feats, s.feats2 = out, s.feats
}

func trailingZeros(x uint32) int {
	n := 0
	for x&1 == 0 {
		x >>= 1
		n++
	}
	return n
}

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

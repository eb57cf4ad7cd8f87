package tone

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/diplotext/diplotext/text"
)

// Scoring constants. The rules follow the published behaviour of VADER
// (Hutto & Gilbert 2014): an intensifier or downtoner scales the next
// sentiment word, a negator flips the words of its clause, "but" halves
// what precedes it and strengthens what follows, capitals and exclamation
// marks add emphasis, and a sentence's valence sum s is normalised as
// s/sqrt(s*s+alpha).
const (
	negFactor    = -0.74 // a negated word keeps 74% of its strength, reversed
	negScope     = 3     // words after a negator that it reaches
	boostScope   = 2     // words after an intensifier that it reaches
	capsBoost    = 0.733 // emphasis of an ALL-CAPS word in a mixed-case sentence
	exclamBoost  = 0.292 // per exclamation mark, at most 4
	contrastPre  = 0.5   // weight before "but"
	contrastPost = 1.5   // weight after "but"
	concedeMult  = 0.5   // weight of a clause opened by "although"
	hedgeMult    = 0.85  // weight after a hedge ("may", "likely")
	scareMult    = -0.5  // praise after "so-called"
	alpha        = 15.0  // normalisation of a sentence's valence sum
	// charRegister weighs a register cue that a text gives as its
	// characterisation of the talks ("described the discussion as frank"):
	// the register the parties chose to announce.
	charRegister = 2
	charScope    = 8  // tokens after the verb that it reaches
	maxWordBytes = 48 // longer tokens are never looked up
	// remedyFlip turns the bad things of a clause with a remedy verb
	// ("saved lives from cancer") into mild good news.
	remedyFlip = -0.5
)

// contrib is the contribution of one word or phrase to its sentence.
type contrib struct {
	tok, ntok  int     // token index and count
	start, end int     // byte span
	v          float64 // m*valence + add
	m          float64 // product of the rule multipliers
	add        float64 // emphasis added after the multipliers
	caps       bool
	name       bool  // capitalised mid-sentence: read without its learned adjustment
	contrasts  int32 // contrast words ("but") seen before it in its sentence
}

// cue is a register or cooperation cue found in a sentence.
type cue struct {
	start, end int
	w          float64
	kind       uint8 // cueRegister or cueCoop
	reg        Register
}

const (
	cueRegister uint8 = iota
	cueCoop
)

// sentStats is the analysis of one sentence.
type sentStats struct {
	sum, pos, neg float64
	raw           float64 // sum before exclamation marks
	score         float64
	words         int
	hedge         float32
	regs          [numRegisters + 1]float32
	coopSum       float64
	coopN         int
	exclam        int
}

// scratch is per-call working memory.
type scratch struct {
	contribs []contrib
	cues     []cue
	lower    [maxWordBytes]byte
	bigram   [2*maxWordBytes + 1]byte
}

// lookup finds the entry of token text w.
func (lx *lexicon) lookup(sc *scratch, w string) *entry {
	if len(w) > maxWordBytes {
		return nil
	}
	ascii := true
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		sc.lower[i] = c
	}
	if ascii {
		return lx.words[string(sc.lower[:len(w)])]
	}
	if e := lx.words[w]; e != nil {
		return e
	}
	if strings.Contains(w, "’") {
		// Typographic apostrophes, as news prints them: "n’t", "can’t".
		w = strings.ReplaceAll(w, "’", "'")
		if e := lx.lookup(sc, w); e != nil {
			return e
		}
	}
	return lx.words[strings.ToLower(w)]
}

// lookupToken is lookup(sc, w) for token i of d, whose text is w: an
// ASCII word (without '`', which folding turns into an apostrophe) is
// found by the folded form and hash the document holds (d.Folded and
// d.Hashes, which text.Parse fills), which for such a word are those of
// its lower-case form.
func (lx *lexicon) lookupToken(d *text.Document, i int, w string, sc *scratch) *entry {
	ix := lx.idx
	if ix == nil || ix.n != len(lx.words) || len(w) > maxWordBytes || !foldedIsLower(d, w) {
		return lx.lookup(sc, w)
	}
	return ix.find(d.Hashes[i], d.Folded[i])
}

// foldedIsLower reports whether the folded form and hash d holds for a
// token whose text is w are those of w in lower case: d holds them (see
// hasWords) and w is ASCII without '`', which folding turns into an
// apostrophe (text.Fold lower-cases ASCII letters only).
func foldedIsLower(d *text.Document, w string) bool {
	if !hasWords(d) {
		return false
	}
	for k := 0; k < len(w); k++ {
		if c := w[k]; c >= utf8.RuneSelf || c == '`' {
			return false
		}
	}
	return true
}

// hasWords reports whether d holds the folded form and hash of every
// token (text.Parse fills them; a Document built by hand may not).
func hasWords(d *text.Document) bool {
	return len(d.Hashes) == len(d.Tokens) && len(d.Folded) == len(d.Tokens)
}

// isCapsWord reports whether w has at least two letters, all upper case.
func isCapsWord(w string) bool {
	n := 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'a' <= c && c <= 'z' {
			return false
		}
		if 'A' <= c && c <= 'Z' {
			n++
		}
	}
	return n >= 2
}

// matchPhrase returns the index and token length of the longest phrase in
// cands that starts at token i, or n == 0.
func (lx *lexicon) matchPhrase(d *text.Document, i, last int, cands []int32) (int32, int) {
	for _, pi := range cands {
		p := &lx.phrases[pi]
		n := len(p.words)
		if i+n > last {
			continue
		}
		ok := true
		for k := 1; k < n; k++ {
			t := d.Tokens[i+k]
			if !strings.EqualFold(d.Text[t.Start:t.End], p.words[k]) {
				ok = false
				break
			}
		}
		if ok {
			return pi, n
		}
	}
	return 0, 0
}

// negBlocked reports whether the negator before token i is not a negation
// ("not only", "no doubt").
func negBlocked(d *text.Document, i, last int) bool {
	if i >= last {
		return false
	}
	t := d.Tokens[i]
	switch strings.ToLower(d.Text[t.Start:t.End]) {
	case "only", "doubt", "doubts", "question", "wonder", "least":
		return true
	}
	return false
}

func isClauseBreak(w string) bool {
	switch w {
	case ",", ";", ":", "(", ")", "[", "]", "—", "–", "--", "-", "…":
		return true
	}
	return false
}

func isQuote(w string) bool {
	switch w {
	case `"`, "“", "”", "«", "»", "„":
		return true
	}
	return false
}

// analyzeSentence scores sentence si of d, leaving its contributions in
// sc.contribs and its cues in sc.cues.
func (lx *lexicon) analyzeSentence(d *text.Document, si int, sc *scratch) sentStats {
	var st sentStats
	s := d.Sentences[si]
	toks := d.Tokens
	sc.contribs = sc.contribs[:0]
	sc.cues = sc.cues[:0]
	scale := float64(lx.scale)

	negLeft, boostLeft, scareLeft := 0, 0, 0
	boost := 1.0
	post, hedgeW := 1.0, 1.0
	conceding := false
	caps := 0
	exclam := 0
	var contrasts int32
	contrastFrom := 0
	charLeft := 0 // tokens still in reach of a characterising verb
	// The current clause: its first contribution, and the token of a
	// remedy verb in it ("saved"), whose clause's bad things are overcome.
	clauseFrom, remedyTok := 0, -1
	closeClause := func() {
		if remedyTok >= 0 {
			for k := clauseFrom; k < len(sc.contribs); k++ {
				if c := &sc.contribs[k]; c.v < 0 && c.tok != remedyTok {
					c.v *= remedyFlip
					c.m *= remedyFlip
				}
			}
		}
		clauseFrom, remedyTok = len(sc.contribs), -1
	}
	for i := s.First; i < s.Last; i++ {
		t := toks[i]
		w := d.Text[t.Start:t.End]
		switch t.Kind {
		case text.Punct:
			if n, e := lx.emoticon(d, i, s.Last, sc); n > 0 {
				v := scale*float64(e.val) + float64(e.delta)
				sc.contribs = append(sc.contribs, contrib{tok: i, ntok: n, start: t.Start, end: toks[i+n-1].End, v: v * post, m: post})
				i += n - 1
				continue
			}
			if isClauseBreak(w) {
				negLeft, scareLeft, conceding = 0, 0, false
				closeClause()
			} else if w[0] == '!' {
				exclam += len(w)
			}
			continue
		case text.Word:
			st.words++
			if charLeft > 0 {
				charLeft--
			}
			if characterises(w) {
				charLeft = charScope
			}
			if isCapsWord(w) {
				caps++
			}
		case text.Symbol:
		default:
			continue
		}
		e := lx.lookupToken(d, i, w, sc)
		if e == nil {
			// As for a known word without valence or function.
			negLeft, boostLeft, scareLeft = max(negLeft-1, 0), max(boostLeft-1, 0), max(scareLeft-1, 0)
			if boostLeft == 0 {
				boost = 1
			}
			continue
		}
		// A learned two-word adjustment ("no longer", "death toll") is
		// added as it is: it was learned outside the rules.
		if e.next != nil && t.Kind == text.Word && i+1 < s.Last && isLower(w) {
			if nt := toks[i+1]; nt.Kind == text.Word && nt.End-nt.Start <= maxWordBytes {
				if w2 := d.Text[nt.Start:nt.End]; isLower(w2) {
					if v, ok := e.next[string(appendWord(sc.bigram[:0], w2))]; ok {
						sc.contribs = append(sc.contribs, contrib{tok: i, ntok: 2, start: t.Start, end: nt.End, v: float64(v), m: 1})
					}
				}
			}
		}
		// A cue word spelt as a name ("Frank", "Hope") mid-sentence is a name.
		asName := t.Kind == text.Word && i > s.First && !s.Heading && text.StartsUpper(w) && !isCapsWord(w)
		if len(e.phrases) > 0 {
			if pi, n := lx.matchPhrase(d, i, s.Last, e.phrases); n > 0 {
				p := &lx.phrases[pi]
				start, end := t.Start, toks[i+n-1].End
				negated := negLeft > 0
				if p.val != 0 {
					v := scale * float64(p.val)
					if boostLeft > 0 {
						v *= boost
					}
					if negated {
						v *= negFactor
					}
					v *= post * hedgeW
					if conceding {
						v *= concedeMult
					}
					sc.contribs = append(sc.contribs, contrib{tok: i, ntok: n, start: start, end: end, v: v, m: v / (scale * float64(p.val))})
				}
				if p.coop != 0 {
					c := float64(p.coop)
					if negated {
						c *= -0.5
					}
					st.coopSum += c
					st.coopN++
					sc.cues = append(sc.cues, cue{start: start, end: end, w: c, kind: cueCoop})
				}
				if p.reg != 0 && !negated {
					w := p.regW * charW(charLeft)
					st.regs[p.reg] += w
					sc.cues = append(sc.cues, cue{start: start, end: end, w: float64(w), kind: cueRegister, reg: p.reg})
				}
				st.words += n - 1
				i += n - 1
				negLeft, boostLeft, scareLeft = 0, 0, 0
				boost = 1
				continue
			}
		}
		f := e.flags
		isNeg := f&fNeg != 0 && !negBlocked(d, i+1, s.Last)
		if f&fContrast != 0 {
			// What precedes is weighed down by contrastPre per later
			// contrast word, applied once at the end (linear time however
			// many contrasts a sentence holds).
			for k := contrastFrom; k < len(sc.contribs); k++ {
				sc.contribs[k].contrasts = contrasts
			}
			contrastFrom = len(sc.contribs)
			contrasts++
			post = contrastPost
			negLeft, conceding = 0, false
			closeClause()
		}
		if f&fConcede != 0 {
			closeClause()
		}
		if f&fRemedy != 0 {
			remedyTok = i
		}
		if (f&fFulfil != 0 && negLeft > 0) || f&fUnfulfilled != 0 {
			// A promise that did not materialise: the good news of the
			// clause so far is undone.
			for k := clauseFrom; k < len(sc.contribs); k++ {
				if c := &sc.contribs[k]; c.v > 0 {
					c.v *= negFactor
					c.m *= negFactor
				}
			}
			clauseFrom = len(sc.contribs)
		}
		if f&fConcede != 0 {
			conceding = true
		}
		if f&fHedge != 0 && (i == s.First || !text.StartsUpper(w) || s.Heading) {
			if f&fSpeculate != 0 {
				st.hedge += 0.6
			} else {
				st.hedge += 0.3
			}
			hedgeW = hedgeMult
		}
		if f&fScare != 0 {
			scareLeft = 2
		}
		if f&fBoost != 0 {
			boost *= float64(e.boost)
			boostLeft = boostScope
		}
		if e.hasVal && !(asName && f == 0 && e.reg != 0) {
			// A capitalised word mid-sentence is most likely (part of) a
			// name ("Foreign Minister"): a valence learned from its
			// ordinary uses does not apply to it. (Lexicon words keep their
			// adjustment: Title Case "Love" is still love.)
			name := asName && e.val == 0
			base := scale * float64(e.val)
			if !name {
				base += float64(e.delta)
			}
			m := 1.0
			if boostLeft > 0 && f&fBoost == 0 {
				m *= boost
				boost, boostLeft = 1, 0
			}
			if negLeft > 0 && !isNeg {
				m *= negFactor
			}
			if scareLeft > 0 && base > 0 && f&fScare == 0 {
				m *= scareMult
			}
			m *= post * hedgeW
			if conceding {
				m *= concedeMult
			}
			// Capitals emphasise words of the lexicon, not learned-only ones
			// (as in training).
			sc.contribs = append(sc.contribs, contrib{tok: i, ntok: 1, start: t.Start, end: t.End, v: m * base, m: m, caps: e.val != 0 && isCapsWord(w), name: name})
		}
		if e.coop != 0 && !asName {
			c := float64(e.coop)
			if negLeft > 0 && !isNeg {
				c *= -0.5
			}
			st.coopSum += c
			st.coopN++
			sc.cues = append(sc.cues, cue{start: t.Start, end: t.End, w: c, kind: cueCoop})
		}
		if e.reg != 0 && negLeft == 0 && !asName {
			w := e.regW * charW(charLeft)
			st.regs[e.reg] += w
			sc.cues = append(sc.cues, cue{start: t.Start, end: t.End, w: float64(w), kind: cueRegister, reg: e.reg})
		}
		if isNeg {
			negLeft = negScope
		} else if negLeft > 0 {
			negLeft--
		}
		if boostLeft > 0 && f&fBoost == 0 {
			boostLeft--
			if boostLeft == 0 {
				boost = 1
			}
		}
		if scareLeft > 0 && f&fScare == 0 {
			scareLeft--
		}
	}
	closeClause()
	for k := contrastFrom; k < len(sc.contribs); k++ {
		sc.contribs[k].contrasts = contrasts
	}
	mixedCaps := caps > 0 && caps < st.words
	for k := range sc.contribs {
		c := &sc.contribs[k]
		if n := contrasts - c.contrasts; n > 0 {
			f := math.Pow(contrastPre, float64(n))
			c.v *= f
			c.m *= f
		}
		if mixedCaps && c.caps && c.v != 0 {
			c.add = math.Copysign(capsBoost, c.v)
			c.v += c.add
		}
		st.sum += c.v
		if c.v > 0 {
			st.pos += c.v
		} else {
			st.neg -= c.v
		}
	}
	st.raw = st.sum
	if st.sum != 0 && exclam > 0 {
		st.sum += math.Copysign(float64(min(exclam, 4))*exclamBoost, st.sum)
	}
	st.exclam = exclam
	st.score = normalize(st.sum)
	return st
}

// characterises reports whether w is a verb that introduces a
// characterisation: "described (the talks as)", "characterised".
func characterises(w string) bool {
	if len(w) < 5 || len(w) > 14 {
		return false
	}
	switch w[0] | 0x20 {
	case 'd', 'c', 't', 'h':
	default:
		return false
	}
	for _, v := range characterisingVerbs {
		if strings.EqualFold(w, v) {
			return true
		}
	}
	return false
}

var characterisingVerbs = []string{"described", "describe", "describes", "describing", "characterised", "characterized",
	"characterise", "characterize", "characterises", "characterizes", "termed", "hailed"}

func charW(left int) float32 {
	if left > 0 {
		return charRegister
	}
	return 1
}

// appendWord appends w to buf with typographic apostrophes made ASCII.
func appendWord(buf []byte, w string) []byte {
	for {
		i := strings.Index(w, "’")
		if i < 0 {
			return append(buf, w...)
		}
		buf = append(buf, w[:i]...)
		buf = append(buf, '\'')
		w = w[i+len("’"):]
	}
}

// isLower reports whether w is written without capitals.
func isLower(w string) bool {
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(w[i:])
		if unicode.IsUpper(r) || unicode.IsTitle(r) {
			return false
		}
		i += n
	}
	return true
}

// normalize maps a valence sum to (-1, 1).
func normalize(x float64) float64 {
	if x == 0 {
		return 0
	}
	return x / math.Sqrt(x*x+alpha)
}

// emoticon matches an emoticon such as ":)" or ":-(" written as two or
// three adjacent tokens starting with punctuation at token i.
func (lx *lexicon) emoticon(d *text.Document, i, last int, sc *scratch) (int, *entry) {
	toks := d.Tokens
	if i+1 >= last || toks[i+1].Start != toks[i].End {
		return 0, nil
	}
	n := 2
	if i+2 < last && toks[i+2].Start == toks[i+1].End && toks[i+2].End-toks[i].Start <= 4 {
		n = 3
	}
	for ; n >= 2; n-- {
		w := d.Text[toks[i].Start:toks[i+n-1].End]
		if len(w) > 4 {
			continue
		}
		if e := lx.lookup(sc, w); e != nil && e.hasVal && e.flags == 0 {
			return n, e
		}
	}
	return 0, nil
}

package tone

import (
	"math"
	"strings"

	"github.com/diplotext/diplotext/text"
)

// feature is one named input of the targeted-tone model.
type feature struct {
	name string
	val  float32
}

// clauseWord reports whether a word token ends one clause and opens another.
func clauseWord(w string) bool {
	var b [smallWord]byte
	switch string(lowerSmall(&b, w)) {
	case "but", "while", "whilst", "although", "though", "whereas", "because", "however", "yet":
		return true
	}
	return false
}

// smallWord bounds the words lowerSmall folds: longer ones are none of the
// function words it is used to recognise.
const smallWord = 12

// lowerSmall returns w with ASCII letters made lower case in b, or nil if w
// is longer than smallWord or not ASCII; it does not allocate.
func lowerSmall(b *[smallWord]byte, w string) []byte {
	if len(w) > smallWord {
		return nil
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 0x80 {
			return nil
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return b[:len(w)]
}

// segmentWord reports whether a token ends one contrasted segment of a
// sentence and opens another ("while", "but", "whereas").
func segmentWord(w string) bool {
	var b [smallWord]byte
	switch string(lowerSmall(&b, w)) {
	case "but", "while", "whilst", "although", "though", "whereas", "however", "yet", ";":
		return true
	}
	return false
}

// segmentBounds returns the tokens [ss, se) of the segment of sentence s
// that holds tokens [first, last).
func segmentBounds(d *text.Document, s text.Sentence, first, last int) (ss, se int) {
	ss, se = first, last
	for ss > s.First && !segmentWord(d.TokenText(ss-1)) {
		ss--
	}
	for se < s.Last && !segmentWord(d.TokenText(se)) {
		se++
	}
	return ss, se
}

// targetSpan locates the sentence and the tokens [first, last) of a byte
// span. ok is false if the span covers no token.
func targetSpan(d *text.Document, start, end int) (si, first, last int, ok bool) {
	first = d.TokenAt(start)
	if first >= len(d.Tokens) || d.Tokens[first].Start >= end {
		return 0, 0, 0, false
	}
	si = d.SentenceAt(d.Tokens[first].Start)
	if si < 0 {
		return 0, 0, 0, false
	}
	s := d.Sentences[si]
	last = first + 1
	for last < s.Last && d.Tokens[last].Start < end {
		last++
	}
	return si, first, last, true
}

// targetFeatures describes the context of tokens [first, last) of sentence
// si, whose analysis is st with contributions in sc.
func (lx *lexicon) targetFeatures(d *text.Document, si, first, last int, st sentStats, sc *scratch, dst []feature) []feature {
	s := d.Sentences[si]
	toks := d.Tokens
	// The clause holding the target.
	cs, ce := targetClause(d, si, first, last)
	// The segment holding the target: the sentence up to the contrast
	// words ("while", "but", "whereas") and semicolons around it. The
	// tone of the other segments is not the target's.
	ss, se := segmentBounds(d, s, first, last)
	whole := ss == s.First && se == s.Last
	var clause, left, right, near, cpos, cneg, cl, cr, ssum, spos, sneg float64
	for _, c := range sc.contribs {
		if c.tok < ss || c.tok >= se {
			continue
		}
		ssum += c.v
		if c.v > 0 {
			spos += c.v
		} else {
			sneg -= c.v
		}
		if c.tok >= cs && c.tok < ce {
			clause += c.v
			if c.tok < first {
				cl += c.v
			} else if c.tok >= last {
				cr += c.v
			}
			if c.v > 0 {
				cpos += c.v
			} else {
				cneg -= c.v
			}
		}
		dist := 0
		if c.tok < first {
			dist = first - c.tok
			left += c.v / (1 + 0.2*float64(dist))
		} else if c.tok >= last {
			dist = c.tok - last + 1
			right += c.v / (1 + 0.2*float64(dist))
		}
		if dist <= 4 {
			near += c.v
		}
	}
	sent, sp, sn := st.score, st.pos, st.neg
	if !whole {
		sent, sp, sn = normalize(ssum), spos, sneg
	}
	dst = append(dst,
		feature{"bias", 1},
		feature{"lex:sent", float32(sent)},
		feature{"lex:clause", float32(normalize(clause))},
		feature{"lex:left", float32(normalize(left))},
		feature{"lex:right", float32(normalize(right))},
		feature{"lex:near", float32(normalize(near))},
		feature{"lex:cl", float32(normalize(cl))},
		feature{"lex:cr", float32(normalize(cr))},
		feature{"lex:cpos", float32(math.Min(cpos/4, 2))},
		feature{"lex:cneg", float32(math.Min(cneg/4, 2))},
		feature{"lex:spos", float32(math.Min(sp/4, 2))},
		feature{"lex:sneg", float32(math.Min(sn/4, 2))},
	)
	// Each lexicon sum also by its range (lexBin): how strongly a clause
	// reads negative or positive matters in steps, not in proportion.
	for _, f := range dst[len(dst)-11:] {
		dst = append(dst, feature{"bin:" + f.name[len("lex:"):] + ":" + string(rune('0'+lexBin(f.val))), 1})
	}
	if first == s.First {
		dst = append(dst, feature{"pos:first", 1})
	}
	// The form of the mention: a pronoun refers back to someone already
	// introduced; a multi-word mention is a full name or a title.
	if last-first == 1 {
		t := toks[first]
		switch strings.ToLower(d.Text[t.Start:t.End]) {
		case "he", "she", "him", "her", "they", "them", "his", "hers", "their", "i", "we", "you", "me", "us":
			dst = append(dst, feature{"tgt:pron", 1})
		}
	} else {
		dst = append(dst, feature{"tgt:multi", 1})
	}
	// The target opening its clause is most often its subject; one
	// closing it, an object or a complement.
	if first == cs {
		dst = append(dst, feature{"role:cstart", 1})
	}
	if ce == last {
		dst = append(dst, feature{"role:cend", 1})
	}
	inQuote := false
	prev := ""
	quoted := false
	sentQuote := false
	for i := s.First; i < s.Last; i++ {
		t := toks[i]
		w := d.Text[t.Start:t.End]
		if t.Kind == text.Punct {
			if isQuote(w) {
				sentQuote = true
				switch w {
				case "“", "«":
					inQuote = true
				case "”", "»":
					inQuote = false
				default:
					inQuote = !inQuote
				}
			}
			continue
		}
		if i >= first && i < last {
			if inQuote {
				quoted = true
			}
			continue
		}
		if t.Kind != text.Word {
			continue
		}
		lw := strings.ToLower(w)
		if officeWords[lw] {
			continue
		}
		stem := lw
		if len(lw) <= maxWordBytes {
			stem = text.Stem(lw)
		}
		if i >= ss && i < se {
			dist := first - i
			if i >= last {
				dist = i - last + 1
			}
			dst = append(dst, feature{"dw:" + stem, float32(dwWeight(dist))})
		}
		switch {
		case i >= cs && i < first:
			dst = append(dst, feature{"c:" + stem, 1}, feature{"cl:" + stem, 1})
		case i >= last && i < ce:
			dst = append(dst, feature{"c:" + stem, 1}, feature{"cr:" + stem, 1})
		case i >= ss && i < se:
			dst = append(dst, feature{"s:" + stem, 1})
		}
		if i >= first-5 && i < first {
			dst = append(dst, feature{"wl:" + stem, 1})
		} else if i >= last && i < last+5 {
			dst = append(dst, feature{"wr:" + stem, 1})
		}
		if i == first-1 {
			dst = append(dst, feature{"l1:" + stem, 1})
		}
		if i == last {
			dst = append(dst, feature{"r1:" + stem, 1})
			prev = stem
		}
		if i == last+1 && prev != "" {
			dst = append(dst, feature{"r2:" + prev + "_" + stem, 1})
		}
		if i > last && i <= last+3 {
			if e := lx.words[lw]; e != nil && e.flags&fReport != 0 {
				dst = append(dst, feature{"speaker", 1})
			}
		}
	}
	if quoted {
		dst = append(dst, feature{"quoted", 1})
	}
	if sentQuote {
		dst = append(dst, feature{"sentquote", 1})
	}
	return dst
}

// numLexBins is the number of ranges lexBin tells apart.
const numLexBins = 7

// lexBin is the range of a lexicon-sum feature: 0 (at most -0.5), 1
// (-0.2), 2 (below -0.02), 3 (about zero), 4, 5 (0.2), 6 (at least 0.5).
// It reads the float32 value the model sees, so the reference features
// and Towards bin alike.
func lexBin(v float32) int {
	switch {
	case v <= -0.5:
		return 0
	case v <= -0.2:
		return 1
	case v < -0.02:
		return 2
	case v >= 0.5:
		return 6
	case v >= 0.2:
		return 5
	case v > 0.02:
		return 4
	}
	return 3
}

// dwWeight is the weight of a word dist tokens from the target in the
// distance-weighted bag (dw: features), as the model reads it (float32).
func dwWeight(dist int) float64 {
	return float64(float32(1 / (1 + 0.3*float64(dist))))
}

// Toward returns the tone expressed toward the byte span [start, end) of
// d.Text (an actor's mention): read from the clause that speaks of it and
// its neighbourhood rather than from the sentence as a whole, by a logistic
// model learned on NewsMTSC. The label is the most probable class; the
// score is the probability of positive minus that of negative. (With
// WithoutLearnedWeights, the score is the clause's lexicon score and the
// label reads it with the neutral band.) It returns an error if the span is
// out of range, empty, splits a UTF-8 character or covers no token; a nil d
// is the empty document. To score many spans of one document, call
// [Labeler.Towards], which analyses each sentence once for all of them.
func (l *Labeler) Toward(d *text.Document, start, end int) (Target, error) {
	t, err := l.Towards(d, []Span{{start, end}})
	if err != nil {
		return Target{}, err
	}
	return t[0], nil
}

// probs returns the class probabilities (negative, neutral, positive).
func (m *targetModel) probs(feats []feature) [3]float64 {
	var z [3]float64
	for _, f := range feats {
		if w, ok := m.w[f.name]; ok {
			for k := range 3 {
				z[k] += float64(w[k]) * float64(f.val)
			}
		}
	}
	return softmax(z)
}

func softmax(z [3]float64) [3]float64 {
	mx := max(z[0], z[1], z[2])
	var p [3]float64
	var sum float64
	for k := range 3 {
		p[k] = math.Exp(z[k] - mx)
		sum += p[k]
	}
	for k := range 3 {
		p[k] /= sum
	}
	return p
}

// targetClause returns the token bounds [cs, ce) of the clause of sentence
// si holding tokens [first, last): bounded by clause punctuation and
// clause-opening conjunctions.
func targetClause(d *text.Document, si, first, last int) (cs, ce int) {
	s := d.Sentences[si]
	toks := d.Tokens
	cs, ce = first, last
	for cs > s.First {
		t := toks[cs-1]
		w := d.Text[t.Start:t.End]
		if (t.Kind == text.Punct && (isClauseBreak(w) || w == ";")) || clauseWord(w) {
			break
		}
		cs--
	}
	for ce < s.Last {
		t := toks[ce]
		w := d.Text[t.Start:t.End]
		if (t.Kind == text.Punct && isClauseBreak(w)) || clauseWord(w) {
			break
		}
		ce++
	}
	return cs, ce
}

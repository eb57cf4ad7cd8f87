//go:build tonetrain

package tone

import (
	"math"
	"slices"
	"strings"

	"github.com/diplotext/diplotext/text"
)

// TrainingBags returns the distinct buckets of the two bags the
// article-level model reads for a (the words of its mention sentences and
// of its mentions' windows), for the training program.
func (a *ActorTone) TrainingBags() (sent, win []uint32) {
	if a.bags == nil || len(a.bags.win) != len(a.Targets) {
		return nil, nil
	}
	return a.bags.features(func(int) bool { return true }, nil, nil)
}

// EncodeActorModel writes an article-level actor model in the binary form
// of model/actors.bin (see actors_model.go), for the training program.
func EncodeActorModel(bits uint, bias, base [3]float64, w map[uint32][3]float64) ([]byte, error) {
	return encodeActorModel(bits, bias, base, w)
}

// TrainingParagraph is one paragraph of a document as the actor stage's
// paragraph reader sees it, for the training program.
type TrainingParagraph struct {
	Start, End int
	Buckets    []uint32
	Dense      []float64
}

// TrainingParagraphs returns the paragraph reader's features of every
// paragraph of d (lines with words) for a, an actor of d whose document
// tone is doc, for the training program.
func (a *ActorTone) TrainingParagraphs(d *text.Document, doc Result) []TrainingParagraph {
	ps := actorParagraphs(d, doc, a, ActorModelBits)
	out := make([]TrainingParagraph, len(ps))
	for i, p := range ps {
		out[i] = TrainingParagraph{p.start, p.end, p.buckets, p.dense[:]}
	}
	return out
}

// The features of a paragraph reader (figures only, not part of the
// embedded model: tone/internal/train with DIPLOTEXT_PS_PARA=1,
// docs/tone.md): a 3-class logistic regression learned on the PerSenT
// paragraph labels (the author's sentiment toward the article's main
// person over one paragraph) that reads every paragraph (line) of the
// document, whether or not it names the actor.

// Salts of the paragraph reader's bags: the words outside quotation
// marks and the words inside them.
const (
	famPara  uint64 = 0x2545f4914f6cdd1d
	famQuote uint64 = 0x9fb21c651e98df25
)

// actorParaDense is the number of dense features of a paragraph.
const actorParaDense = 10

// actorPara is one paragraph as the paragraph reader sees it: its byte
// span, the distinct buckets of its words and its dense features.
type actorPara struct {
	start, end int
	buckets    []uint32
	dense      [actorParaDense]float64
}

// reportingVerb reports whether the folded word w introduces speech.
func reportingVerb(w string) bool {
	switch w {
	case "said", "says", "say", "told", "tells", "added", "adds", "stated", "declared", "according", "insisted", "argued", "wrote":
		return true
	}
	return false
}

// quoteMark returns +1 for an opening quotation mark, -1 for a closing
// one, 2 for a straight double quote (which toggles) and 0 otherwise.
func quoteMark(s string) int {
	switch s {
	case "\"":
		return 2
	case "\u201c":
		return 1
	case "\u201d":
		return -1
	}
	return 0
}

// actorParagraphs splits d into paragraphs (lines) and returns the
// paragraph reader's features of each, in text order, for the actor a of
// d whose document tone is doc. The dense features are the paragraph's
// polarity (the mean score of its sentences in doc), whether it mentions
// a, the mean polarity of the sentences of those mentions and their mean
// tone, the log of their count, whether it is the first paragraph, its
// relative position, the share of its words inside quotation marks,
// whether a mention of a stands next to a reporting verb, and the
// document's polarity. Lines without words are left out.
func actorParagraphs(d *text.Document, doc Result, a *ActorTone, bits uint) []actorPara {
	var out []actorPara
	s := d.Text
	ti, si, mi := 0, 0, 0
	for start := 0; start <= len(s); {
		end := strings.IndexByte(s[start:], '\n')
		if end < 0 {
			end = len(s)
		} else {
			end += start
		}
		p := actorPara{start: start, end: end}
		var words, quoted int
		in := false
		for ; ti < len(d.Tokens) && d.Tokens[ti].Start < end; ti++ {
			t := d.Tokens[ti]
			if t.Start < start {
				continue
			}
			if t.Kind != text.Word {
				switch quoteMark(s[t.Start:t.End]) {
				case 2:
					in = !in
				case 1:
					in = true
				case -1:
					in = false
				}
				continue
			}
			words++
			fam := famPara
			if in {
				fam = famQuote
				quoted++
			}
			p.buckets = append(p.buckets, actorBucket(fam, d.TokenHash(ti), bits))
		}
		if words > 0 {
			slices.Sort(p.buckets)
			p.buckets = slices.Compact(p.buckets)
			var pol float64
			n := 0
			for ; si < len(doc.Sentences) && doc.Sentences[si].Start < end; si++ {
				if doc.Sentences[si].Start >= start {
					pol += doc.Sentences[si].Score
					n++
				}
			}
			if n > 0 {
				pol /= float64(n)
			}
			var tw, ctx float64
			m, speaks := 0, 0.0
			for ; mi < len(a.Targets) && a.Targets[mi].Start < end; mi++ {
				t := a.Targets[mi]
				if t.Start < start {
					continue
				}
				tw += t.Score
				if mi < len(a.contexts) {
					ctx += a.contexts[mi]
				}
				m++
				if speaks == 0 {
					j := d.TokenAt(t.Start)
					for k, c := j-1, 0; j >= 0 && k >= 0 && c < 2 && d.Tokens[k].Start >= start; k-- {
						if d.Tokens[k].Kind == text.Word {
							c++
							if reportingVerb(d.TokenFold(k)) {
								speaks = 1
							}
						}
					}
					for k, c := d.TokenAt(t.End-1)+1, 0; j >= 0 && k < len(d.Tokens) && c < 2 && d.Tokens[k].Start < end; k++ {
						if d.Tokens[k].Kind == text.Word {
							c++
							if reportingVerb(d.TokenFold(k)) {
								speaks = 1
							}
						}
					}
				}
			}
			p.dense[0] = pol
			if m > 0 {
				p.dense[1] = 1
				p.dense[2] = ctx / float64(m)
				p.dense[3] = tw / float64(m)
				p.dense[4] = math.Log1p(float64(m))
			}
			if len(out) == 0 {
				p.dense[5] = 1
			}
			p.dense[7] = float64(quoted) / float64(words)
			p.dense[8] = speaks
			p.dense[9] = doc.Score
			out = append(out, p)
		}
		start = end + 1
	}
	for i := range out {
		if len(out) > 1 {
			out[i].dense[6] = float64(i) / float64(len(out)-1)
		}
	}
	return out
}

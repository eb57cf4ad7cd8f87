package tone

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/diplotext/diplotext/text"
)

// ActorMentions is one actor of a document, as an entity tagger found it:
// a name for the caller's reference and the byte spans where the document
// names it (full name, surname, title). Person tells [Labeler.Actors] that
// the actor is a person, so that the pronouns that clearly refer to it may
// be added to its mentions.
//
// Role, if set, is the actor's title or office ("foreign minister",
// "President"): "the minister" or "the president" is then read as a
// further mention when the actor was named in the three sentences before
// and no other actor of the document has a role with the same last word.
type ActorMentions struct {
	Name     string `json:"name"`
	Person   bool   `json:"person,omitempty"`
	Role     string `json:"role,omitempty"`
	Mentions []Span `json:"mentions"`
}

// ActorTone is the tone of a document toward one actor, gathered over all
// its mentions.
type ActorTone struct {
	// Name is the ActorMentions' name.
	Name string `json:"name"`
	// Mentions is the number of mentions read: the given spans plus the
	// pronouns and titles resolved to the actor.
	Mentions int `json:"mentions"`
	// Pronouns is how many of them are resolved pronouns.
	Pronouns int `json:"pronouns,omitempty"`
	// Titles is how many of them are "the <role>" mentions.
	Titles int `json:"titles,omitempty"`
	// Toward is the mean tone toward its mentions ([Target] scores).
	Toward float64 `json:"toward"`
	// Context is the mean polarity of the sentences that mention it, read
	// by the lexicon and rules (as the targeted model reads them).
	Context float64 `json:"context"`
	// Document is the polarity of the whole document ([Result] Score of
	// [Labeler.LabelDocument]): how the author writes about what the
	// article reports, which colours the tone toward its people.
	Document float64 `json:"document"`
	// Score is in [-1, 1]: the article-level model's reading (see
	// actors_model.go) of the calibrated mix of the tone toward each
	// mention, the polarity of the sentences that mention it and the
	// document's polarity, together with the words of the sentences that
	// mention the actor and the words next to each mention. A Labeler
	// WithoutLearnedWeights gives the calibrated mix alone.
	Score float64 `json:"score"`
	// Label is Score read with the actor band (see [ActorBand]): its sign
	// always agrees with Score's.
	Label Polarity `json:"label"`
	// Evidence holds up to three sentences that speak of the actor most
	// strongly, strongest first.
	Evidence []SentenceTone `json:"evidence"`
	// Targets is the tone toward each mention read, in text order
	// (resolved pronouns included). It is not part of the JSON form.
	Targets []Target `json:"-"`
	// contexts is the polarity of each target's sentence, for Within.
	contexts []float64
	// bags and model: the article-level model's words, for Within.
	bags  *actorBags
	model *actorModel
}

// The calibration of the actor aggregate (actorMix, actorShift and
// ActorBand) is generated into actors_calibration.go by go generate
// (tone/internal/train -what actors). The targeted model, learned on news
// sentences, reads the mentions of an article's main person too
// negatively, hence the shift; the document's polarity adds to the mention
// tone, the polarity of the mention sentences little beyond the two.

// pronouns of a person, by grammatical role (all refer back).
func personPronoun(w string) bool {
	var b [smallWord]byte
	switch string(lowerSmall(&b, w)) {
	case "he", "him", "his", "himself", "she", "her", "hers", "herself":
		return true
	}
	return false
}

// Actors returns the tone of d toward each actor, in the order of actors:
// the tone toward each of its mentions ([Labeler.Towards]), with, for a
// person, the third-person pronouns that clearly refer to it (a pronoun
// in the sentence of a mention or in one of the two sentences after it,
// when no other person was named just before), and "the <role>" titles
// (see [ActorMentions]), calibrated into one score. Its time is linear in the document and
// the mentions. An actor without mentions gets a zero, neutral tone; a nil
// d is the empty document. It returns an error naming the actor and the
// mention for a span that is out of range, empty, splits a UTF-8 character
// or covers no token. It reads the whole document's polarity with
// [Labeler.LabelDocument]; a caller that has that result already saves the
// second reading with [Labeler.ActorsIn].
func (l *Labeler) Actors(d *text.Document, actors []ActorMentions) ([]ActorTone, error) {
	if l == nil {
		return nil, errNilLabeler
	}
	if d == nil {
		d = &text.Document{}
	}
	r, err := l.LabelDocument(d)
	if err != nil {
		return nil, err
	}
	return l.ActorsIn(d, r, actors)
}

// ActorsIn is [Labeler.Actors] for a document whose tone doc, the result of
// l.LabelDocument(d), is already known: it returns what Actors returns
// without reading the document a second time. A doc from another document
// or another Labeler gives scores mixed with that result's polarity.
func (l *Labeler) ActorsIn(d *text.Document, doc Result, actors []ActorMentions) ([]ActorTone, error) {
	if l == nil {
		return nil, errNilLabeler
	}
	if d == nil {
		d = &text.Document{}
	}
	if err := checkDocument(d); err != nil {
		return nil, err
	}
	if math.IsNaN(doc.Score) || doc.Score < -1 || doc.Score > 1 {
		return nil, fmt.Errorf("tone: ActorsIn: document score %v is not in [-1, 1]", doc.Score)
	}
	out := make([]ActorTone, len(actors))
	for a := range out {
		out[a].Document = doc.Score
	}
	// Every mention, by position, with its actor.
	type mention struct {
		actor       int
		sp          Span
		si          int
		first, last int // its tokens, [first, last)
		pron        bool
		title       bool
	}
	var all []mention
	for a, ac := range actors {
		out[a].Name = ac.Name
		out[a].Evidence = []SentenceTone{}
		for k, sp := range ac.Mentions {
			si, first, last, err := locateSpan(d, sp)
			if err != nil {
				return nil, fmt.Errorf("%w: actor %d (%q) mention %d: %w", ErrSpan, a, ac.Name, k, err)
			}
			all = append(all, mention{a, sp, si, first, last, false, false})
		}
	}
	slices.SortStableFunc(all, func(x, y mention) int { return cmp.Compare(x.sp.Start, y.sp.Start) })
	// Pronouns: walk the tokens once, remembering the last actor mentioned
	// and the sentence of that mention.
	if len(all) > 0 {
		var prons []mention
		last, lastSent, otherSent, k := -1, -1, -10, 0
		for ti, t := range d.Tokens {
			for k < len(all) && all[k].sp.Start <= t.Start {
				b := all[k].actor
				if last >= 0 && b != last && actors[last].Person {
					otherSent = lastSent
				}
				last, lastSent = b, all[k].si
				k++
			}
			if last < 0 || t.Kind != text.Word || !actors[last].Person || !personPronoun(d.Text[t.Start:t.End]) {
				continue
			}
			if k > 0 && all[k-1].sp.End > t.Start {
				continue // inside a mention
			}
			si := d.SentenceAt(t.Start)
			// Near the actor's mention, and no other person named just before it.
			if si < 0 || si-lastSent > 2 || otherSent >= lastSent-1 {
				continue
			}
			prons = append(prons, mention{last, Span{t.Start, t.End}, si, ti, ti + 1, true, false})
		}
		// Titles: "the minister" for the one actor whose role ends in
		// "minister", named shortly before.
		heads := map[string]int{}
		for a, ac := range actors {
			f := strings.Fields(ac.Role)
			if len(f) == 0 {
				continue
			}
			h := strings.ToLower(f[len(f)-1])
			if _, dup := heads[h]; dup {
				heads[h] = -1
			} else {
				heads[h] = a
			}
		}
		if len(heads) > 0 {
			lastSeen := make([]int, len(actors))
			for a := range lastSeen {
				lastSeen[a] = -10
			}
			k := 0
			toks := d.Tokens
			for i := 0; i+1 < len(toks); i++ {
				t := toks[i]
				for k < len(all) && all[k].sp.Start <= t.Start {
					lastSeen[all[k].actor] = all[k].si
					k++
				}
				if t.End-t.Start != 3 || !strings.EqualFold(d.Text[t.Start:t.End], "the") || toks[i+1].Kind != text.Word {
					continue
				}
				n := toks[i+1]
				a, ok := heads[strings.ToLower(d.Text[n.Start:n.End])]
				if !ok || a < 0 {
					continue
				}
				if k < len(all) && all[k].sp.Start < n.End {
					continue // part of a given mention
				}
				si := d.SentenceAt(n.Start)
				if si < 0 || si-lastSeen[a] > 3 || lastSeen[a] < 0 {
					continue
				}
				prons = append(prons, mention{a, Span{n.Start, n.End}, si, i + 1, i + 2, false, true})
			}
		}
		all = append(all, prons...)
		slices.SortStableFunc(all, func(x, y mention) int { return cmp.Compare(x.sp.Start, y.sp.Start) })
	}
	spans := make([]Span, len(all))
	for i, m := range all {
		spans[i] = m.sp
	}
	sent := make([]float64, len(spans))
	ts, _, err := l.towards(d, spans, sent)
	if err != nil {
		return nil, err
	}
	type acc struct {
		t, s float64
		n    int
		// the sentences of its mentions, in order, each with the tone
		// of its strongest mention (a slice: mentions come in document
		// order, and a map an actor cost too much with a million actors)
		sents []sentTone
	}
	accs := make([]acc, len(actors))
	bits := uint(ActorModelBits)
	if l.actor != nil {
		bits = l.actor.bits
	}
	for i, m := range all {
		a := &accs[m.actor]
		o := &out[m.actor]
		if o.bags == nil {
			o.bags = &actorBags{bits: bits}
			o.model = l.actor
		}
		o.bags.addTarget(d, m.si, m.first, m.last)
		o.Targets = append(o.Targets, ts[i])
		o.contexts = append(o.contexts, sent[i])
		o.Mentions++
		if m.pron {
			o.Pronouns++
		}
		if m.title {
			o.Titles++
		}
		ss := sent[i]
		a.t += ts[i].Score
		a.s += ss
		a.n++
		if n := len(a.sents); n == 0 || a.sents[n-1].si != m.si {
			a.sents = append(a.sents, sentTone{m.si, ts[i].Score})
		} else if math.Abs(ts[i].Score) > math.Abs(a.sents[n-1].v) {
			a.sents[n-1].v = ts[i].Score
		}
	}
	for i := range out {
		a := &accs[i]
		if a.n == 0 {
			continue
		}
		n := float64(a.n)
		out[i].Toward, out[i].Context = round4(a.t/n), round4(a.s/n)
		score, band := out[i].modelScore(actorScore(a.t/n, a.s/n, doc.Score), func(int) bool { return true })
		out[i].Score = score
		out[i].Label = bandPolarity(score, band)
		// The three sentences where the tone toward the actor is strongest.
		evs := a.sents
		slices.SortFunc(evs, func(x, y sentTone) int {
			if c := cmp.Compare(math.Abs(y.v), math.Abs(x.v)); c != 0 {
				return c
			}
			return cmp.Compare(x.si, y.si)
		})
		for _, e := range evs[:min(3, len(evs))] {
			s := d.Sentences[e.si]
			out[i].Evidence = append(out[i].Evidence, SentenceTone{Start: s.Start, End: s.End, Score: round4(e.v)})
		}
	}
	return out, nil
}

// sentTone is a sentence and the tone of its strongest mention of an actor.
type sentTone struct {
	si int
	v  float64
}

// actorScore is the calibrated score of an actor from the mean tone toward
// its mentions, the mean polarity of the sentences that mention them and
// the document's polarity, clamped to [-1, 1]. It is also the score of a
// stretch of text (a paragraph) from the mean tone toward the mentions
// inside it.
func actorScore(toward, context, document float64) float64 {
	return max(-1, min(1, actorMix*toward+(1-actorMix-actorDocMix)*context+actorDocMix*document-actorShift))
}

// bandPolarity reads s with a neutral band of half-width band.
func bandPolarity(s, band float64) Polarity {
	switch {
	case s >= band && s > 0:
		return Positive
	case s <= -band && s < 0:
		return Negative
	}
	return Neutral
}

// Within returns the actor's score over the mentions inside the byte span
// [start, end) (a paragraph), read from Targets, and how many mentions it
// found; with none it returns 0, 0. It reads those mentions as Score reads
// all of them: the mix of their tones, their sentences' polarity and the
// document's, and the words of their sentences and windows, through the
// article-level model; read it with ActorBand. An ActorTone built by hand
// (whose sentence polarities and words Actors did not record) gives the
// mix of its target scores and the document's polarity alone, as does a
// Labeler WithoutLearnedWeights; read that with ActorBaseBand.
func (a *ActorTone) Within(start, end int) (float64, int) {
	var sum, ctx float64
	n := 0
	for i, t := range a.Targets {
		if t.Start >= start && t.End <= end {
			sum += t.Score
			if i < len(a.contexts) {
				ctx += a.contexts[i]
			}
			n++
		}
	}
	if n == 0 {
		return 0, 0
	}
	s, _ := a.modelScore(actorScore(sum/float64(n), ctx/float64(n), a.Document), func(i int) bool {
		t := a.Targets[i]
		return t.Start >= start && t.End <= end
	})
	return s, n
}

// modelScore reads the calibrated mix base of the targets i for which
// keep(i) holds with the article-level model, and returns the score
// (rounded to 4 decimals, in [-1, 1]) and the neutral band to read it
// with; without a model (or bags), base itself and ActorBaseBand.
func (a *ActorTone) modelScore(base float64, keep func(int) bool) (float64, float64) {
	if a.model == nil || a.bags == nil || len(a.bags.win) != len(a.Targets) {
		return round4(max(-1, min(1, base))), ActorBaseBand
	}
	s, w := a.bags.features(keep, nil, nil)
	return round4(max(-1, min(1, a.model.score(base, s, w)-actorModelShift))), ActorBand
}

package event

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"sync"

	"github.com/diplotext/diplotext/text"
)

// Span is a stretch of the input: Text == input[Start:End]. Country is the
// ISO 3166-1 alpha-3 code of an actor span when it is known (from the
// [Actor] the caller passed); it is empty for triggers.
type Span struct {
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Text    string `json:"text"`
	Country string `json:"country,omitempty"`
}

// Event is one act a sentence reports: who (Source) did what (Trigger,
// Class, CAMEO root) to whom (Target). Source or Target is nil when the
// sentence does not name it. Reciprocal events ("Jordan and Britain
// agreed") have both actors as Source and Target and Reciprocal set.
//
// Score in [0, 1] is the confidence: the classifier's probability of the
// class, lowered when an actor is missing. Negated marks an act said not to
// have happened ("did not agree"); its class is the one the model gives to
// the negated sentence, which is usually the opposite of the bare verb's.
type Event struct {
	Trigger    Span  `json:"trigger"`
	Source     *Span `json:"source,omitempty"`
	Target     *Span `json:"target,omitempty"`
	Reciprocal bool  `json:"reciprocal,omitempty"`
	// Also lists further sources and targets coordinated with Source or
	// Target ("urged India and Pakistan": Target India, Also Pakistan as a
	// target); nil when there are none. Never set on reciprocal events.
	Also      []CoActor `json:"also,omitempty"`
	Class     Class     `json:"class"`
	CAMEO     string    `json:"cameo"`
	Goldstein float64   `json:"goldstein"`
	Score     float64   `json:"score"`
	Negated   bool      `json:"negated,omitempty"`
	// Sentence is the index of the sentence in the document.
	Sentence int `json:"sentence"`
}

// CoActor is a further source or target of an event, coordinated with its
// Source or Target by "and" or a comma.
type CoActor struct {
	Span
	Role Role `json:"role"`
}

// Actor is a candidate actor the caller already found, typically an entity
// mention: bytes [Start, End) of the document, its country (ISO 3166-1
// alpha-3, may be empty) and its type (free text, e.g. "COUNTRY", "PERSON").
type Actor struct {
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Country string `json:"country,omitempty"`
	Type    string `json:"type,omitempty"`
}

// Option configures an [Extractor].
type Option func(*Extractor) error

// WithModel makes the extractor use m instead of the embedded model.
func WithModel(m *Model) Option {
	return func(x *Extractor) error {
		if m == nil {
			return errors.New("event: WithModel: nil model")
		}
		x.model = m
		return nil
	}
}

// DefaultMinScore is the minimum Score of a reported event when no
// [WithMinScore] is given: the largest value at which the cross-validated
// five-class macro-F1 on the shared CAMEO sentences does not drop (0.805 at
// 0, 0.35 and below; 0.798 at 0.45; see docs/event.md). It drops the
// weakest guesses, typically sentences of long articles that report no act.
const DefaultMinScore = 0.35

// WithMinScore drops events whose Score is below s (default
// [DefaultMinScore]; 0 keeps every sentence with an act and at least one
// actor). s must be in [0, 1].
func WithMinScore(s float64) Option {
	return func(x *Extractor) error {
		if math.IsNaN(s) || s < 0 || s > 1 {
			return fmt.Errorf("event: WithMinScore(%v): want a value in [0, 1]", s)
		}
		x.minScore = s
		return nil
	}
}

// WithoutActorsRequired also reports events of sentences where no actor was
// found (Source and Target nil); by default such sentences give none.
func WithoutActorsRequired() Option {
	return func(x *Extractor) error { x.noActorsOK = true; return nil }
}

// WithActorPhrases makes the source and target spans of sentences with
// given actors the extractor's own actor phrases, as without given actors
// (the event coders' noun phrases: "the Croatian government 's request",
// not the mention "Croatian"), each taking its country from the given
// actors inside it (the first before a preposition of the phrase, else
// the first; else one just after it reached by "in", "of", "for" or
// "from": "Authorities in Pakistan"). Without it the spans are the given
// actors' own offsets, chosen by the tagger's roles. With entity mentions
// as the actors, cross-validated exact span F1 by the coders' spans is
// source 0.832 and target 0.523 with it, 0.234 and 0.258 without it; see
// docs/event.md.
func WithActorPhrases() Option {
	return func(x *Extractor) error { x.phrases = true; return nil }
}

// Extractor finds the events of sentences. The zero configuration (New()
// with no option) uses the embedded model. An Extractor is immutable and safe
// for concurrent use.
type Extractor struct {
	model      *Model
	minScore   float64
	noActorsOK bool
	phrases    bool
}

// ErrActorOffsets is wrapped by the error of an extraction given an
// [Actor] whose offsets are not a non-empty range of the input.
var ErrActorOffsets = errors.New("event: actor offsets out of range")

// New returns an Extractor. Without [WithModel] it decodes the embedded
// model on first use (once per process); an error then means the embedded
// model is corrupt.
func New(opts ...Option) (*Extractor, error) {
	x := &Extractor{minScore: DefaultMinScore}
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(x); err != nil {
			return nil, err
		}
	}
	if x.model == nil {
		m, err := DefaultModel()
		if err != nil {
			return nil, err
		}
		x.model = m
	}
	return x, nil
}

var defaultExtractor = sync.OnceValues(func() (*Extractor, error) { return New() })

// Extract finds the events of s with the default extractor; see
// [Extractor.Extract].
func Extract(s string, actors ...Actor) ([]Event, error) {
	x, err := defaultExtractor()
	if err != nil {
		return nil, err
	}
	return x.Extract(s, actors...)
}

// ExtractDocument finds the events of d with the default extractor; see
// [Extractor.ExtractDocument].
func ExtractDocument(d *text.Document, actors ...Actor) ([]Event, error) {
	x, err := defaultExtractor()
	if err != nil {
		return nil, err
	}
	return x.ExtractDocument(d, actors...)
}

// Extract parses s and returns its events; see [Extractor.ExtractDocument].
func (x *Extractor) Extract(s string, actors ...Actor) ([]Event, error) {
	return x.ExtractDocument(text.Parse(s), actors...)
}

// ExtractDocument returns the events of d, at most one per sentence, in
// document order. actors are optional candidate actors with byte offsets
// into d.Text (the entity mentions of the document, in any order); when a
// sentence has some, its source and target are chosen among them, guided by
// the actor tagger, and carry their Country. Without actors the tagger's own
// spans are the actors.
//
// A nil document is the empty document: an empty non-nil result and a nil
// error. An actor whose offsets are out of range gives an error wrapping
// [ErrActorOffsets]. A nil *Extractor uses the default extractor. Time is
// linear in the length of d plus the number of actors.
func (x *Extractor) ExtractDocument(d *text.Document, actors ...Actor) ([]Event, error) {
	if x == nil {
		var err error
		if x, err = defaultExtractor(); err != nil {
			return nil, err
		}
	}
	out := []Event{}
	if d == nil || len(d.Tokens) == 0 {
		for _, a := range actors {
			if a.Start < 0 || a.End > len(textOf(d)) || a.Start >= a.End {
				return nil, fmt.Errorf("%w: [%d,%d) in a text of %d bytes", ErrActorOffsets, a.Start, a.End, len(textOf(d)))
			}
		}
		return out, nil
	}
	var acts []Actor
	if len(actors) > 0 {
		acts = make([]Actor, len(actors))
		copy(acts, actors)
		for _, a := range acts {
			if a.Start < 0 || a.End > len(d.Text) || a.Start >= a.End {
				return nil, fmt.Errorf("%w: [%d,%d) in a text of %d bytes", ErrActorOffsets, a.Start, a.End, len(d.Text))
			}
		}
		sort.SliceStable(acts, func(i, j int) bool { return acts[i].Start < acts[j].Start })
	}
	s := scratchPool.Get().(*scratch)
	defer func() { s.spans, s.co = nil, nil; scratchPool.Put(s) }()
	// every sentence gives at most one event and two actor spans: allocate
	// them in two blocks rather than one by one
	out = make([]Event, 0, len(d.Sentences))
	s.spans = make([]Span, 0, 2*len(d.Sentences))
	cb := codebookOnce()
	ai := 0
	for si, sent := range d.Sentences {
		// the given actors that start in this sentence
		for ai < len(acts) && acts[ai].Start < sent.Start {
			ai++
		}
		aj := ai
		for aj < len(acts) && acts[aj].Start < sent.End {
			aj++
		}
		toks := d.Tokens[sent.First:sent.Last]
		if ev, ok := x.sentence(s, d.Text, toks, acts[ai:aj], cb); ok {
			ev.Sentence = si
			out = append(out, ev)
		}
		ai = aj
	}
	return out, nil
}

func textOf(d *text.Document) string {
	if d == nil {
		return ""
	}
	return d.Text
}

type span struct {
	first, last int // token range [first, last)
	tag         uint8
}

// sentence finds the event of one sentence.
func (x *Extractor) sentence(s *scratch, src string, toks []text.Token, acts []Actor, cb *smallMap) (Event, bool) {
	m := x.model
	s.fast = false
	if !m.fastPath() || !m.fillInfosFast(s, src, toks) {
		s.infos = fillInfos(src, toks, s.infos, cb)
	}
	words := 0
	for i := range s.infos {
		if s.infos[i].word {
			words++
		}
	}
	if words < 2 {
		return Event{}, false
	}
	var p [nClasses]float64
	m.classify(s, &p)
	c := argmax(p[:])
	if math.Round(p[c]*1000)/1000 < x.minScore {
		// the score is at most the class probability: no need to read
		// the trigger and the actors of an event that will be dropped
		return Event{}, false
	}
	trig, shown := m.triggers(s, c)
	if trig < 0 {
		return Event{}, false
	}
	em := m.tagEmissions(s, trig, s.score)
	s.score = em
	tags := viterbi(s, em, &m.trans)
	// Without given actors, the target span model fills a missing target
	// and sets the boundaries of an overlapping one. With given actors it
	// is not run: their target role F1 is 0.906 without it, 0.903 with it
	// (CV), and the actors' own offsets are the boundaries.
	if len(acts) == 0 || x.phrases {
		s.tags0 = append(s.tags0[:0], tags...)
		m.spanTarget(s, trig, tags)
	}
	var src0, tgt0 *Span
	also := s.coBuf[:0]
	recip := false
	mk := func(first, last int) *Span {
		if sp, ok := actorSpan(src, toks, first, last); ok {
			return s.span(sp)
		}
		return nil
	}
	if len(acts) > 0 && !x.phrases {
		src0, tgt0, recip = assignActors(s, src, toks, tags, acts, trig)
	} else {
		spans := s.sp[:0]
		for i := 0; i < len(tags); i++ {
			t := tags[i]
			if t == tagBS || t == tagBT || t == tagBR {
				j := i + 1
				for j < len(tags) && tags[j] == t+1 {
					j++
				}
				spans = append(spans, span{i, j, t})
				i = j - 1
			}
		}
		s.sp = spans
		rs := s.rs[:0]
		for _, sp := range spans {
			switch sp.tag {
			case tagBS:
				if src0 == nil {
					src0 = mk(sp.first, sp.last)
					also = coordinated(src, toks, s.tags0, sp.last, tagBS, Source, false, also, nil)
				}
			case tagBT:
				if tgt0 == nil {
					tgt0 = mk(sp.first, sp.last)
					also = coordinated(src, toks, s.tags0, sp.last, tagBT, Target, true, also, func(k int) (int, bool) { return m.conjunctTarget(s, trig, k, tags) })
				}
			case tagBR:
				rs = append(rs, sp)
			}
		}
		s.rs = rs
		if src0 == nil && tgt0 != nil && len(rs) > 0 && rs[0].last <= trig {
			// reciprocal tags before the trigger of an event with a
			// target: the sources ("China and Russia call on the US")
			for _, sp := range rs {
				if sp.last > trig {
					break
				}
				for _, part := range splitAnd(src, toks, sp) {
					if src0 == nil {
						src0 = mk(part.first, part.last)
					} else if a, ok := actorSpan(src, toks, part.first, part.last); ok {
						also = append(also, CoActor{Span: a, Role: Source})
					}
				}
			}
			rs = rs[:0]
		}
		if src0 == nil && tgt0 == nil && len(rs) > 0 {
			recip = true
			if len(rs) >= 2 {
				src0, tgt0 = mk(rs[0].first, rs[0].last), mk(rs[1].first, rs[1].last)
			} else {
				// "Jordan and Britain": split one reciprocal span at "and"
				sp := rs[0]
				cut := -1
				for i := sp.first + 1; i < sp.last-1; i++ {
					if strings.EqualFold(src[toks[i].Start:toks[i].End], "and") {
						cut = i
						break
					}
				}
				if cut > 0 {
					src0, tgt0 = mk(sp.first, cut), mk(cut+1, sp.last)
				} else {
					src0 = mk(sp.first, sp.last)
				}
			}
		}
	}
	s.coBuf = also
	if recip {
		also = also[:0]
	}
	if x.phrases && len(acts) > 0 {
		countryOf(src, toks, src0, acts)
		countryOf(src, toks, tgt0, acts)
		for i := range also {
			countryOf(src, toks, &also[i].Span, acts)
		}
	}
	if src0 == nil && tgt0 == nil && !x.noActorsOK {
		return Event{}, false
	}
	cls := Classes[c]
	root := chooseRoot(s, cls)
	g, _ := Goldstein(root)
	score := p[c]
	switch {
	case src0 == nil && tgt0 == nil:
		score *= 0.5
	case src0 == nil || tgt0 == nil:
		score *= 0.8
	}
	ts, te := toks[shown].Start, toks[shown].End
	// a particle after the trigger belongs to it ("called off", "set up")
	if shown+1 < len(toks) && isParticle(src[toks[shown+1].Start:toks[shown+1].End]) {
		te = toks[shown+1].End
	}
	ev := Event{
		Trigger:    Span{Start: ts, End: te, Text: src[ts:te]},
		Source:     src0,
		Target:     tgt0,
		Reciprocal: recip,
		Also:       s.coActors(also),
		Class:      cls,
		CAMEO:      root,
		Goldstein:  g,
		Score:      math.Round(score*1000) / 1000,
		Negated:    s.infos[shown].neg,
	}
	if ev.Score < x.minScore {
		return Event{}, false
	}
	return ev, true
}

// coordinated appends to dst the spans of the tagger's tags tags0 of the
// given begin tag that are coordinated with a span of that role ending
// before token last: joined to it by "and", a comma (when comma is set) or
// ", and" ("urged India and Pakistan"), each next one joined to the one
// before. A conjunct the tagger did not tag is taken from conj (the end
// token of the span starting at k), when conj is not nil.
func coordinated(src string, toks []text.Token, tags0 []uint8, last int, begin uint8, role Role, comma bool, dst []CoActor, conj func(k int) (int, bool)) []CoActor {
	if len(tags0) != len(toks) {
		return dst
	}
	for last < len(toks) {
		k := last
		w := src[toks[k].Start:toks[k].End]
		switch {
		case w == "," && comma:
			k++
			if k < len(toks) && strings.EqualFold(src[toks[k].Start:toks[k].End], "and") {
				k++
			}
		case strings.EqualFold(w, "and"):
			k++
		default:
			return dst
		}
		if k >= len(toks) {
			return dst
		}
		j := k + 1
		if tags0[k] == begin {
			for j < len(toks) && tags0[j] == begin+1 {
				j++
			}
		} else if conj != nil {
			e, ok := conj(k)
			if !ok {
				return dst
			}
			j = e + 1
		} else {
			return dst
		}
		if sp, ok := actorSpan(src, toks, k, j); ok {
			dst = append(dst, CoActor{Span: sp, Role: role})
		}
		last = j
	}
	return dst
}

// splitAnd splits a span at its first "and" ("Jordan and Britain"), or
// returns it whole.
func splitAnd(src string, toks []text.Token, sp span) []span {
	for i := sp.first + 1; i < sp.last-1; i++ {
		if strings.EqualFold(src[toks[i].Start:toks[i].End], "and") {
			return []span{{sp.first, i, sp.tag}, {i + 1, sp.last, sp.tag}}
		}
	}
	return []span{sp}
}

func isParticle(w string) bool {
	return foldIn(w, particles)
}

var particles = []string{"off", "up", "out", "down", "back", "away", "over"}

// assignActors picks the source and target among the given actors. Each
// span of the tagger (source, target, reciprocal) takes the rightmost given
// actor inside it (the head of "U.S. Secretary of State Marco Rubio"), with
// the first country found among the actors of the span when that one has
// none ("the Croatian government"). A role the tagger leaves empty goes to
// the nearest free actor on its side of the trigger. Time is linear in the
// tokens plus the actors.
func assignActors(s *scratch, src string, toks []text.Token, tags []uint8, acts []Actor, trig int) (*Span, *Span, bool) {
	type pick struct {
		a       *Actor
		country string
		ok      bool
	}
	var srcP, tgtP pick
	var recs []pick
	// token index of each actor's first token, actors in order
	ti := 0
	lastEnd := -1
	var before, after *Actor
	cur := pick{}
	curTag := uint8(tagO)
	flush := func() {
		if !cur.ok {
			return
		}
		switch curTag {
		case tagBS:
			if !srcP.ok {
				srcP = cur
			}
		case tagBT:
			if !tgtP.ok {
				tgtP = cur
			}
		case tagBR:
			recs = append(recs, cur)
		}
		cur = pick{}
	}
	spanStart := -1 // token where the current tagger span starts
	for k := range acts {
		a := &acts[k]
		if a.Start < lastEnd {
			continue // overlaps an actor already seen: keep the first
		}
		lastEnd = a.End
		for ti < len(toks) && toks[ti].End <= a.Start {
			ti++
		}
		if ti >= len(toks) {
			break
		}
		t := tags[ti]
		role := uint8(tagO)
		switch t {
		case tagBS, tagIS:
			role = tagBS
		case tagBT, tagIT:
			role = tagBT
		case tagBR, tagIR:
			role = tagBR
		}
		if role == tagO {
			if ti < trig {
				before = a
			} else if after == nil && ti > trig {
				after = a
			}
			continue
		}
		// the start of the tagger span holding token ti
		st := ti
		for st > 0 && (tags[st] == role+1) && st > spanStart {
			st--
		}
		if st != spanStart || role != curTag {
			flush()
			spanStart, curTag = st, role
		}
		if role == tagBR && cur.ok && ti > 0 && hasAnd(src, toks, cur.a, a) {
			// "Jordan and Britain" in one reciprocal span: two actors
			flush()
			curTag = tagBR
		}
		cur.a, cur.ok = a, true
		if cur.country == "" {
			cur.country = a.Country
		}
	}
	flush()
	mk := func(p pick) *Span {
		if !p.ok {
			return nil
		}
		c := p.a.Country
		if c == "" {
			c = p.country
		}
		return s.span(Span{Start: p.a.Start, End: p.a.End, Text: src[p.a.Start:p.a.End], Country: c})
	}
	if !srcP.ok && !tgtP.ok && len(recs) > 0 {
		var second pick
		if len(recs) > 1 {
			second = recs[1]
		}
		return mk(recs[0]), mk(second), true
	}
	if !srcP.ok && before != nil {
		srcP = pick{a: before, ok: true}
	}
	if !tgtP.ok && after != nil {
		tgtP = pick{a: after, ok: true}
	}
	return mk(srcP), mk(tgtP), false
}

// hasAnd reports whether "and" or "&" stands between actors a and b.
func hasAnd(src string, toks []text.Token, a, b *Actor) bool {
	if a.End > b.Start {
		return false
	}
	between := src[a.End:b.Start]
	if len(between) > 40 {
		return false
	}
	between = strings.TrimSpace(strings.ToLower(between))
	return between == "and" || between == "&" || strings.HasSuffix(between, " and") || strings.HasPrefix(between, "and ")
}

// defaultRoot is the root of a class when no codebook word decides.
var defaultRoot = map[Class]string{
	Statement:           "01",
	VerbalCooperation:   "05",
	MaterialCooperation: "07",
	VerbalConflict:      "11",
	MaterialConflict:    "19",
}

// chooseRoot picks the CAMEO root of class c whose codebook descriptions
// share most words with the sentence, weighting each word by its evidence
// for the class.
func chooseRoot(s *scratch, c Class) string {
	ci := c.index()
	var votes [21]float32
	for i := range s.infos {
		m := s.infos[i].cb
		if m == 0 {
			continue
		}
		w := s.tokv[i*nClasses+ci]
		if w < 0 {
			w = 0
		}
		w += 0.01
		for ; m != 0; m &= m - 1 {
			votes[trailingZeros(m)] += w
		}
	}
	best, br := float32(0), ""
	for _, r := range classRoots[c] {
		v := votes[int(r[0]-'0')*10+int(r[1]-'0')]
		if v > best {
			best, br = v, r
		}
	}
	if br == "" {
		return defaultRoot[c]
	}
	return br
}

// actorSpan returns the actor span of tokens [first, last), without
// quotation marks at its edges or a leading connective ("But we"); ok is
// false when nothing is left.
func actorSpan(src string, toks []text.Token, first, last int) (Span, bool) {
	for first < last && (isQuote(src[toks[first].Start:toks[first].End]) || isLeadingConj(src[toks[first].Start:toks[first].End])) {
		first++
	}
	for last > first && isQuote(src[toks[last-1].Start:toks[last-1].End]) {
		last--
	}
	if first == last {
		return Span{}, false
	}
	a, b := toks[first].Start, toks[last-1].End
	return Span{Start: a, End: b, Text: src[a:b]}, true
}

// coActors copies cs into the call's block of coordinated actors (nil
// for none).
func (s *scratch) coActors(cs []CoActor) []CoActor {
	if len(cs) == 0 {
		return nil
	}
	if cap(s.co)-len(s.co) < len(cs) {
		s.co = make([]CoActor, 0, max(64, len(cs)))
	}
	n := len(s.co)
	s.co = append(s.co, cs...)
	return s.co[n:len(s.co):len(s.co)]
}

// span stores sp in the call's block of spans and returns its address.
func (s *scratch) span(sp Span) *Span {
	if len(s.spans) == cap(s.spans) {
		s.spans = make([]Span, 0, 16)
	}
	s.spans = append(s.spans, sp)
	return &s.spans[len(s.spans)-1]
}

func isQuote(w string) bool {
	switch w {
	case "\"", "'", "`", "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", "''", "``":
		return true
	}
	return false
}

// isLeadingConj reports a sentence connective that the tagger may take for
// the start of an actor ("But we agreed").
func isLeadingConj(w string) bool {
	return foldIn(w, leadingConjs)
}

var leadingConjs = []string{"but", "and", "or", "however", "meanwhile", "yet", "so", "also"}

// foldIn reports whether w is one of the lower-case words ws, ignoring
// case, without allocating.
func foldIn(w string, ws []string) bool {
	if len(w) > 16 {
		return false
	}
	for _, x := range ws {
		if len(x) == len(w) && strings.EqualFold(w, x) {
			return true
		}
	}
	return false
}

func hasTag(tags []uint8, t uint8) bool {
	for _, x := range tags {
		if x == t {
			return true
		}
	}
	return false
}

// countryOf sets sp's country from the given actors inside it, if it has
// none: the country of the first actor with one that comes before any
// preposition of the span ("Saudi Arabia 's ambassador to the United
// Kingdom" -> SAU, "British forces based in ... Vitez" -> GBR), else the
// first country among them ("the World Food Program in Afghanistan").
func countryOf(src string, toks []text.Token, sp *Span, acts []Actor) {
	if sp == nil || sp.Country != "" {
		return
	}
	// the first preposition token inside the span
	cut := sp.End
	for _, t := range toks {
		if t.Start < sp.Start || t.Start == sp.Start {
			continue
		}
		if t.End > sp.End {
			break
		}
		if isSpanPrep(src[t.Start:t.End]) {
			cut = t.Start
			break
		}
	}
	first := ""
	for _, a := range acts {
		if a.Start >= sp.End {
			break
		}
		if a.End <= sp.Start || a.Country == "" {
			continue
		}
		if a.Start < cut {
			sp.Country = a.Country
			return
		}
		if first == "" {
			first = a.Country
		}
	}
	if first != "" {
		sp.Country = first
		return
	}
	// "Authorities [in Pakistan]", "a spokesman [for the Taliban]": the
	// country of an actor within four tokens after the span, reached by
	// "in", "of", "for" or "from"
	k := 0
	for k < len(toks) && toks[k].Start < sp.End {
		k++
	}
	if k >= len(toks) {
		return
	}
	switch strings.ToLower(src[toks[k].Start:toks[k].End]) {
	case "in", "of", "for", "from":
	default:
		return
	}
	lim := toks[min(k+4, len(toks)-1)].End
	for _, a := range acts {
		if a.Start >= lim {
			break
		}
		if a.Start > toks[k].Start && a.Country != "" {
			sp.Country = a.Country
			return
		}
	}
}

// isSpanPrep reports whether w starts a modifier of an actor phrase after
// its head ("in", "of", "to", "near", ...).
func isSpanPrep(w string) bool {
	switch strings.ToLower(w) {
	case "in", "of", "to", "near", "from", "at", "for", "by", "with", "on", "based", "stationed", "held", "imprisoned", "backed", ",", "(":
		return true
	}
	return false
}

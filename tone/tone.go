package tone

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"sync"

	"github.com/diplotext/diplotext/text"
)

// Evidence is a phrase that contributed to a result: its text and byte
// offsets in the input, its weight and its kind. For Kind "lexicon" the
// weight is the phrase's signed contribution to its sentence's valence sum
// (on VADER's -4..+4 scale, after negation, intensifiers and contrast); for
// "cooperation" it is the phrase's value on the -10..+10 cooperation
// scale; for "register" it is the weight with which it signals the
// register named in Register.
type Evidence struct {
	Text     string   `json:"text"`
	Start    int      `json:"start"`
	End      int      `json:"end"`
	Weight   float64  `json:"weight"`
	Kind     string   `json:"kind"`
	Register Register `json:"register,omitzero"`
}

// RegisterScore is the evidence for one register of a text.
type RegisterScore struct {
	Register Register `json:"register"`
	// Strength is the summed weight of the register's cues: 1 for a fixed
	// phrase ("full and frank exchange of views"), less for an ambiguous
	// word, twice as much where the text characterises the talks
	// ("described the talks as frank"), half in a headline.
	Strength float64 `json:"strength"`
	// Confidence in [0, 1) is its share of all register evidence, damped
	// for thin evidence: Strength / (total strength of all registers + 1).
	Confidence float64 `json:"confidence"`
	// Sentences are up to three sentences that carry its strongest cues,
	// strongest first.
	Sentences []Span `json:"sentences"`
}

// Register selection: a register needs minRegister strength and at least
// relRegister of the dominant one's; at most maxRegisters are reported.
const (
	minRegister  = 0.6
	relRegister  = 0.4
	maxRegisters = 3
)

// SentenceTone is the tone of one sentence: its byte span in the input,
// its polarity score in [-1, 1] and the registers it signals.
type SentenceTone struct {
	Start    int        `json:"start"`
	End      int        `json:"end"`
	Score    float64    `json:"score"`
	Register []Register `json:"register,omitempty"`
}

// Result is the tone of a text.
type Result struct {
	// Score is the polarity in [-1, 1], near 0 for neutral reporting: the
	// normalised valence sum of up to three sentences, and for longer texts
	// the sum scaled to three sentences' worth (a length-normalised mean),
	// so long articles do not saturate.
	Score float64 `json:"score"`
	// Label is Score read with the Labeler's neutral band.
	Label Polarity `json:"label"`
	// Cooperation is in [-10, 10], in the spirit of the Goldstein scale:
	// positive for agreeing, meeting, praising, negotiating and aiding,
	// negative for demanding, threatening, condemning, sanctioning,
	// expelling and attacking; 0 when no such act is reported.
	Cooperation float64 `json:"cooperation"`
	// Register lists the diplomatic registers of the text, strongest
	// first: at most three, the first the dominant one, each with enough
	// evidence (see Registers).
	Register []Register `json:"register"`
	// Registers details Register: each register's strength, confidence
	// and supporting sentences, in the same order.
	Registers []RegisterScore `json:"registers"`
	// Evidence lists the strongest phrases behind the result, in text order.
	Evidence []Evidence `json:"evidence"`
	// Sentences holds the tone of every sentence, in text order.
	Sentences []SentenceTone `json:"sentences"`
}

// Target is the tone expressed toward a span of text (an actor): its byte
// offsets, a score in [-1, 1] (the probability of positive minus that of
// negative) and a label, the most probable of the three classes. The label
// never contradicts the score's sign: a positive label has a positive
// score and a negative label a negative one; a neutral label (neutral the
// most probable) may come with a score of either sign, and its magnitude
// says how the tone leans.
type Target struct {
	Start int      `json:"start"`
	End   int      `json:"end"`
	Score float64  `json:"score"`
	Label Polarity `json:"label"`
}

// Option configures a Labeler.
type Option func(*config)

type config struct {
	band        float64
	maxEvidence int
	terms       map[string]float64
	learned     bool
	err         error // the first bad option value
}

func (c *config) fail(err error) {
	if c.err == nil {
		c.err = err
	}
}

// WithNeutralBand sets the half-width of the band of scores labelled
// neutral (default 0.1): a score s is positive if s >= band, negative if
// s <= -band. NewLabeler returns an error for a band outside [0, 1) or NaN.
func WithNeutralBand(band float64) Option {
	return func(c *config) {
		if !(band >= 0 && band < 1) {
			c.fail(fmt.Errorf("tone: WithNeutralBand(%v): the band must be in [0, 1)", band))
			return
		}
		c.band = band
	}
}

// WithMaxEvidence caps the evidence of a result at the n strongest phrases
// (default 32; 0 for none). NewLabeler returns an error for a negative n.
func WithMaxEvidence(n int) Option {
	return func(c *config) {
		if n < 0 {
			c.fail(fmt.Errorf("tone: WithMaxEvidence(%d): the count must not be negative", n))
			return
		}
		c.maxEvidence = n
	}
}

// WithTerms adds or overrides lexicon terms: single lower-case tokens
// (as text.Tokenize splits them) with a valence on VADER's -4..+4 scale.
// The map is copied. NewLabeler returns an error for a valence that is NaN
// or infinite.
func WithTerms(terms map[string]float64) Option {
	return func(c *config) {
		if c.terms == nil {
			c.terms = make(map[string]float64, len(terms))
		}
		for k, v := range terms {
			c.terms[k] = v
		}
	}
}

// WithoutLearnedWeights uses the lexicons and rules alone, without the
// weights learned from rated sentences and the targeted-tone model (Toward
// then scores the lexicon valence of the clauses around the target).
func WithoutLearnedWeights() Option { return func(c *config) { c.learned = false } }

// Labeler reads the tone of texts. It is immutable and safe for concurrent
// use by multiple goroutines.
type Labeler struct {
	cfg config
	lx  *lexicon // polarity: lexicon, rules and learned valence adjustments
	// tlx feeds the targeted-tone model: lexicon and rules without the
	// learned adjustments, which were fitted partly on NewsMTSC sentences
	// and would leak their labels into the targeted model's training.
	tlx    *lexicon
	target *targetModel
	actor  *actorModel // the article-level tone toward an actor
	// words holds maps of the words Towards calls have read (see
	// targetWord), reused by later calls: what a word gives is fixed
	// by the Labeler, so a word read once is not read again.
	words sync.Pool
}

// NewLabeler returns a Labeler. With no options it uses the embedded VADER
// lexicon (MIT), the package's diplomatic lexicon and learned weights,
// labels scores within ±0.1 neutral and keeps 32 pieces of evidence. The
// embedded tables are decoded once per process. A nil option is skipped;
// an option given a value where nothing sensible follows (NaN, a negative
// count) makes NewLabeler return an error naming it.
func NewLabeler(opts ...Option) (*Labeler, error) {
	cfg := config{band: 0.1, maxEvidence: 32, learned: true}
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	if cfg.err != nil {
		return nil, cfg.err
	}
	l := &Labeler{cfg: cfg}
	var err error
	l.tlx, err = baseLexicon()
	if err != nil {
		return nil, fmt.Errorf("tone: load lexicon: %w", err)
	}
	l.lx = l.tlx
	if cfg.learned {
		l.lx, err = defaultLexicon()
		if err == nil {
			l.target, err = targetWeights()
		}
		if err == nil {
			l.actor, err = actorWeights()
		}
		if err != nil {
			return nil, fmt.Errorf("tone: load lexicon: %w", err)
		}
	}
	if len(cfg.terms) > 0 {
		for k, v := range cfg.terms {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("tone: term %q: valence %v is not finite", k, v)
			}
		}
		withTerms := func(base *lexicon) *lexicon {
			lx := base.clone()
			for k, v := range cfg.terms {
				e := lx.get(k)
				e.val, e.delta, e.hasVal = float32(v)/max(lx.scale, 1e-3), 0, v != 0
			}
			return lx
		}
		same := l.lx == l.tlx
		l.tlx = withTerms(l.tlx)
		if same {
			l.lx = l.tlx
		} else {
			l.lx = withTerms(l.lx)
		}
	}
	l.lx.index()
	l.tlx.index()
	return l, nil
}

// Label parses s and returns its tone. It accepts any bytes.
func (l *Labeler) Label(s string) (Result, error) {
	return l.LabelDocument(text.Parse(s))
}

var errNilLabeler = errors.New("tone: nil Labeler")

// LabelDocument returns the tone of a parsed document. Offsets in the
// result refer to d.Text.
func (l *Labeler) LabelDocument(d *text.Document) (Result, error) {
	if l == nil {
		return Result{}, errNilLabeler
	}
	if d == nil {
		d = &text.Document{}
	}
	if err := checkDocument(d); err != nil {
		return Result{}, err
	}
	res := Result{Register: []Register{}, Registers: []RegisterScore{}, Evidence: []Evidence{}, Sentences: make([]SentenceTone, 0, len(d.Sentences))}
	type regSent struct {
		si int
		w  float64
	}
	var regTop [numRegisters + 1][3]regSent
	var sc scratch
	var regs [numRegisters + 1]float64
	var hedge, sum, wsum, coopSum float64
	coopN, exclam := 0, 0
	ev := evidenceHeap{max: l.cfg.maxEvidence}
	headingW := headingWeight(d)
	for si, s := range d.Sentences {
		st := l.lx.analyzeSentence(d, si, &sc)
		w := sentenceWeight(s, st, headingW)
		sum += w * st.raw
		wsum += w
		exclam += st.exclam
		coopSum += st.coopSum
		coopN += st.coopN
		hedge += float64(st.hedge)
		stone := SentenceTone{Start: s.Start, End: s.End, Score: round4(st.score)}
		hw := 1.0
		if s.Heading {
			hw = headingW
		}
		for r := Register(1); r <= numRegisters; r++ {
			w := float64(st.regs[r]) * hw
			if w == 0 {
				continue
			}
			regs[r] += w
			if st.regs[r] >= 0.6 {
				stone.Register = append(stone.Register, r)
			}
			// Keep the three strongest sentences of each register.
			top := &regTop[r]
			it := regSent{si + 1, w} // si+1: 0 marks an empty slot
			for k := range top {
				if top[k].si == 0 || it.w > top[k].w {
					top[k], it = it, top[k]
					if it.si == 0 {
						break
					}
				}
			}
		}
		if st.hedge >= 0.6 && !slices.Contains(stone.Register, Hedged) {
			stone.Register = append(stone.Register, Hedged)
		}
		res.Sentences = append(res.Sentences, stone)
		for _, c := range sc.contribs {
			if c.v == 0 {
				continue
			}
			ev.push(Evidence{Start: c.start, End: c.end, Weight: round4(c.v), Kind: "lexicon"})
		}
		for _, c := range sc.cues {
			if c.kind == cueCoop {
				ev.push(Evidence{Start: c.start, End: c.end, Weight: round4(c.w), Kind: "cooperation"})
			} else {
				ev.push(Evidence{Start: c.start, End: c.end, Weight: round4(c.w), Kind: "register", Register: c.reg})
			}
		}
	}
	// Up to docSpan sentences add up like one long sentence (as VADER
	// does); beyond, the sum is scaled to docSpan sentences' worth, so a
	// long text scores like its average stretch and never saturates.
	// Exclamation marks add emphasis once per document, at most 4.
	docSum := sum / max(1, wsum/docSpan)
	if docSum != 0 && exclam > 0 {
		docSum += math.Copysign(float64(min(exclam, 4))*exclamBoost, docSum)
	}
	res.Score = round4(normalize(docSum))
	res.Label = l.polarity(res.Score)
	if coopN > 0 {
		res.Cooperation = round4(max(-10, min(10, coopSum/(float64(coopN)+0.5))))
	}
	n := float64(len(d.Sentences))
	if hedge >= 0.6 && hedge >= 0.2*n {
		regs[Hedged] = max(regs[Hedged], hedge)
	}
	var total float64
	var cands []Register
	for r := Register(1); r <= numRegisters; r++ {
		total += regs[r]
		if regs[r] >= minRegister {
			cands = append(cands, r)
		}
	}
	sort.SliceStable(cands, func(i, j int) bool { return regs[cands[i]] > regs[cands[j]] })
	for _, r := range cands {
		if len(res.Register) == maxRegisters || regs[r] < relRegister*regs[cands[0]] {
			break
		}
		rs := RegisterScore{Register: r, Strength: round4(regs[r]), Confidence: round4(regs[r] / (total + 1)), Sentences: []Span{}}
		for _, x := range regTop[r] {
			if x.si > 0 {
				s := d.Sentences[x.si-1]
				rs.Sentences = append(rs.Sentences, Span{s.Start, s.End})
			}
		}
		if r == Hedged && len(rs.Sentences) == 0 {
			// Hedging spread thinly over many sentences has no cue sentence.
			for _, st := range res.Sentences {
				if slices.Contains(st.Register, Hedged) && len(rs.Sentences) < 3 {
					rs.Sentences = append(rs.Sentences, Span{st.Start, st.End})
				}
			}
		}
		res.Register = append(res.Register, r)
		res.Registers = append(res.Registers, rs)
	}
	res.Evidence = ev.sorted()
	for i := range res.Evidence {
		e := &res.Evidence[i]
		e.Text = d.Text[e.Start:e.End]
	}
	return res, nil
}

// headingWeight is the weight of d's headings: half that of the body they
// head; a text made only of unpunctuated lines (a tweet, a headline) is all
// body.
func headingWeight(d *text.Document) float64 {
	for _, s := range d.Sentences {
		if !s.Heading {
			return 0.5
		}
	}
	return 1
}

// sentenceWeight is the weight of a sentence in its document's score.
func sentenceWeight(s text.Sentence, st sentStats, headingW float64) float64 {
	if st.words == 0 {
		return 0
	}
	if s.Heading {
		return headingW
	}
	return 1
}

// sentenceWeights appends the weight of every sentence of d to dst.
func sentenceWeights(d *text.Document, lx *lexicon, sc *scratch, dst []float64) []float64 {
	hw := headingWeight(d)
	for si, s := range d.Sentences {
		dst = append(dst, sentenceWeight(s, lx.analyzeSentence(d, si, sc), hw))
	}
	return dst
}

// docSpan is the number of sentences whose valence sums add up before a
// document's score turns into a scaled mean.
const docSpan = 3

func (l *Labeler) polarity(s float64) Polarity {
	switch {
	case s >= l.cfg.band && s > 0:
		return Positive
	case s <= -l.cfg.band && s < 0:
		return Negative
	}
	return Neutral
}

func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }

// evidenceHeap keeps the max strongest pieces of evidence in O(n log max)
// time and O(max) memory: a min-heap on strength whose root is the weakest
// piece kept. Among equally strong pieces the earlier wins.
type evidenceHeap struct {
	max   int
	seq   int
	items []heapItem
}

type heapItem struct {
	s   float64 // strength
	seq int     // push order
	e   Evidence
}

// weaker orders heap items: lower strength first, and among equals the
// later pushed first (so it is evicted first).
func weaker(a, b *heapItem) bool {
	if a.s != b.s {
		return a.s < b.s
	}
	return a.seq > b.seq
}

func strength(e Evidence) float64 {
	if e.Kind == "cooperation" {
		return math.Abs(e.Weight) / 2.5 // bring -10..10 near the -4..4 lexicon scale
	}
	return math.Abs(e.Weight)
}

func (h *evidenceHeap) push(e Evidence) {
	if h.max == 0 {
		return
	}
	it := heapItem{s: strength(e), seq: h.seq, e: e}
	h.seq++
	if len(h.items) < h.max {
		h.items = append(h.items, it)
		for i := len(h.items) - 1; i > 0; {
			p := (i - 1) / 2
			if !weaker(&h.items[i], &h.items[p]) {
				break
			}
			h.items[i], h.items[p] = h.items[p], h.items[i]
			i = p
		}
		return
	}
	if !weaker(&h.items[0], &it) {
		return
	}
	h.items[0] = it
	n := len(h.items)
	for i := 0; ; {
		m, l, r := i, 2*i+1, 2*i+2
		if l < n && weaker(&h.items[l], &h.items[m]) {
			m = l
		}
		if r < n && weaker(&h.items[r], &h.items[m]) {
			m = r
		}
		if m == i {
			break
		}
		h.items[i], h.items[m] = h.items[m], h.items[i]
		i = m
	}
}

// sorted returns the kept evidence in text order.
func (h *evidenceHeap) sorted() []Evidence {
	it := h.items
	sort.Slice(it, func(i, j int) bool {
		a, b := &it[i].e, &it[j].e
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		return it[i].seq < it[j].seq
	})
	out := make([]Evidence, len(it))
	for i := range it {
		out[i] = it[i].e
	}
	return out
}

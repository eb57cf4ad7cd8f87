package diplotext

import (
	"cmp"
	"context"
	"errors"
	"math"
	"slices"
	"unicode/utf8"

	"github.com/diplotext/diplotext/entity"
	"github.com/diplotext/diplotext/event"
	"github.com/diplotext/diplotext/lang"
	"github.com/diplotext/diplotext/text"
	"github.com/diplotext/diplotext/tone"
	"github.com/diplotext/diplotext/topic"
)

// windowBytes is the size above which a document is analysed in windows of
// whole sentences of about this many bytes, each parsed and run through
// every extractor on its own and freed before the next, so that working
// memory is bounded by the window rather than by the document (issue 16.4).
// A document of at most windowBytes bytes is analysed whole, exactly as
// before. What differs above it is listed in docs/reliability.md.
var windowBytes = 256 << 10

// nextWindow parses the window of s that starts at off and returns it as a
// document of its own (offsets relative to off) with the offset where the
// next window starts. The window ends where the last sentence starting
// within windowBytes of off begins, so that no sentence is cut; a sentence
// longer than the window is cut after its last whole token, and a token
// longer than the window at a character boundary.
func nextWindow(s string, off int) (*text.Document, int) {
	if len(s)-off <= windowBytes {
		return text.Parse(s[off:]), len(s)
	}
	chunk := s[off : off+windowBytes]
	d := text.Parse(chunk)
	if n := len(d.Sentences); n > 1 && d.Sentences[n-1].Start > 0 {
		last := d.Sentences[n-1]
		return truncate(d, last.Start, n-1, last.First), off + last.Start
	}
	// one sentence fills the window: cut it after its last token that
	// ends before the window does (the one touching the end may go on)
	if k := len(d.Tokens) - 1; k > 0 && d.Tokens[k].Start > 0 && d.Tokens[k-1].End <= d.Tokens[k].Start {
		cut := d.Tokens[k-1].End
		doc := truncate(d, cut, 1, k)
		doc.Sentences[0].End = min(doc.Sentences[0].End, cut)
		doc.Sentences[0].Last = k
		return doc, off + d.Tokens[k].Start
	}
	// one token fills the window (no space, no punctuation)
	cut := len(chunk)
	for cut > 1 && !utf8.RuneStart(s[off+cut]) && len(chunk)-cut < utf8.UTFMax {
		cut--
	}
	return text.Parse(chunk[:cut]), off + cut
}

// Windows calls fn for each window of s, in text order, as [Analyzer.Analyze]
// splits a document longer than 256 KB: a document parsed on its own of
// whole sentences (a sentence longer than the window cut after its last
// whole token, a token longer than it at a character boundary), with
// offsets relative to the window, and off, the offset of its start in s.
// The windows tile s. A text of at most 256 KB is one window, the text
// parsed whole. Each window is parsed when it is reached and may be
// dropped once fn returns, so a caller that keeps only what it needs of
// each holds one window's tokens at a time. An error from fn stops the
// walk and is returned.
func Windows(s string, fn func(d *text.Document, off int) error) error {
	if fn == nil {
		return errors.New("diplotext: Windows: nil func")
	}
	if len(s) <= windowBytes {
		return fn(text.Parse(s), 0)
	}
	for off := 0; off < len(s); {
		d, next := nextWindow(s, off)
		if err := fn(d, off); err != nil {
			return err
		}
		off = next
	}
	return nil
}

// truncate keeps the text d.Text[:end], the first sentences sentences and
// the first tokens tokens of d (with their folded forms, hashes and shapes).
func truncate(d *text.Document, end, sentences, tokens int) *text.Document {
	out := &text.Document{
		Text:      d.Text[:end],
		Tokens:    d.Tokens[:tokens:tokens],
		Sentences: d.Sentences[:sentences:sentences],
	}
	if len(d.Folded) >= tokens {
		out.Folded = d.Folded[:tokens:tokens]
	}
	if len(d.Hashes) >= tokens {
		out.Hashes = d.Hashes[:tokens:tokens]
	}
	if len(d.Shapes) >= tokens {
		out.Shapes = d.Shapes[:tokens:tokens]
	}
	return out
}

// analyzeWindowed is Analyze for a document longer than windowBytes: the
// language is read from the text (lang reads only its first bytes), each
// window is parsed and analysed on its own and the window reports are
// merged, with offsets shifted into the document.
//
// When emit is not nil, each entity (shifted into the document, its tone
// included) is handed to emit as its window is merged, in text order, and
// not kept: the report's Entities stay empty. emit gets the report with
// its ID and Language set.
func (a *Analyzer) analyzeWindowed(ctx context.Context, in Input, rep Report, emit entitySink) (Report, error) {
	rep.Language, _ = lang.Detect(in.Text)
	english := a.cfg.anyLanguage || rep.Language == "" || rep.Language == lang.English
	if !english && len(in.Targets) > 0 {
		return Report{}, errTargetsLanguage(rep.Language)
	}
	if english {
		m := merger{emit: emit, head: &rep}
		sentences := 0
		// from[i] is where target i is still to be read: its start, or the
		// start of the next window when it crosses a window's end where
		// that window holds none of its tokens
		from := make([]int, len(in.Targets))
		for i, t := range in.Targets {
			from[i] = t.Start
		}
		for off := 0; off < len(in.Text); {
			if err := ctx.Err(); err != nil {
				return Report{}, err
			}
			doc, next := nextWindow(in.Text, off)
			var targets []Span
			var which []targetRef
			for i, t := range in.Targets {
				if from[i] < off || from[i] >= next {
					continue
				}
				sp := Span{Start: from[i] - off, End: min(t.End, next) - off}
				if t.End > next {
					if k := doc.TokenAt(sp.Start); k >= len(doc.Tokens) || doc.Tokens[k].Start >= sp.End {
						from[i] = next // nothing of it here: read it in the next window
						continue
					}
				}
				targets = append(targets, sp)
				which = append(which, targetRef{i, t.Start, t.End})
			}
			w := Report{Entities: []Entity{}, Topics: []topic.Topic{}, Events: []event.Event{}, Actors: []Actor{}}
			if err := a.extract(ctx, doc, targets, &w); err != nil {
				return Report{}, err
			}
			if err := m.add(&w, off, sentences, which); err != nil {
				return Report{}, err
			}
			sentences += len(doc.Sentences)
			off = next
		}
		m.finish(&rep, len(in.Targets), a.cfg.events != nil)
	}
	if a.cfg.index == nil {
		return rep, nil
	}
	// the dedupe index reads tokens and sentences: a document without the
	// per-token folded forms costs a third of a parsed one
	doc := &text.Document{Text: in.Text}
	doc.Tokens = text.Tokenize(in.Text, nil)
	doc.Sentences = text.SplitSentences(in.Text, doc.Tokens, nil)
	return a.dedupe(ctx, in.ID, doc, rep)
}

// entitySink takes the entities of a document analysed in windows, one by
// one, instead of the report; head is the report being built, with its ID
// and Language set.
type entitySink func(head *Report, e *Entity) error

// merger gathers the window reports of one document.
type merger struct {
	rep      Report
	emit     entitySink // when set, entities go here, not into rep
	entities [][]Entity // the windows' entities, shifted (without emit)
	head     *Report    // what emit is given
	targets  map[int]tone.Target
	windows  []windowTone
	topics   map[string]int // topic ID -> index in rep.Topics
	actors   map[actorKey]int
	actorSum []float64 // mention-weighted tone sums, by actor
	haveTone bool
}

type actorKey struct {
	name string
	typ  entity.Type
}

// windowTone is what merging keeps of one window's document tone.
type windowTone struct {
	score float64
	label tone.Polarity
	n     int // sentences
	coop  float64
}

// targetRef is a target of the input read in a window: its index and span.
type targetRef struct {
	i          int
	Start, End int
}

func (m *merger) add(w *Report, off, sentences int, which []targetRef) error {
	for i := range w.Entities {
		e := &w.Entities[i]
		e.Start += off
		e.End += off
		if e.Tone != nil { // owned by this window's report: shift in place
			e.Tone.Start += off
			e.Tone.End += off
		}
		if m.emit != nil {
			if err := m.emit(m.head, e); err != nil {
				return err
			}
		}
	}
	if m.emit == nil && len(w.Entities) > 0 {
		// kept per window and joined once in finish: appending to one
		// slice would double its capacity as it grows, holding up to
		// three times the entities while it copies
		m.entities = append(m.entities, w.Entities)
	}
	if m.topics == nil {
		m.topics = map[string]int{}
		m.actors = map[actorKey]int{}
		m.targets = map[int]tone.Target{}
	}
	// a topic's score is that of its strongest window, as a trained
	// model's is that of its strongest passage
	for _, t := range w.Topics {
		t = t.Shifted(off)
		if i, ok := m.topics[t.ID]; !ok {
			m.topics[t.ID] = len(m.rep.Topics)
			m.rep.Topics = append(m.rep.Topics, t)
		} else if t.Score > m.rep.Topics[i].Score {
			m.rep.Topics[i] = t
		}
	}
	if w.Foreign != nil && (m.rep.Foreign == nil || w.Foreign.Score > m.rep.Foreign.Score) {
		f := *w.Foreign
		m.rep.Foreign = &f
	}
	if w.Tone != nil {
		m.addTone(w.Tone, off)
	}
	for k, t := range w.Targets {
		if k < len(which) {
			// the tone read in the window, reported on the whole target
			t.Start, t.End = which[k].Start, which[k].End
			m.targets[which[k].i] = t
		}
	}
	for _, ev := range w.Events {
		ev.Trigger.Start += off
		ev.Trigger.End += off
		ev.Source = shiftSpan(ev.Source, off)
		ev.Target = shiftSpan(ev.Target, off)
		ev.Sentence += sentences
		m.rep.Events = append(m.rep.Events, ev)
	}
	for _, act := range w.Actors {
		k := actorKey{act.Canonical, act.Type}
		i, ok := m.actors[k]
		if !ok {
			i = len(m.rep.Actors)
			m.actors[k] = i
			first := act
			first.Mentions = 0
			if act.Tone != nil {
				first.Tone = &ActorTone{Evidence: []tone.SentenceTone{}}
			}
			m.rep.Actors = append(m.rep.Actors, first)
			m.actorSum = append(m.actorSum, 0)
		}
		dst := &m.rep.Actors[i]
		if dst.Country == "" {
			dst.Country = act.Country
		}
		if dst.ID == "" {
			dst.ID = act.ID
		}
		if dst.Role == "" {
			dst.Role = act.Role
		}
		if act.Tone != nil && dst.Tone != nil {
			m.actorSum[i] += act.Tone.Score * float64(act.Mentions)
			for _, ev := range act.Tone.Evidence {
				ev.Start += off
				ev.End += off
				dst.Tone.Evidence = append(dst.Tone.Evidence, ev)
			}
		}
		dst.Mentions += act.Mentions
	}
	return nil
}

func shiftSpan(s *event.Span, off int) *event.Span {
	if s == nil {
		return nil
	}
	c := *s
	c.Start += off
	c.End += off
	return &c
}

func (m *merger) addTone(t *tone.Result, off int) {
	if !m.haveTone {
		m.haveTone = true
		m.rep.Tone = &tone.Result{Register: []tone.Register{}, Registers: []tone.RegisterScore{}, Evidence: []tone.Evidence{}, Sentences: []tone.SentenceTone{}}
	}
	r := m.rep.Tone
	m.windows = append(m.windows, windowTone{score: t.Score, label: t.Label, n: max(len(t.Sentences), 1), coop: t.Cooperation})
	for _, s := range t.Sentences {
		s.Start += off
		s.End += off
		r.Sentences = append(r.Sentences, s)
	}
	for _, e := range t.Evidence {
		e.Start += off
		e.End += off
		r.Evidence = append(r.Evidence, e)
	}
	n := float64(max(len(t.Sentences), 1))
	for _, rs := range t.Registers {
		i := slices.IndexFunc(r.Registers, func(x tone.RegisterScore) bool { return x.Register == rs.Register })
		if i < 0 {
			r.Registers = append(r.Registers, tone.RegisterScore{Register: rs.Register, Sentences: []tone.Span{}})
			i = len(r.Registers) - 1
		}
		dst := &r.Registers[i]
		// Strength is summed weighted by sentences here, divided in finish
		dst.Strength += rs.Strength * n
		dst.Confidence = max(dst.Confidence, rs.Confidence)
		for _, sp := range rs.Sentences {
			dst.Sentences = append(dst.Sentences, tone.Span{Start: sp.Start + off, End: sp.End + off})
		}
	}
	for _, g := range t.Register {
		if !slices.Contains(r.Register, g) {
			r.Register = append(r.Register, g)
		}
	}
}

// finish writes the merged parts into rep.
func (m *merger) finish(rep *Report, ntargets int, events bool) {
	// the merged slices become the report's (no copy: a copy would hold
	// the largest part of the report twice)
	if len(m.entities) > 0 {
		n := 0
		for _, es := range m.entities {
			n += len(es)
		}
		rep.Entities = make([]Entity, 0, n)
		for i, es := range m.entities {
			rep.Entities = append(rep.Entities, es...)
			m.entities[i] = nil // the window's copy may go
		}
		m.entities = nil
	}
	slices.SortStableFunc(m.rep.Topics, func(x, y topic.Topic) int { return cmp.Compare(y.Score, x.Score) })
	if m.rep.Topics != nil {
		rep.Topics = m.rep.Topics
	}
	rep.Foreign = m.rep.Foreign
	if m.rep.Events != nil {
		rep.Events = m.rep.Events
	}
	if len(rep.Events) > 0 {
		rep.Dyads = event.Summarize(rep.Events).Dyads
	}
	if ntargets > 0 && len(m.targets) > 0 {
		rep.Targets = make([]tone.Target, ntargets)
		for i, t := range m.targets {
			rep.Targets[i] = t
		}
	}
	if r := m.rep.Tone; r != nil {
		total, sum := 0, 0.0
		for _, w := range m.windows {
			total += w.n
			sum += w.score * float64(w.n)
		}
		r.Score = round4(sum / float64(total))
		r.Label = labelLike(r.Score, m.windows)
		for i := range r.Registers {
			r.Registers[i].Strength = round4(r.Registers[i].Strength / float64(total))
			if len(r.Registers[i].Sentences) > 3 {
				r.Registers[i].Sentences = r.Registers[i].Sentences[:3]
			}
		}
		slices.SortStableFunc(r.Registers, func(x, y tone.RegisterScore) int { return cmp.Compare(y.Strength, x.Strength) })
		// the registers named are those some window named, strongest first
		named := r.Register
		r.Register = []tone.Register{}
		for _, rs := range r.Registers {
			if slices.Contains(named, rs.Register) && len(r.Register) < 3 {
				r.Register = append(r.Register, rs.Register)
			}
		}
		if events {
			r.Cooperation = event.Cooperation(rep.Events)
		} else {
			coop := 0.0
			for _, w := range m.windows {
				coop += w.coop * float64(w.n)
			}
			r.Cooperation = round4(coop / float64(total))
		}
		rep.Tone = r
	}
	for i := range m.rep.Actors {
		act := m.rep.Actors[i]
		if act.Tone != nil {
			act.Tone.Score = round4(m.actorSum[i] / float64(max(act.Mentions, 1)))
			act.Tone.Label = labelLike(act.Tone.Score, m.windows)
			slices.SortStableFunc(act.Tone.Evidence, func(x, y tone.SentenceTone) int {
				return cmp.Compare(math.Abs(y.Score), math.Abs(x.Score))
			})
			if len(act.Tone.Evidence) > 3 {
				act.Tone.Evidence = act.Tone.Evidence[:3]
			}
		}
		rep.Actors = append(rep.Actors, act)
	}
	slices.SortStableFunc(rep.Actors, func(x, y Actor) int { return cmp.Compare(y.Mentions, x.Mentions) })
}

// labelLike labels score s as the labeler labelled the windows' scores:
// the neutral band b (not exported by tone) lies at or below the smallest
// score labelled positive or negative and above the largest labelled
// neutral; where the windows do not tell, tone's default band 0.1 is used.
func labelLike(s float64, windows []windowTone) tone.Polarity {
	a := math.Abs(s)
	lo, hi := 0.0, math.Inf(1) // the band is in (lo, hi]
	for _, w := range windows {
		if w.label == tone.Neutral {
			lo = max(lo, math.Abs(w.score))
		} else {
			hi = min(hi, math.Abs(w.score))
		}
	}
	band := 0.1
	if band <= lo || band > hi {
		band = hi
		if math.IsInf(hi, 1) {
			band = math.Nextafter(lo, 1)
		}
	}
	switch {
	case a >= band && s > 0:
		return tone.Positive
	case a >= band && s < 0:
		return tone.Negative
	}
	return tone.Neutral
}

func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }

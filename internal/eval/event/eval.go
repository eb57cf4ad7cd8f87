// Package eval scores package event on coded sentences in the formats of
// the shared CAMEO data (cameo-events): "sentence<TAB>class" lines with the
// classes 0-4, and "token tag" lines in BIO form with S (source), T (target)
// and R (reciprocal) actors, sentences separated by blank lines. It also
// holds the training recipe of the embedded model, so that the go generate
// program and the cross-validation use the same one.
//
// It is development tooling: package event does not import it.
package eval

import (
	"bufio"
	"errors"
	"fmt"
	"github.com/diplotext/diplotext/internal/eval/stats"
	"hash/fnv"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"github.com/diplotext/diplotext/event"
)

// ReadClasses reads "sentence<TAB>class" lines (CRLF or LF) with classes 0..4
// in the order of event.Classes.
func ReadClasses(r io.Reader, name string) ([]event.Example, error) {
	var out []event.Example
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<24)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		i := strings.LastIndexByte(line, '\t')
		if i < 0 {
			return nil, fmt.Errorf("%s:%d: no tab", name, n)
		}
		k, err := strconv.Atoi(strings.TrimSpace(line[i+1:]))
		if err != nil || k < 0 || k >= len(event.Classes) {
			return nil, fmt.Errorf("%s:%d: class %q is not 0..4", name, n, line[i+1:])
		}
		out = append(out, event.Example{Text: line[:i], Class: event.Classes[k]})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}

// ReadActors reads "token tag" lines (BIO with S, T, R), sentences separated
// by blank lines. The sentence text is its tokens joined by single spaces;
// the spans are byte offsets into it.
func ReadActors(r io.Reader, name string) ([]event.Example, error) {
	var out []event.Example
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<24)
	var b strings.Builder
	var spans []event.LabeledSpan
	open := -1
	n := 0
	flush := func() {
		if open >= 0 {
			spans[open].End = b.Len()
			open = -1
		}
		if b.Len() > 0 {
			out = append(out, event.Example{Text: b.String(), Actors: spans, Spans: true})
		}
		b.Reset()
		spans = nil
	}
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" {
			flush()
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		if i <= 0 {
			return nil, fmt.Errorf("%s:%d: want \"token tag\"", name, n)
		}
		tok, tag := line[:i], line[i+1:]
		closeOpen := func() {
			if open >= 0 {
				spans[open].End = b.Len()
				open = -1
			}
		}
		if tag == "O" || strings.HasPrefix(tag, "B-") {
			closeOpen()
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		start := b.Len()
		b.WriteString(tok)
		switch {
		case tag == "O":
		case len(tag) == 3 && (tag[0] == 'B' || tag[0] == 'I') && tag[1] == '-':
			var role event.Role
			switch tag[2] {
			case 'S':
				role = event.Source
			case 'T':
				role = event.Target
			case 'R':
				role = event.Reciprocal
			default:
				return nil, fmt.Errorf("%s:%d: unknown tag %q", name, n, tag)
			}
			if tag[0] == 'B' || open < 0 || spans[open].Role != role {
				closeOpen()
				spans = append(spans, event.LabeledSpan{Start: start, Role: role})
				open = len(spans) - 1
			}
		default:
			return nil, fmt.Errorf("%s:%d: unknown tag %q", name, n, tag)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	flush()
	return out, nil
}

// ReadFile reads a file in either format, chosen by its first non-empty
// line (a tab: classes; otherwise tokens and tags).
func ReadFile(path string) ([]event.Example, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	s := string(data)
	first := strings.TrimLeft(s, "\r\n")
	if i := strings.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	if strings.Contains(first, "\t") {
		return ReadClasses(strings.NewReader(s), path)
	}
	return ReadActors(strings.NewReader(s), path)
}

// Key is the grouping key of a sentence: its letters and digits, lower-cased,
// so that a sentence coded in both files falls in the same fold whatever its
// tokenisation.
func Key(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// Fold returns the fold (0..k-1) of a sentence, from its Key.
func Fold(s string, k int) int {
	h := fnv.New32a()
	h.Write([]byte(Key(s)))
	return int(h.Sum32() % uint32(k))
}

// Report holds the scores of a run.
type Report struct {
	Sentences     int       `json:"sentences"`      // class-coded sentences scored
	MacroF1       float64   `json:"macro_f1"`       // five-class macro-F1
	Accuracy      float64   `json:"accuracy"`       // five-class accuracy
	ClassF1       []float64 `json:"class_f1"`       // per class, in event.Classes order
	Spearman      float64   `json:"spearman"`       // main Goldstein value against the class order
	SignAccuracy  float64   `json:"sign_accuracy"`  // on cooperative and conflictual sentences
	SignSentences int       `json:"sign_sentences"` // how many
	Confusion     [5][5]int `json:"confusion"`      // [gold][predicted]
	SpanSentences int       `json:"span_sentences"` // actor-coded sentences scored
	Source        PRF       `json:"source"`         // exact-span source F1
	Target        PRF       `json:"target"`         // exact-span target F1
	Reciprocal    PRF       `json:"reciprocal"`     // exact-span reciprocal F1
	SourceOverlap PRF       `json:"source_overlap"` // a predicted span overlapping a gold one of its role counts
	TargetOverlap PRF       `json:"target_overlap"`
	// GivenSource and GivenTarget score the roles chosen when the gold
	// source and target spans are passed as candidate actors (the path
	// of the root package, which passes entity mentions).
	GivenSource PRF `json:"given_source"`
	GivenTarget PRF `json:"given_target"`
	// CountryActors counts the coded source and target spans that hold a
	// given actor with a country (WithActors); CountryFound those whose
	// overlapping event actor has that country; CountryMisses lists the
	// others ("span: want XXX, got YYY").
	// CountryOverlapped counts those with an overlapping event actor of
	// any country (the others are role misses, not country misses);
	// CountryByType splits the counts by the mention's type: [actors,
	// overlapped, found].
	CountryOverlapped int               `json:"country_overlapped,omitempty"`
	CountryByType     map[string][3]int `json:"country_by_type,omitempty"`
	CountryActors     int               `json:"country_actors,omitempty"`
	CountryFound      int               `json:"country_found,omitempty"`
	CountryRate       float64           `json:"country_rate,omitempty"`
	CountryMisses     []string          `json:"country_misses,omitempty"`
	Folds             int               `json:"folds,omitempty"` // 0: no cross-validation
	// TargetErrors counts the target outcomes of the actor-coded
	// sentences by kind (see [TargetKinds]); TargetDump lists each
	// sentence that is not exact, "kind<TAB>sentence<TAB>gold<TAB>predicted<TAB>trigger"
	// with the spans in brackets.
	TargetErrors map[string]int `json:"target_errors,omitempty"`
	TargetDump   []string       `json:"-"`
	Predictions  []Prediction   `json:"-"`
}

// Prediction is the main event read for one class-coded sentence.
type Prediction struct {
	Gold, Pred event.Class
	Goldstein  float64
	Score      float64 // the main event's score (0 when there is none)
}

// MinScoreRow holds the class figures when events scoring below MinScore are
// dropped (their sentences then count as statement, Goldstein 0).
type MinScoreRow struct {
	MinScore     float64 `json:"min_score"`
	MacroF1      float64 `json:"macro_f1"`
	Spearman     float64 `json:"spearman"`
	SignAccuracy float64 `json:"sign_accuracy"`
	Kept         float64 `json:"kept"` // share of sentences that keep an event
}

// SweepMinScores scores the predictions of r (made without a minimum score)
// under each minimum score of ts.
func SweepMinScores(r Report, ts []float64) []MinScoreRow {
	var out []MinScoreRow
	for _, t := range ts {
		ps := make([]Prediction, len(r.Predictions))
		kept := 0
		for i, p := range r.Predictions {
			if p.Score < t || p.Score == 0 {
				p.Pred, p.Goldstein = event.Statement, 0
			} else {
				kept++
			}
			ps[i] = p
		}
		var s scorer
		s.r.Predictions = ps
		q := s.finish()
		row := MinScoreRow{MinScore: t, MacroF1: q.MacroF1, Spearman: q.Spearman, SignAccuracy: q.SignAccuracy}
		if len(ps) > 0 {
			row.Kept = float64(kept) / float64(len(ps))
		}
		out = append(out, row)
	}
	return out
}

// PRF is precision, recall and F1 with their counts.
type PRF struct {
	P, R, F1          float64
	TP, Pred, Correct int
}

func (p *PRF) finish() {
	if p.Pred > 0 {
		p.P = float64(p.TP) / float64(p.Pred)
	}
	if p.Correct > 0 {
		p.R = float64(p.TP) / float64(p.Correct)
	}
	if p.P+p.R > 0 {
		p.F1 = 2 * p.P * p.R / (p.P + p.R)
	}
}

// Main returns the main event of a sentence: the one with the highest score,
// or the zero event (statement, Goldstein 0) when there is none.
func Main(evs []event.Event) event.Event {
	if len(evs) == 0 {
		return event.Event{Class: event.Statement}
	}
	b := evs[0]
	for _, e := range evs[1:] {
		if e.Score > b.Score {
			b = e
		}
	}
	return b
}

// ActorFunc returns the candidate actors of a sentence, e.g. the mentions
// of an entity tagger (the root package's path).
type ActorFunc func(sentence string) ([]event.Actor, error)

// RunOption configures [Score] and [CrossValidate].
type RunOption func(*scorer)

// WithActors makes the span scores read the events found with the actors
// that f gives for each sentence instead of none; phrases widens each
// chosen actor to the extractor's own span ([event.WithActorPhrases]).
// Sentences whose actors include a country (by f) are also scored for
// the actor-country rate.
func WithActors(f ActorFunc, phrases bool) RunOption {
	return func(s *scorer) { s.actors, s.phrases = f, phrases }
}

// scorer accumulates one run.
type scorer struct {
	actors       ActorFunc
	phrases      bool
	r            Report
	src, tgt, rc PRF
	srcOv, tgtOv PRF
	gSrc, gTgt   PRF
}

func (s *scorer) class(x *event.Extractor, ex event.Example) error {
	evs, err := x.Extract(ex.Text)
	if err != nil {
		return err
	}
	m := Main(evs)
	s.r.Predictions = append(s.r.Predictions, Prediction{Gold: ex.Class, Pred: m.Class, Goldstein: m.Goldstein, Score: m.Score})
	return nil
}

func (s *scorer) spans(x *event.Extractor, ex event.Example) error {
	var acts []event.Actor
	if s.actors != nil {
		var err error
		if acts, err = s.actors(ex.Text); err != nil {
			return fmt.Errorf("eval: actors: %w", err)
		}
		s.countries(x, ex, acts)
	}
	evs, err := x.Extract(ex.Text, acts...)
	if err != nil {
		return err
	}
	s.r.SpanSentences++
	gold := map[[2]int]event.Role{}
	for _, sp := range ex.Actors {
		gold[[2]int{sp.Start, sp.End}] = sp.Role
		switch sp.Role {
		case event.Source:
			s.src.Correct++
		case event.Target:
			s.tgt.Correct++
		case event.Reciprocal:
			s.rc.Correct++
		}
	}
	for _, sp := range ex.Actors {
		switch sp.Role {
		case event.Source:
			s.srcOv.Correct++
		case event.Target:
			s.tgtOv.Correct++
		}
	}
	score := func(p *PRF, sp *event.Span, role event.Role) {
		if sp == nil {
			return
		}
		p.Pred++
		if gold[[2]int{sp.Start, sp.End}] == role {
			p.TP++
		}
		ov := &s.srcOv
		if role == event.Target {
			ov = &s.tgtOv
		} else if role != event.Source {
			return
		}
		ov.Pred++
		for _, g := range ex.Actors {
			if g.Role == role && g.Start < sp.End && sp.Start < g.End {
				ov.TP++
				break
			}
		}
	}
	// the same sentence with the gold source and target spans given
	var given []event.Actor
	for _, sp := range ex.Actors {
		if sp.Role == event.Source || sp.Role == event.Target {
			given = append(given, event.Actor{Start: sp.Start, End: sp.End})
			if sp.Role == event.Source {
				s.gSrc.Correct++
			} else {
				s.gTgt.Correct++
			}
		}
	}
	if len(given) > 0 {
		gev, err := x.Extract(ex.Text, given...)
		if err != nil {
			return err
		}
		for _, e := range gev {
			if e.Reciprocal {
				continue
			}
			for _, c := range []struct {
				p    *PRF
				sp   *event.Span
				role event.Role
			}{{&s.gSrc, e.Source, event.Source}, {&s.gTgt, e.Target, event.Target}} {
				if c.sp == nil {
					continue
				}
				c.p.Pred++
				if gold[[2]int{c.sp.Start, c.sp.End}] == c.role {
					c.p.TP++
				}
			}
		}
	}
	s.targetError(ex, evs)
	for _, e := range evs {
		if e.Reciprocal {
			score(&s.rc, e.Source, event.Reciprocal)
			score(&s.rc, e.Target, event.Reciprocal)
			continue
		}
		score(&s.src, e.Source, event.Source)
		score(&s.tgt, e.Target, event.Target)
		for i := range e.Also {
			a := &e.Also[i]
			if a.Role == event.Source {
				score(&s.src, &a.Span, event.Source)
			} else {
				score(&s.tgt, &a.Span, event.Target)
			}
		}
	}
	return nil
}

func (s *scorer) finish() Report {
	r := s.r
	r.Sentences = len(r.Predictions)
	var gx, px []float64
	correct, signN, signOK := 0, 0, 0
	for _, p := range r.Predictions {
		gi, pi := classIndex(p.Gold), classIndex(p.Pred)
		if gi >= 0 && pi >= 0 {
			r.Confusion[gi][pi]++
		}
		if gi == pi {
			correct++
		}
		gx = append(gx, float64(p.Gold.Rank()))
		px = append(px, p.Goldstein)
		switch p.Gold {
		case event.VerbalCooperation, event.MaterialCooperation:
			signN++
			if p.Goldstein > 0 {
				signOK++
			}
		case event.VerbalConflict, event.MaterialConflict:
			signN++
			if p.Goldstein < 0 {
				signOK++
			}
		}
	}
	r.ClassF1 = make([]float64, len(event.Classes))
	for k := range event.Classes {
		tp, pred, gold := r.Confusion[k][k], 0, 0
		for j := range event.Classes {
			pred += r.Confusion[j][k]
			gold += r.Confusion[k][j]
		}
		var p, rc float64
		if pred > 0 {
			p = float64(tp) / float64(pred)
		}
		if gold > 0 {
			rc = float64(tp) / float64(gold)
		}
		if p+rc > 0 {
			r.ClassF1[k] = 2 * p * rc / (p + rc)
		}
		r.MacroF1 += r.ClassF1[k] / float64(len(event.Classes))
	}
	if r.Sentences > 0 {
		r.Accuracy = float64(correct) / float64(r.Sentences)
	}
	r.Spearman = stats.Spearman(gx, px)
	r.SignSentences = signN
	if signN > 0 {
		r.SignAccuracy = float64(signOK) / float64(signN)
	}
	s.src.finish()
	s.tgt.finish()
	s.rc.finish()
	s.srcOv.finish()
	s.tgtOv.finish()
	r.Source, r.Target, r.Reciprocal = s.src, s.tgt, s.rc
	r.SourceOverlap, r.TargetOverlap = s.srcOv, s.tgtOv
	s.gSrc.finish()
	s.gTgt.finish()
	r.GivenSource, r.GivenTarget = s.gSrc, s.gTgt
	if r.CountryActors > 0 {
		r.CountryRate = float64(r.CountryFound) / float64(r.CountryActors)
	}
	return r
}

func classIndex(c event.Class) int {
	for i, k := range event.Classes {
		if k == c {
			return i
		}
	}
	return -1
}

// Score runs x over the examples (no training): class-coded examples are
// scored for the class, actor-coded ones for the spans.
func Score(x *event.Extractor, examples []event.Example, opts ...RunOption) (Report, error) {
	var s scorer
	for _, o := range opts {
		o(&s)
	}
	for _, ex := range examples {
		if ex.Class != "" {
			if err := s.class(x, ex); err != nil {
				return Report{}, err
			}
		}
		if ex.Spans {
			if err := s.spans(x, ex); err != nil {
				return Report{}, err
			}
		}
	}
	return s.finish(), nil
}

// Options returns the extractor options used in evaluation: every sentence
// gives its main event, with or without actors, as the held-out protocol
// wants ("none means statement"), and no minimum score, so that
// [SweepMinScores] can apply any.
func Options(m *event.Model) []event.Option {
	return []event.Option{event.WithModel(m), event.WithoutActorsRequired(), event.WithMinScore(0)}
}

// CrossValidate trains on k-1 folds and scores the k-th, for every fold,
// folds grouped by sentence (Key), and returns the pooled scores.
func CrossValidate(examples []event.Example, k int, cfg *event.TrainConfig, opts ...RunOption) (Report, error) {
	if k < 2 {
		return Report{}, fmt.Errorf("eval: %d folds: want at least 2", k)
	}
	var s scorer
	for _, o := range opts {
		o(&s)
	}
	folds := make([]int, len(examples))
	for i, ex := range examples {
		folds[i] = Fold(ex.Text, k)
	}
	for f := 0; f < k; f++ {
		var train []event.Example
		for i, ex := range examples {
			if folds[i] != f {
				train = append(train, ex)
			}
		}
		m, err := event.Train(train, cfg)
		if err != nil {
			return Report{}, fmt.Errorf("eval: fold %d: %w", f, err)
		}
		x, err := event.New(s.options(m)...)
		if err != nil {
			return Report{}, err
		}
		for i, ex := range examples {
			if folds[i] != f {
				continue
			}
			if ex.Class != "" {
				if err := s.class(x, ex); err != nil {
					return Report{}, err
				}
			}
			if ex.Spans {
				if err := s.spans(x, ex); err != nil {
					return Report{}, err
				}
			}
		}
	}
	r := s.finish()
	r.Folds = k
	return r, nil
}

// Shared file names in the cameo-events folder.
const (
	ClassFile = "cameo_class_train.tsv"
	ActorFile = "cameo_actors_train.txt"
)

// LoadShared reads both coded files of the cameo-events folder dir: the
// training set of the embedded model and of the cross-validation.
func LoadShared(dir string) ([]event.Example, error) {
	a, err := ReadFile(dir + "/" + ClassFile)
	if err != nil {
		return nil, err
	}
	b, err := ReadFile(dir + "/" + ActorFile)
	if err != nil {
		return nil, err
	}
	return append(a, b...), nil
}

// ChunkFile is the chunked corpus of the chunker the target span model
// reads: CoNLL-2003 eng.train in the conll2003 folder beside cameo-events.
const ChunkFile = "conll2003/eng.train"

// ReadChunks reads CoNLL-2003 lines ("token POS chunk NER", sentences
// separated by blank lines, -DOCSTART- lines skipped) as chunker training
// sentences: each word's noun phrase tag from the chunk column (B-NP, I-NP;
// every other chunk is outside).
func ReadChunks(r io.Reader, name string) ([]event.ChunkSentence, error) {
	var out []event.ChunkSentence
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<24)
	var cur event.ChunkSentence
	flush := func() {
		if len(cur.Words) > 0 {
			out = append(out, cur)
		}
		cur = event.ChunkSentence{}
	}
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" {
			flush()
			continue
		}
		f := strings.Fields(line)
		if len(f) < 3 {
			return nil, fmt.Errorf("%s:%d: want \"token POS chunk ...\"", name, n)
		}
		if f[0] == "-DOCSTART-" {
			continue
		}
		t := byte('O')
		switch f[2] {
		case "B-NP":
			t = 'B'
		case "I-NP":
			t = 'I'
		}
		cur.Words = append(cur.Words, f[0])
		cur.Tags = append(cur.Tags, t)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	flush()
	return out, nil
}

// Config returns the training configuration of the embedded model for the
// cameo-events folder dir: the chunker's corpus from the conll2003 folder
// beside it. Without that folder the chunker is left untrained (an
// error is returned only for a file that exists and cannot be read).
func Config(dir string) (*event.TrainConfig, error) {
	p := filepath.Join(filepath.Dir(filepath.Clean(dir)), ChunkFile)
	f, err := os.Open(p)
	if errors.Is(err, fs.ErrNotExist) {
		return &event.TrainConfig{}, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	cs, err := ReadChunks(f, p)
	if err != nil {
		return nil, err
	}
	return &event.TrainConfig{Chunks: cs}, nil
}

// options returns the extractor options of a run over model m.
func (s *scorer) options(m *event.Model) []event.Option {
	o := Options(m)
	if s.phrases {
		o = append(o, event.WithActorPhrases())
	}
	return o
}

// countries scores the actor-country rate of one actor-coded sentence: for
// each coded source or target span holding a given actor with a country
// (the first such actor), whether the event's actor of that role that
// overlaps the span has the same country.
func (s *scorer) countries(x *event.Extractor, ex event.Example, acts []event.Actor) {
	evs, err := x.Extract(ex.Text, acts...)
	if err != nil {
		return
	}
	for _, g := range ex.Actors {
		if g.Role != event.Source && g.Role != event.Target {
			continue
		}
		want, typ := "", ""
		for _, a := range acts {
			if a.Country != "" && a.Start < g.End && g.Start < a.End {
				want, typ = a.Country, a.Type
				break
			}
		}
		if want == "" {
			continue
		}
		if s.r.CountryByType == nil {
			s.r.CountryByType = map[string][3]int{}
		}
		bt := s.r.CountryByType[typ]
		bt[0]++
		s.r.CountryActors++
		got, over := "", false
		for _, e := range evs {
			for _, sp := range actorSpans(e) {
				if sp != nil && !over && sp.Start < g.End && g.Start < sp.End {
					got, over = sp.Country, true
				}
			}
		}
		if over {
			s.r.CountryOverlapped++
			bt[1]++
		}
		if got == want {
			s.r.CountryFound++
			bt[2]++
			s.r.CountryByType[typ] = bt
			continue
		}
		s.r.CountryByType[typ] = bt
		why := "no event actor on the span"
		if !over {
			why += "; event actors:"
			for _, e := range evs {
				for _, sp := range []*event.Span{e.Source, e.Target} {
					if sp != nil {
						why += fmt.Sprintf(" %q", sp.Text)
					} else {
						why += " -"
					}
				}
			}
			why += "; coded:"
			for _, o := range ex.Actors {
				why += fmt.Sprintf(" %s %q", o.Role, ex.Text[o.Start:o.End])
			}
		}
		if over {
			why = "got " + got
			if got == "" {
				why = "got no country"
			}
		}
		s.r.CountryMisses = append(s.r.CountryMisses, fmt.Sprintf("%s %q: want %s, %s", typ, ex.Text[g.Start:g.End], want, why))
	}
}

// TargetKinds are the kinds of a sentence's target outcome, by the first
// coded target and the event's target: "exact"; "boundary" (they overlap,
// other boundaries; "boundary-wider" and "boundary-narrower" when the
// predicted span holds or is held by the gold one); "other" (a span that
// overlaps no coded target), "other-source" (such a span overlapping a
// coded source or reciprocal span);
// "none" (no target predicted), "none-before" (no target predicted and the
// coded one stands before the trigger); for sentences without a coded
// target "spurious" or "correct-none".
var TargetKinds = []string{"exact", "boundary-wider", "boundary-narrower", "boundary", "other", "other-source", "none", "none-before", "spurious", "correct-none"}

// targetError classifies the target outcome of one actor-coded sentence.
func (s *scorer) targetError(ex event.Example, evs []event.Event) {
	var gold []event.LabeledSpan
	for _, g := range ex.Actors {
		if g.Role == event.Target {
			gold = append(gold, g)
		}
	}
	var pred *event.Span
	trig := -1
	for _, e := range evs {
		if !e.Reciprocal && e.Target != nil && pred == nil {
			pred = e.Target
		}
		if trig < 0 {
			trig = e.Trigger.Start
		}
	}
	kind := ""
	switch {
	case len(gold) == 0 && pred == nil:
		kind = "correct-none"
	case len(gold) == 0:
		kind = "spurious"
	case pred == nil:
		kind = "none"
		if trig >= 0 && gold[0].End <= trig {
			kind = "none-before"
		}
	default:
		g := gold[0]
		for _, o := range gold {
			if o.Start < pred.End && pred.Start < o.End {
				g = o
				break
			}
		}
		switch {
		case g.Start == pred.Start && g.End == pred.End:
			kind = "exact"
		case g.Start < pred.End && pred.Start < g.End && pred.Start <= g.Start && pred.End >= g.End:
			kind = "boundary-wider"
		case g.Start < pred.End && pred.Start < g.End && pred.Start >= g.Start && pred.End <= g.End:
			kind = "boundary-narrower"
		case g.Start < pred.End && pred.Start < g.End:
			kind = "boundary"
		default:
			kind = "other"
			for _, o := range ex.Actors {
				if o.Start < pred.End && pred.Start < o.End && o.Role != event.Target {
					kind = "other-source"
				}
			}
		}
	}
	if s.r.TargetErrors == nil {
		s.r.TargetErrors = map[string]int{}
	}
	s.r.TargetErrors[kind]++
	if kind == "exact" || kind == "correct-none" {
		return
	}
	mark := func(a, b int) string {
		if trig >= 0 && trig < a {
			return ex.Text[:trig] + "|" + ex.Text[trig:a] + "[" + ex.Text[a:b] + "]" + ex.Text[b:]
		}
		return ex.Text[:a] + "[" + ex.Text[a:b] + "]" + ex.Text[b:]
	}
	gs, ps := "-", "-"
	if len(gold) > 0 {
		var parts []string
		for _, g := range gold {
			parts = append(parts, ex.Text[g.Start:g.End])
		}
		gs = strings.Join(parts, " | ")
	}
	if pred != nil {
		ps = pred.Text
	}
	ctx := ex.Text
	if len(gold) > 0 {
		ctx = mark(gold[0].Start, gold[0].End)
	}
	tw := "-"
	for _, e := range evs {
		tw = e.Trigger.Text
		break
	}
	s.r.TargetDump = append(s.r.TargetDump, kind+"\t"+ctx+"\t"+gs+"\t"+ps+"\t"+tw)
}

// actorSpans returns the source, the target and the coordinated actors of e.
func actorSpans(e event.Event) []*event.Span {
	out := []*event.Span{e.Source, e.Target}
	for i := range e.Also {
		out = append(out, &e.Also[i].Span)
	}
	return out
}

package entity

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/diplotext/diplotext/entity/internal/gaz"
	"github.com/diplotext/diplotext/entity/internal/prep"
	"github.com/diplotext/diplotext/text"
)

// Option configures a [Tagger].
type Option func(*config)

type config struct {
	gazs     []*Gazetteer
	gazAdd   bool
	minScore float64
	err      error
}

// WithGazetteer adds the entries of g to the built-in gazetteers. Entries
// of g win over built-in ones with the same alias. A nil g adds nothing.
func WithGazetteer(g *Gazetteer) Option {
	return func(c *config) {
		if g != nil {
			c.gazs = append(c.gazs, g)
		}
	}
}

// WithGazetteerMatches sets whether gazetteer matches that the recogniser
// missed become entities (default true): countries, cities, organisations,
// government bodies, news organisations, regions, nationalities and
// treaties named in the gazetteers. Matches always refine the type,
// canonical name and country of the recogniser's mentions.
func WithGazetteerMatches(on bool) Option {
	return func(c *config) { c.gazAdd = on }
}

// WithMinScore drops recogniser mentions whose score is below s, a value
// in [0, 1] (default 0: keep all). [NewTagger] rejects other values,
// NaN included.
func WithMinScore(s float64) Option {
	return func(c *config) {
		if !(s >= 0 && s <= 1) {
			c.err = errors.Join(c.err, fmt.Errorf("%w: WithMinScore(%v): want a score in [0, 1]", ErrOption, s))
			return
		}
		c.minScore = s
	}
}

// Errors of the package. They are wrapped with context; test for them
// with errors.Is.
var (
	// ErrOption is returned by NewTagger for an option value that means
	// nothing (NaN, out of range).
	ErrOption = errors.New("entity: bad option")
	// ErrNilTagger is returned by the methods of a nil *Tagger.
	ErrNilTagger = errors.New("entity: nil Tagger")
	// ErrInvalidDocument is returned for a *text.Document whose tokens or
	// sentences do not fit its text (they are exported fields: a document
	// built by hand can be wrong; text.Parse never makes one).
	ErrInvalidDocument = errors.New("entity: invalid document")
	// ErrRecognizer wraps the error or the panic of a user recogniser.
	ErrRecognizer = errors.New("entity: recogniser failed")
)

// userRank is the rank of the entries of user gazetteers: above every
// built-in entry.
const userRank = 1000

// Tagger finds entities in text: a [Recognizer] proposes mentions,
// gazetteers refine their types (COUNTRY, CITY, NORP, ...) and add names
// the recogniser missed, and a canonicaliser links the mentions of one
// person, strips titles into roles and resolves countries.
//
// A Tagger is immutable and safe for concurrent use; build it once and
// reuse it. The methods of a nil *Tagger return [ErrNilTagger]; the zero
// Tagger tags with the built-in gazetteers only.
type Tagger struct {
	rec      Recognizer
	gaz      *gaz.Index
	noGazAdd bool
	minScore float64
}

// NewTagger returns a Tagger that uses the recogniser r and the built-in
// gazetteers (countries and territories, cities, international
// organisations, government bodies and their metonyms, news
// organisations, regions, nationalities, treaties). The built-in
// recogniser is in package entity/statistical:
//
//	rec, err := statistical.New()
//	...
//	tagger, err := entity.NewTagger(rec)
//
// A nil r tags gazetteer matches only (and programs that never import
// entity/statistical do not contain its weights). NewTagger returns an
// error wrapping [ErrOption] for a bad option value, or the error of a
// user gazetteer that cannot be built.
func NewTagger(r Recognizer, opts ...Option) (*Tagger, error) {
	c := config{gazAdd: true}
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	if c.err != nil {
		return nil, c.err
	}
	t := &Tagger{rec: r, noGazAdd: !c.gazAdd, minScore: c.minScore}
	t.gaz = gaz.Default()
	if len(c.gazs) > 0 {
		b := gaz.NewBuilder(t.gaz)
		for _, g := range c.gazs {
			if err := b.AddLexicon(strings.Join(g.lines, "\n"), userRank); err != nil {
				return nil, fmt.Errorf("entity: gazetteer: %w", err)
			}
		}
		t.gaz = b.Build()
	}
	return t, nil
}

// Tag parses s and returns its entities in order of their offsets; they
// never overlap. See [Tagger.TagDocument].
func (t *Tagger) Tag(s string) ([]Entity, error) {
	if t == nil {
		return nil, ErrNilTagger
	}
	return t.TagDocument(text.Parse(s))
}

// TagDocument returns the entities of a parsed document in order of their
// offsets, without overlap; offsets are bytes of d.Text. A nil document,
// or one without tokens, has no entities: the result is an empty, non-nil
// slice and a nil error. It returns an error if the recogniser fails or
// panics (wrapping [ErrRecognizer]), or if d's tokens or sentences do not
// fit its text ([ErrInvalidDocument]).
func (t *Tagger) TagDocument(d *text.Document) (ents []Entity, err error) {
	if t == nil {
		return nil, ErrNilTagger
	}
	if d == nil || len(d.Tokens) == 0 {
		return []Entity{}, nil
	}
	if err := prep.Check(d); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidDocument, err)
	}
	ix := t.gaz
	if ix == nil {
		ix = gaz.Default()
	}
	w := workPool.Get().(*work)
	defer w.release()
	w.p.Reset(d)
	var ms []Mention
	if t.rec != nil {
		ms, err = t.recognize(&w.p)
		if err != nil {
			return nil, err
		}
	}
	w.reset(d, ix)
	ms = w.titledNames(ms)
	w.surnames(ms)
	w.merge(ms, t.minScore, !t.noGazAdd)
	w.splitPersonPairs()
	w.officialText()
	w.canonicalise()
	w.resolvePlaces()
	w.placeIDs()
	w.nationalTeams()
	ents = w.ents
	w.ents = nil // the caller owns them
	if ents == nil {
		ents = []Entity{}
	}
	return ents, nil
}

func (t *Tagger) recognize(p *prep.Doc) (ms []Mention, err error) {
	d := p.D
	defer func() {
		if r := recover(); r != nil {
			ms, err = nil, fmt.Errorf("%w: panic: %v", ErrRecognizer, r)
		}
	}()
	if pr, ok := t.rec.(preparedRecognizer); ok {
		ms, err = pr.RecognizePrepared(p)
	} else {
		ms, err = t.rec.Recognize(d)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrRecognizer, err)
	}
	// keep valid, ordered, non-overlapping mentions
	ms = slices.DeleteFunc(ms, func(m Mention) bool {
		return m.Start < 0 || m.End > len(d.Text) || m.Start >= m.End || m.Type == 0 || int(m.Type) >= len(typeNames) || m.Score != m.Score
	})
	slices.SortStableFunc(ms, func(a, b Mention) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return b.End - a.End
	})
	out := ms[:0]
	end := 0
	for _, m := range ms {
		if m.Start < end {
			continue
		}
		// Two person names separated only by spaces are one name split
		// in two.
		// So are two parts of an Arabic name joined by "bin", "ibn" or
		// "bint" ("Mohammed bin Salman").
		if n := len(out); n > 0 && m.Type == PERSON && out[n-1].Type == PERSON && (onlySpaces(d.Text[out[n-1].End:m.Start]) || nasab(d.Text[out[n-1].End:m.Start])) {
			out[n-1].End = m.End
			out[n-1].Score = min(out[n-1].Score, m.Score)
			end = m.End
			continue
		}
		out = append(out, m)
		end = m.End
	}
	extendPersons(d, out)
	return out, nil
}

// extendPersons keeps a person's name whole within a document: a PERSON
// mention directly followed (across spaces only) by a capitalised word that
// is a person's name elsewhere in the document is extended over it. The
// document-level features of a later, sentence-initial "Lavrov" can leave
// "Lavrov" in "Sergey Lavrov" untagged, splitting the name.
func extendPersons(d *text.Document, ms []Mention) {
	var names map[string]bool
	for _, m := range ms {
		if m.Type != PERSON {
			continue
		}
		if names == nil {
			names = map[string]bool{}
		}
		span := d.Text[m.Start:m.End]
		if i := strings.LastIndexByte(span, ' '); i >= 0 {
			span = span[i+1:]
		}
		names[span] = true
	}
	if names == nil {
		return
	}
	for i := range ms {
		m := &ms[i]
		if m.Type != PERSON {
			continue
		}
		limit := len(d.Text)
		if i+1 < len(ms) {
			limit = ms[i+1].Start
		}
		for k := d.TokenAt(m.End); k < len(d.Tokens); k++ {
			t := d.Tokens[k]
			if t.End > limit || t.Kind != text.Word || !onlySpaces(d.Text[m.End:t.Start]) ||
				!hasUpper(d.Text[t.Start:t.Start+1]) || !names[d.Text[t.Start:t.End]] {
				break
			}
			m.End = t.End
		}
	}
}

// personTitles are the roles whose title before capitalised words names a
// person ("President Macron", "Prime Minister Theresa May", "Mr Major");
// titles that also head other names ("General Motors", "Justice
// Department", "Director General", "King Street") are left out.
var personTitles = map[string]bool{
	"": true, "president": true, "vice president": true, "prime minister": true,
	"deputy prime minister": true, "foreign minister": true, "deputy foreign minister": true,
	"foreign secretary": true, "secretary of state": true, "deputy secretary of state": true,
	"defence minister": true, "defense secretary": true, "finance minister": true,
	"treasury secretary": true, "interior minister": true, "trade minister": true,
	"chancellor": true, "secretary-general": true, "national security adviser": true,
	"ambassador": true, "ambassador to the united nations": true, "senator": true, "governor": true, "emir": true, "sultan": true,
	"sheikh": true, "pope": true, "ayatollah": true, "admiral": true, "colonel": true,
	"commissioner": true, "foreign ministry spokesperson": true, "defence ministry spokesperson": true,
	"captain": true, "lieutenant": true, "sergeant": true, "specialist": true, "corporal": true, "private": true,
}

// titledNames makes a person of up to three capitalised words that follow
// a title of office or an honorific: the recogniser, trained on 1996
// news, can miss a name that is also an English word ("President Macron",
// "Prime Minister Theresa May") or read it as a place ("President Bush",
// a town in Egypt). A mention inside the titled name is replaced by it, a
// person's mention overlapping it is extended over it, and a mention of
// another type reaching beyond it is left alone. Words the gazetteers
// know as anything but a small town ("President Obama" yes, "Ambassador
// Kuala Lumpur" no) and sentences in title case ("President Says Talks
// Will Resume") are skipped. A new mention has score 1, as gazetteer
// additions do.
func (w *work) titledNames(ms []Mention) []Mention {
	toks := w.d.Tokens
	var found []Mention
	titleCase := map[int]bool{} // by sentence, for the sentences with a title
	for gi := range w.matches {
		g := &w.matches[gi]
		if g.entry.Kind != gaz.KTitle || !personTitles[g.entry.Canonical] || len(found) > 0 && g.start < found[len(found)-1].End {
			continue
		}
		si := w.d.SentenceAt(g.start)
		if si < 0 {
			continue
		}
		s := w.d.Sentences[si]
		tc, ok := titleCase[si]
		if !ok {
			tc = w.titleCase(s)
			titleCase[si] = tc
		}
		if tc {
			continue
		}
		end := g.last
		k := end
		for k < s.Last && k-end < 3 && w.nameWord(k) {
			k++
		}
		if k > end {
			found = append(found, Mention{Start: toks[end].Start, End: toks[k-1].End, Type: PERSON, Score: 1})
		}
	}
	if len(found) == 0 {
		return ms
	}
	out := make([]Mention, 0, len(ms)+len(found))
	mi := 0
	for _, f := range found {
		for mi < len(ms) && ms[mi].End <= f.Start {
			out = append(out, ms[mi])
			mi++
		}
		// the mentions overlapping f
		lo := mi
		for mi < len(ms) && ms[mi].Start < f.End {
			mi++
		}
		keep := true
		for _, m := range ms[lo:mi] {
			if m.Type != PERSON && (m.Start < f.Start || m.End > f.End) {
				keep = false // "Macron Foundation": not only a name
			}
		}
		if !keep {
			out = append(out, ms[lo:mi]...)
			continue
		}
		for _, m := range ms[lo:mi] {
			f.Start, f.End = min(f.Start, m.Start), max(f.End, m.End)
			f.Score = m.Score
		}
		out = append(out, f)
	}
	out = append(out, ms[mi:]...)
	// a person extended to the left may now touch the previous mention
	return slices.CompactFunc(out, func(cur, prev Mention) bool { return cur.Start < prev.End })
}

// nameWord reports whether token k can be part of a name after a title: a
// word, capitalised with small letters after, written right after the
// previous token with spaces only, and not known to the gazetteers (as a
// title, a place, an organisation, ...) unless as a small town.
func (w *work) nameWord(k int) bool {
	t := w.d.Tokens[k]
	word := w.words[k]
	if t.Kind != text.Word || k == 0 || !onlySpaces(w.d.Text[w.d.Tokens[k-1].End:t.Start]) {
		return false
	}
	r, size := utf8.DecodeRuneInString(word)
	if !unicode.IsUpper(r) || !strings.ContainsFunc(word[size:], unicode.IsLower) {
		return false
	}
	g := w.matchAtToken(k)
	return g == nil || g.entry.Kind == gaz.KCity && g.entry.Rank < 20
}

// titleCase reports whether sentence s is a headline in title case: two
// or more capitalised common words after its first word, outside titles
// and gazetteer matches and not right after a title, and no lower-case
// word but the short ones title case leaves small ("of", "in", "and").
func (w *work) titleCase(s text.Sentence) bool {
	capCommon := 0
	for k := s.First; k < s.Last; k++ {
		word := w.words[k]
		r, _ := utf8.DecodeRuneInString(word)
		switch {
		case unicode.IsLower(r):
			if !smallWords[word] {
				return false
			}
		case unicode.IsUpper(r) && k > s.First && gaz.Common(w.hashes[k]) && w.matchAtToken(k) == nil &&
			(w.matchAtToken(k-1) == nil || w.matchAtToken(k-1).entry.Kind != gaz.KTitle):
			capCommon++
		}
	}
	return capCommon >= 2
}

// smallWords are the words a title-case headline leaves in lower case.
var smallWords = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "but": true, "or": true, "nor": true, "for": true,
	"of": true, "in": true, "on": true, "at": true, "to": true, "by": true, "as": true, "vs": true,
	"via": true, "with": true, "from": true, "into": true, "over": true, "per": true,
}

// surnames retypes as PERSON a one-word mention of another type that is
// the last word of a person's full name elsewhere in the document ("a call
// between Rubio and Lavrov" after "Marco Rubio"): one name keeps one sense
// within a document. A word that the gazetteers know as more than a small
// town (a country, a capital, a large city, an organisation) keeps its
// type if the document uses it as a place once ("in Washington"), so
// "Washington" stays a place beside "George Washington" in a report from
// Washington, and is the player in a report on MaliVai Washington.
func (w *work) surnames(ms []Mention) {
	var last map[string]bool
	for _, m := range ms {
		if m.Type != PERSON {
			continue
		}
		span := w.d.Text[m.Start:m.End]
		i := strings.LastIndexByte(span, ' ')
		if i < 0 {
			continue
		}
		if last == nil {
			last = map[string]bool{}
		}
		last[span[i+1:]] = true
	}
	if last == nil {
		return
	}
	for k := range ms {
		m := &ms[k]
		if m.Type == PERSON || !last[w.d.Text[m.Start:m.End]] {
			continue
		}
		g := w.matchAtToken(w.d.TokenAt(m.Start))
		if g == nil || g.start != m.Start || g.end != m.End || g.entry.Kind == gaz.KCity && g.entry.Rank < 20 ||
			(m.Type == LOCATION || m.Type == CITY || m.Type == COUNTRY) && !w.placeUse(ms, w.d.Text[m.Start:m.End]) {
			m.Type = PERSON
		}
	}
}

// locativeWords before a name say it is a place: "in Washington", "to
// Jordan".
var locativeWords = map[string]bool{
	"in": true, "to": true, "from": true, "at": true, "near": true, "into": true, "across": true,
	"of": true, "visit": true, "visited": true, "visiting": true, "throughout": true, "outside": true,
}

// placeUse reports whether the document uses name as a place somewhere,
// after a locative word ("in Washington", "to Jordan"): the surname rule
// then leaves every mention of it a place.
func (w *work) placeUse(ms []Mention, name string) bool {
	for _, m := range ms {
		if w.d.Text[m.Start:m.End] != name || m.Type == PERSON {
			continue
		}
		i := w.d.TokenAt(m.Start)
		if i > 0 && i < len(w.words) && locativeWords[strings.ToLower(w.words[i-1])] {
			return true
		}
	}
	return false
}

// onlySpaces reports whether gap is one or more spaces or tabs, with no
// line break or punctuation.
func onlySpaces(gap string) bool {
	if gap == "" {
		return false
	}
	for i := 0; i < len(gap); i++ {
		if gap[i] != ' ' && gap[i] != '\t' {
			return false
		}
	}
	return true
}

// work is the state of tagging one document. Works are pooled.
type work struct {
	d       *text.Document
	p       prep.Doc
	ix      *gaz.Index
	words   []string   // p.Words
	hashes  []uint64   // p.Hashes
	matches []gazMatch // gazetteer matches in byte offsets, ordered
	buf     []gaz.Match
	ents    []Entity
	tok     []int  // per entity: index of its first token
	keyBuf  []byte // scratch for map keys
	// scratch of linkNames
	places, full     map[string][]*Entity
	fieldsA, fieldsB []string
	placeCache       placeCache // the document's place-table lookups
}

var workPool = sync.Pool{New: func() any { return new(work) }}

// release returns w to the pool without references to the document.
func (w *work) release() {
	w.p.Release()
	w.d, w.words, w.hashes, w.ents = nil, nil, nil, nil
	w.placeCache.reset()
	clear(w.matches)
	w.matches = w.matches[:0]
	w.tok = w.tok[:0]
	workPool.Put(w)
}

type gazMatch struct {
	start, end  int // bytes
	first, last int // tokens [first, last); sub-token parts have first == last-1
	entry       *gaz.Entry
}

// reset readies w for document d, whose words and hashes w.p holds, and
// finds its gazetteer matches.
func (w *work) reset(d *text.Document, ix *gaz.Index) {
	w.d, w.ix = d, ix
	w.words, w.hashes = w.p.Words, w.p.Hashes
	w.matches = w.matches[:0]
	lower := !w.p.Upper
	for _, sp := range w.p.Sents {
		first, last := sp.First, sp.Last
		w.buf = ix.Scan(w.words[first:last], w.hashes[first:last], lower, w.buf[:0])
		for _, m := range w.buf {
			f, l := first+m.Start, first+m.End
			w.matches = append(w.matches, gazMatch{d.Tokens[f].Start, d.Tokens[l-1].End, f, l, ix.Entry(m.Entry)})
		}
	}
	w.splitCompounds()
}

func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			return true
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.IsUpper(r) {
				return true
			}
			i += size - 1
		}
	}
	return false
}

// splitCompounds adds the parts of hyphenated compounds of country and
// city names ("US-Russia", "India-Pakistan"; not "German-Israeli") as
// matches.
func (w *work) splitCompounds() {
	var add []gazMatch
	for i, word := range w.words {
		if w.d.Tokens[i].Kind != text.Word || strings.IndexByte(word, '-') <= 0 || len(word) > 200 {
			continue
		}
		if w.matchAt(i) {
			continue
		}
		base := w.d.Tokens[i].Start
		var parts []gazMatch
		ok := true
		off := 0
		for part := range strings.SplitSeq(word, "-") {
			if part == "" {
				ok = false
				break
			}
			var one [1]gaz.Match
			m := w.ix.Scan([]string{part}, []uint64{text.Hash(part)}, false, one[:0])
			if len(m) == 1 {
				e := w.ix.Entry(m[0].Entry)
				// places only: "German-Israeli" is one adjective
				if e.Kind == gaz.KCountry || e.Kind == gaz.KCity {
					parts = append(parts, gazMatch{base + off, base + off + len(part), i, i + 1, e})
				}
			}
			off += len(part) + 1
		}
		if ok && len(parts) >= 2 {
			add = append(add, parts...)
		}
	}
	if len(add) > 0 {
		w.matches = append(w.matches, add...)
		slices.SortStableFunc(w.matches, func(a, b gazMatch) int { return a.start - b.start })
	}
}

// matchAt reports whether a gazetteer match covers token i.
func (w *work) matchAt(i int) bool { return w.matchAtToken(i) != nil }

// matchAtToken returns the first gazetteer match covering token i, or nil.
func (w *work) matchAtToken(i int) *gazMatch {
	k, _ := slices.BinarySearchFunc(w.matches, i, func(m gazMatch, i int) int {
		if m.last <= i {
			return -1
		}
		return 1
	})
	if k < len(w.matches) && w.matches[k].first <= i && i < w.matches[k].last {
		return &w.matches[k]
	}
	return nil
}

// typeOfKind maps a gazetteer kind to an entity type.
func typeOfKind(k gaz.Kind) Type {
	switch k {
	case gaz.KCountry:
		return COUNTRY
	case gaz.KCity:
		return CITY
	case gaz.KLoc:
		return LOCATION
	case gaz.KNORP:
		return NORP
	case gaz.KOrg, gaz.KGov, gaz.KNews:
		return ORG
	case gaz.KMisc:
		return MISC
	}
	return 0
}

// merge turns the mentions into entities, refined by the gazetteer
// matches, and adds the matches no mention overlaps.
func (w *work) merge(ms []Mention, minScore float64, add bool) {
	if w.ents == nil && len(ms) > 1024 {
		// about one entity a mention: on a long document, growing the
		// slice by appends held the old and the new array at once
		w.ents = make([]Entity, 0, len(ms))
	}
	gi := 0
	var matchesIn []gazMatch
	emit := func(e Entity) {
		e.Text = w.d.Text[e.Start:e.End]
		w.ents = append(w.ents, e)
	}
	addMatch := func(g gazMatch) {
		t := typeOfKind(g.entry.Kind)
		if t == 0 || !add {
			return
		}
		if g.entry.Kind == gaz.KCity && (g.entry.Rank < 20 || g.last-g.first == 1 && gaz.Common(w.hashes[g.first])) ||
			g.entry.Kind == gaz.KLoc && g.entry.Rank <= gaz.ProvinceRank {
			return // small towns, towns named like words (Sale, Reading) and provinces need the recogniser's support
		}
		emit(Entity{Type: t, Start: g.start, End: g.end, Canonical: g.entry.Canonical, Country: g.entry.Country, Score: 1})
	}
	for _, m := range ms {
		if m.Score < minScore || w.headingWords(m) {
			continue
		}
		// gazetteer matches before this mention
		for gi < len(w.matches) && w.matches[gi].end <= m.Start {
			addMatch(w.matches[gi])
			gi++
		}
		matchesIn = matchesIn[:0]
		for gi < len(w.matches) && w.matches[gi].start < m.End {
			matchesIn = append(matchesIn, w.matches[gi])
			gi++
		}
		e := Entity{Type: m.Type, Start: m.Start, End: m.End, Score: m.Score}
		// compound parts replace a mention of the whole compound
		if len(matchesIn) >= 2 && matchesIn[0].first == matchesIn[0].last-1 && matchesIn[0].start >= m.Start &&
			matchesIn[len(matchesIn)-1].end <= m.End && w.d.Tokens[matchesIn[0].first].Start == m.Start &&
			w.d.Tokens[matchesIn[0].first].End == m.End {
			for _, g := range matchesIn {
				emit(Entity{Type: typeOfKind(g.entry.Kind), Start: g.start, End: g.end, Canonical: g.entry.Canonical, Country: g.entry.Country, Score: m.Score})
			}
			continue
		}
		for _, g := range matchesIn {
			if g.start == m.Start && g.end == m.End {
				w.refine(&e, g.entry)
				if e.Type == ORG && (g.entry.Kind == gaz.KCity || g.entry.Kind == gaz.KCountry) && w.dateline(m) {
					e.Type, e.Canonical = typeOfKind(g.entry.Kind), g.entry.Canonical
				}
				break
			}
		}
		if e.Country == "" && e.Type != PERSON {
			// "Russian Foreign Ministry": the country of a contained name
			for _, g := range matchesIn {
				if g.start >= m.Start && g.end <= m.End && g.entry.Country != "" &&
					(g.entry.Kind == gaz.KCountry || g.entry.Kind == gaz.KNORP && !groupEntry(g.entry)) {
					e.Country = g.entry.Country
					break
				}
			}
		}
		emit(e)
	}
	for ; gi < len(w.matches); gi++ {
		addMatch(w.matches[gi])
	}
}

// refine sets the type, canonical name and country of e from the
// gazetteer entry naming the same span, keeping the recogniser's broad
// class: a place stays a place, a MISC name may become NORP.
func (w *work) refine(e *Entity, g *gaz.Entry) {
	gt := typeOfKind(g.Kind)
	if g.Rank >= userRank && gt != 0 {
		// a user's entry says what the name is
		e.Type, e.Canonical, e.Country = gt, g.Canonical, g.Country
		return
	}
	if g.Kind == gaz.KGov || g.Kind == gaz.KNews {
		// metonyms: "the Kremlin", "the White House" are governments
		e.Type = ORG
	}
	switch e.Type {
	case LOCATION, COUNTRY, CITY:
		if gt == COUNTRY || gt == CITY || gt == LOCATION {
			e.Type = gt
		}
	case MISC, NORP:
		if gt == NORP || gt == MISC {
			e.Type = gt
		}
	case ORG:
		// an organisation named like a place (a team, a government)
	case PERSON:
		return
	}
	if typeOfKind(g.Kind) == e.Type || e.Type == ORG {
		e.Canonical = g.Canonical
	}
	e.Country = g.Country
}

// headingWords reports whether mention m lies in a heading line and is
// made of common English words only, none of them in a gazetteer match:
// "Strategic Recommendations" is a section heading, not a name.
func (w *work) headingWords(m Mention) bool {
	si := w.d.SentenceAt(m.Start)
	if si < 0 || !w.d.Sentences[si].Heading || w.p.Wrapped[si] {
		return false
	}
	for i := w.d.TokenAt(m.Start); i < len(w.words) && w.d.Tokens[i].Start < m.End; i++ {
		if w.d.Tokens[i].Kind != text.Word {
			continue
		}
		if !gaz.Common(w.hashes[i]) || w.matchAt(i) {
			return false
		}
	}
	return true
}

// dateline reports whether mention m is a dateline: capitals at the start
// of a line followed by a comma, dash or bracket ("KUALA LUMPUR, July 10").
func (w *work) dateline(m Mention) bool {
	if hasLowerLetter(w.d.Text[m.Start:m.End]) {
		return false
	}
	i := m.Start - 1
	for i >= 0 && (w.d.Text[i] == ' ' || w.d.Text[i] == '\t') {
		i--
	}
	if i >= 0 && w.d.Text[i] != '\n' {
		return false
	}
	k := w.d.TokenAt(m.End)
	if k >= len(w.words) {
		return false
	}
	switch w.words[k] {
	case ",", "-", "(", "–", "—", ":":
		return true
	}
	return false
}

func hasLowerLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLower(r) {
			return true
		}
	}
	return false
}

// splitPersonPairs makes two people of an entity that joins two surnames
// with a hyphen ("Rubio-Lavrov talks", "the Rubio-Lavrov meeting") when
// both are the last names of people named in full elsewhere in the
// document, or when a meeting word follows the pair and neither name is
// known to the gazetteers as more than a small town ("the Putin-Xi summit"
// in a text that never names either in full; a company named after two
// people, as in "the Rolls-Royce talks", is then read as two people when
// the recogniser has not typed it ORG); when the pair is only the first
// word of the entity ("the Rubio-Lavrov Discussions"), the words after it
// are dropped with it.
func (w *work) splitPersonPairs() {
	var last map[string]bool
	for _, e := range w.ents {
		if e.Type != PERSON {
			continue
		}
		if i := strings.LastIndexByte(e.Text, ' '); i > 0 {
			if last == nil {
				last = map[string]bool{}
			}
			last[e.Text[i+1:]] = true
		}
	}
	var out []Entity
	for k, e := range w.ents {
		// the pair is the entity or its first word ("Rubio-Lavrov
		// Discussions": the words after it name the meeting, not a third
		// party, and go with the pair)
		pair := e.Text
		if j := strings.IndexAny(pair, " \t\n"); j > 0 {
			pair = pair[:j]
		}
		i := strings.IndexByte(pair, '-')
		if i <= 0 || strings.Count(pair, "-") != 1 ||
			!(last[pair[:i]] && last[pair[i+1:]] || w.meetingPair(e, pair, i)) {
			if out != nil {
				out = append(out, e)
			}
			continue
		}
		if out == nil {
			out = append(make([]Entity, 0, len(w.ents)+1), w.ents[:k]...)
		}
		a := Entity{Type: PERSON, Start: e.Start, End: e.Start + i, Score: e.Score}
		b := Entity{Type: PERSON, Start: e.Start + i + 1, End: e.Start + len(pair), Score: e.Score}
		a.Text, b.Text = w.d.Text[a.Start:a.End], w.d.Text[b.Start:b.End]
		out = append(out, a, b)
	}
	if out != nil {
		w.ents = out
	}
}

// meetingWords after a hyphenated pair of names say the names are the
// parties to it: "the Putin-Xi summit".
var meetingWords = map[string]bool{
	"talks": true, "summit": true, "meeting": true, "meetings": true, "call": true,
	"discussions": true, "negotiations": true, "summits": true,
}

// meetingPair reports whether pair, the first word of entity e with its
// hyphen at i, joins two surnames that the gazetteers do not know
// ("Putin-Xi", not "Arab-Israeli" or "Austro-Hungarian") and a meeting word
// follows it ("summit", "talks"), in the entity or right after it.
func (w *work) meetingPair(e Entity, pair string, i int) bool {
	if e.Type == ORG {
		return false // "the Hewlett-Packard meeting"
	}
	for _, part := range [2]string{pair[:i], pair[i+1:]} {
		if !surnameShape(part) {
			return false
		}
		var one [1]gaz.Match
		m := w.ix.Scan([]string{part}, []uint64{text.Hash(part)}, false, one[:0])
		if len(m) > 0 {
			// a small town is no obstacle: Rubio is one in Venezuela
			if en := w.ix.Entry(m[0].Entry); en.Kind != gaz.KCity || en.Rank >= 20 {
				return false
			}
		}
	}
	rest := strings.TrimLeft(w.d.Text[e.Start+len(pair):], " ")
	j := strings.IndexFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) })
	if j < 0 {
		j = len(rest)
	}
	return meetingWords[strings.ToLower(rest[:j])]
}

// surnameShape reports whether s is a capital letter followed by at least
// one lower-case letter and letters only ("Xi", "Lavrov"; not "US", "al").
func surnameShape(s string) bool {
	for k, r := range s {
		switch {
		case k == 0 && !unicode.IsUpper(r):
			return false
		case k > 0 && !unicode.IsLower(r):
			return false
		}
	}
	return len(s) >= 2
}

// nasab reports whether gap is " bin ", " ibn " or " bint " (spaces
// only around the word), which joins the parts of an Arabic name.
func nasab(gap string) bool {
	w := strings.Trim(gap, " ")
	if len(w) == len(gap) || strings.ContainsAny(w, " \t\n") {
		return false
	}
	switch w {
	case "bin", "ibn", "bint", "Bin", "Ibn":
		return onlySpaces(gap[:strings.Index(gap, w)]) && onlySpaces(gap[strings.Index(gap, w)+len(w):])
	}
	return false
}

// officialText applies the rules of official and defence texts to the
// entities of the document: punctuation is never an entity, quotes are
// left out of spans; a rank or title alone ("Spc.") is no entity (the
// canonicaliser makes it the role of the name after it); a military unit
// ("1st Battalion, 5th Field Artillery Regiment") is one ORG; weapons and
// platforms ("VBIED", "IED", "HIMARS") are MISC; a name the recogniser
// took for a person after "near", "outside", "around" or "the town of", or joined by "and"
// to such a place, with no title and no full name in the document, is a
// place ("near Dayr Az Zayr and Abu Kamal"); two neighbouring mentions
// that the document also writes as one name take that name ("Dayr" "Az
// Zayr" in a heading, "Dayr Az Zayr" in the text).
func (w *work) officialText() {
	d := w.d
	out := w.ents[:0]
	for _, e := range w.ents {
		// quotes and punctuation at the edges
		for e.Start < e.End {
			r, n := utf8.DecodeRuneInString(d.Text[e.Start:e.End])
			if !isQuote(r) {
				break
			}
			e.Start += n
		}
		for e.Start < e.End {
			r, n := utf8.DecodeLastRuneInString(d.Text[e.Start:e.End])
			if !isQuote(r) {
				break
			}
			e.End -= n
		}
		e.Text = d.Text[e.Start:e.End]
		if !hasLetterOrDigit(e.Text) {
			continue
		}
		if w.titleOnly(e) {
			continue
		}
		out = append(out, e)
	}
	w.ents = out
	w.units()
	w.weapons()
	w.locatives()
	w.joinSplitNames()
	w.compassRegions()
	w.retypeByDocument()
}

// retypeByDocument corrects the type of one-word people by what else the
// document names: a "person" whose name is the place a nationality of
// the document is formed from is that place ("Chechnya" beside
// "Chechen"); a "person" that is a nationality formed from a place of
// the document is that nationality ("Tajik" beside "Tajikistan"); a
// "person" named like the first words of an organisation of the document
// is that organisation ("Real" beside "Real Madrid"). People the
// document names in full keep their type.
func (w *work) retypeByDocument() {
	// distinct names, by the stem key of nationalities and places and
	// by the first word of organisations, at most maxBucket a key
	norps, places, orgs := buckets{}, buckets{}, buckets{}
	full := map[string]bool{} // words of people's names of two words or more
	for _, e := range w.ents {
		switch {
		case e.Type == NORP || e.Type == MISC && !strings.Contains(e.Text, " "):
			norps.add(stemKey(e.Text), e.Text)
		case isPlace(e.Type):
			places.add(stemKey(e.Text), e.Text)
		case e.Type == ORG && strings.Contains(e.Text, " "):
			orgs.add(e.Text[:strings.IndexByte(e.Text, ' ')], e.Text)
		case e.Type == PERSON && strings.Contains(e.Text, " "):
			for _, f := range strings.Fields(e.Text) {
				full[f] = true
			}
		}
	}
	if len(norps)+len(places)+len(orgs) == 0 {
		return
	}
	for k := range w.ents {
		e := &w.ents[k]
		if e.Type == MISC && !strings.ContainsAny(e.Text, " \n\t") && slices.ContainsFunc(places[stemKey(e.Text)], func(p string) bool {
			return !strings.EqualFold(p, e.Text) && demonymOf(e.Text, p) && !demonymOf(p, e.Text)
		}) {
			e.Type = NORP // "Tajik" beside "Tajikistan"
			continue
		}
		if e.Type != PERSON || strings.ContainsAny(e.Text, " \n\t") || full[e.Text] || e.Role != "" {
			continue
		}
		if first, _, ok := w.tokenRange(*e); ok && w.titleBeforeToken(first) {
			continue
		}
		switch {
		// (a pair formed from each other, "Scots" and "Scottish", says nothing)
		case slices.ContainsFunc(norps[stemKey(e.Text)], func(n string) bool {
			return !strings.EqualFold(n, e.Text) && demonymOf(n, e.Text) && !demonymOf(e.Text, n)
		}):
			e.Type = LOCATION
		case slices.ContainsFunc(places[stemKey(e.Text)], func(p string) bool {
			return !strings.EqualFold(p, e.Text) && demonymOf(e.Text, p) && !demonymOf(p, e.Text)
		}):
			e.Type = NORP
		case slices.ContainsFunc(orgs[e.Text], func(o string) bool { return strings.HasPrefix(o, e.Text+" ") }):
			e.Type = ORG
		}
	}
}

// titleBeforeToken reports whether a title or honorific ends just before
// token i ("Mr. Real", "President Washington").
func (w *work) titleBeforeToken(i int) bool {
	_, _, ok := gaz.TitleBefore(w.words, i)
	return ok
}

// compassWords lead the name of a region: "Southwest Asia", "SOUTHWEST
// ASIA", "Central Asia".
var compassWords = map[string]bool{
	"north": true, "south": true, "east": true, "west": true, "northeast": true, "northwest": true,
	"southeast": true, "southwest": true, "central": true, "northern": true, "southern": true,
	"eastern": true, "western": true,
}

// compassRegions extends a region (LOCATION) over a capitalised compass
// word just before it that no other entity holds: "SOUTHWEST ASIA".
func (w *work) compassRegions() {
	prevEnd := 0
	for k := range w.ents {
		e := &w.ents[k]
		if e.Type == LOCATION {
			if first, _, ok := w.tokenRange(*e); ok && first > 0 && w.d.Tokens[first].Start == e.Start {
				c := w.words[first-1]
				tk := w.d.Tokens[first-1]
				r, _ := utf8.DecodeRuneInString(c)
				if compassWords[strings.ToLower(c)] && unicode.IsUpper(r) && tk.Start >= prevEnd && onlySpaces(w.d.Text[tk.End:e.Start]) {
					e.Start = tk.Start
					e.Text = w.d.Text[e.Start:e.End]
					e.Canonical = ""
				}
			}
		}
		prevEnd = e.End
	}
}

func isQuote(r rune) bool {
	switch r {
	case '"', '\'', '“', '”', '‘', '’', '«', '»', '„', '`':
		return true
	}
	return false
}

func hasLetterOrDigit(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// tokenRange returns the tokens [first, last) of e, or ok false.
func (w *work) tokenRange(e Entity) (first, last int, ok bool) {
	first = w.d.TokenAt(e.Start)
	last = w.d.TokenAt(e.End-1) + 1
	if first >= len(w.words) || last > len(w.words) || first >= last {
		return 0, 0, false
	}
	return first, last, true
}

// titleOnly reports whether entity e is a title or rank and nothing else
// ("Spc", written "Spc." and cut by the tokeniser; "Lt. Gen.").
func (w *work) titleOnly(e Entity) bool {
	if e.Type == NORP || e.Type == MISC && !strings.Contains(e.Text, ".") {
		return false
	}
	first, last, ok := w.tokenRange(e)
	if !ok {
		return false
	}
	if last-first > 4 {
		return false // titles are short; spare the look-ups
	}
	if _, end, ok := gaz.TitleAt(w.words[first:last], 0); ok && end >= last-first {
		// a surname that is also a title ("King") stays a person
		return e.Type != PERSON || last-first > 1 || strings.HasSuffix(w.words[first], ".")
	}
	if last-first == 1 && last < len(w.words) && w.words[last] == "." {
		if _, _, ok := gaz.TitleAt([]string{w.words[first] + "."}, 0); ok {
			return true
		}
	}
	return false
}

// isOrdinal reports whether s is an ordinal number in figures: "1st",
// "5th", "101st", "82nd".
func isOrdinal(s string) bool {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 {
		return false
	}
	switch strings.ToLower(s[i:]) {
	case "st", "nd", "rd", "th":
		return true
	}
	return false
}

// unitWords are the nouns that end the name of a military unit.
var unitWords = map[string]bool{
	"Battalion": true, "Regiment": true, "Brigade": true, "Division": true, "Corps": true,
	"Squadron": true, "Company": true, "Fleet": true, "Army": true, "Wing": true,
	"Group": true, "Battery": true, "Platoon": true, "Task Force": true, "Detachment": true,
	"Command": true, "Flotilla": true, "Air Wing": true, "Force": true,
}

// unitAt returns the token after a unit name starting at token i: an
// ordinal, capitalised words, the last a unit noun ("1st Battalion",
// "5th Field Artillery Regiment", "82nd Airborne Division"), or i if
// there is none.
func (w *work) unitAt(i int) int {
	if i >= len(w.words) || !isOrdinal(w.words[i]) {
		return i
	}
	end := i
	for j := i + 1; j < len(w.words) && j <= i+6; j++ {
		r, _ := utf8.DecodeRuneInString(w.words[j])
		if !unicode.IsUpper(r) {
			break
		}
		if unitWords[w.words[j]] {
			end = j + 1
		}
	}
	return end
}

// units makes every military unit one ORG, replacing the entities it
// overlaps: "1st Battalion, 5th Field Artillery Regiment", "the 82nd
// Airborne Division".
func (w *work) units() {
	var add []Entity
	for i := 0; i < len(w.words); i++ {
		end := w.unitAt(i)
		if end == i {
			continue
		}
		// "1st Battalion, 5th Field Artillery Regiment": one unit
		for end+1 < len(w.words) && w.words[end] == "," {
			e2 := w.unitAt(end + 1)
			if e2 == end+1 {
				break
			}
			end = e2
		}
		add = append(add, Entity{Type: ORG, Start: w.d.Tokens[i].Start, End: w.d.Tokens[end-1].End, Score: 1})
		i = end - 1
	}
	w.replace(add)
}

// weaponNames are weapons and platforms named by acronym or proper name,
// matched in this case.
var weaponNames = map[string]bool{
	"IED": true, "IEDs": true, "VBIED": true, "VBIEDs": true, "SVBIED": true, "SVBIEDs": true,
	"UAV": true, "UAVs": true, "MANPADS": true, "ATGM": true, "ATGMs": true, "RPG": true, "RPGs": true,
	"ICBM": true, "ICBMs": true, "SLBM": true, "HIMARS": true, "ATACMS": true, "MLRS": true,
	"Tomahawk": false, "Javelin": false, "Stinger": false,
}

// weapons makes weapons and platforms named by acronym MISC.
func (w *work) weapons() {
	var add []Entity
	for i, word := range w.words {
		if weaponNames[word] {
			add = append(add, Entity{Type: MISC, Start: w.d.Tokens[i].Start, End: w.d.Tokens[i].End, Score: 1})
		}
	}
	w.replace(add)
}

// replace puts the entities add (sorted, not overlapping) in place of the
// entities they overlap.
func (w *work) replace(add []Entity) {
	if len(add) == 0 {
		return
	}
	out := make([]Entity, 0, len(w.ents)+len(add))
	a := 0
	for _, e := range w.ents {
		for a < len(add) && add[a].End <= e.Start {
			add[a].Text = w.d.Text[add[a].Start:add[a].End]
			out = append(out, add[a])
			a++
		}
		overlaps := false
		for b := a; b < len(add) && add[b].Start < e.End; b++ {
			if add[b].End > e.Start {
				overlaps = true
				break
			}
		}
		if !overlaps {
			out = append(out, e)
		}
	}
	for ; a < len(add); a++ {
		add[a].Text = w.d.Text[add[a].Start:add[a].End]
		out = append(out, add[a])
	}
	w.ents = out
}

// locatives retypes as places the one-name "people" after a locative
// preposition ("near Abu Kamal", "outside Ayn Isa"), or after "and"
// following such a place, unless the document names a person with the
// same last word with a title or a first name.
func (w *work) locatives() {
	people := map[string]int{} // last word of persons -> mentions
	for _, e := range w.ents {
		if e.Type == PERSON {
			f := strings.Fields(e.Text)
			people[f[len(f)-1]]++
		}
	}
	prevPlace := -1 // token index after the last place entity
	for k := range w.ents {
		e := &w.ents[k]
		first, last, ok := w.tokenRange(*e)
		if !ok {
			continue
		}
		if e.Type == PERSON && first > 0 && !(last < len(w.words) && isPossessive(w.words[last])) {
			prev := w.words[first-1]
			f := strings.Fields(e.Text)
			if people[f[len(f)-1]] == 1 {
				switch {
				case prev == "near" || prev == "outside" || prev == "around" || prev == "of" && first > 1 && (w.words[first-2] == "town" || w.words[first-2] == "village"),
					prev == "and" && prevPlace == first-1:
					if _, _, titled := gaz.TitleBefore(w.words, first); !titled {
						e.Type, e.Role = LOCATION, ""
					}
				}
			}
		}
		if isPlace(e.Type) {
			prevPlace = last
		}
	}
}

// joinSplitNames replaces two neighbouring entities, apart by a space,
// by one when the document writes their words elsewhere as one entity:
// "Dayr" and "Az Zayr" in a title-case heading are "Dayr Az Zayr".
func (w *work) joinSplitNames() {
	if len(w.ents) < 3 {
		return
	}
	whole := map[string]int{}
	for k, e := range w.ents {
		if strings.Contains(e.Text, " ") && !strings.ContainsAny(e.Text, "\n\t") {
			whole[strings.ToLower(e.Text)] = k
		}
	}
	var add []Entity
	for k := 0; k+1 < len(w.ents); k++ {
		a, b := w.ents[k], w.ents[k+1]
		if b.Start <= a.End || !onlySpaces(w.d.Text[a.End:b.Start]) {
			continue
		}
		if len(whole) == 0 || a.Type == PERSON && b.Type == PERSON {
			continue
		}
		j, ok := whole[strings.ToLower(a.Text+" "+b.Text)]
		if !ok {
			continue
		}
		o := w.ents[j]
		add = append(add, Entity{Type: o.Type, Start: a.Start, End: b.End, Canonical: o.Canonical, Country: o.Country, Score: o.Score})
		k++
	}
	w.replace(add)
}

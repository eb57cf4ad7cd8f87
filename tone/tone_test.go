package tone

import (
	"encoding/json"
	"math"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/diplotext/diplotext/text"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func newLabeler(t testing.TB, opts ...Option) *Labeler {
	t.Helper()
	l, err := NewLabeler(opts...)
	require.NoError(t, err)
	return l
}

// Register test texts: invented diplomatic readouts, one or more per label.
var registerTexts = []struct {
	reg  Register
	text string
}{
	{Cordial, "The President warmly welcomed the Prime Minister, an old friend, and the talks were held in a cordial atmosphere."},
	{Cordial, "The two leaders held warm and friendly talks over dinner."},
	{Constructive, "Officials described the negotiations as constructive and said both delegations made progress on the draft text."},
	{Constructive, "The ministers held productive talks and found common ground on trade."},
	{Frank, "The foreign ministers had a full and frank exchange of views on the border dispute."},
	{Frank, "In candid discussions the two sides agreed to disagree on sanctions."},
	{Businesslike, "The envoys held a businesslike meeting and exchanged views on the agenda of the summit."},
	{Businesslike, "Both sides described it as a useful exchange on consular matters."},
	{Cautious, "The talks did not yield breakthroughs, and the delegations agreed to keep channels open."},
	{Cautious, "Diplomats expressed cautious optimism, saying it remains to be seen whether the truce will hold."},
	{Tense, "The ministry expressed deep concern over the troop movements as relations remained strained."},
	{Tense, "The ambassador was summoned amid rising tensions, and the meeting was described as tense."},
	{Hostile, "The government strongly condemns the missile launch and categorically rejects the accusations."},
	{Hostile, "The spokesman called the incursion an act of aggression and warned of severe consequences."},
	{Conciliatory, "In a conciliatory gesture, the government offered an olive branch and pledged to ease tensions."},
	{Conciliatory, "Both capitals agreed to normalise relations and open a new chapter."},
	{Hedged, "The minister will likely travel to Beijing, and a deal could reportedly be signed, although officials said it was possibly premature."},
	{Firm, "The minister said the sovereignty of the islands is non-negotiable and a red line for the government."},
}

func TestRegisterTexts(t *testing.T) {
	l := newLabeler(t)
	for _, c := range registerTexts {
		r, err := l.Label(c.text)
		require.NoError(t, err)
		assert.Contains(t, r.Register, c.reg, "%q: registers %v", c.text, r.Register)
	}
}

func TestRegisterPolarityDirections(t *testing.T) {
	l := newLabeler(t)
	score := func(s string) Result {
		r, err := l.Label(s)
		require.NoError(t, err)
		return r
	}
	for _, c := range registerTexts {
		r := score(c.text)
		switch c.reg {
		case Cordial, Constructive, Conciliatory:
			assert.Greater(t, r.Score, 0.0, c.text)
			assert.Greater(t, r.Cooperation, 0.0, c.text)
		case Tense, Hostile:
			assert.Less(t, r.Score, 0.0, c.text)
			assert.Less(t, r.Cooperation, 0.0, c.text)
		}
	}
}

// The reference case.
func TestFrankMeetingWithoutBreakthrough(t *testing.T) {
	l := newLabeler(t)
	r, err := l.Label("The foreign ministers of the two countries held frank talks in Geneva on Tuesday. " +
		"The meeting did not yield breakthroughs, but both sides agreed to keep channels open.")
	require.NoError(t, err)
	assert.LessOrEqual(t, r.Score, 0.1, "neutral to slightly negative")
	assert.GreaterOrEqual(t, r.Score, -0.35)
	assert.NotEqual(t, Positive, r.Label)
	assert.Contains(t, r.Register, Frank)
	assert.Contains(t, r.Register, Cautious)
	assert.Greater(t, r.Cooperation, 0.0)
	assert.Less(t, r.Cooperation, 4.0, "mildly positive")
}

func TestPolarityRules(t *testing.T) {
	l := newLabeler(t)
	s := func(x string) float64 {
		r, err := l.Label(x)
		require.NoError(t, err)
		return r.Score
	}
	assert.Greater(t, s("The talks were a great success."), 0.1)
	assert.Less(t, s("The talks were a disaster."), -0.1)
	// Negation flips.
	assert.Less(t, s("The talks were not a success."), 0.0)
	assert.Greater(t, s("The plan is not a disaster."), s("The plan is a disaster."))
	// Intensifiers strengthen, downtoners weaken.
	assert.Greater(t, s("The outcome was extremely good."), s("The outcome was good."))
	assert.Less(t, s("The outcome was slightly good."), s("The outcome was good."))
	// Contrast: what follows "but" dominates.
	assert.Less(t, s("The venue was pleasant, but the talks were a terrible failure."), 0.0)
	assert.Greater(t, s("The talks were difficult, but the agreement is excellent and welcome."), 0.0)
	// Hedging weakens.
	assert.Less(t, s("The deal would probably be good."), s("The deal is good."))
	// So-called praise is ironic.
	assert.Less(t, s("They announced a so-called peace plan."), s("They announced a peace plan."))
	// Typographic apostrophes negate like ASCII ones.
	assert.Equal(t, s("The talks weren't a success."), s("The talks weren’t a success."))
	assert.Less(t, s("The talks weren’t a success."), 0.0)
	// Idioms and courtesies.
	assert.Greater(t, s("Thank you, minister."), 0.0)
	assert.Greater(t, s("That speech was bad ass."), 0.0)
	// A one-line text without final punctuation (a tweet, a headline) is
	// read as body, not as a heading of nothing.
	assert.Equal(t, s("The talks were a great success."), s("The talks were a great success"))
	// Neutral reporting sits near zero.
	for _, x := range []string{
		"The minister arrived in Nairobi on Monday for a two-day visit.",
		"The United Nations Security Council will meet on Thursday in New York.",
		"The delegation included officials from the finance and foreign ministries.",
	} {
		assert.InDelta(t, 0, s(x), 0.15, x)
	}
}

// Words whose valence is learned only (no lexicon entry) lose it when
// capitalised mid-sentence, where they are most likely names.
func TestLearnedValenceNotForNames(t *testing.T) {
	lx, err := defaultLexicon()
	require.NoError(t, err)
	var word string
	var keys []string
	for k := range lx.words {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		e := lx.words[k]
		if e.val == 0 && math.Abs(float64(e.delta)) > 0.1 && e.flags == 0 && e.reg == 0 && e.coop == 0 &&
			len(e.phrases) == 0 && len(k) > 3 && strings.Trim(k, "abcdefghijklmnopqrstuvwxyz") == "" {
			word = k
			break
		}
	}
	require.NotEmpty(t, word, "no learned-only word in the embedded model")
	l := newLabeler(t)
	lower, err := l.Label("We saw the " + word + " delegation today.")
	require.NoError(t, err)
	name, err := l.Label("We saw the " + strings.ToUpper(word[:1]) + word[1:] + " delegation today.")
	require.NoError(t, err)
	assert.NotZero(t, lower.Score, word)
	assert.Zero(t, name.Score, word)
}

// Learned two-word adjustments apply to the pair written in lower case,
// and show as evidence.
func TestLearnedWordPairs(t *testing.T) {
	lx, err := defaultLexicon()
	require.NoError(t, err)
	var a, b string
	var v float32
	var keys []string
	for k := range lx.words {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		e := lx.words[k]
		if e.next == nil || e.flags != 0 || len(e.phrases) > 0 || strings.Trim(k, "abcdefghijklmnopqrstuvwxyz") != "" {
			continue
		}
		for w2, d := range e.next {
			if math.Abs(float64(d)) > 0.2 && strings.Trim(w2, "abcdefghijklmnopqrstuvwxyz") == "" && (b == "" || w2 < b) {
				a, b, v = k, w2, d
			}
		}
		if b != "" {
			break
		}
	}
	require.NotEmpty(t, b, "no learned word pair in the embedded model")
	l := newLabeler(t)
	r, err := l.Label("We saw " + a + " " + b + " there.")
	require.NoError(t, err)
	found := false
	for _, e := range r.Evidence {
		if e.Text == a+" "+b && e.Kind == "lexicon" {
			found = true
			assert.InDelta(t, float64(v), e.Weight, 1e-3)
		}
	}
	assert.True(t, found, "%q %q: evidence %+v", a, b, r.Evidence)
}

// The evidence heap keeps the strongest pieces, earlier ones on ties, and
// returns them in text order.
func TestEvidenceHeap(t *testing.T) {
	h := evidenceHeap{max: 3}
	for i, w := range []float64{0.5, -2, 1, 2, 0.1, -1, 2} {
		h.push(Evidence{Start: 10 * i, End: 10*i + 5, Weight: w, Kind: "lexicon"})
	}
	got := h.sorted()
	var starts []int
	for _, e := range got {
		starts = append(starts, e.Start)
	}
	assert.Equal(t, []int{10, 30, 60}, starts)
	// Three pieces of strength 2 compete for two places: the earlier win.
	h = evidenceHeap{max: 2}
	for i, w := range []float64{0.5, -2, 1, 2, 0.1, -1, 2} {
		h.push(Evidence{Start: 10 * i, End: 10*i + 5, Weight: w, Kind: "lexicon"})
	}
	got = h.sorted()
	require.Len(t, got, 2)
	assert.Equal(t, 10, got[0].Start)
	assert.Equal(t, 30, got[1].Start)
	h = evidenceHeap{max: 0}
	h.push(Evidence{Weight: 1})
	assert.Empty(t, h.sorted())
}

func TestLongTextDoesNotSaturate(t *testing.T) {
	l := newLabeler(t)
	one, err := l.Label(strings.Repeat("The summit was a remarkable success. Officials met in the capital. ", 4))
	require.NoError(t, err)
	long, err := l.Label(strings.Repeat("The summit was a remarkable success. Officials met in the capital. ", 500))
	require.NoError(t, err)
	assert.InDelta(t, one.Score, long.Score, 0.01)
	assert.Less(t, long.Score, 0.9)
	neutralHeavy, err := l.Label("The summit was a remarkable success. " + strings.Repeat("Officials met in the capital. ", 50))
	require.NoError(t, err)
	assert.Less(t, neutralHeavy.Score, one.Score, "neutral sentences dilute")
	assert.Len(t, long.Evidence, 32, "evidence is capped")
}

func TestResultOffsetsAndJSON(t *testing.T) {
	l := newLabeler(t)
	in := "Ministers strongly condemn the attack. “We welcome the ceasefire,” the envoy said!"
	r, err := l.Label(in)
	require.NoError(t, err)
	require.Len(t, r.Sentences, 2)
	for _, e := range r.Evidence {
		require.True(t, 0 <= e.Start && e.Start < e.End && e.End <= len(in))
		assert.Equal(t, in[e.Start:e.End], e.Text)
		assert.Contains(t, []string{"lexicon", "register", "cooperation"}, e.Kind)
	}
	b, err := json.Marshal(r)
	require.NoError(t, err)
	var back map[string]any
	require.NoError(t, json.Unmarshal(b, &back))
	for _, k := range []string{"score", "label", "cooperation", "register", "evidence", "sentences"} {
		assert.Contains(t, back, k)
	}
	var r2 Result
	require.NoError(t, json.Unmarshal(b, &r2))
	assert.Equal(t, r.Label, r2.Label)
	assert.Equal(t, r.Register, r2.Register)
}

func TestLabelsText(t *testing.T) {
	for _, p := range []Polarity{Negative, Neutral, Positive} {
		b, err := p.MarshalText()
		require.NoError(t, err)
		var q Polarity
		require.NoError(t, q.UnmarshalText(b))
		assert.Equal(t, p, q)
	}
	assert.Equal(t, "negative", Negative.String())
	_, err := Polarity(7).MarshalText()
	assert.Error(t, err)
	var q Polarity
	assert.Error(t, q.UnmarshalText([]byte("bad")))
	for _, r := range Registers() {
		b, err := r.MarshalText()
		require.NoError(t, err)
		var r2 Register
		require.NoError(t, r2.UnmarshalText(b))
		assert.Equal(t, r, r2)
		assert.NotEmpty(t, r.Meaning())
		assert.Equal(t, string(b), r.String())
	}
	assert.Len(t, Registers(), 10)
	_, err = Register(0).MarshalText()
	assert.Error(t, err)
	assert.Equal(t, "Register(99)", Register(99).String())
	var r Register
	assert.Error(t, r.UnmarshalText([]byte("warmish")))
}

func TestToward(t *testing.T) {
	l := newLabeler(t)
	in := "Lavrov praised the courage of Blinken, while the ministers condemned Smith for the disastrous leak."
	d := text.Parse(in)
	span := func(w string) (int, int) {
		i := strings.Index(in, w)
		return i, i + len(w)
	}
	s, e := span("Blinken")
	tb, err := l.Toward(d, s, e)
	require.NoError(t, err)
	s, e = span("Smith")
	ts, err := l.Toward(d, s, e)
	require.NoError(t, err)
	assert.Greater(t, tb.Score, ts.Score, "praised target above condemned target")
	assert.Equal(t, Negative, ts.Label)
	assert.Equal(t, s, ts.Start)
	assert.Equal(t, e, ts.End)
}

func TestTowardBadSpans(t *testing.T) {
	l := newLabeler(t)
	in := "Ça va: the président met Ангела Меркель."
	d := text.Parse(in)
	for _, sp := range [][2]int{{-1, 3}, {0, 0}, {5, 3}, {0, len(in) + 1}, {1, 4}, {0, 1}} {
		_, err := l.Toward(d, sp[0], sp[1])
		if sp == [2]int{0, 1} {
			assert.Error(t, err, "splits Ç") // Ç is two bytes
			continue
		}
		assert.Error(t, err, "span %v", sp)
	}
	i := strings.Index(in, "Ангела")
	_, err := l.Toward(d, i, i+len("Ангела Меркель"))
	assert.NoError(t, err)
	_, err = l.Toward(d, i+1, i+4)
	assert.Error(t, err, "splits a Cyrillic letter")
	_, err = l.Toward(nil, 0, 1)
	assert.Error(t, err)
	ws := text.Parse("a   b")
	_, err = l.Toward(ws, 1, 3)
	assert.Error(t, err, "white space only")
}

func TestBadInput(t *testing.T) {
	l := newLabeler(t)
	inputs := []string{
		"", " ", "....", strings.Repeat(".", 1_000_000), "\x00\x00\xff\xfe", "😀😡🔥🎉",
		"THE TALKS WERE EXCELLENT AND WE ARE VERY HAPPY!!!", strings.Repeat("x", 1<<20),
		strings.Repeat("Talks continue. ", 100_000), "not not not never no", "!!!!!!!!", "but but however",
	}
	for _, in := range inputs {
		r, err := l.Label(in)
		require.NoError(t, err)
		checkResult(t, in, r)
	}
	r, err := l.Label("😀 great day 🎉")
	require.NoError(t, err)
	assert.Greater(t, r.Score, 0.0)
	r, err = l.LabelDocument(nil)
	require.NoError(t, err, "a nil document is the empty document")
	checkResult(t, "", r)
	assert.Zero(t, r.Score)
}

func checkResult(t *testing.T, in string, r Result) {
	t.Helper()
	require.True(t, r.Score >= -1 && r.Score <= 1, "score %v", r.Score)
	require.True(t, r.Cooperation >= -10 && r.Cooperation <= 10)
	require.Contains(t, []Polarity{Negative, Neutral, Positive}, r.Label)
	for _, e := range r.Evidence {
		require.True(t, 0 <= e.Start && e.Start < e.End && e.End <= len(in), "evidence %+v", e)
		require.Equal(t, in[e.Start:e.End], e.Text)
	}
	prev := 0
	for _, s := range r.Sentences {
		require.True(t, prev <= s.Start && s.Start < s.End && s.End <= len(in))
		require.True(t, s.Score >= -1 && s.Score <= 1)
		prev = s.End
	}
}

func TestOptions(t *testing.T) {
	wide := newLabeler(t, WithNeutralBand(0.9))
	r, err := wide.Label("This is a wonderful, excellent, marvellous agreement!")
	require.NoError(t, err)
	assert.Equal(t, Neutral, r.Label)
	none := newLabeler(t, WithMaxEvidence(0))
	r, err = none.Label("A wonderful agreement.")
	require.NoError(t, err)
	assert.Empty(t, r.Evidence)
	custom := newLabeler(t, WithTerms(map[string]float64{"zorblat": -3}))
	r, err = custom.Label("The zorblat was announced.")
	require.NoError(t, err)
	assert.Less(t, r.Score, 0.0)
	plain := newLabeler(t)
	r, err = plain.Label("The zorblat was announced.")
	require.NoError(t, err)
	assert.Equal(t, 0.0, r.Score, "WithTerms does not leak into other labelers")
	_, err = NewLabeler(WithTerms(map[string]float64{"x": 1 / zero()}))
	assert.Error(t, err)
	for _, o := range []struct {
		opt  Option
		name string
	}{
		{WithNeutralBand(math.NaN()), "WithNeutralBand"},
		{WithNeutralBand(-0.1), "WithNeutralBand"},
		{WithNeutralBand(1), "WithNeutralBand"},
		{WithNeutralBand(math.Inf(1)), "WithNeutralBand"},
		{WithMaxEvidence(-1), "WithMaxEvidence"},
	} {
		l, err := NewLabeler(o.opt)
		assert.Nil(t, l)
		if assert.Error(t, err) {
			assert.Contains(t, err.Error(), o.name)
		}
	}
	zeroBand := newLabeler(t, WithNeutralBand(0), nil)
	r, err = zeroBand.Label("A good day.")
	require.NoError(t, err)
	assert.Equal(t, Positive, r.Label)
	rules := newLabeler(t, WithoutLearnedWeights())
	r, err = rules.Label("The talks were a great success.")
	require.NoError(t, err)
	assert.Equal(t, Positive, r.Label)
	d := text.Parse("Critics condemned Smith.")
	tg, err := rules.Toward(d, 18, 23)
	require.NoError(t, err)
	assert.Less(t, tg.Score, 0.0)
}

func zero() float64 { return 0 }

func TestConcurrentUse(t *testing.T) {
	l := newLabeler(t)
	in := registerTexts[4].text
	want, err := l.Label(in)
	require.NoError(t, err)
	d := text.Parse(in)
	acts := []ActorMentions{{Name: "ministers", Mentions: []Span{{4, 20}}}}
	wantActs, err := l.Actors(d, acts)
	require.NoError(t, err)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 50 {
				got, err := l.Label(in)
				if err != nil || got.Score != want.Score || !slices.Equal(got.Register, want.Register) {
					t.Error("concurrent result differs")
					return
				}
				a, err := l.Actors(d, acts)
				if err != nil || a[0].Score != wantActs[0].Score {
					t.Error("concurrent actor tone differs")
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestModelsDecode(t *testing.T) {
	_, err := parsePolarity([]byte("not gzip"))
	assert.Error(t, err)
	_, err = parseTarget([]byte{0x1f, 0x8b, 0, 0})
	assert.Error(t, err)
	_, err = loadTargetBin([]byte{0x1f, 0x8b, 0, 0})
	assert.ErrorIs(t, err, errCorruptModel)
	m, err := targetWeights()
	require.NoError(t, err)
	assert.NotEmpty(t, m.w, "embedded target model")
	p, err := polarityWeights()
	require.NoError(t, err)
	assert.NotEmpty(t, p.delta)
}

func TestCharToByte(t *testing.T) {
	s := "Ça “va”"
	assert.Equal(t, 0, charToByte(s, 0))
	assert.Equal(t, 2, charToByte(s, 1))
	assert.Equal(t, len(s), charToByte(s, utf8.RuneCountInString(s)))
	assert.Equal(t, -1, charToByte(s, 99))
}

func BenchmarkLabel(b *testing.B) {
	l, err := NewLabeler()
	if err != nil {
		b.Fatal(err)
	}
	var sb strings.Builder
	for i := 0; sb.Len() < 1<<20; i++ {
		sb.WriteString(registerTexts[i%len(registerTexts)].text)
		sb.WriteString(" ")
	}
	in := sb.String()
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := l.Label(in); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSharedDataSmoke checks the embedded models against the shared data
// when it is present: a quick lower bound, not the reported figures.
func TestSharedDataSmoke(t *testing.T) {
	dir := dataDir(t)
	l := newLabeler(t)
	rows := loadRated(t, dir, "amazonReviewSnippets")[:1000]
	var x, y []float64
	for _, r := range rows {
		res, err := l.Label(r.Text)
		require.NoError(t, err)
		x, y = append(x, res.Score), append(y, r.Rating)
	}
	assert.Greater(t, pearson(x, y), 0.5)
}

// TestRegisterRanking: registers are ranked, at most three, each with its
// confidence and supporting sentences; each register text reads its own
// register first; the frank US-Russia report reads frank first (issue 13).
func TestRegisterRanking(t *testing.T) {
	l := newLabeler(t)
	for _, c := range registerTexts {
		r, err := l.Label(c.text)
		require.NoError(t, err)
		require.NotEmpty(t, r.Register, c.text)
		assert.Equal(t, c.reg, r.Register[0], "%q: %v", c.text, r.Register)
	}
	b, err := os.ReadFile("../examples/briefing/sample.txt")
	require.NoError(t, err)
	in := string(b)
	r, err := l.Label(in)
	require.NoError(t, err)
	require.NotEmpty(t, r.Register)
	assert.Equal(t, Frank, r.Register[0], "%v", r.Register)
	assert.GreaterOrEqual(t, r.Score, -0.35)
	assert.LessOrEqual(t, r.Score, 0.35)
	assert.LessOrEqual(t, len(r.Register), 3)
	require.Len(t, r.Registers, len(r.Register))
	for i, rs := range r.Registers {
		assert.Equal(t, r.Register[i], rs.Register)
		assert.True(t, rs.Confidence > 0 && rs.Confidence < 1)
		if i > 0 {
			assert.LessOrEqual(t, rs.Strength, r.Registers[i-1].Strength)
		}
		assert.NotEmpty(t, rs.Sentences)
		for _, sp := range rs.Sentences {
			assert.True(t, 0 <= sp.Start && sp.Start < sp.End && sp.End <= len(in))
		}
	}
	assert.Contains(t, in[r.Registers[0].Sentences[0].Start:r.Registers[0].Sentences[0].End], "frank")
	// Many cues of many registers still give at most three.
	var sb strings.Builder
	for _, c := range registerTexts {
		sb.WriteString(c.text + " ")
	}
	r, err = l.Label(sb.String())
	require.NoError(t, err)
	assert.LessOrEqual(t, len(r.Register), 3)
	r, err = l.Label("The weather was mild.")
	require.NoError(t, err)
	assert.Empty(t, r.Register)
	assert.NotNil(t, r.Registers)
}

// TestReportedOutcomes: the valence of what is reported, not of the topic
// words: a remedy overcomes the bad things of its clause, and a promise
// that did not materialise is bad news (issue 13.1).
func TestReportedOutcomes(t *testing.T) {
	l := newLabeler(t)
	score := func(s string) float64 {
		r, err := l.Label(s)
		require.NoError(t, err)
		return r.Score
	}
	assert.Greater(t, score("New cancer drug to save a thousand lives a year"), 0.1)
	assert.Greater(t, score("Hostage feared dead is freed"), 0.1)
	assert.Less(t, score("Promises of press freedom have not materialized."), -0.1)
	assert.Less(t, score("The government's promises of reform remain unfulfilled."), -0.1)
	assert.Greater(t, score("The promised reforms have materialised."), 0.0)
	// The remedy reaches its own clause only.
	assert.Less(t, score("Rebels killed twenty villagers; the army later freed two hostages."), 0.0)
	// Linear however many clauses and triggers a sentence holds.
	in := strings.Repeat("promises not materialised freed the sick ", 20_000)
	r, err := l.Label(in)
	require.NoError(t, err)
	checkResult(t, in, r)
}

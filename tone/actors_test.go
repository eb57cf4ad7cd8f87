package tone

import (
	"math"
	"strings"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/diplotext/diplotext/text"
)

func spansOf(in string, words ...string) []Span {
	var out []Span
	for _, w := range words {
		for off := 0; ; {
			i := strings.Index(in[off:], w)
			if i < 0 {
				break
			}
			out = append(out, Span{off + i, off + i + len(w)})
			off += i + len(w)
		}
	}
	return out
}

func TestActors(t *testing.T) {
	l := newLabeler(t)
	in := "Minister Anna Berg praised the generous aid. She said it would save thousands of lives. " +
		"Critics accused Karl Holm of corruption and condemned his disastrous policies. " +
		"The weather was mild."
	d := text.Parse(in)
	acts, err := l.Actors(d, []ActorMentions{
		{Name: "Anna Berg", Person: true, Mentions: spansOf(in, "Anna Berg")},
		{Name: "Karl Holm", Person: true, Mentions: spansOf(in, "Karl Holm")},
		{Name: "Nobody"},
	})
	require.NoError(t, err)
	require.Len(t, acts, 3)
	berg, holm, nobody := acts[0], acts[1], acts[2]
	assert.Equal(t, 2, berg.Mentions, "the full name and the resolved 'She'")
	assert.Equal(t, 1, berg.Pronouns)
	assert.Equal(t, 2, holm.Mentions, "the full name and 'his'")
	assert.Greater(t, berg.Score, holm.Score)
	assert.Equal(t, Negative, holm.Label)
	assert.Equal(t, 0, nobody.Mentions)
	assert.Equal(t, Neutral, nobody.Label)
	assert.NotNil(t, nobody.Evidence)
	for _, a := range acts {
		// The label agrees with the score's sign.
		switch a.Label {
		case Positive:
			assert.GreaterOrEqual(t, a.Score, ActorBand)
		case Negative:
			assert.LessOrEqual(t, a.Score, -ActorBand)
		default:
			assert.Less(t, a.Score, ActorBand)
			assert.Greater(t, a.Score, -ActorBand)
		}
		assert.LessOrEqual(t, len(a.Evidence), 3)
		for _, e := range a.Evidence {
			assert.True(t, 0 <= e.Start && e.Start < e.End && e.End <= len(in))
		}
	}
	require.NotEmpty(t, holm.Evidence)
	assert.Contains(t, in[holm.Evidence[0].Start:holm.Evidence[0].End], "Holm")
	sc, n := holm.Within(0, len(in))
	assert.Equal(t, 2, n)
	assert.InDelta(t, holm.Score, sc, 1e-3)
	_, n = holm.Within(0, 10)
	assert.Zero(t, n)
}

func TestActorsPronounsNeedOnePerson(t *testing.T) {
	l := newLabeler(t)
	// Two people named in one sentence: "he" is ambiguous and left out.
	in := "Karl Holm met Lars Berg in Oslo. He called the talks a failure."
	d := text.Parse(in)
	acts, err := l.Actors(d, []ActorMentions{
		{Name: "Karl Holm", Person: true, Mentions: spansOf(in, "Karl Holm")},
		{Name: "Lars Berg", Person: true, Mentions: spansOf(in, "Lars Berg")},
	})
	require.NoError(t, err)
	assert.Zero(t, acts[0].Pronouns)
	assert.Zero(t, acts[1].Pronouns)
	// A country is no person: its "it" or "her" is not resolved.
	in = "Norway praised the deal. Her minister was pleased."
	acts, err = l.Actors(text.Parse(in), []ActorMentions{{Name: "Norway", Mentions: spansOf(in, "Norway")}})
	require.NoError(t, err)
	assert.Equal(t, 1, acts[0].Mentions)
}

func TestActorsBadInput(t *testing.T) {
	l := newLabeler(t)
	got, err := l.Actors(nil, nil)
	require.NoError(t, err)
	assert.NotNil(t, got)
	assert.Empty(t, got)
	in := "Ça va: the président met Ангела Меркель."
	d := text.Parse(in)
	_, err = l.Actors(d, []ActorMentions{{Name: "x", Mentions: []Span{{0, 1}}}})
	assert.ErrorIs(t, err, ErrSpan)
	assert.Contains(t, err.Error(), `actor 0 ("x") mention 0`)
	_, err = l.Actors(d, []ActorMentions{{Name: "x", Mentions: []Span{{0, len(in) + 1}}}})
	assert.ErrorIs(t, err, ErrSpan)
	var nl *Labeler
	_, err = nl.Actors(d, nil)
	assert.Error(t, err)
	// An actor with 10,000 mentions in one run-on sentence: linear work.
	big := strings.Repeat("Holm said he was pleased, ", 10_000)
	acts, err := l.Actors(text.Parse(big), []ActorMentions{{Name: "Holm", Person: true, Mentions: spansOf(big, "Holm")}})
	require.NoError(t, err)
	assert.Equal(t, 10_000, acts[0].Mentions-acts[0].Pronouns)
	assert.LessOrEqual(t, len(acts[0].Evidence), 3)
	for _, in := range []string{"", "....", "😀😡🔥", "THE MINISTER HOLM IS A DISGRACE!"} {
		_, err := l.Actors(text.Parse(in), []ActorMentions{{Name: "Holm", Person: true, Mentions: spansOf(in, "HOLM")}})
		require.NoError(t, err)
	}
}

func benchmarkActors(b *testing.B, unwired bool) {
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
	d := text.Parse(in)
	// Every capitalised word that does not open its sentence stands for an
	// actor's mention, five actors in turn.
	acts := make([]ActorMentions, 5)
	for si, s := range d.Sentences {
		for i := s.First + 1; i < s.Last; i++ {
			tk := d.Tokens[i]
			if tk.Kind == text.Word && text.StartsUpper(in[tk.Start:tk.End]) {
				a := &acts[(si+i)%5]
				a.Mentions = append(a.Mentions, Span{tk.Start, tk.End})
				a.Person = true
			}
		}
	}
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		r, err := l.LabelDocument(d)
		if err != nil {
			b.Fatal(err)
		}
		if unwired {
			_, err = l.Actors(d, acts)
		} else {
			_, err = l.ActorsIn(d, r, acts)
		}
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkActors is the tone stage as the root runs it: LabelDocument,
// then ActorsIn with its result.
func BenchmarkActors(b *testing.B) { benchmarkActors(b, false) }

// BenchmarkActorsUnwired is LabelDocument then Actors, which reads the
// document's polarity again: the cost for a caller that does not pass the
// result it has.
func BenchmarkActorsUnwired(b *testing.B) { benchmarkActors(b, true) }

// ActorsIn with the document's own LabelDocument result is Actors; the
// document's polarity moves every actor's score; a score out of range is
// an error.
func TestActorsIn(t *testing.T) {
	l := newLabeler(t)
	s := "Anna Berg opened the new hospital. The crowd cheered. Berg thanked the wonderful, generous volunteers."
	d := text.Parse(s)
	acts := []ActorMentions{{Name: "Anna Berg", Person: true, Mentions: []Span{{0, 9}, {54, 58}}}}
	want, err := l.Actors(d, acts)
	require.NoError(t, err)
	r, err := l.LabelDocument(d)
	require.NoError(t, err)
	require.NotZero(t, r.Score)
	assert.Equal(t, r.Score, want[0].Document)
	got, err := l.ActorsIn(d, r, acts)
	require.NoError(t, err)
	assert.Equal(t, want, got)
	// The same mentions in a document read as negative overall score lower.
	neg := r
	neg.Score = -0.9
	low, err := l.ActorsIn(d, neg, acts)
	require.NoError(t, err)
	assert.Less(t, low[0].Score, got[0].Score)
	// Without the article-level model, the score is the calibrated mix,
	// linear in the document's polarity.
	base, err := NewLabeler(WithoutLearnedWeights())
	require.NoError(t, err)
	rb, err := base.LabelDocument(d)
	require.NoError(t, err)
	hi, err := base.ActorsIn(d, rb, acts)
	require.NoError(t, err)
	negb := rb
	negb.Score = -0.9
	lo, err := base.ActorsIn(d, negb, acts)
	require.NoError(t, err)
	assert.InDelta(t, actorDocMix*(rb.Score+0.9), hi[0].Score-lo[0].Score, 1e-3)
	for _, bad := range []float64{math.NaN(), 1.5, -2} {
		r.Score = bad
		_, err := l.ActorsIn(d, r, acts)
		assert.Error(t, err, "%v", bad)
	}
}

// TestHandBuiltDocuments: a Document whose tokens or sentences do not fit
// its text is an error at every entry point, never a panic (issue 16.11).
func TestHandBuiltDocuments(t *testing.T) {
	l := newLabeler(t)
	good := text.Parse("Holm praised Berg.")
	bad := []*text.Document{
		{Text: "abc", Tokens: []text.Token{{Start: 0, End: 9, Kind: text.Word}}, Sentences: []text.Sentence{{Start: 0, End: 3, First: 0, Last: 1}}},
		{Text: "abc", Tokens: []text.Token{{Start: 2, End: 3, Kind: text.Word}, {Start: 0, End: 1, Kind: text.Word}}},
		{Text: "abc", Tokens: []text.Token{{Start: 0, End: 3, Kind: text.Word}}, Sentences: []text.Sentence{{First: 0, Last: 5}}},
		{Text: "abc", Tokens: []text.Token{{Start: 1, End: 1, Kind: text.Word}}},
		{Text: good.Text, Tokens: good.Tokens, Sentences: []text.Sentence{{First: 2, Last: 1}}},
		{Text: good.Text, Tokens: good.Tokens, Sentences: []text.Sentence{{Start: 0, End: 4, First: 0, Last: 0}}},
		{Text: good.Text, Tokens: good.Tokens, Sentences: []text.Sentence{{Start: 0, End: len(good.Text), First: 1, Last: 2}}},
	}
	for i, d := range bad {
		_, err := l.LabelDocument(d)
		assert.ErrorIs(t, err, ErrDocument, "doc %d", i)
		_, err = l.Towards(d, []Span{{0, 1}})
		assert.ErrorIs(t, err, ErrDocument, "doc %d", i)
		_, err = l.Actors(d, nil)
		assert.ErrorIs(t, err, ErrDocument, "doc %d", i)
	}
	// A hand-built document without sentences is fine: no sentence, no tone.
	r, err := l.LabelDocument(&text.Document{Text: "abc", Tokens: []text.Token{{Start: 0, End: 3, Kind: text.Word}}})
	require.NoError(t, err)
	assert.Zero(t, r.Score)
}

func TestActorsTitles(t *testing.T) {
	l := newLabeler(t)
	in := "Foreign Minister Anna Berg arrived in Oslo. The talks went well. The minister praised the generous hosts. " +
		"Prime Minister Lars Holm stayed home."
	d := text.Parse(in)
	acts, err := l.Actors(d, []ActorMentions{
		{Name: "Anna Berg", Person: true, Role: "foreign minister", Mentions: spansOf(in, "Anna Berg")},
	})
	require.NoError(t, err)
	assert.Equal(t, 1, acts[0].Titles, "the minister")
	assert.Equal(t, 2, acts[0].Mentions)
	// Two actors whose roles end alike: "the minister" is ambiguous.
	acts, err = l.Actors(d, []ActorMentions{
		{Name: "Anna Berg", Person: true, Role: "foreign minister", Mentions: spansOf(in, "Anna Berg")},
		{Name: "Lars Holm", Person: true, Role: "prime minister", Mentions: spansOf(in, "Lars Holm")},
	})
	require.NoError(t, err)
	assert.Zero(t, acts[0].Titles)
	// Too far from the last mention.
	far := "Anna Berg arrived. One. Two. Three. Four. The minister spoke."
	acts, err = l.Actors(text.Parse(far), []ActorMentions{{Name: "Anna Berg", Person: true, Role: "minister", Mentions: spansOf(far, "Anna Berg")}})
	require.NoError(t, err)
	assert.Zero(t, acts[0].Titles)
}

// Many people named in one huge "sentence" (a list of names without
// sentence punctuation) cost each of their mentions a bounded part of it:
// the sentence words each actor keeps are at most actorSentenceMax tokens'
// worth a mention, not the whole sentence (which made 1 MB of such a list
// take 135 CPU seconds and 3.4 GB).
func TestActorsInHugeSentenceIsBounded(t *testing.T) {
	l := newLabeler(t)
	var b strings.Builder
	var acts []ActorMentions
	const n = 3000
	for i := range n {
		b.WriteString("President ")
		start := b.Len()
		b.WriteString("Zor")
		b.WriteString(strings.Repeat("a", i%7))
		b.WriteString(string(rune('a' + i%26)))
		b.WriteString(string(rune('a' + i/26%26)))
		b.WriteString(string(rune('a' + i/676)))
		acts = append(acts, ActorMentions{Name: b.String()[start:], Person: true, Mentions: []Span{{start, b.Len()}}})
		b.WriteString(" praised ")
	}
	in := b.String()
	d := text.Parse(in)
	require.Len(t, d.Sentences, 1, "one sentence of all the names")
	require.Greater(t, len(d.Tokens), 4*actorSentenceMax, "a sentence far longer than what a mention reads of it")
	r, err := l.LabelDocument(d)
	require.NoError(t, err)
	got, err := l.ActorsIn(d, r, acts)
	require.NoError(t, err)
	require.Len(t, got, n)
	total := 0
	for _, a := range got {
		require.NotNil(t, a.bags, a.Name)
		total += len(a.bags.buf)
		assert.Equal(t, 1, a.Mentions, a.Name)
	}
	// each mention: its window (2 x actorWindow) and at most
	// actorSentenceMax tokens of its sentence
	assert.LessOrEqual(t, total, n*(actorSentenceMax+2*actorWindow))
}

// The words Towards keeps for later calls are copies, not slices of the
// document's text, which the pooled map would otherwise keep alive.
func TestTargetWordsCopyTheText(t *testing.T) {
	l := newLabeler(t)
	d := text.Parse(strings.Repeat("x ", 1<<15) + "negotiations resumed")
	var tc targetScratch
	for i, tk := range d.Tokens {
		if tk.Kind == text.Word {
			l.targetWord(d, i, d.Text[tk.Start:tk.End], &tc)
		}
	}
	require.NotEmpty(t, tc.words)
	lo, hi := uintptr(unsafe.Pointer(unsafe.StringData(d.Text))), uintptr(unsafe.Pointer(unsafe.StringData(d.Text)))+uintptr(len(d.Text))
	for _, wi := range tc.words {
		p := uintptr(unsafe.Pointer(unsafe.StringData(wi.lw)))
		assert.False(t, p >= lo && p < hi, "%q is kept by the document's memory", wi.lw)
	}
}

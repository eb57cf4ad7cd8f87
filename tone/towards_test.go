package tone

import (
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/diplotext/diplotext/text"
)

// referenceToward is the targeted tone computed the direct way, from the
// model's named features of the whole sentence (as training sees them).
func referenceToward(l *Labeler, d *text.Document, start, end int) (float64, Polarity, bool) {
	si, first, last, ok := targetSpan(d, start, end)
	if !ok {
		return 0, Neutral, false
	}
	var sc scratch
	st := l.tlx.analyzeSentence(d, si, &sc)
	p := l.target.probs(l.tlx.targetFeatures(d, si, first, last, st, &sc, nil))
	label := Neutral
	if p[0] > p[1] && p[0] >= p[2] {
		label = Negative
	} else if p[2] > p[1] && p[2] > p[0] {
		label = Positive
	}
	return round4(p[2] - p[0]), label, true
}

var towardTexts = []string{
	"Lavrov praised the courage of Blinken, while the ministers condemned Smith for the disastrous leak.",
	"The foreign minister praised Norway for its patient mediation, while she accused Ruritania of violating the ceasefire.",
	`"We will not accept this," said Merkel, who called the U.S. plan "a betrayal" of its allies; Macron agreed.`,
	"Critics say Trump's so-called peace plan, which he unveiled on Tuesday, is neither fair nor workable, but Netanyahu hailed it as historic.",
	"Although the talks with Iran were frank, they did not yield breakthroughs; Russia and China kept channels open.",
}

func TestTowardsMatchesFeatureModel(t *testing.T) {
	l := newLabeler(t)
	n := 0
	for _, in := range towardTexts {
		d := text.Parse(in)
		var spans []Span
		for i, tk := range d.Tokens {
			if tk.Kind != text.Word {
				continue
			}
			spans = append(spans, Span{tk.Start, tk.End})
			if i+1 < len(d.Tokens) {
				spans = append(spans, Span{tk.Start, d.Tokens[i+1].End})
			}
		}
		got, err := l.Towards(d, spans)
		require.NoError(t, err)
		require.Len(t, got, len(spans))
		for i, sp := range spans {
			score, label, ok := referenceToward(l, d, sp.Start, sp.End)
			require.True(t, ok)
			assert.InDelta(t, score, got[i].Score, 1.5e-4, "%q", in[sp.Start:sp.End])
			if math.Abs(score) > 1e-3 {
				assert.Equal(t, label, got[i].Label, "%q in %q", in[sp.Start:sp.End], in)
			}
			switch got[i].Label {
			case Positive:
				assert.Greater(t, got[i].Score, 0.0)
			case Negative:
				assert.Less(t, got[i].Score, 0.0)
			}
			assert.Equal(t, sp.Start, got[i].Start)
			assert.Equal(t, sp.End, got[i].End)
			one, err := l.Toward(d, sp.Start, sp.End)
			require.NoError(t, err)
			assert.Equal(t, got[i], one, "Toward and Towards agree")
			n++
		}
	}
	assert.Greater(t, n, 100)
}

func TestTowardsMatchesOnNewsMTSC(t *testing.T) {
	dir := dataDir(t)
	data := loadNewsMTSC(t, dir)
	l := newLabeler(t)
	bad, n := 0, 0
	for i, x := range data {
		if i%3 != 0 {
			continue
		}
		n++
		d := text.Parse(x.Text)
		score, _, ok := referenceToward(l, d, x.Start, x.End)
		if !ok {
			continue
		}
		got, err := l.Toward(d, x.Start, x.End)
		require.NoError(t, err)
		if diff := math.Abs(got.Score - score); diff > 1.5e-4 {
			t.Logf("%d tokens: %v vs %v", len(d.Tokens), got.Score, score)
			assert.Greater(t, len(d.Tokens), sideWindow, "a sentence shorter than the window is scored exactly")
			assert.Less(t, diff, 0.2)
			bad++
		}
	}
	assert.Less(t, bad, n/1000+5, "targets whose windowed score differs from the full-sentence model")
}

func TestTowardsErrors(t *testing.T) {
	l := newLabeler(t)
	in := "Ça va: the président met Ангела Меркель."
	d := text.Parse(in)
	_, err := l.Towards(d, []Span{{0, 2}, {5, 3}})
	assert.ErrorIs(t, err, ErrSpan)
	assert.Contains(t, err.Error(), "target 1")
	got, err := l.Towards(d, nil)
	require.NoError(t, err)
	assert.NotNil(t, got)
	assert.Empty(t, got)
	got, err = l.Towards(nil, nil)
	require.NoError(t, err)
	assert.NotNil(t, got)
	_, err = l.Towards(nil, []Span{{0, 1}})
	assert.ErrorIs(t, err, ErrSpan)
	var nl *Labeler
	_, err = nl.Towards(d, nil)
	assert.Error(t, err)
}

// towardsOps counts the token and contribution steps Towards takes on d
// with spans on every word that starts upper case.
func towardsOps(t *testing.T, l *Labeler, in string) int {
	d := text.Parse(in)
	var spans []Span
	for _, tk := range d.Tokens {
		if tk.Kind == text.Word && text.StartsUpper(in[tk.Start:tk.End]) {
			spans = append(spans, Span{tk.Start, tk.End})
		}
	}
	_, ops, err := l.towards(d, spans, nil)
	require.NoError(t, err)
	return ops
}

// TestTowardsLinear checks that entity-dense text without sentence breaks
// costs linear work: 4x the input takes less than 5x the steps. (Issue 16
// point 3: every mention re-analysed its whole sentence.)
func TestTowardsLinear(t *testing.T) {
	l := newLabeler(t)
	for _, unit := range []string{"U.S. ", "Russia and China, ", "Good talks but bad Iran "} {
		small := towardsOps(t, l, strings.Repeat(unit, 500))
		large := towardsOps(t, l, strings.Repeat(unit, 2000))
		assert.Less(t, float64(large), 5*float64(small), "%q: %d then %d steps", unit, small, large)
	}
}

func BenchmarkTowardsDense(b *testing.B) {
	l, err := NewLabeler()
	if err != nil {
		b.Fatal(err)
	}
	in := strings.Repeat("Russia and China, ", 4000)
	d := text.Parse(in)
	var spans []Span
	for _, tk := range d.Tokens {
		if tk.Kind == text.Word && text.StartsUpper(in[tk.Start:tk.End]) {
			spans = append(spans, Span{tk.Start, tk.End})
		}
	}
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := l.Towards(d, spans); err != nil {
			b.Fatal(err)
		}
	}
}

// TestTowardStaysInItsClause: the tone toward a target comes from its own
// clause and segment, not from a contrasted one, and office words
// ("foreign" minister) carry no tone (issue 13).
func TestTowardStaysInItsClause(t *testing.T) {
	l := newLabeler(t)
	for _, in := range []string{
		"The foreign minister praised Norway for its patient mediation, while she accused Ruritania of violating the ceasefire.",
		"Norway's patient mediation was praised, while Ruritania was accused of violating the ceasefire.",
		"Ruritania was accused of violating the ceasefire, but Norway was praised for its patient mediation.",
	} {
		d := text.Parse(in)
		ts, err := l.Towards(d, []Span{spansOf(in, "Norway")[0], spansOf(in, "Ruritania")[0]})
		require.NoError(t, err)
		assert.Equal(t, Positive, ts[0].Label, "Norway in %q: %+v", in, ts[0])
		assert.Equal(t, Negative, ts[1].Label, "Ruritania in %q: %+v", in, ts[1])
	}
	a := "The foreign minister praised Norway for its patient mediation."
	b := "The minister praised Norway for its patient mediation."
	ta, err := l.Toward(text.Parse(a), spansOf(a, "Norway")[0].Start, spansOf(a, "Norway")[0].End)
	require.NoError(t, err)
	tb, err := l.Toward(text.Parse(b), spansOf(b, "Norway")[0].Start, spansOf(b, "Norway")[0].End)
	require.NoError(t, err)
	assert.InDelta(t, tb.Score, ta.Score, 0.02, "the word foreign does not change the tone")
	ra, err := l.Label(a)
	require.NoError(t, err)
	rb, err := l.Label(b)
	require.NoError(t, err)
	assert.Equal(t, rb.Score, ra.Score)
	for _, e := range ra.Evidence {
		assert.NotEqual(t, "foreign", e.Text)
	}
}

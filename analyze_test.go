package diplotext

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/diplotext/diplotext/dedupe"
	"github.com/diplotext/diplotext/entity"
	"github.com/diplotext/diplotext/text"
	"github.com/diplotext/diplotext/topic"
)

const readout = `Secretary of State Marco Rubio met Russian Foreign Minister Sergey Lavrov in Kuala Lumpur on Thursday. ` +
	`The talks were frank and candid and did not yield a breakthrough, but both sides agreed to keep channels open. ` +
	`Lavrov criticised new sanctions on Russian banks.`

func TestAnalyzeFindsEntitiesTopicsAndTone(t *testing.T) {
	rep, err := Analyze(context.Background(), readout)
	require.NoError(t, err)

	byText := map[string]Entity{}
	for _, e := range rep.Entities {
		assert.Equal(t, readout[e.Start:e.End], e.Text, "entity offsets index the input")
		require.NotNil(t, e.Tone, "every entity gets the tone toward it")
		byText[e.Text] = e
	}
	assert.Equal(t, entity.PERSON, byText["Marco Rubio"].Type)
	assert.Equal(t, "RUS", byText["Sergey Lavrov"].Country)
	assert.Equal(t, byText["Sergey Lavrov"].Canonical, byText["Lavrov"].Canonical, "a surname links to the full name")
	assert.Equal(t, "MYS", byText["Kuala Lumpur"].Country)

	require.NotEmpty(t, rep.Topics, "a diplomatic readout has topics")
	for _, tp := range rep.Topics {
		assert.NotEmpty(t, tp.Evidence, "topic %s has evidence", tp.ID)
		for _, ev := range tp.Evidence {
			assert.Equal(t, readout[ev.Start:ev.End], ev.Text)
		}
	}

	require.NotNil(t, rep.Tone)
	assert.InDelta(t, 0, rep.Tone.Score, 0.5, "a frank meeting without breakthrough is not strongly polar")
	var regs []string
	for _, r := range rep.Tone.Register {
		regs = append(regs, r.String())
	}
	assert.Contains(t, regs, "frank")
}

func TestAnalyzeTargetsAndBadSpans(t *testing.T) {
	a, err := New(WithoutEntities(), WithoutTopics())
	require.NoError(t, err)
	start := strings.Index(readout, "Lavrov criticised")
	rep, err := a.Analyze(context.Background(), Input{Text: readout, Targets: []Span{{start, start + len("Lavrov")}}})
	require.NoError(t, err)
	require.Len(t, rep.Targets, 1)
	assert.Equal(t, start, rep.Targets[0].Start)
	assert.Empty(t, rep.Entities, "disabled extractors leave their part empty")
	assert.Empty(t, rep.Topics)

	for _, sp := range []Span{{-1, 3}, {5, 5}, {0, len(readout) + 1}} {
		_, err := a.Analyze(context.Background(), Input{Text: readout, Targets: []Span{sp}})
		assert.Error(t, err, "span %v", sp)
	}
	_, err = a.Analyze(context.Background(), Input{Text: "Zürich", Targets: []Span{{2, 3}}})
	assert.Error(t, err, "a span splitting a UTF-8 character is an error")
}

func TestAnalyzeWithDedupeGroupsCopies(t *testing.T) {
	ix, err := dedupe.NewIndex()
	require.NoError(t, err)
	defer ix.Close()
	a, err := New(WithDedupe(ix), WithoutEntities(), WithoutTopics(), WithoutTone())
	require.NoError(t, err)
	ctx := context.Background()
	_, err = a.Analyze(ctx, Input{Text: readout})
	assert.ErrorIs(t, err, ErrNoID)

	body := strings.Repeat(readout+" ", 3)
	r1, err := a.Analyze(ctx, Input{ID: "a", Text: body})
	require.NoError(t, err)
	r2, err := a.Analyze(ctx, Input{ID: "b", Text: "(Reuters) " + body + " Reporting by staff."})
	require.NoError(t, err)
	require.NotNil(t, r1.Duplicate)
	require.NotNil(t, r2.Duplicate)
	assert.Equal(t, "a", r2.Duplicate.Cluster, "a syndicated copy joins the original's group")
}

func TestAnalyzeUsesACustomClassifier(t *testing.T) {
	calls := 0
	cl := topic.ClassifierFunc(func(d *text.Document) ([]topic.Topic, error) {
		calls++
		return []topic.Topic{{ID: "mine", Label: "Mine", Score: float64(len(d.Tokens))}}, nil
	})
	rep, err := Analyze(context.Background(), "One two three.", WithClassifier(cl), WithoutEntities(), WithoutTone())
	require.NoError(t, err)
	assert.Equal(t, 1, calls)
	require.Len(t, rep.Topics, 1)
	assert.Equal(t, 4.0, rep.Topics[0].Score, "the classifier sees the shared tokenised document")
}

func TestAnalyzeBadInputAndConcurrency(t *testing.T) {
	a, err := New()
	require.NoError(t, err)
	inputs := []string{"", "\xff\xfe\x00", strings.Repeat(".", 100000), strings.Repeat("SANCTIONS ", 2000), "🙂🙂 中文"}
	var wg sync.WaitGroup
	for _, s := range inputs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rep, err := a.Analyze(context.Background(), Input{Text: s})
			if !assert.NoError(t, err) {
				return
			}
			for _, e := range rep.Entities {
				assert.True(t, 0 <= e.Start && e.Start < e.End && e.End <= len(s))
			}
			_, err = json.Marshal(rep)
			assert.NoError(t, err)
		}()
	}
	wg.Wait()

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = a.Analyze(ctx, Input{Text: readout})
	assert.ErrorIs(t, err, context.Canceled)
}

func TestAnalyzeEventsActorsForeignAndLanguage(t *testing.T) {
	const s = "Secretary of State Marco Rubio met Russian Foreign Minister Sergey Lavrov in Kuala Lumpur. " +
		"Rubio and Lavrov agreed to keep channels open. Russian missiles struck Kyiv overnight, killing 12 civilians."
	rep, err := Analyze(context.Background(), s)
	require.NoError(t, err)
	assert.Equal(t, "en", rep.Language)
	require.NotNil(t, rep.Foreign, "the built-in classifier carries the foreign-affairs decision")
	assert.True(t, rep.Foreign.Foreign)
	for _, tp := range rep.Topics {
		if tp.CAP == 16 || tp.CAP == 18 || tp.CAP == 19 {
			assert.True(t, rep.Foreign.Foreign, "a topic with a foreign-affairs code agrees with the decision")
		}
	}

	classes := map[string]string{}
	for _, ev := range rep.Events {
		assert.Equal(t, s[ev.Trigger.Start:ev.Trigger.End], ev.Trigger.Text)
		classes[ev.Trigger.Text] = string(ev.Class)
	}
	assert.Equal(t, "verbal_cooperation", classes["agreed"])
	assert.Equal(t, "material_conflict", classes["struck"])
	assert.InDelta(t, rep.Tone.Cooperation, 0, 10)

	byName := map[string]Actor{}
	for _, a := range rep.Actors {
		byName[a.Canonical] = a
	}
	lavrov := byName["Sergey Lavrov"]
	assert.Equal(t, "RUS", lavrov.Country)
	assert.GreaterOrEqual(t, lavrov.Mentions, 2, "full name and surname are one actor")
	require.NotNil(t, lavrov.Tone)
	for _, e := range rep.Entities {
		require.NotNil(t, e.Tone, "every mention gets the tone toward it")
	}
}

func TestAnalyzeOtherLanguageIsNotGuessed(t *testing.T) {
	const fr = "Le ministre russe des Affaires étrangères, Sergueï Lavrov, a rencontré son homologue américain à Kuala Lumpur jeudi. " +
		"Les deux parties sont convenues de maintenir les canaux de communication ouverts."
	rep, err := Analyze(context.Background(), fr)
	require.NoError(t, err)
	assert.Equal(t, "fr", rep.Language)
	assert.Empty(t, rep.Entities, "English models are not run on French")
	assert.Empty(t, rep.Topics)
	assert.Nil(t, rep.Tone)

	a, err := New(WithAnyLanguage(), WithoutTopics(), WithoutEvents())
	require.NoError(t, err)
	rep, err = a.Analyze(context.Background(), Input{Text: fr})
	require.NoError(t, err)
	assert.Equal(t, "fr", rep.Language)
	assert.NotNil(t, rep.Tone, "WithAnyLanguage runs the English models anyway")

	// tone toward a target is read in English only: a clear error that
	// callers can tell apart
	a, err = New()
	require.NoError(t, err)
	_, err = a.Analyze(context.Background(), Input{Text: fr, Targets: []Span{{21, 26}}})
	require.ErrorIs(t, err, ErrLanguage)
	assert.Contains(t, err.Error(), `"fr"`)
}

// TestActorsCarryStableIDs: the id of a country entity reaches its actor.
func TestActorsCarryStableIDs(t *testing.T) {
	rep, err := Analyze(context.Background(), "France and Germany signed a trade deal in Brussels on Monday.")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"France": "wikidata:Q142", "Germany": "wikidata:Q183"}
	for _, a := range rep.Actors {
		if w, ok := want[a.Canonical]; ok {
			if a.ID != w {
				t.Errorf("actor %q: ID %q, want %q", a.Canonical, a.ID, w)
			}
			delete(want, a.Canonical)
		}
	}
	for name := range want {
		t.Errorf("no actor %q in %+v", name, rep.Actors)
	}
}

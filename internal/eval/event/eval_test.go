package eval

import (
	"strings"
	"testing"

	"github.com/diplotext/diplotext/event"
	"github.com/diplotext/diplotext/internal/shareddata"
)

// raceEnabled is set by race_test.go under the race detector.
var raceEnabled bool

func TestReadActors(t *testing.T) {
	in := "Iraqi B-S\ntroops I-S\nattacked O\nISIS B-T\n.\tO\n\nJordan B-R\nand O\nBritain B-R\nmet O\n"
	in = strings.ReplaceAll(in, ".\tO", ". O")
	ex, err := ReadActors(strings.NewReader(in), "x")
	if err != nil {
		t.Fatal(err)
	}
	if len(ex) != 2 {
		t.Fatalf("%d sentences", len(ex))
	}
	got := []string{}
	for _, e := range ex {
		for _, sp := range e.Actors {
			got = append(got, string(sp.Role)+":"+e.Text[sp.Start:sp.End])
		}
	}
	want := "source:Iraqi troops target:ISIS reciprocal:Jordan reciprocal:Britain"
	if strings.Join(got, " ") != want {
		t.Errorf("got %q want %q", strings.Join(got, " "), want)
	}
	if _, err := ReadActors(strings.NewReader("word X-Y\n"), "x"); err == nil {
		t.Error("bad tag accepted")
	}
}

func TestReadClasses(t *testing.T) {
	ex, err := ReadClasses(strings.NewReader("Rebels attacked.\t4\r\nLeaders met.\t1\r\n"), "x")
	if err != nil || len(ex) != 2 || ex[0].Class != event.MaterialConflict || ex[1].Text != "Leaders met." {
		t.Fatalf("%+v %v", ex, err)
	}
	if _, err := ReadClasses(strings.NewReader("x\t7\n"), "x"); err == nil {
		t.Error("class 7 accepted")
	}
}

func TestFoldGroupsSentences(t *testing.T) {
	if Fold("The Croatian government's request", 5) != Fold("The Croatian government ' s request", 5) {
		t.Error("same sentence in two folds")
	}
}

// The cross-validated figures of docs/event.md, held as floors so that a
// change that loses accuracy fails.
func TestCrossValidation(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("short or race mode: the cross-validation trains five models")
	}
	dir := shareddata.Require(t, "cameo-events")
	ex, err := LoadShared(dir)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := Config(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Chunks) == 0 {
		t.Skip("shared data without conll2003: the chunker cannot be trained")
	}
	r, err := CrossValidate(ex, 5, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("macro-F1 %.3f spearman %.3f sign %.3f source %.3f target %.3f", r.MacroF1, r.Spearman, r.SignAccuracy, r.Source.F1, r.Target.F1)
	for _, c := range []struct {
		name      string
		got, want float64
	}{{"macro-F1", r.MacroF1, 0.78}, {"spearman", r.Spearman, 0.71}, {"sign", r.SignAccuracy, 0.84}, {"source F1", r.Source.F1, 0.83}, {"target F1", r.Target.F1, 0.53}} {
		if c.got < c.want {
			t.Errorf("%s %.3f below %.2f", c.name, c.got, c.want)
		}
	}
}

// The embedded model is what the go generate recipe (event/internal/gen)
// trains from the shared data: retraining gives the same bytes.
func TestEmbeddedModelIsUpToDate(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("short or race mode: trains a model")
	}
	dir := shareddata.Require(t, "cameo-events")
	ex, err := LoadShared(dir)
	if err != nil {
		t.Fatal(err)
	}
	emb, err := event.DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := Config(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Chunks) == 0 {
		t.Skip("shared data without conll2003: the chunker cannot be trained")
	}
	cfg.Info = emb.Info()
	m, err := event.Train(ex, cfg)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := emb.MarshalBinary()
	b, _ := m.MarshalBinary()
	if string(a) != string(b) {
		t.Error("event/model.bin is stale: run go generate ./event")
	}
}

// With given actors the span scores read the events found with them, and
// the coded spans holding an actor with a country are counted.
func TestScoreWithActors(t *testing.T) {
	in := "Iraqi B-S\ntroops I-S\nattacked O\nISIS B-T\nfighters I-T\nin O\nMosul O\n. O\n"
	ex, err := ReadActors(strings.NewReader(in), "x")
	if err != nil {
		t.Fatal(err)
	}
	m, err := event.DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	x, err := event.New(append(Options(m), event.WithActorPhrases())...)
	if err != nil {
		t.Fatal(err)
	}
	calls := 0
	f := func(s string) ([]event.Actor, error) {
		calls++
		i := strings.Index(s, "Iraqi")
		return []event.Actor{{Start: i, End: i + len("Iraqi"), Country: "IRQ", Type: "NORP"}}, nil
	}
	r, err := Score(x, ex, WithActors(f, true))
	if err != nil {
		t.Fatal(err)
	}
	if calls != 1 {
		t.Errorf("actor function called %d times, want 1", calls)
	}
	if r.CountryActors != 1 {
		t.Fatalf("country actors %d, want 1 (the source holding Iraqi)", r.CountryActors)
	}
	if got := r.CountryByType["NORP"]; got[0] != 1 || got[2] != r.CountryFound {
		t.Errorf("by type %v, found %d", got, r.CountryFound)
	}
	if r.CountryFound+len(r.CountryMisses) != r.CountryActors {
		t.Errorf("found %d + misses %d != %d", r.CountryFound, len(r.CountryMisses), r.CountryActors)
	}
}

// targetError sorts a sentence's target outcome by the coded targets.
func TestTargetError(t *testing.T) {
	text := "Iran urged the UN and Chile to act"
	ex := event.Example{Text: text, Spans: true, Actors: []event.LabeledSpan{
		{Start: 0, End: 4, Role: event.Source}, {Start: 11, End: 17, Role: event.Target}, {Start: 22, End: 27, Role: event.Target},
	}}
	trig := event.Span{Start: 5, End: 10, Text: "urged"}
	for _, c := range []struct {
		target *event.Span
		want   string
	}{
		{&event.Span{Start: 11, End: 17}, "exact"},
		{&event.Span{Start: 22, End: 27}, "exact"},
		{&event.Span{Start: 15, End: 17}, "boundary-narrower"},
		{&event.Span{Start: 11, End: 27}, "boundary-wider"},
		{&event.Span{Start: 28, End: 30}, "other"},
		{&event.Span{Start: 0, End: 4}, "other-source"},
		{nil, "none"},
	} {
		var s scorer
		s.targetError(ex, []event.Event{{Trigger: trig, Target: c.target}})
		if s.r.TargetErrors[c.want] != 1 {
			t.Errorf("target %+v: %v, want %s", c.target, s.r.TargetErrors, c.want)
		}
		if (c.want == "exact") != (len(s.r.TargetDump) == 0) {
			t.Errorf("target %+v: dump %q", c.target, s.r.TargetDump)
		}
	}
	var s scorer
	s.targetError(event.Example{Text: text, Spans: true}, []event.Event{{Trigger: trig, Target: &event.Span{Start: 11, End: 17}}})
	s.targetError(event.Example{Text: text, Spans: true}, nil)
	if s.r.TargetErrors["spurious"] != 1 || s.r.TargetErrors["correct-none"] != 1 {
		t.Errorf("no coded target: %v", s.r.TargetErrors)
	}
}

package main

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/diplotext/diplotext/internal/eval/topic/corpus"
	"github.com/diplotext/diplotext/topic"
)

// TestSpeechFoldsMatchCrossValidation checks that speechFolds holds out,
// fold by fold, the examples topic.CrossValidateModels holds out (what
// `diplotext eval topic --sotu ... --cv k --seed s` scores), so that the
// fast loop's figures compare with the command's.
func TestSpeechFoldsMatchCrossValidation(t *testing.T) {
	words := []string{"war troops", "arms treaty", "trade tariffs", "schools teachers", "terrorists attack", "health care"}
	labels := [][]string{{"armed_conflict"}, {"arms_control"}, {"trade_tariffs"}, nil, {"terrorism"}, {"health_pandemics"}}
	ts := &corpus.TaxonomySet{}
	for sp := range 9 {
		for i := range 5 {
			k := (sp*2 + i) % len(words)
			g := fmt.Sprintf("sotu:%d", sp)
			txt := fmt.Sprintf("Speech %d says %s again %d", sp, words[k], i)
			ts.Examples = append(ts.Examples,
				topic.Example{Text: txt + " with its neighbours", Labels: labels[k], Weight: 1, Group: g},
				topic.Example{Text: txt, Labels: labels[k], Weight: 0.5, Group: g})
			ts.View = append(ts.View, 0, 1)
		}
	}
	ts.Background = []topic.Example{
		{Text: "oil prices and pipelines", Labels: []string{"energy"}, Weight: 0.1},
		{Text: "the border and migrants", Labels: []string{"migration_borders"}, Weight: 0.1},
		{Text: "a football match"},
	}
	for _, seed := range []uint64{1, 2, 7} {
		for _, k := range []int{3, 4} {
			want := speechFolds(ts, k, seed)
			f := 0
			err := topic.CrossValidateModels(context.Background(), ts.Examples, k, func(_ *topic.Model, held []int) error {
				n := 0
				for _, w := range want {
					if w == f {
						n++
					}
				}
				if n != len(held) {
					t.Errorf("seed %d, k %d, fold %d: %d held out, speechFolds says %d", seed, k, f, len(held), n)
				}
				for _, i := range held {
					if want[i] != f {
						t.Errorf("seed %d, k %d: example %d (%s) held out in fold %d, speechFolds says %d", seed, k, i, ts.Examples[i].Group, f, want[i])
					}
				}
				f++
				return nil
			}, ts.TrainOptions(topic.WithSeed(seed), topic.WithMinDF(1))...)
			if err != nil {
				t.Fatal(err)
			}
			if f != k {
				t.Fatalf("seed %d: %d folds scored, want %d", seed, f, k)
			}
		}
	}
}

func TestViewRecordCounts(t *testing.T) {
	arms := corpus.SOTUCodes[0]
	recs := []viewRecord{
		{fold: 0, gold: arms.Sub},
		{fold: 0, gold: 0},
		{fold: 1, gold: arms.Sub},
	}
	for i := range recs {
		recs[i].th[0] = 0.5
	}
	recs[0].score[0] = [numViews]float64{0.2, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9} // found by a window only
	recs[1].score[0] = [numViews]float64{0.6, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1} // false positive alone
	recs[2].score[0] = [numViews]float64{0.7, 0.5, 0.1, 0.1, 0.1, 0.1, 0.9}
	all := func(int) bool { return true }
	mode := func(name string) int {
		i := slices.Index(viewNames, name)
		if i < 0 {
			t.Fatalf("no mode %q", name)
		}
		return i
	}
	// a quarter alone, three quarters the speech: 0.725, 0.225, 0.85
	if tp, fn, fp := f1Of(recs, 0, mode("mix1003"), 1, all); tp != 2 || fn != 0 || fp != 0 {
		t.Errorf("mix1003: tp %d fn %d fp %d, want 2 0 0", tp, fn, fp)
	}
	if tp, fn, fp := f1Of(recs, 0, 0, 1, all); tp != 1 || fn != 1 || fp != 1 {
		t.Errorf("alone: tp %d fn %d fp %d, want 1 1 1", tp, fn, fp)
	}
	// mean of alone and w1: 0.55, 0.35, 0.6
	if tp, fn, fp := f1Of(recs, 0, mode("mean-w1"), 1, all); tp != 2 || fn != 0 || fp != 0 {
		t.Errorf("mean-w1: tp %d fn %d fp %d, want 2 0 0", tp, fn, fp)
	}
	// a higher threshold factor drops the 0.55 sentence
	if tp, fn, fp := f1Of(recs, 0, mode("mean-w1"), 1.15, all); tp != 1 || fn != 1 || fp != 0 {
		t.Errorf("mean-w1 ×1.15: tp %d fn %d fp %d, want 1 1 0", tp, fn, fp)
	}
	if tp, _, _ := f1Of(recs, 0, mode("mean-w1"), 1, func(f int) bool { return f == 1 }); tp != 1 {
		t.Errorf("fold filter: tp %d, want 1", tp)
	}
	if got := f1(2, 1, 1); got != 4.0/6 {
		t.Errorf("f1(2,1,1) = %v, want %v", got, 4.0/6)
	}
}

// TestFoldOptionsBackgroundOnce checks that a fold trains on the background
// it is given and not on the set's full background as well: a label that
// only the full background carries must not become a label of the model.
func TestFoldOptionsBackgroundOnce(t *testing.T) {
	ts := &corpus.TaxonomySet{Background: []topic.Example{
		{Text: "oil prices and pipelines", Labels: []string{"energy"}, Weight: 0.1},
		{Text: "arms treaty and warheads", Labels: []string{"arms_control"}, Weight: 0.1},
	}}
	var ex []topic.Example
	for i := range 12 {
		e := topic.Example{Text: fmt.Sprintf("speech %d on schools and teachers", i), Weight: 1, Group: fmt.Sprint(i % 4)}
		if i%2 == 0 {
			e.Text = fmt.Sprintf("speech %d on the arms treaty and missiles", i)
			e.Labels = []string{"arms_control"}
		}
		ex = append(ex, e)
	}
	bg := []topic.Example{ts.Background[1]}
	m, err := topic.Train(context.Background(), ex, foldOptions(ts, bg, topic.WithMinDF(1), topic.WithWorkers(1))...)
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Labels(); len(got) != 1 || got[0] != "arms_control" {
		t.Errorf("labels %v, want [arms_control] (the full background trained too?)", got)
	}
	if len(ts.Background) != 2 {
		t.Errorf("foldOptions changed the set's background: %d examples", len(ts.Background))
	}
}

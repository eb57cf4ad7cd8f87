package corpus_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/diplotext/diplotext/internal/eval/topic/corpus"
	"github.com/diplotext/diplotext/topic"
)

func TestForeignCode(t *testing.T) {
	for code := -1; code <= 100; code++ {
		want := code == 16 || code == 18 || code == 19
		if got := corpus.ForeignCode(code); got != want {
			t.Errorf("ForeignCode(%d) = %v, want %v", code, got, want)
		}
	}
	if corpus.LabelForeign != "@foreign" || corpus.LabelCAP16 != "@cap16" ||
		corpus.LabelCAP18 != "@cap18" || corpus.LabelCAP19 != "@cap19" {
		t.Error("label constants changed: the built-in foreign model uses these names")
	}
}

func TestNYTInput(t *testing.T) {
	d := corpus.CAPDoc{Text: "Envoys Meet", Subject: "Arms talks"}
	if got := corpus.NYTInput(&d, false); got != "Envoys Meet" {
		t.Errorf("headline: %q", got)
	}
	if got := corpus.NYTInput(&d, true); got != "Envoys Meet. Arms talks" {
		t.Errorf("with subject: %q", got)
	}
	d.Subject = ""
	if got := corpus.NYTInput(&d, true); got != "Envoys Meet" {
		t.Errorf("no subject: %q", got)
	}
}

func TestNYTExamples(t *testing.T) {
	docs := []corpus.CAPDoc{
		{ID: "1", Text: "Envoys Meet", Subject: "Arms talks", Code: 19},
		{ID: "2", Text: "Schools Gap", Code: 6}, // no subject: one view
		{ID: "3", Text: "Steel Tariff", Subject: "Trade", Code: 18},
		{Text: "Untitled", Subject: "No ID", Code: 16}, // no ID: group by index
		{ID: "5", Text: "Rent Rise", Subject: "Housing", Code: 14},
	}
	ex, views, index := corpus.NYTExamples(docs, corpus.DefaultNYTViews())
	w := corpus.DefaultNYTViews()
	if w.Headline != 2 || w.WithSubject != 1 || w.Subject != 0.7 {
		t.Errorf("DefaultNYTViews = %+v: the built-in model is trained with 2, 1, 0.7", w)
	}
	foreign19 := []string{"@foreign", "@cap19"}
	foreign18 := []string{"@foreign", "@cap18"}
	foreign16 := []string{"@foreign", "@cap16"}
	want := []topic.Example{
		{Text: "Envoys Meet", Labels: foreign19, Weight: 2, Group: "nyt:1"},
		{Text: "Envoys Meet. Arms talks", Labels: foreign19, Weight: 1, Group: "nyt:1"},
		{Text: "Arms talks", Labels: foreign19, Weight: 0.7, Group: "nyt:1"},
		{Text: "Schools Gap", Weight: 2, Group: "nyt:2"},
		{Text: "Steel Tariff", Labels: foreign18, Weight: 2, Group: "nyt:3"},
		{Text: "Steel Tariff. Trade", Labels: foreign18, Weight: 1, Group: "nyt:3"},
		{Text: "Trade", Labels: foreign18, Weight: 0.7, Group: "nyt:3"},
		{Text: "Untitled", Labels: foreign16, Weight: 2, Group: "nyt#3"},
		{Text: "Untitled. No ID", Labels: foreign16, Weight: 1, Group: "nyt#3"},
		{Text: "No ID", Labels: foreign16, Weight: 0.7, Group: "nyt#3"},
		{Text: "Rent Rise", Weight: 2, Group: "nyt:5"},
		{Text: "Rent Rise. Housing", Weight: 1, Group: "nyt:5"},
		{Text: "Housing", Weight: 0.7, Group: "nyt:5"},
	}
	if !reflect.DeepEqual(ex, want) {
		t.Fatalf("NYTExamples:\n got %#v\nwant %#v", ex, want)
	}
	// the views of a headline do not share a labels slice
	ex[0].Labels[0] = "edited"
	if ex[1].Labels[0] != "@foreign" || ex[2].Labels[0] != "@foreign" {
		t.Errorf("editing one view's labels changed another's: %v %v", ex[1].Labels, ex[2].Labels)
	}
	if want := []int{0, 1, 2, 0, 0, 1, 2, 0, 1, 2, 0, 1, 2}; !reflect.DeepEqual(views, want) {
		t.Errorf("views = %v, want %v", views, want)
	}
	if want := []int{0, 0, 0, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4}; !reflect.DeepEqual(index, want) {
		t.Errorf("index = %v, want %v", index, want)
	}

	// a zero (or negative) weight leaves a view out
	ex, views, index = corpus.NYTExamples(docs[:2], corpus.NYTViews{Headline: 1, WithSubject: 0, Subject: -1})
	if len(ex) != 2 || ex[0].Text != "Envoys Meet" || ex[1].Text != "Schools Gap" ||
		!reflect.DeepEqual(views, []int{0, 0}) || !reflect.DeepEqual(index, []int{0, 1}) {
		t.Errorf("headline only: %#v %v %v", ex, views, index)
	}
	ex, views, index = corpus.NYTExamples(docs[:2], corpus.NYTViews{Subject: 1})
	if len(ex) != 1 || ex[0].Text != "Arms talks" || views[0] != 2 || index[0] != 0 {
		t.Errorf("subject only: %#v %v %v", ex, views, index)
	}
	if ex, views, index := corpus.NYTExamples(docs, corpus.NYTViews{}); ex != nil || views != nil || index != nil {
		t.Errorf("all weights 0: %v %v %v, want nil", ex, views, index)
	}
	if ex, _, _ := corpus.NYTExamples(nil, corpus.DefaultNYTViews()); ex != nil {
		t.Errorf("no docs: %v", ex)
	}
}

// sharedLayout writes the tiny fixtures into a temporary folder laid out like
// the shared data folder and returns it with the path of the NYT file.
func sharedLayout(t *testing.T) (dir, nyt string) {
	t.Helper()
	dir = t.TempDir()
	for src, dst := range map[string]string{
		"nyt.csv":      "rtexttools-cap/NYTimes.csv",
		"congress.csv": "rtexttools-cap/USCongress.csv",
		"agnews.csv":   "ag_news/test.csv",
		"uci.csv":      "uci-news-aggregator/uci-news-aggregator-sample.csv",
	} {
		p := filepath.Join(dir, filepath.FromSlash(dst))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, readFixture(t, src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir, filepath.Join(dir, "rtexttools-cap", "NYTimes.csv")
}

func TestForeignBackground(t *testing.T) {
	dir, _ := sharedLayout(t)
	w := corpus.ForeignWeights{Congress: 0.5, AGNews: 0.25, UCI: 0.125}
	ex, summary, err := corpus.ForeignBackground(dir, w)
	if err != nil {
		t.Fatal(err)
	}
	want := []topic.Example{
		// Congress bills: foreign labels by CAP code
		{Text: "To suspend temporarily the duty on imaginary widgets; and for other purposes.", Labels: []string{"@foreign", "@cap18"}, Weight: 0.5},
		{Text: "A bill to authorize assistance to Freedonia.", Labels: []string{"@foreign", "@cap19"}, Weight: 0.5},
		{Text: "To amend the Public Health Service Act regarding rural clinics.", Weight: 0.5},
		{Text: "A bill to authorize the procurement of patrol ships.", Labels: []string{"@foreign", "@cap16"}, Weight: 0.5},
		// AG News titles: World is @cap19, the other classes have no label
		{Text: "Freedonia and Sylvania Sign Border Pact", Labels: []string{"@foreign", "@cap19"}, Weight: 0.25},
		{Text: "Rovers Win the Cup & the League", Weight: 0.25},
		{Text: "Widget Maker Profit Rises", Weight: 0.25},
		{Text: `New "Quantum" Chip Unveiled`, Weight: 0.25},
		// UCI headlines (TITLE column): no label; header and short rows skipped
		{Text: "Central bank holds rates, signals patience", Weight: 0.125},
		{Text: "Film festival opens with premiere", Weight: 0.125},
	}
	if !reflect.DeepEqual(ex, want) {
		t.Fatalf("ForeignBackground:\n got %#v\nwant %#v", ex, want)
	}
	if want := "Congress bills 4, AG News titles 4, UCI headlines 2"; summary != want {
		t.Errorf("summary = %q, want %q", summary, want)
	}
	for _, e := range ex {
		if e.Group != "" {
			t.Errorf("background example %q has group %q", e.Text, e.Group)
		}
	}

	// a zero weight leaves a source out and does not need its file
	ex, summary, err = corpus.ForeignBackground(dir, corpus.ForeignWeights{AGNews: 1})
	if err != nil || len(ex) != 4 || summary != "AG News titles 4" {
		t.Errorf("AG News only: %d examples, %q, %v", len(ex), summary, err)
	}
	ex, summary, err = corpus.ForeignBackground(filepath.Join(dir, "nowhere"), corpus.ForeignWeights{})
	if err != nil || ex != nil || summary != "" {
		t.Errorf("all weights 0: %v, %q, %v", ex, summary, err)
	}
}

func TestForeignBackgroundErrors(t *testing.T) {
	for _, file := range []string{
		"rtexttools-cap/USCongress.csv",
		"ag_news/test.csv",
		"uci-news-aggregator/uci-news-aggregator-sample.csv",
	} {
		t.Run("missing "+file, func(t *testing.T) {
			dir, _ := sharedLayout(t)
			p := filepath.Join(dir, filepath.FromSlash(file))
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
			_, _, err := corpus.ForeignBackground(dir, corpus.DefaultForeignWeights())
			if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), p) ||
				!strings.HasPrefix(err.Error(), "corpus: foreign background: ") {
				t.Errorf("err = %v, want a not-exist error naming %s", err, p)
			}
		})
	}
	t.Run("empty Congress file", func(t *testing.T) {
		dir, _ := sharedLayout(t)
		p := filepath.Join(dir, "rtexttools-cap", "USCongress.csv")
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		if _, _, err := corpus.ForeignBackground(dir, corpus.DefaultForeignWeights()); err == nil ||
			!strings.Contains(err.Error(), "empty file") || !strings.Contains(err.Error(), p) {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("bad quote in UCI file", func(t *testing.T) {
		// the UCI reader is strict about quotes, unlike the CAP and AG News readers
		dir, _ := sharedLayout(t)
		p := filepath.Join(dir, "uci-news-aggregator", "uci-news-aggregator-sample.csv")
		if err := os.WriteFile(p, []byte("ID,TITLE,URL,PUBLISHER,CATEGORY\n1,\"A \"quoted\" word,u,p,b\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, _, err := corpus.ForeignBackground(dir, corpus.DefaultForeignWeights()); err == nil ||
			!strings.Contains(err.Error(), "corpus: read UCI headlines") || !strings.Contains(err.Error(), p) {
			t.Errorf("err = %v", err)
		}
	})
}

func TestLoadForeignSet(t *testing.T) {
	dir, nyt := sharedLayout(t)
	s, err := corpus.LoadForeignSet(nyt, dir)
	if err != nil {
		t.Fatal(err)
	}
	// 5 coded headlines, 4 with a subject: 4*3 + 1 examples
	if len(s.NYT) != 5 || len(s.Examples) != 13 || len(s.Views) != 13 || len(s.Docs) != 13 {
		t.Fatalf("foreign set: %d headlines, %d examples, %d views, %d docs", len(s.NYT), len(s.Examples), len(s.Views), len(s.Docs))
	}
	ex, views, docs := corpus.NYTExamples(s.NYT, corpus.DefaultNYTViews())
	if !reflect.DeepEqual(s.Examples, ex) || !reflect.DeepEqual(s.Views, views) || !reflect.DeepEqual(s.Docs, docs) {
		t.Error("Examples, Views, Docs differ from NYTExamples with DefaultNYTViews")
	}
	bg, counts, err := corpus.ForeignBackground(dir, corpus.DefaultForeignWeights())
	if err != nil || !reflect.DeepEqual(s.Background, bg) {
		t.Errorf("Background differs from ForeignBackground with DefaultForeignWeights (%v)", err)
	}
	if want := "NYT headlines 5 and SOTU sentences 0 (13 examples), " + counts; s.Summary != want {
		t.Errorf("Summary = %q, want %q", s.Summary, want)
	}
	for i, e := range s.Examples {
		if d := s.NYT[s.Docs[i]]; !strings.Contains(corpus.NYTInput(&d, true), e.Text) {
			t.Errorf("example %d %q is not a view of headline %q", i, e.Text, d.Text)
		}
	}

	t.Run("missing NYT file", func(t *testing.T) {
		p := filepath.Join(dir, "missing.csv")
		if _, err := corpus.LoadForeignSet(p, dir); !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), p) {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("no coded headline", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "NYTimes.csv")
		if err := os.WriteFile(p, []byte("Article_ID;Title;Subject;Topic.Code\n1;A;B;NA\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := corpus.LoadForeignSet(p, dir); err == nil || !strings.Contains(err.Error(), "no coded headlines in "+p) {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("missing background", func(t *testing.T) {
		if _, err := corpus.LoadForeignSet(nyt, t.TempDir()); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("err = %v", err)
		}
	})
}

func TestForeignSetTrainOptions(t *testing.T) {
	dir, _ := sharedLayout(t)
	// headlines coded 19 or not foreign: @cap16 and @cap18 come only from
	// the Congress background, so the model has them only if TrainOptions
	// passes the background on
	nyt := filepath.Join(t.TempDir(), "NYTimes.csv")
	if err := os.WriteFile(nyt, []byte("Article_ID;Title;Subject;Topic.Code\n"+
		"1;Envoys meet on border treaty;Border talks;19\n"+
		"2;Ministers sign border treaty;Treaty signed;19\n"+
		"3;City schools face budget gap;School budget;6\n"+
		"4;Rent rise angers city tenants;City rents;14\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := corpus.LoadForeignSet(nyt, dir)
	if err != nil {
		t.Fatal(err)
	}
	opts := s.TrainOptions(topic.WithFolds(0), topic.WithMeta("source", "fixture"))
	if len(opts) != 6 {
		t.Fatalf("TrainOptions with 2 extra: %d options, want 6", len(opts))
	}
	m, err := topic.Train(context.Background(), s.Examples, opts...)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := m.Labels(), []string{"@cap16", "@cap18", "@cap19", "@foreign"}; !slices.Equal(got, want) {
		t.Errorf("model labels %v, want %v (background left out?)", got, want)
	}
	if m.Meta()["source"] != "fixture" {
		t.Errorf("extra options not applied: meta %v", m.Meta())
	}
}

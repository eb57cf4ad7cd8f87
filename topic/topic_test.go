package topic_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/diplotext/diplotext/text"
	"github.com/diplotext/diplotext/topic"
)

func toyExamples() []topic.Example {
	var ex []topic.Example
	sport := []string{"The striker scored twice as the club won the cup final", "The team lost the match after a late goal",
		"A record crowd watched the league game", "The coach praised the goalkeeper after the derby"}
	money := []string{"The central bank raised interest rates to curb inflation", "Bond yields rose as the currency fell",
		"Inflation slowed and the bank held rates", "The stock market fell on rate fears"}
	for i := 0; i < 5; i++ {
		for _, s := range sport {
			ex = append(ex, topic.Example{Text: s, Labels: []string{"sport"}})
		}
		for _, s := range money {
			ex = append(ex, topic.Example{Text: s, Labels: []string{"finance"}})
		}
	}
	return ex
}

func TestTrainClassifySaveLoad(t *testing.T) {
	for _, algo := range []topic.Algorithm{topic.LogisticRegression, topic.NaiveBayes} {
		m, err := topic.Train(context.Background(), toyExamples(), topic.WithAlgorithm(algo), topic.WithFolds(3), topic.WithMinDF(1))
		if err != nil {
			t.Fatal(err)
		}
		got, err := m.Classify("Rates and inflation worried the central bank.")
		if err != nil || len(got) == 0 || got[0].ID != "finance" {
			t.Fatalf("%v: got %+v, %v; want finance first", algo, got, err)
		}
		for _, ev := range got[0].Evidence {
			if ev.Start < 0 || ev.End > len("Rates and inflation worried the central bank.") || ev.Start >= ev.End {
				t.Errorf("bad evidence %+v", ev)
			}
		}
		var buf bytes.Buffer
		if err := m.Save(&buf); err != nil {
			t.Fatal(err)
		}
		m2, err := topic.Load(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		a, b := m.Predict("the goalkeeper saved a penalty"), m2.Predict("the goalkeeper saved a penalty")
		if len(a) != len(b) || a[0] != b[0] || a[0].Label != "sport" {
			t.Fatalf("round trip changed predictions: %+v vs %+v", a, b)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	m, err := topic.Train(context.Background(), toyExamples(), topic.WithFolds(0), topic.WithMinDF(1))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	m.Save(&buf)
	good := buf.Bytes()
	truncated := good[:len(good)/2]
	flipped := bytes.Clone(good)
	flipped[len(flipped)-3] ^= 0xff
	future := bytes.Clone(good)
	binary.LittleEndian.PutUint32(future[8:], topic.FormatVersion+1)
	for name, tc := range map[string]struct {
		data []byte
		want error
	}{
		"empty": {nil, topic.ErrNotModel}, "text": {[]byte("hello world, not a model"), topic.ErrNotModel},
		"truncated": {truncated, topic.ErrCorrupt}, "header only": {good[:20], topic.ErrCorrupt},
		"flipped": {flipped, topic.ErrCorrupt}, "future": {future, topic.ErrVersion},
	} {
		_, err := topic.Load(bytes.NewReader(tc.data))
		if !errors.Is(err, tc.want) {
			t.Errorf("%s: got %v, want %v", name, err, tc.want)
		}
	}
	p := filepath.Join(t.TempDir(), "bad.model")
	os.WriteFile(p, truncated, 0o644)
	if _, err := topic.LoadFile(p); err == nil || !strings.Contains(err.Error(), p) {
		t.Errorf("LoadFile error %v does not name the file", err)
	}
	p2 := filepath.Join(t.TempDir(), "good.model")
	if err := m.SaveFile(p2); err != nil {
		t.Fatal(err)
	}
	if _, err := topic.LoadFile(p2); err != nil {
		t.Fatal(err)
	}
}

func TestTrainBadInput(t *testing.T) {
	ctx := context.Background()
	if _, err := topic.Train(ctx, nil); err == nil {
		t.Error("no examples: want error")
	}
	if _, err := topic.Train(ctx, []topic.Example{{Text: "a", Labels: []string{""}}}); err == nil {
		t.Error("empty label: want error")
	}
	one := []topic.Example{{Text: "a b", Labels: []string{"x"}}, {Text: "c d", Labels: []string{"x"}}}
	if _, err := topic.Train(ctx, one); err == nil {
		t.Error("single class on every example: want error")
	}
	// a label on one document only trains, with an untuned threshold
	ex := append(toyExamples(), topic.Example{Text: "a rare text about chess", Labels: []string{"chess"}})
	m, err := topic.Train(ctx, ex, topic.WithFolds(3))
	if err != nil {
		t.Fatal(err)
	}
	if th, ok := m.Threshold("chess"); !ok || th != 0.5 {
		t.Errorf("chess threshold %v %v, want 0.5 (untuned)", th, ok)
	}
}

func TestCrossValidate(t *testing.T) {
	r, err := topic.CrossValidate(context.Background(), toyExamples(), 4, nil, topic.WithFolds(2), topic.WithMinDF(1))
	if err != nil {
		t.Fatal(err)
	}
	if r.Documents != 40 || r.MicroF1 < 0.8 {
		t.Fatalf("report %+v", r)
	}
	var b strings.Builder
	r.WriteTo(&b)
	if !strings.Contains(b.String(), "micro") {
		t.Error("report table lacks micro average")
	}
}

func FuzzLoad(f *testing.F) {
	m, err := topic.Train(context.Background(), toyExamples(), topic.WithFolds(0), topic.WithMinDF(1))
	if err != nil {
		f.Fatal(err)
	}
	var buf bytes.Buffer
	m.Save(&buf)
	f.Add(buf.Bytes())
	f.Add([]byte("DTXTOPIC"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := topic.Load(bytes.NewReader(data))
		if err == nil {
			m.Predict("inflation and goals")
		}
	})
}

func TestBackgroundAndGroups(t *testing.T) {
	ex := toyExamples()
	for i := range ex {
		ex[i].Group = fmt.Sprint(i / 2) // pairs share a fold
	}
	bg := []topic.Example{
		{Text: "The referee sent off the defender", Labels: []string{"sport"}},
		{Text: "Parliament passed the budget bill", Labels: []string{"politics"}},
		{Text: "Lawmakers debated the new budget", Labels: []string{"politics"}},
	}
	seen := map[int]int{}
	folds := 0
	err := topic.CrossValidateModels(context.Background(), ex, 4, func(m *topic.Model, held []int) error {
		folds++
		if !slices.Contains(m.Labels(), "politics") {
			t.Errorf("background label missing: %v", m.Labels())
		}
		in := map[int]bool{}
		for _, i := range held {
			if i < 0 || i >= len(ex) {
				t.Fatalf("held-out index %d is not a main example", i)
			}
			in[i] = true
			seen[i]++
		}
		for i := range in {
			if !in[i^1] && i^1 < len(ex) {
				t.Errorf("example %d held out without its group mate %d", i, i^1)
			}
		}
		return nil
	}, topic.WithBackground(bg), topic.WithFolds(2), topic.WithMinDF(1))
	if err != nil {
		t.Fatal(err)
	}
	if folds != 4 || len(seen) != len(ex) {
		t.Fatalf("%d folds, %d of %d examples held out", folds, len(seen), len(ex))
	}
	for i, n := range seen {
		if n != 1 {
			t.Errorf("example %d held out %d times", i, n)
		}
	}
	m, err := topic.Train(context.Background(), ex, topic.WithBackground(bg), topic.WithFolds(2), topic.WithMinDF(1))
	if err != nil {
		t.Fatal(err)
	}
	if p := m.Predict("parliament debated the budget"); p[0].Label != "politics" {
		t.Errorf("background examples not learnt: %+v", p)
	}
}

func TestRegularizationChoice(t *testing.T) {
	ctx := context.Background()
	// by default each label gets a C of the grid, recorded in the meta data
	m, err := topic.Train(ctx, toyExamples(), topic.WithFolds(3), topic.WithMinDF(1))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range m.Labels() {
		c, ok := m.Meta()["c:"+l]
		if !ok || !slices.ContainsFunc(topic.DefaultCGrid(), func(g float64) bool { return fmt.Sprint(g) == c }) {
			t.Errorf("label %s: meta c = %q (%v), want a value of %v", l, c, ok, topic.DefaultCGrid())
		}
	}
	// a fixed C is used as given, without a search
	m, err = topic.Train(ctx, toyExamples(), topic.WithFolds(3), topic.WithMinDF(1), topic.WithRegularization(3))
	if err != nil {
		t.Fatal(err)
	}
	for k := range m.Meta() {
		if strings.HasPrefix(k, "c:") {
			t.Errorf("fixed C: unexpected meta %s", k)
		}
	}
	// without folds there is nothing to choose on: no search, still a model
	m, err = topic.Train(ctx, toyExamples(), topic.WithFolds(0), topic.WithMinDF(1))
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := m.Classify("The goalkeeper saved a penalty in the cup match"); len(got) == 0 || got[0].ID != "sport" {
		t.Errorf("without folds: got %+v, want sport", got)
	}
}

// TestBadOptionsAndWeights holds issue 16 points 8, 12 and 14: bad option
// values and weights are errors naming them, never a model that cannot be
// loaded; a model file with trailing bytes is refused.
func TestBadOptionsAndWeights(t *testing.T) {
	ctx := context.Background()
	nan, inf := math.NaN(), math.Inf(1)
	for name, opt := range map[string]topic.TrainOption{
		"WithRegularization": topic.WithRegularization(nan), "WithRegularization ": topic.WithRegularization(-1),
		"WithRegularization  ": topic.WithRegularization(inf), "WithSmoothing": topic.WithSmoothing(nan),
		"WithFolds": topic.WithFolds(-1), "WithPrune": topic.WithPrune(nan), "WithMinDF": topic.WithMinDF(-2),
		"WithWorkers": topic.WithWorkers(-1), "WithAlgorithm": topic.WithAlgorithm(topic.Algorithm(9)),
	} {
		_, err := topic.Train(ctx, toyExamples(), opt)
		if !errors.Is(err, topic.ErrOption) || !strings.Contains(err.Error(), strings.TrimSpace(name)) {
			t.Errorf("%s: got %v, want an ErrOption naming it", name, err)
		}
	}
	for _, w := range []float64{nan, inf, -1, 1e308} {
		ex := toyExamples()
		ex[3].Weight = w
		if _, err := topic.Train(ctx, ex, topic.WithFolds(2), topic.WithMinDF(1)); !errors.Is(err, topic.ErrExample) || !strings.Contains(err.Error(), "example 4") {
			t.Errorf("weight %v: got %v, want an ErrExample naming example 4", w, err)
		}
	}
	for _, o := range []topic.Option{topic.WithThreshold(nan), topic.WithThreshold(0), topic.WithThreshold(1), topic.WithMaxTopics(-1), topic.WithEvidence(-1), topic.WithPassages(-1), topic.WithMaxPassages(-1)} {
		m, err := topic.Train(ctx, toyExamples(), topic.WithFolds(0), topic.WithMinDF(1))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := topic.NewClassifier(m, o); !errors.Is(err, topic.ErrOption) {
			t.Errorf("classifier option: got %v, want ErrOption", err)
		}
	}
	if _, err := topic.NewClassifier(nil); err == nil {
		t.Error("NewClassifier(nil): want an error")
	}
	// trailing bytes after a model are refused
	m, err := topic.Train(ctx, toyExamples(), topic.WithFolds(0), topic.WithMinDF(1))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	buf.WriteString("junk")
	if _, err := topic.Load(&buf); !errors.Is(err, topic.ErrCorrupt) {
		t.Errorf("trailing bytes: got %v, want ErrCorrupt", err)
	}
}

// TestNilAndEmpty: a nil document is the empty document, a nil model or
// classifier an error, a panicking ClassifierFunc an error.
func TestNilAndEmpty(t *testing.T) {
	m, err := topic.Train(context.Background(), toyExamples(), topic.WithFolds(0), topic.WithMinDF(1))
	if err != nil {
		t.Fatal(err)
	}
	if p := m.PredictDocument(nil); len(p) != 2 {
		t.Errorf("PredictDocument(nil): %v", p)
	}
	if got, err := m.ClassifyDocument(nil); err != nil || got == nil || len(got) != 0 {
		t.Errorf("ClassifyDocument(nil): %v %v", got, err)
	}
	var nm *topic.Model
	if _, err := nm.ClassifyDocument(nil); !errors.Is(err, topic.ErrNilClassifier) {
		t.Errorf("nil model: %v", err)
	}
	if p := nm.Predict("x"); len(p) != 0 {
		t.Errorf("nil model Predict: %v", p)
	}
	boom := topic.ClassifierFunc(func(*text.Document) ([]topic.Topic, error) { panic("boom") })
	if _, err := boom.Classify("x"); !errors.Is(err, topic.ErrClassifierPanic) {
		t.Errorf("panicking classifier: %v", err)
	}
	bad := &text.Document{Text: "ab", Tokens: []text.Token{{Start: 0, End: 9, Kind: text.Word}}, Sentences: []text.Sentence{{Start: 0, End: 2, First: 0, Last: 1}}}
	if _, err := m.ClassifyDocument(bad); err == nil {
		t.Error("tokens outside the text: want an error")
	}
	c, err := topic.NewClassifier(m, topic.WithPassages(1))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.ClassifyDocument(bad); err == nil {
		t.Error("classifier, tokens outside the text: want an error")
	}
	for _, s := range []string{"", "word", strings.Repeat("goal ", 20000), "Москва и Пекин подписали соглашение"} {
		if got, err := c.Classify(s); err != nil || got == nil {
			t.Errorf("%.20q: %v %v", s, got, err)
		}
	}
}

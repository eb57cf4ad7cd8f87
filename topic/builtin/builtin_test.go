package builtin_test

import (
	"context"
	"fmt"
	"math"
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/diplotext/diplotext/text"
	"github.com/diplotext/diplotext/topic"
	"github.com/diplotext/diplotext/topic/builtin"
)

func toyExamples() []topic.Example {
	var ex []topic.Example
	for range 5 {
		ex = append(ex,
			topic.Example{Text: "The striker scored in the cup final", Labels: []string{"sport"}},
			topic.Example{Text: "The team lost the league match", Labels: []string{"sport"}},
			topic.Example{Text: "The central bank raised interest rates", Labels: []string{"finance"}},
			topic.Example{Text: "Inflation slowed and bond yields fell", Labels: []string{"finance"}})
	}
	return ex
}

func TestBuiltin(t *testing.T) {
	b, err := builtin.New()
	if err != nil {
		t.Fatal(err)
	}
	if n := len(topic.Taxonomy()); n < 25 {
		t.Fatalf("taxonomy has %d topics", n)
	}
	for _, tc := range []struct{ text, want string }{
		{"The Security Council voted to tighten sanctions and an arms embargo on the regime.", "sanctions"},
		{"Rebels shelled the city as the ceasefire collapsed and troops advanced.", "armed_conflict"},
		{"Opec ministers agreed to cut oil output to lift crude prices.", "energy"},
		{"Washington raised tariffs on steel imports, escalating the trade dispute with Beijing.", "trade_tariffs"},
	} {
		got, err := b.Classify(tc.text)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, g := range got {
			found = found || g.ID == tc.want
			if g.Score < 0 || g.Score > 1 || g.CAP == 0 || g.Label == "" {
				t.Errorf("bad topic %+v", g)
			}
			for _, ev := range g.Evidence {
				if tc.text[ev.Start:ev.End] != ev.Text {
					t.Errorf("evidence %+v does not match the text", ev)
				}
			}
		}
		if !found {
			t.Errorf("%q: got %+v, want %s", tc.text, got, tc.want)
		}
		for _, g := range got {
			if len(g.Passages) != 1 || tc.text[g.Passages[0].Start:g.Passages[0].End] != tc.text {
				t.Errorf("%q: %s passages %+v, want the one sentence", tc.text, g.ID, g.Passages)
			}
		}
	}
	fa, err := b.ForeignAffairs("Russian troops withdrew from the border as NATO foreign ministers met in Brussels.")
	if err != nil || !fa.Foreign {
		t.Errorf("foreign affairs: %+v %v", fa, err)
	}
	if got, err := b.ClassifyDocument(nil); err != nil || got == nil || len(got) != 0 {
		t.Errorf("nil document: got %v, %v; want an empty result and no error", got, err)
	}
	for _, s := range []string{"", "\x00\xff\xfe", strings.Repeat(".", 100000), "Москва и Пекин подписали соглашение", strings.Repeat("a", 200000)} {
		if _, err := b.Classify(s); err != nil {
			t.Errorf("%.20q: %v", s, err)
		}
	}
}

func checkTopics(t *testing.T, s string, got []topic.Topic) {
	for i, g := range got {
		if i > 0 && got[i-1].Score < g.Score {
			t.Fatalf("not sorted: %+v", got)
		}
		for _, ev := range g.Evidence {
			if ev.Start < 0 || ev.Start >= ev.End || ev.End > len(s) || s[ev.Start:ev.End] != ev.Text {
				t.Fatalf("bad evidence %+v for %q", ev, s)
			}
		}
		for k, p := range g.Passages {
			if p.Start < 0 || p.Start >= p.End || p.End > len(s) || p.Score < 0 || p.Score > 1 || k > 0 && g.Passages[k-1].Start >= p.Start {
				t.Fatalf("bad passage %+v of %s for %.40q", p, g.ID, s)
			}
		}
	}
}

func FuzzBuiltin(f *testing.F) {
	b, err := builtin.New()
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{"", "Sanctions on Iran.", "\xff\x00", "U.S.-China trade talks collapse", "....", "a-b-c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := b.Classify(s)
		if err != nil {
			t.Fatal(err)
		}
		checkTopics(t, s, got)
		if _, err := b.ForeignAffairsDocument(text.Parse(s)); err != nil {
			t.Fatal(err)
		}
	})
}

func TestForeignModel(t *testing.T) {
	b, err := builtin.New()
	if err != nil {
		t.Fatal(err)
	}
	fm := b.ForeignModel()
	for _, l := range []string{"@foreign", "@cap16", "@cap18", "@cap19"} {
		if _, ok := fm.Threshold(l); !ok {
			t.Errorf("foreign-affairs model lacks %s", l)
		}
	}
	for _, l := range b.Model().Labels() {
		if strings.HasPrefix(l, "@") {
			t.Errorf("taxonomy model has head %s", l)
		}
	}
	for _, tc := range []struct {
		s       string
		foreign bool
	}{
		{"Israel and Palestinians agree to resume peace talks", true},
		{"Pentagon plans new missile defense tests", true},
		{"City schools chancellor proposes longer school day in Brooklyn", false},
	} {
		fa, err := b.ForeignAffairs(tc.s)
		if err != nil || fa.Foreign != tc.foreign || fa.Score < 0 || fa.Score > 1 {
			t.Errorf("%q: %+v %v, want foreign %v", tc.s, fa, err, tc.foreign)
		}
	}
	m, err := topic.Train(context.Background(), toyExamples(), topic.WithFolds(2), topic.WithMinDF(1))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := builtin.New(builtin.WithForeignModel(m)); err == nil {
		t.Error("a foreign-affairs model without @foreign: want error")
	}
	b2, err := builtin.New(builtin.WithForeignModel(fm))
	if err != nil || b2.ForeignModel() != fm {
		t.Errorf("WithForeignModel: %v", err)
	}
}

// TestBadInput: empty text, one word, other scripts and a long document
// each get a documented result (no topic or a few, no error); with
// DIPLOTEXT_LONG=1 a 50 MB document too.
func TestBadInput(t *testing.T) {
	b, err := builtin.New()
	if err != nil {
		t.Fatal(err)
	}
	inputs := []string{"", " \n\t", "war", "Sanctions", "Москва и Пекин подписали соглашение о торговле.", "北京和莫斯科签署了贸易协定。", "\xff\xfe\x00",
		strings.Repeat("The ministers met in Geneva to discuss the ceasefire. ", 20000)}
	if os.Getenv("DIPLOTEXT_LONG") != "" {
		inputs = append(inputs, strings.Repeat("The ministers met in Geneva to discuss the ceasefire and new sanctions. ", 50<<20/72))
	}
	for _, s := range inputs {
		dec, err := b.Decide(s)
		if err != nil || dec.Topics == nil {
			t.Fatalf("%.30q: %v, %v", s, dec, err)
		}
		checkTopics(t, s, dec.Topics)
		if strings.TrimSpace(s) == "" && (len(dec.Topics) != 0 || dec.Foreign.Foreign) {
			t.Errorf("empty text: %+v", dec)
		}
	}
	var zero *builtin.Builtin
	if _, err := zero.Classify("x"); err == nil {
		t.Error("nil Builtin: want an error")
	}
	for _, o := range []builtin.Option{builtin.WithThreshold(math.NaN()), builtin.WithMaxTopics(-1), builtin.WithForeignModel(nil), builtin.WithTaxonomyModel(nil)} {
		if _, err := builtin.New(o); err == nil {
			t.Error("bad option: want an error")
		}
	}
}

// TestConcurrentDecide decides many texts from several goroutines at once
// and checks each answer against the one decided alone: the word caches
// (shared, and local to a goroutine) and the pooled buffers must not leak
// between calls. Run with -race to check the caches' locking too.
func TestConcurrentDecide(t *testing.T) {
	b, err := builtin.New()
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, f := range []string{"summit.txt", "sanctions.txt", "ceasefire.txt"} {
		raw, err := os.ReadFile("testdata/" + f)
		if err != nil {
			t.Fatal(err)
		}
		for _, para := range strings.Split(string(raw), "\n\n") {
			texts = append(texts, para)
		}
		texts = append(texts, string(raw))
	}
	want := make([]builtin.Decision, len(texts))
	for i, s := range texts {
		if want[i], err = b.Decide(s); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8*len(texts))
	for g := range 8 {
		wg.Go(func() {
			for k := range texts {
				i := (k + g*7) % len(texts) // each goroutine in another order
				got, err := b.Decide(texts[i])
				if err != nil || !reflect.DeepEqual(got, want[i]) {
					errs <- fmt.Sprintf("goroutine %d, text %d: %+v, %v; want %+v", g, i, got, err, want[i])
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

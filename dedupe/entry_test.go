package dedupe

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/diplotext/diplotext/dedupe/internal/storyterm"
	"github.com/diplotext/diplotext/text"
)

// Issue 16.11 and 16.12: no panic at an entry point, and option values
// where nothing sensible follows are errors naming the option.
func TestNoPanicsAtEntryPoints(t *testing.T) {
	ix, _ := NewIndex()
	if _, err := ix.AddDocument(ctx, "nil", nil); err != nil {
		t.Fatal(err)
	}
	if sims, err := ix.QueryDocument(ctx, nil); err != nil || sims == nil || len(sims) != 0 {
		t.Fatalf("QueryDocument(nil) = %v, %v", sims, err)
	}
	if sk := ix.Sketch(nil); sk.Size != 0 {
		t.Fatalf("Sketch(nil) = %+v", sk)
	}
	// documents whose tokens do not fit their text
	bad := &text.Document{Text: "ab", Tokens: []text.Token{{Start: 1, End: 9, Kind: text.Word}}}
	ix.AddDocument(ctx, "bad", bad)
	//lint:ignore SA1012 a nil context is documented as Background
	if _, err := ix.Add(nil, "nilctx", "Ministers met in Geneva"); err != nil { //nolint:staticcheck
		t.Fatal(err)
	}
	var nix *Index
	if _, err := nix.Add(ctx, "a", "x"); err == nil {
		t.Fatal("nil Index: no error")
	}
	nix.Sketch(nil)
	nix.Close()
	nix.Len(ctx)
	nix.QueryDocument(ctx, nil)

	sh, _ := NewIndex(WithShingler(func(d *text.Document, dst []uint64) []uint64 { panic("boom") }))
	if _, err := sh.Add(ctx, "p", "Ministers met"); err == nil || !strings.Contains(err.Error(), "boom") {
		t.Fatalf("panicking shingler: %v", err)
	}
	if _, err := sh.AddBatch(ctx, make([]Doc, 100)); err == nil {
		t.Fatal("panicking shingler in AddBatch: no error")
	}
	for b := -1; b < 5; b++ {
		LSH{Bands: 4, Rows: 8}.Key(make([]uint16, 3), b)
		LSH{Bands: 4, Rows: -8}.Key(nil, b)
	}
	LSH{Rows: math.MaxInt}.Key(make([]uint16, 4), math.MaxInt)

	st, _ := NewStories()
	if _, err := st.AddDocument(ctx, "nil", nil); err != nil {
		t.Fatal(err)
	}
	if sims, err := st.QueryDocument(ctx, nil); err != nil || sims == nil {
		t.Fatalf("Stories.QueryDocument(nil) = %v, %v", sims, err)
	}
	st.AddDocument(ctx, "bad", bad)
	var nst *Stories
	if _, err := nst.Add(ctx, "a", "x"); err == nil {
		t.Fatal("nil Stories: no error")
	}
}

func TestOptionsRefuseBadValues(t *testing.T) {
	nan := math.NaN()
	for name, o := range map[string]Option{
		"WithThreshold":    WithThreshold(nan),
		"WithThreshold(":   WithThreshold(0),
		"WithContainment":  WithContainment(nan, 0.2),
		"WithContainment(": WithContainment(0.5, -1),
		"WithConfidence":   WithConfidence(-1, 0),
		"WithConfidence(":  WithConfidence(0, math.Inf(1)),
		"WithHashes":       WithHashes(0),
		"WithLSH":          WithLSH(LSH{Bands: 0, Rows: 2}),
		"WithLSH(":         WithLSH(LSH{Bands: 200, Rows: 2}), // more than 128 values
		"WithMaxBytes":     WithMaxBytes(-1),
	} {
		want := strings.TrimSuffix(name, "(")
		if _, err := NewIndex(o); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v", name, err)
		}
	}
	for name, o := range map[string]StoryOption{
		"WithStoryThreshold": WithStoryThreshold(nan),
		"WithStoryWindow":    WithStoryWindow(-time.Hour),
		"WithStoryMaxBytes":  WithStoryMaxBytes(0),
	} {
		if _, err := NewStories(o); err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: err = %v", name, err)
		}
	}
	done := make(chan LSH)
	go func() { done <- OptimalLSH(0.5, 65536, 32, 0.3, 0.7) }()
	select {
	case l := <-done:
		if l.Bands*l.Rows > 65536 || l.Bands > 32 {
			t.Fatalf("OptimalLSH = %+v", l)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("OptimalLSH(0.5, 65536, ...) takes more than 5 s")
	}
	if a, b := OptimalLSH(0.2, 128, 32, 0.3, 0.7), (LSH{Bands: 32, Rows: 2}); a != b {
		t.Fatalf("default banding changed: %+v", a)
	}
}

// Issue 16.13: Query honours a cancelled context; after Close every call
// of both types is ErrClosed; duplicate ids follow one rule.
func TestContextCloseAndDuplicateIDs(t *testing.T) {
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	ix, _ := NewIndex()
	ix.Add(ctx, "a", article(1, 100))
	if _, err := ix.Query(cancelled, article(1, 100)); !errors.Is(err, context.Canceled) {
		t.Fatalf("Query with a cancelled context: %v", err)
	}
	st, _ := NewStories()
	st.Add(ctx, "a", "Ministers meet in Geneva over ceasefire")
	if _, err := st.Query(cancelled, "Ministers meet"); !errors.Is(err, context.Canceled) {
		t.Fatalf("Stories.Query with a cancelled context: %v", err)
	}
	for name, g := range map[string]interface {
		Add(context.Context, string, string) (Result, error)
	}{"Index": ix, "Stories": st} {
		text := "Ministers meet in Geneva over ceasefire " + article(2, 50)
		r1, err := g.Add(ctx, "d", text)
		if err != nil {
			t.Fatal(err)
		}
		r2, err := g.Add(ctx, "d", text)
		if err != nil || r2.Cluster != r1.Cluster {
			t.Fatalf("%s: the same id and text again: %+v %v", name, r2, err)
		}
		if _, err := g.Add(ctx, "d", "Something else entirely about rates"); !errors.Is(err, ErrDuplicateID) {
			t.Fatalf("%s: the same id, other text: %v", name, err)
		}
	}
	ix.Close()
	st.Close()
	if _, err := ix.Query(ctx, "x"); !errors.Is(err, ErrClosed) {
		t.Fatalf("Index.Query after Close: %v", err)
	}
	if err := ix.Remove(ctx, "a"); !errors.Is(err, ErrClosed) {
		t.Fatalf("Index.Remove after Close: %v", err)
	}
	if _, err := st.Query(ctx, "x"); !errors.Is(err, ErrClosed) {
		t.Fatalf("Stories.Query after Close: %v", err)
	}
	if err := st.Remove(ctx, "a"); !errors.Is(err, ErrClosed) {
		t.Fatalf("Stories.Remove after Close: %v", err)
	}
	if _, err := st.Add(ctx, "z", "x"); !errors.Is(err, ErrClosed) {
		t.Fatalf("Stories.Add after Close: %v", err)
	}
}

// The bounded search finds what the exhaustive one finds.
func TestOptimalLSHBoundedSearch(t *testing.T) {
	exhaustive := func(threshold float64, k, maxBands int, wFP, wFN float64) LSH {
		best, bestErr := LSH{Bands: 1, Rows: k}, math.Inf(1)
		for b := 1; b <= maxBands; b++ {
			for r := 2; b*r <= k; r++ {
				l := LSH{Bands: b, Rows: r}
				fp := integrate(l.Probability, 0, threshold)
				fn := integrate(func(j float64) float64 { return 1 - l.Probability(j) }, threshold, 1)
				if e := wFP*fp + wFN*fn; e < bestErr {
					best, bestErr = l, e
				}
			}
		}
		return best
	}
	for _, k := range []int{64, 128} {
		for _, th := range []float64{0.1, 0.2, 0.32, 0.5, 0.7, 0.9} {
			if a, b := optimalLSH(th, k, 32, 0.3, 0.7), exhaustive(th, k, 32, 0.3, 0.7); a != b {
				t.Errorf("k %d threshold %v: %+v, exhaustive %+v", k, th, a, b)
			}
		}
	}
}

// Stories.Query answers what the add of the same text then does.
func TestStoriesQueryAsAdd(t *testing.T) {
	st, _ := NewStories()
	for i, d := range storyStream(7, 300) {
		q, err := st.Query(ctx, d.text)
		if err != nil {
			t.Fatal(err)
		}
		r, err := st.Add(ctx, d.id, d.text)
		if err != nil {
			t.Fatal(err)
		}
		if len(q) != len(r.Similar) || (len(q) == 1 && q[0] != r.Similar[0]) {
			t.Fatalf("document %d: Query %+v, Add %+v", i, q, r.Similar)
		}
	}
}

// The built-in background table decodes, and weighs a common word far
// below a rare one.
func TestBackgroundTable(t *testing.T) {
	bg, err := background()
	if err != nil {
		t.Fatal(err)
	}
	if bg.n < 10000 || len(bg.hashes) < 5000 {
		t.Fatalf("table of %d documents, %d terms", bg.n, len(bg.hashes))
	}
	common, rare := bg.df(storyterm.Hash(text.Stem("minister"))), bg.df(storyterm.Hash(text.Stem("wawrinka")))
	if common < 50 || rare > common/10 {
		t.Fatalf("df(minister) = %d, df(wawrinka) = %d", common, rare)
	}
	if _, err := decodeBackground(storyDF[:len(storyDF)-1]); err == nil {
		t.Fatal("a truncated table decodes")
	}
}

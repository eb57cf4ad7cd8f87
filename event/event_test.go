package event

import (
	"errors"
	"math"
	"math/rand/v2"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/diplotext/diplotext/text"
)

func mustNew(t testing.TB, opts ...Option) *Extractor {
	t.Helper()
	x, err := New(opts...)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// checkEvents asserts the offset and range invariants of a result.
func checkEvents(t testing.TB, src string, evs []Event) {
	t.Helper()
	if evs == nil {
		t.Fatal("nil result")
	}
	check := func(what string, sp *Span) {
		if sp == nil {
			return
		}
		if sp.Start < 0 || sp.Start >= sp.End || sp.End > len(src) {
			t.Fatalf("%s offsets [%d,%d) out of range (len %d)", what, sp.Start, sp.End, len(src))
		}
		if src[sp.Start:sp.End] != sp.Text {
			t.Fatalf("%s text %q != input %q", what, sp.Text, src[sp.Start:sp.End])
		}
	}
	prev := -1
	for _, e := range evs {
		check("trigger", &e.Trigger)
		check("source", e.Source)
		check("target", e.Target)
		for i := range e.Also {
			check("also", &e.Also[i].Span)
			if r := e.Also[i].Role; r != Source && r != Target {
				t.Fatalf("coordinated actor with role %q", r)
			}
		}
		if e.Reciprocal && len(e.Also) > 0 {
			t.Fatalf("reciprocal event with coordinated actors")
		}
		if e.Trigger.Start < prev {
			t.Fatalf("events out of order")
		}
		prev = e.Trigger.Start
		if e.Score < 0 || e.Score > 1 || math.IsNaN(e.Score) {
			t.Fatalf("score %v", e.Score)
		}
		if e.Goldstein < -10 || e.Goldstein > 10 {
			t.Fatalf("goldstein %v", e.Goldstein)
		}
		if c, ok := RootClass(e.CAMEO); !ok || c != e.Class {
			t.Fatalf("cameo %q does not belong to class %s", e.CAMEO, e.Class)
		}
		if g, _ := Goldstein(e.CAMEO); g != e.Goldstein {
			t.Fatalf("goldstein %v is not the table's %v for %s", e.Goldstein, g, e.CAMEO)
		}
	}
}

func TestEmpty(t *testing.T) {
	x := mustNew(t)
	for _, s := range []string{"", "   ", "\n\n"} {
		evs, err := x.Extract(s)
		if err != nil || evs == nil || len(evs) != 0 {
			t.Fatalf("%q: %v %v", s, evs, err)
		}
	}
	evs, err := x.ExtractDocument(nil)
	if err != nil || evs == nil || len(evs) != 0 {
		t.Fatalf("nil document: %v %v", evs, err)
	}
	var nilx *Extractor
	if evs, err := nilx.Extract("Iran threatened Israel."); err != nil || len(evs) != 1 {
		t.Fatalf("nil extractor: %v %v", evs, err)
	}
}

func TestOptions(t *testing.T) {
	for _, v := range []float64{math.NaN(), -0.1, 1.5, math.Inf(1)} {
		if _, err := New(WithMinScore(v)); err == nil || !strings.Contains(err.Error(), "WithMinScore") {
			t.Errorf("WithMinScore(%v): %v", v, err)
		}
	}
	if _, err := New(WithModel(nil)); err == nil {
		t.Error("WithModel(nil) accepted")
	}
	x := mustNew(t, WithMinScore(1))
	evs, _ := x.Extract("Iran threatened Israel. The talks went on.")
	for _, e := range evs {
		if e.Score < 1 {
			t.Errorf("event below min score: %+v", e)
		}
	}
}

func TestActorOffsets(t *testing.T) {
	s := "Russia attacked Ukraine."
	for _, a := range []Actor{{Start: -1, End: 3}, {Start: 3, End: 3}, {Start: 0, End: 100}} {
		if _, err := Extract(s, a); !errors.Is(err, ErrActorOffsets) {
			t.Errorf("%+v: %v", a, err)
		}
	}
	if _, err := Extract("", Actor{Start: 0, End: 1}); !errors.Is(err, ErrActorOffsets) {
		t.Errorf("empty text with actor: %v", err)
	}
}

// The acts the issue names, read with and without given actors.
func TestActs(t *testing.T) {
	cases := []struct {
		s     string
		class Class
		neg   bool
	}{
		{"Iran threatened to close the strait.", VerbalConflict, false},
		{"Russia did not agree to the ceasefire.", VerbalConflict, true},
		{"Protesters demanded that the United States match the EU's support.", VerbalConflict, false},
		{"Putin offered to mediate between Armenia and Azerbaijan.", VerbalCooperation, false},
		{"Rebels killed six soldiers in an ambush near the border.", MaterialConflict, false},
	}
	for _, c := range cases {
		evs, err := Extract(c.s)
		if err != nil {
			t.Fatal(err)
		}
		checkEvents(t, c.s, evs)
		if len(evs) != 1 || evs[0].Class != c.class || evs[0].Negated != c.neg {
			t.Errorf("%q: got %+v, want %s negated=%v", c.s, evs, c.class, c.neg)
		}
	}
}

func TestReciprocalAndCountries(t *testing.T) {
	s := "Rubio and Lavrov agreed to keep channels open."
	acts := []Actor{{Start: 10, End: 16, Country: "RUS"}, {Start: 0, End: 5, Country: "USA"}} // any order
	evs, err := Extract(s, acts...)
	if err != nil {
		t.Fatal(err)
	}
	checkEvents(t, s, evs)
	if len(evs) != 1 {
		t.Fatalf("%+v", evs)
	}
	e := evs[0]
	if e.Class != VerbalCooperation || !e.Reciprocal || e.Source.Country != "USA" || e.Target.Country != "RUS" {
		t.Errorf("%+v source %+v target %+v", e, e.Source, e.Target)
	}
	sum := Summarize(evs)
	if len(sum.Dyads) != 2 || sum.Cooperation <= 0 {
		t.Errorf("summary %+v", sum)
	}
}

// Coordinated actors count in the dyads, each source toward each target.
func TestSummarizeCoordinated(t *testing.T) {
	evs := []Event{{
		Source: &Span{Country: "IND"}, Target: &Span{Country: "IRN"}, Goldstein: -2, Score: 1,
		Also: []CoActor{{Span: Span{Country: "JPN"}, Role: Source}, {Span: Span{Country: "SYR"}, Role: Target}},
	}}
	sum := Summarize(evs)
	var got []string
	for _, d := range sum.Dyads {
		got = append(got, d.Source+">"+d.Target)
	}
	sort.Strings(got)
	if want := "IND>IRN IND>SYR JPN>IRN JPN>SYR"; strings.Join(got, " ") != want {
		t.Errorf("dyads %q, want %q", strings.Join(got, " "), want)
	}
}

func TestCooperation(t *testing.T) {
	evs := []Event{{Goldstein: -10, Score: 1}, {Goldstein: 5, Score: 0.5}, {Goldstein: 7, Score: 0}}
	if got := Cooperation(evs); math.Abs(got-(-5)) > 1e-9 {
		t.Errorf("Cooperation = %v, want -5", got)
	}
	if Cooperation(nil) != 0 {
		t.Error("Cooperation(nil) != 0")
	}
	if s := Summarize(nil); s.Dyads == nil || s.Events != 0 {
		t.Errorf("Summarize(nil) = %+v", s)
	}
}

func TestTable(t *testing.T) {
	if len(cameoCodes) != 311 {
		t.Errorf("%d codes", len(cameoCodes))
	}
	for i := 1; i < len(cameoCodes); i++ {
		if cameoCodes[i-1].code >= cameoCodes[i].code {
			t.Fatalf("table not sorted at %s", cameoCodes[i].code)
		}
	}
	for r := 1; r <= 20; r++ {
		code := twoDigits(r)
		if _, ok := Goldstein(code); !ok {
			t.Errorf("root %s missing", code)
		}
		if _, ok := RootClass(code); !ok {
			t.Errorf("root %s has no class", code)
		}
	}
	if _, ok := Goldstein("99"); ok {
		t.Error("unknown code found")
	}
}

func TestModelRoundTrip(t *testing.T) {
	m, err := DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	if m.Info() == "" || ModelVersion == "" {
		t.Error("no provenance")
	}
	b, err := m.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	m2, err := LoadModel(b)
	if err != nil {
		t.Fatal(err)
	}
	b2, _ := m2.MarshalBinary()
	if string(b) != string(b2) {
		t.Error("marshal, load, marshal changed the model")
	}
	for _, n := range []int{0, 5, len(modelMagic) + 2, len(b) / 2, len(b) - 1} {
		if _, err := LoadModel(b[:n]); !errors.Is(err, ErrBadModel) {
			t.Errorf("truncated at %d: %v", n, err)
		}
	}
	if _, err := LoadModel(append(append([]byte{}, b...), 0)); !errors.Is(err, ErrBadModel) {
		t.Errorf("trailing byte: %v", err)
	}
	// a model of the previous format (other span features) is refused by name
	old := append([]byte("diplotext-event-model-v3\n"), b[len(modelMagic):]...)
	if _, err := LoadModel(old); !errors.Is(err, ErrBadModel) || !strings.Contains(err.Error(), "v3") {
		t.Errorf("v3 model: %v, want ErrBadModel naming v3", err)
	}
}

func TestTrain(t *testing.T) {
	ex := []Example{
		{Text: "Rebels attacked the army base.", Class: MaterialConflict, Spans: true, Actors: []LabeledSpan{{0, 6, Source}, {16, 29, Target}}},
		{Text: "The minister praised the agreement.", Class: VerbalCooperation, Spans: true, Actors: []LabeledSpan{{0, 12, Source}, {21, 34, Target}}},
		{Text: "Troops shelled the town.", Class: MaterialConflict},
		{Text: "Leaders welcomed the talks.", Class: VerbalCooperation},
	}
	m, err := Train(ex, &TrainConfig{Info: "test"})
	if err != nil {
		t.Fatal(err)
	}
	x := mustNew(t, WithModel(m))
	evs, err := x.Extract("Rebels attacked the town.")
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 1 || evs[0].Class != MaterialConflict {
		t.Errorf("%+v", evs)
	}
	if _, err := Train(nil, nil); !errors.Is(err, ErrNoExamples) {
		t.Errorf("no examples: %v", err)
	}
	for _, bad := range []Example{{Text: "x"}, {Text: "x", Class: "war"}, {Text: "ab", Spans: true, Actors: []LabeledSpan{{0, 5, Source}}}, {Text: "ab", Spans: true, Actors: []LabeledSpan{{0, 1, "who"}}}} {
		if _, err := Train([]Example{bad}, nil); err == nil {
			t.Errorf("bad example %+v accepted", bad)
		}
	}
	if _, err := Train(ex, &TrainConfig{TagEpochs: -1}); err == nil {
		t.Error("negative epochs accepted")
	}
}

// Bad input from the brief: no verb, 500 entities in one sentence, nested
// quotes, all caps, long runs, invalid UTF-8.
func TestBadInput(t *testing.T) {
	x := mustNew(t)
	var many strings.Builder
	var acts []Actor
	for i := 0; i < 500; i++ {
		if i > 0 {
			many.WriteString(" and ")
		}
		acts = append(acts, Actor{Start: many.Len(), End: many.Len() + 6, Country: "FRA"})
		many.WriteString("France")
	}
	many.WriteString(" signed the accord.")
	inputs := []struct {
		s    string
		acts []Actor
	}{
		{"The weather.", nil},
		{many.String(), acts},
		{`He said "she said 'they said "no" to Iran' today" loudly.`, nil},
		{"NATO LAUNCHED AIR STRIKES ON SERBIAN POSITIONS.", nil},
		{strings.Repeat("x", 100000), nil},
		{strings.Repeat("!", 100000), nil},
		{"Iran \xff\xfe threatened \x00 Israel.", nil},
		// one sentence of more distinct words than the word cache holds
		// (it hung before: the cache's table filled up)
		{distinctWords(40000), nil},
		// sentences that together pass the cache's size
		{strings.ReplaceAll(distinctWords(30000), "x ", "x. "), nil},
	}
	for _, in := range inputs {
		evs, err := x.Extract(in.s, in.acts...)
		if err != nil {
			t.Fatalf("%.40q: %v", in.s, err)
		}
		checkEvents(t, in.s, evs)
	}
}

// distinctWords is a sentence of an attack followed by n different words.
func distinctWords(n int) string {
	var b strings.Builder
	b.WriteString("The army attacked ")
	for i := range n {
		b.WriteString("w")
		b.WriteString(strconv.Itoa(i))
		b.WriteString("x ")
	}
	return b.String()
}

// raceEnabled is set by race_test.go under the race detector.
var raceEnabled bool

func TestLinear(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("short or race mode: timing test")
	}
	x := mustNew(t)
	unit := "Rebels attacked the army base near the border on Sunday, officials said. "
	small := text.Parse(strings.Repeat(unit, 2000))
	big := text.Parse(strings.Repeat(unit, 20000))
	t1 := testing.Benchmark(func(b *testing.B) {
		for range b.N {
			x.ExtractDocument(small)
		}
	})
	t2 := testing.Benchmark(func(b *testing.B) {
		for range b.N {
			x.ExtractDocument(big)
		}
	})
	if r := float64(t2.NsPerOp()) / float64(t1.NsPerOp()); r > 20 {
		t.Errorf("10x input took %.1fx time", r)
	}
	// one sentence of 200k tokens
	long := strings.Repeat("attacked ", 200000)
	evs, err := x.Extract(long)
	if err != nil {
		t.Fatal(err)
	}
	checkEvents(t, long, evs)
	_ = utf8.RuneError
}

func TestConcurrent(t *testing.T) {
	x := mustNew(t)
	done := make(chan []Event)
	for range 4 {
		go func() {
			evs, _ := x.Extract("Iran threatened Israel. Jordan and Britain signed a defence pact.")
			done <- evs
		}()
	}
	first := <-done
	for range 3 {
		if got := <-done; !reflect.DeepEqual(got, first) {
			t.Error("results differ between goroutines")
		}
	}
}

// wordHashes is hashLower, prefixHash and shapeOf in one pass: the same
// values, or every trained model would read other features.
func TestWordHashes(t *testing.T) {
	for _, w := range []string{"", "a", "Iran", "agreed", "AGREEMENT", "U.S.", "1,500", "--", "Ukrainian", "naïve", "ÉTAT", "x\x00y", "abcde", "abcdef"} {
		lw, p5, sh, word := wordHashes(w)
		wsh, wword := shapeOf(w)
		if lw != hashLower(w) || p5 != prefixHash(w) || sh != wsh || word != wword {
			t.Errorf("wordHashes(%q) = %x %x %d %v, want %x %x %d %v", w, lw, p5, sh, word, hashLower(w), prefixHash(w), wsh, wword)
		}
	}
}

// viterbiRef is the plain Viterbi decoder the unrolled one replaced.
func viterbiRef(em []float32, trans *[nTags + 1][nTags]float32) []uint8 {
	n := len(em) / nTags
	out := make([]uint8, n)
	if n == 0 {
		return out
	}
	back := make([]uint8, n*nTags)
	const ninf = float32(-1e30)
	var prev, cur [nTags]float32
	for k := 0; k < nTags; k++ {
		if allowed(nTags, k) {
			prev[k] = em[k] + trans[nTags][k]
		} else {
			prev[k] = ninf
		}
	}
	for i := 1; i < n; i++ {
		for k := 0; k < nTags; k++ {
			best, bj := ninf, 0
			for j := 0; j < nTags; j++ {
				if !allowed(j, k) {
					continue
				}
				if v := prev[j] + trans[j][k]; v > best {
					best, bj = v, j
				}
			}
			cur[k] = best + em[i*nTags+k]
			back[i*nTags+k] = uint8(bj)
		}
		prev = cur
	}
	bk := 0
	for k := 1; k < nTags; k++ {
		if prev[k] > prev[bk] {
			bk = k
		}
	}
	for i := n - 1; i >= 0; i-- {
		out[i] = uint8(bk)
		bk = int(back[i*nTags+bk])
	}
	return out
}

// The unrolled Viterbi decodes what the plain one does, ties included.
func TestViterbiUnrolled(t *testing.T) {
	m, err := DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	s := new(scratch)
	for trial := 0; trial < 500; trial++ {
		n := 1 + rng.IntN(40)
		em := make([]float32, n*nTags)
		for i := range em {
			em[i] = float32(rng.IntN(7) - 3) // small integers: many ties
		}
		got := viterbi(s, em, &m.trans)
		want := viterbiRef(em, &m.trans)
		if string(got) != string(want) {
			t.Fatalf("trial %d: %v, want %v", trial, got, want)
		}
	}
}

package ner

import (
	"bytes"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/diplotext/diplotext/text"

	"github.com/diplotext/diplotext/entity/internal/gaz"
)

func toyExamples() []Example {
	mk := func(words []string, tags []Tag) Example {
		return Example{Doc: Doc{Words: words, Sents: []Span{{0, len(words)}}}, Tags: tags}
	}
	var ex []Example
	for i := 0; i < 20; i++ {
		ex = append(ex,
			mk([]string{"Lavrov", "visited", "Malaysia", "."}, []Tag{BPer, O, BLoc, O}),
			mk([]string{"Marco", "Rubio", "praised", "NATO", "."}, []Tag{BPer, IPer, O, BOrg, O}),
		)
	}
	return ex
}

func TestTrainRoundTrip(t *testing.T) {
	ex := toyExamples()
	m := TrainTwoStage(ex, gaz.Default(), map[uint64][3]uint16{text.Hash("lavrov"): {3, 1, 4}}, TrainOptions{Bits: 12, Folds: 2, Epochs: 3, Seed: 1}, nil)
	var s Scratch
	got := m.Tag(&ex[1].Doc, &s, nil)
	for i, g := range got {
		if g != ex[1].Tags[i] {
			t.Fatalf("tag %d: got %d want %d", i, g, ex[1].Tags[i])
		}
	}
	b, err := m.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	m2, err := Load(b, gaz.Default())
	if err != nil {
		t.Fatal(err)
	}
	got2 := m2.Tag(&ex[1].Doc, &s, nil)
	for i := range got {
		if got[i] != got2[i] {
			t.Fatal("loaded model tags differently")
		}
	}
	if c := m2.Confidence(m2.RawMargin(&s, 0, 2, got2)); c <= 0 || c >= 1 {
		t.Fatalf("confidence %v", c)
	}
	// corrupt and truncated models fail with an error
	for _, bad := range [][]byte{nil, []byte("nonsense"), b[:10], b[:len(b)/2], append([]byte("DTNER\x05\x30"), b[7:]...)} {
		if _, err := Load(bad, nil); err == nil {
			t.Errorf("corrupt model of %d bytes loaded", len(bad))
		}
	}
}

func TestEmptyAndOddDocs(t *testing.T) {
	m := NewTrainer(10, nil).Train(toyExamples(), 1, 1, nil)
	var s Scratch
	for _, d := range []Doc{{}, {Words: []string{""}, Sents: []Span{{0, 1}}}, {Words: []string{"\xff", "ÉTÉ", "王毅"}, Sents: []Span{{0, 3}}}} {
		if got := m.Tag(&d, &s, nil); len(got) != len(d.Words) {
			t.Fatalf("%d tags for %d words", len(got), len(d.Words))
		}
	}
}

func TestTitleCase(t *testing.T) {
	for _, c := range []struct {
		s    string
		want bool
	}{
		{"Japan Says Yen Slide Not a Concern Amid Calls for Action", true},
		{"Starbucks Reports a 0.4 Percent Rise in March Sales", true},
		{"Sergei Lavrov met Marco Rubio in Kuala Lumpur on Thursday", false},
		{"Manchester United 2 Chelsea 1", false},
	} {
		words := strings.Fields(c.s)
		toks := make([]token, len(words))
		for i, w := range words {
			toks[i].lower = text.Hash(w)
			toks[i].shape, toks[i].cap, toks[i].lowerc = shapeHash(w)
			toks[i].common = gaz.Common(toks[i].lower)
			toks[i].length = len(w)
		}
		if got := titleCase(words, toks); got != c.want {
			t.Errorf("titleCase(%q) = %v, want %v", c.s, got, c.want)
		}
	}
	if h, capital, lower := shapeHashUpper("Lavrov"); !capital || lower || h != func() uint64 { h, _, _ := shapeHash("LAVROV"); return h }() {
		t.Error("shapeHashUpper(Lavrov) differs from shapeHash(LAVROV)")
	}
	if exactHashUpper("Lavrov") != exactHash("LAVROV") {
		t.Error("exactHashUpper(Lavrov) differs from exactHash(LAVROV)")
	}
}

func TestDropoutTraining(t *testing.T) {
	tr := NewTrainer(12, gaz.Default())
	tr.Dropout = 0.3
	m := tr.Train(toyExamples(), 5, 1, nil)
	var s Scratch
	ex := toyExamples()
	got := m.Tag(&ex[1].Doc, &s, nil)
	for i, g := range got {
		if g != ex[1].Tags[i] {
			t.Fatalf("tag %d: got %d want %d", i, g, ex[1].Tags[i])
		}
	}
}

func TestTopicFlags(t *testing.T) {
	m := NewModel(10, gaz.Default())
	var s Scratch
	doc := func(text string) *Doc {
		w := strings.Fields(text)
		return &Doc{Words: w, Sents: []Span{{0, len(w)}}}
	}
	m.prepare(doc("SOCCER - Chelsea beat Leeds 2-1 in the league as their striker scored two goals"), &s)
	if !s.sport || s.finance {
		t.Errorf("sports report: sport %v finance %v", s.sport, s.finance)
	}
	m.prepare(doc("Barrick said net profit rose 12 pct and the dividend per share was raised as shares climbed"), &s)
	if s.sport || !s.finance {
		t.Errorf("business report: sport %v finance %v", s.sport, s.finance)
	}
	m.prepare(doc("Lavrov met Rubio in Kuala Lumpur"), &s)
	if s.sport || s.finance {
		t.Errorf("diplomatic report: sport %v finance %v", s.sport, s.finance)
	}
}

func TestCapProfile(t *testing.T) {
	for _, c := range []struct {
		lower, capMid int
		want          uint16
	}{
		{0, 0, 0}, {1, 1, 0}, // too few to tell
		{100, 2, 1}, // "the": almost always lower case
		{60, 40, 2}, // mostly lower case
		{20, 80, 3}, // mostly capitalised ("Bank" in names)
		{0, 117, 4}, // "Putin"
		{1, 19, 4},  // a slip of the pen does not hide a name
		{0, 3, 4},   // three capitalised occurrences are enough
		{10, 90, 4}, // 0.9 is "almost always"
		{11, 89, 3}, // just below
		{90, 10, 2}, // 0.1 is no longer "almost never"
		{91, 9, 1},  // just below
	} {
		if got := CapProfile(c.lower, c.capMid); got != c.want {
			t.Errorf("CapProfile(%d, %d) = %d, want %d", c.lower, c.capMid, got, c.want)
		}
	}
}

func TestSetClustersPacking(t *testing.T) {
	m := NewModel(10, nil)
	h := text.Hash("putin")
	m.SetClusters(map[uint64][3]uint16{h: {4095, 64, 4}})
	c := m.clusters.get(h)
	if cluFine(c) != 4095 || c&0xffff != 64 || cluProfile(c) != 4 {
		t.Errorf("packed %#x: fine %d coarse %d profile %d, want 4095 64 4", c, cluFine(c), c&0xffff, cluProfile(c))
	}
	// the no-word sentinel used for a missing neighbour stays apart from
	// an unknown word
	if cluFine(1<<31) == cluFine(0) {
		t.Error("sentinel and unknown word share a fine cluster")
	}
}

// TestMarshalLoadedIdentical: a loaded model encodes to the bytes it was
// loaded from (its quantised weights are written as stored), and a model
// decoded from those bytes carries the same weights, transitions,
// calibration and clusters.
func TestMarshalLoadedIdentical(t *testing.T) {
	m := TrainTwoStage(toyExamples(), gaz.Default(), map[uint64][3]uint16{text.Hash("lavrov"): {3, 1, 4}, text.Hash("nato"): {5, 2, 1}}, TrainOptions{Bits: 12, Folds: 2, Epochs: 3, Seed: 1}, nil)
	b, err := m.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	m2, err := Load(b, nil)
	if err != nil {
		t.Fatal(err)
	}
	b2, err := m2.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, b2) {
		t.Fatal("a loaded model encodes differently")
	}
	m3, err := Load(b2, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(m2, m3) {
		t.Fatal("decoding the same bytes twice gives different models")
	}
	if m3.clusters.get(text.Hash("nato")) == 0 || m3.clusters.get(text.Hash("geneva")) != 0 {
		t.Fatal("clusters lost in the round trip")
	}
	// trailing bytes and a bitmap that disagrees with the row count fail
	if _, err := Load(append(b2[:len(b2):len(b2)], 0), nil); err == nil {
		t.Error("trailing byte accepted")
	}
}

// TestClusterTable compares the table with a map on random hashes and on
// hashes at the ends of the top-bit runs.
func TestClusterTable(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	want := map[uint64]uint32{0: 7, math.MaxUint64: 9, 1 << 52: 3, 1<<52 - 1: 4}
	for range 5000 {
		want[r.Uint64()] = r.Uint32() | 1
	}
	keys := make([]uint64, 0, len(want))
	for h := range want {
		keys = append(keys, h)
	}
	slices.Sort(keys)
	vals := make([]uint32, len(keys))
	for i, h := range keys {
		vals[i] = want[h]
	}
	tab := newClusterTable(keys, vals)
	for h, v := range want {
		if got := tab.get(h); got != v {
			t.Fatalf("get(%#x) = %d, want %d", h, got, v)
		}
		if _, ok := want[h+1]; !ok && tab.get(h+1) != 0 {
			t.Fatalf("get(%#x) found an absent hash", h+1)
		}
	}
	if (*clusterTable)(nil).get(5) != 0 || newClusterTable(nil, nil).get(0) != 0 {
		t.Fatal("empty table finds a hash")
	}
}

// TestSumQCompactRows: the sums over the rows kept by a loaded model (zero
// rows left out) equal the sums over the trained model's quantised
// weights, bucket by bucket and over a mix of buckets.
func TestSumQCompactRows(t *testing.T) {
	m := TrainTwoStage(toyExamples(), gaz.Default(), nil, TrainOptions{Bits: 12, Folds: 2, Epochs: 3, Seed: 1}, nil)
	b, err := m.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	loaded, err := Load(b, nil)
	if err != nil {
		t.Fatal(err)
	}
	dense, _ := m.quantised()
	nb := 1 << m.bits
	if len(loaded.q)/2 >= len(dense) {
		t.Fatalf("%d weights kept of %d: zero rows not left out", len(loaded.q)/2, len(dense))
	}
	var all []uint32
	var want [NumTags]int32
	for bk := range nb {
		var w [NumTags]int32
		for k := range w {
			w[k] = int32(dense[bk*NumTags+k])
			want[k] += w[k]
		}
		all = append(all, uint32(bk))
		if got := loaded.sumQ([]uint32{uint32(bk)}); got != w {
			t.Fatalf("bucket %d: %v, want %v", bk, got, w)
		}
	}
	if got := loaded.sumQ(all); got != want {
		t.Fatalf("all buckets: %v, want %v", got, want)
	}
}

// TestAddHistorySameAsExtract: the second stage's features built from the
// first stage's are those a full extract gives, token by token and in
// order, in mixed case and in a headline in capitals.
func TestAddHistorySameAsExtract(t *testing.T) {
	m := TrainTwoStage(toyExamples(), gaz.Default(), map[uint64][3]uint16{text.Hash("lavrov"): {3, 1, 4}}, TrainOptions{Bits: 12, Folds: 2, Epochs: 2, Seed: 1}, nil)
	for _, txt := range []string{"Lavrov met Rubio in Kuala Lumpur on Monday . Lavrov said NATO", "LAVROV MEETS RUBIO IN KUALA LUMPUR"} {
		w := strings.Fields(txt)
		d := &Doc{Words: w, Sents: []Span{{0, len(w)}}}
		if n := len(w); n > 9 {
			d.Sents = []Span{{0, 9}, {9, n}}
		}
		var s Scratch
		tags := make([]Tag, len(d.Words))
		m.first.prepare(d, &s)
		m.first.extract(d, &s, false)
		m.first.decode(d, &s, tags)
		s.computeHist(tags)
		m.addHistory(d, &s)
		feats, offs := slices.Clone(s.feats), slices.Clone(s.offs[:len(d.Words)+1])
		m.extract(d, &s, true)
		if !slices.Equal(feats, s.feats) || !slices.Equal(offs, s.offs[:len(d.Words)+1]) {
			t.Errorf("%q: features differ", txt)
		}
	}
}

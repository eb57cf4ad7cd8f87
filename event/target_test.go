package event

import (
	"strings"
	"testing"

	"github.com/diplotext/diplotext/text"
)

// The default extractor drops what WithMinScore(0) keeps below
// DefaultMinScore, and keeps the rest unchanged.
func TestDefaultMinScore(t *testing.T) {
	src := "Kuala Lumpur will end the talks. Iran threatened Israel. The weather was fine on Monday and people walked. " +
		"Officials said the end of the year would come. Russia attacked Ukraine."
	all, err := mustNew(t, WithMinScore(0)).Extract(src)
	if err != nil {
		t.Fatal(err)
	}
	def, err := mustNew(t).Extract(src)
	if err != nil {
		t.Fatal(err)
	}
	var want []Event
	for _, e := range all {
		if e.Score >= DefaultMinScore {
			want = append(want, e)
		}
	}
	if len(want) == len(all) {
		t.Fatal("the text has no event below the default minimum score: the test would prove nothing")
	}
	if len(def) != len(want) {
		t.Fatalf("default kept %d events, want the %d of %d at or above %v", len(def), len(want), len(all), DefaultMinScore)
	}
	for i := range def {
		if def[i].Trigger != want[i].Trigger || def[i].Score != want[i].Score {
			t.Errorf("event %d: %+v, want %+v", i, def[i], want[i])
		}
	}
}

// The span model proposes only spans after the trigger, inside the window,
// never across a source, and setTarget writes well-formed BIO tags.
func TestBestTargetBounds(t *testing.T) {
	m, err := DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	src := "The Syrian army shelled the rebel - held enclave of eastern Ghouta near Damascus on Friday ."
	toks := text.Tokenize(src, nil)
	s := new(scratch)
	s.infos = fillInfos(src, toks, nil, codebookOnce())
	trig := 3
	// the tagger's own tags, which the span model reads
	tags := append([]uint8(nil), viterbi(s, m.tagEmissions(s, trig, nil), &m.trans)...)
	tags[0], tags[1], tags[2] = tagBS, tagIS, tagIS
	a, e, ok := m.bestTarget(s, trig, tags, spanNoneBias)
	if !ok {
		t.Fatal("no target for a clear object")
	}
	if a <= trig || a-trig > spanWindow || e < a || e-a+1 > spanMaxLen || e >= len(toks) {
		t.Fatalf("span [%d,%d] out of bounds", a, e)
	}
	setTarget(tags, a, e, ok)
	for i, tg := range tags {
		if tg == tagIT && tags[i-1] != tagBT && tags[i-1] != tagIT {
			t.Fatalf("ill-formed tags %v", tags)
		}
	}
	if got := src[toks[a].Start:toks[e].End]; got == "" {
		t.Fatal("empty target")
	}
	// a source right after the trigger blocks every span through it
	for i := trig + 1; i < len(tags); i++ {
		tags[i] = tagIS
	}
	if _, _, ok := m.bestTarget(s, trig, tags, -1e6); ok {
		t.Error("a target across a source")
	}
}

// coordinated joins the tagger's spans of a role that follow a span of it
// by "and", a comma or ", and", and stops at anything else.
func TestCoordinated(t *testing.T) {
	src := "Rome urged India , Iran and the EU and then Chile to talk"
	d := text.Parse(src)
	toks := d.Tokens
	// Rome urged India , Iran and the EU and then Chile to talk
	tags := []uint8{tagBS, tagO, tagBT, tagO, tagBT, tagO, tagBT, tagIT, tagO, tagO, tagBT, tagO, tagO}
	if len(toks) != len(tags) {
		t.Fatalf("%d tokens", len(toks))
	}
	got := coordinated(src, toks, tags, 3, tagBT, Target, true, nil, nil)
	var texts []string
	for _, c := range got {
		if c.Role != Target {
			t.Errorf("%q has role %s", c.Text, c.Role)
		}
		texts = append(texts, c.Text)
	}
	if want := "Iran|the EU"; strings.Join(texts, "|") != want {
		t.Errorf("targets %q, want %q (not \"Chile\": \"and then\" is no coordination)", strings.Join(texts, "|"), want)
	}
	// without commas only "and" joins: nothing after "India ,"
	if got := coordinated(src, toks, tags, 3, tagBT, Target, false, nil, nil); len(got) != 0 {
		t.Errorf("comma joined a source-style conjunct: %+v", got)
	}
	// a conjunct the tagger did not tag comes from conj
	tags[4], tags[6], tags[7] = tagO, tagO, tagO
	got = coordinated(src, toks, tags, 3, tagBT, Target, true, nil, func(k int) (int, bool) { return k, k == 4 })
	if len(got) != 1 || got[0].Text != "Iran" {
		t.Errorf("with conj: %+v, want Iran", got)
	}
}

// splitAnd cuts a reciprocal span at its first "and", never at its edges.
func TestSplitAnd(t *testing.T) {
	src := "China and Russia and Iran"
	toks := text.Parse(src).Tokens
	got := splitAnd(src, toks, span{0, len(toks), tagBR})
	if len(got) != 2 || got[0] != (span{0, 1, tagBR}) || got[1] != (span{2, 5, tagBR}) {
		t.Errorf("split %+v", got)
	}
	if got := splitAnd(src, toks, span{1, 3, tagBR}); len(got) != 1 {
		t.Errorf("\"and Russia\" split at its edge: %+v", got)
	}
}

// foldIn matches the listed words in any case, and nothing else.
func TestFoldIn(t *testing.T) {
	for w, want := range map[string]bool{"But": true, "AND": true, "however": true, "butt": false, "": false, "ALSO": true, "anD ": false} {
		if got := isLeadingConj(w); got != want {
			t.Errorf("isLeadingConj(%q) = %v", w, got)
		}
	}
	if !isParticle("OFF") || isParticle("of") {
		t.Error("isParticle")
	}
}

package event

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/diplotext/diplotext/internal/shareddata"
	"github.com/diplotext/diplotext/text"
)

// The word-row loops of the extraction path give bit for bit the scores of
// the feature-by-feature loops over the quantised tables, on every sentence
// of the UN speeches (when the shared data is present) and of the sample
// briefing, with every token as the trigger.
func TestFastPathMatches(t *testing.T) {
	m, err := DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	p, err := os.ReadFile("../examples/briefing/sample.txt")
	if err != nil {
		t.Fatal(err)
	}
	docs := []string{string(p), "Peace .", "War", "The U.N. and NATO -- 12 , 000 troops ' peace ' ; DON'T stop !"}
	if dir, err := shareddata.Dir(); err == nil {
		if texts, err := shareddata.UNSpeeches(filepath.Join(dir, "ungd2017", "ungd2017.jsonl")); err == nil {
			n := 30
			if testing.Short() {
				n = 3
			}
			docs = append(docs, texts[:min(n, len(texts))]...)
		}
	}
	ref, fast := new(scratch), new(scratch)
	cb := codebookOnce()
	sents := 0
	for _, src := range docs {
		d := text.Parse(src)
		for _, sn := range d.Sentences {
			toks := d.Tokens[sn.First:sn.Last]
			ref.infos = fillInfos(d.Text, toks, ref.infos, cb)
			m.fillInfosFast(fast, d.Text, toks)
			if !slices.Equal(ref.infos, fast.infos) {
				t.Fatalf("token infos differ on %q", d.Text[sn.Start:sn.End])
			}
			sents++
			if ref.fast || !fast.fast {
				t.Fatal("scratch paths not as set up")
			}
			var pr, pf [nClasses]float64
			m.classify(ref, &pr)
			m.classify(fast, &pf)
			if pr != pf || !sameF32(ref.tokv, fast.tokv) {
				t.Fatalf("classifier differs on %q: %v vs %v", d.Text[sn.Start:sn.End], pr, pf)
			}
			if !sameF32(m.trigScores(ref, nil), m.trigScores(fast, nil)) {
				t.Fatalf("trigger scores differ on %q", d.Text[sn.Start:sn.End])
			}
			n := len(toks)
			if !sameF32(m.chunkEmissions(ref, 0, n, nil), m.chunkEmissions(fast, 0, n, nil)) {
				t.Fatalf("chunk emissions differ on %q", d.Text[sn.Start:sn.End])
			}
			for trig := 0; trig < n; trig++ {
				em := m.tagEmissions(ref, trig, nil)
				if !sameF32(em, m.tagEmissions(fast, trig, nil)) {
					t.Fatalf("tag emissions differ on %q, trigger %d", d.Text[sn.Start:sn.End], trig)
				}
				tags := append([]uint8(nil), viterbi(ref, em, &m.trans)...)
				a0, e0, ok0 := m.bestTarget(ref, trig, tags, spanNoneBias)
				a1, e1, ok1 := m.bestTarget(fast, trig, tags, spanNoneBias)
				if a0 != a1 || e0 != e1 || ok0 != ok1 || ref.spanHi != fast.spanHi || !sameF32(ref.ends[:ref.spanHi], fast.ends[:fast.spanHi]) || !sameF32(ref.ins[:ref.spanHi], fast.ins[:fast.spanHi]) {
					t.Fatalf("target span differs on %q, trigger %d: [%d,%d] %v vs [%d,%d] %v", d.Text[sn.Start:sn.End], trig, a0, e0, ok0, a1, e1, ok1)
				}
				for k := trig + 2; k < ref.spanHi; k++ {
					e0, ok0 := m.conjunctTarget(ref, trig, k, tags)
					e1, ok1 := m.conjunctTarget(fast, trig, k, tags)
					if e0 != e1 || ok0 != ok1 {
						t.Fatalf("conjunct target differs on %q, trigger %d, start %d", d.Text[sn.Start:sn.End], trig, k)
					}
				}
			}
		}
	}
	if sents < 10 {
		t.Fatalf("only %d sentences compared", sents)
	}
}

func sameF32(a, b []float32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float32bits(a[i]) != math.Float32bits(b[i]) {
			return false
		}
	}
	return true
}

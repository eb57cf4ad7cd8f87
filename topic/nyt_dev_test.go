package topic_test

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/diplotext/diplotext/topic"
	"github.com/diplotext/diplotext/topic/corpus"
)

func TestNYTDev(t *testing.T) {
	p := os.Getenv("NYT_MODEL")
	if p == "" {
		t.Skip()
	}
	m, err := topic.LoadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	f, _ := os.Open(filepath.Join(topic.FindData(t, "rtexttools-cap"), "NYTimes.csv"))
	docs, _ := corpus.ReadNYT(f)
	if os.Getenv("SWEEP") != "" {
		var sc []float64
		var gs []bool
		for _, d := range docs {
			for _, p := range m.PredictText(d.Text) {
				if p.Label == "@foreign" {
					sc = append(sc, p.Score)
				}
			}
			gs = append(gs, d.Code == 16 || d.Code == 18 || d.Code == 19)
		}
		for _, th := range []float64{0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5} {
			var tp, fp, fn int
			for i := range sc {
				switch {
				case sc[i] >= th && gs[i]:
					tp++
				case sc[i] >= th:
					fp++
				case gs[i]:
					fn++
				}
			}
			p, r := float64(tp)/float64(tp+fp), float64(tp)/float64(tp+fn)
			t.Logf("th %.2f P %.3f R %.3f F1 %.3f", th, p, r, 2*p*r/(p+r))
		}
	}
	for _, half := range []int{0, 1} {
		var tp, fp, fn int
		for _, d := range docs {
			id, _ := strconv.Atoi(d.ID)
			if id%2 != half {
				continue
			}
			txt := d.Text
			if os.Getenv("NYT_SUBJ") != "" {
				txt += ". " + d.Subject
			}
			preds := m.PredictText(txt)
			fore := false
			for _, p := range preds {
				if p.Label == "@foreign" && p.Selected {
					fore = true
				}
			}
			gold := d.Code == 16 || d.Code == 18 || d.Code == 19
			switch {
			case fore && gold:
				tp++
			case fore:
				fp++
				if os.Getenv("V") != "" && half == 0 {
					t.Logf("FP %d %s", d.Code, d.Text)
				}
			case gold:
				fn++
				if os.Getenv("V") != "" && half == 0 {
					t.Logf("FN %d %s", d.Code, d.Text)
				}
			}
		}
		p, r := float64(tp)/float64(tp+fp), float64(tp)/float64(tp+fn)
		t.Logf("half %d: P %.3f R %.3f F1 %.3f", half, p, r, 2*p*r/(p+r))
	}
}

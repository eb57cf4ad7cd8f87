package tone

import (
	"bufio"
	"encoding/json"
	"github.com/diplotext/diplotext/internal/eval/stats"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/diplotext/diplotext/internal/shareddata"
)

// dataDir finds the shared development data: $DIPLOTEXT_DATA, or a
// shared/data folder beside the module found by walking up from the
// working directory. Tests that need it skip when it is absent.
func dataDir(t testing.TB) string {
	t.Helper()
	return shareddata.Require(t, ".")
}

type rated struct {
	set    string
	rating float64
	text   string
}

var ratedSets = []string{"tweets", "movieReviewSnippets", "amazonReviewSnippets"}

func loadRated(t testing.TB, dir, set string) []rated {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "vader-groundtruth", set+"_GroundTruth.txt"))
	if err != nil {
		t.Skipf("rated set %s: %v", set, err)
	}
	defer f.Close()
	var out []rated
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		p := strings.SplitN(sc.Text(), "\t", 3)
		if len(p) != 3 {
			continue
		}
		r, err := strconv.ParseFloat(strings.TrimSpace(p[1]), 64)
		if err != nil {
			continue
		}
		out = append(out, rated{set, r, p[2]})
	}
	return out
}

type mtscTarget struct {
	text       string
	start, end int // bytes
	class      int // 0 negative, 1 neutral, 2 positive
	sent       int // sentence index in the file
	group      int // index of the sentence's story (allsides) or article (polusa)
}

// mtscGroup returns the key grouping a NewsMTSC sentence for
// cross-validation: its story for allsides ids
// ("allsides_<article>_<story>_..."), its article for polusa ids
// ("polusa_v1_<article>_..."), so that no fold shares an event.
func mtscGroup(gid string) string {
	p := strings.SplitN(gid, "_", 4)
	if len(p) < 3 {
		return gid
	}
	if p[0] == "allsides" {
		return p[0] + "_" + p[2]
	}
	return p[0] + "_" + p[1] + "_" + p[2]
}

func loadNewsMTSC(t testing.TB, dir string) []mtscTarget {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "newsmtsc", "train.jsonl"))
	if err != nil {
		t.Skipf("newsmtsc: %v", err)
	}
	defer f.Close()
	var out []mtscTarget
	groups := map[string]int{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	no := 0
	for sc.Scan() {
		var rec struct {
			GID      string `json:"primary_gid"`
			Sentence string `json:"sentence_normalized"`
			Targets  []struct {
				From, To int
				Polarity float64
			}
		}
		if json.Unmarshal(sc.Bytes(), &rec) != nil {
			continue
		}
		g, ok := groups[mtscGroup(rec.GID)]
		if !ok {
			g = len(groups)
			groups[mtscGroup(rec.GID)] = g
		}
		for _, tg := range rec.Targets {
			s, e := charToByte(rec.Sentence, tg.From), charToByte(rec.Sentence, tg.To)
			if s < 0 || e <= s {
				continue
			}
			out = append(out, mtscTarget{rec.Sentence, s, e, int(tg.Polarity/2) - 1, no, g})
		}
		no++
	}
	return out
}

// newsSentences turns NewsMTSC targets into a sentence-level polarity
// proxy for news text: each distinct sentence rated by the mean polarity
// of its targets (negative -4, neutral 0, positive +4, the scale of the
// VADER ratings). group is the CV group of each sentence.
func newsSentences(data []mtscTarget) (sents []rated, group []int) {
	idx := map[string]int{}
	var n []float64
	for _, x := range data {
		i, ok := idx[x.text]
		if !ok {
			i = len(sents)
			idx[x.text] = i
			sents = append(sents, rated{set: "news", text: x.text})
			group = append(group, x.group)
			n = append(n, 0)
		}
		sents[i].rating += float64(x.class-1) * 4
		n[i]++
	}
	for i := range sents {
		sents[i].rating /= n[i]
	}
	return sents, group
}

func spearman(x, y []float64) float64 { return stats.Spearman(x, y) }

func pearson(x, y []float64) float64 { return stats.Pearson(x, y) }

// macroF1 of 3-class predictions.
func macroF1(gold, pred []int) float64 {
	var tp, fp, fn [3]float64
	for i := range gold {
		if gold[i] == pred[i] {
			tp[gold[i]]++
		} else {
			fp[pred[i]]++
			fn[gold[i]]++
		}
	}
	var sum float64
	for k := range 3 {
		p := tp[k] / math.Max(tp[k]+fp[k], 1)
		r := tp[k] / math.Max(tp[k]+fn[k], 1)
		if p+r > 0 {
			sum += 2 * p * r / (p + r)
		}
	}
	return sum / 3
}

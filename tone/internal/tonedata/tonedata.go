// Package tonedata reads the shared development data that tone's tests and
// its training program (tone/internal/train) learn and measure on: the
// VADER ground-truth rated sentences, the NewsMTSC targets and the
// directed-sentiment pairs. It is imported only by test files and by the
// training build (tag tonetrain), never by package tone itself, so that
// `go list -deps ./tone` names no package that reads development data.
package tonedata

import (
	"bufio"
	"encoding/json"
	"fmt"
	"github.com/diplotext/diplotext/internal/persent"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Rated is one human-rated text of the VADER ground truth (or of a proxy).
type Rated struct {
	Set    string
	Rating float64 // -4..+4
	Text   string
}

// RatedSets names the three VADER ground-truth sets.
var RatedSets = []string{"tweets", "movieReviewSnippets", "amazonReviewSnippets"}

// LoadRated reads dir/vader-groundtruth/<set>_GroundTruth.txt.
func LoadRated(dir, set string) ([]Rated, error) {
	f, err := os.Open(filepath.Join(dir, "vader-groundtruth", set+"_GroundTruth.txt"))
	if err != nil {
		return nil, fmt.Errorf("tonedata: rated set %s: %w", set, err)
	}
	defer f.Close()
	var out []Rated
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
		out = append(out, Rated{set, r, p[2]})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("tonedata: rated set %s: %w", set, err)
	}
	return out, nil
}

// Target is one labelled target span of a sentence.
type Target struct {
	Text       string
	Start, End int // bytes
	Class      int // 0 negative, 1 neutral, 2 positive
	Sent       int // sentence index in the file; negative for extra data
	Group      int // CV group: story (allsides) or article (polusa)
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

// LoadNewsMTSC reads dir/newsmtsc/train.jsonl.
func LoadNewsMTSC(dir string) ([]Target, error) {
	f, err := os.Open(filepath.Join(dir, "newsmtsc", "train.jsonl"))
	if err != nil {
		return nil, fmt.Errorf("tonedata: newsmtsc: %w", err)
	}
	defer f.Close()
	var out []Target
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
			s, e := CharToByte(rec.Sentence, tg.From), CharToByte(rec.Sentence, tg.To)
			if s < 0 || e <= s {
				continue
			}
			out = append(out, Target{rec.Sentence, s, e, int(tg.Polarity/2) - 1, no, g})
		}
		no++
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("tonedata: newsmtsc: %w", err)
	}
	return out, nil
}

// CharToByte converts a code-point offset of s to a byte offset, or -1 if
// it is past the end.
func CharToByte(s string, c int) int {
	if c < 0 {
		return -1
	}
	n := 0
	for i := range s {
		if n == c {
			return i
		}
		n++
	}
	if n == c {
		return len(s)
	}
	return -1
}

// LoadDirected reads dir/directed-sentiment/train.txt (Park et al. 2021)
// as extra targeted examples: the entity an opinion is directed at gets
// that opinion's class (label 1: ent2 positive, 2: ent1 positive, 3: ent2
// negative, 4: ent1 negative). Label 0 (no relation between the two) says
// nothing of the author's tone toward either and is kept, as neutral for
// both, only when neutral is set. Sent is -1-line; groups are numbered
// from base.
func LoadDirected(dir string, neutral bool, base int) ([]Target, error) {
	f, err := os.Open(filepath.Join(dir, "directed-sentiment", "train.txt"))
	if err != nil {
		return nil, fmt.Errorf("tonedata: directed-sentiment: %w", err)
	}
	defer f.Close()
	var out []Target
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	no := 0
	for sc.Scan() {
		p := strings.Split(sc.Text(), "\t")
		if len(p) != 4 {
			continue
		}
		lab, err := strconv.Atoi(strings.TrimSpace(p[3]))
		if err != nil || (lab == 0 && !neutral) || !utf8.ValidString(p[0]) {
			continue
		}
		// Strip the brackets, remembering the spans they enclose.
		var b strings.Builder
		var spans [][2]int
		open := -1
		for i := 0; i < len(p[0]); i++ {
			switch p[0][i] {
			case '[':
				open = b.Len()
			case ']':
				if open >= 0 {
					spans = append(spans, [2]int{open, b.Len()})
					open = -1
				}
			default:
				b.WriteByte(p[0][i])
			}
		}
		if len(spans) != 2 {
			continue
		}
		s := b.String()
		add := func(sp [2]int, class int) {
			if sp[1] > sp[0] {
				out = append(out, Target{s, sp[0], sp[1], class, -1 - no, base + no})
			}
		}
		switch lab {
		case 0:
			add(spans[0], 1)
			add(spans[1], 1)
		case 1:
			add(spans[1], 2)
		case 2:
			add(spans[0], 2)
		case 3:
			add(spans[1], 0)
		case 4:
			add(spans[0], 0)
		}
		no++
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("tonedata: directed-sentiment: %w", err)
	}
	return out, nil
}

// NewsSentences turns NewsMTSC targets into a sentence-level polarity
// proxy for news text: each distinct sentence rated by the mean polarity
// of its targets (negative -4, neutral 0, positive +4, the scale of the
// VADER ratings). group is the CV group of each sentence.
func NewsSentences(data []Target) (sents []Rated, group []int) {
	idx := map[string]int{}
	var n []float64
	for _, x := range data {
		i, ok := idx[x.Text]
		if !ok {
			i = len(sents)
			idx[x.Text] = i
			sents = append(sents, Rated{Set: "news", Text: x.Text})
			group = append(group, x.Group)
			n = append(n, 0)
		}
		sents[i].Rating += float64(x.Class-1) * 4
		n[i]++
	}
	for i := range sents {
		sents[i].Rating /= n[i]
	}
	return sents, group
}

// MacroF1 of 3-class predictions.
func MacroF1(gold, pred []int) float64 {
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

// Article is one PerSenT article (see [persent.Article]).
type Article = persent.Article

// LoadPerSenT reads dir/persent/dev.csv (DOCUMENT_INDEX, TARGET_ENTITY,
// DOCUMENT, TRUE_SENTIMENT, Paragraph0..15).
func LoadPerSenT(dir string) ([]Article, error) {
	f, err := os.Open(filepath.Join(dir, "persent", "dev.csv"))
	if err != nil {
		return nil, fmt.Errorf("tonedata: persent: %w", err)
	}
	defer f.Close()
	arts, err := persent.Read(f)
	if err != nil {
		return nil, fmt.Errorf("tonedata: %w", err)
	}
	return arts, nil
}

// NameMentions finds the whole-word occurrences of a person's full name
// and of its last word (the surname) in s, as byte spans.
func NameMentions(s, name string) [][2]int {
	f := strings.Fields(name)
	if len(f) == 0 {
		return nil
	}
	full, last := strings.Join(f, " "), f[len(f)-1]
	isWord := func(b byte) bool {
		return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b >= 0x80
	}
	var out [][2]int
	for i := 0; i < len(s); {
		n := 0
		if strings.HasPrefix(s[i:], full) {
			n = len(full)
		} else if strings.HasPrefix(s[i:], last) {
			n = len(last)
		}
		if n > 0 && (i == 0 || !isWord(s[i-1])) && (i+n == len(s) || !isWord(s[i+n])) {
			out = append(out, [2]int{i, i + n})
			i += n
			continue
		}
		i++
	}
	return out
}

// Package toneeval scores a tone.Labeler on labelled data in the formats
// of the shared development sets: rated sentences (the VADER ground
// truth), NewsMTSC targets and PerSenT articles. It is development
// tooling for the diplotext tool's "eval tone" command, not part of the
// public API.
package toneeval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"github.com/diplotext/diplotext/internal/eval/stats"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/diplotext/diplotext/text"
	"github.com/diplotext/diplotext/tone"
)

// RatedScore is the agreement of a Labeler's scores with human ratings.
type RatedScore struct {
	N        int     `json:"n"`
	Pearson  float64 `json:"pearson"`
	Spearman float64 `json:"spearman"`
}

// Rated scores every line "id<TAB>rating<TAB>text" of r (the format of
// the VADER ground-truth files) with l.Label and returns the correlations
// of the scores with the ratings. Lines without three fields or with an
// unreadable rating are an error naming the line.
func Rated(l *tone.Labeler, r io.Reader) (RatedScore, error) {
	var gold, pred []float64
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	no := 0
	for sc.Scan() {
		no++
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		p := strings.SplitN(line, "\t", 3)
		if len(p) != 3 {
			return RatedScore{}, fmt.Errorf("eval tone: rated line %d: want id<TAB>rating<TAB>text", no)
		}
		y, err := strconv.ParseFloat(strings.TrimSpace(p[1]), 64)
		if err != nil || math.IsNaN(y) || math.IsInf(y, 0) {
			return RatedScore{}, fmt.Errorf("eval tone: rated line %d: bad rating %q", no, p[1])
		}
		res, err := l.Label(p[2])
		if err != nil {
			return RatedScore{}, fmt.Errorf("eval tone: rated line %d: %w", no, err)
		}
		gold = append(gold, y)
		pred = append(pred, res.Score)
	}
	if err := sc.Err(); err != nil {
		return RatedScore{}, fmt.Errorf("eval tone: read rated lines: %w", err)
	}
	if len(gold) < 2 {
		return RatedScore{}, fmt.Errorf("eval tone: need at least 2 rated lines, got %d", len(gold))
	}
	return RatedScore{N: len(gold), Pearson: stats.Pearson(pred, gold), Spearman: stats.Spearman(pred, gold)}, nil
}

// TargetScore is the agreement of a Labeler's targeted tone with labels.
type TargetScore struct {
	N        int        `json:"n"`
	MacroF1  float64    `json:"macro_f1"`
	Accuracy float64    `json:"accuracy"`
	F1       [3]float64 `json:"f1"`        // negative, neutral, positive
	Confuse  [3][3]int  `json:"confusion"` // [gold][predicted], negative..positive
	// Sentence is the agreement of Label's score of each distinct
	// sentence with the mean polarity of its targets (-1, 0, +1): a
	// sentence-level polarity proxy for news text.
	Sentence RatedScore `json:"sentence"`
}

// Targets reads NewsMTSC-format JSON Lines from r, each
// {"sentence_normalized": ..., "targets": [{"from", "to", "polarity"}]}
// with from/to character (code point) offsets and polarity 2 (negative),
// 4 (neutral) or 6 (positive), labels each target with l.Toward and
// returns the 3-class scores, and the correlation of Label's score of
// each distinct sentence with the mean polarity of its targets. A
// malformed line or target is an error naming the line.
func Targets(l *tone.Labeler, r io.Reader) (TargetScore, error) {
	var s TargetScore
	seen := map[string]bool{}
	var sgold, spred []float64
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	no := 0
	for sc.Scan() {
		no++
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var rec struct {
			Sentence string `json:"sentence_normalized"`
			Targets  []struct {
				From     int     `json:"from"`
				To       int     `json:"to"`
				Polarity float64 `json:"polarity"`
			} `json:"targets"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return s, fmt.Errorf("eval tone: targets line %d: %w", no, err)
		}
		d := text.Parse(rec.Sentence)
		var ysum float64
		for _, tg := range rec.Targets {
			gold := -1
			switch tg.Polarity {
			case 2:
				gold = 0
			case 4:
				gold = 1
			case 6:
				gold = 2
			}
			start, end := charToByte(rec.Sentence, tg.From), charToByte(rec.Sentence, tg.To)
			if gold < 0 || start < 0 || end < 0 {
				return s, fmt.Errorf("eval tone: targets line %d: bad target %+v", no, tg)
			}
			t, err := l.Toward(d, start, end)
			if err != nil {
				return s, fmt.Errorf("eval tone: targets line %d: %w", no, err)
			}
			s.Confuse[gold][int(t.Label)+1]++
			s.N++
			ysum += float64(gold - 1)
		}
		if len(rec.Targets) > 0 && !seen[rec.Sentence] {
			seen[rec.Sentence] = true
			res, err := l.LabelDocument(d)
			if err != nil {
				return s, fmt.Errorf("eval tone: targets line %d: %w", no, err)
			}
			sgold = append(sgold, ysum/float64(len(rec.Targets)))
			spred = append(spred, res.Score)
		}
	}
	if err := sc.Err(); err != nil {
		return s, fmt.Errorf("eval tone: read targets: %w", err)
	}
	if s.N == 0 {
		return s, fmt.Errorf("eval tone: no targets")
	}
	correct := 0
	for k := range 3 {
		tp := float64(s.Confuse[k][k])
		correct += s.Confuse[k][k]
		var gk, pk float64
		for j := range 3 {
			gk += float64(s.Confuse[k][j])
			pk += float64(s.Confuse[j][k])
		}
		if tp > 0 {
			p, r := tp/pk, tp/gk
			s.F1[k] = 2 * p * r / (p + r)
		}
		s.MacroF1 += s.F1[k] / 3
	}
	s.Accuracy = float64(correct) / float64(s.N)
	if len(sgold) >= 2 {
		s.Sentence = RatedScore{N: len(sgold), Pearson: stats.Pearson(spred, sgold), Spearman: stats.Spearman(spred, sgold)}
	}
	return s, nil
}

// charToByte converts a character (code point) offset of s to a byte
// offset, or -1 if it lies beyond s.
func charToByte(s string, c int) int {
	if c < 0 {
		return -1
	}
	i := 0
	for b := range s {
		if i == c {
			return b
		}
		i++
	}
	if i == c {
		return len(s)
	}
	return -1
}

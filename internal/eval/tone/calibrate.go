package toneeval

import (
	"fmt"

	"github.com/diplotext/diplotext/internal/eval/stats"
	"github.com/diplotext/diplotext/tone"
)

// Calibration is the actor aggregate's calibration: an actor's score is
// Mix*Toward + (1-Mix-Doc)*Context + Doc*Document - Shift (see
// tone.ActorTone), read with a neutral band of half-width Band.
type Calibration struct {
	Mix, Doc, Shift, Band float64
}

// Label reads a row with c: -1, 0 or +1.
func (c Calibration) Label(r ActorRow) int {
	return band(c.Mix*r.Toward+(1-c.Mix-c.Doc)*r.Context+c.Doc*r.Document-c.Shift, c.Band)
}

// ActorRow is one article's uncalibrated actor summary and its gold label.
type ActorRow struct {
	Toward, Context, Document float64
	Gold                      int // -1, 0, +1
	Fold                      int // CV fold, by article
}

// ActorRows reads the actor summary of every article with l; the folds
// are the articles' positions modulo 5, scrambled.
func ActorRows(l *tone.Labeler, arts []Article) ([]ActorRow, error) {
	rows := make([]ActorRow, 0, len(arts))
	for i, a := range arts {
		at, err := ReadArticle(l, a)
		if err != nil {
			return nil, fmt.Errorf("toneeval: article %d: %w", i, err)
		}
		rows = append(rows, ActorRow{at.Actor.Toward, at.Actor.Context, at.Actor.Document, a.Gold, (i * 7919) % 5})
	}
	return rows, nil
}

// Refold reassigns the rows' CV folds by a hash of their position and
// seed, for a figure on another split (seed 0 keeps ActorRows' folds).
func Refold(rows []ActorRow, seed int) {
	if seed == 0 {
		return
	}
	for i := range rows {
		rows[i].Fold = int((uint32(i)*2654435761+uint32(seed)*40503)>>16) % 5
	}
}

// calibrationGrid is the grid searched: mix and document weight 0..1 by
// 0.1 (summing to at most 1; the sentence polarity takes the rest), shift
// -0.3..0.3 by 0.02, band 0..0.3 by 0.02.
func calibrationGrid() []Calibration {
	var grid []Calibration
	for i := 0; i <= 10; i++ {
		for dw := 0; i+dw <= 10; dw++ {
			for j := -15; j <= 15; j++ {
				for k := 0; k <= 15; k++ {
					grid = append(grid, Calibration{float64(i) / 10, float64(dw) / 10, float64(j) / 50, float64(k) / 50})
				}
			}
		}
	}
	return grid
}

func calibrationF1(c Calibration, rows []ActorRow, keep func(ActorRow) bool) float64 {
	var cm [3][3]int
	for _, r := range rows {
		if keep(r) {
			cm[r.Gold+1][c.Label(r)+1]++
		}
	}
	_, m, _ := stats.ConfusionF1(cm)
	return m
}

// FitCalibration returns the calibration of the grid with the best
// macro-F1 on the rows kept (the first of equals), and that macro-F1.
func FitCalibration(rows []ActorRow, keep func(ActorRow) bool) (Calibration, float64) {
	var best Calibration
	bm := -1.0
	for _, c := range calibrationGrid() {
		if m := calibrationF1(c, rows, keep); m > bm {
			best, bm = c, m
		}
	}
	return best, bm
}

// CalibrationCV is the 5-fold cross-validation of FitCalibration by
// article: each fold read with the calibration fitted on the other four.
type CalibrationCV struct {
	Folds    [5]Calibration
	Confuse  [3][3]int // [gold][predicted]
	MacroF1  float64
	Accuracy float64
	F1       [3]float64
}

// CrossValidate runs CalibrationCV on rows.
func CrossValidate(rows []ActorRow) CalibrationCV {
	var cv CalibrationCV
	for k := range 5 {
		c, _ := FitCalibration(rows, func(r ActorRow) bool { return r.Fold != k })
		cv.Folds[k] = c
		for _, r := range rows {
			if r.Fold == k {
				cv.Confuse[r.Gold+1][c.Label(r)+1]++
			}
		}
	}
	cv.F1, cv.MacroF1, cv.Accuracy = stats.ConfusionF1(cv.Confuse)
	return cv
}

package tone

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
)

// The learned weights are trained by go generate (tone/internal/train,
// built with the tag tonetrain, which compiles train.go) on the
// human-rated sentences of the VADER ground truth (MIT) and on NewsMTSC's
// training split (MIT); see docs/tone.md.

//go:embed model/polarity.txt.gz
var polarityGz []byte

// The targeted model in its compact binary form (see modelbin.go); the
// readable model/target.txt.gz beside it holds the same weights.
//
//go:embed model/target.bin
var targetBin []byte

// polarityModel holds the learned parameters of sentence polarity.
type polarityModel struct {
	scale float32            // factor on lexicon valences
	delta map[string]float32 // per-token (or "a b" two-word) additive valence
}

// officeWords name the offices, bodies and roles of diplomacy. They report
// who speaks, not how well things go, so a valence learned for them from
// rated sentences (the raters' mood about "foreign", "government") is not
// applied: "The foreign minister praised Norway" reads as "The minister
// praised Norway".
var officeWords = map[string]bool{
	"foreign": true, "minister": true, "ministers": true, "ministry": true, "ministries": true,
	"affairs": true, "government": true, "governments": true, "state": true, "states": true,
	"secretary": true, "spokesman": true, "spokeswoman": true, "spokesperson": true,
	"official": true, "officials": true, "ambassador": true, "ambassadors": true, "embassy": true,
	"envoy": true, "envoys": true, "diplomat": true, "diplomats": true, "president": true,
	"prime": true, "chancellor": true, "department": true, "council": true, "parliament": true,
	"delegation": true, "administration": true, "policy": true, "policies": true,
}

func (m *polarityModel) apply(lx *lexicon) {
	if m.scale != 0 {
		lx.scale = m.scale
	}
	for w, d := range m.delta {
		if officeWords[w] {
			continue
		}
		if a, b, ok := strings.Cut(w, " "); ok {
			e := lx.get(a)
			if e.next == nil {
				e.next = make(map[string]float32)
			}
			e.next[b] = d
			continue
		}
		e := lx.get(w)
		e.delta = d
		if d != 0 {
			e.hasVal = true
		}
	}
}

// gunzipLines calls fn for each non-comment line of a gzipped text file.
func gunzipLines(name string, gz []byte, fn func(no int, line string) error) error {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return fmt.Errorf("tone: %s: %w", name, err)
	}
	raw, err := io.ReadAll(io.LimitReader(zr, 64<<20))
	if err != nil {
		return fmt.Errorf("tone: %s: %w", name, err)
	}
	sc := bufio.NewScanner(bytes.NewReader(raw))
	no := 0
	for sc.Scan() {
		no++
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		if err := fn(no, line); err != nil {
			return fmt.Errorf("tone: %s line %d: %w", name, no, err)
		}
	}
	return sc.Err()
}

func parsePolarity(gz []byte) (*polarityModel, error) {
	m := &polarityModel{scale: 1, delta: make(map[string]float32)}
	err := gunzipLines("polarity model", gz, func(no int, line string) error {
		k, v, ok := strings.Cut(line, "\t")
		if !ok {
			return fmt.Errorf("want key<TAB>value")
		}
		f, err := strconv.ParseFloat(v, 32)
		if err != nil {
			return err
		}
		if k == "@scale" {
			m.scale = float32(f)
		} else {
			m.delta[k] = float32(f)
		}
		return nil
	})
	return m, err
}

var polarityWeights = sync.OnceValues(func() (*polarityModel, error) { return parsePolarity(polarityGz) })

// targetModel is a multinomial logistic regression over string features of
// a target's context; w[f] holds the weights of classes negative, neutral,
// positive.
type targetModel struct {
	w     map[string][3]float32
	fixed [numFixed][3]float64             // weights of the fixed-name features
	bins  [numFixed][numLexBins][3]float64 // of the range indicators of the lex: ones (bin:)
	bags  map[string]*bagWeights
}

// parseTarget reads the readable (gzipped text) form of the targeted
// model: the training program's output, from which it writes the binary
// form, and the reference the tests compare the embedded binary with.
func parseTarget(gz []byte) (*targetModel, error) {
	m := &targetModel{w: make(map[string][3]float32)}
	err := gunzipLines("target model", gz, func(no int, line string) error {
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			return fmt.Errorf("want feature and 3 weights")
		}
		var w [3]float32
		for i := range 3 {
			x, err := strconv.ParseFloat(f[i+1], 32)
			if err != nil {
				return err
			}
			w[i] = float32(x)
		}
		m.w[f[0]] = w
		return nil
	})
	m.index()
	return m, err
}

// targetWeights decodes the embedded targeted model, once per process, at
// the first Labeler that uses learned weights.
var targetWeights = sync.OnceValues(func() (*targetModel, error) { return loadTargetBin(targetBin) })

// Package conll reads CoNLL-2003 files and scores entity spans against them.
package conll

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/diplotext/diplotext/internal/shareddata"
)

// Sentence is one sentence: its words and their NER tags (column 4).
type Sentence struct {
	Words []string
	Tags  []string
}

// Document is the sentences between two -DOCSTART- lines.
type Document struct {
	Sentences []Sentence
}

// Read reads a CoNLL-2003 file: one token a line, its first column the
// word and its last column the NER tag; blank lines end sentences and
// -DOCSTART- lines start documents. Lines are limited to 1 MiB.
func Read(r io.Reader) ([]Document, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	var docs []Document
	var cur Sentence
	flush := func() {
		if len(cur.Words) > 0 {
			if len(docs) == 0 {
				docs = append(docs, Document{})
			}
			d := &docs[len(docs)-1]
			d.Sentences = append(d.Sentences, cur)
			cur = Sentence{}
		}
	}
	line := 0
	for sc.Scan() {
		line++
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			flush()
			continue
		}
		if f[0] == "-DOCSTART-" {
			flush()
			docs = append(docs, Document{})
			continue
		}
		if len(f) < 2 {
			return nil, fmt.Errorf("conll: line %d: want at least 2 columns, have %d", line, len(f))
		}
		cur.Words = append(cur.Words, f[0])
		cur.Tags = append(cur.Tags, f[len(f)-1])
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("conll: line %d: %w", line+1, err)
	}
	flush()
	// drop empty documents
	out := docs[:0]
	for _, d := range docs {
		if len(d.Sentences) > 0 {
			out = append(out, d)
		}
	}
	return out, nil
}

// Chunk is an entity span of tokens [Start, End) of type Type (PER, ORG,
// LOC, MISC).
type Chunk struct {
	Start, End int
	Type       string
}

// Chunks returns the entity spans of IOB1 or IOB2 tags: a span starts at a
// B- tag or at an I- tag whose type differs from the previous tag's.
func Chunks(tags []string) []Chunk {
	var out []Chunk
	open := -1
	typ := ""
	for i, t := range tags {
		var p, ty string
		if len(t) > 2 && t[1] == '-' {
			p, ty = t[:1], t[2:]
		}
		if open >= 0 && (p != "I" || ty != typ) {
			out = append(out, Chunk{open, i, typ})
			open = -1
		}
		if open < 0 && (p == "B" || p == "I") {
			open, typ = i, ty
		}
	}
	if open >= 0 {
		out = append(out, Chunk{open, len(tags), typ})
	}
	return out
}

// Scores counts exact-span matches per type.
type Scores struct {
	TP, FP, FN map[string]int
}

// NewScores returns empty counts.
func NewScores() *Scores {
	return &Scores{TP: map[string]int{}, FP: map[string]int{}, FN: map[string]int{}}
}

// Add scores the predicted spans of one sentence against the gold ones.
func (s *Scores) Add(gold, pred []Chunk) {
	g := map[Chunk]bool{}
	for _, c := range gold {
		g[c] = true
	}
	for _, c := range pred {
		if g[c] {
			s.TP[c.Type]++
			delete(g, c)
		} else {
			s.FP[c.Type]++
		}
	}
	for c := range g {
		s.FN[c.Type]++
	}
}

// PRF returns precision, recall and F1 of type typ ("" for all types).
func (s *Scores) PRF(typ string) (p, r, f float64) {
	sum := func(m map[string]int) int {
		if typ != "" {
			return m[typ]
		}
		n := 0
		for _, v := range m {
			n += v
		}
		return n
	}
	tp, fp, fn := float64(sum(s.TP)), float64(sum(s.FP)), float64(sum(s.FN))
	if tp+fp > 0 {
		p = tp / (tp + fp)
	}
	if tp+fn > 0 {
		r = tp / (tp + fn)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

// Types returns the types seen, sorted.
func (s *Scores) Types() []string {
	seen := map[string]bool{}
	for _, m := range []map[string]int{s.TP, s.FP, s.FN} {
		for k := range m {
			seen[k] = true
		}
	}
	var out []string
	for k := range seen {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Write prints a table of precision, recall and F1 per type and overall.
func (s *Scores) Write(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "type\tprecision\trecall\tF1\tgold\tpredicted\t\n")
	row := func(name, typ string) {
		p, r, f := s.PRF(typ)
		gold, pred := 0, 0
		for k := range s.TP {
			if typ == "" || k == typ {
				gold += s.TP[k]
				pred += s.TP[k]
			}
		}
		for k, v := range s.FN {
			if typ == "" || k == typ {
				gold += v
			}
		}
		for k, v := range s.FP {
			if typ == "" || k == typ {
				pred += v
			}
		}
		fmt.Fprintf(tw, "%s\t%.4f\t%.4f\t%.4f\t%d\t%d\t\n", name, p, r, f, gold, pred)
	}
	for _, t := range s.Types() {
		row(t, t)
	}
	row("overall", "")
	return tw.Flush()
}

// DataDir returns the shared development data folder: $DIPLOTEXT_DATA if
// set, else the first folder shared/data found beside the working
// directory or one of its parents.
func DataDir() (string, error) {
	return shareddata.Dir()
}

// ReadFile reads the CoNLL file at path.
func ReadFile(path string) ([]Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	docs, err := Read(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return docs, nil
}

package corpus

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/diplotext/diplotext/topic"
)

// The labels of the foreign-affairs model of the built-in classifier (see
// topic.Builtin.ForeignAffairs): "@foreign" for a text about foreign
// affairs in the CAP sense (major topics 16 defence, 18 foreign trade and
// 19 international affairs), and "@cap16", "@cap18", "@cap19" for the code.
const (
	LabelForeign = "@foreign"
	LabelCAP16   = "@cap16"
	LabelCAP18   = "@cap18"
	LabelCAP19   = "@cap19"
)

// ForeignCode reports whether a CAP major topic code is foreign affairs
// (16, 18 or 19).
func ForeignCode(code int) bool { return code == 16 || code == 18 || code == 19 }

// foreignLabels returns the foreign-affairs labels of a CAP code.
func foreignLabels(code int) []string {
	if !ForeignCode(code) {
		return nil
	}
	return []string{LabelForeign, fmt.Sprintf("@cap%d", code)}
}

// NYTInput returns the text of a coded NYT headline as the classifier sees
// it: the headline alone, or with the coder's subject appended as a second
// sentence.
func NYTInput(d *CAPDoc, subject bool) string {
	if !subject || d.Subject == "" {
		return d.Text
	}
	return d.Text + ". " + d.Subject
}

// NYTViews are the weights of the three training views of a coded NYT
// headline (see [NYTExamples]); 0 leaves a view out.
type NYTViews struct {
	Headline    float64 // the headline alone
	WithSubject float64 // the headline followed by ". " and the coder's subject
	Subject     float64 // the coder's subject alone
}

// DefaultNYTViews returns the view weights the built-in model is trained with,
// chosen by cross-validation on NYTimes.csv (see docs/topic.md): the
// headline alone counts double, since it is the harder input and the one
// most callers have, and the subject alone, a plainer paraphrase, teaches
// the words that cryptic headlines leave out.
func DefaultNYTViews() NYTViews { return NYTViews{Headline: 2, WithSubject: 1, Subject: 0.7} }

// NYTExamples turns coded NYT headlines into foreign-affairs training
// examples: each headline gives up to three examples of one group (see
// topic.Example.Group), the headline alone, the headline with its subject
// and the subject alone, weighted by w, so that a model fits every input
// and cross-validation keeps all views of a headline in one fold. It also
// returns the view of each example (0 headline, 1 with subject, 2 subject)
// and the index of its headline in docs.
func NYTExamples(docs []CAPDoc, w NYTViews) (ex []topic.Example, views, index []int) {
	for i := range docs {
		d := &docs[i]
		g := "nyt:" + d.ID
		if d.ID == "" {
			g = fmt.Sprintf("nyt#%d", i)
		}
		ls := foreignLabels(d.Code)
		add := func(text string, weight float64, view int) {
			if weight > 0 {
				// each example owns its labels, so a caller may edit one view's
				ex = append(ex, topic.Example{Text: text, Labels: slices.Clone(ls), Weight: weight, Group: g})
				views = append(views, view)
				index = append(index, i)
			}
		}
		add(NYTInput(d, false), w.Headline, 0)
		if d.Subject != "" {
			add(NYTInput(d, true), w.WithSubject, 1)
			add(d.Subject, w.Subject, 2)
		}
	}
	return ex, views, index
}

// ForeignWeights are the weights of the out-of-domain sources in
// [ForeignBackground] relative to an NYT headline (weight 1); 0 leaves a
// source out.
type ForeignWeights struct {
	Congress float64 // US Congress bill titles, CAP-coded
	AGNews   float64 // AG News titles: World is foreign affairs, the other classes are not
	UCI      float64 // UCI News Aggregator headlines: not foreign affairs
}

// DefaultForeignWeights returns the weights the built-in model is trained
// with, chosen by cross-validation on NYTimes.csv (see docs/topic.md).
func DefaultForeignWeights() ForeignWeights {
	return ForeignWeights{Congress: 0.2, AGNews: 0.05, UCI: 0.1}
}

// ForeignBackground reads the out-of-domain training examples of the
// foreign-affairs model from the shared data folder data (the folder
// holding rtexttools-cap, ag_news, uci-news-aggregator): CAP-coded
// Congress bill titles, AG News titles and UCI News Aggregator headlines,
// weighted by w. It also returns a summary of the counts per source.
func ForeignBackground(data string, w ForeignWeights) ([]topic.Example, string, error) {
	var out []topic.Example
	var counts []string
	if w.Congress > 0 {
		path := filepath.Join(data, "rtexttools-cap", "USCongress.csv")
		f, err := os.Open(path)
		if err != nil {
			return nil, "", fmt.Errorf("corpus: foreign background: %w", err)
		}
		bills, err := ReadCongress(bufio.NewReader(f))
		f.Close()
		if err != nil {
			return nil, "", fmt.Errorf("%s: %w", path, err)
		}
		for i := range bills {
			out = append(out, topic.Example{Text: bills[i].Text, Labels: foreignLabels(bills[i].Code), Weight: w.Congress})
		}
		counts = append(counts, fmt.Sprintf("Congress bills %d", len(bills)))
	}
	if w.AGNews > 0 {
		path := filepath.Join(data, "ag_news", "test.csv")
		f, err := os.Open(path)
		if err != nil {
			return nil, "", fmt.Errorf("corpus: foreign background: %w", err)
		}
		ag, err := ReadAGNews(bufio.NewReader(f))
		f.Close()
		if err != nil {
			return nil, "", fmt.Errorf("%s: %w", path, err)
		}
		for _, a := range ag {
			var ls []string
			if a.Class == 1 {
				ls = []string{LabelForeign, LabelCAP19}
			}
			out = append(out, topic.Example{Text: a.Title, Labels: ls, Weight: w.AGNews})
		}
		counts = append(counts, fmt.Sprintf("AG News titles %d", len(ag)))
	}
	if w.UCI > 0 {
		path := filepath.Join(data, "uci-news-aggregator", "uci-news-aggregator-sample.csv")
		f, err := os.Open(path)
		if err != nil {
			return nil, "", fmt.Errorf("corpus: foreign background: %w", err)
		}
		cr := csv.NewReader(bufio.NewReader(f))
		cr.FieldsPerRecord = -1
		rows, err := cr.ReadAll()
		f.Close()
		if err != nil {
			return nil, "", fmt.Errorf("corpus: read UCI headlines %s: %w", path, err)
		}
		n := 0
		for i, r := range rows {
			if i == 0 || len(r) < 5 {
				continue
			}
			out = append(out, topic.Example{Text: r[1], Weight: w.UCI})
			n++
		}
		counts = append(counts, fmt.Sprintf("UCI headlines %d", n))
	}
	return out, strings.Join(counts, ", "), nil
}

// ForeignSet is the training set of the built-in foreign-affairs model:
// CAP-coded NYT headlines (the main, in-domain examples, on which
// thresholds are tuned and cross-validation scores) and out-of-domain
// background examples.
type ForeignSet struct {
	// NYT are the coded headlines, and Examples their training examples
	// (see [NYTExamples] with [DefaultNYTViews]); Views[i] is 0 when
	// Examples[i] is a headline alone, 1 when it has the subject and 2 for
	// the subject alone, and Docs[i] the index in NYT.
	// SOTU are the coded speech sentences, whose examples follow the
	// headlines' in Examples, with Views[i] 3 for a sentence with its
	// neighbours and 4 for the sentence alone, and Docs[i] the index in
	// SOTU (see [SOTUForeignExamples]).
	NYT      []CAPDoc
	SOTU     []SOTUSentence
	Examples []topic.Example
	Views    []int
	Docs     []int
	// Background are the out-of-domain examples ([ForeignBackground]
	// with [DefaultForeignWeights]).
	Background []topic.Example
	// Summary counts the examples per source.
	Summary string
}

// LoadForeignSet reads the coded headlines of nytPath (NYTimes.csv of
// RTextTools) and the background sources from the shared data folder data.
func LoadForeignSet(nytPath, data string) (*ForeignSet, error) {
	f, err := os.Open(nytPath)
	if err != nil {
		return nil, fmt.Errorf("corpus: foreign set: %w", err)
	}
	docs, err := ReadNYT(bufio.NewReader(f))
	f.Close()
	if err != nil {
		return nil, err
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("corpus: foreign set: no coded headlines in %s", nytPath)
	}
	s := &ForeignSet{NYT: docs}
	s.Examples, s.Views, s.Docs = NYTExamples(docs, DefaultNYTViews())
	// the coded speech sentences, when the data folder has them
	sp := filepath.Join(data, "cap-sotu", "sotu-dev.csv")
	if f, err = os.Open(sp); err == nil {
		s.SOTU, err = ReadSOTU(bufio.NewReader(f))
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", sp, err)
		}
	} else if !os.IsNotExist(err) {
		return nil, fmt.Errorf("corpus: foreign set: %w", err)
	}
	sx, idx := SOTUForeignExamples(s.SOTU)
	for k := range sx {
		s.Examples = append(s.Examples, sx[k])
		s.Views = append(s.Views, 3+k%2)
		s.Docs = append(s.Docs, idx[k])
	}
	bg, counts, err := ForeignBackground(data, DefaultForeignWeights())
	if err != nil {
		return nil, err
	}
	s.Background = bg
	s.Summary = fmt.Sprintf("NYT headlines %d and SOTU sentences %d (%d examples), %s", len(docs), len(s.SOTU), len(s.Examples), counts)
	return s, nil
}

// TrainOptions returns the training options of the built-in
// foreign-affairs model (the background examples, regularisation, feature
// and fold settings) followed by extra.
func (s *ForeignSet) TrainOptions(extra ...topic.TrainOption) []topic.TrainOption {
	return append([]topic.TrainOption{
		topic.WithBackground(s.Background),
		topic.WithRegularization(8),
		topic.WithMinDF(2),
		topic.WithFolds(5),
	}, extra...)
}

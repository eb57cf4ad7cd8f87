package corpus

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/diplotext/diplotext/text"
	"github.com/diplotext/diplotext/topic"
)

// seeder labels texts with the taxonomy topics whose seed phrases they
// contain.
type seeder struct {
	seeds []seed
	first map[string][]int
}

type seed struct {
	topic string
	stems []string
}

func stems(s string) [][]string {
	d := text.Parse(s)
	var out [][]string
	for si := range d.Sentences {
		var cur []string
		for _, t := range d.SentenceTokens(si) {
			if t.Kind != text.Word {
				if len(cur) > 0 && (t.Kind == text.Punct || t.Kind == text.Number) {
					out = append(out, cur)
					cur = nil
				}
				continue
			}
			if st := topic.StemTerm(d.Text[t.Start:t.End]); st != "" {
				cur = append(cur, st)
			}
		}
		if len(cur) > 0 {
			out = append(out, cur)
		}
	}
	return out
}

func newSeeder() *seeder {
	s := &seeder{first: map[string][]int{}}
	for _, t := range topic.Taxonomy() {
		for _, p := range t.Seeds {
			ss := stems(p)
			if len(ss) != 1 {
				panic("seed " + p + " is not one phrase")
			}
			s.first[ss[0][0]] = append(s.first[ss[0][0]], len(s.seeds))
			s.seeds = append(s.seeds, seed{t.ID, ss[0]})
		}
	}
	return s
}

// label returns the topics with enough seed matches in s: one for a short
// text, two (of any of the topic's seeds) for a text of over 80 terms.
func (s *seeder) label(txt string) []string {
	hits := map[string]int{}
	n := 0
	for _, run := range stems(txt) {
		n += len(run)
		for i, w := range run {
			for _, k := range s.first[w] {
				sd := s.seeds[k]
				if i+len(sd.stems) <= len(run) && slices.Equal(run[i:i+len(sd.stems)], sd.stems) {
					hits[sd.topic]++
				}
			}
		}
	}
	need := 1
	if n > 80 {
		need = 2
	}
	var out []string
	for t, c := range hits {
		// a topic that CAP codings decide needs two seed matches in an
		// uncoded text: gold decides, and one word ("border", "war",
		// "traded") must not make a silver positive
		if c >= need && (capGold[t] == nil || c >= 2) {
			out = append(out, t)
		}
	}
	slices.Sort(out)
	return out
}

func add(labels []string, more ...string) []string {
	for _, l := range more {
		if !slices.Contains(labels, l) {
			labels = append(labels, l)
		}
	}
	return labels
}

// TaxonomySet is the training set of the built-in taxonomy model: the
// CAP-coded State of the Union sentences (the main, in-domain examples with
// gold labels, on which thresholds are tuned and cross-validation scores,
// grouped by speech) and background examples from the other shared sets
// (gold where a CAP or source coding decides a topic, silver seed labels
// otherwise).
type TaxonomySet struct {
	// SOTU are the coded sentences, Examples their training examples,
	// and Index[i] the sentence of Examples[i]; View[i] is 0 for the
	// sentence with its neighbours, 1 for the sentence alone.
	SOTU     []SOTUSentence
	Examples []topic.Example
	Index    []int
	View     []int
	// Background are the other sources' examples.
	Background []topic.Example
	// Summary counts the examples per source.
	Summary string
}

// TrainOptions returns the training options of the built-in taxonomy
// model followed by extra.
func (s *TaxonomySet) TrainOptions(extra ...topic.TrainOption) []topic.TrainOption {
	return append([]topic.TrainOption{
		topic.WithBackground(s.Background),
		topic.WithFolds(3), topic.WithMinDF(3), topic.WithRegularization(8), topic.WithPrune(0.1),
	}, extra...)
}

// LoadTaxonomySet reads the taxonomy training set from the shared data
// folder data.
func LoadTaxonomySet(data string) (*TaxonomySet, error) {
	f, err := os.Open(filepath.Join(data, "cap-sotu", "sotu-dev.csv"))
	if err != nil {
		return nil, fmt.Errorf("corpus: taxonomy set: %w", err)
	}
	ss, err := ReadSOTU(bufio.NewReader(f))
	f.Close()
	if err != nil {
		return nil, err
	}
	sd := newSeeder()
	s := &TaxonomySet{SOTU: ss}
	for i := range ss {
		x := &ss[i]
		g := "sotu:" + x.Speech
		ls := goldLabels(sd.label(x.Text), x.Major, x.Sub)
		if x.Sub == 1605 && nuclearWord.MatchString(x.Text) {
			// coded arms control and non-proliferation, and about
			// nuclear arms: a nuclear_weapons positive the seed phrases
			// miss ("atomic", "nuclear arms", "warheads")
			ls = add(ls, "nuclear_weapons")
			slices.Sort(ls)
		}
		s.Examples = append(s.Examples, topic.Example{Text: x.Window(), Labels: ls, Weight: 1, Group: g})
		s.Examples = append(s.Examples, topic.Example{Text: x.Text, Labels: slices.Clone(ls), Weight: 0.5, Group: g})
		s.Index = append(s.Index, i, i)
		s.View = append(s.View, 0, 1)
	}
	bg, counts, err := build(data, sd)
	if err != nil {
		return nil, err
	}
	s.Background = bg
	s.Summary = fmt.Sprintf("SOTU sentences %d (%d examples), %s", len(ss), len(s.Examples), counts)
	return s, nil
}

// nuclearWord marks a sentence of CAP subtopic 1605 that speaks of nuclear
// arms.
var nuclearWord = regexp.MustCompile(`(?i)\b(nuclear|atomic|warheads?)\b`)

// backgroundWeight scales the background sources relative to a coded
// speech sentence.
const backgroundWeight = 0.1

func build(data string, sd *seeder) ([]topic.Example, string, error) {
	var ex []topic.Example
	var counts []string
	push := func(src string, n int) { counts = append(counts, fmt.Sprintf("%s %d", src, n)) }

	// Congress bills: CAP-coded titles.
	f, err := os.Open(filepath.Join(data, "rtexttools-cap", "USCongress.csv"))
	if err != nil {
		return nil, "", err
	}
	bills, err := ReadCongress(f)
	f.Close()
	if err != nil {
		return nil, "", err
	}
	for _, b := range bills {
		ex = append(ex, topic.Example{Text: b.Text, Labels: goldLabels(sd.label(b.Text), b.Code, 0), Weight: backgroundWeight})
	}
	push("Congress bills", len(bills))

	// NYT headlines: CAP-coded, with the coder's subject.
	f, err = os.Open(filepath.Join(data, "rtexttools-cap", "NYTimes.csv"))
	if err != nil {
		return nil, "", err
	}
	nyt, err := ReadNYT(f)
	f.Close()
	if err != nil {
		return nil, "", err
	}
	for i := range nyt {
		d := &nyt[i]
		ls := goldLabels(sd.label(NYTInput(d, true)), d.Code, 0)
		ex = append(ex, topic.Example{Text: d.Text, Labels: ls, Weight: backgroundWeight})
		ex = append(ex, topic.Example{Text: NYTInput(d, true), Labels: slices.Clone(ls), Weight: backgroundWeight})
	}
	push("NYT headlines and subjects", 2*len(nyt))

	// AG News: titles alone and with their descriptions.
	f, err = os.Open(filepath.Join(data, "ag_news", "test.csv"))
	if err != nil {
		return nil, "", err
	}
	ag, err := ReadAGNews(f)
	f.Close()
	if err != nil {
		return nil, "", err
	}
	for _, a := range ag {
		full := a.Title + ". " + a.Description
		ls := sd.label(full)
		ex = append(ex, topic.Example{Text: a.Title, Labels: ls, Weight: backgroundWeight})
		ex = append(ex, topic.Example{Text: full, Labels: ls, Weight: backgroundWeight})
	}
	push("AG News titles and articles", 2*len(ag))

	// Reuters ModApte TRAIN.
	docs, err := ReadReutersDir(filepath.Join(data, "reuters21578"))
	if err != nil {
		return nil, "", err
	}
	rtTopic := map[string]string{"trade": "trade_tariffs", "crude": "energy", "nat-gas": "energy", "fuel": "energy",
		"money-fx": "economy_finance", "interest": "economy_finance", "gnp": "economy_finance", "cpi": "economy_finance",
		"grain": "food_security", "wheat": "food_security"}
	nr := 0
	for i := range docs {
		d := &docs[i]
		if !d.ModApteTrain() {
			continue
		}
		txt := d.Text()
		ls := sd.label(txt)
		for _, l := range d.Labels {
			if t, ok := rtTopic[l]; ok {
				ls = add(ls, t)
			}
		}
		ex = append(ex, topic.Example{Text: txt, Labels: ls, Weight: backgroundWeight})
		nr++
	}
	push("Reuters", nr)

	// UCI News Aggregator headlines: business, technology, entertainment,
	// health; not foreign affairs.
	f, err = os.Open(filepath.Join(data, "uci-news-aggregator", "uci-news-aggregator-sample.csv"))
	if err != nil {
		return nil, "", err
	}
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		return nil, "", err
	}
	for _, r := range rows[1:] {
		if len(r) > 4 {
			ex = append(ex, topic.Example{Text: r[1], Labels: sd.label(r[1]), Weight: backgroundWeight})
		}
	}
	push("UCI headlines", len(rows)-1)

	// UN General Debate 2017: paragraphs of speeches.
	f, err = os.Open(filepath.Join(data, "ungd2017", "ungd2017.jsonl"))
	if err != nil {
		return nil, "", err
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	np := 0
	for sc.Scan() {
		var v struct{ Text string }
		if json.Unmarshal(sc.Bytes(), &v) != nil {
			continue
		}
		for _, p := range strings.Split(v.Text, "\n") {
			p = strings.TrimSpace(p)
			if len(p) < 200 {
				continue
			}
			ls := sd.label(p)
			ex = append(ex, topic.Example{Text: p, Labels: ls, Weight: backgroundWeight})
			np++
		}
	}
	f.Close()
	push("UN General Debate paragraphs", np)

	// BBC sport: few taxonomy topics.
	f, err = os.Open(filepath.Join(data, "bbc-news", "bbc-text.csv"))
	if err != nil {
		return nil, "", err
	}
	rows, err = csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		return nil, "", err
	}
	ns := 0
	for _, r := range rows[1:] {
		if len(r) == 2 && r[0] == "Sports" {
			ex = append(ex, topic.Example{Text: r[1], Labels: sd.label(r[1]), Weight: backgroundWeight})
			ns++
		}
	}
	push("BBC sport", ns)
	return ex, strings.Join(counts, ", "), nil
}

package corpus

import (
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/diplotext/diplotext/topic"
)

// SOTUSentence is one CAP-coded quasi-sentence of a State of the Union
// speech (../shared/data/cap-sotu), with the sentences before and after it.
type SOTUSentence struct {
	Speech    string // doc_id: one speech
	Year      int
	President string
	Text      string // text_original
	Preceding string // text_preceding ("" for the first)
	Following string // text_following ("" for the last)
	Major     int    // label_cap2, the CAP major topic (99: none)
	Sub       int    // label_cap4, the CAP subtopic (99: none)
}

// Window returns the sentence with its neighbours, as one text: the unit
// the built-in classifier scores as a passage.
func (s *SOTUSentence) Window() string {
	var b strings.Builder
	for _, p := range []string{s.Preceding, s.Text, s.Following} {
		if p = strings.TrimSpace(p); p != "" {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(p)
		}
	}
	return b.String()
}

// SOTUWindow returns sentence i of ss with up to r sentences either side
// from the adjacent rows of the same speech (the rows of cap-sotu are in
// speech order, so these are the speech's own neighbours), as one text.
// An i out of range gives "".
func SOTUWindow(ss []SOTUSentence, i, r int) string {
	if i < 0 || i >= len(ss) {
		return ""
	}
	var b strings.Builder
	for q := max(i-r, 0); q <= i+r && q < len(ss); q++ {
		if ss[q].Speech != ss[i].Speech {
			continue
		}
		if p := strings.TrimSpace(ss[q].Text); p != "" {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(p)
		}
	}
	return b.String()
}

// ReadSOTU reads sotu-dev.csv of cap-sotu (comma-separated, columns found
// by the names of the first row: text_original, text_preceding,
// text_following, label_cap2, label_cap4, doc_id, year, president). Rows
// without a numeric code or text are skipped; an input without the code
// columns is an error.
func ReadSOTU(r io.Reader) ([]SOTUSentence, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	rows, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("corpus: read SOTU: %w", err)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("corpus: read SOTU: empty file")
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))] = i
	}
	for _, need := range []string{"text_original", "label_cap2", "label_cap4", "doc_id"} {
		if _, ok := col[need]; !ok {
			return nil, fmt.Errorf("corpus: read SOTU: no %s column", need)
		}
	}
	var out []SOTUSentence
	for _, row := range rows[1:] {
		major, err1 := strconv.Atoi(field(row, col, "label_cap2"))
		sub, err2 := strconv.Atoi(field(row, col, "label_cap4"))
		txt := field(row, col, "text_original")
		if err1 != nil || err2 != nil || txt == "" {
			continue
		}
		year, _ := strconv.Atoi(field(row, col, "year"))
		out = append(out, SOTUSentence{
			Speech: field(row, col, "doc_id"), Year: year, President: field(row, col, "president"),
			Text: txt, Preceding: field(row, col, "text_preceding"), Following: field(row, col, "text_following"),
			Major: major, Sub: sub,
		})
	}
	return out, nil
}

// SOTUCodes are the six CAP subtopics of the speech target, each
// with the one taxonomy topic that predicts it.
var SOTUCodes = []struct {
	Sub   int
	Topic string
}{
	{1605, "arms_control"}, {1927, "terrorism"}, {1619, "armed_conflict"},
	{1802, "trade_tariffs"}, {1901, "development_aid"}, {1926, "multilateral_organisations"},
}

// capGold maps taxonomy topics to the CAP codes that make a coded text a
// positive example of the topic: subtopic codes (four digits) or whole
// major topics (one or two digits). A topic listed here is gold on every
// CAP-coded text: positive when the text's code is listed, negative
// otherwise, whatever its words. Topics not listed keep silver labels from
// their seed phrases. See docs/topic.md for the reading of the CAP master
// codebook behind it.
var capGold = map[string][]int{
	"arms_control":               {1605},
	"terrorism":                  {1927},
	"armed_conflict":             {1619},
	"trade_tariffs":              {18},
	"development_aid":            {1901, 1905, 1906},
	"multilateral_organisations": {1926, 1910},
	"defence_alliances":          {1600, 1602, 1604, 1606, 1608, 1610, 1611, 1612, 1698},
	"espionage_intelligence":     {1603},
	"human_rights":               {1925},
	"energy":                     {8},
	"climate_environment":        {7},
	"health_pandemics":           {3},
	"economy_finance":            {1},
	"migration_borders":          {9},
	"food_security":              {4},
	"technology_ai":              {17},
}

// CAPGold returns the taxonomy topics whose labels a CAP coding decides
// (see capGold), sorted, and for a text with major code major and
// subtopic code sub (0 when only the major is known) the ones it is a
// positive example of.
func CAPGold(major, sub int) (decided, positive []string) {
	for t, codes := range capGold {
		decided = append(decided, t)
		for _, c := range codes {
			if c < 100 && c == major || c >= 100 && c == sub {
				positive = append(positive, t)
				break
			}
		}
	}
	slices.Sort(decided)
	slices.Sort(positive)
	return decided, positive
}

// CAPGoldSubtopicOnly reports whether a topic's gold codes are all
// subtopics, so that a text with only a major code does not decide it.
func CAPGoldSubtopicOnly(t string) bool {
	codes, ok := capGold[t]
	if !ok {
		return false
	}
	for _, c := range codes {
		if c < 100 {
			return false
		}
	}
	return true
}

// CAPGoldCodes returns the gold codes of a taxonomy topic (nil when its
// labels stay silver).
func CAPGoldCodes(t string) []int { return slices.Clone(capGold[t]) }

// goldLabels merges gold and silver labels of a coded text: the topics a
// coding decides get its gold labels; the others keep the silver ones.
func goldLabels(silver []string, major, sub int) []string {
	decided, pos := CAPGold(major, sub)
	var out []string
	for _, l := range silver {
		_, isDecided := slices.BinarySearch(decided, l)
		if sub == 0 && CAPGoldSubtopicOnly(l) {
			isDecided = false // a major code alone does not decide a subtopic
		}
		if !isDecided {
			out = append(out, l)
		}
	}
	for _, l := range pos {
		if !slices.Contains(out, l) {
			out = append(out, l)
		}
	}
	slices.Sort(out)
	return out
}

// SOTUForeignExamples turns coded speech sentences into foreign-affairs
// training examples (labels as [NYTExamples]): each sentence with its
// neighbours, and the sentence alone (weight sotuAloneWeight), grouped by speech so
// that cross-validation holds out whole speeches.
func SOTUForeignExamples(ss []SOTUSentence) (ex []topic.Example, index []int) {
	for i := range ss {
		s := &ss[i]
		g := "sotu:" + s.Speech
		ls := foreignLabels(s.Major)
		ex = append(ex, topic.Example{Text: s.Window(), Labels: slices.Clone(ls), Weight: 1, Group: g})
		index = append(index, i)
		ex = append(ex, topic.Example{Text: s.Text, Labels: slices.Clone(ls), Weight: sotuAloneWeight, Group: g})
		index = append(index, i)
	}
	return ex, index
}

// sotuAloneWeight is the weight of a speech sentence alone in the
// foreign-affairs training set (with its neighbours it weighs 1).
const sotuAloneWeight = 1

// Package persent reads the PerSenT format (author's sentiment toward an
// article's main person, per article and per paragraph), for the tone
// evaluation and tone's training program, which both read it.
package persent

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"
)

// Article is one PerSenT article: its text, the name of its main person,
// the author's sentiment toward that person (-1, 0, +1) over the whole
// article and per paragraph (paragraphs are the lines of the text; a
// paragraph without a label is -2).
type Article struct {
	ID         string
	Text       string
	Person     string
	Gold       int
	Paragraphs []int
}

// polarity maps a PerSenT label to -1, 0 or +1.
func polarity(s string) (int, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "positive":
		return 1, true
	case "neutral":
		return 0, true
	case "negative":
		return -1, true
	}
	return -2, false
}

// Read reads the PerSenT CSV format (DOCUMENT_INDEX, TARGET_ENTITY,
// DOCUMENT, TRUE_SENTIMENT, Paragraph0..15). A record whose
// TRUE_SENTIMENT is not a label is an error naming its record number.
func Read(r io.Reader) ([]Article, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("persent header: %w", err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.TrimSpace(h)] = i
	}
	for _, need := range []string{"TARGET_ENTITY", "DOCUMENT", "TRUE_SENTIMENT"} {
		if _, ok := col[need]; !ok {
			return nil, fmt.Errorf("persent: no %s column", need)
		}
	}
	var out []Article
	for no := 2; ; no++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("persent record %d: %w", no, err)
		}
		get := func(name string) string {
			if i, ok := col[name]; ok && i < len(rec) {
				return rec[i]
			}
			return ""
		}
		g, ok := polarity(get("TRUE_SENTIMENT"))
		if !ok {
			return nil, fmt.Errorf("persent record %d: bad TRUE_SENTIMENT %q", no, get("TRUE_SENTIMENT"))
		}
		a := Article{ID: get("DOCUMENT_INDEX"), Text: get("DOCUMENT"), Person: strings.TrimSpace(get("TARGET_ENTITY")), Gold: g}
		for p := 0; p < 16; p++ {
			v := get(fmt.Sprintf("Paragraph%d", p))
			if v == "" {
				break
			}
			pg, _ := polarity(v)
			a.Paragraphs = append(a.Paragraphs, pg)
		}
		out = append(out, a)
	}
	return out, nil
}

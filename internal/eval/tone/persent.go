package toneeval

import (
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/diplotext/diplotext/internal/eval/stats"
	"github.com/diplotext/diplotext/internal/persent"
	"github.com/diplotext/diplotext/text"
	"github.com/diplotext/diplotext/tone"
)

// Article is one PerSenT article (see [persent.Article]).
type Article = persent.Article

// ReadPerSenT reads the PerSenT CSV format (DOCUMENT_INDEX, TARGET_ENTITY,
// DOCUMENT, TRUE_SENTIMENT, Paragraph0..15).
func ReadPerSenT(r io.Reader) ([]Article, error) {
	arts, err := persent.Read(r)
	if err != nil {
		return nil, fmt.Errorf("eval tone: %w", err)
	}
	return arts, nil
}

// NameMentions finds the mentions of a person's name in s: the full name
// and its last word (the surname), as whole words, case-sensitive. It is
// the simple matcher of the evaluation, standing in for an entity tagger.
func NameMentions(s, name string) []tone.Span {
	f := strings.Fields(name)
	if len(f) == 0 {
		return nil
	}
	alts := []string{regexp.QuoteMeta(strings.Join(f, " "))}
	if len(f) > 1 {
		alts = append(alts, regexp.QuoteMeta(f[len(f)-1]))
	}
	re := regexp.MustCompile(`\b(?:` + strings.Join(alts, "|") + `)\b`)
	var out []tone.Span
	for _, m := range re.FindAllStringIndex(s, -1) {
		out = append(out, tone.Span{Start: m[0], End: m[1]})
	}
	return out
}

// ArticleTone is the tone read toward an article's person: per article
// and per paragraph.
type ArticleTone struct {
	Actor      tone.ActorTone
	Paragraphs []float64 // score per paragraph (line) of the text
}

// ReadArticle labels the tone of a toward its person with l.Actors.
func ReadArticle(l *tone.Labeler, a Article) (ArticleTone, error) {
	d := text.Parse(a.Text)
	acts, err := l.Actors(d, []tone.ActorMentions{{Name: a.Person, Person: true, Mentions: NameMentions(a.Text, a.Person)}})
	if err != nil {
		return ArticleTone{}, err
	}
	at := ArticleTone{Actor: acts[0]}
	// Paragraphs: the mean tone toward the mentions inside, or the
	// paragraph's polarity when it does not mention the person.
	off := 0
	for _, line := range strings.Split(a.Text, "\n") {
		start, end := off, off+len(line)
		off = end + 1
		if sc, n := acts[0].Within(start, end); n > 0 {
			at.Paragraphs = append(at.Paragraphs, sc)
			continue
		}
		r, err := l.Label(line)
		if err != nil {
			return ArticleTone{}, err
		}
		at.Paragraphs = append(at.Paragraphs, r.Score)
	}
	return at, nil
}

// DocScore is the agreement of the tone toward each article's person with
// the author's sentiment.
type DocScore struct {
	N          int        `json:"n"`
	MacroF1    float64    `json:"macro_f1"`
	Accuracy   float64    `json:"accuracy"`
	F1         [3]float64 `json:"f1"`        // negative, neutral, positive
	Confuse    [3][3]int  `json:"confusion"` // [gold][predicted]
	Paragraphs struct {
		N       int     `json:"n"`
		MacroF1 float64 `json:"macro_f1"`
	} `json:"paragraphs"`
}

// PerSenT scores l on PerSenT articles: the 3-class macro-F1 of the actor
// label per article, and of the paragraph scores read with tone.ActorBand
// per labelled paragraph.
func PerSenT(l *tone.Labeler, r io.Reader) (DocScore, error) {
	arts, err := ReadPerSenT(r)
	if err != nil {
		return DocScore{}, err
	}
	var s DocScore
	var pg, pp []int
	for _, a := range arts {
		at, err := ReadArticle(l, a)
		if err != nil {
			return s, fmt.Errorf("eval tone: persent article %s: %w", a.ID, err)
		}
		s.Confuse[a.Gold+1][int(at.Actor.Label)+1]++
		s.N++
		for i, g := range a.Paragraphs {
			if g < -1 || i >= len(at.Paragraphs) {
				continue
			}
			pg = append(pg, g)
			pp = append(pp, band(at.Paragraphs[i], tone.ActorBand))
		}
	}
	if s.N == 0 {
		return s, fmt.Errorf("eval tone: persent: no articles")
	}
	s.F1, s.MacroF1, s.Accuracy = stats.ConfusionF1(s.Confuse)
	var pc [3][3]int
	for i := range pg {
		pc[pg[i]+1][pp[i]+1]++
	}
	s.Paragraphs.N = len(pg)
	_, s.Paragraphs.MacroF1, _ = stats.ConfusionF1(pc)
	return s, nil
}

func band(x, b float64) int {
	switch {
	case x >= b && x > 0:
		return 1
	case x <= -b && x < 0:
		return -1
	}
	return 0
}

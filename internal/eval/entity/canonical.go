package entityeval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/diplotext/diplotext/internal/eval/conll"
)

// Pairs are the counts of a pairwise evaluation of canonical names: of
// the pairs of linked mentions of one document, how many the gold links
// join (Gold), how many the predicted canonical names join (Predicted),
// and how many both join (Both).
type Pairs struct {
	Gold, Predicted, Both int
	// Mentions is the number of linked mentions; Found the number that
	// a predicted entity overlaps.
	Mentions, Found int
	// Documents is the number of documents scored.
	Documents int
}

// PRF returns pair precision, recall and F1.
func (p Pairs) PRF() (precision, recall, f1 float64) {
	if p.Predicted > 0 {
		precision = float64(p.Both) / float64(p.Predicted)
	}
	if p.Gold > 0 {
		recall = float64(p.Both) / float64(p.Gold)
	}
	if precision+recall > 0 {
		f1 = 2 * precision * recall / (precision + recall)
	}
	return
}

// aidaDoc is one line of the AIDA-CoNLL benchmark (ad-freiburg/elevant
// format): the text, masked except the mentions, and the linked mentions.
type aidaDoc struct {
	Text   string `json:"text"`
	Labels []struct {
		Span     [2]int `json:"span"`
		EntityID string `json:"entity_id"`
		Name     string `json:"name"`
	} `json:"labels"`
}

// EvalCanonical scores the canonical names tag gives against the
// Wikidata links of the AIDA-CoNLL benchmark read from aida, whose
// documents are those of the CoNLL-2003 file read from testa in order
// (the benchmark's text is masked; the words come from the CoNLL file).
// Each document goes to tag as raw text, its tokens joined by spaces and
// its sentences by line breaks (the benchmark's offsets still hold). A
// linked mention takes the canonical name of the first predicted entity
// it overlaps, or its own text if none does; two mentions of a document
// are joined by the prediction if their canonical names are equal, by
// the gold links if their entity ids are. Mentions linked to no entity
// ("--NME--", "<NIL>" or empty) are left out.
func EvalCanonical(tag TagFunc, testa, aida io.Reader) (Pairs, error) {
	return EvalCanonicalErrors(tag, testa, aida, nil)
}

// EvalCanonicalErrors is EvalCanonical that also writes to errs, when it
// is not nil, every wrongly joined or wrongly split pair of mentions of
// each document (gold id, mention text and predicted canonical name of
// both), for error analysis.
func EvalCanonicalErrors(tag TagFunc, testa, aida io.Reader, errs io.Writer) (Pairs, error) {
	var p Pairs
	docs, err := conll.Read(testa)
	if err != nil {
		return p, fmt.Errorf("entityeval: %w", err)
	}
	sc := bufio.NewScanner(aida)
	sc.Buffer(nil, 64<<20)
	k := 0
	for sc.Scan() {
		if len(strings.TrimSpace(sc.Text())) == 0 {
			continue
		}
		var ad aidaDoc
		if err := json.Unmarshal(sc.Bytes(), &ad); err != nil {
			return p, fmt.Errorf("entityeval: benchmark line %d: %w", k+1, err)
		}
		if k >= len(docs) {
			return p, fmt.Errorf("entityeval: benchmark has more documents than the CoNLL file (%d)", len(docs))
		}
		text, err := alignText(docs[k], ad.Text)
		if err != nil {
			return p, fmt.Errorf("entityeval: document %d: %w", k+1, err)
		}
		k++
		ents, err := tag(text)
		if err != nil {
			return p, err
		}
		type mention struct{ gold, pred, text string }
		var ms []mention
		for _, l := range ad.Labels {
			if l.EntityID == "" || strings.HasPrefix(l.EntityID, "--") || l.EntityID == "<NIL>" {
				continue
			}
			s, e := l.Span[0], l.Span[1]
			if s < 0 || e > len(text) || s >= e {
				return p, fmt.Errorf("entityeval: document %d: span [%d, %d) out of range", k, s, e)
			}
			m := mention{gold: l.EntityID, pred: "\x00" + text[s:e], text: text[s:e]}
			for _, en := range ents {
				if en.Start < e && en.End > s {
					m.pred = en.Canonical
					p.Found++
					break
				}
			}
			p.Mentions++
			ms = append(ms, m)
		}
		for i := range ms {
			for j := i + 1; j < len(ms); j++ {
				g, q := ms[i].gold == ms[j].gold, ms[i].pred == ms[j].pred
				if g {
					p.Gold++
				}
				if q {
					p.Predicted++
				}
				if g && q {
					p.Both++
				}
				if errs != nil && g != q && ms[i].text != ms[j].text {
					kind := "SPLIT"
					if q {
						kind = "JOINED"
					}
					fmt.Fprintf(errs, "%d\t%s\t%s=%q [%s]\t%s=%q [%s]\n", k, kind, ms[i].gold, ms[i].text, strings.TrimPrefix(ms[i].pred, "\x00"), ms[j].gold, ms[j].text, strings.TrimPrefix(ms[j].pred, "\x00"))
				}
			}
		}
		p.Documents++
	}
	if err := sc.Err(); err != nil {
		return p, fmt.Errorf("entityeval: %w", err)
	}
	if k != len(docs) {
		return p, fmt.Errorf("entityeval: benchmark has %d documents, the CoNLL file %d", k, len(docs))
	}
	return p, nil
}

// alignText returns the text of CoNLL document d as the benchmark writes
// it (tokens joined by single spaces), with the space after the last
// token of each sentence made a line break, and checks it against the
// masked text: same length, same bytes wherever the mask left them.
func alignText(d conll.Document, masked string) (string, error) {
	var b strings.Builder
	for k, s := range d.Sentences {
		if k > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(strings.Join(s.Words, " "))
	}
	text := b.String()
	if len(text) != len(masked) {
		return "", fmt.Errorf("text of %d bytes, benchmark text of %d", len(text), len(masked))
	}
	for i := 0; i < len(text); i++ {
		if c := masked[i]; c != '*' && c != text[i] && !(text[i] == '\n' && c == ' ') {
			return "", fmt.Errorf("byte %d: %q in the CoNLL file, %q in the benchmark", i, text[i], c)
		}
	}
	return text, nil
}

// Package entityeval scores package entity on labelled development data
// (CoNLL-2003 files). It is development tooling for the diplotext tool
// and the training programs, not part of the public API.
package entityeval

import (
	"fmt"
	"io"
	"strings"

	"github.com/diplotext/diplotext/entity"
	"github.com/diplotext/diplotext/internal/eval/conll"
	"github.com/diplotext/diplotext/text"
)

// Scores holds precision, recall and F1 counts of an evaluation by
// exact span match, per CoNLL-2003 class (PER, ORG, LOC, MISC).
type Scores struct {
	s *conll.Scores
}

// PRF returns precision, recall and F1 of the CoNLL class typ ("PER",
// "ORG", "LOC", "MISC"), or of all classes if typ is "".
func (s *Scores) PRF(typ string) (precision, recall, f1 float64) { return s.s.PRF(typ) }

// WriteTo prints a table of precision, recall and F1 per class and
// overall.
func (s *Scores) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	err := s.s.Write(cw)
	return cw.n, err
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// EvalCoNLL tags the sentences of a CoNLL-2003 file (one token a line,
// the word first and the IOB tag last; -DOCSTART- lines separate
// documents) with t and scores the entities against the gold tags by exact
// span match. Entity types map to CoNLL classes as [entity.Type.CoNLL] does. Each
// document is tagged as one text, its tokens as given, one sentence a line.
func EvalCoNLL(t *entity.Tagger, r io.Reader) (*Scores, error) {
	docs, err := conll.Read(r)
	if err != nil {
		return nil, fmt.Errorf("entityeval: %w", err)
	}
	return evalDocs(t, docs)
}

// EvalCoNLLSentences is [EvalCoNLL] with every sentence tagged as a text
// of its own, the way headlines, leads and single sentences reach a
// tagger: no sentence is helped by how its words are written elsewhere in
// the document.
func EvalCoNLLSentences(t *entity.Tagger, r io.Reader) (*Scores, error) {
	docs, err := conll.Read(r)
	if err != nil {
		return nil, fmt.Errorf("entityeval: %w", err)
	}
	var alone []conll.Document
	for _, d := range docs {
		for _, s := range d.Sentences {
			alone = append(alone, conll.Document{Sentences: []conll.Sentence{s}})
		}
	}
	return evalDocs(t, alone)
}

// evalDocs tags every document with t and scores it against its gold tags.
func evalDocs(t *entity.Tagger, docs []conll.Document) (*Scores, error) {
	sc := conll.NewScores()
	for _, cd := range docs {
		d, starts := conllDocument(cd)
		ents, err := t.TagDocument(d)
		if err != nil {
			return nil, err
		}
		// predicted tags per token
		pred := make([]string, len(d.Tokens))
		for i := range pred {
			pred[i] = "O"
		}
		for _, e := range ents {
			first, last := d.TokenAt(e.Start), d.TokenAt(e.End-1)
			if first >= len(pred) || last >= len(pred) || last < first {
				continue
			}
			// entities inside one token (compound parts) count for the token
			if e.Type.CoNLL() == "" {
				continue
			}
			if pred[first] != "O" { // two parts of one token: keep the first
				continue
			}
			pred[first] = "B-" + e.Type.CoNLL()
			for i := first + 1; i <= last; i++ {
				pred[i] = "I-" + e.Type.CoNLL()
			}
		}
		for k, s := range cd.Sentences {
			f := starts[k]
			sc.Add(conll.Chunks(s.Tags), conll.Chunks(pred[f:f+len(s.Words)]))
		}
	}
	return &Scores{s: sc}, nil
}

// conllDocument builds a text.Document from the tokens of a CoNLL
// document, one sentence a line, and returns the index of the first token
// of every sentence.
func conllDocument(cd conll.Document) (*text.Document, []int) {
	var b strings.Builder
	d := &text.Document{}
	starts := make([]int, len(cd.Sentences))
	for k, s := range cd.Sentences {
		if k > 0 {
			b.WriteByte('\n')
		}
		starts[k] = len(d.Tokens)
		st := text.Sentence{Start: b.Len(), First: len(d.Tokens)}
		for i, w := range s.Words {
			if i > 0 {
				b.WriteByte(' ')
			}
			kind := text.Word
			if ts := text.Tokenize(w, nil); len(ts) > 0 {
				kind = ts[0].Kind
			}
			d.Tokens = append(d.Tokens, text.Token{Start: b.Len(), End: b.Len() + len(w), Kind: kind})
			b.WriteString(w)
		}
		st.End, st.Last = b.Len(), len(d.Tokens)
		d.Sentences = append(d.Sentences, st)
	}
	d.Text = b.String()
	return d, starts
}

// TagFunc tags a raw text, as a user's program does: by
// entity.Tagger.Tag, or through the root package's Analyze.
type TagFunc func(s string) ([]entity.Entity, error)

// EvalCoNLLText scores tag on the CoNLL-2003 file read from r the way
// users call it: each document (or, with sentences, each sentence) is
// given as raw text, its tokens joined by spaces and its sentences by
// line breaks, and tag tokenises it and splits its sentences itself. An
// entity counts for the gold tokens it overlaps; where two entities
// overlap one gold token, the first wins.
func EvalCoNLLText(tag TagFunc, r io.Reader, sentences bool) (*Scores, error) {
	return EvalCoNLLTextErrors(tag, r, sentences, nil)
}

// EvalCoNLLTextErrors is [EvalCoNLLText] that also writes to errs, when
// it is not nil, the gold entities missed ("-") and the predicted ones
// not in the gold ("+") of each sentence, with the sentence, for error
// analysis.
func EvalCoNLLTextErrors(tag TagFunc, r io.Reader, sentences bool, errs io.Writer) (*Scores, error) {
	docs, err := conll.Read(r)
	if err != nil {
		return nil, fmt.Errorf("entityeval: %w", err)
	}
	if sentences {
		var alone []conll.Document
		for _, d := range docs {
			for _, s := range d.Sentences {
				alone = append(alone, conll.Document{Sentences: []conll.Sentence{s}})
			}
		}
		docs = alone
	}
	sc := conll.NewScores()
	for _, cd := range docs {
		d, starts := conllDocument(cd)
		ents, err := tag(d.Text)
		if err != nil {
			return nil, err
		}
		pred := make([]string, len(d.Tokens))
		for i := range pred {
			pred[i] = "O"
		}
		for _, e := range ents {
			if e.Type.CoNLL() == "" || e.Start < 0 || e.End > len(d.Text) || e.Start >= e.End {
				continue
			}
			// the gold tokens the entity overlaps
			first := d.TokenAt(e.Start)
			last := first
			for last < len(d.Tokens) && d.Tokens[last].Start < e.End {
				last++
			}
			if first >= last || pred[first] != "O" {
				continue
			}
			pred[first] = "B-" + e.Type.CoNLL()
			for i := first + 1; i < last; i++ {
				if pred[i] != "O" {
					break
				}
				pred[i] = "I-" + e.Type.CoNLL()
			}
		}
		for k, s := range cd.Sentences {
			f := starts[k]
			gold, got := conll.Chunks(s.Tags), conll.Chunks(pred[f:f+len(s.Words)])
			sc.Add(gold, got)
			if errs != nil {
				writeChunkErrors(errs, s.Words, gold, got)
			}
		}
	}
	return &Scores{s: sc}, nil
}

// writeChunkErrors writes the chunks of gold not in got ("-") and of got
// not in gold ("+"), then the sentence, if there are any.
func writeChunkErrors(w io.Writer, words []string, gold, got []conll.Chunk) {
	in := func(c conll.Chunk, cs []conll.Chunk) bool {
		for _, d := range cs {
			if d == c {
				return true
			}
		}
		return false
	}
	n := 0
	for _, c := range gold {
		if !in(c, got) {
			fmt.Fprintf(w, "-\t%s\t%s\n", c.Type, strings.Join(words[c.Start:c.End], " "))
			n++
		}
	}
	for _, c := range got {
		if !in(c, gold) {
			fmt.Fprintf(w, "+\t%s\t%s\n", c.Type, strings.Join(words[c.Start:c.End], " "))
			n++
		}
	}
	if n > 0 {
		fmt.Fprintf(w, "#\t%s\n", strings.Join(words, " "))
	}
}

package entity

import (
	"io"
	"strings"
	"sync"
	"testing"

	"github.com/diplotext/diplotext/text"
)

// twoDocs is a CoNLL file of two documents, the first of two sentences.
const twoDocs = `-DOCSTART- -X- O O

Smith NNP B-NP B-PER
spoke VBD B-VP O
. . O O

Smith NNP B-NP B-PER
left VBD B-VP O
. . O O

-DOCSTART- -X- O O

Jones NNP B-NP B-PER
stayed VBD B-VP O
. . O O
`

func TestEvalCoNLLDocumentsAndSentences(t *testing.T) {
	// a recogniser that records how many sentences each text it sees has,
	// and tags "Smith" (not "Jones") as a person
	var mu sync.Mutex
	var seen []int
	rec := RecognizerFunc(func(d *text.Document) ([]Mention, error) {
		mu.Lock()
		seen = append(seen, len(d.Sentences))
		mu.Unlock()
		var ms []Mention
		for _, tk := range d.Tokens {
			if d.Text[tk.Start:tk.End] == "Smith" {
				ms = append(ms, Mention{Start: tk.Start, End: tk.End, Type: PERSON, Score: 1})
			}
		}
		return ms, nil
	})
	tg, err := NewTagger(WithRecognizer(rec), WithGazetteerMatches(false))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		eval func(*Tagger, io.Reader) (*Scores, error)
		want []int
	}{
		{"documents", EvalCoNLL, []int{2, 1}},
		{"sentences", EvalCoNLLSentences, []int{1, 1, 1}},
	} {
		seen = nil
		s, err := c.eval(tg, strings.NewReader(twoDocs))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if len(seen) != len(c.want) {
			t.Fatalf("%s: the recogniser saw texts of %v sentences, want %v", c.name, seen, c.want)
		}
		for i := range seen {
			if seen[i] != c.want[i] {
				t.Fatalf("%s: the recogniser saw texts of %v sentences, want %v", c.name, seen, c.want)
			}
		}
		// both Smiths found, Jones missed: P 1, R 2/3
		if p, r, _ := s.PRF("PER"); p != 1 || r < 0.666 || r > 0.667 {
			t.Errorf("%s: PER precision %.3f recall %.3f, want 1 and 0.667", c.name, p, r)
		}
	}
}

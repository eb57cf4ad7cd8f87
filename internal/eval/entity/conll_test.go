package entityeval

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/diplotext/diplotext/entity"
	"github.com/diplotext/diplotext/entity/statistical"
	"github.com/diplotext/diplotext/internal/shareddata"
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
	rec := entity.RecognizerFunc(func(d *text.Document) ([]entity.Mention, error) {
		mu.Lock()
		seen = append(seen, len(d.Sentences))
		mu.Unlock()
		var ms []entity.Mention
		for _, tk := range d.Tokens {
			if d.Text[tk.Start:tk.End] == "Smith" {
				ms = append(ms, entity.Mention{Start: tk.Start, End: tk.End, Type: entity.PERSON, Score: 1})
			}
		}
		return ms, nil
	})
	tg, err := entity.NewTagger(rec, entity.WithGazetteerMatches(false))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		eval func(*entity.Tagger, io.Reader) (*Scores, error)
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

func TestDevF1(t *testing.T) {
	f, err := os.Open(filepath.Join(shareddata.Require(t, "."), "conll2003", "eng.testa"))
	if err != nil {
		t.Skip("CoNLL-2003 dev set absent:", err)
	}
	defer f.Close()
	rec, err := statistical.New()
	if err != nil {
		t.Fatal(err)
	}
	tg, err := entity.NewTagger(rec)
	if err != nil {
		t.Fatal(err)
	}
	s, err := EvalCoNLL(tg, f)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, f1 := s.PRF(""); f1 < 0.92 {
		var b strings.Builder
		s.WriteTo(&b)
		t.Fatalf("dev F1 %.4f < 0.92\n%s", f1, b.String())
	}
}

func TestEvalCoNLLText(t *testing.T) {
	// tags "Smith" (not "Jones") as a person, and "spoke." as one ORG
	// entity over two gold tokens of different classes (counted once)
	rec := entity.RecognizerFunc(func(d *text.Document) ([]entity.Mention, error) {
		var ms []entity.Mention
		for _, tk := range d.Tokens {
			if d.Text[tk.Start:tk.End] == "Smith" {
				ms = append(ms, entity.Mention{Start: tk.Start, End: tk.End, Type: entity.PERSON, Score: 1})
			}
		}
		return ms, nil
	})
	tg, err := entity.NewTagger(rec, entity.WithGazetteerMatches(false))
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	tag := func(s string) ([]entity.Entity, error) {
		texts = append(texts, s)
		return tg.Tag(s)
	}
	for _, alone := range []bool{false, true} {
		texts = nil
		s, err := EvalCoNLLText(tag, strings.NewReader(twoDocs), alone)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"Smith spoke .\nSmith left .", "Jones stayed ."}
		if alone {
			want = []string{"Smith spoke .", "Smith left .", "Jones stayed ."}
		}
		if strings.Join(texts, "|") != strings.Join(want, "|") {
			t.Errorf("sentences=%v: texts %q, want %q", alone, texts, want)
		}
		if p, r, _ := s.PRF("PER"); p != 1 || r < 0.666 || r > 0.667 {
			t.Errorf("sentences=%v: PER precision %.3f recall %.3f, want 1 and 0.667", alone, p, r)
		}
	}
}

package conll

import (
	"strings"
	"testing"
)

const sample = `-DOCSTART- -X- O O

Ann NNP I-NP I-PER
Lee NNP I-NP I-PER
visited VBD I-VP O
New NNP I-NP I-LOC
York NNP I-NP I-LOC
. . O O

-DOCSTART- -X- O O

UN NNP I-NP I-ORG
Security NNP I-NP B-ORG
Council NNP I-NP I-ORG
`

func TestRead(t *testing.T) {
	docs, err := Read(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || len(docs[0].Sentences) != 1 || len(docs[1].Sentences[0].Words) != 3 {
		t.Fatalf("got %+v", docs)
	}
	got := Chunks(docs[1].Sentences[0].Tags)
	want := []Chunk{{0, 1, "ORG"}, {1, 3, "ORG"}}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("chunks %v", got)
	}
	if _, err := Read(strings.NewReader("word\n")); err == nil {
		t.Fatal("one-column line accepted")
	}
}

func TestScores(t *testing.T) {
	s := NewScores()
	s.Add([]Chunk{{0, 2, "PER"}, {3, 5, "LOC"}}, []Chunk{{0, 2, "PER"}, {3, 4, "LOC"}, {6, 7, "ORG"}})
	p, r, f := s.PRF("")
	if p != 1.0/3 || r != 0.5 || f < 0.399 || f > 0.401 {
		t.Fatalf("P %v R %v F %v", p, r, f)
	}
	if p, r, f := s.PRF("PER"); p != 1 || r != 1 || f != 1 {
		t.Fatalf("PER: %v %v %v", p, r, f)
	}
	var b strings.Builder
	if err := s.Write(&b); err != nil || !strings.Contains(b.String(), "overall") {
		t.Fatalf("table: %q %v", b.String(), err)
	}
}

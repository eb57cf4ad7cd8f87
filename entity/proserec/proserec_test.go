package proserec

import (
	"strings"
	"testing"

	"github.com/diplotext/diplotext/entity"
)

func TestLocate(t *testing.T) {
	s := "Mr. Lavrov met  Marco Rubio;\tMarco Rubio left."
	start, end, ok := locate(s, "Marco Rubio", 0)
	if !ok || s[start:end] != "Marco  Rubio"[:0]+s[start:end] || s[start:end] != "Marco Rubio" {
		t.Fatalf("got %d %d %v", start, end, ok)
	}
	start2, _, ok := locate(s, "Marco Rubio", end)
	if !ok || start2 <= start {
		t.Fatalf("second occurrence: %d", start2)
	}
	if _, _, ok := locate(s, "Rubio Lavrov", 0); ok {
		t.Fatal("absent phrase located")
	}
	if _, _, ok := locate(s, "", 0); ok {
		t.Fatal("empty phrase located")
	}
}

func TestProseTagger(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the prose model")
	}
	tg, err := entity.NewTagger(New())
	if err != nil {
		t.Fatal(err)
	}
	in := "Secretary of State Marco Rubio met Sergei Lavrov in Kuala Lumpur.\n\xff\x00 ... Google said."
	ents, err := tg.Tag(in)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range ents {
		if e.Text != in[e.Start:e.End] {
			t.Fatalf("bad offsets %+v", e)
		}
		if e.Type == entity.PERSON && strings.Contains(e.Text, "Rubio") {
			found = true
		}
	}
	if !found {
		t.Errorf("prose found no Rubio: %+v", ents)
	}
}

func TestLabel(t *testing.T) {
	for l, want := range map[string]entity.Type{"PERSON": entity.PERSON, "B-GPE": entity.LOCATION, "ORG": entity.ORG, "EVENT": entity.MISC} {
		if got := Label(l); got != want {
			t.Errorf("Label(%q) = %v, want %v", l, got, want)
		}
	}
}

func TestTrainModelErrors(t *testing.T) {
	if _, err := TrainModel("x", []string{"a"}, nil); err == nil {
		t.Fatal("length mismatch accepted")
	}
	if _, err := TrainModel("x", []string{"ab"}, [][]entity.Entity{{{Start: 1, End: 9, Type: entity.ORG}}}); err == nil {
		t.Fatal("out-of-range span accepted")
	}
}
